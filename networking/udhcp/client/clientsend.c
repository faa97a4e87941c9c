/*
 * clientsend.c: the messages udhcpc sends (RFC 2131 section 4.4.1, table 5)
 * and how they go out: broadcast through the raw socket while the client
 * has no address (and when rebinding), unicast UDP to the server when
 * renewing and releasing.
 */
#include "client/client.h"

#include <arpa/inet.h>

#ifndef DHCPBOX_VERSION
#define DHCPBOX_VERSION "0"
#endif

static const char *ip_str(uint32_t nip)
{
	struct in_addr a = { nip };

	return inet_ntoa(a);
}

static bool user_sends(const struct client_state *c, uint8_t code)
{
	for (size_t i = 0; i < c->nsend_opts; i++)
		if (c->send_opts[i].code == code)
			return true;
	return false;
}

static void start_message(struct client_state *c, struct dhcp_builder *b, uint8_t type)
{
	int64_t secs = (monotonic_ms() - c->exchange_start) / 1000;

	udhcp_builder_init(b, type, c->xid, DHCP_HTYPE_ETHERNET, c->ifc.mac, 6);
	b->pkt.secs = htons(secs > 0xffff ? 0xffff : (uint16_t)secs);
}

/* Options every message carries: client id, and the user's -x ones. */
static void add_identity(struct client_state *c, struct dhcp_builder *b)
{
	if (!(c->opts & OPT_C) && !user_sends(c, DHCP_CLIENT_ID))
		udhcp_add_client_id(b, DHCP_HTYPE_ETHERNET, c->ifc.mac, 6);
	for (size_t i = 0; i < c->nsend_opts; i++) {
		struct udhcp_optval *v = &c->send_opts[i];

		if (v->code != DHCP_RAPID_COMMIT && udhcp_add_option(b, v->code, v->data, v->len) < 0)
			bb_error_msg("option %u does not fit in the message", v->code);
	}
}

/* What DISCOVER, REQUEST and INFORM add: the asking part. */
static void add_requests(struct client_state *c, struct dhcp_builder *b)
{
	const char *vendor = c->vendor ? c->vendor : "udhcp dhcpbox " DHCPBOX_VERSION;
	struct udhcp_error err;

	udhcp_add_u16(b, DHCP_MAX_SIZE, DHCP_MAX_SEND + IP_UDP_HEADER_LEN);
	if (vendor[0] && !user_sends(c, DHCP_VENDOR))
		udhcp_add_option(b, DHCP_VENDOR, vendor, strlen(vendor));
	if (c->fqdn && udhcp_add_fqdn(b, c->fqdn, 0x01, &err) < 0)
		bb_error_msg("%s", err.msg);
	udhcp_add_param_req(b, !(c->opts & OPT_o), c->req_codes, c->nreq_codes);
}

static void send_broadcast(struct client_state *c, struct dhcp_builder *b, uint32_t src_nip)
{
	size_t len = udhcp_builder_finish(b);
	unsigned type = b->pkt.options[2];

	bb_debug_msg(1, "broadcasting %s", udhcp_message_type_name(type));
	if (udhcp_raw_send(c->send_fd, c->ifc.ifindex, &b->pkt, len, src_nip, c->client_port,
			INADDR_BROADCAST, c->server_port, NULL) < 0)
		bb_perror_msg("can't send %s on %s", udhcp_message_type_name(type), c->ifname);
}

/*
 * Unicast to the server from our address (RFC 2131 4.4.5 renewing, 4.4.6
 * release). When the address is not configured (the script did not, or
 * removed it), binding to it fails and the message goes out raw instead,
 * so a RELEASE is never silently lost.
 */
static void send_unicast(struct client_state *c, struct dhcp_builder *b)
{
	size_t len = udhcp_builder_finish(b);
	unsigned type = b->pkt.options[2];
	struct in_addr to = { c->server_nip };
	/* Renewing: from the listening socket, which must get the reply (a
	 * socket bound to the address would catch it, and close). Else a
	 * socket bound to our address, which fails when it is not configured. */
	bool listening = c->listen_mode == LISTEN_UDP && c->listen_fd >= 0;
	int fd = listening ? c->listen_fd : udhcp_udp_listen(c->ifname, c->lease_ip, c->client_port);
	int r = fd >= 0 ? udhcp_udp_send(fd, &b->pkt, len, c->server_nip, c->server_port) : -1;

	bb_debug_msg(1, "sending %s to %s", udhcp_message_type_name(type), inet_ntoa(to));
	if (fd >= 0 && !listening)
		close(fd);
	if (r == 0)
		return;
	bb_debug_msg(1, "%s is not usable (%s), sending raw", ip_str(c->lease_ip), strerror(errno));
	if (udhcp_raw_send(c->send_fd, c->ifc.ifindex, &b->pkt, len, c->lease_ip,
			c->client_port, c->server_nip, c->server_port, NULL) < 0)
		bb_perror_msg("can't send %s to %s", udhcp_message_type_name(type), inet_ntoa(to));
}

/* -B: ask for broadcast replies while we have no address (RFC 2131 4.1). */
static void set_broadcast_flag(struct client_state *c, struct dhcp_builder *b)
{
	if (c->opts & OPT_B)
		b->pkt.flags = htons(DHCP_FLAG_BROADCAST);
}

void send_discover(struct client_state *c)
{
	static struct dhcp_builder b;

	start_message(c, &b, DHCPDISCOVER);
	set_broadcast_flag(c, &b);
	add_identity(c, &b);
	if (c->requested_ip)
		udhcp_add_ip(&b, DHCP_REQUESTED_IP, c->requested_ip);
	if (ENABLE_FEATURE_UDHCP_RAPID_COMMIT && c->rapid_commit)
		udhcp_add_option(&b, DHCP_RAPID_COMMIT, NULL, 0);
	add_requests(c, &b);
	send_broadcast(c, &b, INADDR_ANY);
}

/* REQUEST while unconfigured: option 50, and 54 when a server was chosen
 * (RFC 2131 4.3.2: SELECTING names the server, INIT-REBOOT does not). */
static void send_request_for(struct client_state *c, uint32_t nip, uint32_t server_nip)
{
	static struct dhcp_builder b;

	start_message(c, &b, DHCPREQUEST);
	set_broadcast_flag(c, &b);
	add_identity(c, &b);
	udhcp_add_ip(&b, DHCP_REQUESTED_IP, nip);
	if (server_nip)
		udhcp_add_ip(&b, DHCP_SERVER_ID, server_nip);
	add_requests(c, &b);
	send_broadcast(c, &b, INADDR_ANY);
}

void send_select(struct client_state *c)
{
	send_request_for(c, c->offered_ip, c->server_nip);
}

void send_reboot(struct client_state *c)
{
	send_request_for(c, c->requested_ip, 0);
}

void send_renew(struct client_state *c, bool broadcast)
{
	static struct dhcp_builder b;

	start_message(c, &b, DHCPREQUEST);
	b.pkt.ciaddr = c->lease_ip;
	add_identity(c, &b);
	add_requests(c, &b);
	if (broadcast)
		send_broadcast(c, &b, c->lease_ip);
	else
		send_unicast(c, &b);
}

void send_release(struct client_state *c)
{
	static struct dhcp_builder b;
	struct in_addr ip = { c->lease_ip };

	c->xid = (uint32_t)random();
	start_message(c, &b, DHCPRELEASE);
	b.pkt.ciaddr = c->lease_ip;
	add_identity(c, &b);
	udhcp_add_ip(&b, DHCP_SERVER_ID, c->server_nip);
	bb_info_msg("releasing %s", inet_ntoa(ip));
	send_unicast(c, &b);
}

/* RFC 2131 4.4.1: the address is in use; tell the server, broadcast. */
void send_decline(struct client_state *c, uint32_t declined_nip)
{
	static struct dhcp_builder b;

	start_message(c, &b, DHCPDECLINE);
	add_identity(c, &b);
	udhcp_add_ip(&b, DHCP_REQUESTED_IP, declined_nip);
	if (c->server_nip)
		udhcp_add_ip(&b, DHCP_SERVER_ID, c->server_nip);
	send_broadcast(c, &b, INADDR_ANY);
}
