/*
 * optparse.c: options from text, as udhcpc -x and udhcpd.conf write them.
 *
 *	-x hostname:box    -x lease:3600    -x 0x3d:0100112233ee   -x 14:'"str"'
 *	option dns 10.0.0.53 10.0.0.54      opt staticroutes 10.8.0.0/16 10.0.0.1
 *
 * Values are words separated by blanks or commas. Errors name the option
 * and the word that is wrong.
 */
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <string.h>

enum { MAX_WORD = 256 };	/* a name of 253 bytes (RFC 1035 2.3.4) and its dot */

/* The next word of *p into word; false at the end. */
static bool next_word(const char **p, char *word, struct udhcp_error *err, bool *too_long)
{
	const char *s = *p + strspn(*p, " \t,");
	size_t n = strcspn(s, " \t,");

	*too_long = false;
	if (n == 0)
		return false;
	if (n >= MAX_WORD) {
		*too_long = true;
		udhcp_fail(err, "word '%.20s...' too long", s);
		return false;
	}
	memcpy(word, s, n);
	word[n] = '\0';
	*p = s + n;
	return true;
}

static int parse_uint(const char *w, uint32_t max, uint32_t *v)
{
	uint64_t n = 0;

	if (!*w)
		return -1;
	for (; *w; w++) {
		if (*w < '0' || *w > '9')
			return -1;
		n = n * 10 + (uint64_t)(*w - '0');
		if (n > max)
			return -1;
	}
	*v = (uint32_t)n;
	return 0;
}

static int put(struct udhcp_optval *o, const char *name, const void *p, size_t n,
	struct udhcp_error *err)
{
	if (o->len + n > sizeof(o->data))
		return udhcp_fail(err, "option %s: value too long", name);
	memcpy(o->data + o->len, p, n);
	o->len = (uint16_t)(o->len + n);
	return 0;
}

static int put_ip(struct udhcp_optval *o, const char *name, const char *w, struct udhcp_error *err)
{
	struct in_addr a;

	if (inet_pton(AF_INET, w, &a) != 1)
		return udhcp_fail(err, "option %s: bad IP address '%s'", name, w);
	return put(o, name, &a, 4, err);
}

int udhcp_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int udhcp_parse_mac(const char *s, uint8_t mac[6])
{
	const char *p = s;

	for (int i = 0; i < 6; i++) {
		int v, d;

		if ((i > 0 && *p++ != ':') || (v = udhcp_hex_digit(*p++)) < 0)
			return -1;
		if ((d = udhcp_hex_digit(*p)) >= 0) {
			v = v << 4 | d;
			p++;
		}
		mac[i] = (uint8_t)v;
	}
	return (int)(p - s);
}

/* Hex bytes, optionally separated by ':' ("0100aabb", "01:00:aa:bb",
 * "1:0:aa:bb" as dhclient.conf writes client identifiers). */
static int parse_hex(const char *name, const char *s, struct udhcp_optval *o,
	struct udhcp_error *err)
{
	const char *s0 = s;

	while (*s) {
		int hi, lo;
		uint8_t byte;

		if (*s == ':' || *s == ' ') {
			s++;
			continue;
		}
		hi = udhcp_hex_digit(s[0]);
		lo = s[1] ? udhcp_hex_digit(s[1]) : -1;
		if (hi >= 0 && (s[1] == ':' || (s[1] == '\0' && strchr(s0, ':')))) {
			/* "1:0:11": dhclient's single-digit groups */
			byte = (uint8_t)hi;
			s += 1;
		} else if (hi >= 0 && lo >= 0) {
			byte = (uint8_t)(hi << 4 | lo);
			s += 2;
		} else {
			return udhcp_fail(err, "option %s: bad hex byte '%.2s'", name, s);
		}
		if (put(o, name, &byte, 1, err) < 0)
			return -1;
	}
	return 0;
}

/* The value without surrounding blanks and, if present, double quotes. */
static size_t unquote(const char *s, const char **start)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	*start = s;
	return n;
}

static int parse_string(const char *name, const char *value, struct udhcp_optval *o,
	struct udhcp_error *err)
{
	const char *s;
	size_t n = unquote(value, &s);

	if (n == 0)
		return udhcp_fail(err, "option %s needs a value", name);
	return put(o, name, s, n, err);
}

/* Numbers: U8/U16/U32 unsigned decimal, S32 with an optional '-'. */
static int parse_number(const struct udhcp_optdef *d, const char *value,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	static const uint32_t max[] = { [OPT_TYPE_U8] = 0xff, [OPT_TYPE_U16] = 0xffff,
		[OPT_TYPE_U32] = 0xffffffff, [OPT_TYPE_S32] = 0x80000000 };
	char w[MAX_WORD], rest[MAX_WORD];
	bool neg, too_long;
	uint32_t v;
	uint8_t b[4];

	if (!next_word(&value, w, err, &too_long))
		return too_long ? -1 : udhcp_fail(err, "option %s needs a value", d->name);
	neg = d->type == OPT_TYPE_S32 && w[0] == '-';
	if (parse_uint(w + neg, max[d->type] - (d->type == OPT_TYPE_S32 && !neg), &v) < 0)
		return udhcp_fail(err, "option %s: bad number '%s'", d->name, w);
	if (next_word(&value, rest, err, &too_long))
		return udhcp_fail(err, "option %s takes one number, not '%s'", d->name, rest);
	if (too_long)
		return -1;
	if (neg)
		v = ~v + 1;	/* two's complement on the wire */
	put_be32(b, v);
	if (d->type == OPT_TYPE_U8)
		return put(o, d->name, b + 3, 1, err);
	if (d->type == OPT_TYPE_U16)
		return put(o, d->name, b + 2, 2, err);
	return put(o, d->name, b, 4, err);
}

/* IP lists; IP pairs as "dest/router" or "dest router" (option 33). */
static int parse_ips(const struct udhcp_optdef *d, const char *value, struct udhcp_optval *o,
	struct udhcp_error *err)
{
	char w[MAX_WORD];
	unsigned count = 0;
	bool too_long;

	while (next_word(&value, w, err, &too_long)) {
		char *slash = d->type == OPT_TYPE_IP_PAIR ? strchr(w, '/') : NULL;

		if (slash)
			*slash = '\0';
		if (put_ip(o, d->name, w, err) < 0 || (slash && put_ip(o, d->name, slash + 1, err) < 0))
			return -1;
		count += slash ? 2 : 1;
	}
	if (too_long)
		return -1;
	if (count == 0)
		return udhcp_fail(err, "option %s needs an address", d->name);
	if (!(d->flags & OPT_FLAG_LIST) && count > 1)
		return udhcp_fail(err, "option %s takes one address", d->name);
	if (d->type == OPT_TYPE_IP_PAIR && count % 2)
		return udhcp_fail(err, "option %s needs destination/router pairs", d->name);
	return 0;
}

/* Host names: each word valid, kept space-separated. */
static int parse_hosts(const struct udhcp_optdef *d, const char *value,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	char w[MAX_WORD];
	bool too_long;

	while (next_word(&value, w, err, &too_long)) {
		if (!udhcp_valid_hostname(w, strlen(w)))
			return udhcp_fail(err, "option %s: '%s' is not a valid host name", d->name, w);
		if ((o->len && put(o, d->name, " ", 1, err) < 0) || put(o, d->name, w, strlen(w), err) < 0)
			return -1;
	}
	if (too_long)
		return -1;
	return o->len ? 0 : udhcp_fail(err, "option %s needs a name", d->name);
}

static int parse_dns_list(const struct udhcp_optdef *d, const char *value,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	int n = udhcp_dns_encode(value, o->data + o->len, sizeof(o->data) - o->len, err);

	if (n < 0) {
		struct udhcp_error inner = *err;

		return udhcp_fail(err, "option %s: %s", d->name, inner.msg);
	}
	o->len = (uint16_t)(o->len + n);
	return 0;
}

/* RFC 3361: encoding 1 and addresses when every word is one, else names. */
static int parse_sip(const struct udhcp_optdef *d, const char *value, struct udhcp_optval *o,
	struct udhcp_error *err)
{
	struct in_addr a;
	char w[MAX_WORD];
	const char *p = value;
	bool all_ips = true, any = false, too_long;
	uint8_t enc;

	while (next_word(&p, w, err, &too_long)) {
		any = true;
		all_ips = all_ips && inet_pton(AF_INET, w, &a) == 1;
	}
	if (too_long)
		return -1;
	if (!any)
		return udhcp_fail(err, "option %s needs a value", d->name);
	enc = all_ips;
	put(o, d->name, &enc, 1, err);
	if (all_ips) {
		struct udhcp_optdef list = *d;

		list.flags |= OPT_FLAG_LIST;
		list.type = OPT_TYPE_IP;
		return parse_ips(&list, value, o, err);
	}
	return parse_dns_list(d, value, o, err);
}

/* RFC 3442 section 3: width, the significant octets, the router. */
static int put_route(const char *name, const char *dest, const char *router,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	char net[MAX_WORD];
	const char *slash = strchr(dest, '/');
	uint32_t width, host;
	struct in_addr a;
	uint8_t w8;

	if (!slash || parse_uint(slash + 1, 32, &width) < 0)
		return udhcp_fail(err, "option %s: '%s' is not NETWORK/PREFIX", name, dest);
	memcpy(net, dest, (size_t)(slash - dest));
	net[slash - dest] = '\0';
	if (inet_pton(AF_INET, net, &a) != 1)
		return udhcp_fail(err, "option %s: bad network '%s'", name, net);
	host = width == 32 ? 0 : 0xffffffffu >> width;
	if (ntohl(a.s_addr) & host)
		return udhcp_fail(err, "option %s: '%s' has bits set past the prefix", name, dest);
	w8 = (uint8_t)width;
	if (put(o, name, &w8, 1, err) < 0 || put(o, name, &a, (width + 7) / 8, err) < 0)
		return -1;
	return put_ip(o, name, router, err);
}

static int parse_routes(const struct udhcp_optdef *d, const char *value,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	char dest[MAX_WORD], router[MAX_WORD];
	bool too_long;

	while (next_word(&value, dest, err, &too_long)) {
		if (!next_word(&value, router, err, &too_long))
			return too_long ? -1 : udhcp_fail(err, "option %s: no router after '%s'", d->name, dest);
		if (put_route(d->name, dest, router, o, err) < 0)
			return -1;
	}
	if (too_long)
		return -1;
	return o->len ? 0 : udhcp_fail(err, "option %s needs NETWORK/PREFIX ROUTER pairs", d->name);
}

/* RFC 5969 section 7.1.1: "ipv4masklen 6rdprefixlen 6rdprefix br..." */
static int parse_6rd(const struct udhcp_optdef *d, const char *value, struct udhcp_optval *o,
	struct udhcp_error *err)
{
	char w[MAX_WORD];
	uint32_t masklen, prefixlen;
	uint8_t prefix[16], lens[2];
	bool too_long;

	if (!next_word(&value, w, err, &too_long) || parse_uint(w, 32, &masklen) < 0)
		return udhcp_fail(err, "option %s: bad IPv4 mask length", d->name);
	if (!next_word(&value, w, err, &too_long) || parse_uint(w, 128, &prefixlen) < 0)
		return udhcp_fail(err, "option %s: bad 6rd prefix length", d->name);
	if (!next_word(&value, w, err, &too_long) || inet_pton(AF_INET6, w, prefix) != 1)
		return udhcp_fail(err, "option %s: bad IPv6 prefix", d->name);
	lens[0] = (uint8_t)masklen;
	lens[1] = (uint8_t)prefixlen;
	if (put(o, d->name, lens, 2, err) < 0 || put(o, d->name, prefix, 16, err) < 0)
		return -1;
	while (next_word(&value, w, err, &too_long))
		if (put_ip(o, d->name, w, err) < 0)
			return -1;
	if (o->len < 22)
		return udhcp_fail(err, "option %s needs at least one border relay", d->name);
	return 0;
}

/* RFC 3004: each word is one user class, length-prefixed. */
static int parse_user_class(const struct udhcp_optdef *d, const char *value,
	struct udhcp_optval *o, struct udhcp_error *err)
{
	char w[MAX_WORD];
	bool too_long;

	while (next_word(&value, w, err, &too_long)) {
		uint8_t n = (uint8_t)strlen(w);

		if (put(o, d->name, &n, 1, err) < 0 || put(o, d->name, w, n, err) < 0)
			return -1;
	}
	if (too_long)
		return -1;
	return o->len ? 0 : udhcp_fail(err, "option %s needs a value", d->name);
}

/* "0x3d", "61": a code from 1 to 254. */
static int parse_code(const char *name, unsigned *code)
{
	uint32_t v = 0;

	if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X') && name[2]) {
		for (const char *p = name + 2; *p; p++) {
			int d = udhcp_hex_digit(*p);

			if (d < 0 || v > 0xff)
				return -1;
			v = v * 16 + (uint32_t)d;
		}
	} else if (parse_uint(name, 255, &v) < 0) {
		return -1;
	}
	if (v == 0 || v == 255 || v > 255)
		return -1;
	*code = v;
	return 0;
}

int udhcp_option_from_text(const char *name, const char *value, struct udhcp_optval *out,
	struct udhcp_error *err)
{
	const struct udhcp_optdef *d = udhcp_option_by_name(name);
	unsigned code;

	out->len = 0;
	if (!d) {
		const char *s;

		if (parse_code(name, &code) < 0)
			return udhcp_fail(err, "unknown option '%s'", name);
		out->code = (uint8_t)code;
		/* a raw code takes hex bytes, or a "quoted string" */
		s = value + strspn(value, " \t");
		if (s[0] == '"')
			return parse_string(name, value, out, err);
		return parse_hex(name, s, out, err);
	}
	out->code = d->code;
	switch (d->type) {
	case OPT_TYPE_IP:
	case OPT_TYPE_IP_PAIR:
		return parse_ips(d, value, out, err);
	case OPT_TYPE_U8:
	case OPT_TYPE_U16:
	case OPT_TYPE_U32:
	case OPT_TYPE_S32:
		return parse_number(d, value, out, err);
	case OPT_TYPE_HOST:
		return parse_hosts(d, value, out, err);
	case OPT_TYPE_DNS_LIST:
		return parse_dns_list(d, value, out, err);
	case OPT_TYPE_SIP_SERVERS:
		return parse_sip(d, value, out, err);
	case OPT_TYPE_ROUTES:
		return parse_routes(d, value, out, err);
	case OPT_TYPE_6RD:
		return parse_6rd(d, value, out, err);
	case OPT_TYPE_USER_CLASS:
		return parse_user_class(d, value, out, err);
	default:
		return parse_string(d->name, value, out, err);
	}
}

int udhcp_option_from_arg(const char *arg, struct udhcp_optval *out, struct udhcp_error *err)
{
	char name[32];
	const char *colon = strchr(arg, ':');

	if (!colon || colon == arg)
		return udhcp_fail(err, "'%s' is not OPTION:VALUE", arg);
	if ((size_t)(colon - arg) >= sizeof(name))
		return udhcp_fail(err, "unknown option '%.*s'", (int)(colon - arg), arg);
	memcpy(name, arg, (size_t)(colon - arg));
	name[colon - arg] = '\0';
	return udhcp_option_from_text(name, colon + 1, out, err);
}
