/*
 * relay.h: dhcprelay's decisions, pure (forward.c, agentinfo.c): a
 * request in -> the bytes to forward; a reply in -> the bytes for the
 * client, the interface and the address they go to. No OS calls: the
 * daemon (dhcprelay.c) owns the sockets, the fuzzer (fuzz/fuzz_relay.c)
 * drives these directly.
 *
 * RFC 1542 section 4 (relay agents), RFC 2131 section 4.1 (giaddr,
 * broadcast bit), RFC 3046 (relay agent information, option 82).
 */
#ifndef DHCPBOX_UDHCP_RELAY_H
#define DHCPBOX_UDHCP_RELAY_H

#include "codec/agent.h"
#include "codec/common.h"

enum {
	RELAY_MAX_HOPS_DEFAULT = 16,	/* RFC 1542 section 4.1.1 */
	RELAY_MAX_HOPS_LIMIT = 254,	/* hops + 1 must fit the byte */
	RELAY_IFNAME_MAX = 15,		/* IFNAMSIZ - 1: the circuit id */
	RELAY_REMOTE_ID_MAX = 64,
	/* room for the largest message plus an option 82 */
	RELAY_BUF_SIZE = DHCP_MAX_RECV + 2 + 255,
};

/* What to do with an option 82 already in a request (RFC 3046 2.1.1). */
enum relay_policy {
	RELAY_POLICY_KEEP,	/* forward it as it is, add none (ISC "forward") */
	RELAY_POLICY_REPLACE,	/* remove it, add ours (ISC "replace") */
	RELAY_POLICY_DROP,	/* drop the request (ISC "discard") */
};

/* One client interface: the one requests come in on, replies go out. */
struct relay_link {
	char name[RELAY_IFNAME_MAX + 1];	/* also the circuit id (sub-option 1) */
	uint32_t nip;				/* giaddr, network order */
};

struct relay_config {
	struct relay_link *links;
	unsigned nlinks;
	const uint32_t *servers;	/* network order; none: broadcast, any source */
	unsigned nservers;
	unsigned max_hops;
	bool agent_info;		/* insert option 82 */
	enum relay_policy policy;
	uint8_t remote_id[RELAY_REMOTE_ID_MAX];	/* sub-option 2, when remote_id_len */
	size_t remote_id_len;
};

/* What a decision produced; buf (RELAY_BUF_SIZE bytes) belongs to the caller. */
struct relay_out {
	uint8_t *buf;
	size_t len;
	unsigned link;		/* reply: index of the client interface to send on */
	uint32_t dst_nip;	/* reply: the client's address or 255.255.255.255 */
	bool added_82;		/* request: ours is in it; reply: ours was stripped */
};

/* Why a message was dropped: routine (a debug line) or worth a log line. */
enum relay_verdict { RELAY_FORWARD = 0, RELAY_DROP = -1, RELAY_DROP_NOTICE = -2 };

/*
 * A BOOTREQUEST received on client interface `link`: checked (RFC 1542
 * 4.1.1 hops, RFC 3046 2.1 / 2.1.1 for an option 82 already there), hops
 * incremented, giaddr set when it is 0, option 82 added or replaced as
 * configured. scratch holds the decoded message (large: allocate once).
 */
enum relay_verdict relay_request(const struct relay_config *cfg, unsigned link,
	const uint8_t *in, size_t len, struct dhcp_message *scratch, struct relay_out *out,
	struct udhcp_error *err);

/*
 * A BOOTREPLY from src_nip on the server side: accepted only from a
 * configured server, for a giaddr of ours; option 82 checked against what
 * we insert and removed (RFC 3046 2.2); the interface is giaddr's, the
 * destination per RFC 1542 4.1.2 / RFC 2131 4.1.
 */
enum relay_verdict relay_reply(const struct relay_config *cfg, uint32_t src_nip,
	const uint8_t *in, size_t len, struct dhcp_message *scratch, struct relay_out *out,
	struct udhcp_error *err);

/* ---- agentinfo.c: option 82 (RFC 3046) ---------------------------------- */

/* (a received option 82 is read by codec/agent.h's udhcp_agent_parse) */

/* Our option 82 (code, length, sub-options 1 and 2) into out; its length. */
size_t agent_info_build(const struct relay_config *cfg, unsigned link, uint8_t *out,
	size_t cap);

/*
 * Copies a message (already validated by udhcp_parse_message) into out,
 * leaving out every option 82 of its options field and, when add/add_len
 * is given, putting that option in before END (RFC 3046 2.1: the last
 * option). Pads to the BOOTP minimum. Returns the length, or 0 when out
 * is too small.
 */
size_t agent_info_rewrite(const uint8_t *in, size_t len, const uint8_t *add, size_t add_len,
	uint8_t *out, size_t cap);

#endif
