/*
 * libFuzzer target: server/ere.c, the regular expressions of ~= and ~~.
 * The input is a flags byte (bit 0: REG_ICASE), the pattern up to the
 * first NUL, then texts, each ended by a NUL (neither holds one: regexec's
 * are C strings; a '\n' is a byte like any other, and the anchors treat
 * it specially). Whatever the pattern, compiling
 * ends with a program within ERE_INSNS_MAX or an error, and matching ends
 * (libFuzzer's timeout: it is linear in the text). Where glibc is the
 * reference and cheap (a short pattern with few repetitions, a small
 * program, no anchor in a repeated group: ere_glibc.h), its regcomp must
 * refuse what ere_compile
 * refuses (but the refusals only ours make) and its regexec agree on
 * every text.
 */
#include "server/ere.h"
#include "ere_glibc.h"

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { INSNS_GLIBC_MAX = 96, TEXTS_MAX = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *alloc(void *ctx, size_t size)
{
	void **list = ctx, **block = malloc(sizeof(void *) + size);

	if (!block)
		return NULL;
	block[0] = *list;	/* freed after the run, as the arena is */
	*list = block;
	return block + 1;
}

static void free_all(void *list)
{
	while (list) {
		void *next = *(void **)list;

		free(list);
		list = next;
	}
}

/* glibc's answers against ours, where it is asked. */
static void glibc_compare(const char *pattern, bool icase, enum ere_error err, struct ere *re,
	char *const *text, unsigned ntext)
{
	regex_t g;
	int rc;

	if (!glibc_cheap(pattern) || (err >= ERE_BACKREF && err <= ERE_NOMEM)
			|| (re && (ere_insns(re) > INSNS_GLIBC_MAX || glibc_drops_anchor(pattern))))
		return;
	rc = regcomp(&g, pattern, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
	if ((rc != 0) != (err != ERE_OK))
		abort();	/* one refuses what the other takes */
	if (rc != 0)
		return;
	for (unsigned i = 0; i < ntext; i++)
		if ((regexec(&g, text[i], 0, NULL, 0) == 0) != ere_match(re, text[i], strlen(text[i])))
			abort();
	regfree(&g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[8192], *text[TEXTS_MAX], *line, *pattern;
	unsigned ntext = 0;
	void *blocks = NULL;
	struct ere *re;
	enum ere_error err;
	bool icase;

	if (size < 1 || size >= sizeof(buf))
		return 0;
	icase = data[0] & 1;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	pattern = buf;
	line = strchr(buf, '\0');	/* the pattern's end */
	while (ntext < TEXTS_MAX && line + 1 < buf + size - 1) {
		text[ntext++] = ++line;
		line = strchr(line, '\0');
	}
	err = ere_compile(pattern, icase, alloc, &blocks, &re);
	if (!ere_error_text(err) || (err == ERE_OK) != (re != NULL) || (re && ere_insns(re) > ERE_INSNS_MAX))
		abort();
	for (unsigned i = 0; re && i < ntext; i++)
		ere_match(re, text[i], strlen(text[i]));
	glibc_compare(pattern, icase, err, re, text, ntext);
	free_all(blocks);
	return 0;
}
