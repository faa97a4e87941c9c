/*
 * ere.h: POSIX extended regular expressions, as ISC dhcpd's ~= and ~~ use
 * them (regcomp with REG_EXTENDED | REG_NOSUB, REG_ICASE for ~~; regexec
 * searches the data). Pure: a pattern in, a program out, a yes or no for
 * a text. Its own so that its cost is bounded: compiling is linear in the
 * program it writes, which repetitions copy out and which may be
 * ERE_INSNS_MAX long at most, and matching is linear in the text times the
 * program (a Thompson NFA: no backtracking, no state explosion).
 *
 * The language is glibc's in the C locale: POSIX EREs (POSIX.1-2017 XBD
 * 9.4) with GNU's \w \W \s \S \< \> \b \B \` \', an unmatched ')' as a
 * character, '^' and '$' anchors anywhere. What it refuses that glibc
 * takes: back-references (\1 to \9: matching them is NP-hard), a
 * backslash inside a bound (glibc reads "a{\0,4}" as "a{0,4}"), groups
 * nested over ERE_DEPTH_MAX deep, and programs over ERE_INSNS_MAX.
 */
#ifndef DHCPBOX_UDHCP_ERE_H
#define DHCPBOX_UDHCP_ERE_H

#include <stdbool.h>
#include <stddef.h>

enum {
	ERE_INSNS_MAX = 8192,	/* the program, its repetitions written out */
	ERE_DEPTH_MAX = 64,	/* groups in groups */
	ERE_PATTERN_MAX = 4096,	/* bytes of pattern */
	ERE_DUP_MAX = 32767,	/* a bound's count (glibc's RE_DUP_MAX) */
};

enum ere_error {
	ERE_OK,
	/* what glibc refuses too */
	ERE_ESCAPE, ERE_BRACKET, ERE_PAREN, ERE_BADRPT, ERE_BRACE, ERE_BADBR, ERE_RANGE,
	ERE_CTYPE, ERE_COLLATE, ERE_DUP_BIG,
	/* what glibc may take but this refuses: ERE_BACKREF to ERE_SIZE */
	ERE_BACKREF, ERE_BOUND_ESCAPE, ERE_DEPTH, ERE_SIZE,
	ERE_NOMEM,
};

struct ere;

/* Where the compiled program lives (the configuration's arena): size
 * bytes aligned for any type, or NULL. */
typedef void *ere_alloc_fn(void *ctx, size_t size);

/* Compiles pattern (a C string); icase is REG_ICASE. *out is the program
 * on ERE_OK, else NULL; its memory is all alloc's (compiling also mallocs
 * scratch, and frees it). */
enum ere_error ere_compile(const char *pattern, bool icase, ere_alloc_fn *alloc, void *ctx,
	struct ere **out);

/* What is wrong, in a few words. */
const char *ere_error_text(enum ere_error err);

/* Whether some part of text[0..len) matches (regexec without
 * REG_NOTBOL/REG_NOTEOL). text holds no NUL: regexec's text ends there.
 * The program keeps its own scratch, so one struct ere is matched by
 * one caller at a time. */
bool ere_match(struct ere *re, const char *text, size_t len);

/* The program's length in instructions (for tests and the limit's figures). */
unsigned ere_insns(const struct ere *re);

#endif
