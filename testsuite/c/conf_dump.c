/*
 * conf_dump.c: the scoped model (server/conf.h) as stable text, for the
 * tests of the parsers that fill it. Every scope is named: "global",
 * "shared NAME", "subnet NET/MASK", "pool N", "group N", "host NAME"
 * (pools and groups numbered in the order found: pools by their ranges,
 * groups by walking up from subnets, pools, shared-networks and hosts).
 *
 *	server lease_file=... pidfile=... log_facility=N interfaces=a,b
 *	scope NAME [in PARENT]		then its settings, indented:
 *	  PARAM VALUE			in enum conf_param order
 *	  filename "..." / server-name "..."
 *	  option CODE HEX		in the scope's order
 *	subnet NET MASK [shared NAME]	(the scope line comes first)
 *	range [dynamic-bootp] LOW HIGH subnet NET [pool N]
 *	host NAME [mac M] [uid HEX] [fixed A,B]
 *	  if EXPR / elsif EXPR / else	an if's branches, their settings
 *	  after				further indented; the statements after it
 *	space N NAME container CODE	option spaces
 *	class "NAME" [match-if EXPR] [match EXPR] / subclass "NAME" KEY
 *					then the class's settings, indented
 *	warning TEXT			each of cfg->warnings, as kept, then
 *	warning ... and N more		if more were counted than kept
 * Expressions in prefix form: (op args...), constants "text" or 0xhex,
 * options by code (SPACE.CODE in a space). Pool permits end range lines.
 */
#include "conf_dump.h"
#include "server/expr.h"

#include <stdio.h>
#include <string.h>

/* Every scope named, in the order found; grown as needed. */
struct names {
	const struct conf_scope **scope;
	char (*name)[80];
	unsigned n, cap, pools, groups;
	bool failed;
};

static const char *ip(uint32_t a, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
	return buf;
}

static const char *name_of(const struct names *nm, const struct conf_scope *sc)
{
	for (unsigned i = 0; i < nm->n; i++)
		if (nm->scope[i] == sc)
			return nm->name[i];
	return "?";
}

static bool named(const struct names *nm, const struct conf_scope *sc)
{
	return name_of(nm, sc)[0] != '?';
}

static void add_name(struct names *nm, const struct conf_scope *sc, const char *name)
{
	if (named(nm, sc))
		return;
	if (nm->n == nm->cap) {
		unsigned cap = nm->cap ? 2 * nm->cap : 64;
		const struct conf_scope **scope = realloc(nm->scope, cap * sizeof(*scope));
		char (*names)[80] = scope ? realloc(nm->name, cap * sizeof(*names)) : NULL;

		if (scope)
			nm->scope = scope;
		if (!names) {
			nm->failed = true;
			return;
		}
		nm->name = names;
		nm->cap = cap;
	}
	nm->scope[nm->n] = sc;
	snprintf(nm->name[nm->n++], sizeof(nm->name[0]), "%s", name);
}

/* Groups are known only as parents: name the unnamed ones going up. */
static void name_parents(struct names *nm, const struct conf_scope *sc)
{
	char buf[32];

	for (sc = sc->parent; sc && !named(nm, sc); sc = sc->parent) {
		snprintf(buf, sizeof(buf), "group %u", ++nm->groups);
		add_name(nm, sc, buf);
	}
}

static void name_scopes(const struct server_config *cfg, struct names *nm)
{
	char buf[80], a[16], b[16];

	if (cfg->global)
		add_name(nm, cfg->global, "global");
	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *s = cfg->subnets[i];

		if (s->shared) {
			snprintf(buf, sizeof(buf), "shared %s", s->shared->name);
			add_name(nm, &s->shared->scope, buf);
		}
		snprintf(buf, sizeof(buf), "subnet %s/%s", ip(s->net, a), ip(s->mask, b));
		add_name(nm, &s->scope, buf);
	}
	for (unsigned i = 0; i < cfg->nranges; i++) {
		if (cfg->ranges[i].pool && !named(nm, &cfg->ranges[i].pool->scope)) {
			snprintf(buf, sizeof(buf), "pool %u", ++nm->pools);
			add_name(nm, &cfg->ranges[i].pool->scope, buf);
		}
	}
	for (unsigned i = 0; i < cfg->nhosts; i++) {
		snprintf(buf, sizeof(buf), "host %s", cfg->hosts[i]->name);
		add_name(nm, &cfg->hosts[i]->scope, buf);
	}
	for (unsigned i = 0; i < nm->n; i++)
		name_parents(nm, nm->scope[i]);
}

static const char *const param_names[] = {
	"default-lease-time", "max-lease-time", "min-lease-time", "authoritative",
	"next-server", "server-identifier", "ping-check", "ping-timeout", "unknown-clients",
	"booting", "declines", "use-host-decl-names", "echo-client-id", "send-t1-t2",
	"vendor-option-space",
	"bootp", "dynamic-bootp-lease-length", "dynamic-bootp-lease-cutoff",
};
_Static_assert(sizeof(param_names) / sizeof(param_names[0]) == CP_COUNT_,
	"a name for every enum conf_param");

static void dump_param(FILE *out, enum conf_param p, uint32_t v)
{
	static const char *const access[] = { "allow", "deny", "ignore" };
	char a[16];

	if (p == CP_NEXT_SERVER || p == CP_SERVER_ID) {
		const uint8_t *b = (const uint8_t *)&v;	/* network order in memory */

		fprintf(out, "  %s %s\n", param_names[p],
			ip((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3], a));
	} else if ((p == CP_UNKNOWN_CLIENTS || p == CP_BOOTING || p == CP_DECLINES || p == CP_BOOTP) && v < 3) {
		fprintf(out, "  %s %s\n", param_names[p], access[v]);
	} else {
		fprintf(out, "  %s %lu\n", param_names[p], (unsigned long)v);
	}
}

static const struct server_config *dump_cfg;	/* the one being dumped: its space names */

static const char *space_name(unsigned space)
{
	return space && space < dump_cfg->nspaces ? dump_cfg->spaces[space]->name : "?";
}

static void dump_bytes(FILE *out, const uint8_t *d, size_t len)
{
	bool text = len > 0;

	for (size_t i = 0; i < len; i++)
		text = text && d[i] >= 0x20 && d[i] < 0x7f && d[i] != '"' && d[i] != '\\';
	if (text) {
		fprintf(out, "\"%.*s\"", (int)len, (const char *)d);
		return;
	}
	fprintf(out, "0x");
	for (size_t i = 0; i < len; i++)
		fprintf(out, "%02x", d[i]);
}

/* An expression in prefix form: (op args...). */
static void dump_expr(FILE *out, const struct conf_expr *e)
{
	static const char *const ops[] = { "const", "option", "hardware", "substring", "suffix",
		"concat", "pick-first-value", "binary-to-ascii", "lcase", "ucase", "number",
		"exists", "known", "static", "=", "!=", "~=", "~~", "and", "or", "not" };
	const struct conf_expr *args[] = { e ? e->a : NULL, e ? e->b : NULL, e ? e->c : NULL,
		e ? e->d : NULL };

	if (!e) {
		fprintf(out, "-");
		return;
	}
	if (e->op == EX_CONST) {
		dump_bytes(out, e->data, e->len);
		return;
	}
	if (e->op == EX_NUMBER) {
		fprintf(out, "%lu", (unsigned long)e->number);
		return;
	}
	fprintf(out, "(%s", e->op < sizeof(ops) / sizeof(ops[0]) ? ops[e->op] : "?");
	if (e->op == EX_OPTION || e->op == EX_EXISTS) {
		if (e->space)
			fprintf(out, " %s.%u", space_name(e->space), e->code);
		else
			fprintf(out, " %u", e->code);
	}
	for (int i = 0; i < 4; i++) {
		if (args[i]) {
			fprintf(out, " ");
			dump_expr(out, args[i]);
		}
	}
	if (e->re)
		fprintf(out, " regex");
	fprintf(out, ")");
}

static void dump_settings(FILE *out, const struct conf_scope *sc, int indent);

static void dump_steps(FILE *out, const struct conf_scope *sc, int indent)
{
	for (const struct conf_step *st = sc->steps; st; st = st->next) {
		for (const struct conf_cond *c = st->cond; c; c = c->orelse) {
			fprintf(out, "%*s%s", indent, "", c == st->cond ? "if " : c->test ? "elsif " : "else");
			if (c->test)
				dump_expr(out, c->test);
			fprintf(out, "\n");
			dump_settings(out, c->body, indent + 2);
		}
		if (st->tail) {
			fprintf(out, "%*safter\n", indent, "");
			dump_settings(out, st->tail, indent + 2);
		}
	}
}

static void dump_settings(FILE *out, const struct conf_scope *sc, int indent)
{
	static const char *const string_names[CS_COUNT_] = { "filename", "server-name" };

	for (int p = 0; p < CP_COUNT_; p++) {
		if (sc->set & 1u << p) {
			fprintf(out, "%*s", indent - 2, "");
			dump_param(out, (enum conf_param)p, sc->value[p]);
		}
	}
	for (int s = 0; s < CS_COUNT_; s++)
		if (sc->set_strings & 1u << s)
			fprintf(out, "%*s%s \"%s\"\n", indent, "", string_names[s], sc->string[s]);
	for (unsigned i = 0; i < sc->noptions; i++) {
		fprintf(out, "%*soption ", indent, "");
		if (sc->options[i].space)
			fprintf(out, "%s.", space_name(sc->options[i].space));
		fprintf(out, "%u ", sc->options[i].code);
		if (sc->options[i].expr) {
			fprintf(out, "= ");
			dump_expr(out, sc->options[i].expr);
		}
		for (unsigned j = 0; j < sc->options[i].len; j++)
			fprintf(out, "%02x", sc->options[i].data[j]);
		fprintf(out, "\n");
	}
	for (const struct conf_log *l = sc->logs; l; l = l->next) {
		static const char *const prio[] = { "fatal", "error", "info", "debug" };

		fprintf(out, "%*slog %s ", indent, "", prio[l->priority & 3]);
		dump_expr(out, l->expr);
		fprintf(out, "\n");
	}
	dump_steps(out, sc, indent);
}

static void dump_scope(FILE *out, const struct names *nm, const struct conf_scope *sc)
{
	fprintf(out, "scope %s", name_of(nm, sc));
	if (sc->parent)
		fprintf(out, " in %s", name_of(nm, sc->parent));
	fprintf(out, "\n");
	dump_settings(out, sc, 2);
}

/* class NAME match-if EXPR | match EXPR, subclass NAME KEY; then its settings. */
static void dump_classes(FILE *out, const struct server_config *cfg)
{
	/* the first, "agent", is every ISC file's */
	for (unsigned i = 2; i < cfg->nspaces; i++)
		fprintf(out, "space %u %s container %u\n", i, cfg->spaces[i]->name,
			cfg->spaces[i]->container);
	for (unsigned i = 0; i < cfg->nclasses; i++) {
		const struct conf_class *c = cfg->classes[i];

		if (c->super) {
			fprintf(out, "subclass \"%s\" ", c->name);
			dump_bytes(out, c->key, c->key_len);
		} else {
			fprintf(out, "class \"%s\"%s", c->name, c->declared ? "" : " undeclared");
			if (c->match_if) {
				fprintf(out, " match-if ");
				dump_expr(out, c->match_if);
			}
			if (c->match) {
				fprintf(out, " match ");
				dump_expr(out, c->match);
			}
		}
		fprintf(out, "\n");
		dump_settings(out, &c->scope, 2);
	}
}

static void dump_permits(FILE *out, const struct conf_pool *pl)
{
	static const char *const kinds[] = { "known-clients", "unknown-clients", "all clients",
		"dynamic bootp clients", "members of" };

	for (unsigned i = 0; i < pl->npermits; i++) {
		const struct conf_permit *pm = &pl->permits[i];

		fprintf(out, " %s %s", pm->deny ? "deny" : "allow", kinds[pm->kind]);
		if (pm->cls)
			fprintf(out, " \"%s\"", pm->cls->name);
	}
}

static void dump_host(FILE *out, const struct conf_host *h)
{
	char a[16];

	fprintf(out, "host %s", h->name);
	if (h->has_mac)
		fprintf(out, " mac %02x:%02x:%02x:%02x:%02x:%02x", h->mac[0], h->mac[1], h->mac[2],
			h->mac[3], h->mac[4], h->mac[5]);
	if (h->uid_len) {
		fprintf(out, " uid ");
		for (unsigned i = 0; i < h->uid_len; i++)
			fprintf(out, "%02x", h->uid[i]);
	}
	if (h->agent_sub) {
		fprintf(out, " agent.%s ", h->agent_sub == AGENT_CIRCUIT_ID ? "circuit-id" : "remote-id");
		for (unsigned i = 0; i < h->agent_id_len; i++)
			fprintf(out, "%02x", h->agent_id[i]);
	}
	for (unsigned i = 0; i < h->nfixed; i++)
		fprintf(out, "%s%s", i ? "," : " fixed ", ip(h->fixed[i], a));
	fprintf(out, "\n");
}

/* The scopes that are only parents (shared-networks, groups): after what holds them. */
static void dump_others(FILE *out, const struct names *nm, const bool *done)
{
	for (unsigned i = 0; i < nm->n; i++)
		if (!done[i])
			dump_scope(out, nm, nm->scope[i]);
}

int conf_dump(const struct server_config *cfg, FILE *out)
{
	struct names names = { 0 }, *nm = &names;
	bool *done;
	char a[16], b[16];

	dump_cfg = cfg;
	name_scopes(cfg, nm);
	done = calloc(nm->n + 1, sizeof(*done));
	if (!done || nm->failed) {
		free(done);
		free(nm->scope);
		free(nm->name);
		return -1;
	}
	fprintf(out, "server isc=%d lease_file=%s pidfile=%s log_facility=%d interfaces=", cfg->isc,
		cfg->lease_file, cfg->pidfile, cfg->log_facility);
	for (unsigned i = 0; i < cfg->ninterfaces; i++)
		fprintf(out, "%s%s", i ? "," : "", cfg->interfaces[i]);
	fprintf(out, "\n");
	for (unsigned i = 0; i < nm->n; i++) {
		const struct conf_scope *sc = nm->scope[i];

		/* global, shared-networks, subnets, pools, hosts: in that order */
		if (strncmp(nm->name[i], "group ", 6) == 0 || strncmp(nm->name[i], "shared ", 7) == 0)
			continue;
		done[i] = true;
		if (strncmp(nm->name[i], "host ", 5) == 0)
			continue;
		dump_scope(out, nm, sc);
	}
	for (unsigned i = 0; i < nm->n; i++)
		if (strncmp(nm->name[i], "shared ", 7) == 0 && (done[i] = true))
			dump_scope(out, nm, nm->scope[i]);
	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *s = cfg->subnets[i];

		fprintf(out, "subnet %s %s", ip(s->net, a), ip(s->mask, b));
		if (s->shared)
			fprintf(out, " shared %s", s->shared->name);
		fprintf(out, "\n");
	}
	for (unsigned i = 0; i < cfg->nranges; i++) {
		const struct conf_range *r = &cfg->ranges[i];

		fprintf(out, "range %s%s %s", r->dynamic_bootp ? "dynamic-bootp " : "", ip(r->start, a),
			ip(r->end, b));
		if (r->subnet)
			fprintf(out, " subnet %s", ip(r->subnet->net, a));
		if (r->pool) {
			fprintf(out, " %s", name_of(nm, &r->pool->scope));
			dump_permits(out, r->pool);
		}
		fprintf(out, "\n");
	}
	for (unsigned i = 0; i < cfg->nhosts; i++) {
		dump_host(out, cfg->hosts[i]);
		dump_scope(out, nm, &cfg->hosts[i]->scope);
	}
	dump_others(out, nm, done);
	dump_classes(out, cfg);
	for (unsigned i = 0; i < cfg->warnings.count && i < CONF_WARNINGS_MAX; i++)
		fprintf(out, "warning %s\n", cfg->warnings.lines[i]);
	if (cfg->warnings.count > CONF_WARNINGS_MAX)
		fprintf(out, "warning ... and %u more\n", cfg->warnings.count - CONF_WARNINGS_MAX);
	free(done);
	free(nm->scope);
	free(nm->name);
	return 0;
}
