/*
 * udhcpd: the DHCPv4 server, with BusyBox's command line and udhcpd.conf
 * keywords. This file is the daemon around the server's code: options,
 * the socket, signals and the poll loop. Each batch of waiting requests
 * is answered (decide.c), then the journal is fsynced once and the
 * held ACKs leave (journal.c); the ARP check runs on timers
 * (serverprobe.c).
 */
#include "applets.h"
#include "os/socket.h"
#include "server/server.h"

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>

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
		conf_free(cfg);
		return -1;
	}
	for (const char *w = cfg->warnings; *w; w += strcspn(w, "\n") + (w[strcspn(w, "\n")] != 0))
		bb_error_msg("%s: %.*s", path, (int)strcspn(w, "\n"), w);
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
	s->fd = udhcp_udp_listen(s->cfg.interface, INADDR_ANY, s->server_port);
	if (s->fd < 0)
		bb_perror_msg_and_die("can't listen on %s port %u", s->cfg.interface, s->server_port);
}

static void reload(struct server_state *s)
{
	struct server_config fresh;

	bb_info_msg("SIGHUP: reloading %s", s->conf_path);
	if (read_config(s->conf_path, &fresh) < 0 || server_apply_config(s, &fresh) < 0) {
		bb_error_msg("keeping the old configuration");
		return;
	}
	bb_info_msg("configuration reloaded");
}

static void handle_signal(struct server_state *s, int sig)
{
	if (sig == SIGUSR1) {
		bb_info_msg("SIGUSR1: rewriting %s", s->cfg.lease_file);
		server_compact(s, "SIGUSR1");
	} else if (sig == SIGHUP) {
		reload(s);
	} else {
		bb_info_msg("received %s, exiting: %lu ACKs with %lu fsyncs, %lu ARP probes, %lu conflicts",
			sig == SIGTERM ? "SIGTERM" : "SIGINT", s->acks, s->fsyncs, s->probes_sent, s->conflicts);
		server_compact(s, "exit");
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
		int timeout = probe_run_timers(s), upkeep, sig;

		server_flush(s);	/* the timers may have acknowledged (rapid commit) */
		upkeep = server_upkeep_timeout(s);	/* after the flush: it may have broken the journal */
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
		server_upkeep(s);
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
	if (server_start(s) < 0)
		xfunc_die();
	probe_setup(s);
	s->signal_fd = bb_signalpipe_open(signals);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION);
	return server_loop(s);
}
