/*
 * dumpleases: udhcpd's lease file for people, as BusyBox prints it:
 * MAC, IP, host name, and the time left (or the end, with -a).
 */
#include "applets.h"
#include "codec/common.h"
#include "server/leasefile.h"

#include <arpa/inet.h>
#include <time.h>

const char dumpleases_usage[] =
	"[-r|-a] [-d] [-f LEASEFILE]\n"
	IF_FEATURE_VERBOSE_USAGE(
	"\n"
	"Display DHCP leases granted by udhcpd\n"
	"\n"
	"\t-f,--file FILE\tLease file (default " UDHCPD_LEASE_FILE_DEFAULT ")\n"
	"\t-r,--remaining\tShow remaining time (default)\n"
	"\t-a,--absolute\tShow expiration time\n"
	"\t-d,--decimal\tShow time in seconds\n"
	);

enum { OPT_r = 1 << 0, OPT_a = 1 << 1, OPT_d = 1 << 2, OPT_f = 1 << 3 };

struct records {
	struct lease_record *r;
	size_t n, cap;
};

/* The last record of each address wins, as the server reads it. */
static void collect(const struct lease_record *rec, void *ctx)
{
	struct records *all = ctx;

	for (size_t i = 0; i < all->n; i++) {
		if (all->r[i].ip == rec->ip) {
			all->r[i] = *rec;
			return;
		}
	}
	if (all->n == all->cap) {
		all->cap = all->cap ? 2 * all->cap : 64;
		all->r = xrealloc(all->r, all->cap * sizeof(*all->r));
	}
	all->r[all->n++] = *rec;
}

static void print_expiry(const struct lease_record *r, uint32_t opts, int64_t now)
{
	int64_t left = r->ends - now;
	time_t ends = (time_t)r->ends;

	if (r->state != LEASE_ACTIVE || left <= 0)
		puts("expired");
	else if (r->ends == LEASE_NEVER)
		puts("never");
	else if (opts & OPT_a)
		fputs(ctime(&ends), stdout);
	else if (opts & OPT_d)
		printf("%lld\n", (long long)left);
	else
		printf("%u days %02u:%02u:%02u\n", (unsigned)(left / 86400), (unsigned)(left % 86400 / 3600),
			(unsigned)(left % 3600 / 60), (unsigned)(left % 60));
}

int dumpleases_main(int argc, char **argv)
{
	const char *file = UDHCPD_LEASE_FILE_DEFAULT;
	struct records all = { NULL, 0, 0 };
	uint32_t opts;
	unsigned bad;
	char *text;

	(void)argc;
	opts = getopt32(argv, "r(remaining)a(absolute)d(decimal)f:(file)", &file);
	if ((opts & OPT_r) && (opts & OPT_a))
		bb_show_usage();
	text = bb_read_text_file(file);
	if (!text)
		bb_perror_msg_and_die("can't open '%s'", file);
	leasefile_parse(text, collect, &all, &bad);
	free(text);
	printf("Mac Address       IP Address      Host Name           Expires %s\n",
		opts & OPT_a ? "at" : "in");
	for (size_t i = 0; i < all.n; i++) {
		const struct lease_record *r = &all.r[i];
		struct in_addr a = { htonl(r->ip) };

		printf("%02x:%02x:%02x:%02x:%02x:%02x %-15s %-20s", r->chaddr[0], r->chaddr[1],
			r->chaddr[2], r->chaddr[3], r->chaddr[4], r->chaddr[5], inet_ntoa(a), r->hostname);
		print_expiry(r, opts, time(NULL));
	}
	if (bad)
		bb_error_msg("%u bad records skipped", bad);
	free(all.r);
	return 0;
}
