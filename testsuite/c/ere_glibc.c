/* ere_glibc.c: see ere_glibc.h. */
#include "ere_glibc.h"

#include <stdlib.h>
#include <string.h>

/* The ']' that closes the bracket expression at p, as ere.c reads it, or
 * NULL. */
static const char *bracket_end(const char *p)
{
	p++;
	p += *p == '^';
	p += *p == ']';
	for (; *p && *p != ']'; p++) {
		if (p[0] == '[' && p[1] && strchr(".=:", p[1])) {
			const char end[3] = { p[1], ']', '\0' };

			if (!(p = strstr(p + 2, end)))
				return NULL;
			p++;
		}
	}
	return *p ? p : NULL;
}

/*
 * glibc 2.36 drops an anchor's test in a repeated group: "(^a){2}" and
 * "(^a)+$" match "aa", "(a$){2}" and "(\\<a){2}" too. Such a pattern is
 * not compared (ere.c keeps the anchor: POSIX's meaning). The scan: a
 * group that holds an anchor, at any depth, and is followed by a
 * repetition.
 */
bool glibc_drops_anchor(const char *p)
{
	enum { DEPTH = 128 };	/* ere.c refuses groups nested over 64 deep */
	bool anchored[DEPTH] = { false };
	unsigned depth = 0;

	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			if (strchr("`'<>bB", *p))
				anchored[depth] = true;
		} else if (*p == '^' || *p == '$') {
			anchored[depth] = true;
		} else if (*p == '[') {
			if (!(p = bracket_end(p)))
				return false;
		} else if (*p == '(' && depth + 1 < DEPTH) {
			anchored[++depth] = false;
		} else if (*p == ')' && depth > 0) {
			bool inner = anchored[depth--];

			if (inner && strchr("*+?{", p[1]) && p[1])
				return true;
			anchored[depth] |= inner;
		}
	}
	return false;
}


/*
 * regcomp's cost grows with repetitions over anchors and parts that match
 * nothing ("$\x18" then 30 '*' and a '+' takes glibc 1 s, 13 s under ASan),
 * and it copies a bound's operand out ("((\x1a{0}){660}){60}" overflows
 * its stack). Cheap is 48 bytes, 4 repetitions, and 256 for the product
 * of their counts (a bound its largest number, '*' '+' '?' 2) at most.
 */
bool glibc_cheap(const char *p)
{
	unsigned repetitions = 0, product = 1;

	if (strlen(p) > 48)
		return false;
	for (; *p; p++) {
		unsigned count = 2;

		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[') {
			if (!(p = bracket_end(p)))
				return true;	/* a '[' not closed: regcomp stops there */
			continue;
		}
		if (!strchr("*+?{", *p))
			continue;
		for (const char *q = p + 1; *p == '{' && *q && *q != '}'; q++)
			if (*q >= '0' && *q <= '9' && (q[-1] < '0' || q[-1] > '9'))
				count = (unsigned)atoi(q) > count ? (unsigned)atoi(q) : count;
		if (++repetitions > 4 || (product *= count > 256 ? 257 : count) > 256)
			return false;
	}
	return true;
}
