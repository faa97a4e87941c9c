/*
 * conf_isc_expr.c: ISC's expressions (dhcp-eval(5)) into the tree of
 * expr.h, the part network boot configurations use:
 *
 *	boolean	A or B, A and B, not A, ( A ), exists OPTION, known, static,
 *		DATA = DATA, DATA != DATA, DATA ~= "REGEX", DATA ~~ "REGEX"
 *	data	"string", colon:separated:hex (or one octet), option NAME,
 *		option SPACE.NAME, hardware, substring(DATA, N, N),
 *		suffix(DATA, N), concat(DATA, DATA...), pick-first-value(DATA,
 *		DATA...), binary-to-ascii(N, N, DATA, DATA), lcase(DATA),
 *		ucase(DATA)
 *	numeric	a decimal number
 *
 * "or" binds loosest, then "and", then "not" (which here also takes a
 * comparison: "not option x = y" is "not (option x = y)"; ISC takes only
 * "not" of a single term). Regular expressions are POSIX extended ones
 * as glibc reads them (ISC: regcomp with REG_EXTENDED; ~~ adds REG_ICASE),
 * compiled now by server/ere.c. ISC's other functions are errors naming
 * them.
 */
#include "server/conf_isc.h"
#include "server/expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXPR_DEPTH_MAX = 32 };

static int bool_or(struct isc_parser *p, const struct conf_expr **out);

static struct conf_expr *node(struct isc_parser *p, enum conf_expr_op op, const struct isc_token *at)
{
	struct conf_expr *e = conf_alloc(p->cfg, sizeof(*e));

	if (!e)
		isc_oom(p, at);
	else
		e->op = (uint8_t)op;
	return e;
}

static int deeper(struct isc_parser *p, const struct isc_token *at)
{
	if (p->expr_depth >= EXPR_DEPTH_MAX)
		return isc_fail(p, at, "an expression nested more than %d deep", EXPR_DEPTH_MAX);
	p->expr_depth++;
	return 0;
}

static int punct(struct isc_parser *p, enum isc_tok type, const char *what)
{
	struct isc_token t;

	return isc_expect(p, type, what, &t);
}

/* A decimal number (offsets, lengths, bases, widths). */
static int numeric(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token at = *isc_peek(p->lx);
	struct conf_expr *e;
	uint32_t v;

	if (at.type == T_WORD && (isc_is(&at, "extract-int") || isc_is(&at, "lease-time")))
		return isc_fail(p, &at, "'%.*s' is not supported", (int)at.len, at.text);
	if (isc_number(p, 32, &v) < 0)
		return -1;
	if (!(e = node(p, EX_NUMBER, &at)))
		return -1;
	e->number = v;
	*out = e;
	return 0;
}

/* A constant: a "string", or colon-separated hex octets. */
static int constant(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token at = *isc_peek(p->lx);
	uint8_t buf[ISC_VALUE_MAX];
	struct conf_expr *e;
	uint8_t *copy;
	size_t len;

	if (at.type == T_STRING) {
		isc_next(p->lx);
		len = at.len;
		memcpy(buf, at.text, len);
	} else if (at.type == T_WORD && strspn(at.text, "0123456789abcdefABCDEFxX") < at.len) {
		return isc_fail(p, &at, "'%.*s' is no constant, option or function known here (ISC's "
			"variables are not supported)", (int)at.len, at.text);
	} else if (isc_colon_hex(p, buf, sizeof(buf), &len) < 0) {
		return -1;
	}
	if (!(e = node(p, EX_CONST, &at)) || !(copy = conf_alloc(p->cfg, len ? len : 1)))
		return isc_oom(p, &at);
	if (len)
		memcpy(copy, buf, len);
	e->data = copy;
	e->len = len;
	*out = e;
	return 0;
}

/* option NAME / exists NAME: the option's space and code. */
static int option_ref(struct isc_parser *p, struct conf_expr *e)
{
	struct isc_token t;
	struct isc_optname o;

	if (isc_expect(p, T_WORD, "an option name", &t) < 0)
		return -1;
	if (!isc_option_find(p, t.text, t.len, &o))
		return isc_fail(p, &t, "unknown option '%.*s' (define it first: option %.*s code N "
			"= TYPE;)", (int)t.len, t.text, (int)t.len, t.text);
	e->space = o.space;
	e->code = o.code;
	return 0;
}

/* NAME ( ARG, ARG... ): kinds gives each argument's, 'd' data, 'n' numeric. */
static int call(struct isc_parser *p, struct conf_expr *e, const char *kinds)
{
	const struct conf_expr **slot[] = { &e->a, &e->b, &e->c, &e->d };

	if (punct(p, T_LPAREN, "'('") < 0)
		return -1;
	for (size_t n = 0; kinds[n] && n < 4; n++) {
		if (n && punct(p, T_COMMA, "','") < 0)
			return -1;
		if ((kinds[n] == 'n' ? numeric(p, slot[n]) : isc_data_expr(p, slot[n])) < 0)
			return -1;
	}
	return punct(p, T_RPAREN, "')'");
}

/* concat(A, B, C...) and pick-first-value(A, B...): a chain of pairs. */
static int chain_links(struct isc_parser *p, enum conf_expr_op op, const struct isc_token *at,
	const struct conf_expr **out, unsigned *links)
{
	struct conf_expr *e = node(p, op, at), *last = e;

	if (!e || punct(p, T_LPAREN, "'('") < 0 || isc_data_expr(p, &e->a) < 0)
		return -1;
	*out = e;
	while (isc_peek(p->lx)->type == T_COMMA) {
		struct conf_expr *next;

		isc_next(p->lx);
		/* each link nests one deeper when evaluated */
		if (deeper(p, at) < 0)
			return -1;
		++*links;
		if (!last->b) {
			if (isc_data_expr(p, &last->b) < 0)
				return -1;
			continue;
		}
		/* A, B, C: (A, (B, C)) */
		if (!(next = node(p, op, at)))
			return -1;
		next->a = last->b;
		if (isc_data_expr(p, &next->b) < 0)
			return -1;
		last->b = next;
		last = next;
	}
	if (op == EX_CONCAT && !e->b)
		return isc_fail(p, isc_peek(p->lx), "concat takes two data expressions or more");
	return punct(p, T_RPAREN, "')'");
}

static int chain(struct isc_parser *p, enum conf_expr_op op, const struct isc_token *at,
	const struct conf_expr **out)
{
	unsigned links = 0;
	int rc = chain_links(p, op, at, out, &links);

	p->expr_depth -= links;
	return rc;
}

/* The names packed (libbb/strings.c); their operators and argument kinds
 * in the same order. */
static const char function_names[] = "substring\0suffix\0binary-to-ascii\0lcase\0ucase\0";
static const struct { uint8_t op; char args[5]; } functions[] = {
	{ EX_SUBSTRING, "dnn" }, { EX_SUFFIX, "dn" }, { EX_BIN_TO_ASCII, "nndd" }, { EX_LCASE, "d" },
	{ EX_UCASE, "d" },
};

/* ISC's data functions not done here: named in the error. */
static bool isc_function(const struct isc_token *t)
{
	static const char names[] =
		"packet\0leased-address\0host-decl-name\0config-option\0encode-int\0"
		"extract-int\0reverse\0gethostname\0client-state\0filename\0server-name\0"
		"encode-int\0gethostbyname\0ddns-fwd-name\0ddns-rev-name\0null\0defined\0"
		"variable-exists\0ns-update\0execute\0lease-time\0hash\0uid\0agent-id\0";

	return isc_word_index(t, names) >= 0;
}

static int data_primary(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token t = *isc_peek(p->lx);
	struct conf_expr *e;
	int i;

	if (t.type != T_WORD)
		return constant(p, out);
	if (isc_is(&t, "concat") || isc_is(&t, "pick-first-value")) {
		isc_next(p->lx);
		return chain(p, isc_is(&t, "concat") ? EX_CONCAT : EX_PICK_FIRST, &t, out);
	}
	if ((i = isc_word_index(&t, function_names)) >= 0) {
		isc_next(p->lx);
		if (!(e = node(p, functions[i].op, &t)) || call(p, e, functions[i].args) < 0)
			return -1;
		*out = e;
		return 0;
	}
	if (isc_is(&t, "option") || isc_is(&t, "hardware")) {
		isc_next(p->lx);
		if (!(e = node(p, isc_is(&t, "option") ? EX_OPTION : EX_HARDWARE, &t)))
			return -1;
		if (e->op == EX_OPTION && option_ref(p, e) < 0)
			return -1;
		*out = e;
		return 0;
	}
	if (isc_function(&t))
		return isc_fail(p, &t, "'%.*s' is not supported in expressions here", (int)t.len, t.text);
	if (isc_is(&t, "exists") || isc_is(&t, "known") || isc_is(&t, "static") || isc_is(&t, "not"))
		return isc_fail(p, &t, "'%.*s' is a boolean, not data", (int)t.len, t.text);
	return constant(p, out);
}

int isc_data_expr(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token at = *isc_peek(p->lx);
	int rc;

	if (deeper(p, &at) < 0)
		return -1;
	rc = data_primary(p, out);
	p->expr_depth--;
	return rc;
}

/* The operator after a data expression: =, !=, ~=, ~~ (the lexer gives
 * '!' and '~' as words before '='); 0 when none is there. */
static int comparison_op(struct isc_parser *p)
{
	const struct isc_token *t = isc_peek(p->lx);

	if (t->type == T_EQUAL) {
		isc_next(p->lx);
		return EX_EQUAL;
	}
	if (isc_is(t, "~~")) {
		isc_next(p->lx);
		return EX_IREGEX;
	}
	if (isc_is(t, "!") || isc_is(t, "~")) {
		bool bang = isc_is(t, "!");

		isc_next(p->lx);
		if (punct(p, T_EQUAL, bang ? "'=' after '!'" : "'=' after '~'") < 0)
			return -1;
		return bang ? EX_NOT_EQUAL : EX_REGEX;
	}
	return 0;
}

/* The configuration's arena, for ere_compile. */
static void *regex_alloc(void *cfg, size_t size)
{
	return conf_alloc(cfg, size);
}

/* The "REGEX" after ~= or ~~, compiled now (server/ere.c: glibc's
 * language; ISC compiles it when it first matches, and fails then). */
static int regex(struct isc_parser *p, struct conf_expr *e)
{
	struct isc_token t;
	char pattern[ISC_STRING_MAX + 1];
	enum ere_error err;

	if (isc_expect(p, T_STRING, "a \"regular expression\"", &t) < 0)
		return -1;
	if (memchr(t.text, '\0', t.len))
		return isc_fail(p, &t, "a regular expression without NUL bytes");
	memcpy(pattern, t.text, t.len);
	pattern[t.len] = '\0';
	err = ere_compile(pattern, e->op == EX_IREGEX, regex_alloc, p->cfg, &e->re);
	if (err == ERE_NOMEM)
		return isc_oom(p, &t);
	if (err != ERE_OK)
		return isc_fail(p, &t, "bad regular expression: %s", ere_error_text(err));
	return 0;
}

/* DATA op DATA, or one of the boolean terms. */
static int comparison(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token t = *isc_peek(p->lx);
	const struct conf_expr *left;
	struct conf_expr *e;
	int op;

	if (t.type == T_LPAREN) {
		isc_next(p->lx);
		if (bool_or(p, out) < 0)
			return -1;
		return punct(p, T_RPAREN, "')'");
	}
	if (isc_is(&t, "exists") || isc_is(&t, "known") || isc_is(&t, "static")) {
		isc_next(p->lx);
		if (!(e = node(p, isc_is(&t, "exists") ? EX_EXISTS : isc_is(&t, "known") ? EX_KNOWN
			: EX_STATIC, &t)))
			return -1;
		if (e->op == EX_EXISTS && option_ref(p, e) < 0)
			return -1;
		*out = e;
		return 0;
	}
	if (isc_data_expr(p, &left) < 0 || (op = comparison_op(p)) < 0)
		return -1;
	if (op == 0)
		return isc_fail(p, isc_peek(p->lx), "expected =, !=, ~= or ~~ after the data "
			"(a test is a comparison, exists, known or static)");
	if (!(e = node(p, (enum conf_expr_op)op, &t)))
		return -1;
	e->a = left;
	*out = e;
	if (op == EX_REGEX || op == EX_IREGEX)
		return regex(p, e);
	return isc_data_expr(p, &e->b);
}

static int bool_not(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token t = *isc_peek(p->lx);
	struct conf_expr *e;
	int rc;

	if (!isc_is(&t, "not"))
		return comparison(p, out);
	isc_next(p->lx);
	if (deeper(p, &t) < 0 || !(e = node(p, EX_NOT, &t)))
		return -1;
	rc = bool_not(p, &e->a);
	p->expr_depth--;
	*out = e;
	return rc;
}

/* A and B and C ...: left to right. */
static int bool_and(struct isc_parser *p, const struct conf_expr **out)
{
	unsigned links = 0;
	int rc = -1;

	if (bool_not(p, out) < 0)
		return -1;
	while (isc_is(isc_peek(p->lx), "and")) {
		struct isc_token t = isc_next(p->lx);
		struct conf_expr *e = node(p, EX_AND, &t);

		/* A and B and C: ((A and B) and C), one deeper a link */
		if (!e || deeper(p, &t) < 0)
			goto done;
		links++;
		e->a = *out;
		*out = e;
		if (bool_not(p, &e->b) < 0)
			goto done;
	}
	rc = 0;
done:
	p->expr_depth -= links;
	return rc;
}

static int bool_or(struct isc_parser *p, const struct conf_expr **out)
{
	struct isc_token at = *isc_peek(p->lx);
	unsigned links = 0;
	int rc = -1;

	if (deeper(p, &at) < 0)
		return -1;
	if (bool_and(p, out) < 0)
		goto done;
	while (isc_is(isc_peek(p->lx), "or")) {
		struct isc_token t = isc_next(p->lx);
		struct conf_expr *e = node(p, EX_OR, &t);

		if (!e || deeper(p, &t) < 0)
			goto done;
		links++;
		e->a = *out;
		*out = e;
		if (bool_and(p, &e->b) < 0)
			goto done;
	}
	rc = 0;
done:
	p->expr_depth -= links + 1;
	return rc;
}

int isc_bool_expr(struct isc_parser *p, const struct conf_expr **out)
{
	*out = NULL;
	return bool_or(p, out);
}
