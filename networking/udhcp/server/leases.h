/*
 * leases.h: udhcpd's lease table (leases.c, pure). Leases are found by
 * client identity (option 61, else htype+chaddr) and by address through
 * two hash indexes, in O(1) on average; a lease stays as the client's
 * memory after it expires, until its address is needed for someone else.
 */
#ifndef DHCPBOX_UDHCP_LEASES_H
#define DHCPBOX_UDHCP_LEASES_H

#include <stdbool.h>
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
struct lease {
	uint8_t key[LEASE_KEY_MAX];
	uint8_t key_len;
	uint8_t state;
	uint8_t chaddr[6];
	uint32_t ip;		/* host byte order */
	int64_t starts;		/* CLOCK_MONOTONIC seconds: last ACK */
	int64_t expires;	/* CLOCK_MONOTONIC seconds, or LEASE_NEVER */
	char hostname[64];
	int32_t next_by_key, next_by_ip;
};

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
