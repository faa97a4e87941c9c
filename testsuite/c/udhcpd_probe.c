/*
 * udhcpd_probe: udhcpd's pure parsers from the command line, for the
 * udhcpd suite.
 *	config FILE	udhcpd.conf as parsed, or "error: FILE:LINE: ..."
 *	leasefile FILE	the lease records read, and how many were bad
 */
#include "libbb.h"
#include "config.h"
#include "leasefile.h"

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
	static struct server_config cfg;
	struct udhcp_error err;
	char *text = bb_read_text_file(path);

	if (!text)
		bb_perror_msg_and_die("can't read %s", path);
	udhcpd_config_defaults(&cfg);
	if (udhcpd_config_parse(text, path, &cfg, &err) < 0) {
		printf("error: %s\n", err.msg);
		free(text);
		return 1;
	}
	printf("interface=%s lease_file=%s pidfile=%s notify_file=%s\n", cfg.interface,
		cfg.lease_file, cfg.pidfile, cfg.notify_file);
	printf("max_leases=%u auto_time=%u decline_time=%u conflict_time=%u offer_time=%u min_lease=%u lease=%lu\n",
		cfg.max_leases, cfg.auto_time, cfg.decline_time, cfg.conflict_time, cfg.offer_time,
		cfg.min_lease, (unsigned long)cfg.lease_time);
	printf("siaddr=%s sname=%s boot_file=%s\n", ip_text(ntohl(cfg.siaddr)), cfg.sname, cfg.boot_file);
	for (unsigned i = 0; i < cfg.nranges; i++)
		printf("range=%s-%s\n", ip_text(cfg.ranges[i].start), ip_text(cfg.ranges[i].end));
	for (unsigned i = 0; i < cfg.nstatics; i++)
		printf("static=%02x:%02x:%02x:%02x:%02x:%02x %s %s\n", cfg.statics[i].mac[0],
			cfg.statics[i].mac[1], cfg.statics[i].mac[2], cfg.statics[i].mac[3],
			cfg.statics[i].mac[4], cfg.statics[i].mac[5], ip_text(cfg.statics[i].ip),
			cfg.statics[i].hostname);
	for (unsigned i = 0; i < cfg.noptions; i++) {
		printf("option %u=", cfg.options[i].code);
		for (unsigned j = 0; j < cfg.options[i].len; j++)
			printf("%02x", cfg.options[i].data[j]);
		printf("\n");
	}
	if (cfg.warnings[0])
		printf("warnings=%s", cfg.warnings);
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
	printf(" host=%s starts=%lld ends=%lld\n", r->hostname, (long long)r->starts, (long long)r->ends);
}

int main(int argc, char **argv)
{
	applet_name = "udhcpd_probe";
	if (argc < 3)
		bb_error_msg_and_die("usage: udhcpd_probe config|leasefile FILE");
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
	bb_error_msg_and_die("unknown command '%s'", argv[1]);
}
