/*
 * udhcpd: the DHCPv4 server, with BusyBox's command line and udhcpd.conf
 * keywords. This file is the daemon around the server's code: options,
 * the socket, signals and the poll loop. Each batch of waiting requests
 * is answered (decide.c), then the journal is fsynced once and the
 * held ACKs leave (journal.c); the ARP check runs on timers
 * (serverprobe.c).
 */
#include "applets.h"
#include "os/file.h"
#include "os/resolve.h"
#include "os/socket.h"
#include "server/server.h"

#include <arpa/inet.h>
#include <limits.h>
#include <poll.h>
#include <syslog.h>
#include <signal.h>

const char udhcpd_usage[] =
	"[-fdtS] [-I ADDR] [-a MSEC] [-P PORT] [-v] [-l LEASEFILE] [-F PIDFILE]\n"
	IF_FEATURE_UDHCPD_USER("\t[-u USER[:GROUP]] [-g GROUP]") IF_FEATURE_UDHCPD_SECCOMP(" [-Z]")
	IF_FEATURE_UDHCPD_USER("\n") IF_NOT_FEATURE_UDHCPD_USER(IF_FEATURE_UDHCPD_SECCOMP("\n"))
	"\t[-c CONFFILE | CONFFILE] [IFACE]...\n"
	IF_FEATURE_VERBOSE_USAGE(
	"\n"
	"DHCP server (default config /etc/udhcpd.conf). CONFFILE is BusyBox's\n"
	"udhcpd.conf, or ISC's dhcpd.conf when a line ends in ; { or }. IFACEs:\n"
	"the interfaces to serve (default: the config's; for a dhcpd.conf, every\n"
	"interface whose address is in a declared subnet)\n"
	"\n"
	"\t-f\tRun in foreground\n"
	"\t-d\tRun in foreground, log to stderr (ISC's -d)\n"
	"\t-t\tCheck the config, print what it would serve, exit\n"
	"\t-c FILE\tThe config (ISC's -cf); then every argument is an IFACE\n"
	"\t-l FILE\tThe lease file (ISC's -lf), whatever the config says\n"
	"\t-F FILE\tThe pid file (ISC's -pf), whatever the config says\n"
	"\t-4 -q\tAccepted, as dhcpd's (IPv4 is all there is; -q: no banner)\n"
	"\t-S\tLog to syslog too\n"
	"\t-I ADDR\tLocal address (default: the interface's)\n"
	"\t-a MSEC\tARP probe of a new address before offering it (default 2000, 0: none)\n"
	"\t-P PORT\tUse PORT (default 67; dhcpd's -p too); clients are at PORT+1\n"
	"\t-v\tVerbose (-v -v: every packet)\n"
	IF_FEATURE_UDHCPD_USER(
	"\t-u USER[:GROUP] Run as USER once the sockets are open (ISC's -user)\n"
	"\t-g GROUP\tWith -u: as GROUP (ISC's -group; default USER's)\n")
	IF_FEATURE_UDHCPD_SECCOMP(
	"\t-Z\tNo seccomp filter of the system calls\n")
	"Signals: USR1 rewrites the lease file, HUP reloads the config, TERM exits\n"
	);

enum {
	OPT_f = 1 << 0, OPT_S = 1 << 1, OPT_I = 1 << 2, OPT_a = 1 << 3, OPT_P = 1 << 4,
	OPT_v = 1 << 5, OPT_d = 1 << 6, OPT_t = 1 << 7, OPT_c = 1 << 8, OPT_l = 1 << 9,
	OPT_F = 1 << 10, OPT_4 = 1 << 11, OPT_q = 1 << 12,
	OPT_u = (1 << 13) * ENABLE_FEATURE_UDHCPD_USER,
	OPT_g = (1 << 14) * ENABLE_FEATURE_UDHCPD_USER,
	OPT_Z = (1 << (13 + 2 * ENABLE_FEATURE_UDHCPD_USER)) * ENABLE_FEATURE_UDHCPD_SECCOMP,
};
enum { BATCH_MAX = 64 };	/* requests handled between two fsyncs at most */
/* Debian's isc-dhcp-server paths (dhcpd(8) FILES) */
#define ISC_LEASE_FILE "/var/lib/dhcp/dhcpd.leases"
#define ISC_PID_FILE "/var/run/dhcpd.pid"

static bool interfaces_named;	/* on the command line: a reload keeps them */

/* A config file's text; a NUL byte in it is refused (EINVAL): the parsers
 * would stop there and silently ignore the rest. */
static char *read_conf_text(const char *path)
{
	size_t len;
	char *text = bb_read_file(path, &len);

	if (text && strlen(text) != len) {
		free(text);
		errno = EINVAL;
		return NULL;
	}
	return text;
}

/* ISC's include: the path as written, from the working directory. */
static char *read_include(void *ctx, const char *path)
{
	(void)ctx;
	return read_conf_text(path);
}

/* Host names in fixed-address and server options, resolved once at load
 * (a dhcpd.conf's only: without it no resolver is linked). */
#if ENABLE_FEATURE_UDHCPD_ISC_CONF
_Static_assert((int)OS_RESOLVE_NOT_ASKED == (int)CONF_NOT_ASKED, "os_resolve answers as the parser asks");
static int resolve_name(void *ctx, const char *name, uint32_t *ip)
{
	(void)ctx;
	return os_resolve(name, ip);
}
#else
#define resolve_name NULL
#endif

/* A read's errors (every error of a dhcpd.conf, as dhcpd -t prints them)
 * or warnings: the kept lines, then how many more there were. */
static void log_lines(char (*lines)[CONF_LINE_LEN], unsigned count, unsigned kept,
	const char *what)
{
	for (unsigned i = 0; i < count && i < kept; i++)
		bb_error_msg("%s", lines[i]);
	if (count > kept)
		bb_error_msg("... and %u more %s", count - kept, what);
}

/* The config file into cfg; -1, with the reasons logged (a dhcpd.conf's
 * every error), if it is unusable. */
static int read_config(const char *path, struct server_config *cfg, bool warn)
{
	static const struct conf_isc_io io = { read_include, resolve_name, NULL };
	struct conf_errors all;
	struct udhcp_error err;
	char *text = read_conf_text(path);
	int r;

	if (!text) {
		if (errno == EINVAL)
			bb_error_msg("%s holds a NUL byte: not a config file", path);
		else
			bb_perror_msg("can't read %s", path);
		return -1;
	}
	udhcpd_config_defaults(cfg);
	all.count = 0;
	if (conf_text_is_isc(text)) {
		/* ISC's files unless the config names others (lease-file-name,
		 * pid-file-name): udhcpd takes over dhcpd's leases where they are */
		strcpy(cfg->lease_file, ISC_LEASE_FILE);
		strcpy(cfg->pidfile, ISC_PID_FILE);
		cfg->max_leases = UINT_MAX;	/* ISC has no such cap: a lease per address */
		r = conf_isc_parse_all(text, path, &io, cfg, &err, &all);
	} else
		r = udhcpd_config_parse(text, path, cfg, &err);
	free(text);
	if (r < 0) {
		if (all.count)
			log_lines(all.lines, all.count, CONF_ERRORS_MAX, "errors");
		else
			bb_error_msg("%s", err.msg);
		conf_free(cfg);
		return -1;
	}
	if (warn)
		log_lines(cfg->warnings.lines, cfg->warnings.count, CONF_WARNINGS_MAX, "warnings");
	return 0;
}

static int add_interface(struct server_config *cfg, const char *name)
{
	for (unsigned i = 0; i < cfg->ninterfaces; i++)
		if (strcmp(cfg->interfaces[i], name) == 0)
			return 0;
	if (strlen(name) >= sizeof(cfg->interfaces[0]) || cfg->ninterfaces == CONF_INTERFACES_MAX) {
		bb_error_msg("bad interface name '%s', or more than %u", name, CONF_INTERFACES_MAX);
		return -1;
	}
	strcpy(cfg->interfaces[cfg->ninterfaces++], name);
	return 0;
}

static void match_iface(void *ctx, const char *name, uint32_t nip, uint32_t mask)
{
	struct server_config *cfg = ctx;

	(void)mask;
	if (conf_subnet_of(cfg, ntohl(nip)))
		add_interface(cfg, name);
}

/*
 * The interfaces to serve (cfg->interfaces): named on the command line,
 * else the config's (udhcpd.conf's one "interface", ISC's "interface"
 * statements), else for a dhcpd.conf every interface whose address is in
 * a declared subnet, as dhcpd does. A udhcpd.conf serves one.
 */
static int choose_interfaces(struct server_config *cfg, char **names)
{
	if (names && names[0]) {
		cfg->ninterfaces = 0;
		for (; *names; names++)
			if (add_interface(cfg, *names) < 0)
				return -1;
	} else if (!cfg->isc) {
		cfg->ninterfaces = 0;
		add_interface(cfg, cfg->interface);
	} else if (!cfg->ninterfaces && (udhcp_iface_each_ipv4(match_iface, cfg) < 0 || !cfg->ninterfaces)) {
		bb_error_msg("no interface has an address in a declared subnet: name one");
		return -1;
	}
	if (!cfg->isc && cfg->ninterfaces > 1) {
		bb_error_msg("a udhcpd.conf serves one interface: write a dhcpd.conf for several");
		return -1;
	}
	strcpy(cfg->interface, cfg->interfaces[0]);
	return 0;
}

static const char *text_ip(uint32_t host_order, char *buf)
{
	return udhcp_ip_text(htonl(host_order), buf);
}

static unsigned isc_ping_ms(const struct server_config *cfg)
{
	const struct conf_scope *g = cfg->global;
	bool on = !g || !(g->set & (1u << CP_PING_CHECK)) || g->value[CP_PING_CHECK];
	uint32_t timeout = g && (g->set & (1u << CP_PING_TIMEOUT)) ? g->value[CP_PING_TIMEOUT] : 1;

	/* at most 10 s: the probe must end well inside offer_time (60 s), the
	 * reservation a DISCOVER makes for its OFFER */
	return on ? (timeout > 10 ? 10000 : 1000 * timeout) : 0;
}

/* -t: what the configuration would serve, like dhcpd -t (on stdout). */
static void print_config(const char *path, const struct server_config *cfg)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

	printf("%s: %s, no errors\n", path, cfg->isc ? "ISC dhcpd.conf" : "udhcpd.conf");
	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		const struct conf_subnet *sn = cfg->subnets[i];
		unsigned n = 0;

		printf("subnet %s netmask %s%s%s\n", text_ip(sn->net, a), text_ip(sn->mask, b),
			sn->shared ? " in shared-network " : "", sn->shared ? sn->shared->name : "");
		for (unsigned j = 0; j < cfg->nranges; j++) {
			if (cfg->ranges[j].subnet != sn)
				continue;
			printf("  range %s %s%s\n", text_ip(cfg->ranges[j].start, a),
				text_ip(cfg->ranges[j].end, b), cfg->ranges[j].pool ? " (pool)" : "");
			n++;
		}
		if (!n)
			printf("  no range\n");
	}
	for (unsigned j = 0; j < cfg->nranges; j++)
		if (!cfg->ranges[j].subnet)
			printf("range %s %s (its subnet comes from the interface at start)\n",
				text_ip(cfg->ranges[j].start, a), text_ip(cfg->ranges[j].end, b));
	printf("hosts: %u (%u fixed addresses)\n", cfg->nhosts, cfg->nstatics);
	printf("interfaces:");
	for (unsigned i = 0; i < cfg->ninterfaces; i++)
		printf(" %s", cfg->interfaces[i]);
	printf("%s\n", cfg->ninterfaces ? "" : " none found");
	printf("lease file: %s\n", cfg->lease_file);
}

/* A socket on each interface to serve, with its address (-I ADDR: the
 * first's); links[0] is then the link in use. */
static void setup_network(struct server_state *s, const char *str_I)
{
	struct in_addr a;

	s->nlinks = s->cfg.ninterfaces;
	s->links = xzalloc(sizeof(*s->links) * s->nlinks);
	for (unsigned i = 0; i < s->nlinks; i++) {
		struct server_link *l = &s->links[i];

		strcpy(l->name, s->cfg.interfaces[i]);
		l->arp_fd = -1;
		if (udhcp_iface_ipv4(l->name, &l->nip, &l->netmask) < 0) {
			if (!str_I || i)
				bb_perror_msg_and_die("interface %s has no IPv4 address", l->name);
			l->netmask = htonl(0xffffff00);
		}
		if (str_I && i == 0) {
			if (inet_pton(AF_INET, str_I, &a) != 1)
				bb_error_msg_and_die("bad address '%s'", str_I);
			l->nip = a.s_addr;
		}
		l->fd = udhcp_udp_listen(l->name, INADDR_ANY, s->server_port);
		if (l->fd < 0)
			bb_perror_msg_and_die("can't listen on %s port %u", l->name, s->server_port);
		if (s->nlinks > 1)
			bb_info_msg("serving %s (%s)", l->name, server_ip_str(ntohl(l->nip)));
	}
	server_use_link(s, 0);
}

/* Taking over from ISC dhcpd: its lease file stays as LEASEFILE~ (where
 * dhcpd keeps its previous one) before udhcpd first rewrites it. */
static void keep_isc_leases(const char *path)
{
	char head[512];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return;
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	if (!strstr(head, "written by isc-dhcp"))
		return;
	if (os_file_keep_previous(path) < 0)
		bb_perror_msg("can't keep ISC dhcpd's %s as %s~", path, path);
	else
		bb_info_msg("ISC dhcpd's leases are taken over; its file stays as %s~", path);
}

/*
 * What a new configuration would need that a reload cannot give: a socket
 * on an interface not served (opening it needs root, and the sockets are
 * only opened at start), or a program to run under the seccomp filter.
 * The reason, or NULL.
 */
static const char *reload_needs_restart(const struct server_state *s, const struct server_config *fresh,
	char *why, size_t cap)
{
	unsigned n = fresh->isc ? fresh->ninterfaces : 1;

	for (unsigned i = 0; !interfaces_named && i < n; i++) {
		const char *name = fresh->isc ? fresh->interfaces[i] : fresh->interface;
		unsigned j = 0;

		while (j < s->nlinks && strcmp(s->links[j].name, name) != 0)
			j++;
		if (j < s->nlinks)
			continue;
		snprintf(why, cap, "interface %s has no socket: restart udhcpd to serve it%s%s%s", name,
			s->run_user ? " (opening one needs root; udhcpd runs as " : "",
			s->run_user ? s->run_user : "", s->run_user ? ")" : "");
		return why;
	}
	if (s->seccomp_on && fresh->notify_file[0]) {
		snprintf(why, cap, "notify_file %s would run under the seccomp filter: restart udhcpd",
			fresh->notify_file);
		return why;
	}
	return NULL;
}

static void reload(struct server_state *s)
{
	struct server_config fresh;
	char why[400];
	const char *restart;
	int r;

	bb_info_msg("SIGHUP: reloading %s", s->conf_path);
	os_resolve_begin(RESOLVE_RELOAD);
	r = read_config(s->conf_path, &fresh, true);
	os_resolve_end();
	if (r < 0) {
		bb_error_msg("keeping the old configuration");
		return;
	}
	if ((restart = reload_needs_restart(s, &fresh, why, sizeof(why))) != NULL) {
		bb_error_msg("%s: keeping the old configuration", restart);
		conf_free(&fresh);
		return;
	}
	if (server_apply_config(s, &fresh) < 0) {
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

/* Up to BATCH_MAX waiting requests of a link, answered; the ACKs of a
 * batch share one fsync. */
static void handle_batch(struct server_state *s, unsigned link, unsigned *budget)
{
	uint8_t buf[DHCP_MAX_RECV];

	server_use_link(s, link);
	for (; *budget > 0; (*budget)--) {
		ssize_t n = udhcp_udp_recv(s->fd, buf, sizeof(buf));

		if (n < 0)
			break;
		server_handle_message(s, buf, (size_t)n);
	}
}

/* The poll set: the signal pipe, then each link's socket and ARP socket. */
static unsigned poll_set(const struct server_state *s, struct pollfd *pfd)
{
	unsigned n = 0;

	pfd[n++] = (struct pollfd){ s->signal_fd, POLLIN, 0 };
	for (unsigned i = 0; i < s->nlinks; i++) {
		pfd[n++] = (struct pollfd){ s->links[i].fd, POLLIN, 0 };
		pfd[n++] = (struct pollfd){ s->links[i].arp_fd, POLLIN, 0 };	/* -1: ignored */
	}
	return n;
}

static int server_loop(struct server_state *s)
{
	struct pollfd *pfd = xzalloc(sizeof(*pfd) * (1 + 2 * s->nlinks));

	while (!s->done) {
		int timeout = probe_run_timers(s), upkeep, sig;
		unsigned n;

		server_flush(s);	/* the timers may have acknowledged (rapid commit) */
		upkeep = server_upkeep_timeout(s);	/* after the flush: it may have broken the journal */
		if (upkeep >= 0 && (timeout < 0 || upkeep < timeout))
			timeout = upkeep;
		n = poll_set(s, pfd);
		if (poll(pfd, n, timeout) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while (!s->done && (sig = bb_signalpipe_read()) != 0)
			handle_signal(s, sig);
		if (s->done)
			break;
		for (unsigned i = 0; i < s->nlinks; i++) {
			/* a share of the batch each: a busy link cannot starve the others */
			unsigned budget = s->nlinks > 8 ? 8 : BATCH_MAX / s->nlinks;

			/* POLLERR too: reading takes the error (an interface gone down
			 * sets ENETDOWN), else poll would return at once for ever */
			if (pfd[2 + 2 * i].revents & (POLLIN | POLLERR)) {
				server_use_link(s, i);
				probe_read_arp(s);
			}
			if (pfd[1 + 2 * i].revents & (POLLIN | POLLERR))
				handle_batch(s, i, &budget);
		}
		server_flush(s);
		server_upkeep(s);
	}
	free(pfd);
	return 0;
}

/* dhcpd's -cf, -lf, -pf, -p PORT, -user and -group (Debian's init script
 * runs "dhcpd -4 -q -cf CONF -pf PID IFACES") as our -c, -l, -F, -P, -u, -g. */
static void isc_spellings(char **argv)
{
	/* dhcpd's -p is its port: ours is -P */
	static const char isc[][2][7] = { { "-cf", "-c" }, { "-lf", "-l" }, { "-pf", "-F" },
		{ "-p", "-P" }, { "-user", "-u" }, { "-group", "-g" } };

	for (argv++; *argv && strcmp(*argv, "--") != 0; argv++)
		for (size_t i = 0; i < sizeof(isc) / sizeof(isc[0]); i++)
			if (strcmp(*argv, isc[i][0]) == 0)
				*argv = (char *)isc[i][1];
}

/* -l and -F: the files named on the command line win over the config's. */
static void command_line_files(struct server_config *cfg, const char *lease, const char *pid)
{
	if ((lease && strlen(lease) >= sizeof(cfg->lease_file)) || (pid && strlen(pid) >= sizeof(cfg->pidfile)))
		bb_error_msg_and_die("file name too long");
	if (lease)
		strcpy(cfg->lease_file, lease);
	if (pid)
		strcpy(cfg->pidfile, pid);
}

/* What a SIGHUP would read, read (warnings said once, at the start):
 * server_privs_check runs it as the user. */
static int config_rereads(const char *path)
{
	struct server_config cfg;

	if (read_config(path, &cfg, false) < 0)
		return -1;
	conf_free(&cfg);
	return 0;
}

/* Everything that needs root, then the drop, then the rest as the user:
 * the lease file is read and rewritten by whoever will keep writing it. */
static int serve(struct server_state *s, uint32_t opts, const char *str_I)
{
	static const int signals[] = { SIGUSR1, SIGHUP, SIGTERM, SIGINT, 0 };

	os_resolve_begin(RESOLVE_AS_USER);	/* it may fall back on the names the start resolved */
	server_privs_check(s, config_rereads);	/* on the terminal still, before daemonizing */
	os_resolve_end();
	if (!(opts & OPT_f))
		bb_daemonize();
	if (s->cfg.pidfile[0])
		write_pidfile(s->cfg.pidfile);
	setup_network(s, str_I);
	probe_setup(s);
	server_privs_drop(s);
	keep_isc_leases(s->cfg.lease_file);
	if (server_start(s) < 0)
		xfunc_die();
	s->signal_fd = bb_signalpipe_open(signals);
	server_seccomp(s, opts & OPT_Z);
	if (!(opts & OPT_q))
		bb_info_msg("started, dhcpbox " DHCPBOX_VERSION);
	return server_loop(s);
}

int udhcpd_main(int argc, char **argv)
{
	struct server_state *s = xzalloc(sizeof(*s));	/* the heap: not BSS every applet maps */
	char *str_I = NULL, *str_c = NULL, *str_l = NULL, *str_p = NULL, *str_u = NULL, *str_g = NULL;
	char **ifaces;
	unsigned port = DHCP_SERVER_PORT;
	uint32_t opts;

	(void)argc;
	s->arp_ms = 2000;
	s->arp_fd = s->journal_fd = -1;
	isc_spellings(argv);
	opts = getopt32(argv, "fSI:a:+P:+v+dtc:l:F:4q" IF_FEATURE_UDHCPD_USER("u:g:")
		IF_FEATURE_UDHCPD_SECCOMP("Z"), &str_I, &s->arp_ms, &port, &bb_verbose, &str_c,
		&str_l, &str_p IF_FEATURE_UDHCPD_USER(, &str_u, &str_g));
	ifaces = argv + optind;
	if (opts & OPT_c)
		s->conf_path = str_c;
	else if (*ifaces)
		s->conf_path = *ifaces++;
	else
		s->conf_path = "/etc/udhcpd.conf";
	if (opts & OPT_d)
		opts |= OPT_f;
	if (port == 0 || port > 65534)
		bb_error_msg_and_die("bad port %u", port);
	s->server_port = (uint16_t)port;
	s->client_port = (uint16_t)(port + 1);
	if (opts & OPT_S)
		bb_logmode_syslog();
	os_resolve_begin(RESOLVE_EVERY);	/* kept for serve()'s check as the -u user */
	if (read_config(s->conf_path, &s->cfg, true) < 0)
		xfunc_die();
	command_line_files(&s->cfg, str_l, str_p);
	/* ISC's ping-check (on by default) and ping-timeout (1 s) are our ARP
	 * check, unless -a is given */
	if (s->cfg.isc && !(opts & OPT_a))
		s->arp_ms = isc_ping_ms(&s->cfg);
	/* a dhcpd.conf logs as dhcpd does: to syslog, with its log-facility */
	if (s->cfg.isc && !(opts & OPT_t))
		bb_logmode_syslog_facility(s->cfg.log_facility >= 0 ? s->cfg.log_facility : LOG_DAEMON);
	interfaces_named = *ifaces != NULL;
	if (choose_interfaces(&s->cfg, ifaces) < 0 && !(opts & OPT_t))
		xfunc_die();
	if (server_privs_resolve(s, str_u, str_g) < 0)
		xfunc_die();
	if (opts & OPT_t) {	/* like dhcpd -t: the file is good; interfaces are not checked */
		print_config(s->conf_path, &s->cfg);
		os_resolve_end();
		conf_free(&s->cfg);
		free(s);
		return 0;
	}
	return serve(s, opts, str_I);
}
