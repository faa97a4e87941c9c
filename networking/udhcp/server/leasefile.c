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
 * Parsing and formatting are pure; append, rewrite and read do the I/O.
 */
#include "libbb.h"
#include "codec/common.h"
#include "server/leasefile.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <time.h>

static const char *const state_word[] = {
	[LEASE_FREE] = "free", [LEASE_OFFERED] = "free", [LEASE_ACTIVE] = "active",
	[LEASE_RELEASED] = "released", [LEASE_DECLINED] = "abandoned",
};

static int format_time(char *out, size_t cap, const char *what, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t >= INT32_MAX)
		return snprintf(out, cap, "  %s never;\n", what);
	gmtime_r(&tt, &tm);
	return snprintf(out, cap, "  %s %d %04d/%02d/%02d %02d:%02d:%02d;\n", what, tm.tm_wday,
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ISC's quoted string: printable bytes as they are, others as \ooo. */
static size_t format_quoted(char *out, size_t cap, const uint8_t *p, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 5 < cap; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
			out[n++] = (char)p[i];
		else
			n += (size_t)snprintf(out + n, cap - n, "\\%03o", p[i]);
	}
	out[n] = '\0';
	return n;
}

int leasefile_format(const struct lease_record *r, char *out, size_t cap)
{
	struct in_addr a = { htonl(r->ip) };
	char quoted[4 * LEASE_KEY_MAX + 1];
	size_t n = 0;

	n += (size_t)snprintf(out + n, cap - n, "lease %s {\n", inet_ntoa(a));
	n += (size_t)format_time(out + n, cap - n, "starts", r->starts);
	n += (size_t)format_time(out + n, cap - n, "ends", r->ends);
	n += (size_t)snprintf(out + n, cap - n, "  binding state %s;\n", state_word[r->state]);
	if (r->has_chaddr)
		n += (size_t)snprintf(out + n, cap - n, "  hardware ethernet %02x:%02x:%02x:%02x:%02x:%02x;\n",
			r->chaddr[0], r->chaddr[1], r->chaddr[2], r->chaddr[3], r->chaddr[4], r->chaddr[5]);
	if (r->uid_len) {
		format_quoted(quoted, sizeof(quoted), r->uid, r->uid_len);
		n += (size_t)snprintf(out + n, cap - n, "  uid \"%s\";\n", quoted);
	}
	if (r->hostname[0])
		n += (size_t)snprintf(out + n, cap - n, "  client-hostname \"%s\";\n", r->hostname);
	n += (size_t)snprintf(out + n, cap - n, "}\n");
	return n < cap ? (int)n : -1;
}

static int parse_time(const char *s, int64_t *t)
{
	struct tm tm;
	int wday;

	if (strncmp(s, "never", 5) == 0) {
		*t = INT32_MAX;
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%d %d/%d/%d %d:%d:%d", &wday, &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			&tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 7)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return *t < 0 ? -1 : 0;
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
	unsigned m[6];

	if (strncmp(s, "starts ", 7) == 0)
		return parse_time(s + 7, &r->starts) == 0;
	if (strncmp(s, "ends ", 5) == 0)
		return parse_time(s + 5, &r->ends) == 0;
	if (strncmp(s, "binding state ", 14) == 0) {
		r->state = strncmp(s + 14, "active", 6) == 0 ? LEASE_ACTIVE
			: strncmp(s + 14, "released", 8) == 0 ? LEASE_RELEASED
			: strncmp(s + 14, "abandoned", 9) == 0 ? LEASE_DECLINED : LEASE_FREE;
		return true;
	}
	if (strncmp(s, "hardware ethernet ", 18) == 0) {
		if (sscanf(s + 18, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
			return false;
		for (int i = 0; i < 6; i++)
			r->chaddr[i] = (uint8_t)m[i];
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
		return n == 0 || udhcp_valid_hostname(r->hostname, n);
	}
	return true;	/* ISC writes more; ignore what we do not use */
}

unsigned leasefile_parse(const char *text, void (*cb)(const struct lease_record *, void *),
	void *ctx, unsigned *bad)
{
	unsigned count = 0;
	const char *p = text;

	*bad = 0;
	while ((p = strstr(p, "lease ")) != NULL) {
		struct lease_record r;
		char ip[32];
		struct in_addr a;
		const char *end = strchr(p, '}');
		bool ok;

		if (p != text && p[-1] != '\n') {
			p += 6;
			continue;
		}
		if (!end)
			break;	/* truncated last record */
		memset(&r, 0, sizeof(r));
		ok = sscanf(p + 6, "%31s", ip) == 1 && inet_pton(AF_INET, ip, &a) == 1;
		r.ip = ntohl(a.s_addr);
		for (const char *line = strchr(p, '\n'); ok && line && line < end; line = strchr(line + 1, '\n')) {
			char stmt[256];
			const char *s = line + 1 + strspn(line + 1, " \t");
			size_t n = strcspn(s, ";\n");

			if (s >= end || n >= sizeof(stmt))
				continue;
			memcpy(stmt, s, n);
			stmt[n] = '\0';
			ok = parse_statement(stmt, &r);
		}
		if (ok) {
			cb(&r, ctx);
			count++;
		} else {
			(*bad)++;
		}
		p = end + 1;
	}
	return count;
}

void lease_to_record(const struct lease *l, struct lease_record *r)
{
	memset(r, 0, sizeof(*r));
	r->ip = l->ip;
	r->ends = l->expires;
	r->starts = l->starts;
	r->state = l->state;
	memcpy(r->chaddr, l->chaddr, 6);
	r->has_chaddr = true;
	memcpy(r->uid, l->key, l->key_len);
	r->uid_len = l->key_len;
	strcpy(r->hostname, l->hostname);
}

int leasefile_append(int fd, const struct lease_record *r, size_t n)
{
	char buf[1024];

	for (size_t i = 0; i < n; i++) {
		int len = leasefile_format(&r[i], buf, sizeof(buf));

		if (len < 0 || full_write(fd, buf, (size_t)len) != len)
			return -1;
	}
	return 0;
}

int leasefile_sync(int fd)
{
	return fdatasync(fd);
}

/* The rename itself is durable only once the directory is (POSIX leaves
 * it to fsync of the directory, and Linux file systems need it). */
static int sync_directory(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd, r;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

int leasefile_rewrite(const char *path, const struct lease_table *t)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	static const char header[] = "# udhcpd leases (ISC dhcpd.leases format), rewritten\n";
	int r = fd < 0 ? -1 : 0;

	if (r == 0 && full_write(fd, header, sizeof(header) - 1) < 0)
		r = -1;
	for (unsigned i = 0; r == 0 && i < t->capacity; i++) {
		struct lease_record rec;

		if (t->leases[i].state == LEASE_FREE || t->leases[i].state == LEASE_OFFERED)
			continue;
		char buf[1024];
		int len;

		lease_to_record(&t->leases[i], &rec);
		len = leasefile_format(&rec, buf, sizeof(buf));
		r = len > 0 && full_write(fd, buf, (size_t)len) == len ? 0 : -1;
	}
	if (fd >= 0 && (fsync(fd) < 0 || close(fd) < 0))
		r = -1;
	if (r == 0 && (rename(tmp, path) < 0 || sync_directory(path) < 0))
		r = -1;
	free(tmp);
	return r;
}
