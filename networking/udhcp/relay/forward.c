/*
 * forward.c: what dhcprelay does with one message, as pure functions.
 *
 * Requests (client side -> servers): RFC 1542 section 4.1.1 (hops,
 * giaddr), RFC 3046 sections 2.1 and 2.1.1 (option 82: ours, and one that
 * is already there). Replies (servers -> client side): RFC 1542 section
 * 4.1.2 and RFC 2131 section 4.1 (which interface, which destination),
 * RFC 3046 section 2.2 (option 82 checked and removed).
 *
 * The interface a reply goes out on is the one whose address is the
 * reply's giaddr; when we insert option 82 its circuit id must name that
 * same interface, so the two never disagree.
 */
#include "codec/bytes.h"
#include "relay/relay.h"

#include <arpa/inet.h>
#include <string.h>

/* An identifier from the wire, printable for a log line. */
static const char *show_id(const uint8_t *p, size_t len, char *buf, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < cap; i++)
		buf[n++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
	buf[n] = '\0';
	return buf;
}

/*
 * Option 82 on the way in (RFC 3046 2.1, 2.1.1). We add ours only as the
 * first hop (giaddr 0): only then does the reply come back through us to
 * be checked and stripped. One already there came, with giaddr 0, from
 * the client itself (untrusted: RFC 3046 2.1 says discard), or else from
 * a relay closer to the client; the policy says what to do with it.
 * Returns the length of the option to add (0: none), *strip set when the
 * old one goes, or -1 to drop.
 */
static int request_agent_info(const struct relay_config *cfg, unsigned link,
	const struct dhcp_message *m, uint8_t *ours, size_t cap, bool *strip,
	struct udhcp_error *err)
{
	bool old = udhcp_opt_present(&m->opts, DHCP_RELAY_AGENT);
	bool first_hop = m->giaddr == 0;

	*strip = false;
	if (old) {
		if (cfg->policy == RELAY_POLICY_DROP)
			return udhcp_fail(err, "carries option 82 already (policy drop)");
		if (cfg->policy == RELAY_POLICY_KEEP && first_hop)
			return udhcp_fail(err, "option 82 from a client (giaddr 0): untrusted, RFC 3046 2.1");
		if (cfg->policy == RELAY_POLICY_KEEP)
			return 0;	/* forwarded as it is: nothing edited */
		if (m->overload)	/* it may sit in file/sname: not ours to edit */
			return udhcp_fail(err, "option 82 together with option overload (52)");
		*strip = true;
	}
	/* RFC 3046 is DHCP's: a BOOTP request (no option 53) goes as it is */
	if (!cfg->agent_info || !first_hop || !udhcp_opt_present(&m->opts, DHCP_MESSAGE_TYPE))
		return 0;
	return (int)agent_info_build(cfg, link, ours, cap);
}

enum relay_verdict relay_request(const struct relay_config *cfg, unsigned link,
	const uint8_t *in, size_t len, struct dhcp_message *m, struct relay_out *out,
	struct udhcp_error *err)
{
	uint8_t ours[2 + 255];
	bool strip;
	int ours_len;
	size_t n;

	out->added_82 = false;
	if (link >= cfg->nlinks)
		return udhcp_fail(err, "no client interface %u", link);
	if (udhcp_parse_message(in, len, BOOTREQUEST, m, err) < 0)
		return RELAY_DROP;
	/* RFC 1542 4.1.1: silently discard when hops exceeds the limit */
	if (m->hops > cfg->max_hops)
		return udhcp_fail(err, "hops %u over the limit %u", m->hops, cfg->max_hops);
	ours_len = request_agent_info(cfg, link, m, ours, sizeof(ours), &strip, err);
	if (ours_len < 0)
		return RELAY_DROP;
	n = 0;
	/* RFC 3046 2.1: a message our option would make too big goes without it */
	if (strip || ours_len > 0)
		n = agent_info_rewrite(in, len, ours, (size_t)ours_len, out->buf, RELAY_BUF_SIZE);
	if (ours_len > 0 && (n == 0 || n > DHCP_MAX_SEND)) {
		ours_len = 0;
		n = strip ? agent_info_rewrite(in, len, NULL, 0, out->buf, RELAY_BUF_SIZE) : 0;
	}
	if (n == 0) {
		if (strip || len > RELAY_BUF_SIZE)
			return udhcp_fail(err, "no room to rewrite the options");
		memcpy(out->buf, in, len);
		n = len;
	}
	out->len = n;
	out->added_82 = ours_len > 0;
	/* max_hops <= 254: never wraps */
	out->buf[offsetof(struct dhcp_packet, hops)] = (uint8_t)(m->hops + 1);
	if (m->giaddr == 0)	/* RFC 1542 4.1.1: a relay's giaddr is kept */
		memcpy(out->buf + offsetof(struct dhcp_packet, gateway_nip), &cfg->links[link].nip, 4);
	return RELAY_FORWARD;
}

static bool known_server(const struct relay_config *cfg, uint32_t src_nip)
{
	for (unsigned i = 0; i < cfg->nservers; i++)
		if (cfg->servers[i] == src_nip)
			return true;
	return cfg->nservers == 0;
}

/* The client interface whose address is giaddr, or -1. */
static int link_of(const struct relay_config *cfg, uint32_t giaddr)
{
	for (unsigned i = 0; i < cfg->nlinks; i++)
		if (cfg->links[i].nip == giaddr)
			return (int)i;
	return -1;
}

static int link_named(const struct relay_config *cfg, const uint8_t *name, size_t len)
{
	for (unsigned i = 0; i < cfg->nlinks; i++)
		if (strlen(cfg->links[i].name) == len && memcmp(cfg->links[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/*
 * An option 82 in a reply, when we insert ours: it must be ours, for the
 * interface giaddr names (RFC 3046 2.2: the relay uses it to find the
 * circuit; a mismatch means a confused or forged reply).
 */
static int check_reply_agent_info(const struct relay_config *cfg, unsigned link,
	const uint8_t *data, size_t len, struct udhcp_error *err)
{
	struct udhcp_agent ai;
	char id[40];
	int named;

	if (udhcp_agent_parse(data, len, &ai, err) < 0)
		return -1;
	if (!ai.circuit_id)
		return udhcp_fail(err, "option 82 without a circuit id");
	named = link_named(cfg, ai.circuit_id, ai.circuit_len);
	if (named < 0)
		return udhcp_fail(err, "option 82 circuit id '%s' names no client interface of ours",
			show_id(ai.circuit_id, ai.circuit_len, id, sizeof(id)));
	if ((unsigned)named != link)
		return udhcp_fail(err, "option 82 circuit id '%s' but giaddr is %s's",
			cfg->links[named].name, cfg->links[link].name);
	if (cfg->remote_id_len && (!ai.remote_id || ai.remote_len != cfg->remote_id_len
	    || memcmp(ai.remote_id, cfg->remote_id, ai.remote_len) != 0))
		return udhcp_fail(err, "option 82 remote id is not ours");
	return 0;
}

/*
 * Where the reply goes on the client's link (RFC 1542 4.1.2, RFC 2131
 * 4.1): to ciaddr when the client has an address and did not ask for
 * broadcast; else broadcast. A client without an address yet (ciaddr 0)
 * is reached by broadcast too, as BusyBox does: a unicast to yiaddr would
 * need a raw frame to chaddr (it cannot answer ARP yet). A NAK is always
 * broadcast (RFC 2131 4.3.2).
 */
static uint32_t reply_destination(const struct dhcp_message *m)
{
	if ((m->flags & DHCP_FLAG_BROADCAST) || m->ciaddr == 0
	    || udhcp_message_type(&m->opts) == DHCPNAK)
		return INADDR_BROADCAST;
	return m->ciaddr;
}

enum relay_verdict relay_reply(const struct relay_config *cfg, uint32_t src_nip,
	const uint8_t *in, size_t len, struct dhcp_message *m, struct relay_out *out,
	struct udhcp_error *err)
{
	const uint8_t *opt82;
	size_t opt82_len;
	char ip[INET_ADDRSTRLEN];
	int link;

	out->added_82 = false;
	if (udhcp_parse_message(in, len, BOOTREPLY, m, err) < 0)
		return RELAY_DROP;
	if (!known_server(cfg, src_nip)) {
		udhcp_fail(err, "reply from %s: not a configured server", udhcp_ip_text(src_nip, ip));
		return RELAY_DROP_NOTICE;
	}
	link = link_of(cfg, m->giaddr);
	if (link < 0)
		return udhcp_fail(err, "giaddr %s is none of our client interfaces", udhcp_ip_text(m->giaddr, ip));
	opt82 = udhcp_opt_get(&m->opts, DHCP_RELAY_AGENT, &opt82_len);
	out->len = len;
	if (opt82) {
		if (cfg->agent_info && check_reply_agent_info(cfg, (unsigned)link, opt82, opt82_len, err) < 0)
			return RELAY_DROP_NOTICE;
		/* RFC 3046 2.2: never passed on to the client. Read back: with
		 * option overload (a large reply) it might sit in file or sname,
		 * which are not edited */
		out->len = agent_info_rewrite(in, len, NULL, 0, out->buf, RELAY_BUF_SIZE);
		if (out->len == 0)
			return udhcp_fail(err, "no room to rewrite the options");
		if (udhcp_parse_message(out->buf, out->len, BOOTREPLY, m, err) < 0)
			return RELAY_DROP_NOTICE;
		if (udhcp_opt_present(&m->opts, DHCP_RELAY_AGENT)) {
			udhcp_fail(err, "option 82 in the overloaded file or sname field");
			return RELAY_DROP_NOTICE;
		}
		out->added_82 = true;
	} else {
		memcpy(out->buf, in, len);	/* len <= DHCP_MAX_RECV: checked by the parser */
	}
	out->link = (unsigned)link;
	out->dst_nip = reply_destination(m);
	return RELAY_FORWARD;
}
