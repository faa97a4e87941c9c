/*
 * conf.c: the scoped configuration model (conf.h): its memory, its
 * blocks and setters, the checks after parsing, and a client's view
 * (the scopes that decide its options, most specific first). Pure.
 */
#include "server/conf.h"
#include "server/expr.h"
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoconf.h"

#if ENABLE_DHCPD_LEASES_FILE
#define UDHCPD_LEASE_FILE CONFIG_DHCPD_LEASES_FILE
#else
#define UDHCPD_LEASE_FILE "/var/lib/misc/udhcpd.leases"
#endif

/* ---- Memory: one arena per configuration -------------------------------- */

struct conf_chunk {
	struct conf_chunk *next;
	size_t used, size;
	max_align_t data[];
};

enum { CHUNK_MIN = 16384 };

void *conf_alloc(struct server_config *cfg, size_t size)
{
	struct conf_chunk *c = cfg->arena;
	size_t align = sizeof(max_align_t), need = (size + align - 1) / align * align;
	void *p;

	if (size > SIZE_MAX / 2)
		return NULL;
	if (!c || c->size - c->used < need) {
		size_t chunk = need > CHUNK_MIN ? need : CHUNK_MIN;

		c = malloc(sizeof(*c) + chunk);
		if (!c)
			return NULL;
		c->next = cfg->arena;
		c->used = 0;
		c->size = chunk;
		cfg->arena = c;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memset(p, 0, size);
	return p;
}

char *conf_strdup(struct server_config *cfg, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = conf_alloc(cfg, n);

	if (d)
		memcpy(d, s, n);
	return d;
}

void conf_free(struct server_config *cfg)
{
	cfg->classes = NULL;
	cfg->spaces = NULL;
	cfg->sub_index = NULL;
	cfg->sub_slots = 0;
	cfg->nclasses = cfg->nspaces = 0;
	cfg->has_conds = cfg->has_exprs = false;
	while (cfg->arena) {
		struct conf_chunk *next = cfg->arena->next;

		free(cfg->arena);
		cfg->arena = next;
	}
	cfg->subnets = NULL;
	cfg->hosts = NULL;
	cfg->ranges = NULL;
	cfg->nsubnets = cfg->nhosts = cfg->nranges = cfg->nstatics = 0;
	cfg->global = NULL;
	cfg->fixed_sorted = NULL;
	cfg->by_mac = NULL;
	cfg->agent_list = NULL;
	cfg->nfixed_sorted = cfg->mac_slots = cfg->uid_hosts = cfg->agent_hosts = 0;
}

struct conf_scope *conf_root(struct server_config *cfg)
{
	if (!cfg->global)
		cfg->global = conf_alloc(cfg, sizeof(*cfg->global));
	return cfg->global;
}

size_t conf_copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = size ? strnlen(src, size - 1) : 0;

	if (size) {
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return n;
}

const char *conf_path_end(const char *path, size_t max, const char **cut)
{
	size_t len = strlen(path);

	*cut = "";
	if (len <= max || max <= 3)	/* whole, or no room for "..." and an end */
		return path;
	*cut = "...";
	return path + len - (max - 3);
}

void conf_vline_at(char *out, const char *file, unsigned line, unsigned col, const char *fmt,
	va_list ap)
{
	enum { PATH_MIN = 24 };
	char at[32], msg[CONF_LINE_LEN];	/* at: ":LINE:COL: ", two 10-digit numbers */
	size_t rest, n;
	const char *cut;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!line)
		snprintf(at, sizeof(at), ": ");
	else if (!col)
		snprintf(at, sizeof(at), ":%u: ", line);
	else
		snprintf(at, sizeof(at), ":%u:%u: ", line, col);
	rest = strlen(at) + strlen(msg);
	/* the path's end, after "...", for the message to be whole: a deep include's */
	file = conf_path_end(file, rest + 3 + PATH_MIN < CONF_LINE_LEN ? CONF_LINE_LEN - 1 - rest
		: PATH_MIN + 3, &cut);
	n = conf_copy_cut(out, CONF_LINE_LEN, cut);
	n += conf_copy_cut(out + n, CONF_LINE_LEN - n, file);
	n += conf_copy_cut(out + n, CONF_LINE_LEN - n, at);
	if (conf_copy_cut(out + n, CONF_LINE_LEN - n, msg) < strlen(msg))
		memcpy(out + CONF_LINE_LEN - 4, "...", 4);	/* the message cut: said so */
}

int conf_fail_at(struct udhcp_error *err, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vline_at(err->msg, file, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

void conf_vwarn_at(struct server_config *cfg, const char *file, unsigned line, const char *fmt, va_list ap)
{
	struct conf_warnings *w = &cfg->warnings;

	if (w->count == UINT_MAX)
		return;
	if (w->count++ >= CONF_WARNINGS_MAX)
		return;		/* counted: "... and N more" */
	conf_vline_at(w->lines[w->count - 1], file, line, 0, fmt, ap);
}

void udhcpd_config_defaults(struct server_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->interface, "eth0");
	cfg->max_leases = 235;
	cfg->auto_time = 7200;
	cfg->decline_time = 3600;
	cfg->conflict_time = 3600;
	cfg->offer_time = 60;
	cfg->log_facility = -1;
	strcpy(cfg->lease_file, UDHCPD_LEASE_FILE);
	strcpy(cfg->pidfile, "/var/run/udhcpd.pid");
}

/* ---- Blocks ------------------------------------------------------------------ */

/*
 * Arrays in the arena hold 8, 16, 32... entries: one with n entries is
 * full when n is 0 or a power of two from 8 on. The old copy stays until
 * conf_free (doubling keeps that to the array's size again).
 */
static bool needs_growth(unsigned n)
{
	return n == 0 || (n >= 8 && !(n & (n - 1)));
}

static void *grown(struct server_config *cfg, const void *old, unsigned n, size_t elem)
{
	void *fresh = conf_alloc(cfg, elem * (n < 8 ? 8 : 2 * (size_t)n));

	if (fresh && n)
		memcpy(fresh, old, elem * n);
	return fresh;
}

static int grow_ptrs(struct server_config *cfg, void ***array, unsigned n)
{
	void **fresh = grown(cfg, *array, n, sizeof(void *));

	if (!fresh)
		return -1;
	*array = fresh;
	return 0;
}

struct conf_subnet *conf_add_subnet(struct server_config *cfg, const struct conf_scope *parent,
	uint32_t net, uint32_t mask)
{
	struct conf_subnet *sn;

	if ((needs_growth(cfg->nsubnets) && grow_ptrs(cfg, (void ***)&cfg->subnets, cfg->nsubnets) < 0)
	    || !(sn = conf_alloc(cfg, sizeof(*sn))))
		return NULL;
	sn->scope.parent = parent ? parent : cfg->global;
	sn->net = net;
	sn->mask = mask;
	cfg->subnets[cfg->nsubnets++] = sn;
	return sn;
}

struct conf_host *conf_add_host(struct server_config *cfg, const struct conf_scope *parent)
{
	struct conf_host *h;

	if ((needs_growth(cfg->nhosts) && grow_ptrs(cfg, (void ***)&cfg->hosts, cfg->nhosts) < 0)
	    || !(h = conf_alloc(cfg, sizeof(*h))))
		return NULL;
	h->scope.parent = parent ? parent : cfg->global;
	cfg->hosts[cfg->nhosts++] = h;
	return h;
}

struct conf_shared *conf_add_shared(struct server_config *cfg, const struct conf_scope *parent)
{
	struct conf_shared *sh = conf_alloc(cfg, sizeof(*sh));

	if (sh)
		sh->scope.parent = parent ? parent : cfg->global;
	return sh;
}

struct conf_pool *conf_add_pool(struct server_config *cfg, const struct conf_scope *parent)
{
	struct conf_pool *p = conf_alloc(cfg, sizeof(*p));

	if (p)
		p->scope.parent = parent ? parent : cfg->global;
	return p;
}

struct conf_scope *conf_add_group(struct server_config *cfg, const struct conf_scope *parent)
{
	struct conf_scope *g = conf_alloc(cfg, sizeof(*g));

	if (g)
		g->parent = parent ? parent : cfg->global;
	return g;
}

int conf_add_range(struct server_config *cfg, uint32_t start, uint32_t end,
	const struct conf_subnet *subnet, const struct conf_pool *pool)
{
	if (needs_growth(cfg->nranges)) {
		struct conf_range *fresh = grown(cfg, cfg->ranges, cfg->nranges, sizeof(*fresh));

		if (!fresh)
			return -1;
		cfg->ranges = fresh;
	}
	cfg->ranges[cfg->nranges++] = (struct conf_range){ start, end, subnet, pool, false };
	return 0;
}

int conf_host_add_fixed(struct server_config *cfg, struct conf_host *h, uint32_t ip)
{
	uint32_t *fresh = conf_alloc(cfg, sizeof(uint32_t) * (h->nfixed + 1));

	if (!fresh)
		return -1;
	if (h->nfixed)
		memcpy(fresh, h->fixed, sizeof(uint32_t) * h->nfixed);
	fresh[h->nfixed++] = ip;
	h->fixed = fresh;
	cfg->nstatics++;
	return 0;
}

/* ---- Scope setters -------------------------------------------------------- */

void conf_set_param(struct conf_scope *sc, enum conf_param p, uint32_t value)
{
	sc->set |= 1u << p;
	sc->value[p] = value;
}

int conf_set_string(struct server_config *cfg, struct conf_scope *sc, enum conf_string which,
	const char *value)
{
	const char *copy = conf_strdup(cfg, value);

	if (!copy)
		return -1;
	sc->set_strings |= (uint8_t)(1u << which);
	sc->string[which] = copy;
	return 0;
}

const struct conf_option *conf_scope_option(const struct conf_scope *sc, unsigned code)
{
	return conf_scope_space_option(sc, 0, code);
}

static struct conf_option *new_option(struct server_config *cfg, struct conf_scope *sc)
{
	if (sc->noptions == sc->options_cap) {
		unsigned cap = sc->options_cap ? 2 * sc->options_cap : 8;
		struct conf_option *fresh = conf_alloc(cfg, sizeof(*fresh) * cap);

		if (!fresh)
			return NULL;
		if (sc->noptions)
			memcpy(fresh, sc->options, sizeof(*fresh) * sc->noptions);
		sc->options = fresh;
		sc->options_cap = cap;
	}
	return &sc->options[sc->noptions++];
}

int conf_set_option(struct server_config *cfg, struct conf_scope *sc, unsigned code,
	const uint8_t *data, size_t len)
{
	return conf_set_space_option(cfg, sc, 0, code, data, len);
}

int conf_append_option(struct server_config *cfg, struct conf_scope *sc, unsigned code,
	const uint8_t *data, size_t len)
{
	struct conf_option *o = (struct conf_option *)conf_scope_option(sc, code);
	uint8_t *copy;

	if (!o)
		return conf_set_option(cfg, sc, code, data, len);
	if (o->len + len > 0xffff || !(copy = conf_alloc(cfg, o->len + len)))
		return -1;
	memcpy(copy, o->data, o->len);
	memcpy(copy + o->len, data, len);
	o->data = copy;
	o->len = (uint16_t)(o->len + len);
	return 0;
}

const struct conf_option *udhcpd_config_option(const struct server_config *cfg, unsigned code)
{
	return cfg->global ? conf_scope_option(cfg->global, code) : NULL;
}

/* ---- Option spaces, classes, conditionals ------------------------------------ */

const struct conf_option *conf_scope_space_option(const struct conf_scope *sc, unsigned space,
	unsigned code)
{
	for (unsigned i = 0; i < sc->noptions; i++)
		if (sc->options[i].code == code && sc->options[i].space == space)
			return &sc->options[i];
	return NULL;
}

int conf_set_space_option(struct server_config *cfg, struct conf_scope *sc, unsigned space,
	unsigned code, const uint8_t *data, size_t len)
{
	struct conf_option *o = (struct conf_option *)conf_scope_space_option(sc, space, code);
	uint8_t *copy;

	if (space > 255 || len > 0xffff || code > 255 || !(copy = conf_alloc(cfg, len ? len : 1)))
		return -1;
	if (len)
		memcpy(copy, data, len);
	if (!o && !(o = new_option(cfg, sc)))
		return -1;
	*o = (struct conf_option){ (uint8_t)code, (uint8_t)space, (uint16_t)len, copy, NULL };
	return 0;
}

int conf_set_option_expr(struct server_config *cfg, struct conf_scope *sc, unsigned space,
	unsigned code, const struct conf_expr *expr)
{
	struct conf_option *o;

	if (conf_set_space_option(cfg, sc, space, code, NULL, 0) < 0)
		return -1;
	o = (struct conf_option *)conf_scope_space_option(sc, space, code);
	o->expr = expr;
	cfg->has_exprs = true;
	return 0;
}

static char *name_copy(struct server_config *cfg, const char *name, size_t len)
{
	char *s = conf_alloc(cfg, len + 1);

	if (s)
		memcpy(s, name, len);
	return s;
}

static struct conf_class *new_class(struct server_config *cfg)
{
	struct conf_class *c;

	if (needs_growth(cfg->nclasses) && grow_ptrs(cfg, (void ***)&cfg->classes, cfg->nclasses) < 0)
		return NULL;
	if (!(c = conf_alloc(cfg, sizeof(*c))))
		return NULL;
	c->index = cfg->nclasses;
	cfg->classes[cfg->nclasses++] = c;
	return c;
}

struct conf_class *conf_class_named(struct server_config *cfg, const char *name, size_t len)
{
	struct conf_class *c;

	for (unsigned i = 0; i < cfg->nclasses; i++) {
		c = cfg->classes[i];
		if (!c->super && strlen(c->name) == len && memcmp(c->name, name, len) == 0)
			return c;
	}
	if (!(c = new_class(cfg)) || !(c->name = name_copy(cfg, name, len)))
		return NULL;
	return c;
}

struct conf_class *conf_add_subclass(struct server_config *cfg, const struct conf_class *super,
	const uint8_t *key, size_t key_len)
{
	struct conf_class *c = new_class(cfg);
	uint8_t *copy;

	if (!c || !(copy = conf_alloc(cfg, key_len ? key_len : 1)))
		return NULL;
	if (key_len)
		memcpy(copy, key, key_len);
	c->name = super->name;
	c->super = super;
	c->key = copy;
	c->key_len = (unsigned)key_len;
	c->declared = true;
	return c;
}

unsigned conf_space_named(struct server_config *cfg, const char *name, size_t len, bool make)
{
	struct conf_space *sp;

	for (unsigned i = 1; i < cfg->nspaces; i++)
		if (strlen(cfg->spaces[i]->name) == len && memcmp(cfg->spaces[i]->name, name, len) == 0)
			return i;
	if (!make || cfg->nspaces > 255)
		return 0;
	if (cfg->nspaces == 0) {	/* [0]: DHCP's own, not named here */
		if (grow_ptrs(cfg, (void ***)&cfg->spaces, 0) < 0)
			return 0;
		cfg->spaces[cfg->nspaces++] = NULL;
	}
	if (needs_growth(cfg->nspaces) && grow_ptrs(cfg, (void ***)&cfg->spaces, cfg->nspaces) < 0)
		return 0;
	if (!(sp = conf_alloc(cfg, sizeof(*sp))) || !(sp->name = name_copy(cfg, name, len)))
		return 0;
	cfg->spaces[cfg->nspaces] = sp;
	return cfg->nspaces++;
}

struct conf_cond *conf_add_cond(struct server_config *cfg, const struct conf_expr *test)
{
	struct conf_cond *c = conf_alloc(cfg, sizeof(*c));

	if (!c || !(c->body = conf_alloc(cfg, sizeof(*c->body))))
		return NULL;
	c->test = test;
	return c;
}

int conf_add_step(struct server_config *cfg, struct conf_scope *sc, struct conf_cond *cond)
{
	struct conf_step *st = conf_alloc(cfg, sizeof(*st));

	if (!st)
		return -1;
	st->cond = cond;
	sc->nsteps++;
	st->prev = sc->last_step;
	if (sc->last_step)
		sc->last_step->next = st;
	else
		sc->steps = st;
	sc->last_step = st;
	cfg->has_conds = true;
	return 0;
}

int conf_add_log(struct server_config *cfg, struct conf_scope *sc, const struct conf_expr *expr,
	enum conf_log_priority priority)
{
	struct conf_log *l = conf_alloc(cfg, sizeof(*l));

	if (!l)
		return -1;
	l->expr = expr;
	l->priority = (uint8_t)priority;
	cfg->has_exprs = true;
	if (sc->last_log)
		sc->last_log->next = l;
	else
		sc->logs = l;
	sc->last_log = l;
	return 0;
}

struct conf_scope *conf_statement_scope(struct server_config *cfg, struct conf_scope *sc)
{
	struct conf_step *st = sc->last_step;

	if (!st)
		return sc;
	if (!st->tail)
		st->tail = conf_alloc(cfg, sizeof(*st->tail));
	return st->tail;
}
