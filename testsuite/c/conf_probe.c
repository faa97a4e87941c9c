/*
 * conf_probe: udhcpd's configuration parsers into the scoped model, from
 * the command line, for testsuite/conf_isc_test.sh.
 *
 *	isc FILE [-n] [-N]	ISC dhcpd.conf parsed, the model dumped (conf_dump.c),
 *				or "error: FILE:LINE:COLUMN: ..." for each error
 *				(conf_isc_parse_all: up to 20, then "error: ...
 *				and N more errors"), exit 1. Includes
 *				are read relative to the working directory, as
 *				dhcpd does; host names resolve through
 *				$CONF_PROBE_HOSTS ("name=a.b.c.d,name=...") first,
 *				then getaddrinfo (AF_INET; never for *.test and
 *				*.invalid, RFC 6761; *.notasked.test:
 *				CONF_NOT_ASKED). -n: no resolver;
 *				-N: no file reader (include is an error).
 *	bb FILE IP/BITS		udhcpd.conf parsed, its subnets made for an
 *				interface with that address (conf_bb_subnets),
 *				the model dumped; or "error: ...", exit 1
 *	detect FILE		"isc" or "busybox" (conf_text_is_isc)
 *	options			ISC's option table: "NAME CODE FORMAT" lines
 */
#include "libbb.h"
#include "server/conf.h"
#include "server/conf_isc.h"
#include "conf_dump.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <strings.h>
#include <sys/socket.h>

/* A file as text; one holding a NUL byte is refused (the parser would stop there). */
static char *read_file(void *ctx, const char *path)
{
	size_t len;
	char *text = bb_read_file(path, &len);

	(void)ctx;
	if (text && strlen(text) != len) {
		free(text);
		errno = EINVAL;
		return NULL;
	}
	return text;
}

static int from_table(const char *name, uint32_t *ip)
{
	const char *t = getenv("CONF_PROBE_HOSTS");
	size_t n = strlen(name);
	struct in_addr a;
	char addr[16];

	while (t && *t) {
		size_t len = strcspn(t, ",");
		const char *eq = memchr(t, '=', len);

		if (eq && (size_t)(eq - t) == n && strncasecmp(t, name, n) == 0
		    && len - n - 1 < sizeof(addr)) {
			memcpy(addr, eq + 1, len - n - 1);
			addr[len - n - 1] = '\0';
			if (inet_pton(AF_INET, addr, &a) != 1)
				return -1;
			*ip = ntohl(a.s_addr);
			return 0;
		}
		t += len + (t[len] == ',');
	}
	return 1;
}

static bool n_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int resolve(void *ctx, const char *name, uint32_t *ip)
{
	struct addrinfo hints, *res;
	int rc = from_table(name, ip);

	(void)ctx;
	if (rc <= 0)
		return rc;
	/* udhcpd's resolver in a SIGHUP's read after a name that failed */
	if (n_ends(name, ".notasked.test"))
		return CONF_NOT_ASKED;
	/* RFC 6761 names: only from the table, never asked for */
	if (n_ends(name, ".test") || n_ends(name, ".invalid"))
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	if (getaddrinfo(name, NULL, &hints, &res) != 0)
		return -1;
	*ip = ntohl(((const struct sockaddr_in *)(const void *)res->ai_addr)->sin_addr.s_addr);
	freeaddrinfo(res);
	return 0;
}

static int parse_isc(const char *path, bool no_resolve, bool no_read)
{
	struct conf_isc_io io = { no_read ? NULL : read_file, no_resolve ? NULL : resolve, NULL };
	struct server_config *cfg = xzalloc(sizeof(*cfg));
	struct udhcp_error err;
	struct conf_errors all;
	char *text = read_file(NULL, path);
	int rc = 0;

	if (!text)
		bb_perror_msg_and_die("can't read %s", path);
	udhcpd_config_defaults(cfg);
	if (conf_isc_parse_all(text, path, &io, cfg, &err, &all) < 0) {
		/* the first error is the list's first */
		if (all.count == 0 || strcmp(all.lines[0], err.msg) != 0)
			printf("PROBE FAILED: the first error is not the list's first\n");
		for (unsigned i = 0; i < all.count && i < CONF_ERRORS_MAX; i++)
			printf("error: %s\n", all.lines[i]);
		if (all.count > CONF_ERRORS_MAX)
			printf("error: ... and %u more errors\n", all.count - CONF_ERRORS_MAX);
		rc = 1;
	} else if (conf_dump(cfg, stdout) < 0) {
		bb_error_msg_and_die("out of memory");
	}
	conf_free(cfg);
	free(cfg);
	free(text);
	return rc;
}

static int parse_bb(const char *path, const char *iface)
{
	struct server_config *cfg = xzalloc(sizeof(*cfg));
	struct udhcp_error err;
	char *text = read_file(NULL, path), addr[20];
	const char *slash = strchr(iface, '/');
	struct in_addr a;
	unsigned bits = slash ? xatou(slash + 1) : 33;
	int rc = 0;

	if (!text)
		bb_perror_msg_and_die("can't read %s", path);
	if (!slash || bits < 1 || bits > 32 || (size_t)(slash - iface) >= sizeof(addr))
		bb_error_msg_and_die("bad interface address '%s'", iface);
	memcpy(addr, iface, (size_t)(slash - iface));
	addr[slash - iface] = '\0';
	if (inet_pton(AF_INET, addr, &a) != 1)
		bb_error_msg_and_die("bad interface address '%s'", iface);
	udhcpd_config_defaults(cfg);
	if (udhcpd_config_parse(text, path, cfg, &err) < 0) {
		printf("error: %s\n", err.msg);
		rc = 1;
	} else if (conf_bb_subnets(cfg, ntohl(a.s_addr), 0xffffffffu << (32 - bits)) < 0
		   || conf_check(cfg, path, &err) < 0) {
		printf("error: %s\n", err.msg);
		rc = 1;
	} else if (conf_dump(cfg, stdout) < 0) {
		bb_error_msg_and_die("out of memory");
	}
	conf_free(cfg);
	free(cfg);
	free(text);
	return rc;
}

static int list_options(void)
{
	const char *at = NULL;
	struct isc_optent o;

	while (isc_option_next(&at, &o))
		printf("%s %u %s\n", o.name, o.code, o.fmt);
	return 0;
}

int main(int argc, char **argv)
{
	bool no_resolve = false, no_read = false;
	char *text;

	applet_name = "conf_probe";
	if (ENABLE_FEATURE_UDHCPD_ISC_CONF && argc == 2 && strcmp(argv[1], "options") == 0)
		return list_options();
	if (argc == 4 && strcmp(argv[1], "bb") == 0)
		return parse_bb(argv[2], argv[3]);
	if (argc < 3)
		bb_error_msg_and_die("usage: conf_probe isc FILE [-n] [-N] | bb FILE IP/BITS | detect FILE");
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0)
			no_resolve = true;
		else if (strcmp(argv[i], "-N") == 0)
			no_read = true;
		else
			bb_error_msg_and_die("unknown flag '%s'", argv[i]);
	}
	if (strcmp(argv[1], "isc") == 0)
		return parse_isc(argv[2], no_resolve, no_read);
	if (strcmp(argv[1], "detect") == 0) {
		if (!(text = read_file(NULL, argv[2])))
			bb_perror_msg_and_die("can't read %s", argv[2]);
		printf("%s\n", conf_text_is_isc(text) ? "isc" : "busybox");
		free(text);
		return 0;
	}
	bb_error_msg_and_die("unknown command '%s'", argv[1]);
}
