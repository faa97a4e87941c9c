/*
 * leasefile.h: udhcpd's lease store on disk (leasefile.c), in the text
 * format of ISC dhcpd.leases so that people and existing tools
 * (dhcpd-pools, dhcp-lease-list, our dumpleases) can read it while the
 * server runs. An append-only journal, rewritten compactly now and then.
 */
#ifndef DHCPBOX_UDHCP_LEASEFILE_H
#define DHCPBOX_UDHCP_LEASEFILE_H

#include <stdio.h>

#include "server/leases.h"

#ifdef CONFIG_DHCPD_LEASES_FILE
#define UDHCPD_LEASE_FILE_DEFAULT CONFIG_DHCPD_LEASES_FILE
#else
#define UDHCPD_LEASE_FILE_DEFAULT "/var/lib/misc/udhcpd.leases"
#endif

struct lease_record {
	uint32_t ip;		/* host order */
	int64_t starts, ends;
	uint8_t state;		/* enum lease_state */
	uint8_t chaddr[6];
	bool has_chaddr;
	uint8_t uid[LEASE_KEY_MAX];
	unsigned uid_len;
	char hostname[64];
};

/*
 * Pure: every complete "lease A.B.C.D { ... }" block of text, in order;
 * a truncated last block is ignored and malformed ones are counted in
 * *bad and skipped. Returns the number of records passed to cb.
 */
unsigned leasefile_parse(const char *text, void (*cb)(const struct lease_record *, void *),
	void *ctx, unsigned *bad);
/* Pure: one record as a lease block. */
int leasefile_format(const struct lease_record *r, char *out, size_t cap);

/* I/O: append records (durable after leasefile_sync). */
int leasefile_append(int fd, const struct lease_record *r, size_t n);
/* I/O: what was appended is on disk (fdatasync): one call for many records. */
int leasefile_sync(int fd);
/* I/O: the whole table, written to a temp file, fsynced, renamed, the
 * directory fsynced. */
int leasefile_rewrite(const char *path, const struct lease_table *t);

void lease_to_record(const struct lease *l, struct lease_record *r);

#endif
