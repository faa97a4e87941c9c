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
 * This file is the command line and the poll() loop: the signal pipe,
 * the listening socket, one timer. The decisions are state.c's, carried
 * out by run.c.
 */
#include "applets.h"
#include "client/run.h"
#include "os/clock.h"

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

const char udhcpc_usage[] =
	"[-fbqRBCnoSv] [-a[MSEC]] [-i IFACE] [-s PROG] [-p FILE] [-t N] [-T SEC] [-A SEC] [-r IP] [-x OPT:VAL]... [-O OPT]... [-V VENDOR] [-F NAME] [-P PORT]\n"
	IF_FEATURE_VERBOSE_USAGE(
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
	IF_FEATURE_UDHCPC_REMEMBER_LEASE("The lease is remembered in " CONFIG_UDHCPC_STATE_DIR "/IFACE.lease\n")
	);

static const char option_spec[] =
	"C(clientid-none)V:(vendorclass)F:(fqdn)i:(interface)n(now)p:(pidfile)"
	"q(quit)R(release)r:(request)s:(script)T:+(timeout)t:+(retries)S(syslog)"
	"A:+(tryagain)O:*(request-option)o(no-default-options)x:*f(foreground)"
	"B(broadcast)b(background)P:+(client-port)v+a::(arping)";

/* ---- The loop ---- */

static int client_loop(struct client_run *r, int signal_fd)
{
	struct client_state *c = r->c;

	while (!c->done) {
		struct pollfd pfd[2] = {
			{ signal_fd, POLLIN, 0 },
			{ r->listen_fd, POLLIN, 0 },
		};
		int sig;

		if (poll(pfd, r->listen_fd >= 0 ? 2 : 1, client_run_wait_ms(r)) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while (!c->done && (sig = bb_signalpipe_read()) != 0)
			client_run_signal(r, sig);
		if (!c->done && r->listen_fd >= 0 && (pfd[1].revents & (POLLIN | POLLERR)))
			client_run_receive(r);
		if (!c->done && client_run_wait_ms(r) == 0)
			client_run_timer(r);
	}
	return c->exit_code;
}

static void parse_send_options(struct client_state *c, llist_t *list)
{
	c->send_opts = xzalloc((llist_count(list) + 1) * sizeof(*c->send_opts));
	for (; list; list = list->next) {
		struct udhcp_optval *v = &c->send_opts[c->nsend_opts];
		struct udhcp_error err;

		if (udhcp_option_from_arg(list->data, v, &err) < 0)
			bb_error_msg_and_die("-x %s: %s", list->data, err.msg);
		if (v->code == DHCP_CLIENT_ID && (v->len < 2 || v->len > MEMO_CID_MAX))
			/* RFC 2132 9.14: type and at least one byte; one option */
			bb_error_msg_and_die("-x %s: a client identifier has 2 to %u bytes",
				list->data, MEMO_CID_MAX);
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
	char *path;

	if (!dir)
		dir = IF_FEATURE_UDHCPC_REMEMBER_LEASE(CONFIG_UDHCPC_STATE_DIR) IF_NOT_FEATURE_UDHCPC_REMEMBER_LEASE("");
	if (!(path = udhcp_lease_memo_path(dir, c->ifname)))
		return;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		bb_perror_msg("can't create %s: not remembering the lease", dir);
		free(path);
		return;
	}
	c->state_file = path;
}

static int setup(struct client_state *c, struct client_run *r)
{
	static const int signals[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGINT, 0 };
	struct remembered_lease memo;
	bool have_memo;
	int signal_fd;

	if (udhcp_iface_read(c->ifname, &c->ifc) < 0)
		bb_perror_msg_and_die("can't use interface %s", c->ifname);
	client_set_identity(c);
	client_run_init(r, c);
	r->send_fd = udhcp_raw_sender();
	if (r->send_fd < 0)
		bb_perror_msg_and_die("can't open a raw socket");
	signal_fd = bb_signalpipe_open(signals);
	signal(SIGPIPE, SIG_IGN);
	c->rng = (uint64_t)os_mono_ms() << 20 ^ (uint64_t)getpid() << 8 ^ c->ifc.mac[5]
		^ (uint64_t)c->ifc.mac[4] << 40 ^ (uint64_t)os_wall_s() << 32;
	c->rng |= 1;	/* xorshift must not start at 0 */
	find_state_file(c);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION " on %s", c->ifname);
	have_memo = udhcp_lease_memo_start(c->state_file, &memo);
	client_run_start(r, have_memo ? &memo : NULL);
	return signal_fd;
}

int udhcpc_main(int argc, char **argv)
{
	struct client_state *c = xzalloc(sizeof(*c));
	struct client_run r;
	int signal_fd, rc;
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
		c->requested_ip = c->user_requested_ip = a.s_addr;
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
	signal_fd = setup(c, &r);
	rc = client_loop(&r, signal_fd);
	client_run_free(&r);
	free(c->send_opts);
	free((char *)c->state_file);
	free(c);
	return rc;
}
