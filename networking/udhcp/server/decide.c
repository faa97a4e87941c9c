/*
 * decide.c: udhcpd's decisions (RFC 2131 section 4.3): DISCOVER,
 * REQUEST in its three forms, DECLINE, RELEASE, INFORM, and the choice of
 * an address. Leases are keyed by client identifier (else htype+chaddr).
 *
 * A decision is message + lease table + now (s->now, set by the caller
 * from the monotonic clock) -> the table changed, and in
 * a struct server_out the reply, the lease to journal before it may leave,
 * an address to probe. Nothing here writes or sends: journal.c carries the
 * decision out (and puts the lease back when it cannot be journaled).
 */
#include "libbb.h"
#include "server/server.h"

#include <arpa/inet.h>

/* ---- Addresses ------------------------------------------------------------- */

static bool in_pool(const struct server_state *s, uint32_t ip)
{
	return pool_range_of(&s->pool, ip) >= 0;
}

/* Is ip on the link we are on (the one being served now)? Its subnet's,
 * which may be wider than the interface's netmask (a udhcpd.conf section,
 * a dhcpd.conf subnet) or a shared-network of several; the netmask when
 * no subnet holds our address. */
bool server_range_is_local(const struct server_state *s, uint32_t ip)
{
	const struct conf_subnet *ours = conf_subnet_of(&s->cfg, ntohl(s->server_nip));
	uint32_t mask = ntohl(s->netmask);

	if (ours)
		return conf_same_link(conf_subnet_of(&s->cfg, ip), ours);
	return (ip & mask) == (ntohl(s->server_nip) & mask);
}

/*
 * Who may draw from a range (ISC, dhcpd.conf(5)): "deny unknown-clients"
 * in the range's subnet or above (boot-unknown-clients false) keeps
 * unknown clients out of all of it; a pool's own permits then decide
 * (conf_pool_admits: known-clients, unknown-clients, members of a class).
 * A known client has a host block. The asker is m's client (NULL: any
 * unknown client), classified only when a pool's permits ask.
 */
struct asker {
	const struct dhcp_message *m;
	bool known, classified;
	bool bootp;		/* a BOOTP client: dynamic-bootp ranges only */
	struct conf_request rq;
};

static void asker_init(const struct server_state *s, const struct dhcp_message *m, struct asker *a)
{
	a->m = m;
	a->known = m && server_client_known(s, m);
	a->classified = false;
	a->bootp = m && !udhcp_opt_present(&m->opts, DHCP_MESSAGE_TYPE);
}

/* allow/deny/ignore bootp in the range's pool or subnet, or above them
 * (ISC looks at the scopes of the address it gives). */
static bool range_allows_bootp(const struct conf_range *r)
{
	const struct conf_scope *sc = r->pool ? &r->pool->scope : r->subnet ? &r->subnet->scope : NULL;

	for (unsigned depth = 0; sc && depth <= CONF_DEPTH_MAX; sc = sc->parent, depth++)
		if (sc->set & (1u << CP_BOOTP))
			return sc->value[CP_BOOTP] == CONF_ALLOW;
	return true;
}

/* A BOOTP client draws from a "range dynamic-bootp", or from a pool that
 * allows dynamic bootp clients (dhcpd.conf(5)); any client from one that
 * admits it. */
static bool range_admits(const struct server_state *s, const struct conf_range *r, struct asker *a)
{
	for (const struct conf_scope *sc = r->subnet ? &r->subnet->scope : NULL; sc; sc = sc->parent) {
		if (sc->set & (1u << CP_UNKNOWN_CLIENTS)) {
			if (!a->known && sc->value[CP_UNKNOWN_CLIENTS] != CONF_ALLOW)
				return false;
			break;
		}
	}
	if (a->bootp && (!(r->dynamic_bootp || (r->pool && r->pool->allows_bootp))
			 || !range_allows_bootp(r)))
		return false;
	if (!r->pool || !r->pool->npermits)
		return true;
	if (a->m && !a->classified) {
		server_request_of(s, a->m, &a->rq);
		a->classified = true;
	}
	return conf_pool_admits(r->pool, a->m ? &a->rq : NULL, a->bootp);
}

/*
 * A range serves the link whose subnet holds it (a shared-network's
 * subnets are one link), so a range outside our own subnet serves only
 * requests relayed from there.
 */
static bool range_serves(const struct server_state *s, const struct conf_range *r, uint32_t link,
	struct asker *a)
{
	return conf_same_link(r->subnet, conf_subnet_of(&s->cfg, link)) && range_admits(s, r, a);
}

bool server_range_admits(const struct server_state *s, const struct conf_range *r, uint32_t link,
	const struct dhcp_message *m)
{
	struct asker a;

	asker_init(s, m, &a);
	return range_serves(s, r, link, &a);
}

/* Does ip serve the link for m's client (NULL: an unknown one)? */
static bool ip_serves(const struct server_state *s, uint32_t ip, uint32_t link,
	const struct dhcp_message *m)
{
	int i = pool_range_of(&s->pool, ip);

	return i >= 0 && server_range_admits(s, &s->cfg.ranges[i], link, m);
}

bool server_ip_admits(const struct server_state *s, const struct dhcp_message *m, uint32_t ip)
{
	return ip_serves(s, ip, server_link_of(s, m), m);
}

bool server_is_static_ip(const struct server_state *s, uint32_t ip)
{
	return conf_is_fixed_ip(&s->cfg, ip);
}

/* Never handed out dynamically: ours, fixed addresses, and a subnet's
 * network and broadcast addresses (RFC 922: not host addresses). */
static bool reserved_ip(const struct server_state *s, uint32_t ip)
{
	int range = pool_range_of(&s->pool, ip);
	const struct conf_subnet *sn = range < 0 ? NULL : s->cfg.ranges[range].subnet;
	uint32_t mask = sn ? sn->mask : ntohl(s->netmask);

	return ip == ntohl(s->server_nip) || (ip & ~mask) == 0 || (ip & ~mask) == ~mask
		|| server_is_static_ip(s, ip);
}

/* May a client without a static lease (mine: its lease) have ip? In the
 * pool, not reserved, and no live lease of another client on it. */
static bool usable_for(const struct server_state *s, uint32_t ip, const struct lease *mine)
{
	const struct lease *l = lease_by_ip(&s->leases, ip);

	return in_pool(s, ip) && !reserved_ip(s, ip)
		&& (!l || l == mine || !lease_is_live(l, s->now));
}

bool server_ip_usable(const struct server_state *s, uint32_t ip)
{
	return usable_for(s, ip, NULL);
}

bool server_ip_usable_by(const struct server_state *s, uint32_t ip, const struct lease *mine)
{
	return usable_for(s, ip, mine);
}

/* May the client of m have ip? Its static address is always its own (a
 * static client asks for it at every renewal: RFC 2131 4.3.2) and is the
 * only one it gets; other clients follow usable_for. */
static bool allowed_for(const struct server_state *s, const struct dhcp_message *m, uint32_t ip,
	const struct lease *mine)
{
	uint32_t fixed = server_static_ip_for(s, m);

	return fixed ? ip == fixed : usable_for(s, ip, mine);
}

/* A free address of a range serving link: one never used, else the one
 * whose lease ended longest ago (its lease, the old client's memory, goes). */
uint32_t server_free_address(struct server_state *s, uint32_t link, const struct dhcp_message *m)
{
	return server_free_address_in(s, link, m, false);
}

uint32_t server_free_address_in(struct server_state *s, uint32_t link, const struct dhcp_message *m,
	bool bootp)
{
	uint32_t ip;
	bool room = server_dynamic_room(s);
	struct asker a;

	asker_init(s, m, &a);
	a.bootp |= bootp;
	/* never used, then given back: both need a free table slot */
	for (unsigned i = 0; room && i < s->cfg.nranges; i++)
		if (range_serves(s, &s->cfg.ranges[i], link, &a)
		    && ((ip = pool_take_fresh(&s->pool, i, &s->view)) != 0
			|| (ip = pool_take_freed(&s->pool, i, &s->view)) != 0))
			return ip;
	/* an ended lease: its slot and its address, the old client's memory gone */
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		if (range_serves(s, &s->cfg.ranges[i], link, &a)
		    && (ip = pool_take_expired(&s->pool, i, s->now, &s->view)) != 0) {
			lease_remove(&s->leases, lease_by_ip(&s->leases, ip));
			return ip;
		}
	}
	return 0;
}

/* A lease owned by no client (key_len 0): no client identifier a client
 * can send matches it, so none can clear the quarantine. The caller
 * journals it. */
struct lease *server_quarantine(struct server_state *s, uint32_t ip, unsigned seconds)
{
	struct lease *l = lease_by_ip(&s->leases, ip);

	if (l)
		server_forget(s, l);	/* findable again if no quarantine fits */
	if (!server_dynamic_room(s))
		server_free_a_slot(s);
	l = server_dynamic_room(s) ? lease_add(&s->leases, NULL, 0, ip) : NULL;
	if (!l) {
		if (bb_client_msg_allowed())
			bb_error_msg("lease table full: %s is not quarantined", server_ip_str(ip));
		server_note_unleased(s, ip);	/* probed again before it is offered */
		return NULL;
	}
	l->state = LEASE_DECLINED;
	l->starts = s->now;
	l->expires = s->now + seconds;
	server_note_lease(s, l);
	return l;
}

/* ---- Replies ---------------------------------------------------------------- */

/* ISC's defaults (dhcpd.conf(5)); a udhcpd.conf sets its own. */
enum { ISC_DEFAULT_LEASE = 43200, ISC_MAX_LEASE = 86400 };

/* The scopes deciding what the client of m gets with ip (0: none yet,
 * an INFORM's ciaddr): its host, the range's pool, the subnet of ip (else
 * of its link), up to global. *subnet: that subnet, or NULL. */
void server_view_for(const struct server_state *s, const struct dhcp_message *m, uint32_t ip,
	struct conf_view *v, const struct conf_subnet **subnet)
{
	int i = ip ? pool_range_of(&s->pool, ip) : -1;
	const struct conf_range *r = i >= 0 ? &s->cfg.ranges[i] : NULL;
	const struct conf_subnet *sn = r ? r->subnet : ip ? conf_subnet_of(&s->cfg, ip) : NULL;

	struct conf_request rq;
	bool evaluate = s->cfg.nclasses || s->cfg.has_conds || s->cfg.has_exprs;

	if (!sn)
		sn = server_link_subnet(s, m);
	if (evaluate)
		server_request_of(s, m, &rq);
	conf_resolve(&s->cfg, server_host_of(s, m), sn, r, evaluate ? &rq : NULL, v);
	if (v->truncated && bb_client_msg_allowed())
		bb_error_msg("the scopes, classes and ifs of %s's request are more than %d: "
			"the least specific are left out", server_mac_str(m->chaddr), CONF_VIEW_MAX);
	if (subnet)
		*subnet = sn;
}

/* Option 54 in replies to m: the relay's override (RFC 5107 section 4),
 * else server-identifier in the client's scopes, else our address. */
static uint32_t server_id_for(const struct server_state *s, const struct dhcp_message *m,
	const struct conf_view *v)
{
	uint32_t override = server_agent_server_id(m);

	if (override)
		return override;
	return v ? conf_view_param(v, CP_SERVER_ID, s->server_nip) : s->server_nip;
}

/*
 * RFC 2131 4.1: through the relay (giaddr, server port) when relayed; to
 * ciaddr only when the client holds that address (the ACK of a renewal,
 * whose yiaddr is its ciaddr) or asks for options for it (INFORM); else
 * broadcast on the interface the socket is bound to, never to the
 * subnet's broadcast address. A DISCOVER's ciaddr means nothing (RFC 2131
 * table 5): an OFFER never goes there.
 */
static void reply_destination(const struct server_state *s, const struct dhcp_builder *b,
	const struct dhcp_message *req, uint8_t type, uint32_t *dst, uint16_t *port)
{
	*dst = INADDR_BROADCAST;
	*port = s->client_port;
	if (req->giaddr) {
		*dst = req->giaddr;
		*port = s->server_port;
	} else if (req->ciaddr && type == DHCPACK && (b->pkt.yiaddr == req->ciaddr || !b->pkt.yiaddr)) {
		*dst = req->ciaddr;
	}
}

size_t server_finish_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, uint32_t *dst, uint16_t *port)
{
	reply_destination(s, b, req, type, dst, port);
	b->reserved = 0;
	server_agent_echo(b, req);	/* RFC 3046 section 2.2: the last option */
	bb_debug_msg(2, "sending %s%s%s to %s via %s", udhcp_message_type_name(type),
		b->pkt.yiaddr ? " of " : "", b->pkt.yiaddr ? server_ip_str(ntohl(b->pkt.yiaddr)) : "",
		server_mac_str(req->chaddr), req->giaddr ? server_ip_str(ntohl(req->giaddr)) : s->cfg.interface);
	return udhcp_builder_finish(b);
}

static void start_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, uint32_t yiaddr, const struct conf_view *v)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&req->opts, DHCP_CLIENT_ID, &n);
	uint16_t max_size;

	udhcp_builder_init(b, type, req->xid, req->htype, req->chaddr, req->hlen);
	if (udhcp_opt_get_u16(&req->opts, DHCP_MAX_SIZE, &max_size) == UDHCP_OPT_OK)
		udhcp_builder_set_max_size(b, max_size);
	/* room for the echo of option 82 (RFC 3046 2.2: in every reply), kept
	 * before the other options can fill the reply; finish_reply uses it */
	b->reserved = server_agent_room(req);
	b->pkt.flags = htons(req->flags);
	b->pkt.gateway_nip = req->giaddr;
	b->pkt.yiaddr = htonl(yiaddr);
	if (type != DHCPNAK && v) {
		const char *sname = conf_view_string(v, CS_SERVER_NAME), *file = conf_view_string(v, CS_FILENAME);

		b->pkt.siaddr_nip = conf_view_param(v, CP_NEXT_SERVER, 0);
		if (sname)
			strncpy((char *)b->pkt.sname, sname, sizeof(b->pkt.sname) - 1);
		if (file)
			strncpy((char *)b->pkt.file, file, sizeof(b->pkt.file) - 1);
	}
	udhcp_builder_allow_overload(b);
	udhcp_add_ip(b, DHCP_SERVER_ID, server_id_for(s, req, v));
	/* RFC 6842: echo the client identifier (ISC: only with echo-client-id) */
	if (cid && (!v || conf_view_param(v, CP_ECHO_CLIENT_ID, 0)))
		udhcp_add_option(b, DHCP_CLIENT_ID, cid, n);
}

/* An OFFER, or an ACK (of a lease when ip, else of an INFORM), as the
 * scopes of v decide. */
static size_t build_offer_or_ack(struct server_state *s, struct dhcp_builder *b,
	const struct dhcp_message *req, uint8_t type, uint32_t ip, uint32_t lease, bool rapid,
	uint32_t *dst, uint16_t *port)
{
	const struct conf_subnet *subnet;
	struct conf_view v;

	server_view_for(s, req, ip ? ip : ntohl(req->ciaddr), &v, &subnet);
	start_reply(s, b, req, type, ip, &v);
	if (rapid)	/* RFC 4039 */
		udhcp_add_option(b, DHCP_RAPID_COMMIT, "", 0);
	if (lease) {
		udhcp_add_u32(b, DHCP_LEASE_TIME, lease);
		/* ISC sends 58 and 59 only when configured (as options) */
		if (lease != 0xffffffff && conf_view_param(&v, CP_SEND_T1_T2, 0)) {
			udhcp_add_u32(b, DHCP_T1, lease / 2);
			udhcp_add_u32(b, DHCP_T2, (uint32_t)((uint64_t)lease * 7 / 8));
		}
	}
	server_add_options(b, req, &v, subnet, server_host_of(s, req), ntohl(s->netmask), false);
	return server_finish_reply(s, b, req, type, dst, port);
}

static void nak(struct server_state *s, const struct dhcp_message *req, const char *why,
	struct server_out *out)
{
	struct conf_view v;

	bb_debug_msg(1, "NAK to %s: %s", server_mac_str(req->chaddr), why);
	server_view_for(s, req, 0, &v, NULL);
	start_reply(s, &out->b, req, DHCPNAK, 0, &v);
	udhcp_add_option(&out->b, DHCP_MESSAGE, why, strlen(why));
	out->b.pkt.flags |= htons(DHCP_FLAG_BROADCAST);
	out->len = server_finish_reply(s, &out->b, req, DHCPNAK, &out->dst, &out->port);
}

/* ---- Requests --------------------------------------------------------------- */

/* The requested lease time (51), else the default, within [min, max]
 * (ISC's default-, min- and max-lease-time; udhcpd.conf's "opt lease"
 * is the default and the max, min_lease the min). */
static uint32_t lease_time_for(const struct server_state *s, const struct dhcp_message *m, uint32_t ip)
{
	struct conf_view v;
	uint32_t want, most, least;

	server_view_for(s, m, ip, &v, NULL);
	most = conf_view_param(&v, CP_MAX_LEASE, ISC_MAX_LEASE);
	most = most ? most : 1;
	least = conf_view_param(&v, CP_MIN_LEASE, 0);
	least = least < most ? least : most;
	if (udhcp_opt_get_u32(&m->opts, DHCP_LEASE_TIME, &want) != UDHCP_OPT_OK)
		want = conf_view_param(&v, CP_DEFAULT_LEASE, ISC_DEFAULT_LEASE);
	if (want > most)
		return most;
	return want < least ? least : want ? want : 1;	/* a lease of 0 would end as it starts */
}

/*
 * The lease bound, its ACK built: out->bound must be journaled before the
 * ACK may leave, and is put back as out->before was when it cannot be
 * (was_new: the lease was made for this ACK and goes again).
 */
void server_bind(struct server_state *s, struct lease *l, const struct dhcp_message *m,
	uint32_t secs, const struct lease_snapshot *before, bool with_name, struct server_out *out)
{
	size_t n = 0;
	const uint8_t *name = with_name ? udhcp_opt_get(&m->opts, DHCP_HOST_NAME, &n) : NULL;

	if (before)		/* as it was before server_reserve moved it */
		out->before = *before;
	else
		lease_snapshot_take(l, &out->before);
	out->lease_s = secs;
	out->bound = l;
	l->state = LEASE_ACTIVE;
	l->starts = s->now;
	l->expires = secs == 0xffffffff ? LEASE_NEVER : s->now + secs;
	memcpy(l->chaddr, m->chaddr, 6);
	if (name && n <= LEASE_HOSTNAME_MAX && udhcp_valid_hostname((const char *)name, n))
		lease_set_hostname(l, (const char *)name, n);	/* no memory: no name */
	else
		lease_set_hostname(l, NULL, 0);
	server_note_lease(s, l);
}

static void ack(struct server_state *s, const struct dhcp_message *m, struct lease *l, bool rapid,
	bool was_new, const struct lease_snapshot *before, struct server_out *out)
{
	uint32_t lease = lease_time_for(s, m, l->ip);

	out->was_new = was_new;
	server_bind(s, l, m, lease, before, true, out);
	out->len = build_offer_or_ack(s, &out->b, m, DHCPACK, l->ip, lease, rapid, &out->dst, &out->port);
}

/* The answer to a DISCOVER whose address is settled (and probed when new):
 * an OFFER, or an ACK at once with rapid commit (RFC 4039 section 4). */
void server_decide_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip,
	struct server_out *out)
{
	struct lease *mine = server_lease_of(s, req);

	if (!mine || mine->ip != ip || !allowed_for(s, req, ip, mine)
	    || (!server_static_ip_for(s, req) && !ip_serves(s, ip, server_link_of(s, req), req)))
		return;		/* the lease went meanwhile, or a reload made ip another's */
	if (s->cfg.rapid_commit && udhcp_opt_present(&req->opts, DHCP_RAPID_COMMIT)) {
		ack(s, req, mine, true, false, NULL, out);
		return;
	}
	out->len = build_offer_or_ack(s, &out->b, req, DHCPOFFER, ip, lease_time_for(s, req, ip), false,
		&out->dst, &out->port);
}

/*
 * ip set aside for the client of m for offer_time. The caller checked
 * that the client may have it (allowed_for), so a lease still on it is a
 * stale one (ended, or another client's on a static address): it goes.
 */
struct lease *server_reserve(struct server_state *s, const struct dhcp_message *m, uint32_t ip)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = server_client_key(m, key);
	struct lease *mine = lease_by_key(&s->leases, key, len), *there = lease_by_ip(&s->leases, ip);
	bool moved = !mine || mine->ip != ip, is_static = server_static_ip_for(s, m) != 0;

	if (there && there != mine)
		server_forget(s, there);
	if (!mine && (is_static ? s->leases.used == s->leases.capacity : !server_dynamic_room(s)))
		server_free_a_slot(s);
	if (!mine && !is_static && !server_dynamic_room(s)) {
		server_note_unleased(s, ip);	/* the slots left are the static hosts' */
		return NULL;
	}
	if (!mine)
		mine = lease_add(&s->leases, key, len, ip);
	else if (server_move(s, mine, ip) < 0)
		return NULL;
	if (!mine) {
		server_note_unleased(s, ip);	/* the table is full: ip stays free and findable */
		return NULL;
	}
	if (moved || mine->state != LEASE_ACTIVE || !lease_is_live(mine, s->now)) {
		mine->state = LEASE_OFFERED;
		mine->expires = s->now + s->cfg.offer_time;
		server_note_lease(s, mine);
	}
	memcpy(mine->chaddr, m->chaddr, 6);
	return mine;
}

static void log_no_address(struct server_state *s, const struct dhcp_message *m)
{
	if (s->now - s->last_full_log >= 60) {
		bb_error_msg("no free address for %s, no offer", server_mac_str(m->chaddr));
		s->last_full_log = s->now;
	}
}

/* A new address for the client (mine: its lease) on link, probed when the
 * ARP check is on (*known is false then), or 0. */
static uint32_t new_address(struct server_state *s, const struct dhcp_message *m, struct lease *mine,
	uint32_t requested, bool *known)
{
	uint32_t link = server_link_of(s, m), ip = 0;
	bool arp = s->arp_ms && server_range_is_local(s, link);

	*known = false;
	if (arp && !probe_has_room(s))
		return 0;		/* the client will ask again */
	if (requested && ip_serves(s, requested, link, m) && usable_for(s, requested, mine))
		return requested;
	/* the probed reserve holds addresses any client may have */
	if (arp && server_dynamic_room(s))
		ip = probe_take_ready(s, m, known);
	return ip ? ip : server_free_address(s, link, m);
}

/*
 * RFC 2131 4.3.1: the client's static address, its current or last one,
 * the one it asks for (50) when free, else a new one. A new address on
 * our own link gets an ARP check first (serverprobe.c).
 */
static void handle_discover(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	uint32_t fixed = server_static_ip_for(s, m);
	struct lease *mine = server_lease_of(s, m);
	uint32_t requested = 0, ip = 0;
	bool known = true;

	if (fixed)
		probe_cancel(s, m);	/* a probe from before a reload made it static */
	else if (probe_pending_for(s, m))
		return;		/* a retransmission: its probe is running */
	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK)
		requested = ntohl(requested);
	if (fixed)
		ip = fixed;
	else if (mine && ip_serves(s, mine->ip, server_link_of(s, m), m)
		 && usable_for(s, mine->ip, mine))
		ip = mine->ip;
	else
		ip = new_address(s, m, mine, requested, &known);
	if (!ip || !server_reserve(s, m, ip)) {
		log_no_address(s, m);
		return;
	}
	if (!known && s->arp_ms && server_range_is_local(s, ip))
		out->probe = ip;	/* the ARP check first, then the OFFER */
	else
		server_decide_offer(s, m, ip, out);
}

/* SELECTING (RFC 2131 4.3.2): only the address we offered, still this
 * client's (another client may have taken it once the offer ended). */
static void handle_selecting(struct server_state *s, const struct dhcp_message *m, struct lease *mine,
	uint32_t server_id, uint32_t ip, struct server_out *out)
{
	struct conf_view v;

	server_view_for(s, m, ip, &v, NULL);
	if (server_id != server_id_for(s, m, &v)) {	/* it chose another server */
		if (mine && mine->state == LEASE_OFFERED) {
			mine->expires = s->now;
			server_note_lease(s, mine);
		}
		return;
	}
	if (!server_static_ip_for(s, m) && probe_is_pending(s, m)) {
		/* its address is still being probed: no OFFER has gone out for it */
		bb_debug_msg(1, "REQUEST for %s while its ARP check runs, ignored", server_ip_str(ip));
		return;
	}
	/* ip_serves as the DISCOVER checked it: a reload since the OFFER may
	 * have put ip in a pool this client may not draw from, and its next
	 * DISCOVER would move the lease off an ACK already on disk */
	if (mine && mine->ip == ip && (mine->state == LEASE_OFFERED || mine->state == LEASE_ACTIVE)
	    && allowed_for(s, m, ip, mine)
	    && (server_static_ip_for(s, m) || ip_serves(s, ip, server_link_of(s, m), m)))
		ack(s, m, mine, false, false, NULL, out);
	else
		bb_debug_msg(1, "REQUEST for %s that we did not offer, ignored", server_ip_str(ip));
}

/*
 * INIT-REBOOT (option 50) and RENEWING/REBINDING (ciaddr), RFC 2131
 * 4.3.2: the client's own address is ACKed, a static client's included;
 * an address it may not have is NAKed; a free address renewed by a
 * client we do not know (our lease file lost) is taken over; an
 * INIT-REBOOT we cannot place gets no answer (not authoritative, as ISC).
 */
/* authoritative (ISC) for the client's link: a request for an address of
 * another network is NAKed, else ignored. udhcpd.conf: always NAKed, as
 * BusyBox does. */
static bool authoritative(const struct server_state *s, const struct dhcp_message *m)
{
	struct conf_view v;

	if (!s->cfg.isc)
		return true;
	server_view_for(s, m, 0, &v, NULL);
	return conf_view_param(&v, CP_AUTHORITATIVE, 0) != 0;
}

static void wrong_network(struct server_state *s, const struct dhcp_message *m, const char *why,
	struct server_out *out)
{
	if (authoritative(s, m))
		nak(s, m, why, out);
	else
		bb_debug_msg(1, "REQUEST from %s: %s, ignored (not authoritative)",
			server_mac_str(m->chaddr), why);
}

static void handle_verify(struct server_state *s, const struct dhcp_message *m, struct lease *mine,
	uint32_t ip, bool renewing, struct server_out *out)
{
	uint32_t fixed = server_static_ip_for(s, m);
	struct lease_snapshot prior;
	bool was_new = false, moved = false;

	/* an address of no subnet on the client's link: "wrong network"
	 * (silence when not authoritative), even for a host with a fixed one */
	if (ip != fixed && !conf_same_link(conf_subnet_of(&s->cfg, ip), server_link_subnet(s, m))
	    && !ip_serves(s, ip, server_link_of(s, m), m)) {
		wrong_network(s, m, "wrong network", out);
		return;
	}
	/* RFC 2131 4.3.2; ISC NAKs these whether authoritative or not: the
	 * address is ours, and not this client's */
	if (fixed && ip != fixed) {
		nak(s, m, "not your address", out);
		return;
	}
	/* the client's subnet, but in no range of ours: another server's
	 * (split scopes, RFC 2131 4.3.2: silence for "peaceful coexistence of
	 * non-communicating DHCP servers"), unless it is a lease of ours a
	 * reload left outside the ranges, or a host's fixed address (a client
	 * that still uses one that is now another's must hear the NAK) */
	if (!fixed && !in_pool(s, ip) && !(mine && mine->ip == ip) && !server_is_static_ip(s, ip)) {
		bb_debug_msg(1, "REQUEST for %s: in none of our ranges (another server's?), ignored",
			server_ip_str(ip));
		return;
	}
	/* in a range of ours that does not serve this client (a pool it may
	 * not draw from), or our lease outside today's ranges */
	if (!fixed && !ip_serves(s, ip, server_link_of(s, m), m)) {
		wrong_network(s, m, "address not available", out);
		return;
	}
	if (!allowed_for(s, m, ip, mine)) {
		nak(s, m, "address not available", out);
		return;
	}
	/* we know its lease, on another address: an INIT-REBOOT for the wrong
	 * one, or a renewal of an address it no longer has while its lease runs */
	if (mine && mine->ip != ip && !fixed && (!renewing || lease_is_live(mine, s->now))) {
		nak(s, m, "not your address", out);
		return;
	}
	/* a client we do not know asks for ip (our lease file lost, or ISC
	 * dhcpd's leases before they were ours): ISC ACKs an address free for
	 * it; a udhcpd.conf, as before: silence */
	if (!mine && !renewing && !fixed && !s->cfg.isc) {
		bb_debug_msg(1, "INIT-REBOOT for %s from an unknown client, ignored", server_ip_str(ip));
		return;
	}
	if (!mine || mine->ip != ip) {
		was_new = !mine;
		moved = mine != NULL;
		if (mine)
			lease_snapshot_take(mine, &prior);
		if (!(mine = server_reserve(s, m, ip))) {
			log_no_address(s, m);
			return;
		}
	}
	ack(s, m, mine, false, was_new, moved ? &prior : NULL, out);
}

static void handle_request(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	struct lease *mine = server_lease_of(s, m);
	uint32_t server_id = 0, requested = 0, ip;
	bool has_server = udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server_id) == UDHCP_OPT_OK;
	bool has_requested = udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK;

	ip = ntohl(has_requested ? requested : m->ciaddr);
	if (!ip) {
		bb_debug_msg(1, "REQUEST from %s names no address, dropped", server_mac_str(m->chaddr));
		return;
	}
	if (has_server)
		handle_selecting(s, m, mine, server_id, ip, out);
	else
		handle_verify(s, m, mine, ip, !has_requested, out);
}

static void handle_decline(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	struct lease *mine = server_lease_of(s, m);
	uint32_t requested = 0;

	struct conf_view v;

	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) != UDHCP_OPT_OK || !mine
	    || mine->ip != ntohl(requested))
		return;
	server_view_for(s, m, mine->ip, &v, NULL);
	if (conf_view_param(&v, CP_DECLINES, CONF_ALLOW) != CONF_ALLOW) {
		if (bb_client_msg_allowed())
			bb_info_msg("DECLINE of %s ignored (deny declines)", server_ip_str(mine->ip));
		return;
	}
	if (bb_client_msg_allowed())	/* a client may decline as fast as it likes */
		bb_info_msg("%s declined: in use by another host, unused for %u s", server_ip_str(mine->ip),
		s->cfg.decline_time);
	out->record = server_quarantine(s, mine->ip, s->cfg.decline_time);
}

static void handle_release(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	struct lease *mine = server_lease_of(s, m);

	if (!mine || mine->ip != ntohl(m->ciaddr) || mine->state != LEASE_ACTIVE) {
		if (bb_client_msg_allowed())	/* anyone can send one */
			bb_info_msg("RELEASE of %s not from its owner, ignored", server_ip_str(ntohl(m->ciaddr)));
		return;
	}
	bb_info_msg("%s released", server_ip_str(mine->ip));
	mine->state = LEASE_RELEASED;
	mine->starts = mine->expires = s->now;
	server_note_lease(s, mine);
	out->record = mine;
}

/* RFC 2131 4.3.5: options, no lease */
static void handle_inform(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	if (!authoritative(s, m)) {	/* ISC 4.x: "not authoritative for subnet" */
		bb_debug_msg(1, "DHCPINFORM from %s ignored: not authoritative", server_mac_str(m->chaddr));
		return;
	}
	out->len = build_offer_or_ack(s, &out->b, m, DHCPACK, 0, 0, false, &out->dst, &out->port);
}

/* A link we serve: ours, or a relay's in a subnet we know. */
static bool link_known(const struct server_state *s, uint32_t link)
{
	return conf_subnet_of(&s->cfg, link) != NULL || server_range_is_local(s, link);
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* Why m gets no answer at all (RFC 2131, 2132, 6842), or NULL. */
static const char *hostile(const struct server_state *s, const struct dhcp_message *m, unsigned type)
{
	size_t hlen = m->hlen < 16 ? m->hlen : 16, n;

	if (hlen == 0 || all_bytes(m->chaddr, hlen, 0) || all_bytes(m->chaddr, hlen, 0xff))
		return "chaddr is all zeros or all ones";
	if (udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &n) && n == 0)
		return "client identifier of length 0";	/* RFC 2132 9.14: at least 2 */
	if (udhcp_opt_get(&m->opts, DHCP_SERVER_ID, &n) && n != 4)
		return "server identifier is not 4 bytes";
	if (udhcp_opt_get(&m->opts, DHCP_REQUESTED_IP, &n) && n != 4)
		return "requested address is not 4 bytes";
	if (type == DHCPINFORM && !m->ciaddr)
		return "DHCPINFORM without ciaddr";	/* RFC 2131 4.3.5: it has an address */
	if (server_agent_malformed(m))
		return "relay agent information (82) malformed";	/* RFC 3046 section 2.0 */
	/* as ISC: an unknown network segment; a link selection (RFC 3527) is
	 * honoured from a relay whose own address we know, never to send to
	 * an arbitrary giaddr */
	if (m->giaddr && (!link_known(s, ntohl(m->giaddr)) || !link_known(s, server_link_of(s, m))))
		return "giaddr in no subnet we serve";
	return NULL;
}

/* ISC's "deny booting" (or ignore) in the client's scopes, a host's
 * usually: that client gets no answer at all. */
static const char *denied(const struct server_state *s, const struct dhcp_message *m)
{
	struct conf_view v;

	if (!s->cfg.isc)
		return NULL;	/* a udhcpd.conf cannot deny booting: no view per packet */
	server_view_for(s, m, 0, &v, NULL);
	return conf_view_param(&v, CP_BOOTING, CONF_ALLOW) == CONF_ALLOW ? NULL : "booting denied (deny booting)";
}

void server_decide(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	unsigned type = udhcp_message_type(&m->opts);
	const char *why;

	memset(out, 0, offsetof(struct server_out, b));
	if ((why = hostile(s, m, type)) != NULL || (why = denied(s, m)) != NULL) {
		bb_debug_msg(1, "%s from %s dropped: %s", type ? udhcp_message_type_name(type) : "BOOTP",
			server_mac_str(m->chaddr), why);
		return;
	}
	switch (type) {
	case DHCPDISCOVER:
		handle_discover(s, m, out);
		break;
	case DHCPREQUEST:
		handle_request(s, m, out);
		break;
	case DHCPDECLINE:
		handle_decline(s, m, out);
		break;
	case DHCPRELEASE:
		handle_release(s, m, out);
		break;
	case DHCPINFORM:
		handle_inform(s, m, out);
		break;
	case 0:		/* no option 53: BOOTP (RFC 2131 4.3, "BOOTP clients") */
		/* an option 53 of a type we do not know (or a bad one) is no
		 * BOOTP request: dropped, not answered with an infinite lease */
		if (!udhcp_opt_present(&m->opts, DHCP_MESSAGE_TYPE)) {
			if (ENABLE_FEATURE_UDHCPD_BOOTP)
				server_decide_bootp(s, m, out);
			else
				bb_debug_msg(1, "BOOTP request from %s ignored: built without BOOTP",
					server_mac_str(m->chaddr));
			break;
		}
		bb_debug_msg(1, "bad or unknown message type ignored");
		break;
	default:
		bb_debug_msg(1, "message type %u ignored", type);
	}
}
