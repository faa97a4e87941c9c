/*
 * clientlease.h: the lease udhcpc remembers per interface (clientlease.c),
 * so that after a restart it asks for the same address (RFC 2131 3.2,
 * INIT-REBOOT) instead of starting from scratch. The memo names the
 * identity it was leased to (MAC and client identifier): a memo written
 * for another identity is ignored.
 */
#ifndef DHCPBOX_UDHCP_CLIENTLEASE_H
#define DHCPBOX_UDHCP_CLIENTLEASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { MEMO_CID_MAX = 255 };

struct remembered_lease {
	uint32_t ip;		/* network order */
	uint32_t server;	/* network order */
	uint32_t mask;		/* network order; 0 when the server sent none */
	uint32_t lease;		/* seconds; 0xffffffff is infinite */
	int64_t obtained;	/* wall clock, seconds since the epoch */
	uint8_t mac[6];
	uint8_t cid[MEMO_CID_MAX];
	size_t cid_len;		/* 0: no client identifier was sent */
	bool has_identity;	/* mac and clientid were in the memo */
};

/* Text ("ip=... serverid=... lease=... obtained=... mac=...") to a lease: 0 or -1. */
int udhcp_lease_memo_parse(const char *text, struct remembered_lease *l);
/* The memo's text (malloc'd). */
char *udhcp_lease_memo_format(const char *ifname, const struct remembered_lease *l);
/* Through os/file.c: load, save durably (temp file, fsync, rename, directory
 * fsync: 0; 1 when only the directory's fsync failed; -1), forget. */
int udhcp_lease_memo_load(const char *path, struct remembered_lease *l);
int udhcp_lease_memo_save(const char *path, const char *ifname, const struct remembered_lease *l);
int udhcp_lease_memo_forget(const char *path);
/* The memo's path for interface ifname in directory dir (malloc'd): NULL
 * when dir is NULL or empty, or when the build remembers no lease
 * (FEATURE_UDHCPC_REMEMBER_LEASE off: the memo's code is then left out of
 * the link). What udhcpc and the client model both use. */
char *udhcp_lease_memo_path(const char *dir, const char *ifname);
/* The memo at path (NULL: none) when the build remembers leases: true and
 * *l filled, or false. */
bool udhcp_lease_memo_start(const char *path, struct remembered_lease *l);

#endif
