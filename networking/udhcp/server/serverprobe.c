/*
 * serverprobe.c: the check that an address is not in use before udhcpd
 * offers it to a new client (RFC 2131 section 4.3.1: "servers SHOULD
 * check that the offered network address is not already in use"), done
 * with an ARP probe (RFC 5227 section 2.1.1) on the server's own link,
 * where it also finds hosts that drop ICMP echo.
 *
 * BusyBox blocks every client for 2 s while it waits for one ARP answer.
 * Here a DISCOVER waits for its probe while the server answers others,
 * and a few addresses are probed in the background ahead of need (at most
 * one new probe per BACKGROUND_GAP_MS, each re-probed once older than
 * RESERVE_MAX_AGE_MS), so a new client's OFFER usually goes at once.
 * Addresses of relayed links are not probed: ARP does not cross routers.
 */
#include "libbb.h"
#include "os/arp.h"
#include "server/server.h"
#include "os/socket.h"

#include <arpa/inet.h>

enum {
	BACKGROUND_GAP_MS = 100,
	RESERVE_MAX_AGE_MS = 60000,
	POOL_EMPTY_RETRY_MS = 5000,
};

/* An ARP socket on each link (links[] set up, or just s->cfg.interface). */
int probe_setup(struct server_state *s)
{
	unsigned n = s->nlinks ? s->nlinks : 1;

	if (!s->arp_ms)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		struct server_link *l = s->nlinks ? &s->links[i] : NULL;
		const char *name = l ? l->name : s->cfg.interface;
		struct udhcp_iface ifc;
		int fd = -1;

		if (udhcp_iface_read(name, &ifc) < 0 || (fd = arp_open(ifc.ifindex)) < 0) {
			bb_perror_msg("can't open an ARP socket on %s: no ARP check before offers", name);
			s->arp_ms = 0;
			s->arp_fd = -1;
			return -1;
		}
		if (l) {
			l->arp_fd = fd;
			l->ifindex = ifc.ifindex;
			memcpy(l->mac, ifc.mac, 6);
		} else {
			s->arp_fd = fd;
			s->ifindex = ifc.ifindex;
			memcpy(s->mac, ifc.mac, 6);
		}
	}
	server_use_link(s, 0);
	bb_info_msg("ARP check of new addresses: %u ms, %u addresses probed ahead", s->arp_ms,
		ENABLE_FEATURE_UDHCPD_ARP_RESERVE ? RESERVE_SLOTS : 0);
	return 0;
}

static void send_probe(struct server_state *s, uint32_t ip)
{
	uint8_t pkt[ARP_PACKET_LEN];

	arp_build_probe(pkt, s->mac, htonl(ip));
	if (arp_send(s->arp_fd, s->ifindex, pkt) < 0)
		bb_perror_msg("can't send an ARP probe for %s", server_ip_str(ip));
	s->probes_sent++;
	bb_debug_msg(1, "ARP probe for %s", server_ip_str(ip));
}

static struct reserve_slot *slot_of(struct server_state *s, uint32_t ip)
{
	for (unsigned i = 0; i < RESERVE_SLOTS; i++)
		if (s->reserve[i].state != SLOT_EMPTY && s->reserve[i].ip == ip)
			return &s->reserve[i];
	return NULL;
}

bool probe_holds(const struct server_state *s, uint32_t ip)
{
	return slot_of((struct server_state *)s, ip) != NULL;
}

static struct pending_offer *pending_of(struct server_state *s, const struct dhcp_message *req)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = server_client_key(req, key);

	for (unsigned i = 0; i < PENDING_MAX; i++) {
		struct pending_offer *p = &s->pending[i];

		if (p->used && p->key_len == len && memcmp(p->key, key, len) == 0)
			return p;
	}
	return NULL;
}

bool probe_is_pending(const struct server_state *s, const struct dhcp_message *req)
{
	return pending_of((struct server_state *)s, req) != NULL;
}

void probe_cancel(struct server_state *s, const struct dhcp_message *req)
{
	struct pending_offer *p = pending_of(s, req);

	if (p)
		p->used = false;
}

bool probe_pending_for(struct server_state *s, const struct dhcp_message *req)
{
	struct pending_offer *p = pending_of(s, req);

	if (p)
		p->req = *req;	/* answer the latest xid */
	return p != NULL;
}

bool probe_has_room(struct server_state *s)
{
	for (unsigned i = 0; i < PENDING_MAX; i++)
		if (!s->pending[i].used)
			return true;
	if (server_now() - s->last_busy_log >= 60) {
		bb_error_msg("%u ARP probes running: new clients wait", PENDING_MAX);
		s->last_busy_log = server_now();
	}
	return false;
}

/*
 * A READY slot's address, taken (*ready set), when one is still free; else
 * the address whose background probe ends first (the slot stays, and
 * probe_then_offer waits for that probe), else 0.
 */
uint32_t probe_take_ready(struct server_state *s, const struct dhcp_message *req, bool *ready)
{
	struct reserve_slot *first = NULL;

	*ready = false;
	if (s->cur != 0)
		return 0;	/* the reserve is of the first link's subnet */
	for (unsigned i = 0; i < RESERVE_SLOTS; i++) {
		struct reserve_slot *r = &s->reserve[i];

		/* a pool's permits may keep this client from the address */
		if (r->state == SLOT_EMPTY || !server_ip_admits(s, req, r->ip))
			continue;
		if (r->state == SLOT_PROBING && (!first || r->at_ms < first->at_ms))
			first = r;
		if (r->state != SLOT_READY)
			continue;
		r->state = SLOT_EMPTY;
		if (server_ip_usable(s, r->ip)) {
			bb_debug_msg(1, "%s from the probed reserve", server_ip_str(r->ip));
			*ready = true;
			return r->ip;
		}
	}
	return first && server_ip_usable(s, first->ip) ? first->ip : 0;
}

void probe_then_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip)
{
	struct reserve_slot *r = slot_of(s, ip);
	int64_t deadline = server_now_ms() + s->arp_ms;
	struct pending_offer *p = NULL;

	if (r && r->state == SLOT_READY) {
		r->state = SLOT_EMPTY;
		server_offer(s, req, ip);
		return;
	}
	if (r) {		/* its probe is running: wait for that one */
		deadline = r->at_ms;
		r->state = SLOT_EMPTY;
	} else {
		send_probe(s, ip);
	}
	for (unsigned i = 0; i < PENDING_MAX && !p; i++)
		if (!s->pending[i].used)
			p = &s->pending[i];
	if (!p)
		return;		/* probe_has_room said yes a moment ago */
	p->used = true;
	p->link = (uint8_t)s->cur;
	p->key_len = server_client_key(req, p->key);
	p->ip = ip;
	p->deadline_ms = deadline;
	p->tries = 1;
	p->req = *req;
}

/*
 * An answer to a probe: the address is quarantined, unless it was ACKed
 * meanwhile (a renewal, or a reload made it static for a client that then
 * asked for it): a late answer must not take an ACKed lease away. Returns
 * whether it was quarantined.
 */
static bool conflict(struct server_state *s, uint32_t ip, const uint8_t *pkt)
{
	struct lease *l = lease_by_ip(&s->leases, ip);

	if (server_is_static_ip(s, ip)) {
		bb_error_msg("%s answered an ARP probe from %s: it is static (a reload), left to its host",
			server_ip_str(ip), server_mac_str(pkt + 8));
		return false;
	}
	if (l && l->state == LEASE_ACTIVE && lease_is_live(l, server_now())) {
		bb_error_msg("%s answered an ARP probe from %s after it was ACKed: left to its client",
			server_ip_str(ip), server_mac_str(pkt + 8));
		return false;
	}
	s->conflicts++;
	bb_error_msg("%s is in use by %s (it answered an ARP probe): not offered for %u s",
		server_ip_str(ip), server_mac_str(pkt + 8), s->cfg.conflict_time);
	if ((l = server_quarantine(s, ip, s->cfg.conflict_time)) != NULL)
		server_journal(s, l);
	return true;
}

/* The client's address was in use: another one, probed too (a few tries). */
static void retry_pending(struct server_state *s, struct pending_offer *p)
{
	uint32_t link = ntohl(p->req.giaddr ? p->req.giaddr : s->server_nip), ip = 0;
	bool ready = false;

	if (p->tries >= PROBE_TRIES) {
		p->used = false;
		return;		/* the client will ask again */
	}
	if (server_dynamic_room(s))
		ip = probe_take_ready(s, &p->req, &ready);
	if (ip && ready && server_reserve(s, &p->req, ip)) {
		p->used = false;
		server_offer(s, &p->req, ip);
		return;
	}
	ip = server_free_address(s, link, &p->req);
	if (!ip || !server_reserve(s, &p->req, ip)) {
		p->used = false;
		return;
	}
	p->ip = ip;
	p->tries++;
	p->deadline_ms = server_now_ms() + s->arp_ms;
	send_probe(s, ip);
}

void probe_read_arp(struct server_state *s)
{
	s->now = server_now();	/* for the decisions a conflict leads to */
	uint8_t pkt[64];
	int n;

	for (unsigned budget = 0; budget < 256 && (n = arp_recv(s->arp_fd, pkt, sizeof(pkt))) > 0; budget++) {
		for (unsigned i = 0; i < PENDING_MAX; i++) {
			struct pending_offer *p = &s->pending[i];

			/* the client itself answering (it kept the address) is no conflict */
			if (p->used && p->link == s->cur && arp_is_conflict(pkt, (size_t)n, s->mac, htonl(p->ip))
			    && memcmp(pkt + 8, p->req.chaddr, 6) != 0) {
				if (conflict(s, p->ip, pkt))
					retry_pending(s, p);
				else
					p->used = false;	/* stale: the address is someone's now */
			}
		}
		for (unsigned i = 0; s->cur == 0 && i < RESERVE_SLOTS; i++) {
			struct reserve_slot *r = &s->reserve[i];

			if (r->state != SLOT_EMPTY && arp_is_conflict(pkt, (size_t)n, s->mac, htonl(r->ip))) {
				r->state = SLOT_EMPTY;
				conflict(s, r->ip, pkt);
			}
		}
	}
}

/* One background probe at most per BACKGROUND_GAP_MS: an empty slot is
 * filled, else the oldest ready address is probed again when stale. */
static void background(struct server_state *s, int64_t now)
{
	struct reserve_slot *empty = NULL, *stale = NULL;
	uint32_t ip;

	if (!ENABLE_FEATURE_UDHCPD_ARP_RESERVE)
		return;		/* the slots stay empty: each DISCOVER waits for its probe */
	if (now - s->last_background_ms < BACKGROUND_GAP_MS)
		return;
	for (unsigned i = 0; i < RESERVE_SLOTS; i++) {
		struct reserve_slot *r = &s->reserve[i];

		if (r->state == SLOT_EMPTY && !empty)
			empty = r;
		if (r->state == SLOT_READY && now - r->at_ms >= RESERVE_MAX_AGE_MS && (!stale || r->at_ms < stale->at_ms))
			stale = r;
	}
	if (stale) {
		ip = stale->ip;
	} else if (empty && (ip = server_free_address(s, ntohl(s->server_nip), NULL)) != 0) {
		stale = empty;
	} else {
		if (empty)	/* the pool is full: look again later */
			s->last_background_ms = now + POOL_EMPTY_RETRY_MS;
		return;
	}
	stale->state = SLOT_PROBING;
	stale->ip = ip;
	stale->at_ms = now + s->arp_ms;
	s->last_background_ms = now;
	send_probe(s, ip);
}

static void finish_pending(struct server_state *s, int64_t now, int64_t *next)
{
	for (unsigned i = 0; i < PENDING_MAX; i++) {
		struct pending_offer *p = &s->pending[i];

		if (!p->used)
			continue;
		if (p->deadline_ms <= now) {
			p->used = false;
			server_use_link(s, p->link);
			server_offer(s, &p->req, p->ip);
		} else if (p->deadline_ms < *next) {
			*next = p->deadline_ms;
		}
	}
}

int probe_run_timers(struct server_state *s)
{
	s->now = server_now();	/* for the decisions the timers lead to */
	int64_t now = server_now_ms(), next = INT64_MAX;

	if (!s->arp_ms)
		return -1;
	finish_pending(s, now, &next);
	server_use_link(s, 0);	/* the reserve is the first link's */
	for (unsigned i = 0; i < RESERVE_SLOTS; i++) {
		struct reserve_slot *r = &s->reserve[i];

		if (r->state == SLOT_PROBING && r->at_ms <= now) {
			r->state = SLOT_READY;
			r->at_ms = now;
			bb_debug_msg(1, "%s probed: ready for a new client", server_ip_str(r->ip));
		}
	}
	background(s, now);
	for (unsigned i = 0; ENABLE_FEATURE_UDHCPD_ARP_RESERVE && i < RESERVE_SLOTS; i++) {
		struct reserve_slot *r = &s->reserve[i];
		int64_t t = r->state == SLOT_PROBING ? r->at_ms
			: r->state == SLOT_READY ? r->at_ms + RESERVE_MAX_AGE_MS : 0;

		if (r->state != SLOT_PROBING && t < s->last_background_ms + BACKGROUND_GAP_MS)
			t = s->last_background_ms + BACKGROUND_GAP_MS;	/* the rate limit */
		if (t < next)
			next = t;
	}
	return next <= now ? 0 : (int)(next - now > 60000 ? 60000 : next - now);
}

void probe_reset(struct server_state *s)
{
	for (unsigned i = 0; i < RESERVE_SLOTS; i++)
		s->reserve[i].state = SLOT_EMPTY;
}
