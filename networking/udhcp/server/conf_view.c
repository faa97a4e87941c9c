/*
 * conf_view.c: reading the model (conf.h): the checks after parsing, the
 * subnets of a BusyBox configuration, lookups (a subnet by address, a
 * host by client), and a client's view: its scopes, most specific first,
 * as ISC dhcpd resolves them. Pure.
 */
#include "server/conf.h"
#include "server/expr.h"
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ip_text(uint32_t host_order, char *buf)
{
	return udhcp_ip_text(htonl(host_order), buf);
}

/* ---- Checks ---------------------------------------------------------------- */

/* An address in two ranges would be handed out twice over. */
static int check_ranges(const struct server_config *cfg, const char *filename, struct udhcp_error *err)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], c[INET_ADDRSTRLEN];

	for (unsigned i = 0; i < cfg->nranges; i++) {
		const struct conf_range *r = &cfg->ranges[i];

		if (r->subnet && ((r->start & r->subnet->mask) != r->subnet->net
				  || (r->end & r->subnet->mask) != r->subnet->net))
			return conf_fail_at(err, filename, 0, "range %s - %s is not inside subnet %s",
				ip_text(r->start, a), ip_text(r->end, b), ip_text(r->subnet->net, c));
		for (unsigned j = i + 1; j < cfg->nranges; j++) {
			const struct conf_range *o = &cfg->ranges[j];

			if (r->start <= o->end && o->start <= r->end)
				return conf_fail_at(err, filename, 0, "range %s - %s overlaps another range",
					ip_text(o->start, a), ip_text(o->end, b));
		}
	}
	return 0;
}

static int check_subnets(const struct server_config *cfg, const char *filename, struct udhcp_error *err)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *x = cfg->subnets[i];

		for (unsigned j = i + 1; j < cfg->nsubnets; j++) {
			const struct conf_subnet *y = cfg->subnets[j];
			/* nested subnets are ISC's too (the longer mask wins, as
			 * conf_subnet_of finds it); the same one twice is a mistake */
			if (x->net == y->net && x->mask == y->mask)
				return conf_fail_at(err, filename, 0, "subnet %s netmask %s is declared twice",
					ip_text(y->net, a), ip_text(y->mask, b));
		}
	}
	return 0;
}

int conf_check(const struct server_config *cfg, const char *filename, struct udhcp_error *err)
{
	if (check_ranges(cfg, filename, err) < 0 || check_subnets(cfg, filename, err) < 0)
		return -1;
	return 0;
}

/* ---- BusyBox: subnets from the interface -------------------------------------- */

static const struct conf_subnet *find_or_add(struct server_config *cfg, uint32_t net, uint32_t mask)
{
	for (unsigned i = 0; i < cfg->nsubnets; i++)
		if (cfg->subnets[i]->net == net && cfg->subnets[i]->mask == mask)
			return cfg->subnets[i];
	return conf_add_subnet(cfg, NULL, net, mask);
}

int conf_bb_subnets(struct server_config *cfg, uint32_t iface_ip, uint32_t iface_mask)
{
	const struct conf_option *o = udhcpd_config_option(cfg, DHCP_SUBNET);
	uint32_t given = o && o->len == 4 ? get_be32(o->data) : iface_mask;

	if (cfg->isc)
		return 0;
	/* the interface's subnet, unless a "subnet" section holds its address
	 * (a wider one: that is the link, its ranges and options local) */
	if (!conf_subnet_of(cfg, iface_ip) && !find_or_add(cfg, iface_ip & iface_mask, iface_mask))
		return -1;
	for (unsigned i = 0; i < cfg->nranges; i++) {
		struct conf_range *r = &cfg->ranges[i];
		bool local = (r->start & iface_mask) == (iface_ip & iface_mask);
		uint32_t mask = local ? iface_mask : given;

		if (r->subnet)
			continue;	/* in a "subnet" section */
		/* a declared subnet holding it, else one from the interface or "opt subnet" */
		if (!(r->subnet = conf_subnet_of(cfg, r->start))
		    && !(r->subnet = find_or_add(cfg, r->start & mask, mask)))
			return -1;
	}
	return 0;
}

/* ---- Indexes ------------------------------------------------------------------- */

static unsigned mac_hash(const uint8_t *mac)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (int i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	return h;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The hosts a relay's option 82 names: a list, so that a relayed request
 * is not matched against every host of a large file. */
static int index_agent_hosts(struct server_config *cfg)
{
	unsigned k = 0;

	for (unsigned i = 0; i < cfg->nhosts; i++)
		cfg->agent_hosts += cfg->hosts[i]->agent_sub != 0;
	if (!(cfg->agent_list = conf_alloc(cfg, sizeof(*cfg->agent_list) * (cfg->agent_hosts + 1))))
		return -1;
	for (unsigned i = 0; i < cfg->nhosts; i++)
		if (cfg->hosts[i]->agent_sub)
			cfg->agent_list[k++] = cfg->hosts[i];
	return 0;
}

static unsigned key_hash(const struct conf_class *super, const uint8_t *key, size_t len)
{
	uint32_t h = 2166136261u ^ super->index;	/* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ key[i]) * 16777619u;
	return h;
}

/* Subclasses by their class and key: a file may list thousands (a class
 * of allowed MACs), each request looks one up. The first declared wins. */
static int index_subclasses(struct server_config *cfg)
{
	unsigned slots = 16;

	while (slots < 2 * cfg->nclasses && slots < (1u << 30))
		slots *= 2;
	if (!(cfg->sub_index = conf_alloc(cfg, sizeof(*cfg->sub_index) * slots)))
		return -1;
	cfg->sub_slots = slots;
	for (unsigned i = 0; i < cfg->nclasses; i++) {
		const struct conf_class *c = cfg->classes[i], *o;
		unsigned at;

		if (!c->super)
			continue;
		at = key_hash(c->super, c->key, c->key_len) & (slots - 1);
		while ((o = cfg->sub_index[at]) != NULL && !(o->super == c->super
			&& o->key_len == c->key_len && memcmp(o->key, c->key, c->key_len) == 0))
			at = (at + 1) & (slots - 1);
		if (!o)
			cfg->sub_index[at] = c;
	}
	return 0;
}

int conf_index(struct server_config *cfg)
{
	unsigned slots = 16, k = 0;

	cfg->uid_hosts = cfg->agent_hosts = 0;
	if (!(cfg->fixed_sorted = conf_alloc(cfg, sizeof(uint32_t) * (cfg->nstatics + 1))))
		return -1;
	for (unsigned i = 0; i < cfg->nhosts; i++)
		for (unsigned j = 0; j < cfg->hosts[i]->nfixed && k < cfg->nstatics; j++)
			cfg->fixed_sorted[k++] = cfg->hosts[i]->fixed[j];
	qsort(cfg->fixed_sorted, k, sizeof(uint32_t), cmp_u32);
	cfg->nfixed_sorted = k;
	while (slots < 2 * cfg->nhosts && slots < (1u << 30))
		slots *= 2;
	if (!(cfg->by_mac = conf_alloc(cfg, sizeof(*cfg->by_mac) * slots)))
		return -1;
	cfg->mac_slots = slots;
	if (index_agent_hosts(cfg) < 0
	    || (ENABLE_FEATURE_UDHCPD_ISC_CONF && cfg->nclasses && index_subclasses(cfg) < 0))
		return -1;
	/* every host of a MAC, in file order, chained from the first */
	for (unsigned i = 0; i < cfg->nhosts; i++) {
		struct conf_host *h = cfg->hosts[i];
		unsigned at = mac_hash(h->mac) & (slots - 1);

		cfg->uid_hosts += h->uid_len > 0;
		h->same_mac = NULL;
		if (!h->has_mac)
			continue;
		while (cfg->by_mac[at] && memcmp(cfg->by_mac[at]->mac, h->mac, 6) != 0)
			at = (at + 1) & (slots - 1);
		if (!cfg->by_mac[at]) {
			cfg->by_mac[at] = h;
		} else {
			struct conf_host *last = (struct conf_host *)cfg->by_mac[at];

			while (last->same_mac)
				last = (struct conf_host *)last->same_mac;
			last->same_mac = h;
		}
	}
	return 0;
}

static const struct conf_host *host_by_mac(const struct server_config *cfg, const uint8_t *mac)
{
	unsigned at = mac_hash(mac) & (cfg->mac_slots - 1);

	while (cfg->by_mac[at]) {
		if (memcmp(cfg->by_mac[at]->mac, mac, 6) == 0)
			return cfg->by_mac[at];
		at = (at + 1) & (cfg->mac_slots - 1);
	}
	return NULL;
}

/* ---- Lookups ------------------------------------------------------------------- */

const struct conf_subnet *conf_subnet_of(const struct server_config *cfg, uint32_t ip)
{
	const struct conf_subnet *best = NULL;

	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *sn = cfg->subnets[i];

		if ((ip & sn->mask) == sn->net && (!best || sn->mask > best->mask))
			best = sn;
	}
	return best;
}

bool conf_same_link(const struct conf_subnet *a, const struct conf_subnet *b)
{
	return a && b && (a == b || (a->shared && a->shared == b->shared));
}

/* The best of the hosts that match: a fixed address on the link wins. */
static void consider(const struct server_config *cfg, const struct conf_host *h,
	const struct conf_subnet *subnet, const struct conf_host **first, const struct conf_host **fixed)
{
	if (!*first)
		*first = h;
	if (!*fixed && h->nfixed && conf_host_fixed_on(cfg, h, subnet))
		*fixed = h;
}

static bool agent_matches(const struct conf_host *h, const struct udhcp_agent *a)
{
	const uint8_t *id = h->agent_sub == AGENT_CIRCUIT_ID ? a->circuit_id
		: h->agent_sub == AGENT_REMOTE_ID ? a->remote_id : NULL;
	size_t n = h->agent_sub == AGENT_CIRCUIT_ID ? a->circuit_len : a->remote_len;

	return id && n == h->agent_id_len && memcmp(id, h->agent_id, n) == 0;
}

const struct conf_host *conf_host_for(const struct server_config *cfg, const uint8_t *mac,
	const uint8_t *uid, size_t uid_len, const struct udhcp_agent *agent,
	const struct conf_subnet *subnet)
{
	const struct conf_host *first = NULL, *fixed = NULL;
	bool uid_scan = !cfg->by_mac || cfg->uid_hosts;

	for (unsigned i = 0; uid_scan && uid && uid_len && i < cfg->nhosts; i++) {
		const struct conf_host *h = cfg->hosts[i];

		if (h->uid_len == uid_len && memcmp(h->uid, uid, uid_len) == 0)
			consider(cfg, h, subnet, &first, &fixed);
	}
	if (mac && cfg->by_mac) {
		for (const struct conf_host *h = host_by_mac(cfg, mac); h; h = h->same_mac)
			consider(cfg, h, subnet, &first, &fixed);
	} else {
		for (unsigned i = 0; mac && i < cfg->nhosts; i++)
			if (cfg->hosts[i]->has_mac && memcmp(cfg->hosts[i]->mac, mac, 6) == 0)
				consider(cfg, cfg->hosts[i], subnet, &first, &fixed);
	}
	if (first || !agent)
		return fixed ? fixed : first;
	/* every relay may have an "eth3": the host whose address is on this link */
	for (unsigned i = 0; i < (cfg->by_mac ? cfg->agent_hosts : cfg->nhosts); i++) {
		const struct conf_host *h = cfg->by_mac ? cfg->agent_list[i] : cfg->hosts[i];

		if (h->agent_sub && agent_matches(h, agent))
			consider(cfg, h, subnet, &first, &fixed);
	}
	return fixed ? fixed : first;
}

const struct conf_host *conf_agent_host_of(const struct server_config *cfg, uint32_t ip)
{
	for (unsigned i = 0; cfg->agent_list && i < cfg->agent_hosts; i++)
		for (unsigned j = 0; j < cfg->agent_list[i]->nfixed; j++)
			if (cfg->agent_list[i]->fixed[j] == ip)
				return cfg->agent_list[i];
	return NULL;
}

uint32_t conf_host_fixed_on(const struct server_config *cfg, const struct conf_host *h,
	const struct conf_subnet *subnet)
{
	/* ISC: a fixed address on the client's link, which a shared-network
	 * makes several subnets */
	for (unsigned i = 0; h && i < h->nfixed; i++)
		if (h->any_link || conf_same_link(conf_subnet_of(cfg, h->fixed[i]), subnet))
			return h->fixed[i];
	return 0;
}

bool conf_is_fixed_ip(const struct server_config *cfg, uint32_t ip)
{
	if (cfg->fixed_sorted) {
		unsigned lo = 0, hi = cfg->nfixed_sorted;

		while (lo < hi) {
			unsigned mid = lo + (hi - lo) / 2;

			if (cfg->fixed_sorted[mid] == ip)
				return true;
			if (cfg->fixed_sorted[mid] < ip)
				lo = mid + 1;
			else
				hi = mid;
		}
		return false;
	}
	for (unsigned i = 0; i < cfg->nhosts; i++)
		for (unsigned j = 0; j < cfg->hosts[i]->nfixed; j++)
			if (cfg->hosts[i]->fixed[j] == ip)
				return true;
	return false;
}

/* ---- Classes ---------------------------------------------------------------------- */

/* c's subclass whose key is the value of c's match for rq, or NULL. */
static const struct conf_class *subclass_for(const struct server_config *cfg,
	const struct conf_class *c, const struct conf_request *rq)
{
	struct conf_eval ev;
	struct conf_value key;

	ev.cfg = cfg;
	ev.rq = rq;
	ev.used = 0;
	ev.depth = 0;
	key = conf_eval_data(&ev, c->match);
	if (key.null)
		return NULL;
	if (cfg->sub_index) {
		const struct conf_class *sub;

		for (unsigned at = key_hash(c, key.data, key.len) & (cfg->sub_slots - 1);
		     (sub = cfg->sub_index[at]) != NULL; at = (at + 1) & (cfg->sub_slots - 1))
			if (sub->super == c && sub->key_len == key.len
			    && (key.len == 0 || memcmp(sub->key, key.data, key.len) == 0))
				return sub;
		return NULL;
	}
	for (unsigned i = c->index + 1; i < cfg->nclasses; i++) {
		const struct conf_class *sub = cfg->classes[i];

		if (sub->super == c && sub->key_len == key.len
		    && (key.len == 0 || memcmp(sub->key, key.data, key.len) == 0))
			return sub;
	}
	return NULL;
}

void conf_classify(const struct server_config *cfg, struct conf_request *rq)
{
	rq->nclasses = 0;
	if (!ENABLE_FEATURE_UDHCPD_ISC_CONF)
		return;	/* classes are a dhcpd.conf's */
	for (unsigned i = 0; i < cfg->nclasses && rq->nclasses < CONF_REQUEST_CLASSES; i++) {
		const struct conf_class *c = cfg->classes[i], *member = NULL;

		if (c->super)
			continue;
		if (c->match_if && conf_eval_bool(cfg, rq, c->match_if))
			member = c;
		else if (c->match)
			member = subclass_for(cfg, c, rq);
		if (member)
			rq->classes[rq->nclasses++] = member;
	}
}

bool conf_request_in_class(const struct conf_request *rq, const struct conf_class *c)
{
	for (unsigned i = 0; rq && i < rq->nclasses; i++)
		if (rq->classes[i] == c || rq->classes[i]->super == c)
			return true;
	return false;
}

bool conf_pool_admits(const struct conf_pool *pl, const struct conf_request *rq, bool bootp)
{
	bool known = rq && rq->known, allowed = false;

	for (unsigned i = 0; i < pl->npermits; i++) {
		const struct conf_permit *p = &pl->permits[i];
		bool names = p->kind == PERMIT_KIND_KNOWN ? known
			: p->kind == PERMIT_KIND_UNKNOWN ? !known
			: p->kind == PERMIT_KIND_ALL ? true
			: p->kind == PERMIT_KIND_BOOTP ? bootp
			: conf_request_in_class(rq, p->cls);

		if (names && p->deny)
			return false;
		allowed |= names;
	}
	return !pl->has_allow || allowed;
}

/* ---- A client's view ------------------------------------------------------------- */

static bool in_view(const struct conf_view *v, const struct conf_scope *sc)
{
	for (unsigned i = 0; i < v->n; i++)
		if (v->scope[i] == sc)
			return true;
	return false;
}

static void push(struct conf_view *v, const struct conf_scope *sc)
{
	if (v->n < CONF_VIEW_MAX)
		v->scope[v->n++] = sc;
	else
		v->truncated = true;
}

static void push_chain(struct conf_view *v, const struct conf_scope *sc)
{
	for (unsigned depth = 0; sc && depth <= CONF_DEPTH_MAX; sc = sc->parent, depth++)
		if (!in_view(v, sc))
			push(v, sc);
}

/* sc after the branches its ifs take for rq (and those of their ifs): a
 * later statement first, as ISC runs them in order and the last wins. */
static void push_expanded(const struct server_config *cfg, struct conf_view *v,
	const struct conf_scope *sc, const struct conf_request *rq, unsigned depth)
{
	for (const struct conf_step *st = rq && depth < CONF_DEPTH_MAX ? sc->last_step : NULL; st;
	     st = st->prev) {
		if (st->tail)
			push(v, st->tail);
		for (const struct conf_cond *c = st->cond; c; c = c->orelse) {
			if (!c->test || conf_eval_bool(cfg, rq, c->test)) {
				push_expanded(cfg, v, c->body, rq, depth + 1);
				break;
			}
		}
	}
	push(v, sc);
}

/*
 * ISC executes the subnet's scopes (subnet, shared-network, the groups
 * around them, global), then the pool's up to where the subnet's chain
 * takes over (a pool of a shared-network: its parent is the
 * shared-network), then the classes' (the last matched first, so the
 * first wins), then the host's (its block and the groups around it, not
 * those already run): each later one wins. Most specific first here:
 * host chain, classes, pool chain, subnet chain; each scope once.
 */
void conf_resolve(const struct server_config *cfg, const struct conf_host *h,
	const struct conf_subnet *subnet, const struct conf_range *r,
	const struct conf_request *rq, struct conf_view *v)
{
	struct conf_view sub, lease, base;

	sub.n = lease.n = base.n = 0;
	sub.truncated = lease.truncated = base.truncated = v->truncated = false;

	if (subnet)
		push_chain(&sub, &subnet->scope);
	push_chain(&sub, cfg->global);
	for (const struct conf_scope *sc = r && r->pool ? &r->pool->scope : NULL; sc; sc = sc->parent) {
		if (in_view(&sub, sc) || lease.n > CONF_DEPTH_MAX)
			break;
		push(&lease, sc);
	}
	for (unsigned i = 0; i < sub.n; i++)
		push(&lease, sub.scope[i]);
	for (const struct conf_scope *sc = h ? &h->scope : NULL; sc; sc = sc->parent) {
		if (in_view(&lease, sc) || base.n > CONF_DEPTH_MAX)
			break;
		push(&base, sc);
	}
	for (unsigned i = 0; rq && i < rq->nclasses; i++) {
		push(&base, &rq->classes[i]->scope);
		if (rq->classes[i]->super)
			push(&base, &rq->classes[i]->super->scope);
	}
	for (unsigned i = 0; i < lease.n; i++)
		push(&base, lease.scope[i]);
	v->cfg = cfg;
	v->has_rq = rq != NULL;
	if (rq)
		v->rq = *rq;
	v->n = 0;
	if (!ENABLE_FEATURE_UDHCPD_ISC_CONF || !cfg->has_conds || !rq) {	/* ifs: a dhcpd.conf's */
		memcpy(v->scope, base.scope, sizeof(base.scope[0]) * base.n);
		v->n = base.n;
		v->truncated = base.truncated;
		return;
	}
	for (unsigned i = 0; i < base.n; i++)
		push_expanded(cfg, v, base.scope[i], rq, 0);
}

bool conf_view_value(const struct conf_view *v, const struct conf_option *o, struct conf_eval *ev,
	const uint8_t **data, size_t *len)
{
	struct conf_value val;

	if (!o->expr) {
		*data = o->data;
		*len = o->len;
		return true;
	}
	ev->cfg = v->cfg;
	ev->rq = v->has_rq ? &v->rq : NULL;
	ev->depth = 0;
	val = conf_eval_data(ev, o->expr);
	if (val.null || val.len > 0xffff)
		return false;
	*data = val.data;
	*len = val.len;
	return true;
}

const struct conf_option *conf_view_option(const struct conf_view *v, unsigned code)
{
	for (unsigned i = 0; i < v->n; i++) {
		const struct conf_option *o = conf_scope_option(v->scope[i], code);

		if (o)
			return o;
	}
	return NULL;
}

uint32_t conf_view_param(const struct conf_view *v, enum conf_param p, uint32_t dflt)
{
	for (unsigned i = 0; i < v->n; i++)
		if (v->scope[i]->set & (1u << p))
			return v->scope[i]->value[p];
	return dflt;
}

const char *conf_view_string(const struct conf_view *v, enum conf_string which)
{
	for (unsigned i = 0; i < v->n; i++)
		if (v->scope[i]->set_strings & (1u << which))
			return v->scope[i]->string[which];
	return NULL;
}

void conf_view_each_option(const struct conf_view *v,
	void (*fn)(void *ctx, const struct conf_option *o), void *ctx)
{
	for (unsigned i = 0; i < v->n; i++) {
		const struct conf_scope *sc = v->scope[i];

		for (unsigned j = 0; j < sc->noptions; j++) {
			bool seen = sc->options[j].space != 0;

			for (unsigned k = 0; k < i && !seen; k++)
				seen = conf_scope_option(v->scope[k], sc->options[j].code) != NULL;
			if (!seen)
				fn(ctx, &sc->options[j]);
		}
	}
}

const struct conf_option *conf_view_space_option(const struct conf_view *v, unsigned space,
	unsigned code)
{
	for (unsigned i = 0; i < v->n; i++) {
		const struct conf_option *o = conf_scope_space_option(v->scope[i], space, code);

		if (o)
			return o;
	}
	return NULL;
}

size_t conf_view_encapsulate(const struct conf_view *v, unsigned space, uint8_t *out, size_t cap)
{
	const struct conf_option *by_code[256] = { NULL };
	struct conf_eval ev;
	size_t n = 0;

	for (unsigned i = 0; i < v->n; i++)
		for (unsigned j = 0; j < v->scope[i]->noptions; j++) {
			const struct conf_option *o = &v->scope[i]->options[j];

			if (o->space == space && !by_code[o->code])
				by_code[o->code] = o;
		}
	ev.used = 0;
	for (unsigned code = 0; code < 256; code++) {
		const uint8_t *data;
		size_t len, done = 0;

		if (!by_code[code] || !conf_view_value(v, by_code[code], &ev, &data, &len))
			continue;
		/* an empty one is sent as such; a long one in pieces of 255 */
		do {
			size_t piece = len - done > 255 ? 255 : len - done;

			if (n + 2 + piece > cap)
				return 0;
			out[n++] = (uint8_t)code;
			out[n++] = (uint8_t)piece;
			if (piece)
				memcpy(out + n, data + done, piece);
			n += piece;
			done += piece;
		} while (done < len);
	}
	return n;
}

void conf_view_logs(const struct conf_view *v,
	void (*fn)(void *ctx, enum conf_log_priority priority, const char *text), void *ctx)
{
	struct conf_eval ev;

	for (unsigned i = v->n; i-- > 0;) {
		for (const struct conf_log *l = v->scope[i]->logs; l; l = l->next) {
			struct conf_value val;
			char text[256];
			size_t n = 0;

			ev.cfg = v->cfg;
			ev.rq = v->has_rq ? &v->rq : NULL;
			ev.used = 0;
			ev.depth = 0;
			val = conf_eval_data(&ev, l->expr);
			if (val.null)
				continue;	/* ISC logs nothing then */
			/* a log line of the client's bytes: control bytes escaped */
			for (size_t k = 0; k < val.len && n + 5 < sizeof(text); k++) {
				uint8_t c = val.data[k];

				if (c >= 0x20 && c < 0x7f && c != '\\')
					text[n++] = (char)c;
				else
					n += (size_t)snprintf(text + n, sizeof(text) - n, "\\%03o", c);
			}
			text[n] = '\0';
			fn(ctx, (enum conf_log_priority)l->priority, text);
		}
	}
}
