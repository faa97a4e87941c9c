/*
 * clientlease.h: the lease udhcpc remembers per interface (clientlease.c),
 * so that after a restart it asks for the same address (RFC 2131 3.2,
 * INIT-REBOOT) instead of starting from scratch.
 */
#ifndef DHCPBOX_UDHCP_CLIENTLEASE_H
#define DHCPBOX_UDHCP_CLIENTLEASE_H

#include <stdint.h>

struct remembered_lease {
	uint32_t ip;		/* network order */
	uint32_t server;	/* network order */
	uint32_t lease;		/* seconds; 0xffffffff is infinite */
	int64_t obtained;	/* wall clock, seconds since the epoch */
};

/* Text ("ip=... serverid=... lease=... obtained=...") to a lease: 0 or -1. */
int udhcp_lease_memo_parse(const char *text, struct remembered_lease *l);
int udhcp_lease_memo_load(const char *path, struct remembered_lease *l);
/* Written to a temp file, then renamed over path: never half a file. */
int udhcp_lease_memo_save(const char *path, const char *ifname, const struct remembered_lease *l);

#endif
