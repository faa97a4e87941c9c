/*
 * conf_isc_block.c: the declarations of dhcpd.conf (dhcpd.conf(5),
 * "REFERENCE: DECLARATIONS") and the statements that belong to them:
 *
 *	shared-network NAME { ... }	global or group; holds subnets
 *	subnet NET netmask MASK { ... }	global, group or shared-network
 *	pool { ... }			subnet or shared-network; needs a range
 *	group { ... }			anywhere but in a host
 *	host NAME { ... }		anywhere but in a host
 *	range [dynamic-bootp] LOW [HIGH];	subnet or pool
 *	hardware ethernet MAC; fixed-address A[, B...]; uid ID;	host
 *
 * Where ISC puts each declaration, and what it refuses, was checked with
 * dhcpd -t (4.4.3): a subnet inside a group inside a shared-network is
 * not on that shared-network; a pool of a shared-network takes its
 * ranges from the subnets declared before it; LOW > HIGH is taken as
 * HIGH..LOW; a range outside its subnet, a pool without a range and a
 * shared-network without a subnet are errors.
 */
#include "server/conf_isc.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ip_text(uint32_t ip, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255, ip >> 8 & 255, ip & 255);
	return buf;
}

/* by enum isc_kind, packed (libbb/strings.c) */
static const char kind_names[] = "the global scope\0a group\0a shared-network\0a subnet\0"
	"a pool\0a host\0a class\0an if\0";

/* Fails unless b is one of the kinds in the mask (1 << enum isc_kind). */
static int allowed_in(struct isc_parser *p, const struct isc_block *b, unsigned mask,
	const struct isc_token *at)
{
	if (mask & 1u << b->kind)
		return 0;
	return isc_fail(p, at, "not allowed in %s", nth_string(kind_names, b->kind));
}

/* '{' statements '}' of the new block inner: -1 when some were in error
 * (the checks of the whole block are not made then: they would only
 * repeat the error, as "a pool needs a range" after a bad range). */
int isc_block_body(struct isc_parser *p, struct isc_block *inner)
{
	struct isc_token t;
	unsigned errors = p->errs.count;
	unsigned long fails = p->fails;
	int rc;

	if (isc_expect(p, T_LBRACE, "'{'", &t) < 0)
		return -1;
	if (p->depth == CONF_DEPTH_MAX)
		return isc_fail(p, &t, "blocks nested more than %d deep", CONF_DEPTH_MAX);
	inner->line = t.line;
	p->depth++;
	rc = isc_statements(p, inner, false);
	p->depth--;
	return rc < 0 || p->errs.count != errors || p->fails != fails ? -1 : 0;
}

void isc_new_block(struct isc_block *inner, enum isc_kind kind, const char *what,
	struct conf_scope *scope)
{
	memset(inner, 0, sizeof(*inner));
	inner->kind = kind;
	inner->what = what;
	inner->scope = scope;
}

static int out_of_memory(struct isc_parser *p)
{
	return isc_oom(p, NULL);
}

/* ---- shared-network, subnet, pool, group ----------------------------------------------- */

static int shared_network(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_shared *sh;
	struct isc_block inner;
	struct isc_token name;

	if (allowed_in(p, b, 1u << K_GLOBAL | 1u << K_GROUP, at) < 0)
		return -1;
	name = isc_next(p->lx);
	if (name.type != T_WORD && name.type != T_STRING)
		return isc_fail(p, &name, "expected the shared-network's name");
	if (name.len == 0 || name.len >= sizeof(sh->name) || memchr(name.text, '\0', name.len))
		return isc_fail(p, &name, "a name of 1 to %zu bytes", sizeof(sh->name) - 1);
	if (!(sh = conf_add_shared(p->cfg, b->scope)))
		return out_of_memory(p);
	memcpy(sh->name, name.text, name.len);
	sh->name[name.len] = '\0';
	isc_new_block(&inner, K_SHARED, "shared-network", &sh->scope);
	inner.shared = sh;
	inner.net = &inner;
	if (isc_block_body(p, &inner) < 0)
		return -1;
	isc_set_stmt(p, "shared-network", sh->name);
	if (inner.nsubnets == 0)
		return isc_fail(p, at, "no subnet in it");
	return 0;
}

static int subnet(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_subnet *s;
	struct isc_block inner;
	struct isc_token t, num = *isc_peek(p->lx);
	uint32_t net, mask;
	char a[16], m[16];

	if (allowed_in(p, b, 1u << K_GLOBAL | 1u << K_GROUP | 1u << K_SHARED, at) < 0
	    || isc_dotted_quad(p, &net) < 0)
		return -1;
	if (isc_expect(p, T_WORD, "'netmask'", &t) < 0)
		return -1;
	if (!isc_is(&t, "netmask"))
		return isc_fail(p, &t, "expected 'netmask'");
	if (isc_dotted_quad(p, &mask) < 0)
		return -1;
	isc_set_stmt(p, "subnet", ip_text(net, a));
	if (net & ~mask)
		return isc_fail(p, &num, "bits set outside netmask %s", ip_text(mask, m));
	if (!(s = conf_add_subnet(p->cfg, b->scope, net, mask)))
		return out_of_memory(p);
	s->shared = b->shared;
	b->nsubnets++;
	isc_new_block(&inner, K_SUBNET, "subnet", &s->scope);
	inner.subnet = s;
	inner.shared = b->shared;
	inner.net = b->kind == K_SHARED ? b : &inner;
	return isc_block_body(p, &inner);
}

/* The pool's permits, read into the block, into the model (conf_pool_admits). */
static int pool_permits(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_permit *list;

	if (!b->npermits)
		return 0;
	if (!(list = conf_alloc(p->cfg, sizeof(*list) * b->npermits)))
		return isc_oom(p, at);
	memcpy(list, b->permits, sizeof(*list) * b->npermits);
	b->pool->permits = list;
	b->pool->npermits = b->npermits;
	for (unsigned i = 0; i < b->npermits; i++) {
		b->pool->has_allow |= !list[i].deny;
		b->pool->allows_bootp |= !list[i].deny && list[i].kind == PERMIT_KIND_BOOTP;
	}
	return 0;
}

static int pool(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_pool *pl;
	struct isc_block inner;

	if (b->kind == K_POOL)
		return isc_fail(p, at, "a pool inside a pool");
	if (allowed_in(p, b, 1u << K_SUBNET | 1u << K_SHARED, at) < 0)
		return -1;
	if (!(pl = conf_add_pool(p->cfg, b->scope)))
		return out_of_memory(p);
	isc_new_block(&inner, K_POOL, "pool", &pl->scope);
	inner.pool = pl;
	inner.subnet = b->subnet;
	inner.shared = b->shared;
	if (isc_block_body(p, &inner) < 0)
		return -1;
	isc_set_stmt(p, "pool", NULL);
	if (inner.nranges == 0)
		return isc_fail(p, at, "a pool needs a range");
	return pool_permits(p, &inner, at);
}

static int group(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct conf_scope *sc;
	struct isc_block inner;

	if (b->kind == K_HOST)
		return isc_fail(p, at, "not allowed in a host");
	if (isc_peek(p->lx)->type == T_WORD || isc_peek(p->lx)->type == T_STRING)
		isc_next(p->lx);	/* ISC's optional group name names nothing */
	if (!(sc = conf_add_group(p->cfg, b->scope)))
		return out_of_memory(p);
	/* a subnet in it is not on the shared-network around (as ISC) */
	isc_new_block(&inner, K_GROUP, "group", sc);
	return isc_block_body(p, &inner);
}

/* ---- range -------------------------------------------------------------------------------- */

static bool in_subnet(const struct conf_subnet *s, uint32_t ip)
{
	return (ip & s->mask) == s->net;
}

/* The subnet of a pool's range in a shared-network: one declared before it. */
static const struct conf_subnet *shared_subnet(const struct server_config *cfg,
	const struct conf_shared *sh, uint32_t lo, uint32_t hi)
{
	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *s = cfg->subnets[i];

		if (s->shared == sh && in_subnet(s, lo) && in_subnet(s, hi))
			return s;
	}
	return NULL;
}

/* The subnet of a range (its addresses as written: a, b). */
static int range_subnet(struct isc_parser *p, const struct isc_block *b, uint32_t a, uint32_t z,
	const struct isc_token *at, const struct conf_subnet **out)
{
	char x[16], y[16], m[16];

	if (!b->subnet) {
		*out = shared_subnet(p->cfg, b->shared, a, z);
		if (!*out)
			return isc_fail(p, at, "%s - %s is in no subnet of shared-network %s declared "
				"before the pool", ip_text(a, x), ip_text(z, y), b->shared->name);
		return 0;
	}
	*out = b->subnet;
	if (!in_subnet(b->subnet, a) || !in_subnet(b->subnet, z))
		return isc_fail(p, at, "%s is not in subnet %s netmask %s",
			ip_text(in_subnet(b->subnet, a) ? z : a, x), ip_text(b->subnet->net, y),
			ip_text(b->subnet->mask, m));
	return 0;
}

static int range(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	const struct conf_subnet *s;
	uint32_t lo, hi;
	bool bootp = false;

	if (allowed_in(p, b, 1u << K_SUBNET | 1u << K_POOL, at) < 0)
		return -1;
	if (isc_is(isc_peek(p->lx), "dynamic-bootp")) {
		if (!ENABLE_FEATURE_UDHCPD_BOOTP)
			isc_warn(p, isc_peek(p->lx), "dynamic-bootp: this udhcpd is built without BOOTP"
				" (FEATURE_UDHCPD_BOOTP): BOOTP clients are not answered");
		isc_next(p->lx);
		bootp = true;	/* BOOTP clients as well as DHCP clients (dhcpd.conf(5)) */
	}
	if (isc_dotted_quad(p, &lo) < 0)
		return -1;
	hi = lo;
	if (isc_peek(p->lx)->type != T_SEMI && isc_dotted_quad(p, &hi) < 0)
		return -1;
	if (isc_semi(p) < 0 || range_subnet(p, b, lo, hi, at, &s) < 0)
		return -1;
	if (lo > hi) {
		/* ISC takes a range written high to low */
		uint32_t t = lo;

		lo = hi;
		hi = t;
	}
	if (conf_add_range(p->cfg, lo, hi, s, b->pool) < 0)
		return out_of_memory(p);
	conf_last_range(p->cfg)->dynamic_bootp = bootp;
	b->nranges++;
	return 0;
}

/* ---- host ---------------------------------------------------------------------------------- */

/* Host names are looked up in a hash (a lab may declare thousands). */
static unsigned name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static unsigned *name_slot(const struct isc_parser *p, const char *name, size_t len)
{
	unsigned mask = p->host_names_cap - 1, i = name_hash(name, len) & mask;

	for (;; i = (i + 1) & mask) {
		unsigned at = p->host_names[i];
		const char *other;

		if (!at)
			return &p->host_names[i];
		other = p->cfg->hosts[at - 1]->name;
		if (strlen(other) == len && memcmp(other, name, len) == 0)
			return &p->host_names[i];
	}
}

/* Room for one more host in the hash (rebuilt from cfg->hosts when it grows). */
static int names_room(struct isc_parser *p)
{
	unsigned cap = p->host_names_cap ? p->host_names_cap : 64, *fresh;

	while (cap < 2 * (p->cfg->nhosts + 1))
		cap *= 2;
	if (cap == p->host_names_cap)
		return 0;
	if (!(fresh = calloc(cap, sizeof(*fresh))))
		return -1;
	free(p->host_names);
	p->host_names = fresh;
	p->host_names_cap = cap;
	for (unsigned i = 0; i < p->cfg->nhosts; i++) {
		const char *name = p->cfg->hosts[i]->name;

		*name_slot(p, name, strlen(name)) = i + 1;
	}
	return 0;
}

static int host(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	unsigned *slot;
	struct conf_host *h;
	struct isc_block inner;
	struct isc_token name;

	if (b->kind == K_HOST)
		return isc_fail(p, at, "a host inside a host");
	if (isc_expect(p, T_WORD, "the host's name", &name) < 0)
		return -1;
	if (name.len >= CONF_HOST_NAME_MAX)
		return isc_fail(p, &name, "a name of at most %d bytes", CONF_HOST_NAME_MAX - 1);
	snprintf(p->stmt, sizeof(p->stmt), "host %.*s", (int)name.len, name.text);
	if (names_room(p) < 0)
		return out_of_memory(p);
	slot = name_slot(p, name.text, name.len);
	/* as dhcpd -t: the same name twice (case counts) is an error */
	if (*slot)
		return isc_fail(p, &name, "declared already");
	if (!(h = conf_add_host(p->cfg, b->scope)))
		return out_of_memory(p);
	memcpy(h->name, name.text, name.len);
	h->name[name.len] = '\0';
	*slot = p->cfg->nhosts;
	isc_new_block(&inner, K_HOST, "host", &h->scope);
	inner.host = h;
	return isc_block_body(p, &inner);
}

int isc_host_uid(struct isc_parser *p, struct isc_block *b, const struct isc_token *at,
	const uint8_t *data, size_t len)
{
	if (len == 0 || len > CONF_KEY_MAX)
		return isc_fail(p, at, "a client identifier has 1 to %d bytes, not %zu", CONF_KEY_MAX,
			len);
	memcpy(b->host->uid, data, len);
	b->host->uid_len = (unsigned)len;
	return 0;
}

static int hardware(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct isc_token type;
	uint8_t mac[16];
	size_t len;

	if (allowed_in(p, b, 1u << K_HOST, at) < 0)
		return -1;
	if (isc_expect(p, T_WORD, "ethernet", &type) < 0)
		return -1;
	if (!isc_is(&type, "ethernet"))
		return isc_fail(p, &type, "only ethernet is supported, not '%.*s'", (int)type.len,
			type.text);
	if (isc_colon_hex(p, mac, sizeof(mac), &len) < 0 || isc_semi(p) < 0)
		return -1;
	if (len != 6)
		return isc_fail(p, at, "an ethernet address has 6 bytes, not %zu", len);
	if (b->host->has_mac)
		return isc_fail(p, at, "host %s has a hardware address already", b->host->name);
	memcpy(b->host->mac, mac, 6);
	b->host->has_mac = true;
	return 0;
}

static int fixed_address(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	uint32_t ip;

	if (allowed_in(p, b, 1u << K_HOST, at) < 0)
		return -1;
	if (b->has_fixed)
		return isc_fail(p, at, "one fixed-address statement a host (list them: A, B)");
	b->has_fixed = true;
	for (;;) {
		if (isc_address(p, &ip) < 0)
			return -1;
		if (conf_host_add_fixed(p->cfg, b->host, ip) < 0)
			return out_of_memory(p);
		if (isc_peek(p->lx)->type != T_COMMA)
			break;
		isc_next(p->lx);
	}
	return isc_semi(p);
}

/* uid ID; (ISC's other way to write the client identifier; it wins) */
static int uid(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	uint8_t data[ISC_VALUE_MAX];
	size_t len;

	if (allowed_in(p, b, 1u << K_HOST, at) < 0 || isc_value(p, "X", data, &len) < 0
	    || isc_semi(p) < 0)
		return -1;
	if (b->has_client_id)
		isc_warn(p, at, "host %s: the uid replaces its dhcp-client-identifier", b->host->name);
	b->has_uid = true;
	return isc_host_uid(p, b, at, data, len);
}

/*
 * host-identifier option agent.circuit-id ID; (or agent.remote-id): the
 * host is the port of a relay (RFC 3046's sub-options 1 and 2), whoever
 * is plugged into it. dhcp-client-identifier is the uid.
 */
static int host_identifier(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	static const struct { char name[23]; uint8_t sub; } ids[] = {
		{ "agent.circuit-id", AGENT_CIRCUIT_ID }, { "agent.remote-id", AGENT_REMOTE_ID },
		{ "dhcp-client-identifier", 0 },
	};
	struct isc_token word, name;
	uint8_t data[ISC_VALUE_MAX];
	size_t len, i;

	if (allowed_in(p, b, 1u << K_HOST, at) < 0 || isc_expect(p, T_WORD, "option", &word) < 0)
		return -1;
	if (!isc_is(&word, "option"))
		return isc_fail(p, &word, "only 'host-identifier option NAME VALUE' is supported");
	if (isc_expect(p, T_WORD, "an option name", &name) < 0)
		return -1;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]) && !isc_is(&name, ids[i].name); i++)
		;
	if (i == sizeof(ids) / sizeof(ids[0]))
		return isc_fail(p, &name, "a host is identified by agent.circuit-id, agent.remote-id or "
			"dhcp-client-identifier, not '%.*s'", (int)name.len, name.text);
	if (isc_value(p, "X", data, &len) < 0 || isc_semi(p) < 0)
		return -1;
	if (!ids[i].sub)
		return isc_host_uid(p, b, at, data, len);
	if (len == 0 || len > CONF_KEY_MAX)
		return isc_fail(p, at, "a relay agent's id has 1 to %d bytes, not %zu", CONF_KEY_MAX, len);
	if (b->host->agent_sub)
		return isc_fail(p, at, "host %s has a host-identifier already", b->host->name);
	b->host->agent_sub = ids[i].sub;
	memcpy(b->host->agent_id, data, len);
	b->host->agent_id_len = (unsigned)len;
	return 0;
}

/* The names packed (libbb/strings.c), their parsers in the same order. */
static const char decl_names[] = "shared-network\0subnet\0pool\0group\0host\0range\0"
	"hardware\0fixed-address\0uid\0host-identifier\0";
static int (*const decls[])(struct isc_parser *, struct isc_block *, const struct isc_token *) = {
	shared_network, subnet, pool, group, host, range, hardware, fixed_address, uid, host_identifier,
};

int isc_declaration(struct isc_parser *p, struct isc_block *b, const struct isc_token *t)
{
	int i = isc_word_index(t, decl_names);

	if (i < 0)
		return 1;
	/* a class's or an if's statements are options and parameters */
	if (b->kind == K_CLASS || b->kind == K_COND)
		return isc_fail(p, t, "not allowed in %s", nth_string(kind_names, b->kind));
	return decls[i](p, b, t);
}

bool isc_is_declaration(const struct isc_token *t)
{
	return isc_word_index(t, decl_names) >= 0;
}
