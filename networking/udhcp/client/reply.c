/*
 * reply.c: what a server's reply must pass before udhcpc uses any of it.
 * Pure: it works on the decoded message and says why it drops one.
 *
 * Dropped whole (one log line each, by the caller):
 *  - a client identifier (61) that is not ours, or one when we sent none
 *    (RFC 6842 section 3: the client MUST discard it);
 *  - an offered or acknowledged address no host may hold: 0/8, loopback,
 *    multicast, class E and 255.255.255.255 (RFC 1122 3.2.1.3), or the
 *    network or broadcast address of the subnet the reply gives;
 *  - a lease time (51) of 0, a lease time, message type or server
 *    identifier of the wrong size (RFC 2132 9.2, 9.6, 9.7).
 * Removed, the rest of the reply kept:
 *  - another fixed-size option of the wrong size (RFC 2132 gives each
 *    its length), a non-contiguous subnet mask (RFC 950);
 *  - router (3) and DNS server (6) entries of 0.0.0.0, 255.255.255.255
 *    or 127/8, which no server can mean.
 */
#include "client/client.h"

#include <arpa/inet.h>

static void note(struct reply_notes *notes, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct reply_notes *notes, const char *fmt, ...)
{
	va_list ap;

	if (notes->n == REPLY_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(notes->msg[notes->n++], sizeof(notes->msg[0]), fmt, ap);
	va_end(ap);
}

static void drop_option(struct dhcp_message *m, unsigned code)
{
	m->opts.present[code / 8] &= (uint8_t)~(1u << (code % 8));
}

bool client_bad_lease_address(uint32_t nip)
{
	uint32_t ip = ntohl(nip);
	unsigned top = ip >> 24;

	return top == 0 || top == 127 || top >= 224;
}

static bool bad_server_entry(uint32_t nip)
{
	uint32_t ip = ntohl(nip);

	return ip == 0 || ip == 0xffffffff || ip >> 24 == 127;
}

/* The size a fixed-size option must have: exactly `want`, or a multiple
 * of it when repeat; 0 for options of free size. */
static size_t fixed_size(const struct udhcp_optdef *d, bool *repeat)
{
	*repeat = d->flags & OPT_FLAG_LIST;
	switch (d->type) {
	case OPT_TYPE_U8: return 1;
	case OPT_TYPE_U16: return 2;
	case OPT_TYPE_U32: case OPT_TYPE_S32: case OPT_TYPE_IP: return 4;
	case OPT_TYPE_IP_PAIR: *repeat = true; return 8;
	default: return 0;
	}
}

/* Options of the wrong size: removed, or the reply dropped for those
 * the client cannot do without. */
static int check_sizes(struct dhcp_message *m, struct reply_notes *notes, struct udhcp_error *err)
{
	size_t count;
	const struct udhcp_optdef *table = udhcp_option_table(&count);

	for (size_t i = 0; i < count; i++) {
		const struct udhcp_optdef *d = &table[i];
		bool repeat;
		size_t want = fixed_size(d, &repeat), len;

		if (!want || !udhcp_opt_get(&m->opts, d->code, &len))
			continue;
		if (repeat ? len && len % want == 0 : len == want)
			continue;
		if (d->code == DHCP_LEASE_TIME || d->code == DHCP_SERVER_ID
		    || d->code == DHCP_MESSAGE_TYPE) {
			snprintf(err->msg, sizeof(err->msg), "option %s of %zu bytes", d->name, len);
			return -1;
		}
		note(notes, "option %s of %zu bytes removed", d->name, len);
		drop_option(m, d->code);
	}
	return 0;
}

/* Router and DNS lists keep their usable entries only. */
static void clean_server_list(struct dhcp_message *m, unsigned code, const char *name,
	struct reply_notes *notes)
{
	size_t len, kept = 0;
	uint8_t *p;
	char text[INET_ADDRSTRLEN];

	if (!udhcp_opt_get(&m->opts, code, &len))
		return;
	p = m->opts.data + m->opts.off[code];
	for (size_t at = 0; at + 4 <= len; at += 4) {
		uint32_t nip;

		memcpy(&nip, p + at, 4);
		if (bad_server_entry(nip)) {
			note(notes, "%s %s removed", name, udhcp_ip_text(nip, text));
			continue;
		}
		memmove(p + kept, p + at, 4);
		kept += 4;
	}
	m->opts.len[code] = (uint16_t)kept;
	if (!kept)
		drop_option(m, code);
}

static int check_client_id(const struct client_state *c, const struct dhcp_message *m,
	struct udhcp_error *err)
{
	size_t len;
	const uint8_t *cid = udhcp_opt_get(&m->opts, DHCP_CLIENT_ID, &len);

	if (cid && (len != c->cid_len || memcmp(cid, c->cid, len) != 0)) {
		snprintf(err->msg, sizeof(err->msg), "its client identifier is not ours");
		return -1;
	}
	return 0;
}

/* The address offered or acknowledged, against the subnet it comes with. */
static int check_yiaddr(struct dhcp_message *m, struct reply_notes *notes, struct udhcp_error *err)
{
	char text[INET_ADDRSTRLEN];
	uint32_t mask_nip, ip = ntohl(m->yiaddr), mask;

	if (client_bad_lease_address(m->yiaddr)) {
		snprintf(err->msg, sizeof(err->msg), "it leases %s, which no host may hold",
			udhcp_ip_text(m->yiaddr, text));
		return -1;
	}
	if (udhcp_opt_get_ip(&m->opts, DHCP_SUBNET, &mask_nip) != UDHCP_OPT_OK)
		return 0;
	if (udhcp_mask_to_prefix(mask_nip) < 0) {
		note(notes, "non-contiguous subnet mask %s removed", udhcp_ip_text(mask_nip, text));
		drop_option(m, DHCP_SUBNET);
		return 0;
	}
	mask = ntohl(mask_nip);
	/* a /31 (RFC 3021) and a /32 have no network or broadcast address */
	if (udhcp_mask_to_prefix(mask_nip) <= 30 && ((ip & ~mask) == ~mask || (ip & ~mask) == 0)) {
		snprintf(err->msg, sizeof(err->msg), "it leases %s, the %s address of its subnet",
			udhcp_ip_text(m->yiaddr, text), (ip & ~mask) ? "broadcast" : "network");
		return -1;
	}
	return 0;
}

int client_check_reply(const struct client_state *c, struct dhcp_message *m,
	struct reply_notes *notes, struct udhcp_error *err)
{
	unsigned type;
	uint32_t lease;

	notes->n = 0;
	if (check_client_id(c, m, err) < 0 || check_sizes(m, notes, err) < 0)
		return -1;
	type = udhcp_message_type(&m->opts);
	if (type != DHCPOFFER && type != DHCPACK)
		return 0;
	if (udhcp_opt_get_u32(&m->opts, DHCP_LEASE_TIME, &lease) == UDHCP_OPT_OK && lease == 0) {
		snprintf(err->msg, sizeof(err->msg), "its lease time is 0");
		return -1;
	}
	if (check_yiaddr(m, notes, err) < 0)
		return -1;
	clean_server_list(m, DHCP_ROUTER, "router", notes);
	clean_server_list(m, DHCP_DNS_SERVER, "dns", notes);
	return 0;
}
