/*
 * clientlease.c: udhcpc's remembered lease, one small text file per
 * interface (STATE_DIR/IFACE.lease):
 *
 *	# udhcpc lease for eth0; delete it to forget the address
 *	ip=10.0.0.100
 *	mask=255.255.255.0
 *	serverid=10.0.0.1
 *	lease=3600
 *	obtained=1795000000
 *	mac=02:00:00:00:00:01
 *	clientid=0102000000000001
 *
 * mac and clientid are the identity the lease was given to; a memo
 * without them (an older udhcpc's) or for another identity is not used.
 */
#include "libbb.h"
#include "client/clientlease.h"
#include "codec/common.h"
#include "os/file.h"

#include <arpa/inet.h>

enum { SEEN_IP = 1, SEEN_LEASE = 2, SEEN_OBTAINED = 4, SEEN_MAC = 8, SEEN_CID = 16 };

/* Hex bytes, with optional ':' between them; their count, or -1. */
static int parse_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;

	while (*s) {
		int hi = udhcp_hex_digit(s[0]), lo = hi < 0 ? -1 : udhcp_hex_digit(s[1]);

		if (lo < 0 || n == cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (*s == ':' && s[1])
			s++;
	}
	return (int)n;
}

static int parse_ip(const char *value, uint32_t *nip)
{
	struct in_addr a;

	if (inet_pton(AF_INET, value, &a) != 1)
		return -1;
	*nip = a.s_addr;
	return 0;
}

static int parse_value(const char *key, size_t klen, const char *value,
	struct remembered_lease *l, unsigned *seen)
{
	unsigned v;
	int n;

#define KEY(k) (klen == sizeof(k) - 1 && memcmp(key, k, klen) == 0)
	if (KEY("ip") && parse_ip(value, &l->ip) == 0)
		*seen |= SEEN_IP;
	else if (KEY("serverid") && parse_ip(value, &l->server) == 0)
		;
	else if (KEY("mask") && parse_ip(value, &l->mask) == 0)
		;
	else if (KEY("lease") && bb_strtou(value, UINT32_MAX, &v) == 0)
		l->lease = v, *seen |= SEEN_LEASE;
	else if (KEY("obtained") && bb_strtou(value, UINT32_MAX, &v) == 0)
		l->obtained = v, *seen |= SEEN_OBTAINED;
	else if (KEY("mac") && parse_hex(value, l->mac, sizeof(l->mac)) == 6)
		*seen |= SEEN_MAC;
	else if (KEY("clientid") && (n = parse_hex(value, l->cid, sizeof(l->cid))) >= 0)
		l->cid_len = (size_t)n, *seen |= SEEN_CID;
	else
		return -1;
#undef KEY
	return 0;
}

int udhcp_lease_memo_parse(const char *text, struct remembered_lease *l)
{
	unsigned seen = 0;

	memset(l, 0, sizeof(*l));
	while (*text) {
		size_t n = strcspn(text, "\n");
		const char *eq = memchr(text, '=', n);
		char value[2 * MEMO_CID_MAX + MEMO_CID_MAX + 1];

		if (*text != '#' && n > 0) {
			if (!eq || (size_t)(text + n - eq - 1) >= sizeof(value))
				return -1;
			memcpy(value, eq + 1, (size_t)(text + n - eq - 1));
			value[text + n - eq - 1] = '\0';
			if (parse_value(text, (size_t)(eq - text), value, l, &seen) < 0)
				return -1;
		}
		text += n;
		text += *text == '\n';
	}
	/* without mac and clientid (an older udhcpc wrote it) it reads, but
	 * matches no identity */
	l->has_identity = (seen & (SEEN_MAC | SEEN_CID)) == (SEEN_MAC | SEEN_CID);
	return (seen & (SEEN_IP | SEEN_LEASE | SEEN_OBTAINED)) == (SEEN_IP | SEEN_LEASE | SEEN_OBTAINED)
		? 0 : -1;
}

char *udhcp_lease_memo_format(const char *ifname, const struct remembered_lease *l)
{
	char ip[INET_ADDRSTRLEN], server[INET_ADDRSTRLEN], mask[INET_ADDRSTRLEN];
	char cid[2 * MEMO_CID_MAX + 1];

	inet_ntop(AF_INET, &l->ip, ip, sizeof(ip));
	inet_ntop(AF_INET, &l->server, server, sizeof(server));
	inet_ntop(AF_INET, &l->mask, mask, sizeof(mask));
	for (size_t i = 0; i < l->cid_len && i < MEMO_CID_MAX; i++)
		snprintf(cid + 2 * i, 3, "%02x", l->cid[i]);
	cid[2 * (l->cid_len < MEMO_CID_MAX ? l->cid_len : MEMO_CID_MAX)] = '\0';
	return xasprintf("# udhcpc lease for %s; delete it to forget the address\n"
		"ip=%s\nmask=%s\nserverid=%s\nlease=%lu\nobtained=%lld\n"
		"mac=%02x:%02x:%02x:%02x:%02x:%02x\nclientid=%s\n",
		ifname, ip, mask, server, (unsigned long)l->lease, (long long)l->obtained,
		l->mac[0], l->mac[1], l->mac[2], l->mac[3], l->mac[4], l->mac[5], cid);
}

int udhcp_lease_memo_load(const char *path, struct remembered_lease *l)
{
	size_t len;
	char *text = os_file_read(path, &len);
	int r = text && strlen(text) == len ? udhcp_lease_memo_parse(text, l) : -1;

	free(text);
	return r;
}

struct memo_fill {
	const char *text;
	size_t at, len;
};

static int fill_memo(void *ctx, char *buf, size_t cap)
{
	struct memo_fill *f = ctx;
	size_t n = f->len - f->at < cap ? f->len - f->at : cap;

	memcpy(buf, f->text + f->at, n);
	f->at += n;
	return (int)n;
}

/* Durable like udhcpd's lease file: a crash leaves the old memo or the new. */
int udhcp_lease_memo_save(const char *path, const char *ifname, const struct remembered_lease *l)
{
	char *text = udhcp_lease_memo_format(ifname, l);
	struct memo_fill f = { text, 0, strlen(text) };
	int r = os_file_replace(path, fill_memo, &f);

	free(text);
	return r;	/* 1: written, the directory's fsync failed */
}

int udhcp_lease_memo_forget(const char *path)
{
	return os_file_remove(path);
}

char *udhcp_lease_memo_path(const char *dir, const char *ifname)
{
	if (!ENABLE_FEATURE_UDHCPC_REMEMBER_LEASE || !dir || !dir[0])
		return NULL;
	return xasprintf("%s/%s.lease", dir, ifname);
}

bool udhcp_lease_memo_start(const char *path, struct remembered_lease *l)
{
	return ENABLE_FEATURE_UDHCPC_REMEMBER_LEASE && path && udhcp_lease_memo_load(path, l) == 0;
}
