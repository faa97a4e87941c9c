/*
 * optrender.c: option values as text for the hook script's environment,
 * rendered the way BusyBox's udhcpc does so existing scripts keep working:
 *
 *	router=10.0.0.1 10.0.0.2	lease=3600	timezone=-3600
 *	staticroutes=10.0.0.0/8 10.0.0.1 192.168.5.0/24 10.0.0.2
 *	search=example.com corp.example.com	opt82=0104aabbccdd
 *
 * Unlike BusyBox, a value that could be unsafe in a script is not exported
 * at all (the caller logs the reason): host names must be valid names and
 * text must be printable ASCII without shell syntax.
 */
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct text {
	char *out;
	size_t cap, len;
	bool overflow;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->out + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->cap - t->len)
		t->overflow = true;
	else
		t->len += (size_t)n;
}

static void add_ip(struct text *t, const uint8_t *p, bool space)
{
	add(t, "%s%u.%u.%u.%u", space ? " " : "", p[0], p[1], p[2], p[3]);
}

static int render_hex(struct text *t, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		add(t, "%02x", p[i]);
	return 0;
}

/* IP lists (4 bytes each) and pairs (8 bytes each, "dest/router"). */
static int render_ips(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	size_t unit = d->type == OPT_TYPE_IP_PAIR ? 8 : 4;

	if (len == 0 || len % unit || (!(d->flags & OPT_FLAG_LIST) && len != unit))
		return udhcp_fail(err, "option %s: length %zu is wrong for addresses", d->name, len);
	for (size_t i = 0; i < len; i += unit) {
		add_ip(t, p + i, i > 0);
		if (unit == 8) {
			add(t, "/");
			add_ip(t, p + i + 4, false);
		}
	}
	return 0;
}

static int render_number(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	static const size_t want[] = { [OPT_TYPE_U8] = 1, [OPT_TYPE_U16] = 2,
		[OPT_TYPE_U32] = 4, [OPT_TYPE_S32] = 4 };

	if (len != want[d->type])
		return udhcp_fail(err, "option %s: length %zu is wrong for a number", d->name, len);
	if (d->type == OPT_TYPE_U8)
		add(t, "%u", p[0]);
	else if (d->type == OPT_TYPE_U16)
		add(t, "%u", get_be16(p));
	else if (d->type == OPT_TYPE_U32)
		add(t, "%lu", (unsigned long)get_be32(p));
	else	/* two's complement, without relying on implementation-defined casts */
		add(t, "%lld", (long long)get_be32(p) - (p[0] & 0x80 ? 0x100000000LL : 0));
	return 0;
}

bool udhcp_safe_string(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* no control characters, no non-ASCII, nothing a shell acts on */
		if (c < 0x20 || c > 0x7e || strchr("`$\\\"';|&<>()", c))
			return false;
	}
	return true;
}

/* Text options; trailing NULs that some servers add are not part of it. */
static int render_string(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	while (len && p[len - 1] == 0)
		len--;
	if (d->type == OPT_TYPE_HOST) {
		for (size_t i = 0, start = 0; i <= len; i++) {
			if (i < len && p[i] != ' ')
				continue;
			if (!udhcp_valid_hostname((const char *)p + start, i - start))
				return udhcp_fail(err, "option %s: not a valid host name", d->name);
			start = i + 1;
		}
	} else if (len == 0 || !udhcp_safe_string((const char *)p, len)) {
		return udhcp_fail(err, "option %s: empty, or characters unsafe for a script", d->name);
	}
	add(t, "%.*s", (int)len, (const char *)p);
	return 0;
}

/* RFC 3442 section 3: width, ceil(width/8) octets of network, router. */
static int render_routes(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	size_t i = 0;

	if (len == 0)
		return udhcp_fail(err, "option %s is empty", d->name);
	while (i < len) {
		uint8_t width = p[i], net[4] = { 0, 0, 0, 0 };
		size_t octets = (width + 7u) / 8;

		if (width > 32)
			return udhcp_fail(err, "option %s: prefix /%u over 32", d->name, width);
		if (i + 1 + octets + 4 > len)
			return udhcp_fail(err, "option %s: route at offset %zu is truncated", d->name, i);
		memcpy(net, p + i + 1, octets);
		/* bits past the prefix in the last octet: the route meant is
		 * the network they belong to (ip route refuses them set) */
		if (width % 8)
			net[octets - 1] &= (uint8_t)(0xff00u >> (width % 8));
		add(t, "%s%u.%u.%u.%u/%u ", i ? " " : "", net[0], net[1], net[2], net[3], width);
		add_ip(t, p + i + 1 + octets, false);
		i += 1 + octets + 4;
	}
	return 0;
}

/* RFC 5969 7.1.1, BusyBox's format: "masklen prefixlen prefix br...". */
static int render_6rd(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	char prefix[64];

	if (len < 22 || (len - 18) % 4 || p[0] > 32 || p[1] > 128)
		return udhcp_fail(err, "option %s: malformed (length %zu)", d->name, len);
	inet_ntop(AF_INET6, p + 2, prefix, sizeof(prefix));
	add(t, "%u %u %s", p[0], p[1], prefix);
	for (size_t i = 18; i < len; i += 4)
		add_ip(t, p + i, true);
	return 0;
}

static int render_user_class(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	for (size_t i = 0; i < len; i += 1u + p[i]) {
		if (p[i] == 0 || i + 1 + p[i] > len
		    || !udhcp_safe_string((const char *)p + i + 1, p[i]) || memchr(p + i + 1, ' ', p[i]))
			return udhcp_fail(err, "option %s: malformed or unsafe class", d->name);
		add(t, "%s%.*s", i ? " " : "", p[i], (const char *)p + i + 1);
	}
	return len ? 0 : udhcp_fail(err, "option %s is empty", d->name);
}

static int render_dns(struct text *t, const struct udhcp_optdef *d, const uint8_t *p,
	size_t len, struct udhcp_error *err)
{
	int n;

	if (d->type == OPT_TYPE_SIP_SERVERS) {
		struct udhcp_optdef ips = *d;

		ips.type = OPT_TYPE_IP;
		ips.flags = OPT_FLAG_LIST;
		if (len < 2 || p[0] > 1)
			return udhcp_fail(err, "option %s: bad encoding", d->name);
		if (p[0] == 1)
			return render_ips(t, &ips, p + 1, len - 1, err);
		p++;
		len--;
	}
	n = udhcp_dns_decode(p, len, t->out + t->len, t->cap - t->len, err);
	if (n < 0) {
		struct udhcp_error inner = *err;

		return udhcp_fail(err, "option %s: %s", d->name, inner.msg);
	}
	t->len += (size_t)n;
	return 0;
}

int udhcp_option_to_text(unsigned code, const uint8_t *data, size_t len, char *out,
	size_t cap, struct udhcp_error *err)
{
	const struct udhcp_optdef *d = udhcp_option_by_code(code);
	struct text t = { out, cap, 0, cap == 0 };
	int r;

	if (cap)
		out[0] = '\0';
	switch (d ? d->type : OPT_TYPE_BINARY) {
	case OPT_TYPE_IP:
	case OPT_TYPE_IP_PAIR:
		r = render_ips(&t, d, data, len, err);
		break;
	case OPT_TYPE_U8:
	case OPT_TYPE_U16:
	case OPT_TYPE_U32:
	case OPT_TYPE_S32:
		r = render_number(&t, d, data, len, err);
		break;
	case OPT_TYPE_STRING:
	case OPT_TYPE_HOST:
		r = render_string(&t, d, data, len, err);
		break;
	case OPT_TYPE_DNS_LIST:
	case OPT_TYPE_SIP_SERVERS:
		r = render_dns(&t, d, data, len, err);
		break;
	case OPT_TYPE_ROUTES:
		r = render_routes(&t, d, data, len, err);
		break;
	case OPT_TYPE_6RD:
		r = render_6rd(&t, d, data, len, err);
		break;
	case OPT_TYPE_USER_CLASS:
		r = render_user_class(&t, d, data, len, err);
		break;
	default:
		r = render_hex(&t, data, len);
		break;
	}
	if (r < 0)
		return -1;
	if (t.overflow)
		return udhcp_fail(err, "option %u: text longer than %zu bytes", code, cap);
	return (int)t.len;
}

const char *udhcp_ip_text(uint32_t nip, char *buf)
{
	struct in_addr a = { nip };

	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

const char *udhcp_ip_str(uint32_t nip)
{
	static char ring[IP_TEXT_RING][INET_ADDRSTRLEN];
	static unsigned i;

	i = (i + 1) % IP_TEXT_RING;
	return udhcp_ip_text(nip, ring[i]);
}

int udhcp_mask_to_prefix(uint32_t mask_nip)
{
	uint32_t mask = ntohl(mask_nip), inverted = ~mask;
	int prefix = 0;

	if (inverted & (inverted + 1))
		return -1;	/* ones not contiguous from the top */
	while (mask) {
		prefix++;
		mask <<= 1;
	}
	return prefix;
}
