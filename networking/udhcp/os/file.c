/*
 * file.c: the lease journal's file calls (see file.h).
 */
#include "libbb.h"
#include "os/file.h"

#include <fcntl.h>
#include <sys/stat.h>

int os_file_open_append(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

int64_t os_file_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) < 0 ? -1 : (int64_t)st.st_size;
}

int os_file_append(int fd, const void *buf, size_t len)
{
	return full_write(fd, buf, len) == (ssize_t)len ? 0 : -1;
}

int os_file_truncate(int fd, int64_t size)
{
	return ftruncate(fd, (off_t)size);
}

int os_file_sync(int fd)
{
	return fdatasync(fd);
}

void os_file_close(int fd)
{
	close(fd);
}

/* The rename itself is durable only once the directory is (POSIX leaves
 * it to fsync of the directory, and Linux file systems need it). */
static int sync_directory(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd, r;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

int os_file_replace(const char *path, int (*fill)(void *ctx, char *buf, size_t cap), void *ctx)
{
	char *tmp = xasprintf("%s.tmp", path), buf[4096];
	int fd, saved, n, r;

	/* a temp file a crash left (root's, from a run before udhcpd -u, could
	 * not be opened by the user) goes first: the directory is ours to write */
	if (unlink(tmp) < 0 && errno != ENOENT) {
		free(tmp);
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	r = fd < 0 ? -1 : 0;

	while (r == 0 && (n = fill(ctx, buf, sizeof(buf))) != 0)
		if (n < 0 || full_write(fd, buf, (size_t)n) != n)
			r = -1;
	if (r == 0 && fsync(fd) < 0)
		r = -1;
	if (fd >= 0 && close(fd) < 0)
		r = -1;
	if (r == 0 && rename(tmp, path) < 0)
		r = -1;
	saved = errno;
	if (r < 0 && fd >= 0)
		unlink(tmp);	/* a failed temp file must not keep the disk full */
	if (r == 0 && sync_directory(path) < 0)
		r = 1, saved = errno;
	free(tmp);
	errno = saved;
	return r;
}

int os_file_remove(const char *path)
{
	return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
}

char *os_file_read(const char *path, size_t *len)
{
	return bb_read_file(path, len);
}

int os_file_keep_previous(const char *path)
{
	char old[4096];

	if ((size_t)snprintf(old, sizeof(old), "%s~", path) >= sizeof(old)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (unlink(old) < 0 && errno != ENOENT)
		return -1;
	return link(path, old);
}
