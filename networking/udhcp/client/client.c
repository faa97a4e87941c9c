/*
 * udhcpc: the DHCPv4 client (RFC 2131 section 4.4), a drop-in for
 * BusyBox's udhcpc: same options, same hook script events (deconfig,
 * bound, renew, nak, leasefail) and variables (script.c).
 *
 * Unlike BusyBox it remembers its lease and asks for it again at start
 * (INIT-REBOOT), honours the server's T1/T2 (options 58/59), retransmits
 * REQUESTs while renewing and rebinding, filters its raw socket in the
 * kernel and never blocks: signals are handled at once in every state.
 *
 * One poll() loop: the signal pipe, the listening socket, one timer.
 * One state_transition(). One handler per received message type.
 */
#include "applets.h"
#include "os/arp.h"
#include "client/client.h"
#include "client/clientlease.h"
#include "os/script.h"

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

const char udhcpc_usage[] =
	"[-fbqRBCnoSv] [-a[MSEC]] [-i IFACE] [-s PROG] [-p FILE] [-t N] [-T SEC] [-A SEC] [-r IP] [-x OPT:VAL]... [-O OPT]... [-V VENDOR] [-F NAME] [-P PORT]\n"
	"\n"
	"\t-i IFACE\tInterface to use (default " CONFIG_UDHCPC_DEFAULT_INTERFACE ")\n"
	"\t-s PROG\t\tRun PROG at DHCP events (default " CONFIG_UDHCPC_DEFAULT_SCRIPT ")\n"
	"\t-p FILE\t\tCreate pidfile\n"
	"\t-B\t\tRequest broadcast replies\n"
	"\t-t N\t\tSend up to N discover packets (default 3, 0: forever)\n"
	"\t-T SEC\t\tPause between packets (default 3)\n"
	"\t-A SEC\t\tWait if lease is not obtained (default 20)\n"
	"\t-b\t\tBackground if lease is not obtained\n"
	"\t-n\t\tExit if lease is not obtained\n"
	"\t-q\t\tExit after obtaining lease\n"
	"\t-R\t\tRelease IP on exit\n"
	"\t-f\t\tRun in foreground\n"
	"\t-S\t\tLog to syslog too\n"
	"\t-r IP\t\tRequest this IP address\n"
	"\t-a[MSEC]\tCheck the address with ARP before using it (default 2000 ms)\n"
	"\t-o\t\tDon't request any options (unless -O is given)\n"
	"\t-O OPT\t\tRequest option OPT from server (cumulative)\n"
	"\t-x OPT:VAL\tInclude option OPT in sent packets (cumulative)\n"
	"\t\t\tExamples: -x hostname:box -x lease:3600 -x 0x3d:0100BEEFC0FFEE\n"
	"\t\t\t-x 80: asks for rapid commit (RFC 4039)\n"
	"\t-F NAME\t\tAsk server to update DNS mapping for NAME (option 81)\n"
	"\t-V VENDOR\tVendor identifier (default 'udhcp dhcpbox'; \"\" for none)\n"
	"\t-C\t\tDon't send MAC as client identifier\n"
	"\t-P PORT\t\tUse PORT (default 68); the server is at PORT-1\n"
	"\t-v\t\tVerbose\n"
	"Signals: USR1 renew (or discover), USR2 release, TERM exit (releasing with -R)\n"
	"The lease is remembered in " CONFIG_UDHCPC_STATE_DIR "/IFACE.lease\n";

static const char option_spec[] =
	"C(clientid-none)V:(vendorclass)F:(fqdn)i:(interface)n(now)p:(pidfile)"
	"q(quit)R(release)r:(request)s:(script)T:+(timeout)t:+(retries)S(syslog)"
	"A:+(tryagain)O:*(request-option)o(no-default-options)x:*f(foreground)"
	"B(broadcast)b(background)P:+(client-port)v+a::(arping)";

static const char *const state_name[] = {
	[INIT] = "INIT", [SELECTING] = "SELECTING", [REQUESTING] = "REQUESTING",
	[BOUND] = "BOUND", [RENEWING] = "RENEWING", [REBINDING] = "REBINDING",
	[INIT_REBOOT] = "INIT-REBOOT", [REBOOTING] = "REBOOTING", [RELEASED] = "RELEASED",
	[ARP_CHECK] = "ARP-CHECK",
};

static struct client_state client;
static struct dhcp_message message;	/* the last one received */
static struct dhcp_message pending_ack;	/* the ACK being checked with ARP */

#define NEVER INT64_MAX

int64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *ip_str(uint32_t nip)
{
	static char buf[2][INET_ADDRSTRLEN];
	static int i;
	struct in_addr a = { nip };

	i ^= 1;
	return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

/* ---- Listening ------------------------------------------------------------ */

static void set_listen_mode(struct client_state *c, int mode)
{
	if (c->listen_mode == mode)
		return;
	if (c->listen_fd >= 0)
		close(c->listen_fd);
	c->listen_fd = -1;
	c->listen_mode = mode;
	if (mode == LISTEN_RAW)
		c->listen_fd = udhcp_raw_listen(c->ifc.ifindex, c->client_port);
	else if (mode == LISTEN_UDP)
		c->listen_fd = udhcp_udp_listen(c->ifname, INADDR_ANY, c->client_port);
	else if (mode == LISTEN_ARP)
		c->listen_fd = arp_open(c->ifc.ifindex);
	if (mode != LISTEN_NONE && c->listen_fd < 0)
		bb_perror_msg("can't listen on %s", c->ifname);
}

/* RFC 2131 4.4: while unconfigured (and rebinding) only a raw socket sees
 * replies; renewing uses the address we have. */
static void state_transition(struct client_state *c, enum client_state_id next)
{
	static const int mode[] = {
		[INIT] = LISTEN_RAW, [SELECTING] = LISTEN_RAW, [REQUESTING] = LISTEN_RAW,
		[BOUND] = LISTEN_NONE, [RENEWING] = LISTEN_UDP, [REBINDING] = LISTEN_RAW,
		[INIT_REBOOT] = LISTEN_RAW, [REBOOTING] = LISTEN_RAW, [RELEASED] = LISTEN_NONE,
		[ARP_CHECK] = LISTEN_ARP,
	};

	if (c->state != next)
		bb_debug_msg(1, "state %s -> %s", state_name[c->state], state_name[next]);
	c->state = next;
	c->attempts = 0;
	set_listen_mode(c, mode[next]);
}

/* ---- Script and remembered lease ------------------------------------------ */

static void run_script(struct client_state *c, const char *event, const struct dhcp_message *m)
{
	char **env = udhcp_script_env(c->ifname, m);

	udhcp_run_script(c->script, event, env);
	udhcp_script_env_free(env);
}

static void remember_lease(struct client_state *c)
{
	struct remembered_lease l = { c->lease_ip, c->server_nip, c->lease_seconds, time(NULL) };

	if (c->state_file && udhcp_lease_memo_save(c->state_file, c->ifname, &l) < 0)
		bb_perror_msg("can't write %s", c->state_file);
}

static void forget_lease(struct client_state *c)
{
	if (c->state_file)
		unlink(c->state_file);
	c->requested_ip = 0;
}

/* ---- Timers ------------------------------------------------------------------- */

/*
 * Lease, T1, T2 (RFC 2131 4.4.5): the server's 58/59 when they make sense
 * (0 < T1 < T2 < lease), else 0.5 and 0.875 of the lease.
 */
static void set_lease_timers(struct client_state *c, const struct dhcp_optset *opts)
{
	uint32_t lease = 3600, t1 = 0, t2 = 0;
	int64_t now = monotonic_ms();

	udhcp_opt_get_u32(opts, DHCP_LEASE_TIME, &lease);
	c->lease_seconds = lease;
	if (lease == 0xffffffff) {
		c->t1 = c->t2 = c->expiry = NEVER;
		return;
	}
	if (lease < 10)
		lease = 10;
	if (udhcp_opt_get_u32(opts, DHCP_T1, &t1) != UDHCP_OPT_OK || t1 == 0 || t1 >= lease)
		t1 = lease / 2;
	if (udhcp_opt_get_u32(opts, DHCP_T2, &t2) != UDHCP_OPT_OK || t2 <= t1 || t2 >= lease)
		t2 = (uint32_t)((uint64_t)lease * 7 / 8);
	if (t2 <= t1)
		t2 = t1 + (lease - t1) / 2;
	c->t1 = now + (int64_t)t1 * 1000;
	c->t2 = now + (int64_t)t2 * 1000;
	c->expiry = now + (int64_t)lease * 1000;
}

/* RFC 2131 4.4.5: half the time left until `until`, at least 60 s. */
static int64_t next_retransmission(int64_t until)
{
	int64_t now = monotonic_ms(), half = (until - now) / 2;

	return half > 60000 ? now + half : until;
}

/* ---- Starting over -------------------------------------------------------------- */

static void new_exchange(struct client_state *c)
{
	c->xid = (uint32_t)random();
	c->exchange_start = monotonic_ms();
}

static void start_discover(struct client_state *c)
{
	new_exchange(c);
	state_transition(c, SELECTING);
	send_discover(c);
	c->attempts = 1;
	c->deadline = monotonic_ms() + (int64_t)c->timeout * 1000;
}

static void start_over(struct client_state *c, int64_t delay_ms)
{
	state_transition(c, INIT);
	c->deadline = monotonic_ms() + delay_ms;
}

static void lose_lease(struct client_state *c, const char *why)
{
	bb_info_msg("%s", why);
	run_script(c, "deconfig", NULL);
	forget_lease(c);
	c->lease_ip = 0;
	start_over(c, 0);
}

static void daemonize(struct client_state *c)
{
	if (c->opts & OPT_f)
		return;
	bb_daemonize();
	c->opts |= OPT_f;	/* once */
}

/* -b wins over -n, as in BusyBox; -n matters only until the first lease. */
static void leasefail(struct client_state *c)
{
	bool give_up = (c->opts & OPT_n) && !(c->opts & OPT_b) && !c->ever_bound;

	bb_info_msg("no lease, %s", give_up ? "failing"
		: c->opts & OPT_b ? "forking to background" : "waiting");
	run_script(c, "leasefail", NULL);
	if (give_up) {
		c->done = true;
		c->exit_code = 1;
		return;
	}
	if (c->opts & OPT_b)
		daemonize(c);
	start_over(c, (int64_t)c->tryagain * 1000);
}

/* ---- The ARP check (-a) -------------------------------------------------------- */

static void bound(struct client_state *c, const struct dhcp_message *m);

static void send_arp_probe(struct client_state *c)
{
	uint8_t probe[ARP_PACKET_LEN];

	arp_build_probe(probe, c->ifc.mac, pending_ack.yiaddr);
	if (c->listen_fd < 0 || arp_send(c->listen_fd, c->ifc.ifindex, probe) < 0)
		bb_perror_msg("can't send an ARP probe");
	c->attempts++;
}

/*
 * RFC 5227 2.1.1: probe the address; silence for the whole -a time means
 * it is free. Two probes, the second halfway, and the loop keeps handling
 * signals meanwhile.
 */
static void start_arp_check(struct client_state *c, const struct dhcp_message *ack)
{
	pending_ack = *ack;
	state_transition(c, ARP_CHECK);
	c->arp_end = monotonic_ms() + c->arp_ms;
	bb_info_msg("checking %s with ARP", ip_str(ack->yiaddr));
	send_arp_probe(c);
	c->deadline = monotonic_ms() + c->arp_ms / 2;
}

static void arp_probe_timeout(struct client_state *c)
{
	if (monotonic_ms() < c->arp_end && c->attempts < 2) {
		send_arp_probe(c);
		c->deadline = c->arp_end;
		return;
	}
	bound(c, &pending_ack);
}

static void arp_conflict(struct client_state *c)
{
	bb_info_msg("%s is in use by another host, declining it", ip_str(pending_ack.yiaddr));
	send_decline(c, pending_ack.yiaddr);
	forget_lease(c);
	/* RFC 2131 4.4.1: wait before starting over (BusyBox: -A) */
	start_over(c, (int64_t)c->tryagain * 1000);
}

static void receive_arp(struct client_state *c)
{
	uint8_t pkt[64];
	int n;

	for (int i = 0; i < 16 && c->state == ARP_CHECK; i++) {
		n = arp_recv(c->listen_fd, pkt, sizeof(pkt));
		if (n < 0)
			break;
		if (arp_is_conflict(pkt, (size_t)n, c->ifc.mac, pending_ack.yiaddr))
			arp_conflict(c);
	}
}

/* ---- Timer events ---------------------------------------------------------------- */

static void resend(struct client_state *c, void (*send)(struct client_state *), unsigned tries,
	void (*give_up)(struct client_state *))
{
	if (tries && c->attempts >= tries) {
		give_up(c);
		return;
	}
	send(c);
	c->attempts++;
	c->deadline = monotonic_ms() + (int64_t)c->timeout * 1000;
}

static void reboot_unanswered(struct client_state *c)
{
	bb_info_msg("no answer to INIT-REBOOT, discovering");
	start_discover(c);
}

static void renew_unicast(struct client_state *c)
{
	send_renew(c, false);
}

static void renew_broadcast(struct client_state *c)
{
	send_renew(c, true);
}

static void handle_timeout(struct client_state *c)
{
	int64_t now = monotonic_ms();

	switch (c->state) {
	case INIT:
		start_discover(c);
		break;
	case SELECTING:
		resend(c, send_discover, c->retries, leasefail);
		break;
	case REQUESTING:	/* BusyBox's three tries */
		resend(c, send_select, 3, leasefail);
		break;
	case INIT_REBOOT:
		new_exchange(c);
		state_transition(c, REBOOTING);
		/* fall through */
	case REBOOTING:
		resend(c, send_reboot, 2, reboot_unanswered);
		break;
	case BOUND:
		bb_info_msg("renewing %s at T1", ip_str(c->lease_ip));
		new_exchange(c);
		state_transition(c, RENEWING);
		/* fall through */
	case RENEWING:
		if (now < c->t2) {
			renew_unicast(c);
			c->deadline = next_retransmission(c->t2);
			break;
		}
		bb_info_msg("rebinding %s at T2", ip_str(c->lease_ip));
		state_transition(c, REBINDING);
		/* fall through */
	case REBINDING:
		if (now >= c->expiry) {
			lose_lease(c, "lease lost, starting over");
			break;
		}
		renew_broadcast(c);
		c->deadline = next_retransmission(c->expiry);
		break;
	case RELEASED:
		c->deadline = NEVER;
		break;
	case ARP_CHECK:
		arp_probe_timeout(c);
		break;
	}
}

/* ---- Received messages ------------------------------------------------------------ */

static void bound(struct client_state *c, const struct dhcp_message *m)
{
	bool renewing = c->state == RENEWING || c->state == REBINDING;
	uint32_t server = 0;

	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (server)
		c->server_nip = server;
	set_lease_timers(c, &m->opts);
	c->lease_ip = m->yiaddr;
	c->requested_ip = m->yiaddr;
	c->naks = 0;
	if (c->lease_seconds == 0xffffffff)
		bb_info_msg("lease of %s obtained from %s, infinite", ip_str(m->yiaddr),
			ip_str(c->server_nip));
	else
		bb_info_msg("lease of %s obtained from %s, lease time %lu (T1 %lld s, T2 %lld s)",
			ip_str(m->yiaddr), ip_str(c->server_nip), (unsigned long)c->lease_seconds,
			(long long)((c->t1 - monotonic_ms() + 500) / 1000),
			(long long)((c->t2 - monotonic_ms() + 500) / 1000));
	run_script(c, renewing ? "renew" : "bound", m);
	remember_lease(c);
	state_transition(c, BOUND);
	c->deadline = c->t1;
	c->ever_bound = true;
	if (c->opts & OPT_q) {
		if (c->opts & OPT_R) {
			send_release(c);
			run_script(c, "deconfig", NULL);
		}
		c->done = true;
		return;
	}
	daemonize(c);
}

static void handle_offer(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;

	/* Also in INIT after a failed cycle: a late OFFER still answers our
	 * DISCOVER (same xid), and waiting -A seconds would waste it. */
	if ((c->state != SELECTING && c->state != INIT) || m->yiaddr == 0)
		return;
	/* no server id: BusyBox's "address-less server" case, taken as it is */
	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	bb_info_msg("offer of %s from %s", ip_str(m->yiaddr), ip_str(server));
	c->server_nip = server;
	c->offered_ip = m->yiaddr;
	state_transition(c, REQUESTING);
	resend(c, send_select, 3, leasefail);
}

static void handle_ack(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;

	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (m->yiaddr == 0) {
		bb_debug_msg(1, "ACK without an address, ignored");
		return;
	}
	switch (c->state) {
	case SELECTING:	/* RFC 4039: a rapid commit ACK answers our DISCOVER */
		if (!c->rapid_commit || !udhcp_opt_present(&m->opts, DHCP_RAPID_COMMIT))
			return;
		break;
	case REQUESTING:
		if (c->server_nip && server != c->server_nip) {
			bb_debug_msg(1, "ACK from %s, not our server, ignored", ip_str(server));
			return;
		}
		break;
	case REBOOTING:
	case RENEWING:
	case REBINDING:
		break;
	default:
		return;
	}
	/* a new address is checked first; a renewed one is ours already */
	if (c->arp_ms && c->state != RENEWING && c->state != REBINDING)
		start_arp_check(c, m);
	else
		bound(c, m);
}

static void handle_nak(struct client_state *c, const struct dhcp_message *m)
{
	uint32_t server = 0;
	int64_t backoff;

	udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server);
	if (c->state == SELECTING || c->state == BOUND || c->state == RELEASED || c->state == INIT)
		return;
	if (c->state == REQUESTING && c->server_nip && server != c->server_nip) {
		bb_debug_msg(1, "NAK from %s, not our server, ignored", ip_str(server));
		return;
	}
	bb_info_msg("received NAK from %s", ip_str(server));
	run_script(c, "nak", m);
	/* Back off when NAKs repeat, without blocking: a broken server
	 * must not make us flood it (BusyBox sleeps 3 s). */
	backoff = c->naks++ ? (int64_t)(c->naks < 10 ? c->naks : 10) * c->timeout * 1000 : 0;
	if (c->state != REQUESTING)
		run_script(c, "deconfig", NULL);
	forget_lease(c);
	c->lease_ip = 0;
	start_over(c, backoff);
}

/* The checks every reply passes: ours (xid, chaddr), with a type. */
static unsigned accept_reply(struct client_state *c, const struct dhcp_message *m)
{
	unsigned type = udhcp_message_type(&m->opts);

	if (m->xid != c->xid) {
		bb_debug_msg(2, "reply with xid %08x, not ours, ignored", m->xid);
		return 0;
	}
	if (m->hlen != 6 || memcmp(m->chaddr, c->ifc.mac, 6) != 0) {
		bb_debug_msg(2, "reply for another hardware address, ignored");
		return 0;
	}
	if (!type)
		bb_debug_msg(1, "reply without a message type, ignored");
	else
		bb_debug_msg(1, "received %s", udhcp_message_type_name(type));
	return type;
}

/* One datagram from the listening socket, verified, decoded, handled. */
static bool receive_one(struct client_state *c)
{
	static uint8_t buf[DHCP_MAX_RECV + 64];
	struct udhcp_error err;
	const uint8_t *payload = buf;
	size_t len;
	bool unverified = false;
	ssize_t n = c->listen_mode == LISTEN_RAW
		? udhcp_raw_recv(c->listen_fd, buf, sizeof(buf), &unverified)
		: udhcp_udp_recv(c->listen_fd, buf, sizeof(buf));

	if (n < 0)
		return false;
	len = (size_t)n;
	if (c->listen_mode == LISTEN_RAW && udhcp_verify_ip_udp(buf, len, c->client_port,
			unverified, &payload, &len, &err) < 0) {
		bb_debug_msg(2, "packet dropped: %s", err.msg);
		return true;
	}
	if (udhcp_parse_message(payload, len, BOOTREPLY, &message, &err) < 0) {
		bb_debug_msg(1, "message dropped: %s", err.msg);
		return true;
	}
	switch (accept_reply(c, &message)) {
	case DHCPOFFER:
		handle_offer(c, &message);
		break;
	case DHCPACK:
		handle_ack(c, &message);
		break;
	case DHCPNAK:
		handle_nak(c, &message);
		break;
	default:
		break;
	}
	return true;
}

static void receive_packets(struct client_state *c)
{
	if (c->listen_mode == LISTEN_ARP) {
		receive_arp(c);
		return;
	}
	/* a bounded batch; more waits for the next poll */
	for (int i = 0; i < 16 && !c->done && c->listen_fd >= 0; i++)
		if (!receive_one(c))
			break;
}

/* ---- Signals ------------------------------------------------------------------- */

static bool have_lease(const struct client_state *c)
{
	return c->state == BOUND || c->state == RENEWING || c->state == REBINDING;
}

static void release(struct client_state *c)
{
	if (have_lease(c))
		send_release(c);
	run_script(c, "deconfig", NULL);
	forget_lease(c);
	c->lease_ip = 0;
}

static void handle_signal(struct client_state *c, int sig)
{
	switch (sig) {
	case SIGUSR1:
		bb_info_msg("SIGUSR1: %s", have_lease(c) ? "renewing" : "discovering");
		if (have_lease(c)) {
			new_exchange(c);
			state_transition(c, RENEWING);
			c->deadline = monotonic_ms();
		} else {
			start_over(c, 0);
		}
		break;
	case SIGUSR2:
		bb_info_msg("SIGUSR2: releasing, waiting for SIGUSR1");
		release(c);
		state_transition(c, RELEASED);
		c->deadline = NEVER;
		break;
	case SIGTERM:
	case SIGINT:
		bb_info_msg("received %s", sig == SIGTERM ? "SIGTERM" : "SIGINT");
		if ((c->opts & OPT_R) && have_lease(c))
			release(c);
		c->done = true;
		break;
	}
}

/* ---- The loop -------------------------------------------------------------------- */

static int client_loop(struct client_state *c)
{
	while (!c->done) {
		struct pollfd pfd[2] = {
			{ c->signal_fd, POLLIN, 0 },
			{ c->listen_fd, POLLIN, 0 },
		};
		int64_t wait = c->deadline == NEVER ? -1 : c->deadline - monotonic_ms();
		int sig;

		if (wait > 0 || wait == -1) {
			if (poll(pfd, c->listen_fd >= 0 ? 2 : 1,
					wait > INT32_MAX ? INT32_MAX : (int)wait) < 0 && errno != EINTR)
				bb_perror_msg_and_die("poll");
		}
		while (!c->done && (sig = bb_signalpipe_read()) != 0)
			handle_signal(c, sig);
		if (!c->done && c->listen_fd >= 0 && (pfd[1].revents & POLLIN))
			receive_packets(c);
		if (!c->done && c->deadline != NEVER && monotonic_ms() >= c->deadline)
			handle_timeout(c);
	}
	return c->exit_code;
}

/* ---- Set-up ------------------------------------------------------------------------ */

static void parse_send_options(struct client_state *c, llist_t *list)
{
	c->send_opts = xzalloc((llist_count(list) + 1) * sizeof(*c->send_opts));
	for (; list; list = list->next) {
		struct udhcp_optval *v = &c->send_opts[c->nsend_opts];
		struct udhcp_error err;

		if (udhcp_option_from_arg(list->data, v, &err) < 0)
			bb_error_msg_and_die("-x %s: %s", list->data, err.msg);
		if (v->code == DHCP_RAPID_COMMIT) {
			if (!ENABLE_FEATURE_UDHCP_RAPID_COMMIT)
				bb_error_msg_and_die("rapid commit is not enabled in this build");
			c->rapid_commit = true;
		}
		c->nsend_opts++;
	}
}

static void parse_request_options(struct client_state *c, llist_t *list)
{
	for (; list && c->nreq_codes < sizeof(c->req_codes); list = list->next) {
		const struct udhcp_optdef *d = udhcp_option_by_name(list->data);
		unsigned code;

		if (d)
			code = d->code;
		else if (bb_strtou(list->data, 254, &code) < 0 || code == 0)
			bb_error_msg_and_die("unknown option '%s'", list->data);
		c->req_codes[c->nreq_codes++] = (uint8_t)code;
	}
}

/* Where the lease is remembered: $UDHCPC_STATE_DIR or the Kconfig default. */
static void find_state_file(struct client_state *c)
{
	const char *dir = getenv("UDHCPC_STATE_DIR");

	if (!dir)
		dir = CONFIG_UDHCPC_STATE_DIR;
	if (!dir[0])
		return;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		bb_perror_msg("can't create %s: not remembering the lease", dir);
		return;
	}
	c->state_file = xasprintf("%s/%s.lease", dir, c->ifname);
}

/* INIT-REBOOT with an unexpired remembered lease; else DISCOVER, asking
 * for the remembered address (or -r). */
static void choose_first_state(struct client_state *c)
{
	struct remembered_lease l;
	int64_t now = time(NULL);

	if (!c->requested_ip && c->state_file && udhcp_lease_memo_load(c->state_file, &l) == 0) {
		c->requested_ip = l.ip;
		if (l.lease == 0xffffffff || l.obtained + l.lease > now) {
			bb_info_msg("asking for the remembered %s (INIT-REBOOT)", ip_str(l.ip));
			state_transition(c, INIT_REBOOT);
			return;
		}
	}
	state_transition(c, INIT);
}

static void setup(struct client_state *c)
{
	static const int signals[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGINT, 0 };

	if (udhcp_iface_read(c->ifname, &c->ifc) < 0)
		bb_perror_msg_and_die("can't use interface %s", c->ifname);
	c->send_fd = udhcp_raw_sender();
	if (c->send_fd < 0)
		bb_perror_msg_and_die("can't open a raw socket");
	c->signal_fd = bb_signalpipe_open(signals);
	signal(SIGPIPE, SIG_IGN);
	srandom((unsigned)(monotonic_ms() ^ getpid() ^ c->ifc.mac[5] << 8 ^ c->ifc.mac[4] << 16));
	c->listen_fd = -1;
	c->listen_mode = LISTEN_NONE;
	find_state_file(c);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION " on %s", c->ifname);
	run_script(c, "deconfig", NULL);
	choose_first_state(c);
	c->deadline = monotonic_ms();
}

int udhcpc_main(int argc, char **argv)
{
	struct client_state *c = &client;
	char *str_V = NULL, *str_F = NULL, *str_p = NULL, *str_r = NULL, *str_a = NULL;
	char *str_i = (char *)CONFIG_UDHCPC_DEFAULT_INTERFACE, *str_s = (char *)CONFIG_UDHCPC_DEFAULT_SCRIPT;
	llist_t *list_O = NULL, *list_x = NULL;
	unsigned port = DHCP_CLIENT_PORT;
	struct in_addr a;

	(void)argc;
	c->timeout = 3;
	c->retries = 3;
	c->tryagain = 20;
	c->opts = getopt32(argv, option_spec, &str_V, &str_F, &str_i, &str_p, &str_r, &str_s,
		&c->timeout, &c->retries, &c->tryagain, &list_O, &list_x, &port, &bb_verbose, &str_a);
	if (argv[optind])
		bb_show_usage();
	if ((c->opts & OPT_P) && (!ENABLE_FEATURE_UDHCP_PORT || port < 2 || port > 65535))
		bb_error_msg_and_die("bad port %u", port);
	c->ifname = str_i;
	c->script = str_s;
	c->vendor = str_V;
	if (str_F && !udhcp_valid_hostname(str_F, strlen(str_F)))
		bb_error_msg_and_die("bad name for -F: '%s'", str_F);
	c->fqdn = str_F;
	c->client_port = (uint16_t)port;
	c->server_port = (uint16_t)(port - 1);
	if (str_r) {
		if (inet_pton(AF_INET, str_r, &a) != 1)
			bb_error_msg_and_die("bad IP address '%s'", str_r);
		c->requested_ip = a.s_addr;
	}
	if (c->timeout == 0)
		c->timeout = 1;
	if (c->opts & OPT_a)
		c->arp_ms = str_a ? xatou(str_a) : 2000;
	parse_send_options(c, list_x);
	parse_request_options(c, list_O);
	llist_free(list_x, NULL);	/* the values are copied; the words are argv's */
	llist_free(list_O, NULL);
	if (c->opts & OPT_S)
		bb_logmode_syslog();
	if (str_p)
		write_pidfile(str_p);
	setup(c);
	return client_loop(c);
}
