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
 * "not" of a single term). Regular expressions are POSIX extended ones,
 * compiled now (ISC: regcomp with REG_EXTENDED; ~~ adds REG_ICASE). ISC's
 * other functions are errors naming them.
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

/*
 * What a regular expression costs regcomp. glibc and musl's TRE both copy a
 * repeated atom out, x+ as x x* and x{m,n} as n copies (counted n + 1, the
 * node that repeats them one), so nested repetitions multiply
 * ("(a{99}){99}{99}", or a string of 100 '+' that doubles it 100 times:
 * gigabytes, and the server dies at its start or at a SIGHUP). Measured
 * with glibc 2.36, what costs more than its nodes:
 * - a chain of parts that may match nothing (x?, x*, the n-m optional
 *   copies of x{m,n}): its closures grow with the square of its length
 *   ("a{0,4094}" 133 MB, 2000 "a*" 34 MB), and each anchor copies them
 *   for its context ("^$\<\>\`\'\b\Ba{0,3390}" 1.6 GB);
 * - anchors (256 '^' take 27 MB, 32 "\b" 64 MB, as glibc makes each "\b" a
 *   choice of "\<" and "\>"), and more so repeated ("(^)+{22}" 7 s);
 * - a repetition over a part that can match nothing ("a*{1,30}{3,}" 3 s;
 *   after an anchor, "^(a*)*" 24 times 13 s), an anchor under any
 *   repetition but a '?' over a part that must match something ("((^)?)?"
 *   60 times: 57 MB), a choice of two branches that can match nothing
 *   ("^(||)" 250 times: 1.5 GB), and back-references ("(^)\1{0,300}" over
 *   10 s, and matching them is exponential).
 * So the nodes are estimated, saturating past ERE_NODES_MAX, the optional
 * parts counted, and the rest refused: no real pattern needs them. This
 * guards against what has been measured, no more: a matcher of our own,
 * linear in the pattern and the data, would bound it for good. A real
 * pattern ("^eth[0-9]+$", a MAC's "([0-9a-f]{2}:){5}") is some tens of
 * nodes; a list of up to 255 octets ("([0-9a-f]{2}:){0,254}") 254 optional.
 */
enum {
	ERE_NODES_MAX = 4096, ERE_DEPTH_MAX = 64,
	ERE_OPTIONAL_MAX = 512,	/* 2 MB */
	/* and as anchors multiply their cost ("^$" 22 times, "\\b" 7 times, then
	 * 448 "a?": 898 MB), (anchors + 1) times their square at most this:
	 * 512 after one anchor, 94 after 58 (31 MB) */
	ERE_CHAIN_MAX = 2 * ERE_OPTIONAL_MAX * ERE_OPTIONAL_MAX,
	ERE_GROUP = 8,		/* a group's nodes */
	ERE_ANCHOR = 32,	/* ^ $ \< \> \` \': 128 take 5 MB (the chain stops them at 80) */
	ERE_WORD_EDGE = 256,	/* \b \B: 16 take 4 MB */
};

struct ere_scan {
	const char *s;		/* what is left of the pattern */
	const char *why;	/* a refusal other than the size, or NULL */
	unsigned anchors;	/* \b and \B count 2 (none is copied: see ere_repeat) */
};

/* What an atom, a group or a sequence costs regcomp. */
struct ere_part {
	unsigned nodes;
	unsigned optional;	/* the parts that may match nothing, copies counted */
	bool anchored;		/* it holds an anchor */
	bool nullable;		/* it can match nothing */
};

static unsigned ere_add(unsigned a, unsigned b)
{
	return a > ERE_NODES_MAX || b > ERE_NODES_MAX - a ? ERE_NODES_MAX + 1 : a + b;
}

static unsigned ere_mul(unsigned a, unsigned k)
{
	return k && a > ERE_NODES_MAX / k ? ERE_NODES_MAX + 1 : a * k;
}

/* k copies and the node that repeats them */
static unsigned ere_times(unsigned a, unsigned k)
{
	return ere_add(ere_mul(a, k), 1);
}

/* The number at *s, capped at ERE_NODES_MAX; *s past it. */
static unsigned ere_number(const char **s)
{
	unsigned n = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++) {
		n = n * 10 + (unsigned)(**s - '0');
		if (n > ERE_NODES_MAX)
			n = ERE_NODES_MAX;
	}
	return n;
}

/* *x repeated by the bound at sc->s (past the '{'): "{m}", "{m,}", "{m,n}"
 * or glibc's "{,n}"; any other is refused. glibc fails on most others, but
 * takes escaped digits and commas ("a{\0,4094}" is a{0,4094}), which would
 * hide the copies from the count. */
static void ere_bound(struct ere_scan *sc, struct ere_part *x)
{
	const char *start = sc->s;
	unsigned least = ere_number(&sc->s), most = least, optional;
	bool unbounded = false;

	if (*sc->s == ',') {
		sc->s++;
		unbounded = *sc->s < '0' || *sc->s > '9';
		most = unbounded ? least : ere_number(&sc->s);
	}
	if (*sc->s != '}' || sc->s == start) {
		sc->why = "a bound other than {m}, {m,}, {m,n} or {,n}";
		return;
	}
	sc->s++;
	if (most < least)	/* regcomp's to refuse */
		most = least;
	optional = ere_add(most - least, unbounded);
	x->nodes = ere_times(x->nodes, most + 1);
	x->optional = ere_add(ere_mul(x->optional, most + 1), optional);
	x->nullable = least == 0;
}

/* sc->s past a bracket expression, from past its '[': "[]a]", "[^]a]",
 * "[[:digit:]]". As in glibc, "[:", "[." and "[=" run to the first ":]",
 * ".]" or "=]", whatever is between; one that does not is refused (glibc
 * fails on it too), as the rest would be read wrong. */
static void ere_bracket(struct ere_scan *sc)
{
	const char *q = sc->s;

	q += *q == '^';
	q += *q == ']';
	while (*q && *q != ']') {
		if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
			const char *end = q + 2;

			while (*end && !(end[0] == q[1] && end[1] == ']'))
				end++;
			if (!*end) {
				sc->why = "a bracket's [: [. or [= is not closed";
				return;
			}
			q = end + 2;
		} else {
			q++;
		}
	}
	sc->s = *q ? q + 1 : q;
}

static struct ere_part ere_nodes(struct ere_scan *sc, unsigned depth);

/* The atom that starts with c, sc->s past c. */
static struct ere_part ere_atom(struct ere_scan *sc, char c, unsigned depth)
{
	struct ere_part a = { 1, 0, false, false };

	if (c == '^' || c == '$') {
		a = (struct ere_part){ ERE_ANCHOR, 1, true, true };
		sc->anchors++;
	} else if (c == '[') {
		ere_bracket(sc);
	} else if (c == '(') {
		a = ere_nodes(sc, depth + 1);
		a.nodes = ere_add(a.nodes, ERE_GROUP);
		a.optional = ere_add(a.optional, a.nullable);	/* "()", "(a|)" */
		sc->s += *sc->s == ')';
	} else if (c == '\\' && *sc->s) {
		c = *sc->s++;
		if (c >= '1' && c <= '9')
			sc->why = "a back-reference";
		a.anchored = a.nullable = strchr("bB<>`'", c) != NULL;
		a.optional = c == 'b' || c == 'B' ? 2 : a.anchored;
		a.nodes = c == 'b' || c == 'B' ? ERE_WORD_EDGE : a.anchored ? ERE_ANCHOR : 1;
		sc->anchors += a.anchored ? a.optional : 0;
	}
	return a;
}

/* *last repeated by c ('*', '?', '+', or '{' with sc->s past it), or
 * refused (sc->why said). */
static void ere_repeat(struct ere_scan *sc, char c, struct ere_part *last)
{
	if (last->nodes == 0)
		sc->why = "a repetition follows nothing";
	else if (last->anchored && c != '?')
		sc->why = "an anchor (^ $ \\b \\< ...) is repeated";
	else if (last->nullable)
		sc->why = "a part that can match nothing is repeated";
	if (sc->why)
		return;
	if (c == '{') {
		ere_bound(sc, last);
	} else if (c == '+') {
		last->nodes = ere_times(last->nodes, 2);
		last->optional = ere_mul(last->optional, 2);
	} else {
		last->nodes = ere_add(last->nodes, 1);
		last->optional = ere_add(last->optional, 1);
		last->nullable = true;
	}
}

static bool ere_is_repeat(char c)
{
	return c == '*' || c == '?' || c == '+' || c == '{';	/* '{' is a bound to glibc */
}

/* b after a in a sequence (alternative = false), or as another choice */
static void ere_join(struct ere_part *a, const struct ere_part *b, bool alternative)
{
	a->nodes = ere_add(a->nodes, ere_add(b->nodes, alternative));
	a->optional = ere_add(a->optional, b->optional);
	a->anchored = a->anchored || b->anchored;
	if (alternative)
		a->nullable = a->nullable || b->nullable;
	else
		a->nullable = a->nullable && b->nullable;
}

/* The alternatives from sc->s to the end, or to a ')' in a group (a ')'
 * outside any is a literal to glibc). */
static struct ere_part ere_nodes(struct ere_scan *sc, unsigned depth)
{
	const struct ere_part empty = { 0, 0, false, true };
	struct ere_part all = empty, seq = empty, last = empty;
	bool first = true;
	unsigned empty_branches = 0;

	if (depth > ERE_DEPTH_MAX)
		sc->why = "its groups nest past 64";
	while (*sc->s && !(depth && *sc->s == ')') && !sc->why) {
		char c = *sc->s++;

		if (ere_is_repeat(c)) {
			ere_repeat(sc, c, &last);
			continue;
		}
		ere_join(&seq, &last, false);	/* the part before is done */
		last = empty;
		if (c == '|') {
			empty_branches += seq.nullable;
			if (first)
				all = seq;
			else
				ere_join(&all, &seq, true);
			first = false;
			seq = empty;
		} else {
			last = ere_atom(sc, c, depth);
		}
	}
	ere_join(&seq, &last, false);
	if (first)
		all = seq;
	else
		ere_join(&all, &seq, true);
	if (empty_branches + seq.nullable > 1 && !sc->why)
		sc->why = "more than one of its choices can match nothing";
	return all;
}

/* Why regcomp must not be given the pattern, or NULL. */
static const char *ere_refusal(const char *pattern)
{
	struct ere_scan sc = { pattern, NULL, 0 };
	struct ere_part all = ere_nodes(&sc, 0);

	if (sc.why)
		return sc.why;
	if (all.optional > ERE_OPTIONAL_MAX || (unsigned long)(sc.anchors + 1) * all.optional
			* all.optional > ERE_CHAIN_MAX)
		return "over 512 parts that may match nothing, or fewer after anchors";
	return all.nodes > ERE_NODES_MAX ? "over 4096 nodes with its repetitions copied out" : NULL;
}

static int regex(struct isc_parser *p, struct conf_expr *e)
{
	struct isc_token t;
	char pattern[ISC_STRING_MAX + 1];
	struct conf_regex *r;
	const char *refusal;
	int rc;

	if (isc_expect(p, T_STRING, "a \"regular expression\"", &t) < 0)
		return -1;
	if (memchr(t.text, '\0', t.len))
		return isc_fail(p, &t, "a regular expression without NUL bytes");
	memcpy(pattern, t.text, t.len);
	pattern[t.len] = '\0';
	if ((refusal = ere_refusal(pattern)) != NULL)
		return isc_fail(p, &t, "regular expression too costly for regcomp: %s", refusal);
	if (!(r = conf_alloc(p->cfg, sizeof(*r))))
		return isc_oom(p, &t);
	rc = regcomp(&r->re, pattern, REG_EXTENDED | REG_NOSUB | (e->op == EX_IREGEX ? REG_ICASE : 0));
	if (rc != 0) {
		char why[128];

		regerror(rc, &r->re, why, sizeof(why));
		return isc_fail(p, &t, "bad regular expression: %s", why);
	}
	r->next = p->cfg->regexes;
	p->cfg->regexes = r;
	e->re = r;
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
