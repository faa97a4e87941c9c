/*
 * bootp.c: BOOTP clients (RFC 951, RFC 1497, RFC 1542; RFC 2131 4.3
 * "BOOTP clients"), as ISC dhcpd 4.4 answers them. A request without
 * option 53 gets a BOOTREPLY: no option 53, 54 or 51, every option of its
 * scopes (option 55 ignored, as ISC does) after the cookie, padded to 300 bytes; siaddr,
 * sname and file from next-server, server-name and filename; option 82
 * echoed to a relay (ISC does). Its address: its host's fixed address on
 * its link (no lease), else a lease from a "range dynamic-bootp", infinite
 * unless dynamic-bootp-lease-length or -cutoff (the cutoff wins) say
 * otherwise, journaled so that the client keeps it. "deny bootp" or
 * "ignore bootp" in its scopes: no answer. A udhcpd.conf answers BOOTP
 * clients with a static_lease only, with "bootp yes".
 */
#include "libbb.h"
#include "server/server.h"
#include "os/clock.h"

#include <arpa/inet.h>

/* Seconds of a dynamic BOOTP lease (0xffffffff: infinite). */
static uint32_t bootp_lease_time(const struct conf_view *v)
{
	uint32_t length = conf_view_param(v, CP_BOOTP_LEASE_LENGTH, 0xffffffff);
	uint32_t cutoff = conf_view_param(v, CP_BOOTP_LEASE_CUTOFF, 0xffffffff);
	int64_t left;

	if (cutoff == 0xffffffff)
		return length ? length : 1;
	left = (int64_t)cutoff - os_wall_s();
	return left < 1 ? 1 : left >= 0xffffffff ? 0xfffffffe : (uint32_t)left;
}

static size_t bootp_reply(struct server_state *s, const struct dhcp_message *m, uint32_t ip,
	struct server_out *out)
{
	struct dhcp_builder *b = &out->b;
	const struct conf_subnet *subnet;
	struct conf_view v;
	const char *sname, *file;

	server_view_for(s, m, ip, &v, &subnet);
	udhcp_builder_init(b, DHCPACK, m->xid, m->htype, m->chaddr, m->hlen);
	b->used = 0;	/* RFC 1497: the cookie, options, no option 53 */
	/* RFC 951's 64-byte vendor area (cookie included), as ISC fills it:
	 * a BOOTP client may have no room for more; what does not fit is
	 * left out */
	b->max_size = IP_UDP_HEADER_LEN + BOOTP_MIN_LEN;
	b->reserved = server_agent_room(m);
	b->pkt.flags = htons(m->flags);
	b->pkt.gateway_nip = m->giaddr;
	b->pkt.ciaddr = m->ciaddr;
	b->pkt.yiaddr = htonl(ip);
	b->pkt.siaddr_nip = conf_view_param(&v, CP_NEXT_SERVER, 0);
	if ((sname = conf_view_string(&v, CS_SERVER_NAME)) != NULL)
		strncpy((char *)b->pkt.sname, sname, sizeof(b->pkt.sname) - 1);
	if ((file = conf_view_string(&v, CS_FILENAME)) != NULL)
		strncpy((char *)b->pkt.file, file, sizeof(b->pkt.file) - 1);
	/* ISC 4.4 gives a BOOTP client all of them, option 55 or not */
	server_add_options(b, m, &v, subnet, server_host_of(s, m), ntohl(s->netmask), true);
	return server_finish_reply(s, b, m, DHCPACK, &out->dst, &out->port);
}

/* allow/deny/ignore bootp in the client's scopes for ip (0: its link's);
 * those of a range's pool and subnet are range_admits' (decide.c), before
 * an address of it is taken. */
static bool bootp_allowed(const struct server_state *s, const struct dhcp_message *m, uint32_t ip)
{
	const struct conf_subnet *subnet;
	struct conf_view v;

	if (!s->cfg.isc)
		return s->cfg.bootp;
	server_view_for(s, m, ip, &v, &subnet);
	return conf_view_param(&v, CP_BOOTP, CONF_ALLOW) == CONF_ALLOW;
}

/* Its lease on a dynamic-bootp address it may keep, else a free one. */
static uint32_t bootp_address(struct server_state *s, const struct dhcp_message *m,
	const struct lease *mine)
{
	uint32_t link = server_link_of(s, m);
	int i;

	/* server_range_admits: a dynamic-bootp range, or a pool allowing BOOTP */
	if (mine && (i = pool_range_of(&s->pool, mine->ip)) >= 0
	    && server_range_admits(s, &s->cfg.ranges[i], link, m) && server_ip_usable_by(s, mine->ip, mine))
		return mine->ip;
	return server_free_address_in(s, link, m, true);
}

void server_decide_bootp(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	uint32_t fixed = server_static_ip_for(s, m), ip, secs;
	const struct conf_subnet *subnet;
	struct lease *l;
	struct conf_view v;

	struct lease *mine = server_lease_of(s, m);
	struct lease_snapshot prior;

	if (!bootp_allowed(s, m, fixed)) {
		bb_debug_msg(1, "BOOTREQUEST from %s ignored: bootp disallowed", server_mac_str(m->chaddr));
		return;
	}
	if (fixed) {		/* a host's address: no lease (ISC writes none) */
		out->len = bootp_reply(s, m, fixed, out);
		return;
	}
	if (!s->cfg.isc || !(ip = bootp_address(s, m, mine))) {
		bb_debug_msg(1, "BOOTREQUEST from %s: no address for it", server_mac_str(m->chaddr));
		return;
	}
	out->was_new = mine == NULL;	/* the lease goes again if unjournaled */
	if (mine)
		lease_snapshot_take(mine, &prior);	/* as it was before server_reserve moves it */
	if (!(l = server_reserve(s, m, ip)))
		return;
	server_view_for(s, m, ip, &v, &subnet);
	secs = bootp_lease_time(&v);
	server_bind(s, l, m, secs, mine ? &prior : NULL, false, out);
	out->len = bootp_reply(s, m, ip, out);
}
