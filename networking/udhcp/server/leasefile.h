/*
 * leasefile.h: udhcpd's lease store on disk (leasefile.c, pure), in the
 * text format of ISC dhcpd.leases so that people and existing tools
 * (dhcpd-pools, dhcp-lease-list, our dumpleases) can read it while the
 * server runs. An append-only journal, rewritten compactly now and then;
 * the server's journal.c does the I/O through os/file.c.
 */
#ifndef DHCPBOX_UDHCP_LEASEFILE_H
#define DHCPBOX_UDHCP_LEASEFILE_H

#include <stddef.h>

#include "server/leases.h"

#ifdef CONFIG_DHCPD_LEASES_FILE
#define UDHCPD_LEASE_FILE_DEFAULT CONFIG_DHCPD_LEASES_FILE
#else
#define UDHCPD_LEASE_FILE_DEFAULT "/var/lib/misc/udhcpd.leases"
#endif

/* One lease block; times are wall-clock seconds since the epoch (UTC),
 * LEASE_NEVER for an infinite lease ("ends never;"). */
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
 * Every complete "lease A.B.C.D { ... }" block of text, in order. Quoted
 * strings may hold any byte ('}' and ';' included). A block cut short (a
 * partial append: the next "lease" line comes before its '}') is counted
 * in *bad and reading resumes at the next block; a truncated last block
 * is ignored. Returns the number of records passed to cb.
 */
unsigned leasefile_parse(const char *text, void (*cb)(const struct lease_record *, void *),
	void *ctx, unsigned *bad);
/* One record as a lease block: its length, or -1 when cap is under
 * LEASEFILE_RECORD_MAX (the longest block, escapes included, fits in it). */
enum { LEASEFILE_RECORD_MAX = 1024 };
int leasefile_format(const struct lease_record *r, char *out, size_t cap);
/* The header that starts a rewritten file. */
extern const char leasefile_header[];

/* Seconds since the epoch as "W YYYY/MM/DD HH:MM:SS" and back, for any
 * 64-bit time (not limited by time_t or 2038). */
void leasefile_civil(int64_t t, char out[48]);
int leasefile_parse_civil(const char *s, int64_t *t);

#endif
