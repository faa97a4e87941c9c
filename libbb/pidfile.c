/*
 * The pidfile ifupdown and init scripts use to find and signal an applet.
 * Removed at exit by the process it names, so a daemon's parent exiting
 * after fork() does not remove the child's file. The file stays open:
 * a daemon that has given up root (udhcpd -u) may no longer unlink it
 * from root's /run, but it can still empty it, and an empty pidfile
 * names no process.
 */
#include "libbb.h"

#include <fcntl.h>
#include <sys/stat.h>

static const char *pidfile_path;
static int pidfile_fd = -1;

/* Does the file (by path, or our open one) name us? */
static bool names_us(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strtol(buf, NULL, 10) == (long)getpid();
}

void remove_pidfile(void)
{
	int fd, why;

	if (!pidfile_path)
		return;
	/* by path: a later instance may have put its own file there */
	fd = open(pidfile_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	if (names_us(fd) && unlink(pidfile_path) < 0 && (why = errno) != ENOENT && pidfile_fd >= 0
	    && names_us(pidfile_fd) && ftruncate(pidfile_fd, 0) == 0)
		bb_info_msg("can't remove %s (%s): emptied it", pidfile_path, strerror(why));
	close(fd);
}

void write_pidfile(const char *path)
{
	char buf[32];
	struct stat st;
	int fd, len;

	/* O_NOFOLLOW: written as root, often in a shared directory, a symlink
	 * planted at path must not make us truncate the file it points to */
	fd = xopen3(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK, 0644);
	/* nor a hard link to another file, or a FIFO or device put there:
	 * emptied only once it is known to be a pidfile's kind of file */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1)
		bb_error_msg_and_die("%s is not a plain file of its own (a link or a device?): not"
			" writing a pidfile there", path);
	if (ftruncate(fd, 0) < 0)
		bb_perror_msg_and_die("can't truncate %s", path);
	len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	xwrite(fd, buf, (size_t)len);
	if (pidfile_fd >= 0)
		close(pidfile_fd);
	pidfile_fd = fd;
	if (!pidfile_path)
		atexit(remove_pidfile);
	pidfile_path = path;
}

void rewrite_pidfile(void)
{
	if (pidfile_path)
		write_pidfile(pidfile_path);
}
