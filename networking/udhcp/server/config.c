/*
 * config.c: udhcpd.conf, BusyBox's keywords plus "range START END" (any
 * number of ranges), into the scoped model (conf.h): its options and
 * parameters are the global scope, a static_lease a host, the ranges get
 * their subnets at start (conf_bb_subnets). "KEYWORD VALUE", '#'
 * comments, keywords in any case. Unlike BusyBox, an unknown keyword or a
 * bad value is an error naming the file and line, not a silently ignored
 * line. Pure: text in, config out.
 *
 * Our keywords beyond BusyBox's: range START END, subnet NET/BITS
 * sections, static_circuit, rapid_commit yes|no (RFC 4039, off), bootp
 * yes|no (off, as BusyBox: BOOTP clients with a static_lease answered),
 * user NAME and group NAME (who runs the server once it is set up).
 */
#include "server/conf.h"
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "autoconf.h"

struct parse_state {
	struct server_config *cfg;
	uint32_t start, end;	/* "start" and "end", BusyBox's one range */
	bool start_end_given;
	struct conf_subnet *section;	/* after "subnet NET/BITS": its lines; NULL: global */
	const char *filename;
	unsigned lineno;		/* the line being read, for warnings */
};

/* A warning, with the file and line it is about (as a dhcpd.conf's). */
static void __attribute__((format(printf, 2, 3))) warn_here(struct parse_state *ps, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vwarn_at(ps->cfg, ps->filename, ps->lineno, fmt, ap);
	va_end(ap);
}

/* Where options, lease times and boot fields go: the subnet section's scope. */
static struct conf_scope *scope_of(struct parse_state *ps)
{
	return ps->section ? &ps->section->scope : ps->cfg->global;
}

enum { BB_LEASE_TIME = 10 * 24 * 3600, BB_MIN_LEASE = 60 };

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

/* value's blank-separated words, copied into buf (LINE_MAX bytes), into
 * w[0..max-1]: their number, or -1 when there are more than max. */
enum { LINE_MAX_BYTES = 1024 };
static int split_words(const char *value, char *buf, char **w, int max)
{
	int n = 0;
	char *p;

	snprintf(buf, LINE_MAX_BYTES, "%s", value);
	for (p = buf + strspn(buf, " \t"); *p; p += strspn(p, " \t")) {
		if (n == max)
			return -1;
		w[n++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* An optional host name word: valid, and short enough for a host's. */
static bool host_name_ok(const char *host)
{
	size_t n = strlen(host);

	return n < CONF_HOST_NAME_MAX && (n == 0 || udhcp_valid_hostname(host, n));
}

static int parse_range_words(const char *value, uint32_t *start, uint32_t *end)
{
	char buf[LINE_MAX_BYTES], *w[2];

	if (split_words(value, buf, w, 2) != 2 || get_ip(w[0], start) < 0
	    || get_ip(w[1], end) < 0 || *start > *end)
		return -1;
	return 0;
}

/* "static_lease MAC IP [HOSTNAME]": a host with a fixed address on any
 * link; BusyBox sends the name as option 12. -1: bad, -2: no memory. */
static int parse_static_lease(struct parse_state *ps, const char *value)
{
	struct server_config *cfg = ps->cfg;
	struct conf_scope *parent = scope_of(ps);
	struct conf_host *h;
	char buf[LINE_MAX_BYTES], *w[3] = { NULL, NULL, (char *)"" };
	const char *host;
	uint8_t mac[6];
	uint32_t addr;
	int n = split_words(value, buf, w, 3);

	if (n < 0) {	/* BusyBox reads three words and ignores the rest */
		warn_here(ps, "static_lease %s %s %s: the words after the host name are ignored",
			w[0], w[1], w[2]);
		n = 3;
	}
	host = w[2];
	if (n < 2 || udhcp_parse_mac(w[0], mac) != (int)strlen(w[0]) || get_ip(w[1], &addr) < 0
	    || !host_name_ok(host))
		return -1;
	if (!(h = conf_add_host(cfg, parent)) || conf_host_add_fixed(cfg, h, addr) < 0
	    || (host[0] && conf_set_option(cfg, &h->scope, DHCP_HOST_NAME, (const uint8_t *)host,
			strlen(host)) < 0))
		return -2;
	memcpy(h->mac, mac, 6);
	h->has_mac = h->any_link = true;
	strcpy(h->name, host);
	return 0;
}

/* "opt NAME VALUE...": list options append on repeated lines (BusyBox). */
static int parse_option(struct server_config *cfg, struct conf_scope *sc, const char *value,
	struct udhcp_error *err)
{
	char name[32];
	size_t n = strcspn(value, " \t");
	struct udhcp_optval v;
	const struct udhcp_optdef *d;
	const struct conf_option *have;
	int r;

	if (n == 0 || n >= sizeof(name))
		return udhcp_fail(err, "option needs NAME VALUE");
	memcpy(name, value, n);
	name[n] = '\0';
	if (udhcp_option_from_text(name, value + n, &v, err) < 0)
		return -1;
	if (v.code == DHCP_LEASE_TIME) {
		if (v.len != 4)
			return udhcp_fail(err, "option %s: a lease time is 4 bytes, not %u", name, v.len);
		/* BusyBox: the lease every client gets, and the most it may ask for */
		conf_set_param(sc, CP_DEFAULT_LEASE, get_be32(v.data));
		conf_set_param(sc, CP_MAX_LEASE, get_be32(v.data));
		return 0;
	}
	d = udhcp_option_by_code(v.code);
	have = conf_scope_option(sc, v.code);
	if (have && d && (d->flags & OPT_FLAG_LIST)) {
		if (have->len + v.len > sizeof(v.data))
			return udhcp_fail(err, "option %s: the list is longer than %u bytes", name,
				(unsigned)sizeof(v.data));
		r = conf_append_option(cfg, sc, v.code, v.data, v.len);
	} else {
		r = conf_set_option(cfg, sc, v.code, v.data, v.len);
	}
	return r < 0 ? udhcp_fail(err, "out of memory") : 0;
}

/*
 * "subnet NET/BITS" (or "subnet NET MASK"): the lines after it, up to the
 * next "subnet", are that subnet's: its ranges, options, lease times,
 * boot fields and static leases; what is set before the first is every
 * subnet's. Server-wide keywords stay server-wide wherever they are.
 */
static int parse_subnet(struct parse_state *ps, const char *value, struct udhcp_error *err)
{
	char buf[LINE_MAX_BYTES], *w[2] = { NULL, (char *)"" }, *net, *mask, *slash;
	uint32_t ip, m;
	unsigned bits;
	int n = split_words(value, buf, w, 2);

	net = w[0];
	mask = w[1];
	if (n < 1 || ((slash = strchr(net, '/')) != NULL) == (n == 2))
		return udhcp_fail(err, "subnet: expected NET/BITS or NET MASK");
	if (slash) {
		*slash = '\0';
		if (get_uint(slash + 1, &bits) < 0 || bits < 1 || bits > 30)
			return udhcp_fail(err, "subnet: a prefix of 1 to 30 bits, not '%s'", slash + 1);
		m = 0xffffffffu << (32 - bits);
	} else if (get_ip(mask, &m) < 0 || m == 0 || (~m & (~m + 1)) != 0 || ~m < 3) {
		return udhcp_fail(err, "subnet: bad netmask '%s' (1 to 30 bits)", mask);
	}
	if (get_ip(net, &ip) < 0)
		return udhcp_fail(err, "subnet: bad IP address '%s'", net);
	if (ip & ~m)
		return udhcp_fail(err, "subnet: %s has host bits set for its mask", net);
	if (!(ps->section = conf_add_subnet(ps->cfg, NULL, ip, m)))
		return udhcp_fail(err, "out of memory");
	return 0;
}

/* "00:04:a": groups of one or two hex digits, one colon between each. */
static bool colon_hex(const char *w, size_t n)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	size_t at = 0, groups = 0;

	while (at < n) {
		size_t d = strspn(w + at, hex);

		if (d < 1 || d > 2 || at + d > n)
			return false;
		at += d;
		groups++;
		if (at < n && (w[at] != ':' || ++at == n))
			return false;
	}
	return groups > 1;
}

/* An id as a relay agent sends it (at most CONF_KEY_MAX bytes): colon
 * hex ("00:04:0a"), else the word as text; "quoted text" may hold
 * blanks. -1 when bad. */
static int parse_agent_id(const char *word, size_t n, uint8_t *out, unsigned *len)
{
	struct udhcp_optval v;
	struct udhcp_error err;
	char hex[200];

	if (n >= 2 && word[0] == '"' && word[n - 1] == '"') {
		word++;
		n -= 2;
	} else if (n < sizeof(hex) && colon_hex(word, n)) {
		memcpy(hex, word, n);
		hex[n] = '\0';
		/* the raw code's hex bytes, as "opt 82 00:04:0a" would read them */
		if (udhcp_option_from_text("82", hex, &v, &err) < 0 || v.len == 0 || v.len > CONF_KEY_MAX)
			return -1;
		memcpy(out, v.data, v.len);
		*len = v.len;
		return 0;
	}
	if (n == 0 || n > CONF_KEY_MAX || memchr(word, '"', n))
		return -1;
	memcpy(out, word, n);
	*len = (unsigned)n;
	return 0;
}

/* "static_circuit CIRCUIT-ID IP [HOSTNAME]": the address of a relay's port
 * (option 82's circuit id, RFC 3046 section 3.1), whoever is plugged into
 * it; ISC's host-identifier option agent.circuit-id. The address must be
 * on the relay's link: every relay may have an "eth3". */
static int parse_static_circuit(struct parse_state *ps, const char *value)
{
	struct server_config *cfg = ps->cfg;
	struct conf_scope *parent = scope_of(ps);
	struct conf_host *h;
	char buf[LINE_MAX_BYTES], *w[2] = { NULL, (char *)"" };
	const char *host;
	uint8_t id[CONF_KEY_MAX];
	unsigned id_len;
	const char *close = value[0] == '"' ? strchr(value + 1, '"') : NULL;
	size_t n = close ? (size_t)(close + 1 - value) : strcspn(value, " \t");
	uint32_t addr;
	int words;

	if ((value[0] == '"' && !close) || parse_agent_id(value, n, id, &id_len) < 0)
		return -1;
	words = split_words(value + n, buf, w, 2);
	if (words < 0) {	/* as static_lease's */
		warn_here(ps, "static_circuit %.*s %s %s: the words after the host name are ignored",
			(int)n, value, w[0], w[1]);
		words = 2;
	}
	host = w[1];
	if (words < 1 || get_ip(w[0], &addr) < 0 || !host_name_ok(host))
		return -1;
	if (!(h = conf_add_host(cfg, parent)) || conf_host_add_fixed(cfg, h, addr) < 0
	    || (host[0] && conf_set_option(cfg, &h->scope, DHCP_HOST_NAME, (const uint8_t *)host,
			strlen(host)) < 0))
		return -2;
	memcpy(h->agent_id, id, id_len);
	h->agent_id_len = id_len;
	h->agent_sub = AGENT_CIRCUIT_ID;
	strcpy(h->name, host);
	return 0;
}

/* the keyword tables below keep offsets in 16 bits */
_Static_assert(sizeof(struct server_config) <= 65535, "server_config outgrew uint16_t offsets");

static int set_number(struct server_config *cfg, struct conf_scope *sc, const char *key,
	const char *value, bool *handled)
{
	static const struct { char name[14]; uint16_t off; } numbers[] = {
		{ "max_leases", offsetof(struct server_config, max_leases) },
		{ "auto_time", offsetof(struct server_config, auto_time) },
		{ "decline_time", offsetof(struct server_config, decline_time) },
		{ "conflict_time", offsetof(struct server_config, conflict_time) },
		{ "offer_time", offsetof(struct server_config, offer_time) },
	};
	unsigned v;

	*handled = true;
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (strcasecmp(key, numbers[i].name) == 0)
			return get_uint(value, (unsigned *)((char *)cfg + numbers[i].off));
	if (strcasecmp(key, "min_lease") == 0) {
		if (get_uint(value, &v) < 0)
			return -1;
		conf_set_param(sc, CP_MIN_LEASE, v);
		return 0;
	}
	*handled = false;
	return 0;
}

static int set_keyword(struct parse_state *ps, const char *key, const char *value,
	struct udhcp_error *err)
{
	struct server_config *cfg = ps->cfg;
	uint32_t ip, end;
	bool handled;
	int r;

	if (set_number(cfg, scope_of(ps), key, value, &handled) < 0)
		return udhcp_fail(err, "%s: bad number '%s'", key, value);
	if (handled)
		return 0;
	if (strcasecmp(key, "subnet") == 0)
		return parse_subnet(ps, value, err);
	if (strcasecmp(key, "start") == 0 || strcasecmp(key, "end") == 0) {
		if (ps->section)
			return udhcp_fail(err, "%s: BusyBox's range is global; a subnet has 'range START END'", key);
		if (get_ip(value, &ip) < 0)
			return udhcp_fail(err, "%s: bad IP address '%s'", key, value);
		*(key[0] == 's' || key[0] == 'S' ? &ps->start : &ps->end) = ip;
		ps->start_end_given = true;
		return 0;
	}
	if (strcasecmp(key, "range") == 0) {
		if (parse_range_words(value, &ip, &end) < 0)
			return udhcp_fail(err, "range: expected START END with START <= END");
		return conf_add_range(cfg, ip, end, ps->section, NULL) < 0 ? udhcp_fail(err, "out of memory") : 0;
	}
	if (strcasecmp(key, "siaddr") == 0) {
		if (get_ip(value, &ip) < 0)
			return udhcp_fail(err, "siaddr: bad IP address '%s'", value);
		conf_set_param(scope_of(ps), CP_NEXT_SERVER, htonl(ip));
		return 0;
	}
	if (strcasecmp(key, "rapid_commit") == 0) {	/* RFC 4039: off unless configured */
		if (get_bool(value, &cfg->rapid_commit) < 0)
			return udhcp_fail(err, "rapid_commit: expected yes or no, not '%s'", value);
		if (cfg->rapid_commit && !ENABLE_FEATURE_UDHCP_RAPID_COMMIT)
			return udhcp_fail(err, "rapid_commit: not enabled in this build");
		return 0;
	}
	if (strcasecmp(key, "bootp") == 0) {	/* RFC 951: BOOTP clients with a static_lease */
		if (get_bool(value, &cfg->bootp) < 0)
			return udhcp_fail(err, "bootp: expected yes or no, not '%s'", value);
		if (cfg->bootp && !ENABLE_FEATURE_UDHCPD_BOOTP)
			return udhcp_fail(err, "bootp: this udhcpd is built without BOOTP"
				" (FEATURE_UDHCPD_BOOTP)");
		return 0;
	}
	if (strcasecmp(key, "static_lease") == 0) {
		if ((r = parse_static_lease(ps, value)) < 0)
			return udhcp_fail(err, r == -2 ? "out of memory" : "static_lease: expected MAC IP [HOSTNAME]");
		return 0;
	}
	if (strcasecmp(key, "static_circuit") == 0) {
		if ((r = parse_static_circuit(ps, value)) < 0)
			return udhcp_fail(err, r == -2 ? "out of memory"
				: "static_circuit: expected CIRCUIT-ID IP [HOSTNAME] (the id as text, \"text\" or hex xx:xx)");
		return 0;
	}
	if (strcasecmp(key, "option") == 0 || strcasecmp(key, "opt") == 0)
		return parse_option(cfg, scope_of(ps), value, err);
	return udhcp_fail(err, "unknown keyword '%s'", key);
}

/* The fixed-size strings: server-wide ones in cfg, sname and boot_file
 * (the BOOTP header's, 64 and 128 bytes) in the global scope. */
static int set_string_keyword(struct server_config *cfg, struct conf_scope *sc, const char *key,
	const char *value, bool *handled)
{
	static const struct { char name[12]; uint16_t off, size; } strings[] = {
		{ "interface", offsetof(struct server_config, interface), 16 },
		{ "lease_file", offsetof(struct server_config, lease_file), 256 },
		{ "pidfile", offsetof(struct server_config, pidfile), 256 },
		{ "notify_file", offsetof(struct server_config, notify_file), 256 },
		{ "user", offsetof(struct server_config, user), 64 },
		{ "group", offsetof(struct server_config, group), 64 },
	};
	bool sname = strcasecmp(key, "sname") == 0;

	*handled = true;
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		if (strcasecmp(key, strings[i].name) == 0)
			return set_string((char *)cfg + strings[i].off, strings[i].size, value);
	if (sname || strcasecmp(key, "boot_file") == 0) {
		if (strlen(value) >= (sname ? 64u : 128u))
			return -1;
		return conf_set_string(cfg, sc, sname ? CS_SERVER_NAME : CS_FILENAME, value);
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
		warn_here(ps, "'remaining' is obsolete and ignored");
		return 0;
	}
	if (!ENABLE_FEATURE_UDHCPD_USER && (strcasecmp(key, "user") == 0 || strcasecmp(key, "group") == 0))
		return udhcp_fail(err, "'%s': udhcpd is built without FEATURE_UDHCPD_USER", key);
	if (set_string_keyword(ps->cfg, scope_of(ps), key, value, &handled) < 0)
		return udhcp_fail(err, "%s: value too long", key);
	if (handled)
		return 0;
	return set_keyword(ps, key, value, err);
}

/* BusyBox's start/end range comes first, before the "range" lines. */
static int add_start_end(struct parse_state *ps)
{
	struct server_config *cfg = ps->cfg;
	struct conf_range first;

	if (!ps->start_end_given && cfg->nranges)
		return 0;
	if (conf_add_range(cfg, ps->start, ps->end, NULL, NULL) < 0)
		return -1;
	first = cfg->ranges[cfg->nranges - 1];
	memmove(cfg->ranges + 1, cfg->ranges, sizeof(first) * (cfg->nranges - 1));
	cfg->ranges[0] = first;
	return 0;
}

int udhcpd_config_parse(const char *text, const char *filename, struct server_config *cfg,
	struct udhcp_error *err)
{
	struct parse_state ps = { cfg, 0xc0a80014, 0xc0a800fe, false, NULL, filename, 0 };

	if (!conf_root(cfg))
		return conf_fail_at(err, filename, 0, "out of memory");
	conf_set_param(cfg->global, CP_DEFAULT_LEASE, BB_LEASE_TIME);
	conf_set_param(cfg->global, CP_MAX_LEASE, BB_LEASE_TIME);
	conf_set_param(cfg->global, CP_MIN_LEASE, BB_MIN_LEASE);
	/* what udhcpd did before ISC files: RFC 6842's echo, T1 and T2 sent */
	conf_set_param(cfg->global, CP_ECHO_CLIENT_ID, 1);
	conf_set_param(cfg->global, CP_SEND_T1_T2, 1);
	while (*text) {
		char line[LINE_MAX_BYTES];
		size_t n = strcspn(text, "\n");
		struct udhcp_error inner;

		ps.lineno++;
		if (n >= sizeof(line))
			return conf_fail_at(err, filename, ps.lineno, "line too long");
		memcpy(line, text, n);
		line[n] = '\0';
		if (parse_line(&ps, line, &inner) < 0)
			return conf_fail_at(err, filename, ps.lineno, "%s", inner.msg);
		text += n + (text[n] == '\n');
	}
	if (ps.start > ps.end)
		return conf_fail_at(err, filename, 0, "start is after end");
	if (add_start_end(&ps) < 0)
		return conf_fail_at(err, filename, 0, "out of memory");
	return conf_check(cfg, filename, err);
}
