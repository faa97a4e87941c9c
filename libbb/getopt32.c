/*
 * getopt32: one option string in, one bitmask and typed values out.
 * The grammar of the option string is documented in libbb.h.
 *
 * Written for dhcpbox rather than wrapping getopt_long(3): glibc and musl
 * differ in argument permutation and messages, and applets must behave the
 * same on both.
 */
#include "libbb.h"

#define MAX_OPTIONS 32
#define MAX_LONGNAMES 64

enum arg_kind {
	ARG_NONE,	/* flag */
	ARG_COUNT,	/* "+": flag counted */
	ARG_STRING,	/* ":" */
	ARG_OPTIONAL,	/* "::" attached value only */
	ARG_NUMBER,	/* ":+" */
	ARG_LIST,	/* ":*" */
};

struct optdef {
	char name;
	enum arg_kind kind;
	void *dest;
};

struct longdef {
	const char *name;
	size_t len;
	unsigned opt;	/* index into optdefs */
};

struct parser {
	struct optdef opts[MAX_OPTIONS];
	struct longdef longs[MAX_LONGNAMES];
	unsigned nopts, nlongs;
	uint32_t result;
	char **words;	/* option words, in order */
	char **args;	/* the other arguments, in order */
	unsigned nwords, nargs;
};

static void usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
static void usage_error(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bb_error_msg("%s", msg);
	bb_show_usage();
}

static enum arg_kind spec_kind(const char **sp)
{
	const char *s = *sp;
	enum arg_kind kind = ARG_NONE;

	if (s[0] == '+') {
		kind = ARG_COUNT;
		s++;
	} else if (s[0] == ':') {
		kind = ARG_STRING;
		s++;
		if (*s == ':')
			kind = ARG_OPTIONAL;
		else if (*s == '+')
			kind = ARG_NUMBER;
		else if (*s == '*')
			kind = ARG_LIST;
		if (kind != ARG_STRING)
			s++;
	}
	*sp = s;
	return kind;
}

/* Long names "(name)" following an option; returns past them. */
static const char *spec_longnames(struct parser *p, const char *s, const char *spec)
{
	while (*s == '(') {
		const char *end = strchr(s, ')');

		if (!end || end == s + 1 || p->nlongs == MAX_LONGNAMES)
			bb_error_msg_and_die("BUG: bad long option in '%s'", spec);
		if (ENABLE_LONG_OPTS) {
			p->longs[p->nlongs].name = s + 1;
			p->longs[p->nlongs].len = (size_t)(end - s - 1);
			p->longs[p->nlongs].opt = p->nopts - 1;
			p->nlongs++;
		}
		s = end + 1;
	}
	return s;
}

static void parse_spec(struct parser *p, const char *spec, va_list ap)
{
	const char *s = spec;

	while (*s) {
		struct optdef *o;

		if (p->nopts == MAX_OPTIONS || strchr(":+*()-", *s)
		    || *s <= ' ' || *s > '~')
			bb_error_msg_and_die("BUG: bad option string '%s'", spec);
		o = &p->opts[p->nopts++];
		o->name = *s++;
		o->kind = spec_kind(&s);
		o->dest = o->kind == ARG_NONE ? NULL : va_arg(ap, void *);
		s = spec_longnames(p, s, spec);
	}
}

static struct optdef *find_short(struct parser *p, char c)
{
	for (unsigned i = 0; i < p->nopts; i++)
		if (p->opts[i].name == c)
			return &p->opts[i];
	return NULL;
}

static bool takes_value(const struct optdef *o)
{
	return o->kind == ARG_STRING || o->kind == ARG_NUMBER || o->kind == ARG_LIST;
}

static void store(struct parser *p, struct optdef *o, char *value)
{
	unsigned number;

	switch (o->kind) {
	case ARG_NONE:
		break;
	case ARG_COUNT:
		(*(unsigned *)o->dest)++;
		break;
	case ARG_STRING:
	case ARG_OPTIONAL:
		*(char **)o->dest = value;
		break;
	case ARG_NUMBER:
		if (bb_strtou(value, UINT32_MAX, &number) < 0)
			usage_error("invalid number '%s'", value);
		*(unsigned *)o->dest = number;
		break;
	case ARG_LIST:
		llist_add_to_end((llist_t **)o->dest, value);
		break;
	}
	p->result |= (uint32_t)1 << (o - p->opts);
}

/* "-abc", "-ieth0", "-i eth0": returns the index of the last word used. */
static int parse_short(struct parser *p, char **argv, int i)
{
	char *word = argv[i];

	for (int j = 1; word[j]; j++) {
		struct optdef *o = find_short(p, word[j]);
		char *value = word[j + 1] ? &word[j + 1] : NULL;

		if (!o)
			usage_error("invalid option -- '%c'", word[j]);
		if (o->kind == ARG_OPTIONAL) {
			store(p, o, value);
			break;
		}
		if (!takes_value(o)) {
			store(p, o, NULL);
			continue;
		}
		if (!value) {
			value = argv[i + 1];
			if (!value)
				usage_error("option requires an argument -- '%c'", word[j]);
			p->words[p->nwords++] = argv[++i];
		}
		store(p, o, value);
		break;
	}
	return i;
}

static void help_and_exit(void) NORETURN;
static void help_and_exit(void)
{
	bb_print_full_usage(stdout, applet_name, applet_usage);
	exit(0);
}

/* An exact long name, else the only option that the prefix names. */
static struct optdef *find_long(struct parser *p, const char *name, size_t len)
{
	struct optdef *found = NULL;

	for (unsigned i = 0; i < p->nlongs; i++) {
		struct longdef *l = &p->longs[i];

		if (l->len == len && memcmp(l->name, name, len) == 0)
			return &p->opts[l->opt];
	}
	for (unsigned i = 0; i < p->nlongs; i++) {
		struct longdef *l = &p->longs[i];

		if (l->len < len || memcmp(l->name, name, len) != 0)
			continue;
		if (found && found != &p->opts[l->opt])
			usage_error("option '--%.*s' is ambiguous", (int)len, name);
		found = &p->opts[l->opt];
	}
	return found;
}

static const char *long_name_of(struct parser *p, const struct optdef *o)
{
	for (unsigned i = 0; i < p->nlongs; i++)
		if (&p->opts[p->longs[i].opt] == o)
			return p->longs[i].name;
	return "";
}

/* "--name", "--name=value", "--name value": returns the last word used. */
static int parse_long(struct parser *p, char **argv, int i)
{
	char *name = argv[i] + 2;
	char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	struct optdef *o = find_long(p, name, len);
	char *value = eq ? eq + 1 : NULL;
	int name_len;

	if (!o) {
		if (strcmp(name, "help") == 0)
			help_and_exit();
		usage_error("unrecognized option '--%.*s'", (int)len, name);
	}
	name_len = (int)strcspn(long_name_of(p, o), ")");
	if (o->kind == ARG_OPTIONAL) {
		store(p, o, value);
		return i;
	}
	if (!takes_value(o)) {
		if (value)
			usage_error("option '--%.*s' doesn't allow an argument",
				name_len, long_name_of(p, o));
		store(p, o, NULL);
		return i;
	}
	if (!value) {
		value = argv[i + 1];
		if (!value)
			usage_error("option '--%.*s' requires an argument",
				name_len, long_name_of(p, o));
		p->words[p->nwords++] = argv[++i];
	}
	store(p, o, value);
	return i;
}

/* Options first, then the other arguments, both in their given order. */
static void reorder_argv(struct parser *p, char **argv)
{
	char **out = argv + 1;

	memcpy(out, p->words, p->nwords * sizeof(*out));
	memcpy(out + p->nwords, p->args, p->nargs * sizeof(*out));
	optind = 1 + (int)p->nwords;
}

uint32_t getopt32(char **argv, const char *spec, ...)
{
	struct parser p;
	va_list ap;
	int argc = 0, i;

	memset(&p, 0, sizeof(p));
	va_start(ap, spec);
	parse_spec(&p, spec, ap);
	va_end(ap);

	while (argv[argc])
		argc++;
	p.words = xmalloc((size_t)(argc + 1) * sizeof(char *));
	p.args = xmalloc((size_t)(argc + 1) * sizeof(char *));
	for (i = 1; i < argc; i++) {
		char *word = argv[i];

		if (word[0] != '-' || word[1] == '\0') {
			p.args[p.nargs++] = word;
			continue;
		}
		p.words[p.nwords++] = word;
		if (strcmp(word, "--") == 0)
			break;
		if (word[1] == '-')
			i = parse_long(&p, argv, i);
		else
			i = parse_short(&p, argv, i);
	}
	while (++i < argc)
		p.args[p.nargs++] = argv[i];
	reorder_argv(&p, argv);
	free(p.words);
	free(p.args);
	return p.result;
}
