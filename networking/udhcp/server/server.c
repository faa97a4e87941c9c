/*
 * udhcpd: the DHCPv4 server, with BusyBox's command line and udhcpd.conf
 * keywords. This file sets up, runs the loop, and keeps the journal: every
 * ACK's lease is in the lease file, fsynced, before the ACK leaves, and the
 * ACKs of one batch of requests share one fsync (group commit). The
 * answers are in serverreq.c, the ARP check before offers in serverprobe.c.
 */
#include "applets.h"
#include "server/leasefile.h"
#include "os/script.h"
#include "server/server.h"
#include "os/socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>

const char udhcpd_usage[] =
	"[-fS] [-I ADDR] [-a MSEC] [-P PORT] [-v] [CONFFILE]\n"
	"\n"
	"DHCP server (default config /etc/udhcpd.conf)\n"
	"\n"
	"\t-f\tRun in foreground\n"
	"\t-S\tLog to syslog too\n"
	"\t-I ADDR\tLocal address (default: the interface's)\n"
	"\t-a MSEC\tARP probe of a new address before offering it (default 2000, 0: none)\n"
	"\t-P PORT\tUse PORT (default 67); clients are at PORT+1\n"
	"\t-v\tVerbose (-v -v: every packet)\n"
	"Signals: USR1 rewrites the lease file, HUP reloads the config, TERM exits\n";

enum { OPT_f = 1 << 0, OPT_S = 1 << 1, OPT_I = 1 << 2, OPT_a = 1 << 3, OPT_P = 1 << 4 };
enum { BATCH_MAX = 64 };	/* requests handled between two fsyncs at most */

static struct server_state server;

int64_t server_now(void)
{
	return time(NULL);
}

int64_t server_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *server_ip_str(uint32_t host_order)
{
	static char buf[4][INET_ADDRSTRLEN];
	static int i;
	struct in_addr a = { htonl(host_order) };

	i = (i + 1) % 4;
	return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

const char *server_mac_str(const uint8_t *mac)
{
	static char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* ---- The pool's view of the lease table ----------------------------------- */

static bool view_is_free(void *ctx, uint32_t ip)
{
	const struct server_state *s = ctx;

	return server_ip_usable(s, ip) && !probe_holds(s, ip);
}

static bool view_is_unused(void *ctx, uint32_t ip)
{
	const struct server_state *s = ctx;

	return !lease_by_ip(&s->leases, ip) && view_is_free(ctx, ip);
}

static bool view_is_current(void *ctx, uint32_t ip, int64_t expires)
{
	const struct server_state *s = ctx;
	const struct lease *l = lease_by_ip(&s->leases, ip);

	return l && l->expires == expires;
}

void server_note_lease(struct server_state *s, const struct lease *l)
{
	if (pool_note(&s->pool, l->ip, l->expires, &s->view) < 0)
		bb_error_msg("out of memory: %s is reclaimed after a restart only", server_ip_str(l->ip));
}

/* The pool from the configured ranges and the leases (start, SIGHUP). */
int server_pool_reset(struct server_state *s)
{
	uint32_t ranges[MAX_RANGES][2];

	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		ranges[i][0] = s->cfg.ranges[i].start;
		ranges[i][1] = s->cfg.ranges[i].end;
	}
	pool_free(&s->pool);
	probe_reset(s);
	s->view = (struct pool_view){ view_is_free, view_is_unused, view_is_current, s };
	if (pool_init(&s->pool, (const uint32_t (*)[2])ranges, s->cfg.nranges) < 0)
		return -1;
	for (unsigned i = 0; i < s->leases.capacity; i++)
		if (s->leases.leases[i].state != LEASE_FREE)
			server_note_lease(s, &s->leases.leases[i]);
	return 0;
}

/* ---- The journal -------------------------------------------------------------- */

int server_journal(struct server_state *s, const struct lease *l)
{
	struct lease_record r;

	lease_to_record(l, &r);
	if (s->journal_fd < 0 || leasefile_append(s->journal_fd, &r, 1) < 0) {
		bb_perror_msg("can't write %s", s->cfg.lease_file);
		return -1;
	}
	s->unsynced++;
	s->journaled_since_compact++;
	return 0;
}

void server_send(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port, bool hold)
{
	if (hold && s->unsynced) {
		struct held_reply *h;

		if (s->nheld == HELD_MAX)
			server_flush(s);
		if (s->unsynced) {
			h = &s->held[s->nheld++];
			memcpy(&h->pkt, &b->pkt, len);
			h->len = len;
			h->dst = dst;
			h->port = port;
			return;
		}
	}
	if (hold)
		s->acks++;
	if (udhcp_udp_send(s->fd, &b->pkt, len, dst, port) < 0)
		bb_perror_msg("can't send to %s", server_ip_str(ntohl(dst)));
}

/* notify_file runs after the lease file is written (BusyBox's semantics). */
void server_flush(struct server_state *s)
{
	unsigned n = s->nheld;

	if (!s->unsynced)
		return;
	s->unsynced = 0;
	s->nheld = 0;
	if (leasefile_sync(s->journal_fd) < 0) {
		bb_perror_msg("can't sync %s: %u ACKs not sent", s->cfg.lease_file, n);
		return;
	}
	s->fsyncs++;
	for (unsigned i = 0; i < n; i++) {
		struct held_reply *h = &s->held[i];

		s->acks++;
		if (udhcp_udp_send(s->fd, &h->pkt, h->len, h->dst, h->port) < 0)
			bb_perror_msg("can't send to %s", server_ip_str(ntohl(h->dst)));
	}
	if (s->cfg.notify_file[0]) {
		char **env = udhcp_script_env(s->cfg.interface, NULL);

		udhcp_run_script(s->cfg.notify_file, s->cfg.lease_file, env);
		udhcp_script_env_free(env);
	}
}

static void compact(struct server_state *s, const char *why)
{
	server_flush(s);
	s->last_compact = server_now();
	if (leasefile_rewrite(s->cfg.lease_file, &s->leases) < 0) {
		bb_perror_msg("can't rewrite %s", s->cfg.lease_file);
		return;
	}
	s->journaled_since_compact = 0;
	bb_debug_msg(1, "%s rewritten (%s): %u leases", s->cfg.lease_file, why, s->leases.used);
	if (s->journal_fd >= 0)
		close(s->journal_fd);
	s->journal_fd = open(s->cfg.lease_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (s->journal_fd < 0)
		bb_perror_msg("can't open %s", s->cfg.lease_file);
}

/* Every auto_time seconds (BusyBox's lease-file write period) when the
 * journal grew, and whenever it holds far more records than leases. */
static void maybe_compact(struct server_state *s)
{
	bool due = s->cfg.auto_time && s->journaled_since_compact
		&& server_now() - s->last_compact >= s->cfg.auto_time;

	if (due)
		compact(s, "auto_time");
	else if (s->journaled_since_compact > 4 * s->leases.used + 1024)
		compact(s, "journal grown");
}

/* Milliseconds until maybe_compact has work (-1: none), for poll. */
static int compact_timeout(const struct server_state *s)
{
	int64_t left;

	if (!s->cfg.auto_time || !s->journaled_since_compact)
		return -1;
	left = s->last_compact + s->cfg.auto_time - server_now();
	return left <= 0 ? 0 : (int)(left > 60 ? 60000 : left * 1000);
}

static void load_record(const struct lease_record *r, void *ctx)
{
	struct server_state *s = ctx;
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = r->uid_len;
	struct lease *old, *l;

	if (len) {
		memcpy(key, r->uid, len);
	} else {
		key[0] = DHCP_HTYPE_ETHERNET;
		memcpy(key + 1, r->chaddr, 6);
		len = 7;
	}
	/* a later record supersedes the earlier ones of its address and client */
	if ((old = lease_by_ip(&s->leases, r->ip)) != NULL)
		lease_remove(&s->leases, old);
	if ((old = lease_by_key(&s->leases, key, len)) != NULL)
		lease_remove(&s->leases, old);
	if (r->state == LEASE_FREE || pool_range_of(&s->pool, r->ip) < 0)
		return;
	l = lease_add(&s->leases, key, len, r->ip);
	if (!l)
		return;
	l->state = r->state;
	l->starts = r->starts;
	l->expires = r->ends;
	memcpy(l->chaddr, r->chaddr, 6);
	strcpy(l->hostname, r->hostname);
}

static void load_leases(struct server_state *s)
{
	char *text = bb_read_text_file(s->cfg.lease_file);
	unsigned bad = 0, n = 0;

	if (text) {
		n = leasefile_parse(text, load_record, s, &bad);
		free(text);
	}
	bb_info_msg("%u lease records read from %s%s", n, s->cfg.lease_file,
		bad ? ", bad ones skipped" : "");
	if (bad)
		bb_error_msg("%u bad records in %s skipped", bad, s->cfg.lease_file);
	compact(s, "start");
}

/* ---- Set-up and loop -------------------------------------------------------------- */

/*
 * A range is served to the link whose subnet holds it: ours, or a relay's
 * (giaddr). One that crosses a subnet boundary cannot be reached as a
 * whole from any link, so it is refused rather than half served.
 */
static int check_ranges(const struct server_state *s, const struct server_config *cfg)
{
	for (unsigned i = 0; i < cfg->nranges; i++) {
		const struct server_range *r = &cfg->ranges[i];
		uint32_t mask = server_range_mask(s, cfg, r);

		if ((r->start & mask) != (r->end & mask)) {
			bb_error_msg("range %s - %s spans more than one subnet of netmask %s:"
				" no link can reach all of it", server_ip_str(r->start), server_ip_str(r->end),
				server_ip_str(mask));
			return -1;
		}
	}
	return 0;
}

static void log_ranges(const struct server_state *s)
{
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		const struct server_range *r = &s->cfg.ranges[i];

		bb_info_msg("serving %s - %s %s", server_ip_str(r->start), server_ip_str(r->end),
			server_range_is_local(s, r->start) ? "on the local link"
			: "to relayed requests from its subnet only (giaddr)");
	}
}

/* The config file into cfg; -1, with the reason logged, if it is unusable. */
static int read_config(const char *path, struct server_config *cfg)
{
	struct udhcp_error err;
	char *text = bb_read_text_file(path);
	int r;

	if (!text) {
		bb_perror_msg("can't read %s", path);
		return -1;
	}
	udhcpd_config_defaults(cfg);
	r = udhcpd_config_parse(text, path, cfg, &err);
	free(text);
	if (r < 0) {
		bb_error_msg("%s", err.msg);
		return -1;
	}
	if (cfg->warnings[0])
		bb_error_msg("%s: %.*s", path, (int)strcspn(cfg->warnings, "\n"), cfg->warnings);
	return 0;
}

static void setup_network(struct server_state *s, const char *str_I)
{
	struct in_addr a;

	if (udhcp_iface_ipv4(s->cfg.interface, &s->server_nip, &s->netmask) < 0) {
		if (!str_I)
			bb_perror_msg_and_die("interface %s has no IPv4 address", s->cfg.interface);
		s->netmask = htonl(0xffffff00);
	}
	if (str_I) {
		if (inet_pton(AF_INET, str_I, &a) != 1)
			bb_error_msg_and_die("bad address '%s'", str_I);
		s->server_nip = a.s_addr;
	}
	if (check_ranges(s, &s->cfg) < 0)
		xfunc_die();
	s->fd = udhcp_udp_listen(s->cfg.interface, INADDR_ANY, s->server_port);
	if (s->fd < 0)
		bb_perror_msg_and_die("can't listen on %s port %u", s->cfg.interface, s->server_port);
	log_ranges(s);
}

static void reload(struct server_state *s)
{
	static struct server_config fresh;

	bb_info_msg("SIGHUP: reloading %s", s->conf_path);
	if (read_config(s->conf_path, &fresh) < 0 || check_ranges(s, &fresh) < 0) {
		bb_error_msg("keeping the old configuration");
		return;
	}
	/* the socket, the journal and the pidfile stay as they are */
	strcpy(fresh.interface, s->cfg.interface);
	strcpy(fresh.lease_file, s->cfg.lease_file);
	strcpy(fresh.pidfile, s->cfg.pidfile);
	s->cfg = fresh;
	if (server_pool_reset(s) < 0)
		bb_error_msg_and_die("out of memory");
	log_ranges(s);
	bb_info_msg("configuration reloaded");
}

static void handle_signal(struct server_state *s, int sig)
{
	if (sig == SIGUSR1) {
		bb_info_msg("SIGUSR1: rewriting %s", s->cfg.lease_file);
		compact(s, "SIGUSR1");
	} else if (sig == SIGHUP) {
		reload(s);
	} else {
		bb_info_msg("received %s, exiting: %lu ACKs with %lu fsyncs, %lu ARP probes, %lu conflicts",
			sig == SIGTERM ? "SIGTERM" : "SIGINT", s->acks, s->fsyncs, s->probes_sent, s->conflicts);
		compact(s, "exit");
		s->done = true;
	}
}

/* Up to BATCH_MAX waiting requests, answered; their ACKs share one fsync. */
static void handle_batch(struct server_state *s)
{
	static uint8_t buf[DHCP_MAX_RECV];

	for (int i = 0; i < BATCH_MAX; i++) {
		ssize_t n = udhcp_udp_recv(s->fd, buf, sizeof(buf));

		if (n < 0)
			break;
		server_handle_message(s, buf, (size_t)n);
	}
}

static int server_loop(struct server_state *s)
{
	while (!s->done) {
		struct pollfd pfd[3] = { { s->signal_fd, POLLIN, 0 }, { s->fd, POLLIN, 0 }, { s->arp_fd, POLLIN, 0 } };
		int timeout = probe_run_timers(s), upkeep = compact_timeout(s), sig;

		server_flush(s);	/* the timers may have acknowledged (rapid commit) */
		if (upkeep >= 0 && (timeout < 0 || upkeep < timeout))
			timeout = upkeep;
		if (poll(pfd, s->arp_fd >= 0 ? 3 : 2, timeout) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while (!s->done && (sig = bb_signalpipe_read()) != 0)
			handle_signal(s, sig);
		if (s->done)
			break;
		if (s->arp_fd >= 0 && (pfd[2].revents & POLLIN))
			probe_read_arp(s);
		if (pfd[1].revents & POLLIN)
			handle_batch(s);
		server_flush(s);
		maybe_compact(s);
	}
	return 0;
}

int udhcpd_main(int argc, char **argv)
{
	static const int signals[] = { SIGUSR1, SIGHUP, SIGTERM, SIGINT, 0 };
	struct server_state *s = &server;
	char *str_I = NULL;
	unsigned port = DHCP_SERVER_PORT;
	uint32_t opts;
	uint64_t pool = 0;

	(void)argc;
	s->arp_ms = 2000;
	s->arp_fd = s->journal_fd = -1;
	opts = getopt32(argv, "fSI:a:+P:+v+", &str_I, &s->arp_ms, &port, &bb_verbose);
	s->conf_path = argv[optind] ? argv[optind] : "/etc/udhcpd.conf";
	if (port == 0 || port > 65534)
		bb_error_msg_and_die("bad port %u", port);
	s->server_port = (uint16_t)port;
	s->client_port = (uint16_t)(port + 1);
	if (opts & OPT_S)
		bb_logmode_syslog();
	if (read_config(s->conf_path, &s->cfg) < 0)
		xfunc_die();
	if (!(opts & OPT_f))
		bb_daemonize();
	if (s->cfg.pidfile[0])
		write_pidfile(s->cfg.pidfile);
	setup_network(s, str_I);
	for (unsigned i = 0; i < s->cfg.nranges; i++)
		pool += s->cfg.ranges[i].end - s->cfg.ranges[i].start + 1ull;
	if (lease_table_init(&s->leases, (unsigned)(pool < s->cfg.max_leases ? pool : s->cfg.max_leases)
			+ s->cfg.nstatics + 16) < 0 || server_pool_reset(s) < 0)
		bb_error_msg_and_die("out of memory");
	load_leases(s);
	if (server_pool_reset(s) < 0)
		bb_error_msg_and_die("out of memory");
	probe_setup(s);
	s->signal_fd = bb_signalpipe_open(signals);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION);
	return server_loop(s);
}
