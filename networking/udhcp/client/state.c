/*
 * state.c: udhcpc's state machine (RFC 2131 section 4.4, figure 5) as a
 * transition function: an event and the time in, the new state, the next
 * timer (c->deadline) and the actions out (client.h). Pure: no I/O, no
 * clock; run.c carries the actions out, the loop (client.c) or the model
 * test feeds the events.
 *
 * What it keeps true (the model test checks each after every event):
 *  - a timer is pending, except when released (SIGUSR2), when bound on an
 *    infinite lease, and when exiting;
 *  - the address is deconfigured (script "deconfig") no later than the
 *    lease's end, counted from when the ACK arrived;
 *  - script events come in a legal order: deconfig first, renew only
 *    while bound, deconfig after a lease is lost;
 *  - a reply that is dropped changes nothing.
 */
#include "client/client.h"
#include "codec/arp.h"

#include <arpa/inet.h>
#include <signal.h>

const char client_state_name[CLIENT_STATES][12] = {
	[INIT] = "INIT", [SELECTING] = "SELECTING", [REQUESTING] = "REQUESTING",
	[BOUND] = "BOUND", [RENEWING] = "RENEWING", [REBINDING] = "REBINDING",
	[INIT_REBOOT] = "INIT-REBOOT", [REBOOTING] = "REBOOTING", [RELEASED] = "RELEASED",
	[ARP_CHECK] = "ARP-CHECK",
};

/* INIT-REBOOT: a second REQUEST after 1 s, DISCOVER after 2 s. A server
 * that cannot place the address stays silent (RFC 2131 4.3.2: not
 * authoritative), and waiting longer only delays the DISCOVER. */
enum { REBOOT_RETRY_MS = 1000, REBOOT_TRIES = 2 };

static const char *ip_str(uint32_t nip)
{
	return udhcp_ip_str(nip);
}

static void act(struct client_state *c, unsigned kind, unsigned what, const char *event,
	const struct dhcp_message *m, uint32_t ip)
{
	struct client_actions *o = c->out;

	/* no event needs more (the model test checks the bound) */
	if (o->n < CLIENT_MAX_ACTIONS)
		o->a[o->n++] = (struct client_action){ (uint8_t)kind, (uint8_t)what, event, m, ip };
	else
		o->lost++;
}

static void send_msg(struct client_state *c, unsigned what)
{
	act(c, ACT_SEND, what, NULL, NULL, 0);
	c->attempts++;
}

static void script(struct client_state *c, const char *event, const struct dhcp_message *m)
{
	act(c, ACT_SCRIPT, 0, event, m, 0);
}

/* xorshift64*: the loop seeds it; the model's runs replay exactly. */
static uint32_t next_xid(struct client_state *c)
{
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return (uint32_t)((c->rng * 0x2545F4914F6CDD1Dull) >> 32);
}

static void enter(struct client_state *c, enum client_state_id next)
{
	if (c->state != next)
		bb_debug_msg(1, "state %s -> %s", client_state_name[c->state], client_state_name[next]);
	c->state = next;
	c->attempts = 0;
}

bool client_has_lease(const struct client_state *c)
{
	return c->state == BOUND || c->state == RENEWING || c->state == REBINDING;
}

/* RFC 2131 4.4: while unconfigured (and rebinding) only a raw socket sees
 * replies; renewing uses the address we have. */
int client_listen_mode(const struct client_state *c)
{
	static const uint8_t mode[CLIENT_STATES] = {
		[INIT] = LISTEN_RAW, [SELECTING] = LISTEN_RAW, [REQUESTING] = LISTEN_RAW,
		[BOUND] = LISTEN_NONE, [RENEWING] = LISTEN_UDP, [REBINDING] = LISTEN_RAW,
		[INIT_REBOOT] = LISTEN_RAW, [REBOOTING] = LISTEN_RAW, [RELEASED] = LISTEN_NONE,
		[ARP_CHECK] = LISTEN_ARP,
	};

	return c->done ? LISTEN_NONE : mode[c->state];
}

/* ---- Identity and the remembered lease ---- */

void client_set_identity(struct client_state *c)
{
	c->cid_len = 0;
	for (size_t i = 0; i < c->nsend_opts; i++) {
		if (c->send_opts[i].code == DHCP_CLIENT_ID) {
			c->cid_len = c->send_opts[i].len < sizeof(c->cid) ? c->send_opts[i].len : sizeof(c->cid);
			memcpy(c->cid, c->send_opts[i].data, c->cid_len);
			return;
		}
	}
	if (c->opts & OPT_C)
		return;
	c->cid[0] = DHCP_HTYPE_ETHERNET;	/* RFC 2132 9.14 */
	memcpy(c->cid + 1, c->ifc.mac, 6);
	c->cid_len = 7;
}

/* Another MAC on the interface (another device plugged in): the address
 * remembered or asked for belonged to the old identity. A lease held is
 * the server's to NAK at renewal. */
void client_identity_changed(struct client_state *c)
{
	client_set_identity(c);
	if (client_has_lease(c))
		return;
	c->requested_ip = c->user_requested_ip;	/* -r stays */
	c->reboot_xid = 0;
	/* an exchange under way (an ACK being checked too) was the old one's;
	 * SELECTING goes on, its next DISCOVER already from the new MAC */
	if (c->state != RELEASED && c->state != INIT && c->state != SELECTING) {
		enter(c, INIT);
		c->deadline = c->now;
	}
}

bool client_memo_matches(const struct client_state *c, const struct remembered_lease *l)
{
	return l->has_identity && memcmp(l->mac, c->ifc.mac, 6) == 0 && l->cid_len == c->cid_len
		&& memcmp(l->cid, c->cid, c->cid_len) == 0 && !client_bad_lease_address(l->ip);
}

void client_memo_of(const struct client_state *c, int64_t wall_s, struct remembered_lease *l)
{
	uint32_t mask = 0;

	memset(l, 0, sizeof(*l));
	l->ip = c->lease_ip;
	l->server = c->server_nip;
	l->lease = c->lease_seconds;
	/* the lease began when its ACK came, not now */
	l->obtained = wall_s - (c->now - c->ack_time) / 1000;
	memcpy(l->mac, c->ifc.mac, 6);
	memcpy(l->cid, c->cid, c->cid_len);
	l->cid_len = c->cid_len;
	l->has_identity = true;
	udhcp_opt_get_ip(&c->pending_ack.opts, DHCP_SUBNET, &mask);
	l->mask = mask;
}

/* ---- Timers ---- */

/*
 * Lease, T1, T2 (RFC 2131 4.4.5) from the time the ACK arrived: the
 * server's 58/59 when they make sense (0 < T1 < T2 < lease), else 0.5 and
 * 0.875 of the lease. No minimum: the address must go when the lease does.
 */
static void set_lease_timers(struct client_state *c, const struct dhcp_optset *opts, int64_t at)
{
	uint32_t lease = 3600, t1 = 0, t2 = 0;
	int64_t ms, t1_ms, t2_ms;

	if (udhcp_opt_get_u32(opts, DHCP_LEASE_TIME, &lease) == UDHCP_OPT_ABSENT)
		bb_info_msg("no lease time with the ACK, taking 1 hour");
	c->lease_seconds = lease;
	if (lease == 0xffffffff) {
		c->t1 = c->t2 = c->expiry = CLIENT_NEVER;
		return;
	}
	ms = (int64_t)lease * 1000;
	t1_ms = ms / 2;
	t2_ms = ms * 7 / 8;
	if (udhcp_opt_get_u32(opts, DHCP_T1, &t1) == UDHCP_OPT_OK && t1 > 0 && t1 < lease)
		t1_ms = (int64_t)t1 * 1000;
	if (udhcp_opt_get_u32(opts, DHCP_T2, &t2) == UDHCP_OPT_OK && t2 > 0 && t2 < lease
	    && (int64_t)t2 * 1000 > t1_ms)
		t2_ms = (int64_t)t2 * 1000;
	if (t2_ms <= t1_ms)
		t2_ms = t1_ms + (ms - t1_ms) / 2;
	c->t1 = at + t1_ms;
	c->t2 = at + t2_ms;
	c->expiry = at + ms;
}

/*
 * RFC 2131 4.4.5: half the time left until `until`, down to 60 s; not over
 * an hour (an infinite lease renewed on SIGUSR1). Under 2 minutes left,
 * where the RFC's rule leaves a single try, half the time left but at
 * least 1 s: a short lease still gets several broadcasts while rebinding.
 */
static int64_t next_retransmission(int64_t now, int64_t until)
{
	int64_t left = until - now, wait = left / 2;

	if (wait > 3600000)
		wait = 3600000;
	if (wait < 1000)
		wait = left < 1000 ? left : 1000;
	return now + wait;
}

/* ---- Starting over ---- */

static void new_exchange(struct client_state *c)
{
	c->xid = next_xid(c);
	c->exchange_start = c->now;
}

static void start_discover(struct client_state *c)
{
	/* a new cycle: the interface may be another one by now (re-plugged) */
	act(c, ACT_IFACE_REREAD, 0, NULL, NULL, 0);
	new_exchange(c);
	enter(c, SELECTING);
	send_msg(c, SEND_DISCOVER);
	c->deadline = c->now + (int64_t)c->timeout * 1000;
}

static void start_over(struct client_state *c, int64_t delay_ms)
{
	enter(c, INIT);
	c->deadline = c->now + delay_ms;
	c->late_offer_ok = false;
}

static void forget_lease(struct client_state *c)
{
	act(c, ACT_MEMO_FORGET, 0, NULL, NULL, 0);
	c->lease_ip = 0;
}

static void lose_lease(struct client_state *c, const char *why)
{
	bb_info_msg("%s", why);
	script(c, "deconfig", NULL);
	forget_lease(c);
	c->requested_ip = 0;
	start_over(c, 0);
}

/* -b wins over -n, as in BusyBox; -n matters only until the first lease. */
static void leasefail(struct client_state *c)
{
	bool give_up = (c->opts & OPT_n) && !(c->opts & OPT_b) && !c->ever_bound;

	bb_info_msg("no lease, %s", give_up ? "failing"
		: c->opts & OPT_b ? "forking to background" : "waiting");
	script(c, "leasefail", NULL);
	if (give_up) {
		c->done = true;
		c->exit_code = 1;
		return;
	}
	if (c->opts & OPT_b)
		act(c, ACT_DAEMONIZE, 0, NULL, NULL, 0);
	start_over(c, (int64_t)c->tryagain * 1000);
	/* a cycle nobody answered in time: a late OFFER to it is welcome
	 * (after a DECLINE or a NAK it is not: those wait on purpose) */
	c->late_offer_ok = true;
}

static void resend(struct client_state *c, unsigned what, unsigned tries,
	void (*give_up)(struct client_state *))
{
	if (tries && c->attempts >= tries) {
		give_up(c);
		return;
	}
	send_msg(c, what);
	c->deadline = c->now + (int64_t)c->timeout * 1000;
}

/* ---- Bound ---- */

static void bound(struct client_state *c, const struct dhcp_message *m)
{
	bool renewing = c->state == RENEWING || c->state == REBINDING;
	uint32_t server = 0;

	set_lease_timers(c, &m->opts, c->ack_time);
	if (c->expiry <= c->now) {
		/* counted from the request, it is over already: an ARP check or
		 * an answer that took longer than the lease (a clock that jumped) */
		bb_info_msg("the lease of %s ended before it could be used", ip_str(m->yiaddr));
		if (renewing)
			lose_lease(c, "lease lost, starting over");
		else
			leasefail(c);	/* a failed cycle: -n exits, else -A */
		return;
	}
	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (server)
		c->server_nip = server;
	c->lease_ip = m->yiaddr;
	c->requested_ip = m->yiaddr;
	c->naks = 0;
	if (m != &c->pending_ack)
		c->pending_ack = *m;
	if (c->lease_seconds == 0xffffffff)
		bb_info_msg("lease of %s obtained from %s, infinite", ip_str(m->yiaddr),
			ip_str(c->server_nip));
	else
		bb_info_msg("lease of %s obtained from %s, lease time %lu (T1 %lld s, T2 %lld s)",
			ip_str(m->yiaddr), ip_str(c->server_nip), (unsigned long)c->lease_seconds,
			(long long)((c->t1 - c->ack_time + 500) / 1000),
			(long long)((c->t2 - c->ack_time + 500) / 1000));
	script(c, renewing ? "renew" : "bound", &c->pending_ack);
	enter(c, BOUND);
	c->deadline = c->t1;
	c->ever_bound = true;
	if ((c->opts & OPT_q) && (c->opts & OPT_R)) {
		act(c, ACT_SEND, SEND_RELEASE, NULL, NULL, c->lease_ip);
		script(c, "deconfig", NULL);
		forget_lease(c);
		c->done = true;
		return;
	}
	act(c, ACT_MEMO_SAVE, 0, NULL, NULL, 0);
	if (c->opts & OPT_q) {
		c->done = true;
		return;
	}
	act(c, ACT_DAEMONIZE, 0, NULL, NULL, 0);
}

/* ---- The ARP check (-a) ---- */

/*
 * RFC 5227 2.1.1: probe the address; silence for the whole -a time means
 * it is free. Two probes, the second halfway.
 */
static void start_arp_check(struct client_state *c, const struct dhcp_message *ack)
{
	c->pending_ack = *ack;
	enter(c, ARP_CHECK);
	c->arp_end = c->now + c->arp_ms;
	bb_info_msg("checking %s with ARP", ip_str(ack->yiaddr));
	act(c, ACT_ARP_PROBE, 0, NULL, NULL, ack->yiaddr);
	c->attempts = 1;
	c->deadline = c->now + c->arp_ms / 2;
}

static void arp_probe_timeout(struct client_state *c)
{
	if (c->now < c->arp_end && c->attempts < 2) {
		act(c, ACT_ARP_PROBE, 0, NULL, NULL, c->pending_ack.yiaddr);
		c->attempts++;
		c->deadline = c->arp_end;
		return;
	}
	bound(c, &c->pending_ack);
}

void client_arp(struct client_state *c, const uint8_t *pkt, size_t len, int64_t now,
	struct client_actions *out)
{
	c->now = now;
	c->out = out;
	out->n = 0;
	if (c->state != ARP_CHECK || !arp_is_conflict(pkt, len, c->ifc.mac, c->pending_ack.yiaddr))
		return;
	bb_info_msg("%s is in use by another host, declining it", ip_str(c->pending_ack.yiaddr));
	act(c, ACT_SEND, SEND_DECLINE, NULL, NULL, c->pending_ack.yiaddr);
	forget_lease(c);
	c->requested_ip = 0;
	/* RFC 2131 4.4.1: wait before starting over (BusyBox: -A) */
	start_over(c, (int64_t)c->tryagain * 1000);
}

/* ---- Timer events ---- */

static void reboot_unanswered(struct client_state *c)
{
	bb_info_msg("no answer to INIT-REBOOT, discovering");
	start_discover(c);
}

static void renew_or_rebind(struct client_state *c)
{
	if (c->state == BOUND) {
		bb_info_msg("renewing %s at T1", ip_str(c->lease_ip));
		new_exchange(c);
		enter(c, RENEWING);
	}
	if (c->state == RENEWING && c->now < c->t2) {
		send_msg(c, SEND_RENEW);
		c->deadline = next_retransmission(c->now, c->t2);
		return;
	}
	if (c->state == RENEWING) {
		bb_info_msg("rebinding %s at T2", ip_str(c->lease_ip));
		enter(c, REBINDING);
	}
	if (c->now >= c->expiry) {
		lose_lease(c, "lease lost, starting over");
		return;
	}
	send_msg(c, SEND_REBIND);
	c->deadline = next_retransmission(c->now, c->expiry);
}

static void handle_timeout(struct client_state *c)
{
	switch (c->state) {
	case INIT:
		start_discover(c);
		break;
	case SELECTING:
		resend(c, SEND_DISCOVER, c->retries, leasefail);
		break;
	case REQUESTING:	/* BusyBox's three tries */
		resend(c, SEND_SELECT, 3, leasefail);
		break;
	case INIT_REBOOT:
		new_exchange(c);
		c->reboot_xid = c->xid;
		c->reboot_start = c->now;
		enter(c, REBOOTING);
		/* fall through */
	case REBOOTING:
		if (c->attempts >= REBOOT_TRIES) {
			reboot_unanswered(c);
			break;
		}
		send_msg(c, SEND_REBOOT);
		c->deadline = c->now + REBOOT_RETRY_MS;
		break;
	case BOUND:
	case RENEWING:
	case REBINDING:
		renew_or_rebind(c);
		break;
	case RELEASED:
		c->deadline = CLIENT_NEVER;
		break;
	case ARP_CHECK:
		arp_probe_timeout(c);
		break;
	case CLIENT_STATES:
		break;
	}
}

void client_timer(struct client_state *c, int64_t now, struct client_actions *out)
{
	c->now = now;
	c->out = out;
	out->n = 0;
	if (!c->done && c->deadline != CLIENT_NEVER && now >= c->deadline)
		handle_timeout(c);
}

/* ---- Received messages ---- */

static void handle_offer(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;

	/* Also in INIT after a failed cycle: a late OFFER still answers our
	 * DISCOVER (same xid), and waiting -A seconds would waste it. */
	if ((c->state != SELECTING && (c->state != INIT || !c->late_offer_ok)) || m->xid != c->xid)
		return;
	/* no server id: BusyBox's "address-less server" case, taken as it is */
	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	bb_info_msg("offer of %s from %s", ip_str(m->yiaddr), ip_str(server));
	c->server_nip = server;
	c->offered_ip = m->yiaddr;
	enter(c, REQUESTING);
	resend(c, SEND_SELECT, 3, leasefail);
}

/* Which ACKs the state takes: ours, from the server we chose. */
static bool ack_wanted(const struct client_state *c, const struct dhcp_message *m, uint32_t server)
{
	/* a late ACK to our INIT-REBOOT, after we went on to DISCOVER */
	if (c->reboot_xid && m->xid == c->reboot_xid && m->yiaddr == c->requested_ip
	    && (c->state == SELECTING || c->state == REQUESTING || c->state == INIT))
		return true;
	if (m->xid != c->xid)
		return false;
	switch (c->state) {
	case SELECTING:	/* RFC 4039: a rapid commit ACK answers our DISCOVER */
		return c->rapid_commit && udhcp_opt_present(&m->opts, DHCP_RAPID_COMMIT);
	case REQUESTING:
		return m->yiaddr == c->offered_ip && (!c->server_nip || server == c->server_nip);
	case RENEWING:
		return m->yiaddr == c->lease_ip && (!c->server_nip || !server || server == c->server_nip);
	case REBINDING:
		return m->yiaddr == c->lease_ip;
	case REBOOTING:
		return m->yiaddr == c->requested_ip;
	default:
		return false;
	}
}

static void handle_ack(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;

	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (!ack_wanted(c, m, server)) {
		bb_debug_msg(1, "ACK for %s from %s in %s, not the one awaited, ignored",
			ip_str(m->yiaddr), ip_str(server), client_state_name[c->state]);
		return;
	}
	/* RFC 2131 4.4.1: the lease runs from when the request went out. We
	 * take the first message of the exchange (its xid): no server can
	 * have granted the lease before it, even one answering an older
	 * message (a rapid-commit DISCOVER, a first renewing REQUEST). It
	 * costs the lease the DISCOVER-to-ACK time (a server's ping check). */
	c->ack_time = c->reboot_xid && m->xid == c->reboot_xid ? c->reboot_start : c->exchange_start;
	c->reboot_xid = 0;
	/* a new address is checked first; a renewed one is ours already */
	if (c->arp_ms && !client_has_lease(c))
		start_arp_check(c, m);
	else
		bound(c, m);
}

/* A NAK counts from the server we deal with (RFC 2131 4.3.2 requires its
 * identifier), or from any while rebooting and rebinding (broadcast). */
static bool nak_wanted(const struct client_state *c, const struct dhcp_message *m, uint32_t server)
{
	if (m->xid != c->xid)
		return false;
	switch (c->state) {
	case REQUESTING:
	case RENEWING:
		return !c->server_nip || server == c->server_nip;
	case REBOOTING:
	case REBINDING:
		return true;
	default:
		return false;
	}
}

static void handle_nak(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;
	int64_t backoff;

	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (!nak_wanted(c, m, server)) {
		bb_debug_msg(1, "NAK from %s in %s, not our server's, ignored", ip_str(server),
			client_state_name[c->state]);
		return;
	}
	bb_info_msg("received NAK from %s", ip_str(server));
	script(c, "nak", m);
	/* Back off when NAKs repeat, without blocking: a broken server
	 * must not make us flood it (BusyBox sleeps 3 s). */
	backoff = c->naks++ ? (int64_t)(c->naks < 10 ? c->naks : 10) * c->timeout * 1000 : 0;
	/* BusyBox's order: nak, then deconfig unless the address was only
	 * being requested */
	if (c->state != REQUESTING)
		script(c, "deconfig", NULL);
	forget_lease(c);
	c->requested_ip = 0;
	start_over(c, backoff);
}

void client_message(struct client_state *c, struct dhcp_message *m, int64_t now,
	struct client_actions *out)
{
	struct reply_notes notes;
	struct udhcp_error err;
	unsigned type;

	c->now = now;
	c->out = out;
	out->n = 0;
	if (c->done || (m->xid != c->xid && (!c->reboot_xid || m->xid != c->reboot_xid))) {
		bb_debug_msg(2, "reply with xid %08x, not ours, ignored", m->xid);
		return;
	}
	if (m->hlen != 6 || memcmp(m->chaddr, c->ifc.mac, 6) != 0) {
		bb_debug_msg(2, "reply for another hardware address, ignored");
		return;
	}
	type = udhcp_message_type(&m->opts);
	if (type != DHCPOFFER && type != DHCPACK && type != DHCPNAK) {
		bb_debug_msg(1, "reply of type %u, ignored", type);
		return;
	}
	if (client_check_reply(c, m, &notes, &err) < 0) {
		bb_info_msg("%s dropped: %s", udhcp_message_type_name(type), err.msg);
		return;
	}
	for (unsigned i = 0; i < notes.n; i++)
		bb_info_msg("%s from the server: %s", udhcp_message_type_name(type), notes.msg[i]);
	bb_debug_msg(1, "received %s", udhcp_message_type_name(type));
	if (type == DHCPOFFER)
		handle_offer(c, m);
	else if (type == DHCPACK)
		handle_ack(c, m);
	else
		handle_nak(c, m);
}

/* ---- Signals ---- */

static void release(struct client_state *c)
{
	if (client_has_lease(c))
		act(c, ACT_SEND, SEND_RELEASE, NULL, NULL, c->lease_ip);
	script(c, "deconfig", NULL);
	forget_lease(c);
	/* requested_ip stays: the next DISCOVER asks for the same address
	 * again (option 50), as BusyBox does, even of a server that forgot us */
}

void client_signal(struct client_state *c, int sig, int64_t now, struct client_actions *out)
{
	c->now = now;
	c->out = out;
	out->n = 0;
	if (c->done)
		return;
	switch (sig) {
	case SIGUSR1:
		bb_info_msg("SIGUSR1: %s", client_has_lease(c) ? "renewing" : "discovering");
		if (client_has_lease(c)) {
			new_exchange(c);
			enter(c, RENEWING);
			c->deadline = now;
		} else if (c->state != ARP_CHECK) {
			start_over(c, 0);
		}
		break;
	case SIGUSR2:
		bb_info_msg("SIGUSR2: releasing, waiting for SIGUSR1");
		release(c);
		enter(c, RELEASED);
		c->deadline = CLIENT_NEVER;
		break;
	case SIGTERM:
	case SIGINT:
		bb_info_msg("received %s", sig == SIGTERM ? "SIGTERM" : "SIGINT");
		if ((c->opts & OPT_R) && client_has_lease(c))
			release(c);
		c->done = true;
		break;
	}
}

/* ---- Start ---- */

/* INIT-REBOOT with an unexpired remembered lease of ours; else DISCOVER,
 * asking for the remembered address (or -r). */
void client_start(struct client_state *c, const struct remembered_lease *memo, int64_t wall_s,
	int64_t now, struct client_actions *out)
{
	c->now = now;
	c->out = out;
	out->n = 0;
	c->xid = next_xid(c);
	script(c, "deconfig", NULL);
	c->state = INIT;
	c->deadline = now;
	if (!memo)
		return;
	if (!client_memo_matches(c, memo)) {
		bb_info_msg("the remembered lease of %s was for another identity, not using it",
			ip_str(memo->ip));
		return;
	}
	if (c->requested_ip)
		return;
	c->requested_ip = memo->ip;
	if (memo->lease == 0xffffffff || memo->obtained + memo->lease > wall_s) {
		bb_info_msg("asking for the remembered %s (INIT-REBOOT)", ip_str(memo->ip));
		enter(c, INIT_REBOOT);
	}
}
