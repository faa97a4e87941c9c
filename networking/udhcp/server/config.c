/*
 * config.c: udhcpd.conf, BusyBox's keywords plus "range START END" (any
 * number of ranges). "KEYWORD VALUE", '#' comments, keywords in any case.
 * Unlike BusyBox, an unknown keyword or a bad value is an error naming the
 * file and line, not a silently ignored line. Pure: text in, config out.
 */
#include "server/config.h"
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "autoconf.h"

#if ENABLE_DHCPD_LEASES_FILE
#define UDHCPD_LEASE_FILE CONFIG_DHCPD_LEASES_FILE
#else
#define UDHCPD_LEASE_FILE "/var/lib/misc/udhcpd.leases"
#endif

struct parse_state {
	struct server_config *cfg;
	struct server_range start_end;
	bool start_end_given;
	unsigned extra_ranges;
	struct server_range extra[MAX_RANGES];
};

void udhcpd_config_defaults(struct server_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->interface, "eth0");
	cfg->max_leases = 235;
	cfg->auto_time = 7200;
	cfg->decline_time = 3600;
	cfg->conflict_time = 3600;
	cfg->offer_time = 60;
	cfg->min_lease = 60;
	cfg->lease_time = 10 * 24 * 3600;
	strcpy(cfg->lease_file, UDHCPD_LEASE_FILE);
	strcpy(cfg->pidfile, "/var/run/udhcpd.pid");
}

static int get_ip(const char *value, uint32_t *host_order)
{
	struct in_addr a;

	if (inet_pton(AF_INET, value, &a) != 1)
		return -1;
	*host_order = ntohl(a.s_addr);
	return 0;
}

static int get_uint(const char *value, unsigned *out)
{
	unsigned long long v = 0;

	if (!*value)
		return -1;
	for (; *value; value++) {
		if (*value < '0' || *value > '9' || (v = v * 10 + (unsigned)(*value - '0')) > 0xffffffffu)
			return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int get_bool(const char *value, bool *out)
{
	if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "on") == 0 || strcmp(value, "1") == 0)
		*out = true;
	else if (strcasecmp(value, "no") == 0 || strcasecmp(value, "off") == 0 || strcmp(value, "0") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

static int set_string(char *dst, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return -1;
	strcpy(dst, value);
	return 0;
}

static int parse_range_words(const char *value, struct server_range *r)
{
	char a[32], b[32], extra[2];

	if (sscanf(value, "%31s %31s %1s", a, b, extra) != 2 || get_ip(a, &r->start) < 0
	    || get_ip(b, &r->end) < 0 || r->start > r->end)
		return -1;
	return 0;
}

static int parse_static_lease(struct server_config *cfg, const char *value)
{
	struct static_lease *s;
	char mac[32], ip[32], host[64] = "";
	unsigned m[6];

	if (cfg->nstatics == MAX_STATIC_LEASES || sscanf(value, "%31s %31s %63s", mac, ip, host) < 2
	    || sscanf(mac, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
		return -1;
	s = &cfg->statics[cfg->nstatics];
	for (int i = 0; i < 6; i++) {
		if (m[i] > 255)
			return -1;
		s->mac[i] = (uint8_t)m[i];
	}
	if (get_ip(ip, &s->ip) < 0 || (host[0] && !udhcp_valid_hostname(host, strlen(host))))
		return -1;
	strcpy(s->hostname, host);
	cfg->nstatics++;
	return 0;
}

/* "opt NAME VALUE...": list options append on repeated lines (BusyBox). */
static int parse_option(struct server_config *cfg, const char *value, struct udhcp_error *err)
{
	char name[32];
	size_t n = strcspn(value, " \t");
	struct udhcp_optval v;
	const struct udhcp_optdef *d;
	struct udhcp_optval *have;

	if (n == 0 || n >= sizeof(name))
		return udhcp_fail(err, "option needs NAME VALUE");
	memcpy(name, value, n);
	name[n] = '\0';
	if (udhcp_option_from_text(name, value + n, &v, err) < 0)
		return -1;
	if (v.code == DHCP_LEASE_TIME) {
		if (v.len != 4)
			return udhcp_fail(err, "option %s: a lease time is 4 bytes, not %u", name, v.len);
		cfg->lease_time = get_be32(v.data);
	}
	d = udhcp_option_by_code(v.code);
	have = (struct udhcp_optval *)udhcpd_config_option(cfg, v.code);
	if (have && d && (d->flags & OPT_FLAG_LIST)) {
		if (have->len + v.len > sizeof(have->data))
			return udhcp_fail(err, "option %s: the list is longer than %u bytes", name,
				(unsigned)sizeof(have->data));
		memcpy(have->data + have->len, v.data, v.len);
		have->len = (uint16_t)(have->len + v.len);
		return 0;
	}
	if (!have) {
		if (cfg->noptions == MAX_CONF_OPTIONS)
			return udhcp_fail(err, "too many options");
		have = &cfg->options[cfg->noptions++];
	}
	*have = v;
	return 0;
}

const struct udhcp_optval *udhcpd_config_option(const struct server_config *cfg, unsigned code)
{
	for (unsigned i = 0; i < cfg->noptions; i++)
		if (cfg->options[i].code == code)
			return &cfg->options[i];
	return NULL;
}

static int set_keyword(struct parse_state *ps, const char *key, const char *value,
	struct udhcp_error *err)
{
	struct server_config *cfg = ps->cfg;
	struct server_range r;
	uint32_t ip;
	static const struct { const char *name; size_t off; } numbers[] = {
		{ "max_leases", offsetof(struct server_config, max_leases) },
		{ "auto_time", offsetof(struct server_config, auto_time) },
		{ "decline_time", offsetof(struct server_config, decline_time) },
		{ "conflict_time", offsetof(struct server_config, conflict_time) },
		{ "offer_time", offsetof(struct server_config, offer_time) },
		{ "min_lease", offsetof(struct server_config, min_lease) },
	};

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (strcasecmp(key, numbers[i].name) == 0)
			return get_uint(value, (unsigned *)((char *)cfg + numbers[i].off)) < 0
				? udhcp_fail(err, "%s: bad number '%s'", key, value) : 0;
	if (strcasecmp(key, "start") == 0 || strcasecmp(key, "end") == 0) {
		if (get_ip(value, &ip) < 0)
			return udhcp_fail(err, "%s: bad IP address '%s'", key, value);
		*(key[0] == 's' || key[0] == 'S' ? &ps->start_end.start : &ps->start_end.end) = ip;
		ps->start_end_given = true;
		return 0;
	}
	if (strcasecmp(key, "range") == 0) {
		if (parse_range_words(value, &r) < 0 || ps->extra_ranges == MAX_RANGES - 1)
			return udhcp_fail(err, "range: expected START END with START <= END");
		ps->extra[ps->extra_ranges++] = r;
		return 0;
	}
	if (strcasecmp(key, "siaddr") == 0) {
		if (get_ip(value, &ip) < 0)
			return udhcp_fail(err, "siaddr: bad IP address '%s'", value);
		cfg->siaddr = htonl(ip);
		return 0;
	}
	if (strcasecmp(key, "rapid_commit") == 0) {	/* RFC 4039: off unless configured */
		if (get_bool(value, &cfg->rapid_commit) < 0)
			return udhcp_fail(err, "rapid_commit: expected yes or no, not '%s'", value);
		if (cfg->rapid_commit && !ENABLE_FEATURE_UDHCP_RAPID_COMMIT)
			return udhcp_fail(err, "rapid_commit: not enabled in this build");
		return 0;
	}
	if (strcasecmp(key, "static_lease") == 0)
		return parse_static_lease(cfg, value) < 0
			? udhcp_fail(err, "static_lease: expected MAC IP [HOSTNAME]") : 0;
	if (strcasecmp(key, "option") == 0 || strcasecmp(key, "opt") == 0)
		return parse_option(cfg, value, err);
	return udhcp_fail(err, "unknown keyword '%s'", key);
}

static int set_string_keyword(struct server_config *cfg, const char *key, const char *value,
	bool *handled)
{
	static const struct { const char *name; size_t off, size; } strings[] = {
		{ "interface", offsetof(struct server_config, interface), 16 },
		{ "lease_file", offsetof(struct server_config, lease_file), 256 },
		{ "pidfile", offsetof(struct server_config, pidfile), 256 },
		{ "notify_file", offsetof(struct server_config, notify_file), 256 },
		{ "sname", offsetof(struct server_config, sname), 64 },
		{ "boot_file", offsetof(struct server_config, boot_file), 128 },
	};

	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		if (strcasecmp(key, strings[i].name) == 0) {
			*handled = true;
			return set_string((char *)cfg + strings[i].off, strings[i].size, value);
		}
	}
	*handled = false;
	return 0;
}

/* One line: "KEYWORD VALUE", blanks around both trimmed. */
static int parse_line(struct parse_state *ps, char *line, struct udhcp_error *err)
{
	char *key, *value, *end;
	bool handled;

	line[strcspn(line, "#")] = '\0';
	key = line + strspn(line, " \t\r");
	if (!*key)
		return 0;
	value = key + strcspn(key, " \t\r");
	if (*value)
		*value++ = '\0';
	value += strspn(value, " \t");
	end = value + strlen(value);
	while (end > value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	if (strcasecmp(key, "remaining") == 0) {
		snprintf(ps->cfg->warnings + strlen(ps->cfg->warnings),
			sizeof(ps->cfg->warnings) - strlen(ps->cfg->warnings),
			"'remaining' is obsolete and ignored\n");
		return 0;
	}
	if (set_string_keyword(ps->cfg, key, value, &handled) < 0)
		return udhcp_fail(err, "%s: value too long", key);
	if (handled)
		return 0;
	return set_keyword(ps, key, value, err);
}

/* An address in two ranges would be handed out twice over. */
static int check_overlap(const struct server_config *cfg, const char *filename, struct udhcp_error *err)
{
	for (unsigned i = 0; i < cfg->nranges; i++) {
		for (unsigned j = i + 1; j < cfg->nranges; j++) {
			const struct server_range *a = &cfg->ranges[i], *b = &cfg->ranges[j];
			struct in_addr x = { htonl(b->start) }, y = { htonl(b->end) };
			char bs[INET_ADDRSTRLEN], be[INET_ADDRSTRLEN];

			if (a->start <= b->end && b->start <= a->end)
				return udhcp_fail(err, "%s: range %s - %s overlaps another range", filename,
					inet_ntop(AF_INET, &x, bs, sizeof(bs)), inet_ntop(AF_INET, &y, be, sizeof(be)));
		}
	}
	return 0;
}

int udhcpd_config_parse(const char *text, const char *filename, struct server_config *cfg,
	struct udhcp_error *err)
{
	struct parse_state ps = { cfg, { 0xc0a80014, 0xc0a800fe }, false, 0, { { 0, 0 } } };
	unsigned lineno = 0;

	while (*text) {
		char line[1024];
		size_t n = strcspn(text, "\n");
		struct udhcp_error inner;

		lineno++;
		if (n >= sizeof(line))
			return udhcp_fail(err, "%s:%u: line too long", filename, lineno);
		memcpy(line, text, n);
		line[n] = '\0';
		if (parse_line(&ps, line, &inner) < 0)
			return udhcp_fail(err, "%s:%u: %s", filename, lineno, inner.msg);
		text += n + (text[n] == '\n');
	}
	if (ps.start_end.start > ps.start_end.end)
		return udhcp_fail(err, "%s: start is after end", filename);
	cfg->nranges = 0;
	if (ps.start_end_given || ps.extra_ranges == 0)
		cfg->ranges[cfg->nranges++] = ps.start_end;
	for (unsigned i = 0; i < ps.extra_ranges; i++)
		cfg->ranges[cfg->nranges++] = ps.extra[i];
	return check_overlap(cfg, filename, err);
}
