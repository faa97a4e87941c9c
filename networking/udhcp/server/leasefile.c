/*
 * leasefile.c: the lease journal in ISC dhcpd.leases format:
 *
 *	lease 10.99.0.100 {
 *	  starts 5 2026/11/27 11:50:00;
 *	  ends 5 2026/11/27 12:00:00;
 *	  binding state active;
 *	  hardware ethernet 00:11:22:33:44:55;
 *	  uid "\001\000\021\"3DU";
 *	  client-hostname "box";
 *	}
 *
 * Later blocks for an address supersede earlier ones, as in ISC dhcpd.
 * Pure: text in, records out, and back (dhcpd.leases(5)).
 */
#include "codec/common.h"
#include "server/leasefile.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

const char leasefile_header[] = "# udhcpd leases (ISC dhcpd.leases format), rewritten\n";

static const char state_word[][10] = {	/* arrays: no relocations in a PIE */
	[LEASE_FREE] = "free", [LEASE_OFFERED] = "free", [LEASE_ACTIVE] = "active",
	[LEASE_RELEASED] = "released", [LEASE_DECLINED] = "abandoned",
};

/* Days since 1970-01-01 to the proleptic Gregorian date and back (the
 * usual era arithmetic: 400-year eras of 146097 days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

void leasefile_civil(int64_t t, char out[48])
{
	int64_t days = (t >= 0 ? t : t - 86399) / 86400, secs = t - days * 86400, y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 48, "%d %04lld/%02u/%02u %02d:%02d:%02d", (int)((days % 7 + 11) % 7),
		(long long)y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* 1 to max_digits decimal digits at *s, then the byte end (0: anything). */
static bool take_number(const char **s, unsigned max_digits, char end, unsigned *v)
{
	unsigned n = 0;

	*v = 0;
	while (**s >= '0' && **s <= '9' && n < max_digits) {
		*v = *v * 10 + (unsigned)(*(*s)++ - '0');
		n++;
	}
	if (n == 0 || (**s >= '0' && **s <= '9') || (end && *(*s)++ != end))
		return false;
	return true;
}

/* "epoch SECONDS" (ISC's db-time-format local): up to 12 digits. */
static int parse_epoch(const char *s, int64_t *t)
{
	int64_t v = 0;
	unsigned n = 0;

	for (; *s >= '0' && *s <= '9' && n < 12; s++, n++)
		v = v * 10 + (*s - '0');
	if (n == 0 || (*s >= '0' && *s <= '9'))
		return -1;
	*t = v;
	return 0;
}

/* "W YYYY/MM/DD HH:MM:SS" (dhcpd.leases(5)), each field checked; "never";
 * "epoch SECONDS". */
int leasefile_parse_civil(const char *s, int64_t *t)
{
	static const unsigned char mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned w, y, mo, d, h, mi, se;

	if (strncmp(s, "never", 5) == 0) {
		*t = LEASE_NEVER;
		return 0;
	}
	if (strncmp(s, "epoch ", 6) == 0)
		return parse_epoch(s + 6, t);
	if (!take_number(&s, 1, ' ', &w) || !take_number(&s, 5, '/', &y) || !take_number(&s, 2, '/', &mo)
	    || !take_number(&s, 2, ' ', &d) || !take_number(&s, 2, ':', &h)
	    || !take_number(&s, 2, ':', &mi) || !take_number(&s, 2, 0, &se))
		return -1;
	if (w > 6 || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]
	    || (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))) || h > 23 || mi > 59 || se > 59)
		return -1;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

static size_t format_time(char *out, size_t cap, const char *what, int64_t t)
{
	char when[48];

	if (t == LEASE_NEVER)
		return (size_t)snprintf(out, cap, "  %s never;\n", what);
	leasefile_civil(t, when);
	return (size_t)snprintf(out, cap, "  %s %s;\n", what, when);
}

/* ISC's quoted string: printable bytes as they are, others as \ooo; the
 * bytes that end a statement or a block are escaped too, so that a
 * reader that does not know about quotes still finds the real ends. */
static void format_quoted(char *out, const uint8_t *p, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && !strchr("\"\\;{}#", p[i]))
			out[n++] = (char)p[i];
		else
			n += (size_t)sprintf(out + n, "\\%03o", p[i]);
	}
	out[n] = '\0';
}

int leasefile_format(const struct lease_record *r, char *out, size_t cap)
{
	struct in_addr a = { htonl(r->ip) };
	char quoted[4 * LEASE_KEY_MAX + 1], ip[INET_ADDRSTRLEN];
	size_t n = 0;

	if (r->state >= sizeof(state_word) / sizeof(state_word[0]) || cap < LEASEFILE_RECORD_MAX)
		return -1;
	inet_ntop(AF_INET, &a, ip, sizeof(ip));
	n += (size_t)snprintf(out + n, cap - n, "lease %s {\n", ip);
	n += format_time(out + n, cap - n, "starts", r->starts);
	n += format_time(out + n, cap - n, "ends", r->ends);
	n += (size_t)snprintf(out + n, cap - n, "  binding state %s;\n", state_word[r->state]);
	if (r->has_chaddr)
		n += (size_t)snprintf(out + n, cap - n, "  hardware ethernet %02x:%02x:%02x:%02x:%02x:%02x;\n",
			r->chaddr[0], r->chaddr[1], r->chaddr[2], r->chaddr[3], r->chaddr[4], r->chaddr[5]);
	if (r->uid_len) {
		format_quoted(quoted, r->uid, r->uid_len < LEASE_KEY_MAX ? r->uid_len : LEASE_KEY_MAX);
		n += (size_t)snprintf(out + n, cap - n, "  uid \"%s\";\n", quoted);
	}
	if (r->hostname[0]) {
		format_quoted(quoted, (const uint8_t *)r->hostname, strnlen(r->hostname, 63));
		n += (size_t)snprintf(out + n, cap - n, "  client-hostname \"%s\";\n", quoted);
	}
	n += (size_t)snprintf(out + n, cap - n, "}\n");
	return n < cap ? (int)n : -1;
}

/* The end of the quoted string starting at s (its closing quote), or NULL. */
static const char *skip_quoted(const char *s)
{
	for (s++; *s && *s != '"'; s++)
		if (*s == '\\' && s[1])
			s++;
	return *s ? s : NULL;
}

/* The first of stops at or after s outside quotes, or NULL. */
static const char *find_unquoted(const char *s, const char *stops)
{
	for (; *s; s++) {
		if (*s == '"' && !(s = skip_quoted(s)))
			return NULL;
		if (strchr(stops, *s))
			return s;
	}
	return NULL;
}

static unsigned parse_quoted(const char *s, uint8_t *out, unsigned cap)
{
	unsigned n = 0;

	if (*s++ != '"')
		return 0;
	while (*s && *s != '"' && n < cap) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7'
		    && s[3] >= '0' && s[3] <= '7') {
			out[n++] = (uint8_t)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else if (s[0] == '\\' && s[1]) {	/* \" and \\ as ISC writes them */
			out[n++] = (uint8_t)s[1];
			s += 2;
		} else {
			out[n++] = (uint8_t)*s++;
		}
	}
	return n;
}

/* One statement of a lease block; false if it is malformed. */
static bool parse_statement(const char *s, struct lease_record *r)
{

	if (strncmp(s, "starts ", 7) == 0)
		return leasefile_parse_civil(s + 7, &r->starts) == 0;
	if (strncmp(s, "ends ", 5) == 0)
		return leasefile_parse_civil(s + 5, &r->ends) == 0;
	if (strncmp(s, "binding state ", 14) == 0) {
		r->state = strncmp(s + 14, "active", 6) == 0 ? LEASE_ACTIVE
			: strncmp(s + 14, "released", 8) == 0 ? LEASE_RELEASED
			: strncmp(s + 14, "abandoned", 9) == 0 ? LEASE_DECLINED : LEASE_FREE;
		return true;
	}
	if (strncmp(s, "hardware ethernet ", 18) == 0) {
		if (udhcp_parse_mac(s + 18, r->chaddr) < 0)
			return false;
		r->has_chaddr = true;
		return true;
	}
	if (strncmp(s, "uid ", 4) == 0) {
		r->uid_len = parse_quoted(s + 4, r->uid, sizeof(r->uid));
		return true;
	}
	if (strncmp(s, "client-hostname ", 16) == 0) {
		uint8_t name[63];
		unsigned n = parse_quoted(s + 16, name, sizeof(name));

		memcpy(r->hostname, name, n);
		r->hostname[n] = '\0';
		if (n && !udhcp_valid_hostname(r->hostname, n))
			r->hostname[0] = '\0';	/* ISC keeps names we never write: drop the name, keep the lease */
		return true;
	}
	return true;	/* ISC writes more; ignore what we do not use */
}

/* The statements between body and end (the block's '}'); false if one is bad. */
static bool parse_body(const char *body, const char *end, struct lease_record *r)
{
	while (body < end) {
		const char *semi;
		char stmt[512];
		size_t n;

		body += strspn(body, " \t\r\n");
		while (*body == '#' && body < end) {	/* ISC's comments: "# Tue Dec 01 ..." */
			body += strcspn(body, "\n");
			body += strspn(body, " \t\r\n");
		}
		if (body >= end)
			break;
		semi = find_unquoted(body, ";}");
		if (!semi || semi > end)
			semi = end;
		n = (size_t)(semi - body);
		if (body >= semi) {
			body = semi + 1;
			continue;
		}
		if (n >= sizeof(stmt))
			return false;
		memcpy(stmt, body, n);
		stmt[n] = '\0';
		if (!parse_statement(stmt, r))
			return false;
		body = semi + 1;
	}
	return true;
}

/* "lease A.B.C.D {" at p? */
static bool block_header(const char *p)
{
	char ip[16];
	size_t n;

	p += 6;
	n = strspn(p, "0123456789.");
	if (n < 7 || n > 15)
		return false;
	memcpy(ip, p, n);
	ip[n] = '\0';
	p += n;
	p += strspn(p, " \t");
	return *p == '{' && inet_pton(AF_INET, ip, &(struct in_addr){ 0 }) == 1;
}

/* The next block at or after p: "lease " at the start of a line, or a
 * whole "lease A.B.C.D {" anywhere (after a partial line an append cut
 * short), or NULL. */
static const char *next_block(const char *text, const char *p)
{
	while ((p = strstr(p, "lease ")) != NULL) {
		if (p == text || p[-1] == '\n' || block_header(p))
			return p;
		p += 6;
	}
	return NULL;
}

unsigned leasefile_parse(const char *text, void (*cb)(const struct lease_record *, void *),
	void *ctx, unsigned *bad)
{
	unsigned count = 0;
	const char *p = text;

	*bad = 0;
	while ((p = next_block(text, p)) != NULL) {
		struct lease_record r;
		char ip[32];
		size_t n;
		struct in_addr a;
		const char *open = strchr(p, '{'), *end = open ? find_unquoted(open + 1, "}") : NULL;
		const char *next = next_block(text, p + 6);

		if (!end && !next)
			break;	/* truncated last record */
		if (!end || (next && next < end)) {
			(*bad)++;	/* cut short by a failed append: resync at the next block */
			p = next;
			continue;
		}
		memset(&r, 0, sizeof(r));
		/* the address token by hand: sscanf would measure the whole rest of the file */
		n = strcspn(p + 6, " \t{\n");
		memcpy(ip, p + 6, n < sizeof(ip) ? n : 0);
		ip[n < sizeof(ip) ? n : 0] = '\0';
		if (inet_pton(AF_INET, ip, &a) == 1 && open < end && parse_body(open + 1, end, &r)) {
			r.ip = ntohl(a.s_addr);
			cb(&r, ctx);
			count++;
		} else {
			(*bad)++;
		}
		p = end + 1;
	}
	return count;
}
