/*
 * udhcpd: the DHCPv4 server (RFC 2131 section 4.3), BusyBox's command line
 * and udhcpd.conf keywords. Leases are keyed by client identifier (else
 * MAC) and found by hash (leases.c); every ACK is in the journal, fsynced,
 * before it is sent (leasefile.c); relayed requests are answered through
 * the relay (giaddr).
 */
#include "applets.h"
#include "config.h"
#include "leasefile.h"
#include "leases.h"
#include "script.h"
#include "socket.h"

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
	"\t-a MSEC\tTimeout for ARP ping (default 2000)\n"
	"\t-P PORT\tUse PORT (default 67); clients are at PORT+1\n"
	"\t-v\tVerbose (-v -v: every packet)\n"
	"Signals: USR1 rewrites the lease file, HUP reloads the config, TERM exits\n";

enum { OPT_f = 1 << 0, OPT_S = 1 << 1, OPT_I = 1 << 2, OPT_a = 1 << 3, OPT_P = 1 << 4 };

struct server_state {
	struct server_config cfg;
	struct lease_table leases;
	const char *conf_path;
	uint32_t server_nip, netmask;	/* network order */
	uint16_t server_port, client_port;
	int fd, signal_fd, journal_fd;
	unsigned ifindex;
	unsigned cur_range;		/* where the search for a free address goes on */
	uint32_t cur_off;
	int64_t last_full_log;
	bool done;
};

static struct server_state server;

static int64_t now_s(void)
{
	return time(NULL);
}

static const char *ip_str(uint32_t host_order)
{
	static char buf[2][INET_ADDRSTRLEN];
	static int i;
	struct in_addr a = { htonl(host_order) };

	i ^= 1;
	return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

/* ---- Addresses ------------------------------------------------------------- */

static bool in_pool(const struct server_state *s, uint32_t ip)
{
	for (unsigned i = 0; i < s->cfg.nranges; i++)
		if (ip >= s->cfg.ranges[i].start && ip <= s->cfg.ranges[i].end)
			return true;
	return false;
}

/*
 * The link a request comes from: the relay's (giaddr) or ours. A range
 * serves the link whose network (under our netmask) holds it, so a range
 * outside our own subnet serves only requests relayed from its subnet.
 */
static bool range_serves(const struct server_state *s, const struct server_range *r, uint32_t link)
{
	uint32_t mask = ntohl(s->netmask);

	return (r->start & mask) == (link & mask);
}

static bool ip_serves(const struct server_state *s, uint32_t ip, uint32_t link)
{
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		const struct server_range *r = &s->cfg.ranges[i];

		if (ip >= r->start && ip <= r->end && range_serves(s, r, link))
			return true;
	}
	return false;
}

static uint32_t link_of(const struct server_state *s, const struct dhcp_message *m)
{
	return ntohl(m->giaddr ? m->giaddr : s->server_nip);
}

static const struct static_lease *static_for_mac(const struct server_state *s, const uint8_t *mac)
{
	for (unsigned i = 0; i < s->cfg.nstatics; i++)
		if (memcmp(s->cfg.statics[i].mac, mac, 6) == 0)
			return &s->cfg.statics[i];
	return NULL;
}

static bool reserved_ip(const struct server_state *s, uint32_t ip)
{
	if (ip == ntohl(s->server_nip))
		return true;
	for (unsigned i = 0; i < s->cfg.nstatics; i++)
		if (s->cfg.statics[i].ip == ip)
			return true;
	return false;
}

/* May this client (key) have ip? In the pool, not reserved, not someone else's. */
static bool usable_for(const struct server_state *s, uint32_t ip, const struct lease *mine)
{
	const struct lease *l = lease_by_ip(&s->leases, ip);

	return in_pool(s, ip) && !reserved_ip(s, ip)
		&& (!l || l == mine || !lease_is_live(l, now_s()));
}

/* The next free address after the cursor, once around the pool at most:
 * no scan from the start for every client. */
static uint32_t next_free_address(struct server_state *s, uint32_t link)
{
	uint64_t size = 0;

	for (unsigned i = 0; i < s->cfg.nranges; i++)
		size += s->cfg.ranges[i].end - s->cfg.ranges[i].start + 1ull;
	for (uint64_t n = 0; n < size; n++) {
		const struct server_range *r = &s->cfg.ranges[s->cur_range % s->cfg.nranges];
		uint32_t ip = r->start + s->cur_off;

		if (ip >= r->end) {
			s->cur_range = (s->cur_range + 1) % s->cfg.nranges;
			s->cur_off = 0;
		} else {
			s->cur_off++;
		}
		if (range_serves(s, r, link) && !lease_by_ip(&s->leases, ip) && usable_for(s, ip, NULL))
			return ip;
	}
	return 0;
}

/* RFC 2131 4.3.1: the client's address, its requested one, a free one. */
static uint32_t choose_address(struct server_state *s, struct lease *mine, const uint8_t *mac,
	uint32_t requested, uint32_t link)
{
	const struct static_lease *st = static_for_mac(s, mac);
	struct lease *old;
	uint32_t ip;

	if (st)
		return st->ip;
	if (mine && mine->state != LEASE_DECLINED && ip_serves(s, mine->ip, link)
	    && usable_for(s, mine->ip, mine))
		return mine->ip;
	if (requested && ip_serves(s, requested, link) && usable_for(s, requested, mine))
		return requested;
	ip = next_free_address(s, link);
	if (ip)
		return ip;
	old = lease_oldest_over(&s->leases, now_s());
	if (old && old != mine && ip_serves(s, old->ip, link)) {
		ip = old->ip;
		lease_remove(&s->leases, old);
		return ip;
	}
	return 0;
}

/* ---- Replies ---------------------------------------------------------------- */

static void add_configured(struct dhcp_builder *b, const struct server_config *cfg, unsigned code)
{
	const struct udhcp_optval *v = udhcpd_config_option(cfg, code);

	if (v && udhcp_add_option(b, v->code, v->data, v->len) < 0)
		bb_error_msg("option %u does not fit in the reply", code);
}

/* RFC 2132 9.8: what the client asked for (55) that we have, after the
 * ones every client gets; everything configured when it asked nothing. */
static void add_options(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req)
{
	size_t n = 0;
	const uint8_t *prl = udhcp_opt_get(&req->opts, DHCP_PARAM_REQ, &n);
	uint32_t mask = s->netmask;

	if (udhcpd_config_option(&s->cfg, DHCP_SUBNET))
		add_configured(b, &s->cfg, DHCP_SUBNET);
	else
		udhcp_add_ip(b, DHCP_SUBNET, mask);
	add_configured(b, &s->cfg, DHCP_ROUTER);
	for (unsigned i = 0; i < s->cfg.noptions; i++) {
		uint8_t code = s->cfg.options[i].code;

		if (code == DHCP_SUBNET || code == DHCP_ROUTER || code == DHCP_LEASE_TIME)
			continue;
		if (!prl || memchr(prl, code, n))
			add_configured(b, &s->cfg, code);
	}
}

static void send_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type)
{
	size_t len = udhcp_builder_finish(b);
	uint32_t dst = INADDR_BROADCAST;
	uint16_t port = s->client_port;

	if (req->giaddr) {		/* through the relay (RFC 2131 4.1) */
		dst = req->giaddr;
		port = s->server_port;
	} else if (req->ciaddr && type != DHCPNAK) {
		dst = req->ciaddr;
	}
	bb_debug_msg(1, "sending %s to %s", udhcp_message_type_name(type),
		ip_str(ntohl(type == DHCPNAK || !b->pkt.yiaddr ? dst : b->pkt.yiaddr)));
	if (udhcp_udp_send(s->fd, &b->pkt, len, dst, port) < 0)
		bb_perror_msg("can't send %s", udhcp_message_type_name(type));
}

static void start_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, uint32_t yiaddr)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&req->opts, DHCP_CLIENT_ID, &n);
	uint16_t max_size;

	udhcp_builder_init(b, type, req->xid, req->htype, req->chaddr, req->hlen);
	if (udhcp_opt_get_u16(&req->opts, DHCP_MAX_SIZE, &max_size) == UDHCP_OPT_OK)
		udhcp_builder_set_max_size(b, max_size);
	b->pkt.flags = htons(req->flags);
	b->pkt.gateway_nip = req->giaddr;
	b->pkt.yiaddr = htonl(yiaddr);
	if (type != DHCPNAK) {
		b->pkt.siaddr_nip = s->cfg.siaddr;
		strncpy((char *)b->pkt.sname, s->cfg.sname, sizeof(b->pkt.sname) - 1);
		strncpy((char *)b->pkt.file, s->cfg.boot_file, sizeof(b->pkt.file) - 1);
	}
	udhcp_add_ip(b, DHCP_SERVER_ID, s->server_nip);
	if (cid)	/* RFC 6842: echo the client identifier */
		udhcp_add_option(b, DHCP_CLIENT_ID, cid, n);
}

static void send_offer_or_ack(struct server_state *s, const struct dhcp_message *req, uint8_t type,
	uint32_t ip, uint32_t lease)
{
	static struct dhcp_builder b;

	start_reply(s, &b, req, type, ip);
	if (lease) {
		udhcp_add_u32(&b, DHCP_LEASE_TIME, lease);
		if (lease != 0xffffffff) {
			udhcp_add_u32(&b, DHCP_T1, lease / 2);
			udhcp_add_u32(&b, DHCP_T2, (uint32_t)((uint64_t)lease * 7 / 8));
		}
	}
	add_options(s, &b, req);
	send_reply(s, &b, req, type);
}

static void send_nak(struct server_state *s, const struct dhcp_message *req, const char *why)
{
	static struct dhcp_builder b;

	start_reply(s, &b, req, DHCPNAK, 0);
	udhcp_add_option(&b, DHCP_MESSAGE, why, strlen(why));
	b.pkt.flags |= htons(DHCP_FLAG_BROADCAST);
	send_reply(s, &b, req, DHCPNAK);
}

/* ---- The journal -------------------------------------------------------------- */

/* On disk before the reply leaves; notify_file after (BusyBox's semantics). */
static int journal(struct server_state *s, const struct lease *l)
{
	struct lease_record r;

	lease_to_record(l, &r);
	if (s->journal_fd < 0 || leasefile_append(s->journal_fd, &r, 1) < 0) {
		bb_perror_msg("can't write %s", s->cfg.lease_file);
		return -1;
	}
	if (s->cfg.notify_file[0]) {
		char **env = udhcp_script_env(s->cfg.interface, NULL);

		udhcp_run_script(s->cfg.notify_file, s->cfg.lease_file, env);
		udhcp_script_env_free(env);
	}
	return 0;
}

static void compact(struct server_state *s)
{
	if (leasefile_rewrite(s->cfg.lease_file, &s->leases) < 0) {
		bb_perror_msg("can't rewrite %s", s->cfg.lease_file);
		return;
	}
	if (s->journal_fd >= 0)
		close(s->journal_fd);
	s->journal_fd = open(s->cfg.lease_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (s->journal_fd < 0)
		bb_perror_msg("can't open %s", s->cfg.lease_file);
}

static void load_record(const struct lease_record *r, void *ctx)
{
	struct server_state *s = ctx;
	struct lease *old = lease_by_ip(&s->leases, r->ip), *l;
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = r->uid_len;

	if (old)	/* a later record supersedes an earlier one */
		lease_remove(&s->leases, old);
	if (r->state == LEASE_FREE || !in_pool(s, r->ip))
		return;
	if (len) {
		memcpy(key, r->uid, len);
	} else {
		key[0] = DHCP_HTYPE_ETHERNET;
		memcpy(key + 1, r->chaddr, 6);
		len = 7;
	}
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
	compact(s);
}

/* ---- Requests --------------------------------------------------------------- */

static unsigned client_key(const struct dhcp_message *m, uint8_t *key)
{
	size_t n;
	const uint8_t *cid = udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &n);

	if (cid && n > 0 && n <= LEASE_KEY_MAX) {
		memcpy(key, cid, n);
		return (unsigned)n;
	}
	key[0] = m->htype;
	memcpy(key + 1, m->chaddr, m->hlen < 16 ? m->hlen : 16);
	return 1u + (m->hlen < 16 ? m->hlen : 16);
}

/* The requested lease time (51) within [min_lease, configured]. */
static uint32_t lease_time_for(const struct server_state *s, const struct dhcp_message *m)
{
	uint32_t want;

	if (udhcp_opt_get_u32(&m->opts, DHCP_LEASE_TIME, &want) != UDHCP_OPT_OK || want > s->cfg.lease_time)
		return s->cfg.lease_time;
	return want < s->cfg.min_lease ? s->cfg.min_lease : want;
}

static void handle_discover(struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = client_key(m, key);
	struct lease *mine = lease_by_key(&s->leases, key, len);
	uint32_t requested = 0, ip;

	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK)
		requested = ntohl(requested);
	ip = choose_address(s, mine, m->chaddr, requested, link_of(s, m));
	mine = lease_by_key(&s->leases, key, len);	/* choosing may have reclaimed it */
	if (ip && !mine)
		mine = lease_add(&s->leases, key, len, ip);
	if (!ip || !mine) {
		if (now_s() - s->last_full_log >= 60) {
			bb_error_msg("no free address for %02x:%02x:%02x:%02x:%02x:%02x, no offer",
				m->chaddr[0], m->chaddr[1], m->chaddr[2], m->chaddr[3], m->chaddr[4], m->chaddr[5]);
			s->last_full_log = now_s();
		}
		return;
	}
	if (mine->ip != ip || mine->state != LEASE_ACTIVE) {
		if (mine->ip != ip)
			lease_set_ip(&s->leases, mine, ip);
		mine->state = LEASE_OFFERED;
		mine->expires = now_s() + s->cfg.offer_time;
	}
	memcpy(mine->chaddr, m->chaddr, 6);
	send_offer_or_ack(s, m, DHCPOFFER, ip, lease_time_for(s, m));
}

static void ack(struct server_state *s, const struct dhcp_message *m, struct lease *l)
{
	uint32_t lease = lease_time_for(s, m);
	size_t n = 0;
	const uint8_t *name = udhcp_opt_get(&m->opts, DHCP_HOST_NAME, &n);

	l->state = LEASE_ACTIVE;
	l->starts = now_s();
	l->expires = lease == 0xffffffff ? INT32_MAX : now_s() + lease;
	memcpy(l->chaddr, m->chaddr, 6);
	l->hostname[0] = '\0';
	if (name && n < sizeof(l->hostname) && udhcp_valid_hostname((const char *)name, n)) {
		memcpy(l->hostname, name, n);
		l->hostname[n] = '\0';
	}
	if (journal(s, l) < 0)
		return;		/* not durable: no ACK */
	bb_info_msg("lease %s to %02x:%02x:%02x:%02x:%02x:%02x for %lu s", ip_str(l->ip),
		l->chaddr[0], l->chaddr[1], l->chaddr[2], l->chaddr[3], l->chaddr[4], l->chaddr[5],
		(unsigned long)lease);
	send_offer_or_ack(s, m, DHCPACK, l->ip, lease);
}

/* RFC 2131 4.3.2: SELECTING (server id), INIT-REBOOT (50 only), and
 * RENEWING/REBINDING (ciaddr). */
static void handle_request(struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = client_key(m, key);
	struct lease *mine = lease_by_key(&s->leases, key, len);
	uint32_t server_id = 0, requested = 0, ip;
	bool has_server = udhcp_opt_get_ip(&m->opts, DHCP_SERVER_ID, &server_id) == UDHCP_OPT_OK;
	bool has_requested = udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) == UDHCP_OPT_OK;

	ip = ntohl(has_requested ? requested : m->ciaddr);
	if (has_server) {
		if (server_id != s->server_nip) {	/* it chose another server */
			if (mine && mine->state == LEASE_OFFERED)
				lease_remove(&s->leases, mine);
			return;
		}
		if (mine && mine->ip == ip && (mine->state == LEASE_OFFERED || mine->state == LEASE_ACTIVE))
			ack(s, m, mine);
		else
			bb_debug_msg(1, "REQUEST for %s that we did not offer, ignored", ip_str(ip));
		return;
	}
	if (has_requested && !ip_serves(s, ip, link_of(s, m)) && !static_for_mac(s, m->chaddr)) {
		send_nak(s, m, "wrong network");
		return;
	}
	if (mine && mine->ip == ip && mine->state != LEASE_DECLINED && usable_for(s, ip, mine)) {
		ack(s, m, mine);
		return;
	}
	if (!has_requested && m->ciaddr && !mine && usable_for(s, ip, NULL)) {
		/* renewing a lease we do not know (lost state): it is free, take it */
		mine = lease_add(&s->leases, key, len, ip);
		if (mine)
			ack(s, m, mine);
		return;
	}
	if (!usable_for(s, ip, mine) || (mine && mine->ip != ip))
		send_nak(s, m, "address not available");
	else
		bb_debug_msg(1, "REQUEST for %s from an unknown client, ignored", ip_str(ip));
}

static void handle_decline(struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];
	struct lease *mine = lease_by_key(&s->leases, key, client_key(m, key));
	uint32_t requested = 0;
	uint8_t decline_key[5] = { 0 };

	if (udhcp_opt_get_ip(&m->opts, DHCP_REQUESTED_IP, &requested) != UDHCP_OPT_OK || !mine
	    || mine->ip != ntohl(requested))
		return;
	bb_info_msg("%s declined: in use by another host, unused for %u s", ip_str(mine->ip),
		s->cfg.decline_time);
	requested = mine->ip;
	lease_remove(&s->leases, mine);
	memcpy(decline_key + 1, &requested, 4);		/* owned by no client */
	mine = lease_add(&s->leases, decline_key, sizeof(decline_key), requested);
	if (mine) {
		mine->state = LEASE_DECLINED;
		mine->starts = now_s();
		mine->expires = now_s() + s->cfg.decline_time;
		journal(s, mine);
	}
}

static void handle_release(struct server_state *s, const struct dhcp_message *m)
{
	uint8_t key[LEASE_KEY_MAX];
	struct lease *mine = lease_by_key(&s->leases, key, client_key(m, key));

	if (!mine || mine->ip != ntohl(m->ciaddr) || mine->state != LEASE_ACTIVE) {
		bb_info_msg("RELEASE of %s not from its owner, ignored", ip_str(ntohl(m->ciaddr)));
		return;
	}
	bb_info_msg("%s released", ip_str(mine->ip));
	mine->state = LEASE_RELEASED;
	mine->starts = mine->expires = now_s();
	journal(s, mine);
}

static void handle_message(struct server_state *s, const uint8_t *buf, size_t len)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	unsigned type;

	if (udhcp_parse_message(buf, len, BOOTREQUEST, &m, &err) < 0) {
		bb_debug_msg(1, "message dropped: %s", err.msg);
		return;
	}
	type = udhcp_message_type(&m.opts);
	bb_debug_msg(2, "received %s", type ? udhcp_message_type_name(type) : "BOOTP");
	switch (type) {
	case DHCPDISCOVER:
		handle_discover(s, &m);
		break;
	case DHCPREQUEST:
		handle_request(s, &m);
		break;
	case DHCPDECLINE:
		handle_decline(s, &m);
		break;
	case DHCPRELEASE:
		handle_release(s, &m);
		break;
	case DHCPINFORM:
		send_offer_or_ack(s, &m, DHCPACK, 0, 0);
		break;
	default:
		bb_debug_msg(1, "message type %u ignored", type);
	}
}

/* ---- Set-up and loop -------------------------------------------------------------- */

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
	s->fd = udhcp_udp_listen(s->cfg.interface, INADDR_ANY, s->server_port);
	if (s->fd < 0)
		bb_perror_msg_and_die("can't listen on %s port %u", s->cfg.interface, s->server_port);
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		const struct server_range *r = &s->cfg.ranges[i];

		bb_info_msg("serving %s - %s %s", ip_str(r->start), ip_str(r->end),
			range_serves(s, r, ntohl(s->server_nip)) ? "on the local link"
			: "to relayed requests from its subnet only");
	}
}

static void handle_signal(struct server_state *s, int sig)
{
	if (sig == SIGUSR1) {
		bb_info_msg("SIGUSR1: rewriting %s", s->cfg.lease_file);
		compact(s);
	} else if (sig == SIGHUP) {
		static struct server_config fresh;

		bb_info_msg("SIGHUP: reloading %s", s->conf_path);
		if (read_config(s->conf_path, &fresh) < 0) {
			bb_error_msg("keeping the old configuration");
			return;
		}
		/* the socket, the journal and the pidfile stay as they are */
		strcpy(fresh.interface, s->cfg.interface);
		strcpy(fresh.lease_file, s->cfg.lease_file);
		strcpy(fresh.pidfile, s->cfg.pidfile);
		s->cfg = fresh;
		s->cur_range = 0;
		s->cur_off = 0;
		bb_info_msg("configuration reloaded");
	} else {
		bb_info_msg("received %s, exiting", sig == SIGTERM ? "SIGTERM" : "SIGINT");
		compact(s);
		s->done = true;
	}
}

static int server_loop(struct server_state *s)
{
	static uint8_t buf[DHCP_MAX_RECV];

	while (!s->done) {
		struct pollfd pfd[2] = { { s->signal_fd, POLLIN, 0 }, { s->fd, POLLIN, 0 } };
		int sig;

		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while (!s->done && (sig = bb_signalpipe_read()) != 0)
			handle_signal(s, sig);
		for (int i = 0; i < 64 && !s->done && (pfd[1].revents & POLLIN); i++) {
			ssize_t n = udhcp_udp_recv(s->fd, buf, sizeof(buf));

			if (n < 0)
				break;
			handle_message(s, buf, (size_t)n);
		}
	}
	return 0;
}

int udhcpd_main(int argc, char **argv)
{
	static const int signals[] = { SIGUSR1, SIGHUP, SIGTERM, SIGINT, 0 };
	struct server_state *s = &server;
	char *str_I = NULL;
	unsigned arp_ms = 2000, port = DHCP_SERVER_PORT;
	uint32_t opts;
	uint64_t pool = 0;

	(void)argc;
	opts = getopt32(argv, "fSI:a:+P:+v+", &str_I, &arp_ms, &port, &bb_verbose);
	s->conf_path = argv[optind] ? argv[optind] : "/etc/udhcpd.conf";
	if (port == 0 || port > 65534)
		bb_error_msg_and_die("bad port %u", port);
	s->server_port = (uint16_t)port;
	s->client_port = (uint16_t)(port + 1);
	if (opts & OPT_S)
		bb_logmode_syslog();
	if (read_config(s->conf_path, &s->cfg) < 0)
		xfunc_die();
	if (arp_ms)
		bb_info_msg("note: the ARP check before offering is not implemented yet");
	if (!(opts & OPT_f))
		bb_daemonize();
	if (s->cfg.pidfile[0])
		write_pidfile(s->cfg.pidfile);
	setup_network(s, str_I);
	for (unsigned i = 0; i < s->cfg.nranges; i++)
		pool += s->cfg.ranges[i].end - s->cfg.ranges[i].start + 1ull;
	if (lease_table_init(&s->leases, (unsigned)(pool < s->cfg.max_leases ? pool : s->cfg.max_leases)
			+ s->cfg.nstatics + 16) < 0)
		bb_error_msg_and_die("out of memory");
	s->journal_fd = -1;
	load_leases(s);
	s->signal_fd = bb_signalpipe_open(signals);
	bb_info_msg("started, dhcpbox " DHCPBOX_VERSION);
	return server_loop(s);
}
