/*
 * udhcpd_probe: udhcpd's pure parsers from the command line, for the
 * udhcpd suite.
 *	config FILE	udhcpd.conf as parsed, or "error: FILE:LINE: ..."
 *	leasefile FILE	the lease records read, and how many were bad
 *	pool		pool.c driven by commands on stdin (one per line):
 *			range A B, now T, lease IP EXPIRES, drop IP, fresh I,
 *			expired I, hints I; fresh/expired print the address (or 0);
 *			the pool is made at the first command but range, its
 *			base (pool_init's now) the last "now" before it
 */
#include "libbb.h"
#include "server/config.h"
#include "server/leasefile.h"
#include "server/pool.h"
#include "os/file.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <arpa/inet.h>

static const char *ip_text(uint32_t host_order)
{
	static char buf[4][16];
	static int i;
	struct in_addr a = { htonl(host_order) };

	i = (i + 1) % 4;
	return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

static int show_config(const char *path)
{
	struct server_config cfg;
	struct udhcp_error err;
	char *text = bb_read_text_file(path);
	const struct conf_scope *g;
	const char *sname, *file;

	if (!text)
		bb_perror_msg_and_die("can't read %s", path);
	udhcpd_config_defaults(&cfg);
	if (udhcpd_config_parse(text, path, &cfg, &err) < 0) {
		printf("error: %s\n", err.msg);
		conf_free(&cfg);
		free(text);
		return 1;
	}
	g = cfg.global;
	printf("interface=%s lease_file=%s pidfile=%s notify_file=%s\n", cfg.interface,
		cfg.lease_file, cfg.pidfile, cfg.notify_file);
	printf("max_leases=%u auto_time=%u decline_time=%u conflict_time=%u offer_time=%u min_lease=%u lease=%lu\n",
		cfg.max_leases, cfg.auto_time, cfg.decline_time, cfg.conflict_time, cfg.offer_time,
		g->value[CP_MIN_LEASE], (unsigned long)g->value[CP_DEFAULT_LEASE]);
	sname = g->string[CS_SERVER_NAME];
	file = g->string[CS_FILENAME];
	printf("siaddr=%s sname=%s boot_file=%s rapid_commit=%d bootp=%d\n",
		ip_text(ntohl(g->value[CP_NEXT_SERVER])), sname ? sname : "", file ? file : "", cfg.rapid_commit,
		cfg.bootp);
	for (unsigned i = 0; i < cfg.nranges; i++)
		printf("range=%s-%s\n", ip_text(cfg.ranges[i].start), ip_text(cfg.ranges[i].end));
	for (unsigned i = 0; i < cfg.nhosts; i++) {
		const struct conf_host *h = cfg.hosts[i];

		printf("static=%02x:%02x:%02x:%02x:%02x:%02x %s %s\n", h->mac[0], h->mac[1], h->mac[2],
			h->mac[3], h->mac[4], h->mac[5], ip_text(h->nfixed ? h->fixed[0] : 0), h->name);
	}
	for (unsigned i = 0; i < g->noptions; i++) {
		printf("option %u=", g->options[i].code);
		for (unsigned j = 0; j < g->options[i].len; j++)
			printf("%02x", g->options[i].data[j]);
		printf("\n");
	}
	for (unsigned i = 0; i < cfg.warnings.count && i < CONF_WARNINGS_MAX; i++)
		printf("warning=%s\n", cfg.warnings.lines[i]);
	if (cfg.warnings.count > CONF_WARNINGS_MAX)
		printf("warnings_more=%u\n", cfg.warnings.count - CONF_WARNINGS_MAX);
	conf_free(&cfg);
	free(text);
	return 0;
}

static void print_record(const struct lease_record *r, void *ctx)
{
	static const char *const states[] = { "free", "offered", "active", "released", "declined" };

	(void)ctx;
	printf("%s %s %02x:%02x:%02x:%02x:%02x:%02x uid=", ip_text(r->ip), states[r->state],
		r->chaddr[0], r->chaddr[1], r->chaddr[2], r->chaddr[3], r->chaddr[4], r->chaddr[5]);
	for (unsigned i = 0; i < r->uid_len; i++)
		printf("%02x", r->uid[i]);
	if (r->ends == LEASE_NEVER)
		printf(" host=%s starts=%lld ends=never\n", r->hostname, (long long)r->starts);
	else
		printf(" host=%s starts=%lld ends=%lld\n", r->hostname, (long long)r->starts, (long long)r->ends);
}

/* ---- pool: a toy lease table (address -> expiry) as the server's view ---- */

enum { TOY_LEASES = 4096 };
static struct { uint32_t ip; int64_t expires; bool used; } toy[TOY_LEASES];
static int64_t toy_now;

static int toy_find(uint32_t ip)
{
	for (int i = 0; i < TOY_LEASES; i++)
		if (toy[i].used && toy[i].ip == ip)
			return i;
	return -1;
}

static bool toy_is_free(void *ctx, uint32_t ip)
{
	int i = toy_find(ip);

	(void)ctx;
	return i < 0 || toy[i].expires <= toy_now;
}

static bool toy_is_unused(void *ctx, uint32_t ip)
{
	(void)ctx;
	return toy_find(ip) < 0;
}

static bool toy_is_current(void *ctx, uint32_t ip, int32_t expiry)
{
	const struct addr_pool *p = ctx;
	int i = toy_find(ip);

	return i >= 0 && pool_expiry(p, toy[i].expires) == expiry;
}

static uint32_t parse_ip(const char *text)
{
	struct in_addr a;

	if (inet_pton(AF_INET, text, &a) != 1)
		bb_error_msg_and_die("bad address '%s'", text);
	return ntohl(a.s_addr);
}

static void pool_command(struct addr_pool *p, const struct pool_view *v, char *line)
{
	char cmd[16], a[32], b[32];
	int n = sscanf(line, "%15s %31s %31s", cmd, a, b), i;
	uint32_t ip;

	if (n >= 2 && strcmp(cmd, "now") == 0) {
		toy_now = atoll(a);
	} else if (n == 3 && strcmp(cmd, "lease") == 0) {
		ip = parse_ip(a);
		if ((i = toy_find(ip)) < 0)
			for (i = 0; toy[i].used; i++)
				;
		toy[i].used = true;
		toy[i].ip = ip;
		toy[i].expires = atoll(b);
		pool_note(p, ip, toy[i].expires, v);
	} else if (n == 2 && strcmp(cmd, "drop") == 0) {
		if ((i = toy_find(parse_ip(a))) >= 0)
			toy[i].used = false;
	} else if (n == 2 && strcmp(cmd, "fresh") == 0) {
		printf("fresh %s\n", ip_text(pool_take_fresh(p, (unsigned)atoi(a), v)));
	} else if (n == 2 && strcmp(cmd, "expired") == 0) {
		printf("expired %s\n", ip_text(pool_take_expired(p, (unsigned)atoi(a), toy_now, v)));
	} else if (n == 2 && strcmp(cmd, "hints") == 0) {
		printf("hints %u\n", p->range[atoi(a)].nheap);
	} else {
		bb_error_msg_and_die("bad pool command '%s'", line);
	}
}

static int run_pool(void)
{
	static uint32_t ranges[8][2];
	unsigned n = 0;
	char line[128], a[32], b[32];
	struct addr_pool p;
	struct pool_view v = { toy_is_free, toy_is_unused, toy_is_current, &p };
	bool started = false;

	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (sscanf(line, "range %31s %31s", a, b) == 2 && !started && n < 8) {
			ranges[n][0] = parse_ip(a);
			ranges[n++][1] = parse_ip(b);
			continue;
		}
		if (!started && sscanf(line, "now %31s", a) == 1) {
			toy_now = atoll(a);
			continue;
		}
		if (!started && pool_init(&p, (const uint32_t (*)[2])ranges, n, toy_now) < 0)
			bb_error_msg_and_die("out of memory");
		started = true;
		pool_command(&p, &v, line);
	}
	if (started)
		pool_free(&p);
	return 0;
}

/* os_file_replace failing half-way (fill gives up) and at the rename
 * (PATH is a directory): both must return -1, leave no PATH.tmp and no fd
 * open. Prints "r1 r2 tmp-left fds-leaked". */
static int fill_then_fail(void *ctx, char *buf, size_t cap)
{
	int *calls = ctx;

	(void)cap;
	if ((*calls)++ == 0) {
		memcpy(buf, "lease", 5);
		return 5;
	}
	return -1;
}

static int fill_once(void *ctx, char *buf, size_t cap)
{
	int *calls = ctx;

	(void)cap;
	if ((*calls)++)
		return 0;
	memcpy(buf, "x\n", 2);
	return 2;
}

static int count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static int try_replace(const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	int calls = 0, before = count_fds(), r1, r2;

	r1 = os_file_replace(path, fill_then_fail, &calls);
	calls = 0;
	if (mkdir(path, 0755) < 0)	/* the rename over a directory fails */
		bb_perror_msg_and_die("mkdir %s", path);
	r2 = os_file_replace(path, fill_once, &calls);
	printf("%d %d %d %d\n", r1, r2, access(tmp, F_OK) == 0, count_fds() - before);
	rmdir(path);
	free(tmp);
	return 0;
}

int main(int argc, char **argv)
{
	applet_name = "udhcpd_probe";
	if (argc == 2 && strcmp(argv[1], "pool") == 0)
		return run_pool();
	if (argc == 3 && strcmp(argv[1], "replace") == 0)
		return try_replace(argv[2]);
	if (argc == 3 && strcmp(argv[1], "table") == 0) {	/* CAPACITY: lease_table_init's answer */
		struct lease_table t;
		int r = lease_table_init(&t, (unsigned)strtoul(argv[2], NULL, 0));

		printf("%d\n", r);
		if (r == 0)
			lease_table_free(&t);
		return 0;
	}
	if (argc < 3)
		bb_error_msg_and_die("usage: udhcpd_probe config|leasefile FILE, or pool");
	if (strcmp(argv[1], "config") == 0)
		return show_config(argv[2]);
	if (strcmp(argv[1], "leasefile") == 0) {
		unsigned bad;
		char *text = bb_read_text_file(argv[2]);

		if (!text)
			bb_perror_msg_and_die("can't read %s", argv[2]);
		printf("records=%u", leasefile_parse(text, print_record, NULL, &bad));
		printf(" bad=%u\n", bad);
		free(text);
		return 0;
	}
	if (strcmp(argv[1], "leaseblock") == 0 && argc >= 5) {
		/* IP UID-HEX ENDS: one record formatted (the hex may hold any byte) */
		struct lease_record r;
		struct in_addr a;
		char out[LEASEFILE_RECORD_MAX];

		memset(&r, 0, sizeof(r));
		if (inet_pton(AF_INET, argv[2], &a) != 1)
			bb_error_msg_and_die("bad IP");
		r.ip = ntohl(a.s_addr);
		for (const char *h = argv[3]; h[0] && h[1] && r.uid_len < sizeof(r.uid); h += 2)
			sscanf(h, "%2hhx", &r.uid[r.uid_len++]);
		r.state = LEASE_ACTIVE;
		r.starts = 0;
		r.ends = strcmp(argv[4], "never") == 0 ? LEASE_NEVER : strtoll(argv[4], NULL, 10);
		if (leasefile_format(&r, out, sizeof(out)) < 0)
			bb_error_msg_and_die("does not fit");
		fputs(out, stdout);
		return 0;
	}
	bb_error_msg_and_die("unknown command '%s'", argv[1]);
}
