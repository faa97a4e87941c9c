/*
 * leases.h: udhcpd's lease table (leases.c, pure). Leases are found by
 * client identity (option 61, else htype+chaddr) and by address through
 * two hash indexes, in O(1) on average; a lease stays as the client's
 * memory after it expires, until its address is needed for someone else.
 */
#ifndef DHCPBOX_UDHCP_LEASES_H
#define DHCPBOX_UDHCP_LEASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lease_state {
	LEASE_FREE,		/* slot unused */
	LEASE_OFFERED,		/* reserved until expires (offer_time) */
	LEASE_ACTIVE,		/* acknowledged */
	LEASE_RELEASED,		/* given back; the client's next choice */
	LEASE_DECLINED,		/* in use by someone else until expires */
};

enum { LEASE_KEY_MAX = 64 };

/* The end of an infinite lease (and "ends never;" in the file). */
#define LEASE_NEVER INT64_MAX

/*
 * A table holds at most one lease per address and per key. key_len 0 is
 * a lease owned by no client (an address declined or found in use): no
 * client can send an empty identifier, so none can claim or clear it.
 */
/*
 * A slot is 64 bytes on a 64-bit machine: a /16's table fits a small
 * router. What most leases do not need is out of line (issue #14): a
 * client identifier longer than LEASE_KEY_INLINE (RFC 4361's DUIDs) and
 * the host name are malloc'd, owned by the slot and freed with it. Read
 * them through lease_key() and lease_hostname(); a copy of a lease that
 * must outlive a change (an ACK to put back) is a lease_snapshot.
 */
enum { LEASE_KEY_INLINE = 16, LEASE_HOSTNAME_MAX = 63 };

struct lease {
	uint32_t ip;		/* host byte order */
	int32_t next_by_key, next_by_ip;
	uint8_t key_len;
	uint8_t state;
	uint8_t chaddr[6];
	int64_t starts;		/* CLOCK_MONOTONIC seconds: last ACK */
	int64_t expires;	/* CLOCK_MONOTONIC seconds, or LEASE_NEVER */
	union {
		uint8_t inline_bytes[LEASE_KEY_INLINE];	/* key_len <= LEASE_KEY_INLINE */
		uint8_t *heap;	/* a longer key */
	} key;
	char *hostname;		/* NULL: none */
};

/* A lease by value, its key and host name copied: no pointer into the table. */
struct lease_snapshot {
	uint32_t ip;
	uint8_t key_len, state;
	uint8_t chaddr[6];
	int64_t starts, expires;
	uint8_t key[LEASE_KEY_MAX];
	char hostname[LEASE_HOSTNAME_MAX + 1];
};

static inline const uint8_t *lease_key(const struct lease *l)
{
	return l->key_len > LEASE_KEY_INLINE ? l->key.heap : l->key.inline_bytes;
}

static inline const char *lease_hostname(const struct lease *l)
{
	return l->hostname ? l->hostname : "";
}

/* The host name set (len bytes; 0: none). Out of memory: none, -1. */
int lease_set_hostname(struct lease *l, const char *name, size_t len);
void lease_snapshot_take(const struct lease *l, struct lease_snapshot *s);
/* Does the lease still have the snapshot's key? */
bool lease_same_key(const struct lease *l, const struct lease_snapshot *s);

struct lease_table {
	struct lease *leases;
	unsigned capacity, used;
	int32_t *key_buckets, *ip_buckets;	/* a slot's index + 1; 0: empty */
	unsigned nbuckets;	/* a power of two */
	int32_t free_head;	/* freed slots, chained through next_by_key */
	unsigned fresh;		/* slots from here on were never used: calloc's untouched pages */
};

/* -1 when out of memory or capacity is beyond LEASE_TABLE_MAX. */
enum { LEASE_TABLE_MAX = 1u << 24 };
int lease_table_init(struct lease_table *t, unsigned capacity);
void lease_table_free(struct lease_table *t);
/* The table made larger (a reload): the same leases, in new slots. -1
 * (t unchanged) when out of memory or over LEASE_TABLE_MAX. */
int lease_table_grow(struct lease_table *t, unsigned capacity);
struct lease *lease_by_key(const struct lease_table *t, const uint8_t *key, unsigned len);
struct lease *lease_by_ip(const struct lease_table *t, uint32_t ip);
/* A new lease; NULL when the table is full, or when ip or key already has
 * a lease (the caller removes a lease it may take over first). */
struct lease *lease_add(struct lease_table *t, const uint8_t *key, unsigned len, uint32_t ip);
/* The lease moved to ip; -1 (nothing changed) when ip has another lease. */
int lease_set_ip(struct lease_table *t, struct lease *l, uint32_t ip);
void lease_remove(struct lease_table *t, struct lease *l);
bool lease_is_live(const struct lease *l, int64_t now);

#endif
