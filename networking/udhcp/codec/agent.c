/*
 * agent.c: option 82's sub-options (RFC 3046), pure. See agent.h.
 */
#include "codec/agent.h"
#include "codec/bytes.h"

#include <string.h>

static int address_sub(const uint8_t *p, size_t n, uint32_t *nip, const char *what,
	struct udhcp_error *err)
{
	if (n != 4)
		return udhcp_fail(err, "relay agent %s of %zu bytes, not 4", what, n);
	memcpy(nip, p, 4);	/* stays in network order */
	return 0;
}

int udhcp_agent_parse(const uint8_t *data, size_t len, struct udhcp_agent *a,
	struct udhcp_error *err)
{
	uint32_t seen = 0;	/* a code twice would make a match ambiguous */

	memset(a, 0, sizeof(*a));
	for (size_t at = 0; at < len; at += 2 + data[at + 1]) {
		const uint8_t *p = data + at + 2;
		size_t n;

		if (at + 2 > len || at + 2 + data[at + 1] > len)
			return udhcp_fail(err, "relay agent sub-option %u runs past option 82", data[at]);
		n = data[at + 1];
		if (data[at] < 32 && (seen & (1u << data[at])))
			return udhcp_fail(err, "relay agent sub-option %u repeated", data[at]);
		if (data[at] < 32)
			seen |= 1u << data[at];
		switch (data[at]) {
		case AGENT_CIRCUIT_ID:
			a->circuit_id = p, a->circuit_len = n;
			break;
		case AGENT_REMOTE_ID:
			a->remote_id = p, a->remote_len = n;
			break;
		case AGENT_LINK_SELECTION:
			if (address_sub(p, n, &a->link_nip, "link selection", err) < 0)
				return -1;
			break;
		case AGENT_SERVER_ID_OVERRIDE:
			if (address_sub(p, n, &a->server_id_nip, "server id override", err) < 0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}
