/*
 * agent.h: the relay agent information option (82, RFC 3046), pure. A
 * relay puts it in the requests it forwards; a server reads its
 * sub-options and echoes it back (RFC 3046 section 2.2); the relay takes
 * it out of the reply before the client sees it.
 */
#ifndef DHCPBOX_UDHCP_AGENT_H
#define DHCPBOX_UDHCP_AGENT_H

#include "codec/common.h"

enum udhcp_agent_sub {
	AGENT_CIRCUIT_ID = 1,		/* RFC 3046 section 3.1 */
	AGENT_REMOTE_ID = 2,		/* RFC 3046 section 3.2 */
	AGENT_LINK_SELECTION = 5,	/* RFC 3527: the client's link, not giaddr's */
	AGENT_SERVER_ID_OVERRIDE = 11,	/* RFC 5107: the server id the client sees */
};

/* What a server reads in option 82: pointers into the option's data. */
struct udhcp_agent {
	const uint8_t *circuit_id, *remote_id;	/* NULL: absent */
	size_t circuit_len, remote_len;
	uint32_t link_nip;		/* sub-option 5, network order; 0: absent */
	uint32_t server_id_nip;		/* sub-option 11; 0: absent */
};

/*
 * Walks option 82's data (len bytes): sub-options of a code byte, a length
 * byte and the data, filling the option exactly (RFC 3046 section 2.0).
 * -1 with the reason when one runs past the end, when one of codes 1 to
 * 31 comes twice (which circuit would it be?), or when sub-option 5 or
 * 11 is not 4 bytes (RFC 3527 section 3, RFC 5107 section 4).
 */
int udhcp_agent_parse(const uint8_t *data, size_t len, struct udhcp_agent *a,
	struct udhcp_error *err);

#endif
