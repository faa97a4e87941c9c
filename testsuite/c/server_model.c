/*
 * server_model.c: udhcpd's real code (server/: decisions, journal, pool,
 * ARP check) through the fake os/ seam, played by many clients at once.
 * Every step is one of: a client sends (DISCOVER with or without option
 * 50, REQUEST selecting / init-reboot / renewing, DECLINE, RELEASE by the
 * owner or a stranger, INFORM, a BOOTREQUEST from a client without option
 * 61, a hostile message); the network delivers,
 * duplicates, reorders or loses a message; time passes; the config is
 * reloaded (static hosts and ranges change); the server crashes and
 * restarts from what is on the fake disk; the wall clock jumps; the disk
 * fails (ENOSPC, short writes, EIO on fsync, a failed rewrite).
 *
 * After every step the invariants of the issue are checked:
 *  1. no address is held (ACKed and unexpired) by two clients, and the
 *     table has at most one lease per address;
 *  2. every ACK that leaves has its lease on the disk, and after a crash
 *     the journal gives back every lease that was ACKed;
 *  3. a static client gets its address in DISCOVER, every REQUEST form
 *     and BOOTP (where the config answers BOOTP), and is never NAKed for
 *     it; a BOOTREPLY goes only where the config answers BOOTP, and a
 *     dynamic-bootp lease lasts what dynamic-bootp-lease-length says;
 *  4. a client renewing a live lease gets the same address;
 *  5. every address of every range is free and findable by the
 *     allocator, offered, leased, quarantined, static, reserved or probed;
 *  6. at most one reply per request delivered, sent where RFC 2131 4.1
 *     sends it.
 */
#include "libbb.h"
#include "fake_os.h"
#include "server_model.h"
#include "os/clock.h"
#include "server/leasefile.h"
#include "server/server.h"

#include <arpa/inet.h>

enum {
	NCLIENTS = 24,
	NSTATIC = 3,		/* clients 0..2 may have static leases */
	QUEUE_MAX = 96,		/* a storm fills the held-ACK list (HELD_MAX) */
	BATCH_MAX = 80,
	LEASE_S = 600,
	XIDS = 1 << 17,		/* xids are not reused within a run */
};

#define LOCAL_NET 0x0a000000u	/* 10.0.0.0/24: the server's link, 10.0.0.1 */
#define RELAY_NET 0x0a010000u	/* 10.1.0.0/24 behind a relay at 10.1.0.1 */
#define SERVER_IP (LOCAL_NET | 1)
#define RELAY_IP (RELAY_NET | 1)
/* the relay's upstream address, on our link: with a link selection
 * sub-option (RFC 3527) naming RELAY_NET, requests come from there too */
#define RELAY_UPSTREAM (LOCAL_NET | 253)
#define LEASE_PATH "/fake/udhcpd.leases"

struct client {
	uint8_t mac[6];
	bool relayed;
	uint8_t cid[24], cid_len;	/* option 61, with bytes a lease file must escape */
	uint32_t offered, last_ip;	/* host order: its last OFFER, its last address */
	int64_t uses_until;		/* it uses last_ip (answers ARP for it) until then */
	bool gave_back;			/* sent a RELEASE or DECLINE in this batch */
	uint32_t batch_ack;		/* the address of its last ACK in this batch */
	/* what the server has ACKed to it (the server's promise), host order */
	uint32_t held;
	int64_t held_until;		/* monotonic s */
	uint32_t acked;			/* the last ACK that left for it, whatever became of it */
	int64_t acked_until;
	/* held is a host's fixed address from a BOOTREPLY: no lease (ISC
	 * writes none), it holds while the config has the host; acked is the
	 * last lease ACKed, which such a reply leaves alone */
	bool held_fixed;
	/* the wall clock's offsets its lease's record may have been written
	 * with since that ACK (at the ACK, at each rewrite): a crash reads the
	 * end back shifted by the difference to the offset then */
	int64_t offs[16];
	unsigned noffs;
};

struct pending_msg {
	uint8_t buf[DHCP_MAX_RECV];
	size_t len;
	int client;		/* -1: a hostile message that must get no reply */
	uint8_t type;
	uint32_t xid;
	uint32_t ip;		/* the address it is about (host order), or 0 */
	uint8_t form;		/* REQUEST: 's'electing, 'i'nit-reboot, 'r'enewing */
	uint8_t hostile;	/* which kind of hostile message, or 0 */
	uint8_t agent[16], agent_len;	/* its relay's option 82, or none */
};

struct xid_record {
	uint16_t deliveries, replies;
	int16_t client;		/* -1: hostile */
	uint8_t hostile;
	bool nak, in_batch, bootp;	/* bootp: a BOOTREQUEST */
	uint32_t giaddr, ciaddr;	/* host order, as the request had them */
	uint32_t ack, offer;	/* the addresses its replies carried (host order) */
	uint32_t ip;		/* the address the request was about */
	uint32_t lease;
	uint8_t agent[16], agent_len;	/* the request's option 82: every reply echoes it */
};

struct model {
	const struct model_input *in;
	struct model_stats *st;
	struct server_state *s;
	struct client c[NCLIENTS];
	struct pending_msg q[QUEUE_MAX];
	unsigned nq, cfg_variant, arp_on;
	bool trace, failed, recovering, replay;	/* replay: a lease file of unknown clients */	/* recovering: a crash's restart is still to be checked */
	unsigned long replaces_seen;
	uint32_t next_xid, squatter;	/* an address some host uses without DHCP */
	struct xid_record *x;	/* [XIDS]: each request delivered, and its replies */
	struct pending_msg batch[BATCH_MAX];	/* delivered since the last flush */
	bool batch_live[BATCH_MAX];	/* its client held its address when it arrived */
	unsigned nbatch;
	char step[160];
};

static struct model *M;

static unsigned pick(unsigned n)
{
	return n ? M->in->pick(M->in->ctx, n) : 0;
}

static int64_t now_s(void)
{
	return fake.mono_ms / 1000;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	if (M->failed)
		return;
	M->failed = true;
	printf("INVARIANT BROKEN at step %lu (%s): ", M->st->steps, M->step);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);	/* a fuzzer aborts right after */
}

static const char *ip_s(uint32_t ip)
{
	static char b[4][16];
	static int i;

	i = (i + 1) % 4;
	snprintf(b[i], 16, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255, ip >> 8 & 255, ip & 255);
	return b[i];
}

/* ---- configuration ---- */

/* Variant bits: 1 the static hosts on, 2 the local range shrunk, 4 the
 * relayed range on, 8 max_leases below the number of clients, 16 the
 * local range moved elsewhere in the subnet, 32 rapid commit on, 64 the
 * same written as an ISC dhcpd.conf (authoritative: NAKs as udhcpd.conf;
 * the server-wide timers, which ISC's language lacks, set by isc_timers),
 * 128 (with 64) the local range as two pools, one that admits only
 * unknown clients and one only known ones (clients 3..5 get host blocks),
 * 256 BOOTP answered: "bootp yes" (the static hosts only), or in a
 * dhcpd.conf the local ranges dynamic-bootp (infinite leases; with 2,
 * dynamic-bootp-lease-length 900). */
static const char *local_range(unsigned variant)
{
	return variant & 16 ? "10.0.0.30 10.0.0.41" : variant & 2 ? "10.0.0.10 10.0.0.19" : "10.0.0.10 10.0.0.25";
}

static void config_text_isc(unsigned variant, char *out, size_t cap)
{
	const char *bootp = variant & 256 ? "dynamic-bootp " : "";
	size_t n = (size_t)snprintf(out, cap,
		"authoritative;\nlease-file-name \"" LEASE_PATH "\";\ndefault-lease-time %u;\n"
		"max-lease-time %u;\nmin-lease-time 60;\n%s"
		"subnet 10.0.0.0 netmask 255.255.255.0 {\n", LEASE_S, LEASE_S,
		(variant & 258) == 258 ? "dynamic-bootp-lease-length 900;\n" : "");
	if (variant & 128)	/* pools: the first for unknown clients, the second for known ones */
		n += (size_t)snprintf(out + n, cap - n,
			"  pool { allow unknown-clients; range %s10.0.0.10 10.0.0.17; }\n"
			"  pool { deny unknown-clients; range %s10.0.0.18 10.0.0.25; }\n}\n", bootp, bootp);
	else
		n += (size_t)snprintf(out + n, cap - n, "  range %s%s;\n}\n", bootp, local_range(variant));
	if (variant & 128)
		for (int i = 3; i < 6; i++)
			n += (size_t)snprintf(out + n, cap - n, "host k%d { hardware ethernet 02:00:00:00:00:%02x; }\n", i, i);
	if (variant & 4)
		n += (size_t)snprintf(out + n, cap - n,
			"subnet 10.1.0.0 netmask 255.255.255.0 { range 10.1.0.10 10.1.0.17; }\n");
	if (variant & 1)
		for (int i = 0; i < NSTATIC; i++)
			n += (size_t)snprintf(out + n, cap - n,
				"host s%d { hardware ethernet 02:00:00:00:00:%02x; fixed-address 10.0.0.%d; }\n",
				i, i, i == 0 ? 12 : 200 + i);
}

static void config_text(unsigned variant, char *out, size_t cap)
{
	size_t n;

	if (variant & 64) {
		config_text_isc(variant, out, cap);
		return;
	}
	n = (size_t)snprintf(out, cap,
		"interface fake0\nlease_file " LEASE_PATH "\nopt lease %u\noffer_time 30\n"
		"decline_time 120\nconflict_time 120\nmin_lease 60\nauto_time 300\nopt subnet 255.255.255.0\n"
		"range %s\n", LEASE_S, local_range(variant));
	if (variant & 4)
		n += (size_t)snprintf(out + n, cap - n, "range 10.1.0.10 10.1.0.17\n");
	if (variant & 32)	/* a DISCOVER with option 80 gets an ACK (RFC 4039) */
		n += (size_t)snprintf(out + n, cap - n, "rapid_commit yes\n");
	if (variant & 256)	/* BOOTP clients with a static_lease answered */
		n += (size_t)snprintf(out + n, cap - n, "bootp yes\n");
	if (variant & 8)	/* fewer leases than clients: a full table */
		n += (size_t)snprintf(out + n, cap - n, "max_leases 4\n");
	if (variant & 1)
		for (int i = 0; i < NSTATIC; i++)	/* one inside the range, two outside */
			n += (size_t)snprintf(out + n, cap - n, "static_lease 02:00:00:00:00:%02x 10.0.0.%d\n",
				i, i == 0 ? 12 : 200 + i);
}

/* What the udhcpd.conf variants set and ISC's language cannot. */
static void isc_timers(unsigned variant, struct server_config *cfg)
{
	strcpy(cfg->interface, "fake0");
	cfg->offer_time = 30;
	cfg->decline_time = cfg->conflict_time = 120;
	cfg->auto_time = 300;
	cfg->rapid_commit = (variant & 32) != 0;
	if (variant & 8)
		cfg->max_leases = 4;
}

static uint32_t static_ip_of(int client)
{
	if (!(M->cfg_variant & 1) || client >= NSTATIC)
		return 0;
	return LOCAL_NET | (client == 0 ? 12 : 200 + client);
}

/* Does the configuration answer a BOOTP client, static (a host with a
 * fixed address) or not? A udhcpd.conf with "bootp yes" (variant 256)
 * answers static hosts only; a dhcpd.conf answers its hosts always (ISC
 * allows bootp unless denied) and others from dynamic-bootp ranges (256). */
static bool bootp_answers(bool is_static)
{
	if (!ENABLE_FEATURE_UDHCPD_BOOTP)
		return false;
	if (M->cfg_variant & 64)
		return is_static || (M->cfg_variant & 256);
	return is_static && (M->cfg_variant & 256);
}

/* The variant this build can configure: every judgement of the model
 * (bootp_answers, known_client...) reads this one, not the random pick,
 * or a build without the ISC reader is judged by a dhcpd.conf's rules. */
static unsigned variant_built(unsigned variant)
{
	if (!ENABLE_FEATURE_UDHCPD_ISC_CONF)
		variant &= ~192u;	/* a build without the ISC reader */
	if (!ENABLE_FEATURE_UDHCP_RAPID_COMMIT)
		variant &= ~32u;	/* nor rapid_commit, which it refuses */
	if (!ENABLE_FEATURE_UDHCPD_BOOTP)
		variant &= ~256u;	/* nor bootp yes, nor dynamic-bootp (warned) */
	if (!(variant & 64))
		variant &= ~128u;	/* pool permits: ISC files only */
	return variant;
}

/* variant: one variant_built gave (the model judges by that one) */
static void parse_config(unsigned variant, struct server_config *cfg)
{
	char text[2048];
	struct udhcp_error err;

	config_text(variant, text, sizeof(text));
	udhcpd_config_defaults(cfg);
	if (variant & 64 ? conf_isc_parse(text, "model-dhcpd.conf", NULL, cfg, &err) < 0
	    : udhcpd_config_parse(text, "model.conf", cfg, &err) < 0) {
		/* stdout is not flushed by abort() */
		fprintf(stderr, "model config: %s\n%s", err.msg, text);
		abort();
	}
	if (variant & 64)
		isc_timers(variant, cfg);
}

static bool known_client(int ci)
{
	return (M->cfg_variant & 192) == 192 && ci >= 3 && ci < 6;
}

/* The pools' permits (variant 128): unknown clients in the first, known in the second. */
static bool admits(const struct conf_range *r, int ci)
{
	if (!r->pool || !(M->cfg_variant & 128))
		return true;
	return (r->start == (LOCAL_NET | 10)) != known_client(ci);
}

/* May client ci hold ip under the current configuration? */
static bool servable(int ci, uint32_t ip)
{
	const struct client *c = &M->c[ci];

	if (static_ip_of(ci))
		return ip == static_ip_of(ci);
	if (conf_is_fixed_ip(&M->s->cfg, ip))
		return false;
	for (unsigned i = 0; i < M->s->cfg.nranges; i++) {
		const struct conf_range *r = &M->s->cfg.ranges[i];

		if (ip >= r->start && ip <= r->end)
			return (ip & 0xffffff00u) == (c->relayed ? RELAY_NET : LOCAL_NET) && admits(r, ci);
	}
	return false;
}

static void server_boot(void)
{
	struct server_state *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	parse_config(M->cfg_variant, &s->cfg);
	s->conf_path = "model.conf";
	s->server_nip = htonl(SERVER_IP);
	s->netmask = htonl(0xffffff00);
	s->server_port = 67;
	s->client_port = 68;
	s->fd = 3;
	s->arp_fd = -1;
	if (M->arp_on) {
		s->arp_ms = 300;
		s->arp_fd = 4;
		s->ifindex = 1;
		memcpy(s->mac, "\x02\x53\x00\x00\x00\x01", 6);
	}
	M->s = s;
	if (server_start(s) < 0) {
		if (!fake.step_faulted)
			fail("the server did not start on a healthy disk");
		free(s);
		M->s = NULL;
	}
}

static void server_down(void)
{
	if (!M->s)
		return;
	server_stop(M->s);
	free(M->s);
	M->s = NULL;
}

/* ---- replies (what the fake UDP socket sees) ---- */

static int client_of(const struct dhcp_message *m)
{
	for (int i = 0; i < NCLIENTS; i++)
		if (memcmp(M->c[i].mac, m->chaddr, 6) == 0)
			return i;
	return -1;
}

/* Invariant 2: the ACKed lease is on the disk: a block for its address,
 * this client's, active, ending no earlier than promised. (Not always the
 * last block: a RELEASE in the same batch may follow it.) */
struct disk_check {
	uint32_t ip, lease;
	const uint8_t *mac;
	bool found;
};

static void find_record(const struct lease_record *r, void *ctx)
{
	struct disk_check *d = ctx;

	if (r->ip == d->ip && r->state == LEASE_ACTIVE && memcmp(r->chaddr, d->mac, 6) == 0
	    && (r->ends == LEASE_NEVER || r->ends >= os_wall_s() + (int64_t)d->lease - 1))
		d->found = true;
}

static void check_on_disk(uint32_t ip, const uint8_t *mac, uint32_t lease)
{
	size_t len;
	const char *disk = fake_disk_text(LEASE_PATH, &len);
	char *text = malloc(len + 1);
	struct disk_check d = { ip, lease, mac, false };
	unsigned bad;

	if (!text)
		abort();
	for (size_t i = 0; i < len; i++)	/* zeros where a failed fsync lost pages */
		text[i] = disk[i] ? disk[i] : '\n';
	text[len] = '\0';
	leasefile_parse(text, find_record, &d, &bad);
	free(text);
	if (!d.found)
		fail("ACK of %s left before its lease was on the disk", ip_s(ip));
}

/* RFC 3046 section 2.2: a reply carries the request's option 82, unchanged,
 * as its last option; a reply to a request without one has none. */
static void check_agent_echo(const uint8_t *msg, size_t len, const struct dhcp_message *r,
	const struct xid_record *x)
{
	size_t n = 0, at = 240, last = 0;
	const uint8_t *echo = udhcp_opt_get(&r->opts, DHCP_RELAY_AGENT, &n);

	if (!x->agent_len) {
		if (echo)
			fail("a reply carries option 82, its request had none");
		return;
	}
	if (!echo || n != x->agent_len || memcmp(echo, x->agent, n) != 0) {
		fail("a reply to a request with option 82 does not echo it");
		return;
	}
	while (at < len && msg[at] != DHCP_END) {
		if (msg[at] == DHCP_PADDING) {
			at++;
			continue;
		}
		last = msg[at];
		at += at + 1 < len ? 2u + msg[at + 1] : 1u;
	}
	if (last != DHCP_RELAY_AGENT)
		fail("option 82 is echoed, but not as the last option (%zu is)", last);
}

static void check_destination(const struct dhcp_message *r, const struct xid_record *x, uint8_t type,
	uint32_t dst, uint16_t port)
{
	uint32_t giaddr = x->giaddr, ciaddr = x->ciaddr;

	dst = ntohl(dst);
	if (giaddr) {
		if ((giaddr != RELAY_IP && giaddr != RELAY_UPSTREAM) || dst != giaddr || port != 67)
			fail("reply for giaddr %s sent to %s:%u", ip_s(giaddr), ip_s(dst), port);
		return;
	}
	if (dst == 0xffffffffu)
		return;
	if (type != DHCPACK || dst != ciaddr || (r->yiaddr && ntohl(r->yiaddr) != ciaddr))
		fail("%s unicast to %s (ciaddr %s, yiaddr %s)", udhcp_message_type_name(type), ip_s(dst),
			ip_s(ciaddr), ip_s(ntohl(r->yiaddr)));
}

/* Invariant 1 at the moment the server promises ip to client ci. */
static void promise(int ci, uint32_t ip, uint32_t lease, bool fixed)
{
	for (int j = 0; j < NCLIENTS; j++)
		if (j != ci && M->c[j].held == ip && M->c[j].held_until > now_s())
			fail("%s ACKed to client %d while client %d holds it until %+lld s", ip_s(ip), ci, j,
				(long long)(M->c[j].held_until - now_s()));
	if (M->trace)
		printf("  promise: %s to client %d until %lld\n", ip_s(ip), ci, (long long)now_s() + lease);
	M->c[ci].held = ip;
	M->c[ci].held_until = lease == 0xffffffffu ? INT64_MAX : now_s() + lease;
	M->c[ci].held_fixed = fixed;
	if (fixed)
		return;
	M->c[ci].acked = ip;
	M->c[ci].acked_until = M->c[ci].held_until;
	M->c[ci].offs[0] = fake.wall_offset;
	M->c[ci].noffs = 1;
}

/* The client holds no address any more: nor a host's fixed one. */
static void forget_held(struct client *c)
{
	c->held = 0;
	c->held_fixed = false;
}

/* What a reply does to the client's state: the promise (invariant 1),
 * and what the client learns when the reply is not lost. */
static void reply_effect(int ci, uint8_t type, uint32_t yiaddr, uint32_t lease, uint32_t asked,
	bool bootp)
{
	bool fixed = bootp && yiaddr == static_ip_of(ci);	/* no lease: a host's address */

	struct client *c = &M->c[ci];

	if (type == DHCPACK && yiaddr)
		promise(ci, yiaddr, lease, fixed);
	else if (type == DHCPNAK && c->held == asked)
		forget_held(c);	/* the server refused that address: no promise of it any more */
	if (pick(8) == 0)
		return;		/* the reply is lost on its way */
	if (type == DHCPOFFER) {
		c->offered = yiaddr;
	} else if (type == DHCPACK && yiaddr) {
		c->last_ip = yiaddr;
		c->uses_until = lease == 0xffffffffu ? INT64_MAX : now_s() + lease;
	} else if (type == DHCPNAK) {
		c->uses_until = 0;
	}
}

/*
 * A BOOTREPLY to client ci: only where BOOTP is on; a udhcpd.conf's
 * "bootp yes" answers static hosts only, with their address; a
 * dhcpd.conf gives a host its fixed address, any other client one of a
 * dynamic-bootp range, for ever or, with dynamic-bootp-lease-length 900
 * (variant 2), 900 s: *lease, 0xffffffff for ever (a BOOTREPLY carries no
 * option 51: the server's table must say so).
 */
static bool bootp_reply_ok(int ci, uint32_t yiaddr, uint32_t *lease)
{
	const struct lease *l = lease_by_ip(&M->s->leases, yiaddr);
	uint32_t st = static_ip_of(ci);

	if (!bootp_answers(st != 0) || !yiaddr || (st && yiaddr != st)) {
		fail("a BOOTREPLY of %s to client %d (static address %s, config variant %u)", ip_s(yiaddr),
			ci, ip_s(st), M->cfg_variant);
		return false;
	}
	*lease = 0xffffffffu;
	if (st)
		return true;
	if (M->cfg_variant & 2)
		*lease = 900;
	if (!l || l->state != LEASE_ACTIVE || (*lease == 0xffffffffu ? l->expires != LEASE_NEVER
	    : l->expires < server_now() + *lease - 1 || l->expires > server_now() + *lease + 1)) {
		fail("BOOTREPLY of %s to client %d: its lease in the table is not %s", ip_s(yiaddr), ci,
			*lease == 0xffffffffu ? "infinite" : "900 s");
		return false;
	}
	return true;
}

static void on_udp(const void *msg, size_t len, uint32_t dst, uint16_t port)
{
	static struct dhcp_message r;
	struct udhcp_error err;
	struct xid_record *x;
	uint32_t lease = 0, yiaddr;
	unsigned type;
	int ci;

	if (udhcp_parse_message(msg, len, BOOTREPLY, &r, &err) < 0) {
		fail("the server sent a message its own parser rejects: %s", err.msg);
		return;
	}
	type = udhcp_message_type(&r.opts);
	yiaddr = ntohl(r.yiaddr);
	x = &M->x[r.xid % XIDS];
	M->st->replies++;
	if (++x->replies > x->deliveries)
		fail("%u replies to xid %08x delivered %u times", x->replies, r.xid, x->deliveries);
	if (x->client < 0)
		fail("a reply (%s) to a hostile message (kind %u)", udhcp_message_type_name(type), x->hostile);
	check_destination(&r, x, type ? (uint8_t)type : DHCPACK, dst, port);
	check_agent_echo(msg, len, &r, x);
	if ((ci = client_of(&r)) < 0 || ci != x->client)
		return;
	udhcp_opt_get_u32(&r.opts, DHCP_LEASE_TIME, &lease);
	if (type == 0 && !bootp_reply_ok(ci, yiaddr, &lease))
		return;
	if (M->trace)
		printf("  %s %s to client %d at %lld lease %u\n", type ? udhcp_message_type_name(type)
			: "BOOTREPLY", ip_s(yiaddr), ci, (long long)now_s(), lease);
	if (type == 0) {
		/* its binding is the ACK's: a promise (invariant 1) and, unless
		 * it is a host's fixed address (ISC writes no lease), durable */
		M->st->bootp++;
		if (yiaddr != static_ip_of(ci))
			check_on_disk(yiaddr, r.chaddr, lease);
		x->ack = yiaddr;
		x->lease = lease;
		type = DHCPACK;
	} else if (type == DHCPACK && yiaddr) {
		M->st->acks++;
		check_on_disk(yiaddr, r.chaddr, lease);
		if (static_ip_of(ci) && yiaddr != static_ip_of(ci))
			fail("static client %d ACKed %s, not %s", ci, ip_s(yiaddr), ip_s(static_ip_of(ci)));
		x->ack = yiaddr;
		x->lease = lease;
	} else if (type == DHCPOFFER) {
		M->st->offers++;
		x->offer = yiaddr;
		if (static_ip_of(ci) && yiaddr != static_ip_of(ci))
			fail("static client %d offered %s", ci, ip_s(yiaddr));
	} else if (type == DHCPNAK) {
		M->st->naks++;
		x->nak = true;
	}
	/* a reply to a request of this batch takes effect in the batch's order */
	if (!x->in_batch)
		reply_effect(ci, (uint8_t)type, yiaddr, lease, x->ip, x->bootp);
}

/* The ARP check: the squatter answers a probe for its address; the
 * client being offered an address it already uses answers too (that is
 * no conflict). */
static void on_arp(const uint8_t *probe)
{
	const uint8_t *mac = (const uint8_t *)"\x02\xee\xee\xee\xee\x01";
	uint32_t target;
	uint8_t *a;

	memcpy(&target, probe + 24, 4);
	for (int i = 0; i < NCLIENTS; i++)	/* a client answers for the address it uses */
		if (M->c[i].last_ip == ntohl(target) && M->c[i].uses_until > now_s())
			mac = M->c[i].mac;
	if ((ntohl(target) != M->squatter && mac[1] == 0xee) || fake.arp_tail - fake.arp_head >= FAKE_ARP_QUEUE)
		return;
	a = fake.arp_queue[fake.arp_tail++ % FAKE_ARP_QUEUE];
	memcpy(a, probe, 28);
	a[7] = 2;	/* reply */
	memcpy(a + 8, mac, 6);
	memcpy(a + 14, &target, 4);
	memcpy(a + 18, probe + 8, 6);
	memset(a + 24, 0, 4);
}

/* ---- client messages ---- */

static uint32_t any_pool_ip(void)
{
	static const uint32_t pick_from[] = { LOCAL_NET | 10, LOCAL_NET | 12, LOCAL_NET | 15, LOCAL_NET | 33,
		LOCAL_NET | 19, LOCAL_NET | 20, LOCAL_NET | 25, LOCAL_NET | 201, RELAY_NET | 10,
		RELAY_NET | 14, LOCAL_NET | 99 };

	return pick_from[pick(sizeof(pick_from) / sizeof(pick_from[0]))];
}

/* A message from client ci (or a hostile one when ci < 0) into the queue. */
static void queue_message(int ci, uint8_t type, char form, uint32_t ip, uint32_t ciaddr,
	uint32_t server_id, unsigned hostile_kind)
{
	static struct dhcp_builder b;
	struct pending_msg *q;
	const struct client *c = ci >= 0 ? &M->c[ci] : &M->c[pick(NCLIENTS)];
	uint8_t mac[6];

	if (M->nq == QUEUE_MAX || M->next_xid + 1 >= XIDS)
		return;
	q = &M->q[M->nq++];
	memcpy(mac, c->mac, 6);
	if (hostile_kind == 1)
		memset(mac, pick(2) ? 0 : 0xff, 6);
	q->client = ci;
	q->type = type;
	q->form = (uint8_t)form;
	q->ip = ip;
	q->xid = ++M->next_xid;
	udhcp_builder_init(&b, type ? type : DHCPDISCOVER, q->xid, DHCP_HTYPE_ETHERNET, mac, 6);
	if (!type)	/* BOOTP (RFC 951): the vendor area without option 53 */
		memset(b.pkt.options, DHCP_PADDING, 3);
	b.pkt.ciaddr = htonl(ciaddr);
	/* a renewal is unicast straight to us, not relayed (RFC 2131 4.3.2);
	 * rebinding, it is broadcast and comes through the relay */
	bool via_relay = (c->relayed && (form != 'r' || pick(2))) || hostile_kind == 5;
	bool link_selection = via_relay && hostile_kind != 5 && pick(4) == 0;

	if (via_relay) {
		b.pkt.gateway_nip = htonl(hostile_kind == 5 ? 0xc0a80901u
			: link_selection ? RELAY_UPSTREAM : RELAY_IP);
		b.pkt.hops = 1;
	}
	q->agent_len = 0;
	if ((via_relay && hostile_kind != 5 && (link_selection || pick(4))) || hostile_kind == 6) {
		/* RFC 3046: circuit id, remote id (RFC 3527: the link too); kind 6
		 * has a sub-option running past the end */
		static const uint8_t agent[] = { 1, 3, 'p', 'o', 0, 2, 2, 'r', 0, 5, 4, 10, 1, 0, 0 };

		memcpy(q->agent, agent, sizeof(agent));
		q->agent[4] = (uint8_t)('0' + (c - M->c) % 10);
		q->agent_len = link_selection ? sizeof(agent) : 9;
		if (hostile_kind == 6)
			q->agent[6] = 9;
		udhcp_add_option(&b, DHCP_RELAY_AGENT, q->agent, q->agent_len);
	}
	q->hostile = (uint8_t)hostile_kind;
	if (c->cid_len && hostile_kind != 2 && type)	/* BOOTP knows no client identifier */
		udhcp_add_option(&b, DHCP_CLIENT_ID, c->cid, c->cid_len);
	if (hostile_kind == 2)
		udhcp_add_option(&b, DHCP_CLIENT_ID, "", 0);
	if (ip && (type == DHCPDISCOVER || type == DHCPDECLINE || form == 's' || form == 'i'))
		udhcp_add_ip(&b, DHCP_REQUESTED_IP, htonl(ip));
	if (hostile_kind == 3)
		udhcp_add_option(&b, DHCP_SERVER_ID, "\x0a\x00\x00", 3);
	else if (server_id)
		udhcp_add_ip(&b, DHCP_SERVER_ID, htonl(server_id));
	if (type == DHCPDISCOVER && pick(4) == 0)
		udhcp_add_option(&b, DHCP_RAPID_COMMIT, "", 0);
	if (pick(3) == 0) {
		static const char *const names[] = { "box-1", "x;}",	/* the second is refused */
			"a-host-name-of-the-longest-kind-a-label-may-have-63-bytes-xxxxx" };
		const char *name = names[pick(3)];

		udhcp_add_option(&b, DHCP_HOST_NAME, name, strlen(name));
	}
	q->len = udhcp_builder_finish(&b);
	memcpy(q->buf, &b.pkt, q->len);
}

static void client_action(void)
{
	int ci = (int)pick(NCLIENTS);
	struct client *c = &M->c[ci];
	uint32_t mine = c->held && c->held_until > now_s() ? c->held : c->last_ip;

	switch (pick(10)) {
	case 0:
	case 1:
		/* a DISCOVER's ciaddr means nothing (RFC 2131 table 5), but some clients fill it */
		queue_message(ci, DHCPDISCOVER, 0, pick(3) == 0 ? any_pool_ip() : pick(2) ? c->last_ip : 0,
			pick(6) == 0 ? c->last_ip : 0, 0, 0);
		break;
	case 2:
	case 3:
		if (c->offered)
			queue_message(ci, DHCPREQUEST, 's', c->offered, 0, pick(8) ? SERVER_IP : SERVER_IP + 99, 0);
		break;
	case 4:
		queue_message(ci, DHCPREQUEST, 'i', pick(4) ? (mine ? mine : any_pool_ip()) : any_pool_ip(), 0, 0, 0);
		break;
	case 5:
		if (mine)
			queue_message(ci, DHCPREQUEST, 'r', mine, mine, 0, 0);
		break;
	case 6:
		if (pick(2))
			queue_message(ci, DHCPRELEASE, 0, 0, pick(3) ? mine : M->c[pick(NCLIENTS)].last_ip, SERVER_IP, 0);
		else if (mine && pick(4) == 0)
			queue_message(ci, DHCPDECLINE, 0, mine, 0, SERVER_IP, 0);
		break;
	case 7:
		queue_message(ci, DHCPINFORM, 0, 0, mine ? mine : LOCAL_NET | 77, 0, 0);
		break;
	case 8:
		/* a BOOTREQUEST: from clients without option 61, whose DHCP
		 * lease has the same key (htype and MAC) as a BOOTP one, as a
		 * PXE ROM's BOOTP and its system's DHCP share the MAC */
		if (!c->cid_len)
			queue_message(ci, 0, 0, 0, 0, 0, 0);
		break;
	default: {
		/* zero/ones chaddr, empty cid, bad server id, INFORM 0, giaddr, option 82 malformed */
		unsigned kind = 1 + pick(6);

		queue_message(-1, kind == 4 ? DHCPINFORM : pick(2) ? DHCPDISCOVER : DHCPREQUEST, 'i',
			any_pool_ip(), 0, 0, kind);
		break;
	}
	}
}

/* ---- delivery, and invariants 3, 4 and 6 for it ---- */

static bool reserved(uint32_t ip);

/*
 * Liveness: may client ci be refused an OFFER? Only when no address of a
 * range on its link is free (no lease, and a table slot for it) or ended
 * (its slot and address reclaimable). The ARP check may hold an OFFER
 * back on the local link, so it is checked there only with the check off.
 */
static void check_offer_due(int ci, const struct pending_msg *q)
{
	const struct server_state *s = M->s;
	const struct client *c = &M->c[ci];
	uint32_t net = c->relayed ? RELAY_NET : LOCAL_NET;
	static struct dhcp_message dm;
	struct udhcp_error e;

	if (M->arp_on && !c->relayed) {
		if (udhcp_parse_message(q->buf, q->len, 0, &dm, &e) < 0 || probe_is_pending(s, &dm))
			return;
	}
	for (unsigned r = 0; r < s->cfg.nranges; r++) {
		if (!admits(&s->cfg.ranges[r], ci))
			continue;
		for (uint32_t ip = s->cfg.ranges[r].start; ip <= s->cfg.ranges[r].end; ip++) {
			const struct lease *l = lease_by_ip(&s->leases, ip);

			if ((ip & 0xffffff00u) != net || reserved(ip) || server_is_static_ip(s, ip))
				continue;
			if ((!l && server_dynamic_room(s)) || (l && !lease_is_live(l, server_now()))) {
				if (M->trace) {
					const struct pool_range *pr = &s->pool.range[pool_range_of(&s->pool, ip)];

					printf("  pool: findable %d, heap %u (top %s until %lld), freed %u, fresh %llu; now %lld, lease state %d until %lld, used %u/%u\n",
						pool_findable(&s->pool, ip, &s->view), pr->nheap,
						pr->nheap ? ip_s(pr->heap[0].ip) : "-", pr->nheap ? (long long)pr->heap[0].expiry : 0LL,
						pr->nfreed, (unsigned long long)pr->fresh, (long long)server_now(),
						l ? l->state : -1, l ? (long long)l->expires : 0LL, s->leases.used, s->leases.capacity);
				}
				fail("client %d got no OFFER while %s is %s", ci, ip_s(ip), l ? "ended" : "free");
				return;
			}
		}
	}
}

/*
 * After a batch's flush, in the order of its requests: each reply's effect
 * on its client, what the owner gave back, and
 * 3: a static client asking for its address (DISCOVER, INIT-REBOOT,
 * renewing) gets it and is never NAKed for it;
 * 4: a client renewing a live lease gets an ACK of the same address.
 * Both unless the disk failed in this batch (no ACK can be durable then).
 */
static void settle(const struct pending_msg *q, bool held_live, bool faulted, bool first, bool last)
{
	struct xid_record *x = &M->x[q->xid % XIDS];
	int ci = q->client;
	uint32_t st = ci >= 0 ? static_ip_of(ci) : 0;
	struct client *c = ci >= 0 ? &M->c[ci] : NULL;

	if (ci < 0)
		return;
	/* a DISCOVER comes from INIT (RFC 2131 4.4.1), a REQUEST for another
	 * address from a client that no longer uses its own: it gave it up */
	if (first && (q->type == DHCPDISCOVER || q->type == 0	/* BOOTP: from scratch too */
		      || (q->type == DHCPREQUEST && q->form != 's' && q->ip != c->held)))
		forget_held(c);
	/* the server forgets what the owner gave back, from its first copy on */
	if (first && (q->type == DHCPRELEASE || q->type == DHCPDECLINE)) {
		uint32_t ip = q->type == DHCPRELEASE ? ntohl(((const struct dhcp_packet *)q->buf)->ciaddr) : q->ip;

		if (c->held == ip)
			forget_held(c);
	}
	if (!last)
		return;		/* a duplicate's replies are settled where it came last */
	x->in_batch = false;
	if (M->trace)
		printf("  settle xid %u from %d: ack %s nak %d\n", q->xid, ci, ip_s(x->ack), x->nak);
	if (x->ack || x->nak || x->offer)
		reply_effect(ci, x->ack ? DHCPACK : x->nak ? DHCPNAK : DHCPOFFER,
			x->ack ? x->ack : x->offer, x->lease, x->ip, x->bootp);
	if (faulted || M->failed)
		return;
	if (st && q->type == DHCPDISCOVER && !x->offer && !x->ack)
		fail("static client %d got no OFFER", ci);
	if (st && q->type == 0 && bootp_answers(true) && x->ack != st)
		fail("static client %d got no BOOTREPLY of its %s", ci, ip_s(st));
	if (!st && q->type == DHCPDISCOVER && !x->offer && !x->ack && M->nbatch == 1)
		check_offer_due(ci, q);
	if (st && q->type == DHCPREQUEST && q->form != 's' && q->ip == st && (x->nak || c->batch_ack != st))
		fail("static client %d asked for its %s (%c): %s", ci, ip_s(st), q->form,
			x->nak ? "NAK" : "no ACK");
	if (!st && q->type == DHCPREQUEST && q->form == 'r' && held_live && servable(ci, q->ip)
	    && c->batch_ack != q->ip)
		fail("client %d renewing its live %s got %s", ci, ip_s(q->ip),
			x->nak ? "a NAK" : x->ack ? "another address" : "no ACK");
}

/* Message i of the queue to the server (kept there when it is duplicated). */
static void deliver(unsigned i, bool keep)
{
	struct pending_msg *q = &M->batch[M->nbatch];
	struct xid_record *x;
	const struct dhcp_packet *p;

	*q = M->q[i];
	if (!keep)
		M->q[i] = M->q[--M->nq];
	if (!M->s || M->nbatch == BATCH_MAX)
		return;
	p = (const struct dhcp_packet *)q->buf;
	x = &M->x[q->xid % XIDS];
	x->deliveries++;
	x->client = (int16_t)q->client;
	x->hostile = q->hostile;
	x->bootp = q->type == 0;
	x->giaddr = ntohl(p->gateway_nip);
	x->ip = q->ip;
	x->ciaddr = ntohl(p->ciaddr);
	memcpy(x->agent, q->agent, sizeof(x->agent));
	x->agent_len = q->agent_len;
	if (!x->in_batch)	/* what this batch's replies carry, not an earlier one's */
		x->ack = x->offer = x->lease = 0, x->nak = false;
	x->in_batch = true;
	M->batch_live[M->nbatch] = q->client >= 0 && M->c[q->client].held == q->ip
		&& M->c[q->client].held_until > now_s() && !M->c[q->client].gave_back;
	if (q->client >= 0 && (q->type == DHCPRELEASE || q->type == DHCPDECLINE))
		M->c[q->client].gave_back = true;	/* for its later requests in this batch */
	M->nbatch++;
	M->st->delivered++;
	if (M->trace)
		printf("  > %s%c from %d for %s (ciaddr %s, xid %u)\n", q->type == DHCPREQUEST ? "REQUEST "
			: q->type ? udhcp_message_type_name(q->type) : "BOOTREQUEST", q->type == DHCPREQUEST ? q->form : ' ', q->client,
			ip_s(q->ip), ip_s(x->ciaddr), q->xid);
	server_handle_message(M->s, q->buf, q->len);
}

/* The end of a batch, as in loop.c: one fsync, the held ACKs leave. */
static void end_batch(void)
{
	bool faulted;

	if (M->s) {
		server_flush(M->s);
		server_upkeep(M->s);
	}
	faulted = fake.step_faulted || (M->s && M->s->journal_broken);
	/* a later ACK of the same lease in the batch supersedes an earlier one */
	for (unsigned i = 0; i < M->nbatch; i++)
		if (M->batch[i].client >= 0 && M->x[M->batch[i].xid % XIDS].ack)
			M->c[M->batch[i].client].batch_ack = M->x[M->batch[i].xid % XIDS].ack;
	for (unsigned i = 0; i < M->nbatch; i++) {
		bool earlier = false, later = false;
		bool given_back = false;	/* by its client, after it, in the batch */

		for (unsigned j = 0; j < i && !earlier; j++)
			earlier = M->batch[j].xid == M->batch[i].xid;
		for (unsigned j = i + 1; j < M->nbatch; j++) {
			later |= M->batch[j].xid == M->batch[i].xid;
			given_back |= M->batch[j].client == M->batch[i].client
				&& (M->batch[j].type == DHCPRELEASE || M->batch[j].type == DHCPDECLINE);
		}
		settle(&M->batch[i], M->batch_live[i], faulted || given_back, !earlier, !later);
	}
	M->nbatch = 0;
	for (int i = 0; i < NCLIENTS; i++)
		M->c[i].gave_back = false, M->c[i].batch_ack = 0;
}

/* A batch of 1 to n waiting requests (a few may be duplicated). */
static void deliver_batch(unsigned n)
{
	/* a journal broken by an earlier fault takes no ACK until it is rewritten */
	fake.step_faulted = M->s && M->s->journal_broken;
	for (unsigned k = 0; k < n && M->nq; k++)
		deliver(pick(M->nq), pick(10) == 0);
	end_batch();
}

/* ---- invariants 1 and 5 over the whole table ---- */

static bool reserved(uint32_t ip)
{
	return ip == SERVER_IP || (ip & 255) == 0 || (ip & 255) == 255;
}

/* An ACTIVE lease in the table is one whose ACK left (a full disk must not
 * burn addresses), unless a reload took the address from its client. */
static void check_acked(const struct lease *l)
{
	for (int i = 0; i < NCLIENTS; i++) {
		const struct client *c = &M->c[i];

		if (memcmp(c->mac, l->chaddr, 6) != 0)
			continue;
		if (c->acked == l->ip && c->acked_until >= l->expires - 1)	/* no overflow at INT64_MAX */
			return;
		fail("%s is ACTIVE for client %d until %lld, but no ACK of it left (its last: %s until %lld)",
			ip_s(l->ip), i, (long long)l->expires, ip_s(c->acked), (long long)c->acked_until);
		return;
	}
	fail("%s is ACTIVE for a MAC no client has", ip_s(l->ip));
}

static void check_table(void)
{
	struct server_state *s = M->s;
	const struct lease_table *t = &s->leases;

	M->st->checks++;
	for (unsigned i = 0; i < t->capacity; i++) {
		const struct lease *l = &t->leases[i];

		if (l->state == LEASE_FREE)
			continue;
		if (lease_by_ip(t, l->ip) != l)
			fail("two leases in the table for %s", ip_s(l->ip));
		if (l->state == LEASE_ACTIVE && lease_is_live(l, server_now()) && l->key_len && !M->replay)
			check_acked(l);
	}
	for (unsigned r = 0; r < s->cfg.nranges; r++) {
		for (uint32_t ip = s->cfg.ranges[r].start; ip <= s->cfg.ranges[r].end; ip++) {
			const struct lease *l = lease_by_ip(t, ip);
			bool is_static = conf_is_fixed_ip(&s->cfg, ip);

			if ((l && lease_is_live(l, server_now())) || is_static || reserved(ip) || probe_holds(s, ip))
				continue;
			if (!pool_findable(&s->pool, ip, &s->view))
				fail("%s leaked: free, but the allocator cannot find it", ip_s(ip));
		}
	}
}

static void key_of(const struct client *c, uint8_t *key, unsigned *len)
{
	*len = 0;
	if (c->cid_len) {
		memcpy(key, c->cid, c->cid_len);
		*len = c->cid_len;
	} else {
		key[(*len)++] = DHCP_HTYPE_ETHERNET;
		memcpy(key + *len, c->mac, 6);
		*len += 6;
	}
}

/* Is end what a record of a lease ending at until, written with one of
 * the client's offsets, reads back as now? (within a second) */
static bool end_matches(const struct client *c, int64_t until, int64_t end)
{
	if (until == INT64_MAX || end == LEASE_NEVER)
		return until == INT64_MAX && end == LEASE_NEVER;
	for (unsigned k = 0; k < c->noffs; k++) {
		int64_t want = until + c->offs[k] - fake.wall_offset;

		if (end >= want - 1 && end <= want + 1)
			return true;
	}
	return false;
}

/* Does the promise outlive the restart, whichever offset its record was
 * written with? (A forward step of the clock may end it legitimately.) */
static bool held_through_restart(const struct client *c)
{
	if (c->held_until == INT64_MAX)
		return true;
	for (unsigned k = 0; k < c->noffs; k++)
		if (c->held_until + c->offs[k] - fake.wall_offset <= now_s() + 1)
			return false;
	return c->held_until > now_s() + 1;
}

/*
 * Invariant 2 after a crash, at the first start that succeeds: every lease
 * still promised is back; and the ends of what came back are re-based
 * (a wall-clock step between the write and the restart moves them by the
 * step, as in ISC dhcpd; while the server runs, its monotonic clock keeps
 * them where they were).
 */
static void check_recovered(void)
{
	for (int i = 0; i < NCLIENTS && M->s; i++) {
		struct client *c = &M->c[i];
		uint8_t key[LEASE_KEY_MAX];
		unsigned len;
		const struct lease *l;
		bool back;

		key_of(c, key, &len);
		l = lease_by_key(&M->s->leases, key, len);
		back = l && l->state == LEASE_ACTIVE && l->ip == c->acked && end_matches(c, c->acked_until, l->expires);
		/* a host's fixed address (held_fixed) has no lease to come back */
		if (c->held && !c->held_fixed && held_through_restart(c) && (!back || c->held != c->acked))
			fail("after the crash, client %d's ACKed lease of %s until %lld (now %lld) is gone (%s %d until %lld)",
				i, ip_s(c->held), (long long)c->held_until, (long long)now_s(), l ? ip_s(l->ip) : "none",
				l ? l->state : -1, l ? (long long)l->expires : 0LL);
		if (back) {
			if (!c->held_fixed && (c->held == c->acked || (!c->held && lease_is_live(l, now_s()))))
				c->held = l->ip, c->held_until = l->expires;
			c->acked_until = l->expires;
		} else if (!c->held_fixed) {
			c->held = 0;	/* ended, or legitimately shortened by a clock step */
		}
		c->offs[0] = fake.wall_offset;
		c->noffs = 1;
	}
	M->recovering = false;
}

/* ---- the other steps ---- */

static void reload(void)
{
	struct server_config fresh;
	unsigned variant = variant_built(pick(512));
	uint32_t was_static[NSTATIC];

	for (int i = 0; i < NSTATIC; i++)
		was_static[i] = static_ip_of(i);
	M->st->reloads++;
	parse_config(variant, &fresh);
	M->cfg_variant = variant;
	if (server_apply_config(M->s, &fresh) < 0)
		fail("a good configuration was refused");
	/* a reload that makes an address static ends another client's lease on
	 * it; a range that moves leaves the leases in place until they end */
	for (int i = 0; i < NCLIENTS; i++)
		for (int j = 0; j < NSTATIC; j++)
			if (j != i && M->c[i].held && M->c[i].held == static_ip_of(j))
				forget_held(&M->c[i]);
	/* a BOOTREPLY of a host's fixed address holds while the host does */
	for (int i = 0; i < NSTATIC; i++)
		if (M->c[i].held_fixed && M->c[i].held == was_static[i] && static_ip_of(i) != was_static[i])
			forget_held(&M->c[i]);
}

/*
 * The file keeps lease ends in UTC: a wall-clock step between the ACK and
 * a restart moves the end by the step (as in ISC dhcpd); while the server
 * runs, its monotonic clock keeps the ends where they were.
 */
static void crash(void)
{
	if (M->trace) {
		size_t len;
		const char *d = fake_disk_text(LEASE_PATH, &len);

		printf("  disk before the crash (%zu bytes):\n%.*s\n", len, (int)len, d ? d : "");
	}
	M->st->crashes++;
	server_down();
	fake_crash();
	fake.step_faulted = false;
	M->recovering = true;
	server_boot();
	if (M->s)
		check_recovered();
}

static void disk_fault(void)
{
	M->st->faults++;
	for (unsigned k = 0, n = 1 + pick(2); k < n; k++)
		fake.fault_calls[1 + pick(FAULT_KINDS - 1)] += 1 + pick(3);
}

static void advance(int64_t ms)
{
	fake.mono_ms += ms;
	if (!M->s)
		return;
	fake.step_faulted = false;
	if (M->arp_on && fake.arp_head != fake.arp_tail)
		probe_read_arp(M->s);
	probe_run_timers(M->s);
	server_flush(M->s);
	server_upkeep(M->s);
}

/* The mix of steps, per thousand: mostly clients and the network, now and
 * then the rarer events that break servers. */
static void one_step(void)
{
	unsigned what = pick(1000);

	if (what < 450) {
		snprintf(M->step, sizeof(M->step), "client sends");
		client_action();
	} else if (what < 800 && M->nq) {
		const struct pending_msg *q = &M->q[M->nq - 1];
		unsigned n = pick(4) ? 1 : 1 + pick(6);

		snprintf(M->step, sizeof(M->step), "deliver %u, the last %s%c from %d for %s", n,
			q->type == DHCPREQUEST ? "REQUEST " : q->type ? udhcp_message_type_name(q->type) : "BOOTREQUEST",
			q->type == DHCPREQUEST ? q->form : ' ', q->client, ip_s(q->ip));
		deliver_batch(n);
	} else if (what < 803) {
		/* a storm: more requests at once than the server holds ACKs (HELD_MAX) */
		snprintf(M->step, sizeof(M->step), "a storm of requests");
		for (unsigned k = 0; k < 2 * BATCH_MAX && M->nq < QUEUE_MAX; k++)
			client_action();
		deliver_batch(BATCH_MAX);
	} else if (what < 820 && M->nq) {
		unsigned i = pick(M->nq);

		snprintf(M->step, sizeof(M->step), "a message is lost");
		M->q[i] = M->q[--M->nq];
	} else if (what < 950) {
		static const int64_t spans[] = { 10, 400, 2000, 5000, 40000, 300000, 700000 };
		int64_t ms = spans[pick(7) * pick(7) / 6];	/* short spans more often */

		snprintf(M->step, sizeof(M->step), "time passes (%lld ms)", (long long)ms);
		advance(ms);
	} else if (what < 965) {
		snprintf(M->step, sizeof(M->step), "SIGHUP");
		reload();
	} else if (what < 972) {
		snprintf(M->step, sizeof(M->step), "crash and restart");
		crash();
	} else if (what < 980) {
		M->st->clock_jumps++;
		fake.wall_offset += pick(2) ? 86400 * 30 : -86400;
		snprintf(M->step, sizeof(M->step), "the wall clock jumps (offset %lld)", (long long)fake.wall_offset);
	} else {
		disk_fault();
		snprintf(M->step, sizeof(M->step), "the disk fails");
	}
}

static void world_init(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.mono_ms = 1000000;
	fake.wall_offset = 1795000000;
	fake.on_udp = on_udp;
	fake.trace = M->trace;
	fake.on_arp = on_arp;
	for (int i = 0; i < NCLIENTS; i++) {
		memcpy(M->c[i].mac, "\x02\x00\x00\x00\x00", 5);
		M->c[i].mac[5] = (uint8_t)i;
		if (i % 3 == 1) {	/* identifiers with the bytes a lease file must quote */
			static const char nasty[] = "\"};{#\\\n\001";

			M->c[i].cid[0] = 0;
			memcpy(M->c[i].cid + 1, nasty, sizeof(nasty) - 1);
			M->c[i].cid[sizeof(nasty)] = (uint8_t)i;
			M->c[i].cid_len = (uint8_t)(sizeof(nasty) + 1);
		} else if (i % 3 == 2 && i % 2) {
			/* RFC 4361: 255, an IAID, a DUID-LLT: longer than a slot
			 * holds inline (LEASE_KEY_INLINE), so it lives out of line */
			static const uint8_t duid[] = { 255, 0, 0, 0, 1, 0, 1, 0, 1, 0x2f, 0x1e, 0x3d, 0x4c,
				2, 0, 0, 0, 0 };

			memcpy(M->c[i].cid, duid, sizeof(duid));
			M->c[i].cid[sizeof(duid)] = (uint8_t)i;
			M->c[i].cid_len = (uint8_t)(sizeof(duid) + 1);
		}
		M->c[i].relayed = i >= NCLIENTS - 4;
	}
}

/* The per-xid records, allocated once and left zeroed by each run (a
 * fuzzer's runs are short: clearing only what a run used keeps them fast). */
static struct xid_record *xid_table(void)
{
	static struct xid_record *x;

	if (!x && !(x = calloc(XIDS, sizeof(*x))))
		abort();
	return x;
}

int model_run(const struct model_input *in, unsigned long steps, bool trace, struct model_stats *st)
{
	static struct model m;

	memset(&m, 0, sizeof(m));
	memset(st, 0, sizeof(*st));
	m.x = xid_table();
	M = &m;
	m.in = in;
	m.st = st;
	m.trace = trace;
	logmode = trace ? LOGMODE_STDIO : 0;	/* the server's log, between the steps */
	bb_verbose = trace ? 2 : 0;
	world_init();
	m.cfg_variant = variant_built(pick(512));
	m.arp_on = pick(2);
	m.squatter = LOCAL_NET | (10 + pick(16));
	if (pick(4) == 0) {
		/* a monotonic clock far from 0, as a time namespace may start it:
		 * past 2^31 s, where the pool's 32-bit hints must still reclaim */
		fake.mono_ms += 2200000000000;
		fake.wall_offset -= 2200000000;
	}
	server_boot();
	while (st->steps < steps && !m.failed && !in->exhausted(in->ctx)) {
		st->steps++;
		if (!m.s) {	/* it could not start (disk faults): try again */
			memset(fake.fault_calls, 0, sizeof(fake.fault_calls));
			snprintf(m.step, sizeof(m.step), "start again");
			server_boot();
			if (m.s && m.recovering)
				check_recovered();
		} else {
			one_step();
		}
		if (fake.replaces != m.replaces_seen) {	/* a rewrite wrote every end anew */
			m.replaces_seen = fake.replaces;
			for (int i = 0; i < NCLIENTS; i++) {
				struct client *c = &m.c[i];

				if (c->noffs && c->noffs < 16 && c->offs[c->noffs - 1] != fake.wall_offset)
					c->offs[c->noffs++] = fake.wall_offset;
			}
		}
		if (trace)
			printf("step %lu: %s\n", st->steps, m.step);
		if (m.s && !m.failed)
			check_table();
	}
	server_down();
	fake_free();
	memset(m.x, 0, (m.next_xid + 1 < XIDS ? m.next_xid + 1 : XIDS) * sizeof(*m.x));
	return m.failed ? -1 : 0;
}

/* ---- the journal replay (fuzz_journal) ---- */

static unsigned pick_zero(void *ctx, unsigned n)
{
	(void)ctx;
	(void)n;
	return 0;
}

static bool always_exhausted(void *ctx)
{
	(void)ctx;
	return true;
}

/* Every lease of a's table (what a rewrite keeps) is in b's, the same. */
static void compare_tables(const struct lease_table *a, const struct lease_table *b)
{
	for (unsigned i = 0; i < a->capacity; i++) {
		const struct lease *l = &a->leases[i], *r;

		if (l->state == LEASE_FREE || l->state == LEASE_OFFERED)
			continue;
		r = lease_by_ip(b, l->ip);
		if (!r || r->state != l->state || r->expires != l->expires || r->key_len != l->key_len
		    || memcmp(lease_key(r), lease_key(l), l->key_len) != 0 || memcmp(r->chaddr, l->chaddr, 6) != 0
		    || strcmp(lease_hostname(r), lease_hostname(l)) != 0)
			fail("the lease of %s read back differs after a rewrite", ip_s(l->ip));
	}
}

int model_replay_journal(const uint8_t *data, size_t len)
{
	static const struct model_input in = { pick_zero, always_exhausted, NULL };
	static struct model m;
	static struct model_stats st;
	struct server_state *first;

	memset(&m, 0, sizeof(m));
	memset(&st, 0, sizeof(st));
	M = &m;
	m.in = &in;
	m.st = &st;
	m.cfg_variant = 1 | 4;
	m.replay = true;
	logmode = 0;
	world_init();
	fake_put_file(LEASE_PATH, data, len);
	server_boot();
	if (!m.s) {
		fail("udhcpd did not start on this lease file");
	} else {
		check_table();
		first = m.s;
		m.s = NULL;
		fake_crash();
		server_boot();
		if (!m.s) {
			fail("udhcpd did not start again on its own rewrite");
		} else {
			check_table();
			compare_tables(&first->leases, &m.s->leases);
			compare_tables(&m.s->leases, &first->leases);
		}
		first->journal_fd = -1;	/* the crash closed it; its number is the new server's now */
		server_stop(first);
		free(first);
	}
	server_down();
	fake_free();
	return m.failed ? -1 : 0;
}
