/*
 * clientsend.c: the messages udhcpc sends (RFC 2131 section 4.4.1,
 * table 5), built from the state. Pure: run.c sends them (broadcast
 * through the raw socket while the client has no address and when
 * rebinding, unicast UDP to the server when renewing and releasing).
 */
#include "client/client.h"

#include <arpa/inet.h>

#ifndef DHCPBOX_VERSION
#define DHCPBOX_VERSION "0"
#endif

static bool user_sends(const struct client_state *c, uint8_t code)
{
	for (size_t i = 0; i < c->nsend_opts; i++)
		if (c->send_opts[i].code == code)
			return true;
	return false;
}

static void start_message(const struct client_state *c, struct dhcp_builder *b, uint8_t type,
	int64_t now)
{
	int64_t secs = (now - c->exchange_start) / 1000;

	udhcp_builder_init(b, type, c->xid, DHCP_HTYPE_ETHERNET, c->ifc.mac, 6);
	b->pkt.secs = htons(secs > 0xffff ? 0xffff : secs < 0 ? 0 : (uint16_t)secs);
}

/* Options every message carries: client id, and the user's -x ones. */
static void add_identity(const struct client_state *c, struct dhcp_builder *b)
{
	if (!(c->opts & OPT_C) && !user_sends(c, DHCP_CLIENT_ID))
		udhcp_add_client_id(b, DHCP_HTYPE_ETHERNET, c->ifc.mac, 6);
	for (size_t i = 0; i < c->nsend_opts; i++) {
		const struct udhcp_optval *v = &c->send_opts[i];

		if (v->code != DHCP_RAPID_COMMIT && udhcp_add_option(b, v->code, v->data, v->len) < 0)
			bb_error_msg("option %u does not fit in the message", v->code);
	}
}

/* What DISCOVER and REQUEST add: the asking part. */
static void add_requests(const struct client_state *c, struct dhcp_builder *b)
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

/* -B: ask for broadcast replies while we have no address (RFC 2131 4.1). */
static void set_broadcast_flag(const struct client_state *c, struct dhcp_builder *b)
{
	if (c->opts & OPT_B)
		b->pkt.flags = htons(DHCP_FLAG_BROADCAST);
}

static void build_discover(const struct client_state *c, struct dhcp_builder *b)
{
	set_broadcast_flag(c, b);
	add_identity(c, b);
	if (c->requested_ip)
		udhcp_add_ip(b, DHCP_REQUESTED_IP, c->requested_ip);
	if (ENABLE_FEATURE_UDHCP_RAPID_COMMIT && c->rapid_commit)
		udhcp_add_option(b, DHCP_RAPID_COMMIT, NULL, 0);
	add_requests(c, b);
}

/* REQUEST while unconfigured: option 50, and 54 when a server was chosen
 * (RFC 2131 4.3.2: SELECTING names the server, INIT-REBOOT does not). */
static void build_request_for(const struct client_state *c, struct dhcp_builder *b,
	uint32_t nip, uint32_t server_nip)
{
	set_broadcast_flag(c, b);
	add_identity(c, b);
	udhcp_add_ip(b, DHCP_REQUESTED_IP, nip);
	if (server_nip)
		udhcp_add_ip(b, DHCP_SERVER_ID, server_nip);
	add_requests(c, b);
}

size_t client_build(const struct client_state *c, unsigned what, uint32_t ip, int64_t now,
	struct dhcp_builder *b)
{
	static const uint8_t type[] = {
		[SEND_DISCOVER] = DHCPDISCOVER, [SEND_SELECT] = DHCPREQUEST,
		[SEND_REBOOT] = DHCPREQUEST, [SEND_RENEW] = DHCPREQUEST, [SEND_REBIND] = DHCPREQUEST,
		[SEND_RELEASE] = DHCPRELEASE, [SEND_DECLINE] = DHCPDECLINE,
	};

	start_message(c, b, type[what], now);
	switch (what) {
	case SEND_DISCOVER:
		build_discover(c, b);
		break;
	case SEND_SELECT:
		build_request_for(c, b, c->offered_ip, c->server_nip);
		break;
	case SEND_REBOOT:
		build_request_for(c, b, c->requested_ip, 0);
		break;
	case SEND_RENEW:
	case SEND_REBIND:	/* RFC 2131 4.3.2: ciaddr, no 50 or 54 */
		b->pkt.ciaddr = c->lease_ip;
		add_identity(c, b);
		add_requests(c, b);
		break;
	case SEND_RELEASE:	/* RFC 2131 4.4.6: ciaddr and 54 */
		b->pkt.ciaddr = ip;
		add_identity(c, b);
		udhcp_add_ip(b, DHCP_SERVER_ID, c->server_nip);
		break;
	case SEND_DECLINE:	/* RFC 2131 4.4.1: 50 and 54, broadcast */
		add_identity(c, b);
		udhcp_add_ip(b, DHCP_REQUESTED_IP, ip);
		if (c->server_nip)
			udhcp_add_ip(b, DHCP_SERVER_ID, c->server_nip);
		break;
	}
	return udhcp_builder_finish(b);
}
