/*
 * common.h: the DHCPv4 message and option codec shared by udhcpc and udhcpd.
 *
 * Pure code: everything declared here works on buffers, never calls the OS
 * and never exits. Failures return -1 and describe themselves in a
 * struct udhcp_error, which the caller logs (one debug line per rejected
 * packet). Nothing else in dhcpbox parses DHCP options.
 *
 *	packet.c	BOOTP header, IPv4/UDP framing and checksums, verification
 *	options.c	option table, the one option walker, getters, adders
 *	dnsname.c	RFC 1035 names with compression (option 119)
 *	optparse.c	text -> option ("name:value", "option name value...")
 *	optrender.c	option -> text for the hook script
 */
#ifndef DHCPBOX_UDHCP_COMMON_H
#define DHCPBOX_UDHCP_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Errors --------------------------------------------------------------- */
struct udhcp_error {
	char msg[160];
};

/* ---- Protocol constants ------------------------------------------------- */
enum {
	DHCP_SERVER_PORT = 67,
	DHCP_CLIENT_PORT = 68,
	DHCP_MAGIC = 0x63825363,	/* RFC 2131 section 3 */
	BOOTREQUEST = 1,
	BOOTREPLY = 2,
	DHCP_HTYPE_ETHERNET = 1,
	DHCP_FLAG_BROADCAST = 0x8000,	/* RFC 2131 section 2, figure 2 */
	BOOTP_MIN_LEN = 300,		/* RFC 1542 section 2.1: pad to this */
	DHCP_MIN_MAX_SIZE = 576,	/* RFC 2132 section 9.10 */
	IP_UDP_HEADER_LEN = 28,
	DHCP_HEADER_LEN = 240,		/* BOOTP fields and the magic cookie */
	/* The largest message we build: an Ethernet frame's worth. */
	DHCP_MAX_SEND = 1500 - IP_UDP_HEADER_LEN,
	DHCP_OPTIONS_BUFSIZE = DHCP_MAX_SEND - DHCP_HEADER_LEN,
	/* The largest message we accept (jumbo frames included). */
	DHCP_MAX_RECV = 8192,
};

/* Message types, option 53 (RFC 2132 section 9.6, RFC 3203 for FORCERENEW). */
enum dhcp_message_type {
	DHCPDISCOVER = 1,
	DHCPOFFER = 2,
	DHCPREQUEST = 3,
	DHCPDECLINE = 4,
	DHCPACK = 5,
	DHCPNAK = 6,
	DHCPRELEASE = 7,
	DHCPINFORM = 8,
	DHCPFORCERENEW = 9,
};
const char *udhcp_message_type_name(unsigned type);	/* "DHCPACK", or NULL */

/* Option codes the code refers to by name (RFC 2132 unless noted). */
enum dhcp_option_code {
	DHCP_PADDING = 0,
	DHCP_SUBNET = 1,
	DHCP_ROUTER = 3,
	DHCP_DNS_SERVER = 6,
	DHCP_HOST_NAME = 12,
	DHCP_DOMAIN_NAME = 15,
	DHCP_BROADCAST = 28,
	DHCP_STATIC_ROUTES_OLD = 33,
	DHCP_VENDOR_OPTIONS = 43,	/* vendor-encapsulated-options, section 8.4 */
	DHCP_REQUESTED_IP = 50,
	DHCP_LEASE_TIME = 51,
	DHCP_OPTION_OVERLOAD = 52,
	DHCP_MESSAGE_TYPE = 53,
	DHCP_SERVER_ID = 54,
	DHCP_PARAM_REQ = 55,
	DHCP_MESSAGE = 56,
	DHCP_MAX_SIZE = 57,
	DHCP_T1 = 58,
	DHCP_T2 = 59,
	DHCP_VENDOR = 60,
	DHCP_CLIENT_ID = 61,
	DHCP_USER_CLASS = 77,		/* RFC 3004 */
	DHCP_RAPID_COMMIT = 80,		/* RFC 4039 */
	DHCP_FQDN = 81,			/* RFC 4702 */
	DHCP_RELAY_AGENT = 82,		/* RFC 3046 */
	DHCP_DOMAIN_SEARCH = 119,	/* RFC 3397 */
	DHCP_SIP_SERVERS = 120,		/* RFC 3361 */
	DHCP_STATIC_ROUTES = 121,	/* RFC 3442 */
	DHCP_6RD = 212,			/* RFC 5969 */
	DHCP_MS_STATIC_ROUTES = 249,
	DHCP_END = 255,
};

/* ---- The BOOTP message (RFC 2131 section 2, figure 1) ---------------------
 * Used to build messages. Multi-byte fields hold network byte order. The
 * layout has no padding (checked in packet.c); received bytes are never
 * cast to it: udhcp_parse_message() decodes them into struct dhcp_message.
 */
struct dhcp_packet {
	uint8_t op;
	uint8_t htype;
	uint8_t hlen;
	uint8_t hops;
	uint32_t xid;
	uint16_t secs;
	uint16_t flags;
	uint32_t ciaddr;
	uint32_t yiaddr;
	uint32_t siaddr_nip;
	uint32_t gateway_nip;
	uint8_t chaddr[16];
	uint8_t sname[64];
	uint8_t file[128];
	uint32_t cookie;
	uint8_t options[DHCP_OPTIONS_BUFSIZE];
};

/* ---- Options as found in a received message --------------------------------
 * Every option's data, with the pieces of a repeated option concatenated in
 * order (RFC 3396) and those from the overloaded file/sname fields included
 * (option 52). Filled by udhcp_scan_options(); read with the getters.
 */
struct dhcp_optset {
	uint8_t present[256 / 8];
	uint16_t off[256];
	uint16_t len[256];
	uint8_t data[DHCP_MAX_RECV];
};

/* A received BOOTP message, decoded. Addresses stay in network order. */
struct dhcp_message {
	uint8_t op, htype, hlen, hops;
	uint32_t xid;
	uint16_t secs, flags;
	uint32_t ciaddr, yiaddr, siaddr, giaddr;
	uint8_t chaddr[16];
	uint8_t overload;	/* option 52: 1 file, 2 sname, 3 both hold options */
	char sname[65];		/* NUL-terminated; empty when overloaded */
	char file[129];
	struct dhcp_optset opts;
};

/* ---- packet.c ---------------------------------------------------------------- */

/* RFC 1071 Internet checksum of buf, continuing from sum (0 to start). */
uint16_t udhcp_checksum(const void *buf, size_t len, uint32_t sum);

/*
 * Checks a raw IPv4 datagram (what an AF_PACKET SOCK_DGRAM socket gives):
 * IP version and header length, not a fragment, header checksum, UDP, the
 * IP and UDP lengths against the bytes received, destination port, and the
 * UDP checksum unless it is 0 or csum_unverified (offloaded, PACKET_AUXDATA).
 * On success payload and payload_len give the UDP payload.
 */
int udhcp_verify_ip_udp(const uint8_t *frame, size_t len, uint16_t dport,
	bool csum_unverified, const uint8_t **payload, size_t *payload_len,
	struct udhcp_error *err);

/*
 * Does the UDP checksum field hold the folded pseudo-header sum, what a
 * sender leaving the checksum to offload writes? The guess for
 * csum_unverified when the kernel gives no checksum status.
 */
bool udhcp_udp_csum_is_partial(const uint8_t *frame, size_t len);

/*
 * Decodes a BOOTP/DHCP message: length, op code (expected_op, or 0 for
 * either), hlen, magic cookie, then every option through the walker.
 */
int udhcp_parse_message(const uint8_t *buf, size_t len, uint8_t expected_op,
	struct dhcp_message *msg, struct udhcp_error *err);

/*
 * Builds IPv4 + UDP headers with checksums in front of a DHCP message.
 * Addresses in network order, ports in host order. Returns the frame
 * length, or 0 when cap is too small.
 */
size_t udhcp_build_ip_udp(uint8_t *frame, size_t cap, const void *payload, size_t len,
	uint32_t src_nip, uint16_t sport, uint32_t dst_nip, uint16_t dport);

/* A message under construction: the packet and how much option room is used. */
struct dhcp_builder {
	struct dhcp_packet pkt;
	size_t used;		/* option bytes written, END not counted */
	size_t max_size;	/* the receiver's limit incl. IP/UDP: 576 or its option 57 */
	size_t reserved;	/* option bytes kept free for a last option (82's echo) */
	/* RFC 2131 4.1, RFC 2132 9.3: options past the options field go into
	 * file and sname when those are free (udhcp_builder_allow_overload) */
	uint8_t overload_ok;	/* 1 file, 2 sname: may hold options */
	uint8_t overload;	/* the fields in use: option 52's value */
	size_t overload_at;	/* where that value is in pkt.options */
	size_t file_used, sname_used;
};

/*
 * Starts a message: op from the type (BOOTREQUEST for client messages),
 * xid (host order), chaddr of hlen bytes (at most 16), cookie, option 53.
 */
void udhcp_builder_init(struct dhcp_builder *b, uint8_t type, uint32_t xid,
	uint8_t htype, const uint8_t *chaddr, uint8_t hlen);
/* Raises the size limit to a peer's option 57 (values below 576 are ignored). */
void udhcp_builder_set_max_size(struct dhcp_builder *b, unsigned max_size);
/* Lets options that do not fit go into the file and sname fields, those
 * of them still empty (a server's reply, once filename and server-name
 * are in): option 52 says which. */
void udhcp_builder_allow_overload(struct dhcp_builder *b);
/* Writes END (in each overloaded field too) and pads to the BOOTP
 * minimum; returns the message length. */
size_t udhcp_builder_finish(struct dhcp_builder *b);

/* ---- options.c ----------------------------------------------------------------- */

enum udhcp_opt_type {
	OPT_TYPE_BINARY,	/* shown as hex */
	OPT_TYPE_IP,
	OPT_TYPE_IP_PAIR,	/* option 33: destination/router */
	OPT_TYPE_U8,
	OPT_TYPE_U16,
	OPT_TYPE_U32,
	OPT_TYPE_S32,
	OPT_TYPE_STRING,	/* text; exported only if safe */
	OPT_TYPE_HOST,		/* host or domain names, validated */
	OPT_TYPE_DNS_LIST,	/* RFC 1035 names, compressed (119) */
	OPT_TYPE_SIP_SERVERS,	/* RFC 3361 (120) */
	OPT_TYPE_ROUTES,	/* RFC 3442 classless routes (121, 249) */
	OPT_TYPE_6RD,		/* RFC 5969 (212) */
	OPT_TYPE_USER_CLASS,	/* RFC 3004 (77) */
};

enum {
	OPT_FLAG_LIST = 1 << 0,		/* repeatable element; config lines append */
	OPT_FLAG_REQ = 1 << 1,		/* in udhcpc's default option 55 */
};

struct udhcp_optdef {
	uint8_t code;
	uint8_t type;		/* enum udhcp_opt_type */
	uint8_t flags;
	/* arrays, not pointers: a const table of pointers in a PIE costs a
	 * 24-byte relocation each */
	char name[15];		/* BusyBox's name: the script variable, the config word */
	char alias[8];		/* another accepted spelling, or "" */
};

/* The definition for a code, or NULL for codes without one. */
const struct udhcp_optdef *udhcp_option_by_code(unsigned code);
/* By name or alias (case-insensitive), or NULL. */
const struct udhcp_optdef *udhcp_option_by_name(const char *name);
/* The entries in code order, for iteration; *count gets their number. */
const struct udhcp_optdef *udhcp_option_table(size_t *count);

/*
 * The option walker: every option of a message's options field and, after
 * option 52, of its file and sname fields (RFC 2131 section 4.1 order),
 * gathered in set. Rejects, with a reason, options that run past their
 * field and a bad, repeated or misplaced option 52 (which also rules out
 * overload loops). A field may end without END. opts points just after the
 * magic cookie.
 */
int udhcp_scan_options(const uint8_t *opts, size_t opts_len, const uint8_t *file,
	const uint8_t *sname, struct dhcp_optset *set, uint8_t *overload,
	struct udhcp_error *err);

enum { UDHCP_OPT_OK = 0, UDHCP_OPT_ABSENT = -1, UDHCP_OPT_INVALID = -2 };

bool udhcp_opt_present(const struct dhcp_optset *set, unsigned code);
/* The option's bytes and length, or NULL when absent. */
const uint8_t *udhcp_opt_get(const struct dhcp_optset *set, unsigned code, size_t *len);
/* Typed getters: UDHCP_OPT_OK with the value (host order, IP in network
 * order), or ABSENT, or INVALID when the length is wrong for the type. */
int udhcp_opt_get_u8(const struct dhcp_optset *set, unsigned code, uint8_t *value);
int udhcp_opt_get_u16(const struct dhcp_optset *set, unsigned code, uint16_t *value);
int udhcp_opt_get_u32(const struct dhcp_optset *set, unsigned code, uint32_t *value);
int udhcp_opt_get_ip(const struct dhcp_optset *set, unsigned code, uint32_t *nip);
/* Option 53 as a valid message type (1..9), or 0. */
unsigned udhcp_message_type(const struct dhcp_optset *set);

/*
 * Adds an option; data over 255 bytes is split into several instances of
 * the option (RFC 3396). Fails (the message unchanged) when the option
 * does not fit the receiver's size limit with room left for END.
 */
int udhcp_add_option(struct dhcp_builder *b, uint8_t code, const void *data, size_t len);
int udhcp_add_u8(struct dhcp_builder *b, uint8_t code, uint8_t value);
int udhcp_add_u16(struct dhcp_builder *b, uint8_t code, uint16_t value);
int udhcp_add_u32(struct dhcp_builder *b, uint8_t code, uint32_t value);
int udhcp_add_ip(struct dhcp_builder *b, uint8_t code, uint32_t nip);
/*
 * Option 55: with defaults, the table's REQ codes (udhcpc's list), then
 * the extra codes (-O), each code once.
 */
int udhcp_add_param_req(struct dhcp_builder *b, bool defaults, const uint8_t *extra, size_t n);
/* Option 61: type htype followed by the hardware address (RFC 2132 9.14). */
int udhcp_add_client_id(struct dhcp_builder *b, uint8_t htype, const uint8_t *hwaddr, size_t len);
/* Option 81 (RFC 4702): flags S and E, the name in DNS wire format. */
int udhcp_add_fqdn(struct dhcp_builder *b, const char *name, uint8_t flags,
	struct udhcp_error *err);
/* Option 77 (RFC 3004): each class as a length-prefixed item. */
int udhcp_add_user_class(struct dhcp_builder *b, const char *const *classes, size_t n);

/* Ready-made option values, e.g. from config files and -x. */
struct udhcp_optval {
	uint8_t code;
	uint16_t len;
	uint8_t data[1024];
};

/* ---- dnsname.c --------------------------------------------------------------- */

/*
 * Decodes the RFC 1035 name list of an option (option 119, RFC 3397 section
 * 2: pointers are offsets into the option's concatenated data) into names
 * separated by single spaces. Rejects pointer loops, forward and
 * out-of-range pointers, truncated labels, names over 255 bytes.
 */
int udhcp_dns_decode(const uint8_t *data, size_t len, char *out, size_t cap,
	struct udhcp_error *err);
/*
 * Encodes space-separated names as an RFC 1035 list, compressing suffixes
 * already written. Returns the encoded length, or -1.
 */
int udhcp_dns_encode(const char *names, uint8_t *out, size_t cap, struct udhcp_error *err);

/* One name in wire format: labels, then a zero byte when terminate is set
 * (a partial name, RFC 4702 2.1, has none). Returns the length, or -1. */
int udhcp_dns_encode_name(const char *name, uint8_t *out, size_t cap, bool terminate,
	struct udhcp_error *err);

/* True for a valid host/domain name: labels of [A-Za-z0-9_-], not starting
 * with '-', 1..63 bytes each, 253 in all; one trailing dot allowed. */
bool udhcp_valid_hostname(const char *name, size_t len);

/* ---- optparse.c --------------------------------------------------------------- */

/*
 * Text to option value. name is a table name or alias, a decimal code or
 * 0xNN; value is the text after it (several words for lists). Raw codes
 * take hex bytes ("0100aabb", "01:00:aa:bb"), or a "quoted string".
 * Errors name the option and the bad part.
 */
int udhcp_option_from_text(const char *name, const char *value, struct udhcp_optval *out,
	struct udhcp_error *err);
/* udhcpc -x: "name:value" or "0xNN:hexbytes". */
int udhcp_option_from_arg(const char *arg, struct udhcp_optval *out, struct udhcp_error *err);
/* A hex digit's value, or -1: the one hex reader of every parser. */
int udhcp_hex_digit(int c);
/* "00:11:22:aa:bb:cc", groups of 1 or 2 hex digits (as ether_aton reads
 * them) into mac; the characters read, or -1. */
int udhcp_parse_mac(const char *s, uint8_t mac[6]);

/* ---- optrender.c ------------------------------------------------------------- */

/*
 * Option to text, as BusyBox renders it for the hook script: IPs dotted,
 * lists space-separated, routes "net/prefix gateway", numbers decimal,
 * names validated, codes without a name as lower-case hex. Returns the
 * text length, or -1 when the value is invalid or unsafe for a script
 * (it is then not exported; the reason says why).
 */
int udhcp_option_to_text(unsigned code, const uint8_t *data, size_t len, char *out,
	size_t cap, struct udhcp_error *err);
/* "subnet" as a prefix length for $mask; -1 if not a contiguous mask. */
int udhcp_mask_to_prefix(uint32_t mask_nip);
/* A network-order address as dotted quad: into buf (INET_ADDRSTRLEN
 * bytes), or into the next of IP_TEXT_RING static buffers, so that a few
 * may appear in one message. The one formatter of every applet. */
enum { IP_TEXT_RING = 4 };
const char *udhcp_ip_text(uint32_t nip, char *buf);
const char *udhcp_ip_str(uint32_t nip);
/* Text safe to hand to a script: printable ASCII without shell syntax. */
bool udhcp_safe_string(const char *s, size_t len);

#endif
