/*
 * Strict number parsing for command lines and config files: a typo such as
 * "-T 3s" or "-t -1" is an error, never a silently different number.
 */
#include "libbb.h"

int bb_strtou(const char *s, unsigned max, unsigned *value)
{
	unsigned long long v = 0;

	if (*s == '\0') {
		errno = EINVAL;
		return -1;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			errno = EINVAL;
			return -1;
		}
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max) {
			errno = ERANGE;
			return -1;
		}
	}
	*value = (unsigned)v;
	return 0;
}

unsigned xatou(const char *s)
{
	unsigned v;

	if (bb_strtou(s, UINT32_MAX, &v) < 0)
		bb_error_msg_and_die("invalid number '%s'", s);
	return v;
}
