/*
 * packet.c: the BOOTP message around the options (RFC 951, RFC 2131
 * section 2), its IPv4/UDP framing for raw sockets (RFC 791, RFC 768) and
 * the checksums (RFC 1071). Pure: buffers in, buffers or errors out.
 */
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The layout is the wire format: no padding anywhere. */
_Static_assert(offsetof(struct dhcp_packet, xid) == 4, "xid");
_Static_assert(offsetof(struct dhcp_packet, ciaddr) == 12, "ciaddr");
_Static_assert(offsetof(struct dhcp_packet, chaddr) == 28, "chaddr");
_Static_assert(offsetof(struct dhcp_packet, sname) == 44, "sname");
_Static_assert(offsetof(struct dhcp_packet, file) == 108, "file");
_Static_assert(offsetof(struct dhcp_packet, cookie) == 236, "cookie");
_Static_assert(offsetof(struct dhcp_packet, options) == DHCP_HEADER_LEN, "options");
_Static_assert(sizeof(struct dhcp_packet) == DHCP_MAX_SEND, "size");

/* Offsets of the fields in a received message. */
enum {
	OFF_OP = 0, OFF_HTYPE = 1, OFF_HLEN = 2, OFF_HOPS = 3, OFF_XID = 4,
	OFF_SECS = 8, OFF_FLAGS = 10, OFF_CIADDR = 12, OFF_YIADDR = 16,
	OFF_SIADDR = 20, OFF_GIADDR = 24, OFF_CHADDR = 28, OFF_SNAME = 44,
	OFF_FILE = 108, OFF_COOKIE = 236,
	IPPROTO_UDP_NUM = 17,
};

int udhcp_fail(struct udhcp_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

const char *udhcp_message_type_name(unsigned type)
{
	/* arrays, not pointers: no relocations in a PIE */
	static const char names[][15] = {
		"", "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE",
		"DHCPACK", "DHCPNAK", "DHCPRELEASE", "DHCPINFORM", "DHCPFORCERENEW",
	};

	return type && type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}

/* Sum of big-endian 16-bit words; an odd last byte is the high half. */
static uint32_t sum_words(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get_be16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t udhcp_checksum(const void *buf, size_t len, uint32_t sum)
{
	sum = sum_words(buf, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The UDP pseudo-header (RFC 768): addresses, protocol, UDP length. */
static uint32_t pseudo_header_sum(const uint8_t *src, const uint8_t *dst, uint16_t udp_len)
{
	uint8_t ph[12];

	memcpy(ph, src, 4);
	memcpy(ph + 4, dst, 4);
	ph[8] = 0;
	ph[9] = IPPROTO_UDP_NUM;
	put_be16(ph + 10, udp_len);
	return sum_words(ph, sizeof(ph), 0);
}

/*
 * A sender that leaves the UDP checksum to the NIC (Linux's
 * CHECKSUM_PARTIAL, as over veth) puts the folded pseudo-header sum in
 * the field; the receiver learns it from PACKET_AUXDATA. Without that
 * (qemu-user refuses it) this value is the sign: a damaged checksum that
 * happens to equal it is one in 65536, and the IP checksum still holds.
 */
bool udhcp_udp_csum_is_partial(const uint8_t *frame, size_t len)
{
	size_t ihl;
	uint32_t sum;

	if (len < 20)
		return false;
	ihl = (size_t)(frame[0] & 0x0f) * 4;
	if (ihl < 20 || len < ihl + 8)
		return false;
	sum = pseudo_header_sum(frame + 12, frame + 16, get_be16(frame + ihl + 4));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return get_be16(frame + ihl + 6) == sum;
}

static int verify_ip_header(const uint8_t *frame, size_t len, size_t *ihl_out,
	size_t *total_out, struct udhcp_error *err)
{
	size_t ihl, total;

	if (len < 20)
		return udhcp_fail(err, "short IP packet: %zu bytes", len);
	if (frame[0] >> 4 != 4)
		return udhcp_fail(err, "not IPv4 (version %u)", frame[0] >> 4);
	ihl = (size_t)(frame[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > len)
		return udhcp_fail(err, "bad IP header length %zu in %zu bytes", ihl, len);
	total = get_be16(frame + 2);
	if (total > len)
		return udhcp_fail(err, "IP length %zu but %zu bytes received", total, len);
	if (total < ihl + 8)
		return udhcp_fail(err, "IP length %zu leaves no room for UDP", total);
	if (get_be16(frame + 6) & 0x3fff)
		return udhcp_fail(err, "IP fragment");
	if (frame[9] != IPPROTO_UDP_NUM)
		return udhcp_fail(err, "not UDP (protocol %u)", frame[9]);
	if (udhcp_checksum(frame, ihl, 0) != 0)
		return udhcp_fail(err, "bad IP header checksum");
	*ihl_out = ihl;
	*total_out = total;
	return 0;
}

int udhcp_verify_ip_udp(const uint8_t *frame, size_t len, uint16_t dport,
	bool csum_unverified, const uint8_t **payload, size_t *payload_len,
	struct udhcp_error *err)
{
	const uint8_t *udp;
	size_t ihl = 0, total = 0, udp_len;

	if (verify_ip_header(frame, len, &ihl, &total, err) < 0)
		return -1;
	udp = frame + ihl;
	udp_len = get_be16(udp + 4);
	if (udp_len < 8 || udp_len != total - ihl)
		return udhcp_fail(err, "UDP length %zu does not match IP length %zu",
			udp_len, total - ihl);
	if (get_be16(udp + 2) != dport)
		return udhcp_fail(err, "UDP to port %u, not %u", get_be16(udp + 2), dport);
	if (get_be16(udp + 6) != 0 && !csum_unverified) {
		uint32_t sum = pseudo_header_sum(frame + 12, frame + 16, (uint16_t)udp_len);

		if (udhcp_checksum(udp, udp_len, sum) != 0)
			return udhcp_fail(err, "bad UDP checksum");
	}
	*payload = udp + 8;
	*payload_len = udp_len - 8;
	return 0;
}

size_t udhcp_build_ip_udp(uint8_t *frame, size_t cap, const void *payload, size_t len,
	uint32_t src_nip, uint16_t sport, uint32_t dst_nip, uint16_t dport)
{
	uint8_t *udp = frame + 20;
	size_t total = IP_UDP_HEADER_LEN + len;
	uint16_t csum;

	if (total > cap || total > 0xffff)
		return 0;
	memset(frame, 0, IP_UDP_HEADER_LEN);
	frame[0] = 0x45;	/* IPv4, 5 words of header */
	put_be16(frame + 2, (uint16_t)total);
	frame[8] = 64;		/* TTL */
	frame[9] = IPPROTO_UDP_NUM;
	memcpy(frame + 12, &src_nip, 4);
	memcpy(frame + 16, &dst_nip, 4);
	put_be16(frame + 10, udhcp_checksum(frame, 20, 0));

	put_be16(udp, sport);
	put_be16(udp + 2, dport);
	put_be16(udp + 4, (uint16_t)(len + 8));
	memcpy(udp + 8, payload, len);
	csum = udhcp_checksum(udp, len + 8, pseudo_header_sum(frame + 12, frame + 16,
		(uint16_t)(len + 8)));
	put_be16(udp + 6, csum ? csum : 0xffff);	/* RFC 768: 0 means none */
	return total;
}

static void copy_field(char *dst, const uint8_t *src, size_t size)
{
	size_t n = 0;

	while (n < size && src[n])
		n++;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int verify_bootp(const uint8_t *buf, size_t len, uint8_t expected_op,
	struct udhcp_error *err)
{
	if (len < DHCP_HEADER_LEN)
		return udhcp_fail(err, "message too short: %zu bytes", len);
	if (len > DHCP_MAX_RECV)
		return udhcp_fail(err, "message too long: %zu bytes", len);
	if (buf[OFF_OP] != BOOTREQUEST && buf[OFF_OP] != BOOTREPLY)
		return udhcp_fail(err, "bad op code %u", buf[OFF_OP]);
	if (expected_op && buf[OFF_OP] != expected_op)
		return udhcp_fail(err, "op code %u, expected %u", buf[OFF_OP], expected_op);
	if (buf[OFF_HLEN] > 16)
		return udhcp_fail(err, "hardware address length %u over 16", buf[OFF_HLEN]);
	if (get_be32(buf + OFF_COOKIE) != DHCP_MAGIC)
		return udhcp_fail(err, "no DHCP magic cookie");
	return 0;
}

int udhcp_parse_message(const uint8_t *buf, size_t len, uint8_t expected_op,
	struct dhcp_message *msg, struct udhcp_error *err)
{
	if (verify_bootp(buf, len, expected_op, err) < 0)
		return -1;
	msg->op = buf[OFF_OP];
	msg->htype = buf[OFF_HTYPE];
	msg->hlen = buf[OFF_HLEN];
	msg->hops = buf[OFF_HOPS];
	msg->xid = get_be32(buf + OFF_XID);
	msg->secs = get_be16(buf + OFF_SECS);
	msg->flags = get_be16(buf + OFF_FLAGS);
	msg->ciaddr = get_nip(buf + OFF_CIADDR);
	msg->yiaddr = get_nip(buf + OFF_YIADDR);
	msg->siaddr = get_nip(buf + OFF_SIADDR);
	msg->giaddr = get_nip(buf + OFF_GIADDR);
	memcpy(msg->chaddr, buf + OFF_CHADDR, 16);
	if (udhcp_scan_options(buf + DHCP_HEADER_LEN, len - DHCP_HEADER_LEN, buf + OFF_FILE,
			buf + OFF_SNAME, &msg->opts, &msg->overload, err) < 0)
		return -1;
	msg->sname[0] = msg->file[0] = '\0';
	if (!(msg->overload & 2))
		copy_field(msg->sname, buf + OFF_SNAME, 64);
	if (!(msg->overload & 1))
		copy_field(msg->file, buf + OFF_FILE, 128);
	return 0;
}

void udhcp_builder_init(struct dhcp_builder *b, uint8_t type, uint32_t xid,
	uint8_t htype, const uint8_t *chaddr, uint8_t hlen)
{
	bool reply = type == DHCPOFFER || type == DHCPACK || type == DHCPNAK;

	memset(b, 0, sizeof(*b));
	b->pkt.op = reply ? BOOTREPLY : BOOTREQUEST;
	b->pkt.htype = htype;
	b->pkt.hlen = hlen > 16 ? 16 : hlen;
	b->pkt.xid = htonl(xid);
	if (chaddr)
		memcpy(b->pkt.chaddr, chaddr, b->pkt.hlen);
	b->pkt.cookie = htonl(DHCP_MAGIC);
	b->max_size = DHCP_MIN_MAX_SIZE;
	udhcp_add_u8(b, DHCP_MESSAGE_TYPE, type);
}

void udhcp_builder_allow_overload(struct dhcp_builder *b)
{
	b->overload_ok = (uint8_t)((b->pkt.file[0] == 0 ? 1 : 0) | (b->pkt.sname[0] == 0 ? 2 : 0));
}

void udhcp_builder_set_max_size(struct dhcp_builder *b, unsigned max_size)
{
	if (max_size >= DHCP_MIN_MAX_SIZE)
		b->max_size = max_size;
}

size_t udhcp_builder_finish(struct dhcp_builder *b)
{
	size_t len;

	b->pkt.options[b->used] = DHCP_END;
	if (b->overload & 1)
		b->pkt.file[b->file_used] = DHCP_END;
	if (b->overload & 2)
		b->pkt.sname[b->sname_used] = DHCP_END;
	len = DHCP_HEADER_LEN + b->used + 1;
	return len < BOOTP_MIN_LEN ? BOOTP_MIN_LEN : len;
}
