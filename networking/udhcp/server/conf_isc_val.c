/*
 * conf_isc_val.c: the values of dhcpd.conf statements, read from tokens
 * as ISC dhcpd reads them (dhcp-options(5), "option data formats"):
 *
 *	numbers		decimal, 0x hex, or octal after a leading 0 (08 is
 *			an error); a minus sign gives the two's complement,
 *			as for "default-lease-time -1" (infinite)
 *	ip-address	a dotted quad, or a host name resolved now through
 *			io->resolve (ISC resolves on first use; we do it
 *			once, at load)
 *	flag		true, false, on, off (ignore: 2, as ISC stores it)
 *	text		a "quoted string"
 *	string		a "quoted string" or colon-hex (43:4c:49:45)
 *	domain-list	"quoted", "names" (option 119: RFC 1035 compressed)
 *
 * Formats are strings of element letters, described in conf_isc.h.
 */
#include "server/conf_isc.h"
#include "codec/bytes.h"

#include <stdio.h>
#include <string.h>

static int want_word(struct isc_parser *p, const char *what, struct isc_token *t)
{
	return isc_expect(p, T_WORD, what, t);
}

/* ISC's number syntax; -1 when w is none. */
static int parse_number(const char *w, size_t len, bool *negative, uint64_t *value)
{
	unsigned base = 10;
	size_t i = 0;
	uint64_t v = 0;

	*negative = len > 0 && w[0] == '-';
	i = *negative;
	if (len - i > 2 && w[i] == '0' && (w[i + 1] == 'x' || w[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (len - i > 1 && w[i] == '0') {
		base = 8;
		i++;
	}
	if (i >= len)
		return -1;
	for (; i < len; i++) {
		int c = (unsigned char)w[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if ((unsigned)d >= base)
			return -1;
		v = v * base + (unsigned)d;
		if (v > 0xffffffffu)
			return -2;
	}
	*value = v;
	return 0;
}

int isc_number(struct isc_parser *p, unsigned bits, uint32_t *value)
{
	struct isc_token t;
	uint64_t v, max = (1ull << bits) - 1;
	bool negative;
	int rc;

	if (want_word(p, "a number", &t) < 0)
		return -1;
	rc = parse_number(t.text, t.len, &negative, &v);
	if (rc == -1)
		return isc_fail(p, &t, "'%.*s' is not a number (a leading 0 means octal, 0x hex)",
			(int)t.len, t.text);
	if (rc == -2 || (!negative && v > max) || (negative && v > (max + 1) / 2))
		return isc_fail(p, &t, "%.*s does not fit in %u bits", (int)t.len, t.text, bits);
	*value = (uint32_t)((negative ? (max + 1 - v) : v) & max);
	return 0;
}

int isc_lease_time(struct isc_parser *p, uint32_t *value)
{
	return isc_number(p, 32, value);
}

/* A dotted quad (decimal octets, as ISC reads them); 0 no, 1 yes, -1 bad. */
static int dotted_quad(const char *w, size_t len, uint32_t *ip)
{
	unsigned parts = 0, v = 0, digits = 0;

	for (size_t i = 0; i < len; i++)
		if (w[i] != '.' && (w[i] < '0' || w[i] > '9'))
			return 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && w[i] != '.') {
			v = v * 10 + (unsigned)(w[i] - '0');
			if (++digits > 3 || v > 255)
				return -1;
			continue;
		}
		if (digits == 0 || parts == 4)
			return -1;
		*ip = *ip << 8 | v;
		parts++;
		v = digits = 0;
	}
	return parts == 4 ? 1 : -1;
}

int isc_dotted_quad(struct isc_parser *p, uint32_t *ip)
{
	struct isc_token t;

	if (want_word(p, "an IP address", &t) < 0)
		return -1;
	*ip = 0;
	if (dotted_quad(t.text, t.len, ip) <= 0)
		return isc_fail(p, &t, "'%.*s' is not an IP address (four numbers 0-255 and dots)",
			(int)t.len, t.text);
	return 0;
}

int isc_address(struct isc_parser *p, uint32_t *ip)
{
	struct isc_token t;
	char name[ISC_WORD_MAX + 1];
	int rc;

	if (want_word(p, "an IP address or host name", &t) < 0)
		return -1;
	*ip = 0;
	rc = dotted_quad(t.text, t.len, ip);
	if (rc > 0)
		return 0;
	if (rc < 0)
		return isc_fail(p, &t, "'%.*s' is not an IP address (four numbers 0-255 and dots)",
			(int)t.len, t.text);
	if (!udhcp_valid_hostname(t.text, t.len))
		return isc_fail(p, &t, "'%.*s' is neither an IP address nor a host name",
			(int)t.len, t.text);
	memcpy(name, t.text, t.len);
	name[t.len] = '\0';
	if (!p->io || !p->io->resolve)
		return isc_fail(p, &t, "host name '%s': no resolver here (write the address)", name);
	rc = p->io->resolve(p->io->ctx, name, ip);
	if (rc == CONF_NOT_ASKED && p->resolve_failed) {	/* the read failed at a name before, said there */
		p->fails++;
		return -1;
	}
	if (rc == CONF_NOT_ASKED)	/* a resolver's bug (conf.h): still an error, and said */
		return isc_fail(p, &t, "host name '%s' not asked, with no name failed before", name);
	if (rc < 0) {
		p->resolve_failed = true;
		return isc_fail(p, &t, "host name '%s' does not resolve", name);
	}
	return 0;
}

int isc_flag(struct isc_parser *p, unsigned *value)
{
	struct isc_token t;

	if (want_word(p, "true, false, on or off", &t) < 0)
		return -1;
	if (isc_is(&t, "true") || isc_is(&t, "on"))
		*value = 1;
	else if (isc_is(&t, "false") || isc_is(&t, "off"))
		*value = 0;
	else if (isc_is(&t, "ignore"))
		*value = 2;
	else
		return isc_fail(p, &t, "expected true, false, on or off, not '%.*s'", (int)t.len,
			t.text);
	return 0;
}

int isc_string(struct isc_parser *p, char *buf, size_t cap, size_t *len)
{
	struct isc_token t;

	if (isc_expect(p, T_STRING, "a \"quoted string\"", &t) < 0)
		return -1;
	if (t.len >= cap)
		return isc_fail(p, &t, "the string is longer than %zu bytes", cap - 1);
	memcpy(buf, t.text, t.len);
	buf[t.len] = '\0';
	if (len)
		*len = t.len;
	return 0;
}

/* ISC takes one of its identifiers for text too: a word without dots that
 * is no decimal number ("option host-name foo;", "filename pxelinux;"). */
static bool identifier(const struct isc_token *t)
{
	size_t i = t->len > 0 && t->text[0] == '-';
	bool digits = i < t->len;

	if (t->type != T_WORD || memchr(t->text, '.', t->len))
		return false;
	for (; i < t->len; i++)
		digits = digits && t->text[i] >= '0' && t->text[i] <= '9';
	return !digits;
}

int isc_text(struct isc_parser *p, char *buf, size_t cap, size_t *len)
{
	struct isc_token t;

	if (!identifier(isc_peek(p->lx)))
		return isc_string(p, buf, cap, len);
	t = isc_next(p->lx);
	if (t.len >= cap)
		return isc_fail(p, &t, "the name is longer than %zu bytes", cap - 1);
	memcpy(buf, t.text, t.len);
	buf[t.len] = '\0';
	if (len)
		*len = t.len;
	return 0;
}

static int hex_octet(struct isc_parser *p, uint8_t *out)
{
	struct isc_token t;
	unsigned v = 0;

	if (want_word(p, "a hex octet", &t) < 0)
		return -1;
	for (size_t i = 0; i < t.len; i++) {
		int c = (unsigned char)t.text[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
		else
			return isc_fail(p, &t, "'%.*s' is not a hex octet", (int)t.len, t.text);
		if (v > 0xff)
			return isc_fail(p, &t, "'%.*s' is more than ff", (int)t.len, t.text);
	}
	*out = (uint8_t)v;
	return 0;
}

int isc_colon_hex(struct isc_parser *p, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = 0;

	for (;;) {
		if (n == cap)
			return isc_fail(p, isc_peek(p->lx), "more than %zu octets", cap);
		if (hex_octet(p, &out[n++]) < 0)
			return -1;
		if (isc_peek(p->lx)->type != T_COLON)
			break;
		isc_next(p->lx);
	}
	*len = n;
	return 0;
}

/* ---- One option's value -------------------------------------------------------- */

struct out_buf {
	uint8_t *data;
	size_t len;
};

static int room(struct isc_parser *p, const struct out_buf *o, size_t n)
{
	if (o->len + n > ISC_VALUE_MAX)
		return isc_fail(p, isc_peek(p->lx), "the value is longer than %d bytes",
			ISC_VALUE_MAX);
	return 0;
}

static int put_number(struct isc_parser *p, struct out_buf *o, unsigned bits)
{
	uint32_t v;

	if (room(p, o, bits / 8) < 0 || isc_number(p, bits, &v) < 0)
		return -1;
	for (unsigned i = bits / 8; i-- > 0;)
		o->data[o->len++] = (uint8_t)(v >> (8 * i));
	return 0;
}

/* "name", "name"...: RFC 1035 names, compressed (option 119) or not. */
static int put_domain_list(struct isc_parser *p, struct out_buf *o, bool compress)
{
	char names[ISC_VALUE_MAX + ISC_STRING_MAX + 2];
	size_t used = 0, n = 0;
	struct udhcp_error e;
	struct isc_token at = *isc_peek(p->lx);
	int rc;

	for (;;) {
		if (isc_string(p, names + used, sizeof(names) - used, &n) < 0)
			return -1;
		if (!udhcp_valid_hostname(names + used, n))
			return isc_fail(p, &at, "'%s' is not a domain name", names + used);
		if (!compress) {
			rc = udhcp_dns_encode_name(names + used, o->data + o->len,
				ISC_VALUE_MAX - o->len, true, &e);
			if (rc < 0)
				return isc_fail(p, &at, "the value is longer than %d bytes", ISC_VALUE_MAX);
			o->len += (size_t)rc;
		} else {
			used += n;
			names[used++] = ' ';
			if (used > ISC_VALUE_MAX)
				return isc_fail(p, &at, "the value is longer than %d bytes", ISC_VALUE_MAX);
		}
		if (isc_peek(p->lx)->type != T_COMMA)
			break;
		isc_next(p->lx);
		at = *isc_peek(p->lx);
	}
	if (!compress)
		return 0;
	names[used - 1] = '\0';
	rc = udhcp_dns_encode(names, o->data + o->len, ISC_VALUE_MAX - o->len, &e);
	if (rc < 0)
		return isc_fail(p, &at, "the names do not fit in %d bytes", ISC_VALUE_MAX);
	o->len += (size_t)rc;
	return 0;
}

static int put_text(struct isc_parser *p, struct out_buf *o)
{
	struct isc_token t;

	if (identifier(isc_peek(p->lx))) {
		t = isc_next(p->lx);
		if (room(p, o, t.len) < 0)
			return -1;
		memcpy(o->data + o->len, t.text, t.len);
		o->len += t.len;
		return 0;
	}
	if (isc_expect(p, T_STRING, "a \"quoted string\"", &t) < 0 || room(p, o, t.len) < 0)
		return -1;
	memcpy(o->data + o->len, t.text, t.len);
	o->len += t.len;
	return 0;
}

static int put_element(struct isc_parser *p, struct out_buf *o, char type)
{
	uint32_t ip;
	unsigned flag;
	size_t n;

	switch (type) {
	case 'I':
		if (room(p, o, 4) < 0 || isc_address(p, &ip) < 0)
			return -1;
		put_be32(o->data + o->len, ip);
		o->len += 4;
		return 0;
	case 'b': case 'B':
		return put_number(p, o, 8);
	case 's': case 'S':
		return put_number(p, o, 16);
	case 'l': case 'L':
		return put_number(p, o, 32);
	case 'f':
		if (room(p, o, 1) < 0 || isc_flag(p, &flag) < 0)
			return -1;
		o->data[o->len++] = (uint8_t)flag;
		return 0;
	case 'X':
		if (isc_peek(p->lx)->type == T_STRING)
			return put_text(p, o);
		if (isc_colon_hex(p, o->data + o->len, ISC_VALUE_MAX - o->len, &n) < 0)
			return -1;
		o->len += n;
		return 0;
	case 't':
		return put_text(p, o);
	case 'D': case 'C':
		/* compression pointers count from the option's start */
		return put_domain_list(p, o, type == 'C' && o->len == 0);
	default:
		return isc_fail(p, NULL, "internal: format '%c'", type);
	}
}

int isc_value(struct isc_parser *p, const char *fmt, uint8_t *out, size_t *len)
{
	struct out_buf o = { out, 0 };
	size_t n = strlen(fmt);
	char repeat = n > 1 && (fmt[n - 1] == 'A' || fmt[n - 1] == 'a') ? fmt[n - 1] : 0;
	size_t elems = n - (repeat != 0), first = 0;

	for (;;) {
		for (size_t i = first; i < elems; i++)
			if (put_element(p, &o, fmt[i]) < 0)
				return -1;
		if (!repeat || isc_peek(p->lx)->type != T_COMMA)
			break;
		isc_next(p->lx);
		if (repeat == 'a')
			first = elems - 1;
	}
	*len = o.len;
	return 0;
}
