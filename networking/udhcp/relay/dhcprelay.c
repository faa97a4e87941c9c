/*
 * dhcprelay: a DHCP/BOOTP relay agent (RFC 1542 section 4, RFC 3046),
 * with BusyBox's command line:
 *
 *	dhcprelay CLIENT_IFACE[,CLIENT_IFACE]... SERVER_IFACE [SERVER_IP]...
 *
 * Requests heard on a client interface go to every SERVER_IP (broadcast
 * on SERVER_IFACE when none is given) with hops + 1 and giaddr = that
 * interface's address; replies to one of those addresses go back out the
 * interface it belongs to. This file is the daemon: options, sockets,
 * signals and the poll loop; the decisions are forward.c's and
 * agentinfo.c's (pure, fuzzed).
 */
#include "applets.h"
#include "os/socket.h"
#include "relay/relay.h"

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>

const char dhcprelay_usage[] =
	"[-fSv] [-p PIDFILE] [-c N] [-a] [-r ID] [-m POLICY] [-g ADDR[,ADDR]...]\n"
	"\tCLIENT_IFACE[,CLIENT_IFACE]... SERVER_IFACE [SERVER_IP]...\n"
	IF_FEATURE_VERBOSE_USAGE(
	"\n"
	"Relay DHCP requests from the CLIENT_IFACEs to the SERVER_IPs (each to all\n"
	"of them; without one, broadcast on SERVER_IFACE) and the replies back\n"
	"\n"
	"\t-f\t\t\tRun in foreground\n"
	"\t-S\t\t\tLog to syslog too\n"
	"\t-v\t\t\tVerbose (-v -v: every packet, forwarded or dropped)\n"
	"\t-p,--pidfile FILE\tWrite the PID to FILE\n"
	"\t-c,--max-hops N\t\tDrop requests with hops above N (default 16)\n"
	"\t-a,--agent-info\t\tInsert option 82: circuit id = the client interface\n"
	"\t-r,--remote-id ID\tWith -a: the remote id sub-option (text)\n"
	"\t-m,--agent-policy P\tA request's own option 82: keep (default), replace\n"
	"\t\t\t\tor drop (ISC's forward, replace, discard)\n"
	"\t-g,--giaddr ADDR,...\tgiaddr of each CLIENT_IFACE, in order (default: its address)\n"
	"Signals: TERM and INT exit\n"
	);

static const char option_spec[] =
	"f(foreground)S(syslog)v+(verbose)p:(pidfile)c:+(max-hops)a(agent-info)"
	"r:(remote-id)m:(agent-policy)g:(giaddr)";
enum {
	OPT_f = 1 << 0, OPT_S = 1 << 1, OPT_v = 1 << 2, OPT_p = 1 << 3, OPT_c = 1 << 4,
	OPT_a = 1 << 5, OPT_r = 1 << 6, OPT_m = 1 << 7, OPT_g = 1 << 8,
};

struct relay_daemon {
	struct relay_config cfg;
	int *link_fd;		/* one per client interface */
	int server_fd;
	uint32_t server_nip;	/* SERVER_IFACE's address */
	char server_if[RELAY_IFNAME_MAX + 1];
	struct dhcp_message *scratch;
	uint8_t *in, *out;
	unsigned long requests, replies, dropped;
	bool done;
};

static const char *ip_str(uint32_t nip)
{
	return udhcp_ip_str(nip);
}

static const char *type_name(const struct dhcp_message *m)
{
	const char *name = udhcp_message_type_name(udhcp_message_type(&m->opts));

	return name ? name : "BOOTP";
}

static enum relay_policy parse_policy(const char *s)
{
	if (strcmp(s, "keep") == 0 || strcmp(s, "forward") == 0)
		return RELAY_POLICY_KEEP;
	if (strcmp(s, "replace") == 0)
		return RELAY_POLICY_REPLACE;
	if (strcmp(s, "drop") == 0 || strcmp(s, "discard") == 0)
		return RELAY_POLICY_DROP;
	if (strcmp(s, "append") == 0)	/* two agents' sub-options in one option */
		bb_error_msg_and_die("agent policy 'append' is not supported: use keep or replace");
	bb_error_msg_and_die("bad agent policy '%s': keep, replace or drop", s);
}

/* An interface that exists and has an IPv4 address, or exit 1. */
static uint32_t iface_address(const char *name)
{
	struct udhcp_iface ifc;
	uint32_t nip, mask;

	if (strlen(name) > RELAY_IFNAME_MAX || udhcp_iface_read(name, &ifc) < 0)
		bb_error_msg_and_die("unknown interface '%s'", name);
	if (udhcp_iface_ipv4(name, &nip, &mask) < 0 || nip == 0)
		bb_error_msg_and_die("interface %s has no IPv4 address", name);
	return nip;
}

/* CLIENT_IFACE[,CLIENT_IFACE]... and -g's addresses, one per interface. */
static void setup_links(struct relay_config *cfg, char *list, char *giaddrs)
{
	char *name, *save = NULL, *g = NULL, *gsave = NULL;

	cfg->links = xzalloc(sizeof(*cfg->links) * (strlen(list) / 2 + 1));
	if (giaddrs)
		g = strtok_r(giaddrs, ",", &gsave);
	for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		struct relay_link *l = &cfg->links[cfg->nlinks];
		struct in_addr a;

		l->nip = iface_address(name);
		strcpy(l->name, name);
		if (g) {
			if (inet_pton(AF_INET, g, &a) != 1 || a.s_addr == 0)
				bb_error_msg_and_die("bad giaddr '%s'", g);
			l->nip = a.s_addr;
			g = strtok_r(NULL, ",", &gsave);
		}
		for (unsigned i = 0; i < cfg->nlinks; i++)
			if (cfg->links[i].nip == l->nip || strcmp(cfg->links[i].name, l->name) == 0)
				bb_error_msg_and_die("%s and %s: the same interface or giaddr %s"
					" (a reply could not find its interface)",
					cfg->links[i].name, l->name, ip_str(l->nip));
		cfg->nlinks++;
	}
	if (!cfg->nlinks)
		bb_show_usage();
	if (g)
		bb_error_msg_and_die("more giaddrs than client interfaces");
}

static void setup_servers(struct relay_config *cfg, char **args)
{
	uint32_t *servers;
	unsigned n = 0;

	while (args[n])
		n++;
	servers = xzalloc(sizeof(*servers) * (n ? n : 1));
	for (unsigned i = 0; i < n; i++) {
		struct in_addr a;

		if (inet_pton(AF_INET, args[i], &a) != 1 || a.s_addr == 0 || a.s_addr == INADDR_BROADCAST)
			bb_error_msg_and_die("bad server address '%s'", args[i]);
		servers[i] = a.s_addr;
	}
	cfg->servers = servers;
	cfg->nservers = n;
}

static void open_sockets(struct relay_daemon *d)
{
	d->link_fd = xzalloc(sizeof(*d->link_fd) * d->cfg.nlinks);
	for (unsigned i = 0; i < d->cfg.nlinks; i++) {
		d->link_fd[i] = udhcp_udp_listen(d->cfg.links[i].name, INADDR_ANY, DHCP_SERVER_PORT);
		if (d->link_fd[i] < 0)
			bb_perror_msg_and_die("can't listen on %s port %u", d->cfg.links[i].name,
				DHCP_SERVER_PORT);
	}
	d->server_fd = udhcp_udp_listen(d->server_if, INADDR_ANY, DHCP_SERVER_PORT);
	if (d->server_fd < 0)
		bb_perror_msg_and_die("can't listen on %s port %u", d->server_if, DHCP_SERVER_PORT);
}

static void log_drop(struct relay_daemon *d, enum relay_verdict v, const char *where,
	const struct udhcp_error *err)
{
	d->dropped++;
	if (v == RELAY_DROP_NOTICE) {
		if (bb_client_msg_allowed())	/* a flood of bad packets is no flood of lines */
			bb_info_msg("dropped %s: %s", where, err->msg);
	} else
		bb_debug_msg(1, "dropped %s: %s", where, err->msg);
}

/* A request from client interface `link`: to every server, or broadcast. */
static void handle_request(struct relay_daemon *d, unsigned link, size_t len)
{
	struct relay_out out = { .buf = d->out };
	struct udhcp_error err;
	enum relay_verdict v = relay_request(&d->cfg, link, d->in, len, d->scratch, &out, &err);
	char where[48];

	if (v != RELAY_FORWARD) {
		snprintf(where, sizeof(where), "request on %s", d->cfg.links[link].name);
		log_drop(d, v, where, &err);
		return;
	}
	d->requests++;
	for (unsigned i = 0; i < (d->cfg.nservers ? d->cfg.nservers : 1); i++) {
		uint32_t to = d->cfg.nservers ? d->cfg.servers[i] : INADDR_BROADCAST;

		bb_debug_msg(2, "client->server %s xid 0x%08x from %s hops %u giaddr %s%s to %s",
			type_name(d->scratch), d->scratch->xid, d->cfg.links[link].name,
			out.buf[3], ip_str(d->scratch->giaddr ? d->scratch->giaddr : d->cfg.links[link].nip),
			out.added_82 ? " +option 82" : "", ip_str(to));
		if (udhcp_udp_send(d->server_fd, out.buf, out.len, to, DHCP_SERVER_PORT) < 0)
			bb_perror_msg("can't send to %s", ip_str(to));
	}
}

/* A message on the server side: a reply for one of our client links. */
static void handle_reply(struct relay_daemon *d, uint32_t src, size_t len)
{
	struct relay_out out = { .buf = d->out };
	struct udhcp_error err;
	enum relay_verdict v;
	char where[48];

	if (len > 0 && d->in[0] == BOOTREQUEST && src == d->server_nip)
		return;		/* our own broadcast, looped back */
	v = relay_reply(&d->cfg, src, d->in, len, d->scratch, &out, &err);
	if (v != RELAY_FORWARD) {
		snprintf(where, sizeof(where), "from %s on %s", ip_str(src), d->server_if);
		log_drop(d, v, where, &err);
		return;
	}
	d->replies++;
	bb_debug_msg(2, "server->client %s xid 0x%08x from %s%s to %s on %s",
		type_name(d->scratch), d->scratch->xid, ip_str(src),
		out.added_82 ? " -option 82" : "", ip_str(out.dst_nip), d->cfg.links[out.link].name);
	if (udhcp_udp_send(d->link_fd[out.link], out.buf, out.len, out.dst_nip, DHCP_CLIENT_PORT) < 0)
		bb_perror_msg("can't send to %s on %s", ip_str(out.dst_nip), d->cfg.links[out.link].name);
}

enum { BATCH = 64 };	/* messages read from one socket per poll round */

static int relay_loop(struct relay_daemon *d)
{
	unsigned n = d->cfg.nlinks + 2;
	struct pollfd *pfd = xzalloc(sizeof(*pfd) * n);
	static const int signals[] = { SIGTERM, SIGINT, 0 };
	int sig, signal_fd = bb_signalpipe_open(signals);

	pfd[0] = (struct pollfd){ signal_fd, POLLIN, 0 };
	pfd[1] = (struct pollfd){ d->server_fd, POLLIN, 0 };
	for (unsigned i = 0; i < d->cfg.nlinks; i++)
		pfd[2 + i] = (struct pollfd){ d->link_fd[i], POLLIN, 0 };
	while (!d->done) {
		ssize_t len;
		uint32_t src;

		if (poll(pfd, n, -1) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while ((sig = bb_signalpipe_read()) != 0) {
			bb_info_msg("received %s, exiting: %lu requests and %lu replies relayed, %lu dropped",
				sig == SIGTERM ? "SIGTERM" : "SIGINT", d->requests, d->replies, d->dropped);
			d->done = true;
		}
		/* POLLERR too: reading takes the error, else poll returns at once.
		 * At most BATCH a socket per round: a flood on one link does not
		 * starve the others or the replies */
		for (unsigned i = 0; !d->done && i < d->cfg.nlinks; i++)
			for (unsigned k = 0; k < BATCH && (pfd[2 + i].revents & (POLLIN | POLLERR))
			     && (len = udhcp_udp_recv(d->link_fd[i], d->in, DHCP_MAX_RECV + 1)) >= 0; k++)
				handle_request(d, i, (size_t)len);
		for (unsigned k = 0; k < BATCH && !d->done && (pfd[1].revents & (POLLIN | POLLERR))
		     && (len = udhcp_udp_recvfrom(d->server_fd, d->in, DHCP_MAX_RECV + 1, &src)) >= 0; k++)
			handle_reply(d, src, (size_t)len);
	}
	free(pfd);
	return 0;
}

int dhcprelay_main(int argc, char **argv)
{
	static struct relay_daemon daemon_state;
	struct relay_daemon *d = &daemon_state;
	char *str_p = NULL, *str_r = NULL, *str_m = NULL, *str_g = NULL;
	uint32_t opts;

	(void)argc;
	d->cfg.max_hops = RELAY_MAX_HOPS_DEFAULT;
	opts = getopt32(argv, option_spec, &bb_verbose, &str_p, &d->cfg.max_hops, &str_r, &str_m,
		&str_g);
	argv += optind;
	if (!argv[0] || !argv[1])
		bb_show_usage();
	if (d->cfg.max_hops > RELAY_MAX_HOPS_LIMIT)
		bb_error_msg_and_die("max hops %u over %u", d->cfg.max_hops, RELAY_MAX_HOPS_LIMIT);
	d->cfg.agent_info = opts & OPT_a;
	if (str_m)
		d->cfg.policy = parse_policy(str_m);
	if (str_r) {
		if (!*str_r || strlen(str_r) > RELAY_REMOTE_ID_MAX)
			bb_error_msg_and_die("remote id: 1 to %u characters", RELAY_REMOTE_ID_MAX);
		d->cfg.remote_id_len = strlen(str_r);
		memcpy(d->cfg.remote_id, str_r, d->cfg.remote_id_len);
	}
	if (opts & OPT_S)
		bb_logmode_syslog();
	setup_links(&d->cfg, argv[0], str_g);
	d->server_nip = iface_address(argv[1]);
	strcpy(d->server_if, argv[1]);
	setup_servers(&d->cfg, argv + 2);
	d->scratch = xzalloc(sizeof(*d->scratch));
	d->in = xzalloc(DHCP_MAX_RECV + 1);	/* one more: a longer one is refused, not cut */
	d->out = xzalloc(RELAY_BUF_SIZE);
	open_sockets(d);
	if (!(opts & OPT_f))
		bb_daemonize();
	if (str_p)
		write_pidfile(str_p);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION ": %u client interface%s, %s", d->cfg.nlinks,
		d->cfg.nlinks > 1 ? "s" : "", d->cfg.nservers ? "to the servers given" : "broadcasting");
	return relay_loop(d);
}
