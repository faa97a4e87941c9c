/*
 * x-functions: the call succeeds or the applet dies with a message naming
 * what failed. For set-up code only; loops that must survive an error call
 * the plain function and log.
 */
#include "libbb.h"

#include <fcntl.h>
#include <sys/socket.h>

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		bb_error_msg_and_die("out of memory");
	return p;
}

void *xzalloc(size_t size)
{
	void *p = xmalloc(size);

	memset(p, 0, size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	ptr = realloc(ptr, size ? size : 1);
	if (!ptr)
		bb_error_msg_and_die("out of memory");
	return ptr;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		bb_error_msg_and_die("out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		bb_error_msg_and_die("out of memory");
	return s;
}

int xsocket(int domain, int type, int protocol)
{
	int fd = socket(domain, type, protocol);

	if (fd < 0)
		bb_perror_msg_and_die("socket");
	return fd;
}

void xbind(int fd, const void *addr, unsigned addrlen)
{
	if (bind(fd, (const struct sockaddr *)addr, addrlen) < 0)
		bb_perror_msg_and_die("bind");
}

void xsetsockopt(int fd, int level, int name, const void *val, unsigned len)
{
	if (setsockopt(fd, level, name, val, len) < 0)
		bb_perror_msg_and_die("setsockopt(%d, %d)", level, name);
}

int xopen3(const char *path, int flags, int mode)
{
	int fd = open(path, flags, mode);

	if (fd < 0)
		bb_perror_msg_and_die("can't open '%s'", path);
	return fd;
}

int xopen(const char *path, int flags)
{
	return xopen3(path, flags, 0666);
}

void xpipe(int fds[2])
{
	if (pipe(fds) < 0)
		bb_perror_msg_and_die("pipe");
}

void xdup2(int from, int to)
{
	if (dup2(from, to) != to)
		bb_perror_msg_and_die("dup2");
}

ssize_t safe_read(int fd, void *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

ssize_t full_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

void xwrite(int fd, const void *buf, size_t len)
{
	if (full_write(fd, buf, len) != (ssize_t)len)
		bb_perror_msg_and_die("write");
}

void close_on_exec(int fd)
{
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void set_nonblocking(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}
