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
 *	warning TEXT			one per line of cfg->warnings
 */
#include "conf_dump.h"

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

static void dump_scope(FILE *out, const struct names *nm, const struct conf_scope *sc)
{
	static const char *const string_names[CS_COUNT_] = { "filename", "server-name" };
	fprintf(out, "scope %s", name_of(nm, sc));
	if (sc->parent)
		fprintf(out, " in %s", name_of(nm, sc->parent));
	fprintf(out, "\n");
	for (int p = 0; p < CP_COUNT_; p++)
		if (sc->set & 1u << p)
			dump_param(out, (enum conf_param)p, sc->value[p]);
	for (int s = 0; s < CS_COUNT_; s++)
		if (sc->set_strings & 1u << s)
			fprintf(out, "  %s \"%s\"\n", string_names[s], sc->string[s]);
	for (unsigned i = 0; i < sc->noptions; i++) {
		fprintf(out, "  option %u ", sc->options[i].code);
		for (unsigned j = 0; j < sc->options[i].len; j++)
			fprintf(out, "%02x", sc->options[i].data[j]);
		fprintf(out, "\n");
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
		if (r->pool)
			fprintf(out, " %s", name_of(nm, &r->pool->scope));
		fprintf(out, "\n");
	}
	for (unsigned i = 0; i < cfg->nhosts; i++) {
		dump_host(out, cfg->hosts[i]);
		dump_scope(out, nm, &cfg->hosts[i]->scope);
	}
	dump_others(out, nm, done);
	for (const char *w = cfg->warnings; *w;) {
		size_t n = strcspn(w, "\n");

		fprintf(out, "warning %.*s\n", (int)n, w);
		w += n + (w[n] == '\n');
	}
	free(done);
	free(nm->scope);
	free(nm->name);
	return 0;
}
