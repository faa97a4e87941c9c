/*
 * A whole text file in memory, for the config, lease and state files the
 * applets read at start. NULL (errno set) when it cannot be read.
 */
#include "libbb.h"

#include <fcntl.h>

char *bb_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 4096;
	char *buf;
	ssize_t n;

	*len = 0;
	if (fd < 0)
		return NULL;
	buf = xmalloc(cap + 1);
	while ((n = safe_read(fd, buf + *len, cap - *len)) > 0) {
		*len += (size_t)n;
		if (*len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	if (n < 0) {
		int saved = errno;

		close(fd);
		free(buf);
		errno = saved;
		return NULL;
	}
	close(fd);
	buf[*len] = '\0';
	return buf;
}

char *bb_read_text_file(const char *path)
{
	size_t len;

	return bb_read_file(path, &len);
}
