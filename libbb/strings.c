/*
 * Packed string lists: "one\0two\0three\0", the strings end to end and the
 * list ended by an empty one (the literal's own NUL after the last "\0").
 * Why: in a position-independent executable every pointer of a const
 * table costs its 8 bytes plus a 24-byte dynamic relocation; a packed list
 * costs its text alone. BusyBox's nth_string and index_in_strings do the
 * same job.
 */
#include "libbb.h"

#include <strings.h>

const char *nth_string(const char *strings, unsigned n)
{
	while (n-- && *strings)
		strings += strlen(strings) + 1;
	return strings;
}

int index_in_strings(const char *strings, const char *key, size_t len)
{
	for (int i = 0; *strings; i++) {
		size_t n = strlen(strings);

		if (n == len && strncasecmp(strings, key, len) == 0)
			return i;
		strings += n + 1;
	}
	return -1;
}
