/*
 * The pidfile ifupdown and init scripts use to find and signal an applet.
 * Removed at exit by the process it names, so a daemon's parent exiting
 * after fork() does not remove the child's file.
 */
#include "libbb.h"

#include <fcntl.h>

static const char *pidfile_path;

void remove_pidfile(void)
{
	char buf[32];
	ssize_t n;
	int fd;

	if (!pidfile_path)
		return;
	fd = open(pidfile_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = safe_read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (strtol(buf, NULL, 10) == (long)getpid())
		unlink(pidfile_path);
}

void write_pidfile(const char *path)
{
	char buf[32];
	int fd, len;

	fd = xopen3(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	xwrite(fd, buf, (size_t)len);
	close(fd);
	if (!pidfile_path)
		atexit(remove_pidfile);
	pidfile_path = path;
}

void rewrite_pidfile(void)
{
	if (pidfile_path)
		write_pidfile(pidfile_path);
}
