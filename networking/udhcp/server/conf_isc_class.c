/*
 * conf_isc_class.c: the statements of ISC's classing and conditionals
 * (dhcpd.conf(5) "CLIENT CLASSING", dhcp-eval(5)) and of option spaces
 * (dhcp-options(5) "DEFINING NEW OPTIONS"), into the model of conf.h:
 *
 *	class "NAME" { match if BOOLEAN; | match DATA; STATEMENTS }
 *	subclass "NAME" DATA; | subclass "NAME" DATA { STATEMENTS }
 *	if BOOLEAN { ... } elsif BOOLEAN { ... } else { ... }	any scope
 *	log (PRIORITY, DATA); | log (DATA);	run for each OFFER and ACK
 *	option space NAME [code width 1] [length width 1] [hash size N];
 *	vendor-option-space NAME;		option 43 made of that space
 *
 * A class's statements and an if's are options and parameters (no
 * declarations), as in ISC. spawn, lease limit and billing are ISC's
 * lease accounting: errors naming them.
 */
#include "server/conf_isc.h"
#include "server/expr.h"

#include <string.h>

/* The class of that name, made when it is new. */
static struct conf_class *class_of(struct isc_parser *p, const struct isc_token *at,
	const char *name, size_t len)
{
	struct conf_class *c;

	if (len == 0 || memchr(name, '\0', len)) {
		isc_fail(p, at, "a class name of 1 byte or more, without NUL");
		return NULL;
	}
	if (!(c = conf_class_named(p->cfg, name, len)))
		isc_oom(p, at);
	return c;
}

struct conf_class *isc_class_ref(struct isc_parser *p, const struct isc_token *at,
	const char *name, size_t len)
{
	struct conf_class *c = class_of(p, at, name, len);

	/* as ISC: "no such class" */
	if (c && !c->declared) {
		isc_fail(p, at, "no class \"%s\" is declared before it", c->name);
		return NULL;
	}
	return c;
}

/* A class's name: a "string" or a word. */
static struct conf_class *class_name(struct isc_parser *p, struct isc_token *at)
{
	char name[ISC_STRING_MAX + 1];
	size_t len;

	*at = *isc_peek(p->lx);
	if (at->type != T_STRING && at->type != T_WORD) {
		isc_fail(p, at, "expected a class name");
		return NULL;
	}
	isc_next(p->lx);
	len = at->len < sizeof(name) ? at->len : sizeof(name) - 1;
	memcpy(name, at->text, len);
	return class_of(p, at, name, len);
}

/* match if BOOLEAN; | match DATA; ("match" taken), in class c's block. */
static int match_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_class *c = b->cls;

	if (b->kind != K_CLASS || !c || c->super)
		return isc_fail(p, at, "only in a class");
	if (b->has_match)
		return isc_fail(p, at, "class \"%s\" has its match already", c->name);
	b->has_match = true;
	if (c->match_if || c->match) {
		/* declared again: the last one counts (ISC) */
		isc_warn(p, at, "class \"%s\": this match replaces the one before", c->name);
		c->match_if = c->match = NULL;
	}
	if (isc_is(isc_peek(p->lx), "if")) {
		isc_next(p->lx);
		if (isc_bool_expr(p, &c->match_if) < 0)
			return -1;
	} else if (isc_data_expr(p, &c->match) < 0) {
		return -1;
	}
	return isc_semi(p);
}

static int class_body(struct isc_parser *p, struct conf_class *c, const char *what)
{
	struct isc_block inner;

	isc_new_block(&inner, K_CLASS, what, &c->scope);
	inner.cls = c;
	return isc_block_body(p, &inner);
}

static int class_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct isc_token name;
	struct conf_class *c;

	if (b->kind == K_CLASS || b->kind == K_COND)
		return isc_fail(p, at, "not allowed in %s", b->kind == K_CLASS ? "a class" : "an if");
	if (!(c = class_name(p, &name)))
		return -1;
	/* declared again (ISC takes that too): more statements for it */
	c->declared = true;
	return class_body(p, c, "class");
}

/* subclass "NAME" DATA [{ ... }]: the member of NAME whose match is DATA. */
static int subclass_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct isc_token name;
	const struct conf_expr *key;
	struct conf_class *super, *c;

	if (b->kind == K_CLASS || b->kind == K_COND)
		return isc_fail(p, at, "not allowed in %s", b->kind == K_CLASS ? "a class" : "an if");
	if (!(super = class_name(p, &name)))
		return -1;
	if (!super->declared)
		return isc_fail(p, &name, "class \"%s\" is not declared before it", super->name);
	if (!super->match)
		isc_warn(p, &name, "class \"%s\" has no 'match DATA;': no client is in its "
			"subclasses", super->name);
	if (isc_data_expr(p, &key) < 0)
		return -1;
	if (key->op != EX_CONST)
		return isc_fail(p, &name, "a subclass is named by a constant (a \"string\" or hex)");
	if (!(c = conf_add_subclass(p->cfg, super, key->data, key->len)))
		return isc_oom(p, at);
	if (isc_peek(p->lx)->type != T_LBRACE)
		return isc_semi(p);
	return class_body(p, c, "subclass");
}

/* One "{ ... }" of an if chain into cond's body. */
static int cond_body(struct isc_parser *p, struct conf_cond *cond)
{
	struct isc_block inner;

	isc_new_block(&inner, K_COND, "if", cond->body);
	return isc_block_body(p, &inner);
}

/*
 * if BOOLEAN { } [elsif BOOLEAN { }]... [else { }] ("if" taken): one step
 * of the scope, the statements after it in a tail (conf_statement_scope),
 * so that ISC's order holds: a later statement wins over the if.
 */
static int if_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_cond *first = NULL, **link = &first;
	bool has_test = true;

	/* a client's view holds each if's branch and the statements after it */
	if (b->scope->nsteps >= CONF_STEPS_MAX)
		return isc_fail(p, at, "more than %d if statements in one scope (an elsif chain "
			"is one)", CONF_STEPS_MAX);

	for (;;) {
		const struct conf_expr *test = NULL;
		struct conf_cond *c;

		if (has_test && isc_bool_expr(p, &test) < 0)
			return -1;
		if (!(c = conf_add_cond(p->cfg, test)))
			return isc_oom(p, at);
		*link = c;
		link = &c->orelse;
		if (cond_body(p, c) < 0)
			return -1;
		if (!has_test)
			break;	/* else ends the chain */
		if (isc_is(isc_peek(p->lx), "elsif")) {
			isc_next(p->lx);
		} else if (isc_is(isc_peek(p->lx), "else")) {
			isc_next(p->lx);
			has_test = isc_is(isc_peek(p->lx), "if");	/* "else if" */
			if (has_test)
				isc_next(p->lx);
		} else {
			break;
		}
	}
	if (conf_add_step(p->cfg, b->scope, first) < 0)
		return isc_oom(p, at);
	return 0;
}

/* log (PRIORITY, DATA); or log (DATA); (info): run for each reply. */
static int log_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	enum conf_log_priority priority = CONF_LOG_INFO;
	const struct conf_expr *e;
	struct isc_token t;
	int i;

	if (isc_expect(p, T_LPAREN, "'('", &t) < 0)
		return -1;
	/* by enum conf_log_priority */
	if ((i = isc_word_index(isc_peek(p->lx), "fatal\0error\0info\0debug\0")) >= 0) {
		isc_next(p->lx);
		if (isc_expect(p, T_COMMA, "','", &t) < 0)
			return -1;
		priority = (enum conf_log_priority)i;
	}
	if (isc_data_expr(p, &e) < 0 || isc_expect(p, T_RPAREN, "')'", &t) < 0
	    || isc_semi(p) < 0)
		return -1;
	if (conf_add_log(p->cfg, b->scope, e, priority) < 0)
		return isc_oom(p, at);
	return 0;
}

static int vendor_space(struct isc_parser *p, struct isc_block *b)
{
	struct isc_token t;
	unsigned space;
	struct conf_scope *sc;

	if (isc_expect(p, T_WORD, "an option space", &t) < 0)
		return -1;
	if (!(space = conf_space_named(p->cfg, t.text, t.len, false)))
		return isc_fail(p, &t, "no option space '%.*s' (declare it first: option space "
			"%.*s;)", (int)t.len, t.text, (int)t.len, t.text);
	if (space == p->agent_space)
		return isc_fail(p, &t, "the agent space is the relay's (option 82)");
	if (isc_semi(p) < 0)
		return -1;
	if (!(sc = conf_statement_scope(p->cfg, b->scope)))
		return isc_oom(p, &t);
	conf_set_param(sc, CP_VENDOR_SPACE, space);
	return 0;
}

int isc_option_space(struct isc_parser *p, const struct isc_token *at)
{
	static const char widths[][2][7] = { { "code", "width" }, { "length", "width" },
		{ "hash", "size" } };
	struct isc_token t;

	if (isc_expect(p, T_WORD, "a name for the space", &t) < 0)
		return -1;
	if (memchr(t.text, '.', t.len) || t.len > 63)
		return isc_fail(p, &t, "a space name of 1 to 63 bytes, without '.'");
	/* declared again (ISC takes it): the same space */
	if (!conf_space_named(p->cfg, t.text, t.len, true))
		return isc_oom(p, at);
	while (isc_peek(p->lx)->type == T_WORD) {
		struct isc_token w = isc_next(p->lx), w2;
		size_t i;
		uint32_t n;

		for (i = 0; i < 3 && !isc_is(&w, widths[i][0]); i++)
			;
		if (i == 3)
			return isc_fail(p, &w, "expected code width, length width or hash size");
		if (isc_expect(p, T_WORD, widths[i][1], &w2) < 0 || !isc_is(&w2, widths[i][1]))
			return isc_fail(p, &w2, "expected '%s'", widths[i][1]);
		w2 = *isc_peek(p->lx);
		if (isc_number(p, 32, &n) < 0)
			return -1;
		/* RFC 2132 section 8.4's sub-options: a byte each; the wider
		 * ones of RFC 3925 (option 125) are not done */
		if (i < 2 && n != 1)
			return isc_fail(p, &w2, "%s widths other than 1 are not supported", widths[i][0]);
	}
	return isc_semi(p);
}

bool isc_is_class_statement(const struct isc_token *t)
{
	return isc_word_index(t, "class\0subclass\0match\0if\0log\0vendor-option-space\0elsif\0"
		"else\0") >= 0;
}

int isc_class_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *t)
{
	if (isc_is(t, "class"))
		return class_statement(p, b, t);
	if (isc_is(t, "subclass"))
		return subclass_statement(p, b, t);
	if (isc_is(t, "match"))
		return match_statement(p, b, t);
	if (isc_is(t, "if"))
		return if_statement(p, b, t);
	if (isc_is(t, "log"))
		return log_statement(p, b, t);
	if (isc_is(t, "vendor-option-space"))
		return vendor_space(p, b);
	if (isc_is(t, "elsif") || isc_is(t, "else"))
		return isc_fail(p, t, "'%.*s' without an if before it", (int)t->len, t->text);
	return 1;
}
