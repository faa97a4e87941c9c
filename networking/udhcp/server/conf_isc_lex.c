/*
 * conf_isc_lex.c: dhcpd.conf as tokens (dhcpd.conf(5): "a free-form
 * ASCII text file"; words are keywords, names, numbers and addresses).
 *
 *	# to the end of the line	a comment (not inside a string)
 *	; { } , = : ( )			one token each
 *	"..."				a string; escapes \" \\ \t \n \r \b,
 *					\ooo (octal) and \xHH; \c is c
 *	anything else printable		words, ending at blanks or punctuation
 *
 * A MAC (0:0:c0:5d:bd:95) or other colon-hex is words and colons; the
 * value readers put it together (an octet is a word of hex digits), so
 * spaces or line breaks after a colon are fine, as ISC allows. Bytes
 * outside printable ASCII are errors outside strings and comments.
 * Lines count from 1, columns from 1 in bytes (a tab is one column).
 *
 * An error is said when the token is read, and is a T_ERROR token; the
 * next token starts after it (after the bad bytes, or the end of a bad
 * string), so that the parser can go on.
 */
#include "libbb.h"
#include "server/conf_isc.h"
#include "codec/bytes.h"

#include <stdio.h>
#include <string.h>

void isc_lex_init(struct isc_lexer *lx, const char *text, const char *filename,
	struct isc_errors *errs)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = text;
	lx->filename = filename;
	lx->line = 1;
	lx->col = 1;
	lx->errs = errs;
	lx->last = T_EOF;
}

static int cur(const struct isc_lexer *lx)
{
	return (unsigned char)lx->src[lx->pos];
}

static void advance(struct isc_lexer *lx)
{
	if (lx->src[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static bool is_word_char(int c)
{
	return c > ' ' && c < 0x7f && !strchr(";{},=:()\"#", c);
}

static void skip_blanks_and_comments(struct isc_lexer *lx)
{
	for (;;) {
		int c = cur(lx);

		if (is_blank(c)) {
			advance(lx);
		} else if (c == '#') {
			while (cur(lx) && cur(lx) != '\n')
				advance(lx);
		} else {
			return;
		}
	}
}

/* A bad byte c (what NULL), or what. */
static const struct isc_token *lex_error(struct isc_lexer *lx, const char *what, int c)
{
	lx->tok.type = T_ERROR;
	lx->tok.text = "";
	lx->tok.len = 0;
	if (!what)
		isc_report(lx->errs, lx->filename, lx->tok.line, lx->tok.col,
			"unexpected byte 0x%02x", (unsigned)c);
	else
		isc_report(lx->errs, lx->filename, lx->tok.line, lx->tok.col, "%s", what);
	return &lx->tok;
}

/* The rest of a bad string, its closing quote included. */
static const struct isc_token *string_error(struct isc_lexer *lx, const char *what)
{
	while (cur(lx) && cur(lx) != '"') {
		if (cur(lx) == '\\')
			advance(lx);
		if (cur(lx))
			advance(lx);
	}
	if (cur(lx))
		advance(lx);
	return lex_error(lx, what, -1);
}

/* The escape after a backslash (taken): its byte, or -1. */
static int read_escape(struct isc_lexer *lx)
{
	int c = cur(lx), v = 0, n;
	static const char plain[] = "tnrb", coded[] = "\t\n\r\b";
	const char *e;

	if (c >= '0' && c <= '7') {
		for (n = 0; n < 3 && cur(lx) >= '0' && cur(lx) <= '7'; n++, advance(lx))
			v = v * 8 + (cur(lx) - '0');
		return v > 255 ? -1 : v;
	}
	if (c == 'x') {
		advance(lx);
		for (n = 0; n < 2 && udhcp_hex_digit(cur(lx)) >= 0; n++, advance(lx))
			v = v * 16 + udhcp_hex_digit(cur(lx));
		return n == 0 ? -1 : v;
	}
	if (c == '\0')
		return -1;
	advance(lx);
	e = strchr(plain, c);
	return e ? (unsigned char)coded[e - plain] : c;
}

static const struct isc_token *read_string(struct isc_lexer *lx)
{
	size_t n = 0;

	advance(lx);	/* the opening quote */
	for (;;) {
		int c = cur(lx);

		if (c == '\0')
			return lex_error(lx, "the string has no closing '\"'", -1);
		if (c == '"')
			break;
		advance(lx);
		if (c == '\\' && (c = read_escape(lx)) < 0)
			return string_error(lx, "a bad escape in the string (\\ooo is at most \\377, \\x needs a hex digit)");
		if (n == ISC_STRING_MAX)
			return string_error(lx, "a string longer than 1024 bytes");
		lx->buf[n++] = (char)c;
	}
	advance(lx);
	lx->buf[n] = '\0';
	lx->tok.type = T_STRING;
	lx->tok.text = lx->buf;
	lx->tok.len = n;
	return &lx->tok;
}

static const struct isc_token *read_token(struct isc_lexer *lx)
{
	static const char punct[] = ";{},=:()";
	static const enum isc_tok types[] = { T_SEMI, T_LBRACE, T_RBRACE, T_COMMA, T_EQUAL,
		T_COLON, T_LPAREN, T_RPAREN };
	const char *p;
	int c;

	skip_blanks_and_comments(lx);
	lx->tok.line = lx->line;
	lx->tok.col = lx->col;
	lx->tok.text = lx->src + lx->pos;
	lx->tok.len = 0;
	c = cur(lx);
	if (c == '\0') {
		lx->tok.type = T_EOF;
		return &lx->tok;
	}
	if (c == '"')
		return read_string(lx);
	if ((p = strchr(punct, c)) != NULL) {
		advance(lx);
		lx->tok.type = types[p - punct];
		lx->tok.len = 1;
		return &lx->tok;
	}
	if (!is_word_char(c)) {
		/* one error for a run of them (a UTF-8 character) */
		do
			advance(lx);
		while (cur(lx) && !is_word_char(cur(lx)) && !is_blank(cur(lx))
		    && !strchr(punct, cur(lx)) && cur(lx) != '"' && cur(lx) != '#');
		return lex_error(lx, NULL, c);
	}
	while (is_word_char(cur(lx)))
		advance(lx);
	lx->tok.type = T_WORD;
	lx->tok.len = (size_t)(lx->src + lx->pos - lx->tok.text);
	if (lx->tok.len > ISC_WORD_MAX)
		return lex_error(lx, "a word longer than 255 bytes", -1);
	return &lx->tok;
}

const struct isc_token *isc_peek(struct isc_lexer *lx)
{
	if (!lx->have) {
		read_token(lx);
		lx->have = true;
	}
	return &lx->tok;
}

struct isc_token isc_next(struct isc_lexer *lx)
{
	const struct isc_token *t = isc_peek(lx);

	if (t->type == T_EOF)	/* stays there */
		return *t;
	lx->have = false;
	if (t->type == T_LBRACE)
		lx->depth++;
	else if (t->type == T_RBRACE && lx->depth > 0)
		lx->depth--;
	lx->last = t->type;
	lx->last_line = t->line;
	return *t;
}

void isc_unget(struct isc_lexer *lx)
{
	if (!lx->have && lx->tok.type == T_WORD)
		lx->have = true;
}

bool isc_is(const struct isc_token *t, const char *w)
{
	size_t n = strlen(w);

	if (t->type != T_WORD || t->len != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)t->text[i], b = (unsigned char)w[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

int isc_word_index(const struct isc_token *t, const char *words)
{
	return t->type == T_WORD ? index_in_strings(words, t->text, t->len) : -1;
}

const char *isc_tok_text(const struct isc_token *t, char *buf, size_t cap)
{
	switch (t->type) {
	case T_EOF:
		snprintf(buf, cap, "the end of the file");
		break;
	case T_WORD:
		snprintf(buf, cap, "'%.*s'", (int)(t->len > 40 ? 40 : t->len), t->text);
		break;
	case T_STRING:
		snprintf(buf, cap, "a string");
		break;
	case T_ERROR:
		snprintf(buf, cap, "an error");
		break;
	default:
		snprintf(buf, cap, "'%c'", t->text[0]);
		break;
	}
	return buf;
}
