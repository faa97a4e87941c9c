/*
 * client_model.c: the model test of udhcpc (client_model.h). The
 * client's own code runs unchanged over the fake os/ seam (fake_os.c);
 * the servers are this file's, simple and correct, and the step chooser
 * makes the world around them hostile.
 *
 * Invariants, after every step:
 *  1. a timer is pending unless the client is released, bound on an
 *     infinite lease or exiting;
 *  2. the address is not configured (by the script) at or past the end
 *     of the lease the server granted, counted from when it sent the ACK;
 *  3. script events come in a legal order: deconfig first; bound only
 *     when unconfigured, for an address a server granted to this MAC;
 *     renew only while configured, for the same address; leasefail only
 *     when unconfigured; and no value a hostile server sent (a router or
 *     DNS entry of 0.0.0.0, 255.255.255.255 or 127/8, a bad mask)
 *     reaches the script;
 *  4. a reply the client must drop (hostile address, foreign client
 *     identifier, lease time 0 or of the wrong size, a NAK from another
 *     server) changes no state;
 *  5. after a timer event, the socket the state wants is open unless a
 *     fault is still pending or the interface is away; and a client
 *     without it tries to open it again at every timer event;
 *  6. after a send to a stale interface index fails, the next send goes
 *     to the current one (the interface is read again);
 *  7. INIT-REBOOT asks only for an address granted to the current MAC,
 *     and while bound the remembered lease on disk is the lease held;
 *  8. no event produces more actions than the action list holds;
 *  9. the poll loop waits forever only when no timer is set (a deadline
 *     just past is "now", not "no timer");
 * 10. an INIT-REBOOT sends two REQUESTs at most, then DISCOVERs;
 * 11. after a DECLINE nothing is asked for -A seconds (RFC 2131 4.4.1),
 *     unless SIGUSR1 or a restart asks; after a receive error the socket
 *     is open again at once.
 */
#include "client_model.h"
#include "fake_os.h"

#include "libbb.h"
#include "client/run.h"
#include "codec/arp.h"

#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_DIR "/var/lib/udhcpc"
#define MEMO_PATH MEMO_DIR "/m0.lease"

enum { SERVERS = 3, PENDING = 24, GRANTS = 16384, MARK_OPTION = 224, POOL = 20 };

enum hostile {
	H_NONE,
	/* dropped */
	H_YIADDR_ZERO, H_YIADDR_BCAST, H_YIADDR_MCAST, H_YIADDR_LOOP, H_YIADDR_CLASS_E,
	H_YIADDR_SUBNET_BCAST, H_CLIENT_ID, H_LEASE_ZERO, H_LEASE_SHORT, H_FOREIGN_NAK,
	H_FOREIGN_ACK,		/* from a server we did not choose */
	H_DROPPED_END,
	/* cleaned, then used */
	H_BAD_ROUTERS = H_DROPPED_END, H_BAD_DNS, H_BAD_MASK, H_BAD_T1,
	H_KINDS
};

struct reply {
	bool used;
	uint8_t kind;		/* enum hostile */
	uint32_t foreign_sid;	/* H_FOREIGN_*: the server id it names */
	size_t len;
	uint8_t data[DHCP_MAX_SEND];
};

/* What a server granted: the ACK's mark, its address, its end. */
struct grant {
	uint32_t mark, ip;
	uint8_t mac[6];
	int64_t end;		/* CLIENT_NEVER: infinite */
};

struct server {
	uint32_t id, net;		/* network order */
	bool authoritative;
	uint8_t bound_mac[POOL][6];	/* who holds 10.S.0.(10+i) */
	bool declined[POOL];
};

struct model {
	const struct model_input *in;
	struct client_model_stats *st;
	bool trace, failed;
	bool timer_ran;			/* in this step */
	unsigned faults_at_timer;	/* listen faults pending when it ran */
	bool deaf_before_timer;		/* no socket, and no open tried in it */
	unsigned long opens_before_timer;
	char why[200];
	/* the client */
	struct client_state *c;
	struct client_run r;
	uint32_t opts;
	unsigned arp_ms, retries, timeout, tryagain;
	bool rapid, custom_cid;
	struct udhcp_optval xopts[2];
	/* the world */
	struct server sv[SERVERS];
	struct reply pending[PENDING];
	struct grant grants[GRANTS];
	unsigned ngrants;
	uint32_t next_mark;
	/* what the script did */
	bool started, configured;
	uint32_t conf_ip;
	int64_t conf_end;
	uint32_t discover_xid;		/* the DISCOVER cycle under way */
	int64_t declined_at;		/* the last DECLINE, until the next message */
	uint32_t foreign_sid;		/* the server id of the hostile reply being made */
	uint32_t reboot_xid;		/* the INIT-REBOOT being counted */
	unsigned reboot_requests;
	/* the last message the client sent, for hostile copies of answers */
	struct dhcp_message last;
	bool have_last;
};

static struct model M;

static void violated(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void violated(const char *fmt, ...)
{
	va_list ap;

	if (M.failed)
		return;
	M.failed = true;
	va_start(ap, fmt);
	vsnprintf(M.why, sizeof(M.why), fmt, ap);
	va_end(ap);
}

static unsigned pick(unsigned n)
{
	return n ? M.in->pick(M.in->ctx, n) : 0;
}

static const char *ip_s(uint32_t nip)
{
	static char b[4][INET_ADDRSTRLEN];
	static unsigned i;
	struct in_addr a = { nip };

	i = (i + 1) % 4;
	return inet_ntop(AF_INET, &a, b[i], sizeof(b[i]));
}

static uint32_t ip_of(unsigned s, unsigned host)
{
	return htonl(0x0a000000u | (s + 1) << 16 | host);
}

/* ---- The servers ---- */

static void queue_reply(struct dhcp_builder *b, unsigned kind)
{
	size_t len = udhcp_builder_finish(b);

	for (unsigned i = 0; i < PENDING; i++) {
		struct reply *p = &M.pending[i];

		if (!p->used) {
			p->used = true;
			p->kind = (uint8_t)kind;
			p->foreign_sid = M.foreign_sid;
			p->len = len;
			memcpy(p->data, &b->pkt, len);
			return;
		}
	}
	/* full: this reply is lost, as on a busy link */
	M.st->lost++;
}

/* Lease time and T1/T2, sometimes nonsense (the client must cope). */
static void add_times(struct dhcp_builder *b, uint32_t *lease)
{
	static const uint32_t leases[] = { 1, 2, 5, 30, 120, 600, 3600, 86400, 0xffffffff };

	*lease = leases[pick(sizeof(leases) / sizeof(leases[0]))];
	udhcp_add_u32(b, DHCP_LEASE_TIME, *lease);
	switch (pick(5)) {
	case 0:
		udhcp_add_u32(b, DHCP_T1, *lease / 4);
		udhcp_add_u32(b, DHCP_T2, *lease / 3);
		break;
	case 1:		/* T1 past T2, T2 past the lease */
		udhcp_add_u32(b, DHCP_T1, *lease / 2 + 1);
		udhcp_add_u32(b, DHCP_T2, *lease + 5);
		break;
	case 2:
		udhcp_add_u32(b, DHCP_T1, 0);
		break;
	default:
		break;
	}
}

static void start_reply(struct dhcp_builder *b, unsigned s, const struct dhcp_message *req,
	uint8_t type, uint32_t yiaddr)
{
	udhcp_builder_init(b, type, req->xid, DHCP_HTYPE_ETHERNET, req->chaddr, 6);
	b->pkt.op = BOOTREPLY;
	b->pkt.yiaddr = yiaddr;
	udhcp_add_ip(b, DHCP_SERVER_ID, M.sv[s].id);
}

/* RFC 6842: servers echo the client identifier, some of the time here. */
static void echo_client_id(struct dhcp_builder *b, const struct dhcp_message *req)
{
	size_t len;
	const uint8_t *cid = udhcp_opt_get(&req->opts, DHCP_CLIENT_ID, &len);

	if (cid && pick(2))
		udhcp_add_option(b, DHCP_CLIENT_ID, cid, len);
}

static void add_network(struct dhcp_builder *b, unsigned s)
{
	uint32_t routers[2] = { ip_of(s, 1), ip_of(s, 2) };

	udhcp_add_ip(b, DHCP_SUBNET, htonl(0xffffff00));
	udhcp_add_option(b, DHCP_ROUTER, routers, sizeof(routers));
	udhcp_add_ip(b, DHCP_DNS_SERVER, ip_of(s, 1));
}

/* The address server s has (or would give) for this MAC, or 0. */
static uint32_t address_for(unsigned s, const uint8_t *mac, bool take)
{
	struct server *sv = &M.sv[s];
	static const uint8_t none[6];

	for (unsigned i = 0; i < POOL; i++)
		if (memcmp(sv->bound_mac[i], mac, 6) == 0)
			return ip_of(s, 10 + i);
	if (!take)
		return 0;
	for (unsigned i = 0; i < POOL; i++) {
		if (!sv->declined[i] && memcmp(sv->bound_mac[i], none, 6) == 0) {
			memcpy(sv->bound_mac[i], mac, 6);
			return ip_of(s, 10 + i);
		}
	}
	return 0;
}

static int server_of(uint32_t nip)
{
	for (unsigned s = 0; s < SERVERS; s++)
		if ((nip & htonl(0xffffff00)) == M.sv[s].net)
			return (int)s;
	return -1;
}

static void forget_binding(unsigned s, uint32_t nip, bool decline)
{
	unsigned host = ntohl(nip) & 0xff;

	if (host >= 10 && host < 10 + POOL) {
		memset(M.sv[s].bound_mac[host - 10], 0, 6);
		if (decline)
			M.sv[s].declined[host - 10] = true;
	}
}

static void send_ack(unsigned s, const struct dhcp_message *req, uint32_t ip)
{
	struct dhcp_builder b;
	uint32_t lease, mark = ++M.next_mark;
	struct grant *g = &M.grants[M.ngrants++ % GRANTS];

	start_reply(&b, s, req, DHCPACK, ip);
	add_times(&b, &lease);
	add_network(&b, s);
	echo_client_id(&b, req);
	if (udhcp_opt_present(&req->opts, DHCP_RAPID_COMMIT))
		udhcp_add_option(&b, DHCP_RAPID_COMMIT, NULL, 0);
	mark = htonl(mark);
	udhcp_add_option(&b, MARK_OPTION, &mark, 4);
	g->mark = ntohl(mark);
	g->ip = ip;
	memcpy(g->mac, req->chaddr, 6);
	g->end = lease == 0xffffffff ? CLIENT_NEVER : fake.mono_ms + (int64_t)lease * 1000;
	queue_reply(&b, H_NONE);
}

static void send_nak(unsigned s, const struct dhcp_message *req)
{
	struct dhcp_builder b;

	start_reply(&b, s, req, DHCPNAK, 0);
	queue_reply(&b, H_NONE);
}

static void answer_discover(unsigned s, const struct dhcp_message *req)
{
	struct dhcp_builder b;
	uint32_t ip = address_for(s, req->chaddr, true), lease;

	if (!ip || pick(4) == 0)
		return;		/* full, or silent */
	if (M.rapid && udhcp_opt_present(&req->opts, DHCP_RAPID_COMMIT) && pick(2)) {
		send_ack(s, req, ip);
		return;
	}
	start_reply(&b, s, req, DHCPOFFER, ip);
	add_times(&b, &lease);
	add_network(&b, s);
	echo_client_id(&b, req);
	queue_reply(&b, H_NONE);
}

/* A REQUEST: selecting (54 names a server), rebooting (50 alone), or
 * renewing/rebinding (ciaddr). Answered by the server it concerns. */
static void answer_request(unsigned s, const struct dhcp_message *req, bool unicast_to_s)
{
	uint32_t sid = 0, want = 0, ip;
	unsigned roll = pick(10);

	udhcp_opt_get_ip(&req->opts, DHCP_SERVER_ID, &sid);
	udhcp_opt_get_ip(&req->opts, DHCP_REQUESTED_IP, &want);
	if (sid && sid != M.sv[s].id)
		return;		/* the client chose another server */
	if (req->ciaddr)
		want = req->ciaddr;
	if (server_of(want) != (int)s) {
		/* not ours: an authoritative server NAKs a broadcast request */
		if (M.sv[s].authoritative && !sid && !unicast_to_s && roll < 5)
			send_nak(s, req);
		return;
	}
	ip = address_for(s, req->chaddr, false);
	if (roll < 2)
		return;		/* silent */
	if (ip != want || roll == 2) {
		send_nak(s, req);
		if (ip == want)
			forget_binding(s, want, false);
		return;
	}
	send_ack(s, req, ip);
}

static void answer(const struct dhcp_message *req, uint32_t dst)
{
	unsigned type = udhcp_message_type(&req->opts);
	uint32_t sid = 0, want = 0;

	M.last = *req;
	M.have_last = true;
	M.st->sent++;
	udhcp_opt_get_ip(&req->opts, DHCP_SERVER_ID, &sid);
	udhcp_opt_get_ip(&req->opts, DHCP_REQUESTED_IP, &want);
	for (unsigned s = 0; s < SERVERS; s++) {
		bool to_s = dst == M.sv[s].id;

		if (dst != INADDR_BROADCAST && !to_s)
			continue;
		if (type == DHCPDISCOVER)
			answer_discover(s, req);
		else if (type == DHCPREQUEST)
			answer_request(s, req, to_s);
		else if (type == DHCPRELEASE && sid == M.sv[s].id)
			forget_binding(s, req->ciaddr, false);
		else if (type == DHCPDECLINE && server_of(want) == (int)s)
			forget_binding(s, want, true);
	}
	if (type == DHCPRELEASE)
		M.st->releases++;
}

/* Invariant 7: INIT-REBOOT asks for what this MAC was granted. */
static void check_reboot(const struct dhcp_message *req)
{
	uint32_t want = 0, sid = 0;

	if (udhcp_message_type(&req->opts) != DHCPREQUEST || req->ciaddr)
		return;
	udhcp_opt_get_ip(&req->opts, DHCP_SERVER_ID, &sid);
	udhcp_opt_get_ip(&req->opts, DHCP_REQUESTED_IP, &want);
	if (sid || M.c->state != REBOOTING)
		return;
	/* invariant 10: two REQUESTs, then DISCOVER */
	if (req->xid != M.reboot_xid) {
		M.reboot_xid = req->xid;
		M.reboot_requests = 0;
	}
	if (++M.reboot_requests > 2)
		violated("INIT-REBOOT REQUEST number %u: no fallback to DISCOVER", M.reboot_requests);
	for (unsigned i = 0; i < GRANTS && i < M.ngrants; i++)
		if (M.grants[i].ip == want && memcmp(M.grants[i].mac, M.c->ifc.mac, 6) == 0)
			return;
	if (M.ngrants >= GRANTS)
		return;		/* the oldest grants are forgotten */
	violated("INIT-REBOOT for %s, never granted to this MAC", ip_s(want));
}

/* Invariant 11: after a DECLINE, -A seconds of quiet (RFC 2131 4.4.1). */
static void check_decline_wait(unsigned type)
{
	if (type == DHCPDECLINE) {
		M.declined_at = fake.mono_ms;
		return;
	}
	if (M.declined_at && (type == DHCPDISCOVER || type == DHCPREQUEST)
	    && fake.mono_ms < M.declined_at + (int64_t)M.tryagain * 1000)
		violated("%s %lld ms after a DECLINE, before -A %u s", udhcp_message_type_name(type),
			(long long)(fake.mono_ms - M.declined_at), M.tryagain);
	M.declined_at = 0;
}

static void on_sent(const void *msg, size_t len, uint32_t dst)
{
	static struct dhcp_message req;
	struct udhcp_error err;

	if (udhcp_parse_message(msg, len, BOOTREQUEST, &req, &err) < 0) {
		violated("the client sent a message it cannot parse back: %s", err.msg);
		return;
	}
	if (M.trace)
		printf("  sent %s to %s (xid %08x)\n", udhcp_message_type_name(
			udhcp_message_type(&req.opts)), ip_s(dst), req.xid);
	check_reboot(&req);
	check_decline_wait(udhcp_message_type(&req.opts));
	if (udhcp_message_type(&req.opts) == DHCPDISCOVER)
		M.discover_xid = req.xid;
	answer(&req, dst);
}

static int on_raw(const void *msg, size_t len, int ifindex, uint32_t src, uint32_t dst)
{
	(void)ifindex;
	(void)src;
	on_sent(msg, len, dst);
	return 0;
}

/* Invariant 6: a new DISCOVER cycle reads the interface first. */
static void on_raw_failed(const void *msg, size_t len, bool stale)
{
	static struct dhcp_message m;
	struct udhcp_error err;

	if (udhcp_parse_message(msg, len, BOOTREQUEST, &m, &err) < 0
	    || udhcp_message_type(&m.opts) != DHCPDISCOVER)
		return;
	if (stale && m.xid != M.discover_xid)
		violated("a new DISCOVER cycle went to a stale interface index");
	M.discover_xid = m.xid;
}

static void on_udp(const void *msg, size_t len, uint32_t dst, uint16_t port)
{
	(void)port;
	on_sent(msg, len, dst);
}

/* ---- Hostile replies: a copy of a fair answer, made bad ---- */

static void make_hostile(struct dhcp_builder *b, unsigned kind)
{
	const struct dhcp_message *req = &M.last;
	unsigned s = pick(SERVERS);
	uint32_t ip = address_for(s, req->chaddr, false), lease = 600;
	uint8_t type = pick(2) ? DHCPACK : DHCPOFFER;
	uint32_t bad_list[3] = { htonl(0), ip_of(s, 1), htonl(0x7f000001) };
	static const uint32_t bad_addr[] = {
		[H_YIADDR_ZERO] = 0, [H_YIADDR_BCAST] = 0xffffffff, [H_YIADDR_MCAST] = 0xe0000005,
		[H_YIADDR_LOOP] = 0x7f000001, [H_YIADDR_CLASS_E] = 0xf0000001,
	};

	if (!ip)
		ip = ip_of(s, 10);
	if (kind == H_FOREIGN_NAK) {
		/* a server id that is no server's: 10.S.0.99 */
		udhcp_builder_init(b, DHCPNAK, req->xid, DHCP_HTYPE_ETHERNET, req->chaddr, 6);
		b->pkt.op = BOOTREPLY;
		udhcp_add_ip(b, DHCP_SERVER_ID, M.foreign_sid = ip_of(s, 99));
		return;
	}
	if (kind == H_FOREIGN_ACK) {
		/* the address we were offered, acknowledged by nobody we chose */
		udhcp_builder_init(b, DHCPACK, req->xid, DHCP_HTYPE_ETHERNET, req->chaddr, 6);
		b->pkt.op = BOOTREPLY;
		b->pkt.yiaddr = M.c->state == RENEWING ? M.c->lease_ip : M.c->offered_ip;
		udhcp_add_ip(b, DHCP_SERVER_ID, M.foreign_sid = ip_of(s, 99));
		udhcp_add_u32(b, DHCP_LEASE_TIME, 600);
		return;
	}
	if (kind <= H_YIADDR_CLASS_E)
		ip = htonl(bad_addr[kind]);
	else if (kind == H_YIADDR_SUBNET_BCAST)
		ip = ip_of(s, 255);
	start_reply(b, s, req, type, ip);
	if (kind == H_LEASE_ZERO)
		lease = 0;
	if (kind == H_LEASE_SHORT)
		udhcp_add_u16(b, DHCP_LEASE_TIME, 600);
	else
		udhcp_add_u32(b, DHCP_LEASE_TIME, lease);
	if (kind == H_CLIENT_ID)
		udhcp_add_option(b, DHCP_CLIENT_ID, "\x01\x02\x00\x00\x00\x00\x99", 7);
	udhcp_add_ip(b, DHCP_SUBNET, htonl(kind == H_BAD_MASK ? 0xff00ff00 : 0xffffff00));
	udhcp_add_option(b, DHCP_ROUTER, kind == H_BAD_ROUTERS ? (void *)bad_list : (void *)&bad_list[1],
		kind == H_BAD_ROUTERS ? 12 : 4);
	if (kind == H_BAD_DNS)
		udhcp_add_option(b, DHCP_DNS_SERVER, bad_list, 12);
	if (kind == H_BAD_T1)
		udhcp_add_u16(b, DHCP_T1, 10);
}

static void inject_hostile(void)
{
	struct dhcp_builder b;
	unsigned kind = 1 + pick(H_KINDS - 1);
	uint32_t mark;

	if (!M.have_last)
		return;
	if ((kind == H_FOREIGN_NAK || kind == H_FOREIGN_ACK)
	    && M.c->state != REQUESTING && M.c->state != RENEWING)
		kind = H_YIADDR_ZERO;
	make_hostile(&b, kind);
	/* taken when it is not dropped (a foreign ACK while rebinding is any
	 * server's to give): a grant like any other ACK */
	if (kind >= H_DROPPED_END || kind == H_FOREIGN_ACK) {
		/* cleaned and used: it is a grant like any other ACK */
		struct grant *g = &M.grants[M.ngrants++ % GRANTS];

		mark = htonl(++M.next_mark);
		udhcp_add_option(&b, MARK_OPTION, &mark, 4);
		g->mark = ntohl(mark);
		g->ip = b.pkt.yiaddr;
		memcpy(g->mac, M.last.chaddr, 6);
		g->end = fake.mono_ms + 600 * 1000;
		if (kind == H_FOREIGN_ACK)
			M.st->hostile++;
		else
			M.st->cleaned++;
	} else {
		M.st->hostile++;
	}
	if (M.trace)
		printf("  hostile reply, kind %u\n", kind);
	queue_reply(&b, kind);
}

/* ---- The script ---- */

static const char *env_get(char **env, const char *name)
{
	size_t n = strlen(name);

	for (char **v = env; v && *v; v++)
		if (strncmp(*v, name, n) == 0 && (*v)[n] == '=')
			return *v + n + 1;
	return NULL;
}

static uint32_t env_ip(char **env, const char *name)
{
	const char *v = env_get(env, name);
	struct in_addr a = { 0 };

	if (v && inet_pton(AF_INET, v, &a) != 1)
		violated("%s=%s is not an address", name, v);
	return a.s_addr;
}

/* Invariant 3: nothing a hostile server sent reaches the script. */
static void check_env_values(char **env)
{
	static const char *const lists[] = { "router", "dns" };

	for (unsigned i = 0; i < 2; i++) {
		const char *v = env_get(env, lists[i]);
		char word[32];
		int used;

		while (v && sscanf(v, "%31s%n", word, &used) == 1) {
			struct in_addr a;

			v += used;
			if (inet_pton(AF_INET, word, &a) != 1 || a.s_addr == 0
			    || a.s_addr == 0xffffffff || (ntohl(a.s_addr) >> 24) == 127)
				violated("%s entry '%s' reached the script", lists[i], word);
		}
	}
	if (env_get(env, "subnet") && udhcp_mask_to_prefix(env_ip(env, "subnet")) < 0)
		violated("subnet=%s reached the script", env_get(env, "subnet"));
}

static const struct grant *grant_of(char **env)
{
	const char *v = env_get(env, "opt224");
	unsigned long mark = v ? strtoul(v, NULL, 16) : 0;

	for (unsigned i = M.ngrants < GRANTS ? M.ngrants : GRANTS; i-- > 0;)
		if (M.grants[i].mark == mark)
			return &M.grants[i];
	return NULL;
}

static void script_lease(const char *event, char **env)
{
	const struct grant *g = grant_of(env);
	uint32_t ip = env_ip(env, "ip");
	bool renew = strcmp(event, "renew") == 0;

	/* the client's MAC as it knows it: a device swapped under it is seen
	 * at the next cycle */
	if (!g || g->ip != ip || memcmp(g->mac, M.c->ifc.mac, 6) != 0) {
		violated("%s %s: no server granted it to this MAC (mark %s, grant %s)", event, ip_s(ip),
			env_get(env, "opt224") ? env_get(env, "opt224") : "none", g ? ip_s(g->ip) : "none");
		return;
	}
	if (renew && (!M.configured || M.conf_ip != ip))
		violated("renew of %s while %s", ip_s(ip), M.configured ? "holding another" : "unconfigured");
	if (!renew && M.configured)
		violated("bound to %s while still configured with %s", ip_s(ip), ip_s(M.conf_ip));
	M.configured = true;
	M.conf_ip = ip;
	fake.configured_nip = ip;
	M.conf_end = g->end;
	if (renew)
		M.st->renews++;
	else
		M.st->binds++;
}

static int on_script(const char *event, char **env)
{
	if (M.trace)
		printf("  script %s %s\n", event, env_get(env, "ip") ? env_get(env, "ip") : "");
	if (!M.started && strcmp(event, "deconfig") != 0)
		violated("the first event is %s, not deconfig", event);
	M.started = true;
	check_env_values(env);
	if (strcmp(event, "deconfig") == 0) {
		M.configured = false;
		fake.configured_nip = 0;
	} else if (strcmp(event, "bound") == 0 || strcmp(event, "renew") == 0) {
		script_lease(event, env);
	} else if (strcmp(event, "leasefail") == 0) {
		if (M.configured)
			violated("leasefail while configured with %s", ip_s(M.conf_ip));
	} else if (strcmp(event, "nak") == 0) {
		M.st->naks++;
	} else {
		violated("unknown script event %s", event);
	}
	return 0;
}

/* ---- The client process ---- */

static void client_free(void)
{
	if (!M.c)
		return;
	client_run_free(&M.r);
	for (int i = 0; i < FAKE_SOCKS; i++)
		if (fake.socks[i].kind != SOCK_FREE)
			abort();	/* a socket the client lost track of */
	free((char *)M.c->state_file);
	free(M.c);
	M.c = NULL;
}

/* A new udhcpc process: the same command line, the memo on the disk. */
static void client_boot(void)
{
	struct client_state *c;
	struct remembered_lease memo;
	bool have;

	client_free();
	M.c = c = xzalloc(sizeof(*c));
	c->ifname = "m0";
	c->script = "/model.script";
	/* client.c's choice: no state file in a build that remembers no lease */
	c->state_file = udhcp_lease_memo_path(MEMO_DIR, c->ifname);
	c->opts = M.opts | OPT_f;
	c->retries = M.retries;
	c->timeout = M.timeout;
	c->tryagain = M.tryagain;
	c->client_port = 68;
	c->server_port = 67;
	c->arp_ms = M.arp_ms;
	c->rapid_commit = M.rapid;
	c->send_opts = M.xopts;
	if (M.custom_cid) {
		M.xopts[c->nsend_opts] = (struct udhcp_optval){ .code = DHCP_CLIENT_ID, .len = 5 };
		memcpy(M.xopts[c->nsend_opts++].data, "\x00host", 5);
	}
	if (M.rapid)
		M.xopts[c->nsend_opts++] = (struct udhcp_optval){ .code = DHCP_RAPID_COMMIT };
	if (udhcp_iface_read(c->ifname, &c->ifc) < 0)
		fake.iface_present = true, udhcp_iface_read(c->ifname, &c->ifc);
	client_set_identity(c);
	client_run_init(&M.r, c);
	M.r.send_fd = udhcp_raw_sender();
	c->rng = 0x9E3779B97F4A7C15ull ^ (uint64_t)M.st->restarts << 7 ^ (uint64_t)fake.mono_ms;
	M.started = false;
	M.configured = false;
	fake.configured_nip = 0;
	have = udhcp_lease_memo_start(c->state_file, &memo);
	client_run_start(&M.r, have ? &memo : NULL);
}

/* ---- Steps ---- */

/* Into the listening socket, as a raw frame or a UDP payload. */
static void queue_rx(const struct reply *p, unsigned copies)
{
	for (unsigned i = 0; i < copies && fake.rx_n < 4; i++) {
		size_t len = p->len;

		if (M.r.listen_mode == LISTEN_RAW)
			len = udhcp_build_ip_udp(fake.rx[fake.rx_n].data, sizeof(fake.rx[0].data),
				p->data, p->len, ip_of(0, 1), 67, INADDR_BROADCAST, 68);
		else
			memcpy(fake.rx[fake.rx_n].data, p->data, p->len);
		fake.rx[fake.rx_n++].len = len;
	}
}

static void deliver(bool keep)
{
	unsigned n = 0, at;
	struct reply *p = NULL;
	struct client_state before;
	bool listening = M.r.listen_fd >= 0
		&& (M.r.listen_mode == LISTEN_RAW || M.r.listen_mode == LISTEN_UDP);

	for (unsigned i = 0; i < PENDING; i++)
		n += M.pending[i].used;
	if (!n)
		return;
	at = pick(n);
	for (unsigned i = 0; i < PENDING; i++)
		if (M.pending[i].used && at-- == 0)
			p = &M.pending[i];
	if (!keep)
		p->used = false;
	if (!listening || !fake.iface_present) {
		M.st->lost++;
		return;
	}
	M.st->delivered++;
	before = *M.c;
	queue_rx(p, keep ? 2 : 1);
	client_run_receive(&M.r);
	if (before.reboot_xid && M.r.msg->xid == before.reboot_xid && before.state != REBOOTING
	    && (M.c->state == BOUND || M.c->state == ARP_CHECK))
		M.st->late_reboot_acks++;
	if (p->kind && p->kind < H_DROPPED_END
	    && ((p->kind != H_FOREIGN_NAK && p->kind != H_FOREIGN_ACK)
		|| ((before.state == REQUESTING || before.state == RENEWING)
		    && before.server_nip && before.server_nip != p->foreign_sid))) {
		struct client_state after = *M.c;

		before.now = after.now = 0;
		before.out = after.out = NULL;
		if (memcmp(&before, &after, sizeof(before)) != 0)
			violated("a reply that must be dropped changed the state (%s -> %s)",
				client_state_name[before.state], client_state_name[after.state]);
	}
}

static void advance(int64_t ms)
{
	fake.mono_ms += ms;
	M.timer_ran = true;
	M.faults_at_timer = fake.listen_faults;
	M.opens_before_timer = fake.listen_opens;
	M.deaf_before_timer = M.r.listen_fd < 0;
	client_run_timer(&M.r);
}

static void to_deadline(void)
{
	int64_t d = M.c->deadline;

	if (d == CLIENT_NEVER)
		advance(1000);
	else
		advance(d > fake.mono_ms ? d - fake.mono_ms : 0);
}

static void arp_conflict(void)
{
	uint8_t pkt[ARP_PACKET_LEN] = { 0, 1, 8, 0, 6, 4, 0, 2, 2, 0x66, 0x66, 0x66, 0x66, 0x66 };

	if (M.c->state != ARP_CHECK)
		return;
	memcpy(pkt + 14, &M.c->pending_ack.yiaddr, 4);
	memcpy(pkt + 18, fake.mac, 6);
	client_run_arp(&M.r, pkt, sizeof(pkt));
	M.st->arp_conflicts++;
}

static void change_iface(void)
{
	switch (pick(4)) {
	case 0:
	case 1:
		fake.ifindex++;
		fake.iface_present = true;
		break;
	case 2:
		fake.iface_present = !fake.iface_present;
		break;
	default:
		fake.mac[5] ^= 1;	/* another device on the same name */
		fake.ifindex++;
		break;
	}
	fake.stale_sends = 0;
	M.st->iface_changes++;
}

static void restart(bool crash)
{
	if (crash)
		fake_crash();
	M.st->restarts++;
	M.declined_at = 0;
	client_boot();
}

static void signal_client(int sig)
{
	M.declined_at = 0;	/* SIGUSR1 starts over at once, by request */
	client_run_signal(&M.r, sig);
	if (M.c->done)
		restart(false);
}

static void step(void)
{
	unsigned roll = pick(100);

	if (roll < 30)
		to_deadline();
	else if (roll < 55)
		deliver(false);
	else if (roll < 60)
		deliver(true);
	else if (roll < 64) {
		for (unsigned i = 0, n = pick(PENDING); i < PENDING && n; i++)
			if (M.pending[i].used)
				M.pending[i].used = false, M.st->lost++, n--;
	} else if (roll < 72)
		inject_hostile();
	else if (roll < 80)
		advance(pick(3000));
	else if (roll < 82)
		signal_client(SIGUSR1);
	else if (roll < 83)
		signal_client(pick(2) ? SIGUSR2 : SIGTERM);
	else if (roll < 84 && pick(2))
		restart(true);
	else if (roll < 86 && pick(2))
		change_iface();
	else if (roll < 89)
		to_deadline();
	else if (roll < 90)
		fake.listen_faults += 1 + pick(3), M.st->listen_faults++;
	else if (roll < 91) {
		/* the device went down under the socket: ENETDOWN */
		fake.rx_error = true;
		if (M.r.listen_fd >= 0 && M.r.listen_mode != LISTEN_ARP) {
			unsigned faults = fake.listen_faults;

			client_run_receive(&M.r);
			if (M.r.listen_fd < 0 && !faults && fake.iface_present
			    && M.c->ifc.ifindex == fake.ifindex)
				violated("deaf after a receive error in %s", client_state_name[M.c->state]);
		}
		fake.rx_error = false;
		M.st->listen_faults++;
	}
	else if (roll < 93) {
		/* suspended: the monotonic clock jumps, or the wall clock is set */
		if (pick(2))
			advance((int64_t)pick(4000) * 1000);
		else
			fake.wall_offset += (int64_t)pick(200000) - 100000;
		M.st->clock_jumps++;
	} else if (roll < 96)
		arp_conflict();
	else
		to_deadline();
}

/* ---- Invariants ---- */

static void check_memo(void)
{
	struct remembered_lease l;
	size_t len;
	const char *disk = fake_disk_text(MEMO_PATH, &len);
	char text[1024];

	if (!ENABLE_FEATURE_UDHCPC_REMEMBER_LEASE) {
		if (disk)
			violated("a lease is remembered on the disk by a build without"
				" FEATURE_UDHCPC_REMEMBER_LEASE");
		return;
	}
	if (M.c->state != BOUND || M.c->done)
		return;
	if (!disk || len >= sizeof(text)) {
		violated("bound to %s, but no lease is remembered on the disk", ip_s(M.c->lease_ip));
		return;
	}
	memcpy(text, disk, len);
	text[len] = '\0';
	if (udhcp_lease_memo_parse(text, &l) < 0 || l.ip != M.c->lease_ip)
		violated("bound to %s, the disk remembers another lease", ip_s(M.c->lease_ip));
}

static void check(void)
{
	bool after_timer = M.timer_ran;
	unsigned faults_before = M.faults_at_timer;
	struct client_state *c = M.c;
	int want = client_listen_mode(c);

	M.st->checks++;
	if (c->deadline == CLIENT_NEVER && !c->done && c->state != RELEASED
	    && !(c->state == BOUND && c->expiry == CLIENT_NEVER))
		violated("no timer pending in %s", client_state_name[c->state]);
	if (M.configured && M.conf_end != CLIENT_NEVER && fake.mono_ms >= M.conf_end)
		violated("%s still configured %lld ms after its lease ended", ip_s(M.conf_ip),
			(long long)(fake.mono_ms - M.conf_end));
	if (after_timer && !faults_before && fake.iface_present && c->ifc.ifindex == fake.ifindex
	    && want != LISTEN_NONE && (M.r.listen_fd < 0 || M.r.listen_mode != want))
		violated("in %s without the socket it listens on", client_state_name[c->state]);
	if (after_timer && M.deaf_before_timer && M.r.listen_fd < 0 && want != LISTEN_NONE
	    && fake.iface_present && fake.listen_opens == M.opens_before_timer)
		violated("deaf in %s, and the timer did not try to listen again",
			client_state_name[c->state]);
	if ((client_run_wait_ms(&M.r) < 0) != (c->deadline == CLIENT_NEVER))
		violated("the loop would wait %d ms for a deadline %s", client_run_wait_ms(&M.r),
			c->deadline == CLIENT_NEVER ? "never" : "set");
	if (fake.stale_sends > 1)
		violated("%u sends in a row to a stale interface index", fake.stale_sends);
	if (M.r.out.lost)
		violated("an event had more actions than the list holds");
	if (!(M.opts & OPT_q))
		check_memo();
}

static void setup_world(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.mono_ms = 1000000 + pick(1000);
	fake.wall_offset = 1790000000;
	fake.iface_present = true;
	fake.ifindex = 2;
	memcpy(fake.mac, "\x02\x00\x00\x00\x00\x01", 6);
	fake.arp_open_ok = true;
	fake.on_raw = on_raw;
	fake.on_raw_failed = on_raw_failed;
	fake.on_udp = on_udp;
	fake.on_script = on_script;
	for (unsigned s = 0; s < SERVERS; s++) {
		M.sv[s].id = ip_of(s, 1);
		M.sv[s].net = ip_of(s, 0);
		M.sv[s].authoritative = pick(2);
	}
	M.opts = (pick(3) == 0 ? OPT_R : 0) | (pick(4) == 0 ? OPT_C : 0) | (pick(3) == 0 ? OPT_b : 0)
		| (pick(5) == 0 ? OPT_n : 0) | (pick(6) == 0 ? OPT_q : 0);
	M.retries = (unsigned[]){ 3, 1, 0 }[pick(3)];	/* -t 0: for ever */
	M.timeout = pick(2) ? 3 : 1;
	M.tryagain = pick(3) ? 20 : 1;
	M.arp_ms = pick(3) == 0 ? 2000 : 0;
	M.rapid = pick(3) == 0;
	M.custom_cid = !(M.opts & OPT_C) && pick(4) == 0;
}

int client_model_run(const struct model_input *in, unsigned long steps, bool trace,
	struct client_model_stats *st)
{
	memset(&M, 0, sizeof(M));
	memset(st, 0, sizeof(*st));
	M.in = in;
	M.st = st;
	M.trace = trace;
	logmode = trace ? LOGMODE_STDIO : 0;
	bb_verbose = trace ? 2 : 0;
	setup_world();
	client_boot();
	for (unsigned long i = 0; i < steps && !M.failed && !in->exhausted(in->ctx); i++) {
		M.timer_ran = false;
		if (trace)
			printf("step %lu at %lld ms, %s\n", i, (long long)fake.mono_ms,
				client_state_name[M.c->state]);
		step();
		check();
		if (M.c->done)
			restart(false);	/* -n or -q ended it: started again */
		st->steps++;
	}
	if (M.failed)
		printf("invariant broken at step %lu (%s, %lld ms): %s\n", st->steps,
			client_state_name[M.c->state], (long long)fake.mono_ms, M.why);
	client_free();
	fake_free();
	logmode = 0;
	return M.failed ? -1 : 0;
}
