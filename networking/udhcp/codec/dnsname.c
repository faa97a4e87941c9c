/*
 * dnsname.c: domain names in RFC 1035 section 3.1 wire format, with the
 * message compression of section 4.1.4 as option 119 uses it (RFC 3397
 * section 2: pointers are offsets into the option's concatenated data).
 * Pure; every length is checked before it is used.
 */
#include "codec/bytes.h"

#include <string.h>
#include <strings.h>

enum {
	MAX_NAME = 255,		/* RFC 1035 2.3.4, wire form */
	MAX_LABEL = 63,
	MAX_POINTER = 0x3fff,
	MAX_JUMPS = 128,
};

static bool label_char(unsigned char c)
{
	/* ASCII only, whatever the locale */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '-' || c == '_';
}

static bool valid_label(const uint8_t *p, size_t len)
{
	if (len == 0 || len > MAX_LABEL || p[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!label_char(p[i]))
			return false;
	return true;
}

bool udhcp_valid_hostname(const char *name, size_t len)
{
	size_t start = 0;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '.')
			continue;
		if (!valid_label((const uint8_t *)name + start, i - start))
			return false;
		start = i + 1;
	}
	return true;
}

/*
 * Reads the name at *pos into text (dotted, no trailing dot) and moves *pos
 * past it. Every pointer must point before the run of labels it ends, so
 * each jump goes strictly backwards: no loops, no forward references.
 */
static int read_name(const uint8_t *data, size_t len, size_t *pos, char *text,
	struct udhcp_error *err)
{
	size_t p = *pos, run_start = *pos, text_len = 0, end = 0;
	int jumps = 0;

	for (;;) {
		uint8_t l;

		if (p >= len)
			return udhcp_fail(err, "name at offset %zu is truncated", *pos);
		l = data[p];
		if (l == 0)
			break;
		if ((l & 0xc0) == 0xc0) {
			size_t target;

			if (p + 1 >= len)
				return udhcp_fail(err, "compression pointer at offset %zu is truncated", p);
			target = (size_t)(l & 0x3f) << 8 | data[p + 1];
			if (target >= run_start || ++jumps > MAX_JUMPS)
				return udhcp_fail(err, "compression pointer at offset %zu to %zu does not point back",
					p, target);
			if (!end)
				end = p + 2;
			p = run_start = target;
			continue;
		}
		if (l & 0xc0)
			return udhcp_fail(err, "label type 0x%02x at offset %zu is not supported", l & 0xc0, p);
		if (p + 1 + l > len)
			return udhcp_fail(err, "label at offset %zu runs past the end", p);
		/* wire length so far: the labels, their length bytes, the final 0 */
		if (text_len + 1 + l + 1 > MAX_NAME)
			return udhcp_fail(err, "name at offset %zu is longer than %d bytes", *pos, MAX_NAME);
		if (!valid_label(data + p + 1, l))
			return udhcp_fail(err, "label at offset %zu is not a valid host name label", p);
		memcpy(text + text_len, data + p + 1, l);
		text_len += l;
		text[text_len++] = '.';
		p += 1 + (size_t)l;
	}
	*pos = end ? end : p + 1;
	text[text_len ? text_len - 1 : 0] = '\0';
	return 0;
}

int udhcp_dns_decode(const uint8_t *data, size_t len, char *out, size_t cap,
	struct udhcp_error *err)
{
	size_t pos = 0, used = 0;

	if (cap == 0)
		return udhcp_fail(err, "no room for names");
	out[0] = '\0';
	while (pos < len) {
		char name[MAX_NAME + 1];
		size_t n;

		if (read_name(data, len, &pos, name, err) < 0)
			return -1;
		n = strlen(name);
		if (n == 0)
			return udhcp_fail(err, "empty (root) name in list");
		if (used + (used ? 1 : 0) + n + 1 > cap)
			return udhcp_fail(err, "names too long for the output");
		if (used)
			out[used++] = ' ';
		memcpy(out + used, name, n + 1);
		used += n;
	}
	return (int)used;
}

int udhcp_dns_encode_name(const char *name, uint8_t *out, size_t cap, bool terminate,
	struct udhcp_error *err)
{
	size_t len = strlen(name), n = 0, start = 0;

	if (!udhcp_valid_hostname(name, len))
		return udhcp_fail(err, "'%s' is not a valid domain name", name);
	if (name[len - 1] == '.')
		len--;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '.')
			continue;
		if (n + 1 + (i - start) > cap)
			return udhcp_fail(err, "no room for '%s'", name);
		out[n++] = (uint8_t)(i - start);
		memcpy(out + n, name + start, i - start);
		n += i - start;
		start = i + 1;
	}
	if (terminate) {
		if (n + 1 > cap)
			return udhcp_fail(err, "no room for '%s'", name);
		out[n++] = 0;
	}
	return (int)n;
}

/* An earlier label run spelling exactly this suffix (case-insensitively). */
static int find_suffix(const uint8_t *out, size_t used, const size_t *labels, size_t nlabels,
	const char *suffix)
{
	for (size_t i = 0; i < nlabels; i++) {
		char text[MAX_NAME + 1];
		size_t pos = labels[i];

		if (labels[i] <= MAX_POINTER && read_name(out, used, &pos, text, NULL) == 0
		    && strcasecmp(text, suffix) == 0)
			return (int)labels[i];
	}
	return -1;
}

/* Encodes one name, pointing to the longest suffix already written. */
static int encode_compressed(const char *name, uint8_t *out, size_t cap, size_t *used,
	size_t *labels, size_t *nlabels, struct udhcp_error *err)
{
	const char *suffix = name;

	while (*suffix) {
		int at = find_suffix(out, *used, labels, *nlabels, suffix);
		const char *dot = strchr(suffix, '.');
		size_t l = dot ? (size_t)(dot - suffix) : strlen(suffix);

		if (at >= 0) {
			if (*used + 2 > cap)
				return udhcp_fail(err, "no room for '%s'", name);
			out[(*used)++] = (uint8_t)(0xc0 | at >> 8);
			out[(*used)++] = (uint8_t)at;
			return 0;
		}
		if (*used + 1 + l > cap)
			return udhcp_fail(err, "no room for '%s'", name);
		labels[(*nlabels)++] = *used;
		out[(*used)++] = (uint8_t)l;
		memcpy(out + *used, suffix, l);
		*used += l;
		suffix += l + (dot ? 1 : 0);
	}
	if (*used + 1 > cap)
		return udhcp_fail(err, "no room for '%s'", name);
	out[(*used)++] = 0;
	return 0;
}

int udhcp_dns_encode(const char *names, uint8_t *out, size_t cap, struct udhcp_error *err)
{
	size_t labels[512], nlabels = 0, used = 0;
	const char *p = names;

	while (*p) {
		char name[MAX_NAME + 2];
		size_t n = strcspn(p, " \t,");

		if (n == 0) {
			p++;
			continue;
		}
		if (n > MAX_NAME || !udhcp_valid_hostname(p, n))
			return udhcp_fail(err, "'%.*s' is not a valid domain name", (int)(n > 64 ? 64 : n), p);
		memcpy(name, p, n);
		name[n - (p[n - 1] == '.')] = '\0';
		if (nlabels + 128 > sizeof(labels) / sizeof(labels[0]))
			return udhcp_fail(err, "too many names");
		if (encode_compressed(name, out, cap, &used, labels, &nlabels, err) < 0)
			return -1;
		p += n;
	}
	if (used == 0)
		return udhcp_fail(err, "no domain name given");
	return (int)used;
}
