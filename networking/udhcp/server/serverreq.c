/*
 * serverreq.c: udhcpd's answers (RFC 2131 section 4.3): DISCOVER,
 * REQUEST in its three forms, DECLINE, RELEASE, INFORM, and the choice of
 * an address. Leases are keyed by client identifier (else htype+chaddr).
 */
#include "applets.h"
#include "server/server.h"

#include <arpa/inet.h>

/* ---- Addresses ------------------------------------------------------------- */

static bool in_pool(const struct server_state *s, uint32_t ip)
{
	return pool_range_of(&s->pool, ip) >= 0;
}

bool server_range_is_local(const struct server_state *s, uint32_t ip)
{
	uint32_t mask = ntohl(s->netmask);

	return (ip & mask) == (ntohl(s->server_nip) & mask);
}

/* The netmask of a range's subnet: our interface's on our link, else the
 * one given to clients ("opt subnet"), else ours again. Host order. */
uint32_t server_range_mask(const struct server_state *s, const struct server_config *cfg,
	const struct server_range *r)
{
	const struct udhcp_optval *v = udhcpd_config_option(cfg, DHCP_SUBNET);

	if (server_range_is_local(s, r->start) || !v || v->len != 4)
		return ntohl(s->netmask);
	return (uint32_t)v->data[0] << 24 | (uint32_t)v->data[1] << 16 | (uint32_t)v->data[2] << 8 | v->data[3];
}

/*
 * A range serves the link whose subnet holds it, so a range outside our
 * own subnet serves only requests relayed from there. The link is the
 * relay's address (giaddr), else ours.
 */
static bool range_serves(const struct server_state *s, const struct server_range *r, uint32_t link)
{
	uint32_t mask = server_range_mask(s, &s->cfg, r);

	return (r->start & mask) == (link & mask);
}

static bool ip_serves(const struct server_state *s, uint32_t ip, uint32_t link)
{
	int i = pool_range_of(&s->pool, ip);

	return i >= 0 && range_serves(s, &s->cfg.ranges[i], link);
}

static uint32_t link_of(const struct server_state *s, const struct dhcp_message *m)
{
	return ntohl(m->giaddr ? m->giaddr : s->server_nip);
}

static const struct static_lease *static_for_mac(const struct server_state *s, const uint8_t *mac)
{
	for (unsigned i = 0; i < s->cfg.nstatics; i++)
		if (memcmp(s->cfg.statics[i].mac, mac, 6) == 0)
			return &s->cfg.statics[i];
	return NULL;
}

/* Never handed out dynamically: ours, static leases, and a subnet's
 * network and broadcast addresses (RFC 922: not host addresses). */
static bool reserved_ip(const struct server_state *s, uint32_t ip)
{
	int range = pool_range_of(&s->pool, ip);
	uint32_t mask = range < 0 ? ntohl(s->netmask) : server_range_mask(s, &s->cfg, &s->cfg.ranges[range]);

	if (ip == ntohl(s->server_nip) || (ip & ~mask) == 0 || (ip & ~mask) == ~mask)
		return true;
	for (unsigned i = 0; i < s->cfg.nstatics; i++)
		if (s->cfg.statics[i].ip == ip)
			return true;
	return false;
}

/* May this client (mine) have ip? In the pool, not reserved, not someone else's. */
static bool usable_for(const struct server_state *s, uint32_t ip, const struct lease *mine)
{
	const struct lease *l = lease_by_ip(&s->leases, ip);

	return in_pool(s, ip) && !reserved_ip(s, ip)
		&& (!l || l == mine || !lease_is_live(l, server_now()));
}

bool server_ip_usable(const struct server_state *s, uint32_t ip)
{
	return usable_for(s, ip, NULL);
}

/* A free address of a range serving link: one never used, else the one
 * whose lease ended longest ago (its lease, the old client's memory, goes). */
uint32_t server_free_address(struct server_state *s, uint32_t link)
{
	uint32_t ip;

	if (s->leases.used < s->leases.capacity) {
		for (unsigned i = 0; i < s->cfg.nranges; i++)
			if (range_serves(s, &s->cfg.ranges[i], link)
			    && (ip = pool_take_fresh(&s->pool, i, &s->view)) != 0)
				return ip;
	}
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		if (!range_serves(s, &s->cfg.ranges[i], link))
			continue;
		ip = pool_take_expired(&s->pool, i, server_now(), &s->view);
		if (ip) {
			struct lease *old = lease_by_ip(&s->leases, ip);

			if (old)
				lease_remove(&s->leases, old);
			return ip;
		}
	}
	return 0;
}

void server_mark_unusable(struct server_state *s, uint32_t ip, unsigned seconds)
{
	struct lease *l = lease_by_ip(&s->leases, ip);
	uint8_t key[5] = { 0 };		/* owned by no client */
	uint32_t nip = htonl(ip);

	if (l)
		lease_remove(&s->leases, l);
	memcpy(key + 1, &nip, 4);
	l = lease_add(&s->leases, key, sizeof(key), ip);
	if (!l)
		return;
	l->state = LEASE_DECLINED;
	l->starts = server_now();
	l->expires = server_now() + seconds;
	server_note_lease(s, l);
	server_journal(s, l);
}

/* ---- Replies ---------------------------------------------------------------- */

static void add_configured(struct dhcp_builder *b, const struct server_config *cfg, unsigned code)
{
	const struct udhcp_optval *v = udhcpd_config_option(cfg, code);

	if (v && udhcp_add_option(b, v->code, v->data, v->len) < 0)
		bb_error_msg("option %u does not fit in the reply", code);
}

/* RFC 2132 9.8: what the client asked for (55) that we have, after the
 * ones every client gets; everything configured when it asked nothing. */
static void add_options(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req)
{
	size_t n = 0;
	const uint8_t *prl = udhcp_opt_get(&req->opts, DHCP_PARAM_REQ, &n);

	if (udhcpd_config_option(&s->cfg, DHCP_SUBNET))
		add_configured(b, &s->cfg, DHCP_SUBNET);
	else
		udhcp_add_ip(b, DHCP_SUBNET, s->netmask);
	add_configured(b, &s->cfg, DHCP_ROUTER);
	for (unsigned i = 0; i < s->cfg.noptions; i++) {
		uint8_t code = s->cfg.options[i].code;

		if (code == DHCP_SUBNET || code == DHCP_ROUTER || code == DHCP_LEASE_TIME)
			continue;
		if (!prl || memchr(prl, code, n))
			add_configured(b, &s->cfg, code);
	}
}

/*
 * RFC 2131 4.1: through the relay (giaddr, server port) when relayed; to
 * the client's address when it has one; else broadcast on the interface
 * the socket is bound to, never to the subnet's broadcast address. An ACK
 * waits for the journal's fsync (held).
 */
static void send_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, bool hold)
{
	size_t len = udhcp_builder_finish(b);
	uint32_t dst = INADDR_BROADCAST;
	uint16_t port = s->client_port;

	if (req->giaddr) {
		dst = req->giaddr;
		port = s->server_port;
	} else if (req->ciaddr && type != DHCPNAK) {
		dst = req->ciaddr;
	}
	bb_debug_msg(2, "sending %s%s%s to %s via %s", udhcp_message_type_name(type),
		b->pkt.yiaddr ? " of " : "", b->pkt.yiaddr ? server_ip_str(ntohl(b->pkt.yiaddr)) : "",
		server_mac_str(req->chaddr), req->giaddr ? server_ip_str(ntohl(req->giaddr)) : s->cfg.interface);
	server_send(s, b, len, dst, port, hold);
}

static void start_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, uint32_t yiaddr)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&req->opts, DHCP_CLIENT_ID, &n);
	uint16_t max_size;

	udhcp_builder_init(b, type, req->xid, req->htype, req->chaddr, req->hlen);
	if (udhcp_opt_get_u16(&req->opts, DHCP_MAX_SIZE, &max_size) == UDHCP_OPT_OK)
		udhcp_builder_set_max_size(b, max_size);
	b->pkt.flags = htons(req->flags);
	b->pkt.gateway_nip = req->giaddr;
	b->pkt.yiaddr = htonl(yiaddr);
	if (type != DHCPNAK) {
		b->pkt.siaddr_nip = s->cfg.siaddr;
		strncpy((char *)b->pkt.sname, s->cfg.sname, sizeof(b->pkt.sname) - 1);
		strncpy((char *)b->pkt.file, s->cfg.boot_file, sizeof(b->pkt.file) - 1);
	}
	udhcp_add_ip(b, DHCP_SERVER_ID, s->server_nip);
	if (cid)	/* RFC 6842: echo the client identifier */
		udhcp_add_option(b, DHCP_CLIENT_ID, cid, n);
}

static void send_offer_or_ack(struct server_state *s, const struct dhcp_message *req, uint8_t type,
	uint32_t ip, uint32_t lease, bool rapid)
{
	static struct dhcp_builder b;

	start_reply(s, &b, req, type, ip);
	if (rapid)	/* RFC 4039 */
		udhcp_add_option(&b, DHCP_RAPID_COMMIT, "", 0);
	if (lease) {
		udhcp_add_u32(&b, DHCP_LEASE_TIME, lease);
		if (lease != 0xffffffff) {
			udhcp_add_u32(&b, DHCP_T1, lease / 2);
			udhcp_add_u32(&b, DHCP_T2, (uint32_t)((uint64_t)lease * 7 / 8));
		}
	}
	add_options(s, &b, req);
	send_reply(s, &b, req, type, type == DHCPACK && ip);
}

static void send_nak(struct server_state *s, const struct dhcp_message *req, const char *why)
{
	static struct dhcp_builder b;

	start_reply(s, &b, req, DHCPNAK, 0);
	udhcp_add_option(&b, DHCP_MESSAGE, why, strlen(why));
	b.pkt.flags |= htons(DHCP_FLAG_BROADCAST);
	send_reply(s, &b, req, DHCPNAK, false);
}

/* ---- Requests --------------------------------------------------------------- */

unsigned server_client_key(const struct dhcp_message *m, uint8_t *key)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &n);

	if (cid && n > 0 && n <= LEASE_KEY_MAX) {
		memcpy(key, cid, n);
		return (unsigned)n;
	}
	key[0] = m->htype;
	memcpy(key + 1, m->chaddr, m->hlen < 16 ? m->hlen : 16);
	return 1u + (m->hlen < 16 ? m->hlen : 16);
}

static struct lease *lease_of(const struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];

	return lease_by_key(&s->leases, key, server_client_key(m, key));
}

/* The requested lease time (51) within [min_lease, configured]. */
static uint32_t lease_time_for(const struct server_state *s, const struct dhcp_message *m)
{
	uint32_t want;

	if (udhcp_opt_get_u32(&m->opts, DHCP_LEASE_TIME, &want) != UDHCP_OPT_OK || want > s->cfg.lease_time)
		return s->cfg.lease_time;
	return want < s->cfg.min_lease ? s->cfg.min_lease : want;
}

static void ack(struct server_state *s, const struct dhcp_message *m, struct lease *l, bool rapid)
{
	uint32_t lease = lease_time_for(s, m);
	size_t n = 0;
	const uint8_t *name = udhcp_opt_get(&m->opts, DHCP_HOST_NAME, &n);

	l->state = LEASE_ACTIVE;
	l->starts = server_now();
	l->expires = lease == 0xffffffff ? INT32_MAX : server_now() + lease;
	memcpy(l->chaddr, m->chaddr, 6);
	l->hostname[0] = '\0';
	if (name && n < sizeof(l->hostname) && udhcp_valid_hostname((const char *)name, n)) {
		memcpy(l->hostname, name, n);
		l->hostname[n] = '\0';
	}
	server_note_lease(s, l);
	if (server_journal(s, l) < 0)
		return;		/* not durable: no ACK */
	bb_info_msg("lease %s to %s for %lu s%s", server_ip_str(l->ip), server_mac_str(l->chaddr),
		(unsigned long)lease, rapid ? " (rapid commit)" : "");
	send_offer_or_ack(s, m, DHCPACK, l->ip, lease, rapid);
}

/* The answer to a DISCOVER whose address is settled (and probed when new):
 * an OFFER, or an ACK at once with rapid commit (RFC 4039 section 4). */
void server_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip)
{
	struct lease *mine = lease_of(s, req);

	if (!mine || mine->ip != ip)
		return;		/* the lease went meanwhile (a reload) */
	if (s->cfg.rapid_commit && udhcp_opt_present(&req->opts, DHCP_RAPID_COMMIT)) {
		ack(s, req, mine, true);
		return;
	}
	send_offer_or_ack(s, req, DHCPOFFER, ip, lease_time_for(s, req), false);
}

struct lease *server_reserve(struct server_state *s, const struct dhcp_message *m, uint32_t ip)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = server_client_key(m, key);
	struct lease *mine = lease_by_key(&s->leases, key, len);

	if (!mine)
		mine = lease_add(&s->leases, key, len, ip);
	if (!mine)
		return NULL;
	if (mine->ip != ip || mine->state != LEASE_ACTIVE) {
		if (mine->ip != ip)
			lease_set_ip(&s->leases, mine, ip);
		mine->state = LEASE_OFFERED;
		mine->expires = server_now() + s->cfg.offer_time;
		server_note_lease(s, mine);
	}
	memcpy(mine->chaddr, m->chaddr, 6);
	return mine;
}

/*
 * RFC 2131 4.3.1: the client's static address, its current or last one,
 * the one it asks for (50) when free, else a new one. A new address on
 * our own link gets an ARP check first (serverprobe.c).
 */
static void handle_discover(struct server_state *s, const struct dhcp_message *m)
{
	const struct static_lease *st = static_for_mac(s, m->chaddr);
	struct lease *mine = lease_of(s, m);
	uint32_t link = link_of(s, m), requested = 0, ip = 0;
	bool known = true;

	if (probe_pending_for(s, m))
		return;		/* a retransmission: its probe is running */
	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK)
		requested = ntohl(requested);
	if (st) {
		ip = st->ip;
	} else if (mine && mine->state != LEASE_DECLINED && ip_serves(s, mine->ip, link)
		   && usable_for(s, mine->ip, mine)) {
		ip = mine->ip;
	} else {
		known = false;
		if (s->arp_ms && server_range_is_local(s, link) && !probe_has_room(s))
			return;		/* the client will ask again */
		if (requested && ip_serves(s, requested, link) && usable_for(s, requested, mine))
			ip = requested;
		else if (!(s->arp_ms && server_range_is_local(s, link) && s->leases.used < s->leases.capacity
			   && (ip = probe_take_ready(s, &known)) != 0))
			ip = server_free_address(s, link);
	}
	if (!ip || !server_reserve(s, m, ip)) {
		if (server_now() - s->last_full_log >= 60) {
			bb_error_msg("no free address for %s, no offer", server_mac_str(m->chaddr));
			s->last_full_log = server_now();
		}
		return;
	}
	if (!known && s->arp_ms && server_range_is_local(s, ip))
		probe_then_offer(s, m, ip);
	else
		server_offer(s, m, ip);
}

/* RFC 2131 4.3.2: SELECTING (server id), INIT-REBOOT (50 only), and
 * RENEWING/REBINDING (ciaddr). */
static void handle_request(struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = server_client_key(m, key);
	struct lease *mine = lease_by_key(&s->leases, key, len);
	uint32_t server_id = 0, requested = 0, ip;
	bool has_server = udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server_id) == UDHCP_OPT_OK;
	bool has_requested = udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK;

	ip = ntohl(has_requested ? requested : m->ciaddr);
	if (has_server) {
		if (server_id != s->server_nip) {	/* it chose another server */
			if (mine && mine->state == LEASE_OFFERED) {
				mine->expires = server_now();
				server_note_lease(s, mine);
			}
			return;
		}
		if (mine && mine->ip == ip && (mine->state == LEASE_OFFERED || mine->state == LEASE_ACTIVE))
			ack(s, m, mine, false);
		else
			bb_debug_msg(1, "REQUEST for %s that we did not offer, ignored", server_ip_str(ip));
		return;
	}
	if (has_requested && !ip_serves(s, ip, link_of(s, m)) && !static_for_mac(s, m->chaddr)) {
		send_nak(s, m, "wrong network");
		return;
	}
	if (mine && mine->ip == ip && mine->state != LEASE_DECLINED && usable_for(s, ip, mine)) {
		ack(s, m, mine, false);
		return;
	}
	if (!has_requested && m->ciaddr && !mine && usable_for(s, ip, NULL)) {
		/* renewing a lease we do not know (lost state): it is free, take it */
		mine = lease_add(&s->leases, key, len, ip);
		if (mine)
			ack(s, m, mine, false);
		return;
	}
	if (!usable_for(s, ip, mine) || (mine && mine->ip != ip))
		send_nak(s, m, "address not available");
	else
		bb_debug_msg(1, "REQUEST for %s from an unknown client, ignored", server_ip_str(ip));
}

static void handle_decline(struct server_state *s, const struct dhcp_message *m)
{
	struct lease *mine = lease_of(s, m);
	uint32_t requested = 0;

	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) != UDHCP_OPT_OK || !mine
	    || mine->ip != ntohl(requested))
		return;
	bb_info_msg("%s declined: in use by another host, unused for %u s", server_ip_str(mine->ip),
		s->cfg.decline_time);
	server_mark_unusable(s, mine->ip, s->cfg.decline_time);
}

static void handle_release(struct server_state *s, const struct dhcp_message *m)
{
	struct lease *mine = lease_of(s, m);

	if (!mine || mine->ip != ntohl(m->ciaddr) || mine->state != LEASE_ACTIVE) {
		bb_info_msg("RELEASE of %s not from its owner, ignored", server_ip_str(ntohl(m->ciaddr)));
		return;
	}
	bb_info_msg("%s released", server_ip_str(mine->ip));
	mine->state = LEASE_RELEASED;
	mine->starts = mine->expires = server_now();
	server_note_lease(s, mine);
	server_journal(s, mine);
}

void server_handle_message(struct server_state *s, const uint8_t *buf, size_t len)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	unsigned type;

	if (udhcp_parse_message(buf, len, BOOTREQUEST, &m, &err) < 0) {
		bb_debug_msg(1, "message dropped: %s", err.msg);
		return;
	}
	type = udhcp_message_type(&m.opts);
	bb_debug_msg(2, "received %s from %s via %s (xid %08x)",
		type ? udhcp_message_type_name(type) : "BOOTP", server_mac_str(m.chaddr),
		m.giaddr ? server_ip_str(ntohl(m.giaddr)) : s->cfg.interface, (unsigned)m.xid);
	switch (type) {
	case DHCPDISCOVER:
		handle_discover(s, &m);
		break;
	case DHCPREQUEST:
		handle_request(s, &m);
		break;
	case DHCPDECLINE:
		handle_decline(s, &m);
		break;
	case DHCPRELEASE:
		handle_release(s, &m);
		break;
	case DHCPINFORM:	/* RFC 2131 4.3.5: options, no address, no lease */
		send_offer_or_ack(s, &m, DHCPACK, 0, 0, false);
		break;
	default:
		bb_debug_msg(1, "message type %u ignored", type);
	}
}
