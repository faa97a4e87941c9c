/*
 * pool.h: how udhcpd finds a free address (pool.c, pure), in O(1)
 * amortized per request instead of a scan of the pool: each range has a
 * cursor over the addresses never handed out in this run (each address is
 * passed once in the server's life), then a min-heap of leases by expiry,
 * so the address to reclaim is the one whose lease ended longest ago.
 * Addresses that lost their lease altogether (it moved, was released by a
 * reload, found no slot) wait on a list of their own: reusing them frees
 * no table slot, reclaiming an ended lease does. Both are hints: the
 * server says whether one is still current.
 */
#ifndef DHCPBOX_UDHCP_POOL_H
#define DHCPBOX_UDHCP_POOL_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A hint is 8 bytes, not 16: a /16's heap is half a MiB smaller (issue
 * #14's 8 MiB). Its expiry is pool_expiry() of the lease's end: seconds
 * from the pool's base (CLOCK_MONOTONIC when the pool was made), so 68
 * years either side of it are exact whatever the clock's origin (a time
 * namespace may start it anywhere); later ends, LEASE_NEVER among them,
 * saturate, and prune() drops the duplicates that makes.
 */
struct pool_hint {
	uint32_t ip;		/* host order */
	int32_t expiry;		/* pool_expiry(pool, the lease's end) */
};

struct pool_range {
	uint32_t start, end;	/* host order, inclusive */
	uint64_t fresh;		/* offset of the next never-used candidate */
	struct pool_hint *heap;
	unsigned nheap, cap;
	uint32_t *freed;	/* addresses without a lease, most recent last */
	unsigned nfreed, freed_cap;
};

struct addr_pool {
	struct pool_range *range;
	unsigned n;
	int64_t base;		/* CLOCK_MONOTONIC seconds: expiry 0 */
};

static inline int32_t pool_expiry(const struct addr_pool *p, int64_t t)
{
	/* the distance in unsigned arithmetic: no base or t can overflow it */
	if (t >= p->base)
		return (uint64_t)t - (uint64_t)p->base >= INT32_MAX ? INT32_MAX
			: (int32_t)((uint64_t)t - (uint64_t)p->base);
	return (uint64_t)p->base - (uint64_t)t >= (uint64_t)INT32_MAX + 1 ? INT32_MIN
		: (int32_t)-(int64_t)((uint64_t)p->base - (uint64_t)t);
}

/*
 * The server's view of an address: may it be handed out now (is_free: no
 * live lease), has it no lease at all (is_unused: free and nobody's
 * memory), and is a hint (ip, expiry) the lease's current end (expiry
 * is pool_expiry() of it, for the pool in ctx).
 */
struct pool_view {
	bool (*is_free)(void *ctx, uint32_t ip);
	bool (*is_unused)(void *ctx, uint32_t ip);
	bool (*is_current)(void *ctx, uint32_t ip, int32_t expiry);
	void *ctx;
};

/* base: now (CLOCK_MONOTONIC seconds), the hints' origin */
int pool_init(struct addr_pool *p, const uint32_t (*ranges)[2], unsigned n, int64_t base);
void pool_free(struct addr_pool *p);
/* The range holding ip, or -1. */
int pool_range_of(const struct addr_pool *p, uint32_t ip);
/* A lease on ip now ends at expires (-1 when out of memory: hint lost). */
int pool_note(struct addr_pool *p, uint32_t ip, int64_t expires, const struct pool_view *v);
/* The next never-used address of range i that is unused, or 0. */
uint32_t pool_take_fresh(struct addr_pool *p, unsigned i, const struct pool_view *v);
/*
 * The address of range i whose current lease ended first, if it ended at
 * or before now and is free (is_free), or 0. The hint is consumed.
 */
uint32_t pool_take_expired(struct addr_pool *p, unsigned i, int64_t now, const struct pool_view *v);
/* ip has no lease any more (-1 when out of memory: hint lost). */
int pool_note_free(struct addr_pool *p, uint32_t ip, const struct pool_view *v);
/* An address of range i noted free that is still unused, or 0. */
uint32_t pool_take_freed(struct addr_pool *p, unsigned i, const struct pool_view *v);
/* Free addresses never used in range i remain (a hint: some may be taken). */
bool pool_has_fresh(const struct addr_pool *p, unsigned i);
/* For tests (the model's "nothing leaks"): will the allocator find ip
 * again, ahead of its range's cursor or through a current hint? */
bool pool_findable(const struct addr_pool *p, uint32_t ip, const struct pool_view *v);

#endif
