/*
 * clientlease.c: udhcpc's remembered lease, one small text file per
 * interface (STATE_DIR/IFACE.lease):
 *
 *	# udhcpc lease for eth0; delete it to forget the address
 *	ip=10.0.0.100
 *	serverid=10.0.0.1
 *	lease=3600
 *	obtained=1795000000
 */
#include "libbb.h"
#include "client/clientlease.h"

#include <arpa/inet.h>
#include <fcntl.h>

static int parse_line(const char *line, struct remembered_lease *l, unsigned *seen)
{
	const char *eq = strchr(line, '=');
	char value[64];
	struct in_addr a;
	unsigned v;
	size_t n;

	if (!eq || (n = strcspn(eq + 1, "\n")) >= sizeof(value))
		return -1;
	memcpy(value, eq + 1, n);
	value[n] = '\0';
	if (strncmp(line, "ip=", 3) == 0 && inet_pton(AF_INET, value, &a) == 1) {
		l->ip = a.s_addr;
		*seen |= 1;
	} else if (strncmp(line, "serverid=", 9) == 0 && inet_pton(AF_INET, value, &a) == 1) {
		l->server = a.s_addr;
	} else if (strncmp(line, "lease=", 6) == 0 && bb_strtou(value, UINT32_MAX, &v) == 0) {
		l->lease = v;
		*seen |= 2;
	} else if (strncmp(line, "obtained=", 9) == 0 && bb_strtou(value, UINT32_MAX, &v) == 0) {
		l->obtained = v;
		*seen |= 4;
	} else {
		return -1;
	}
	return 0;
}

int udhcp_lease_memo_parse(const char *text, struct remembered_lease *l)
{
	unsigned seen = 0;

	memset(l, 0, sizeof(*l));
	while (*text) {
		if (*text != '#' && *text != '\n' && parse_line(text, l, &seen) < 0)
			return -1;
		text += strcspn(text, "\n");
		text += *text == '\n';
	}
	return seen == 7 ? 0 : -1;
}

int udhcp_lease_memo_load(const char *path, struct remembered_lease *l)
{
	char *text = bb_read_text_file(path);
	int r = text ? udhcp_lease_memo_parse(text, l) : -1;

	free(text);
	return r;
}

int udhcp_lease_memo_save(const char *path, const char *ifname, const struct remembered_lease *l)
{
	char ip[INET_ADDRSTRLEN], server[INET_ADDRSTRLEN];
	char *tmp = xasprintf("%s.tmp", path);
	char *text;
	int fd, r = -1;

	inet_ntop(AF_INET, &l->ip, ip, sizeof(ip));
	inet_ntop(AF_INET, &l->server, server, sizeof(server));
	text = xasprintf("# udhcpc lease for %s; delete it to forget the address\n"
		"ip=%s\nserverid=%s\nlease=%lu\nobtained=%lld\n",
		ifname, ip, server, (unsigned long)l->lease, (long long)l->obtained);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		r = full_write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
		if (close(fd) < 0 || r < 0 || rename(tmp, path) < 0)
			r = -1;
	}
	if (r < 0)
		unlink(tmp);
	free(tmp);
	free(text);
	return r;
}
