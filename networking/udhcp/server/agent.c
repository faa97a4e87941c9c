/*
 * agent.c: what a relay agent's option 82 (RFC 3046) changes in the
 * server's answer, pure: the link the client is on (RFC 3527 link
 * selection), the server identifier it sees (RFC 5107 override), and the
 * option itself, echoed as the reply's last option (RFC 3046 section 2.2).
 */
#include "libbb.h"
#include "server/server.h"
#include "codec/agent.h"

#include <arpa/inet.h>

bool server_agent_of(const struct dhcp_message *m, struct udhcp_agent *a)
{
	size_t n;
	const uint8_t *data = udhcp_opt_get(&m->opts, DHCP_RELAY_AGENT, &n);
	struct udhcp_error err;

	return data && udhcp_agent_parse(data, n, a, &err) == 0;
}

/* RFC 3046 section 2.0: sub-options that do not fill the option, or an
 * address sub-option of the wrong size: nothing in it can be trusted. */
bool server_agent_malformed(const struct dhcp_message *m)
{
	struct udhcp_agent a;

	return udhcp_opt_present(&m->opts, DHCP_RELAY_AGENT) && !server_agent_of(m, &a);
}

/* RFC 3527 section 4: the sub-option names the client's subnet when the
 * relay's own address (giaddr, still where the reply goes) cannot. */
uint32_t server_agent_link(const struct dhcp_message *m)
{
	struct udhcp_agent a;

	if (m->giaddr && server_agent_of(m, &a) && a.link_nip)
		return a.link_nip;
	return m->giaddr;
}

/* RFC 5107 section 4: the address the relay wants the client to use as
 * the server's (its own, so that renewals reach it), or 0. Only from a
 * relay (giaddr): without one, nobody would take the renewals there. */
uint32_t server_agent_server_id(const struct dhcp_message *m)
{
	struct udhcp_agent a;

	return m->giaddr && server_agent_of(m, &a) ? a.server_id_nip : 0;
}

size_t server_agent_room(const struct dhcp_message *m)
{
	size_t n;

	/* over 255 bytes (RFC 3396), it goes as several instances */
	return udhcp_opt_get(&m->opts, DHCP_RELAY_AGENT, &n) ? n + 2 * ((n + 254) / 255) : 0;
}

void server_agent_echo(struct dhcp_builder *b, const struct dhcp_message *m)
{
	size_t n;
	const uint8_t *data = udhcp_opt_get(&m->opts, DHCP_RELAY_AGENT, &n);

	if (data && udhcp_add_option(b, DHCP_RELAY_AGENT, data, n) < 0 && bb_client_msg_allowed())
		bb_error_msg("option 82 does not fit in the reply to %s: not echoed",
			server_mac_str(m->chaddr));
}
