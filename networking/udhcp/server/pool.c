/*
 * pool.c: free-address choice for udhcpd (see pool.h). BusyBox walks the
 * whole pool for every DISCOVER and scans its lease table for the oldest
 * expired lease; here both are amortized O(1) and O(log n).
 */
#include "server/pool.h"

#include <stdlib.h>
#include <string.h>

int pool_init(struct addr_pool *p, const uint32_t (*ranges)[2], unsigned n, int64_t base)
{
	memset(p, 0, sizeof(*p));
	p->base = base;
	p->range = calloc(n ? n : 1, sizeof(*p->range));
	if (!p->range)
		return -1;
	p->n = n;
	for (unsigned i = 0; i < n; i++) {
		p->range[i].start = ranges[i][0];
		p->range[i].end = ranges[i][1];
	}
	return 0;
}

void pool_free(struct addr_pool *p)
{
	for (unsigned i = 0; i < p->n; i++) {
		free(p->range[i].heap);
		free(p->range[i].freed);
	}
	free(p->range);
	memset(p, 0, sizeof(*p));
}

int pool_range_of(const struct addr_pool *p, uint32_t ip)
{
	for (unsigned i = 0; i < p->n; i++)
		if (ip >= p->range[i].start && ip <= p->range[i].end)
			return (int)i;
	return -1;
}

static bool earlier(const struct pool_hint *a, const struct pool_hint *b)
{
	return a->expiry < b->expiry || (a->expiry == b->expiry && a->ip < b->ip);
}

static void sift_up(struct pool_hint *h, unsigned i)
{
	while (i > 0 && earlier(&h[i], &h[(i - 1) / 2])) {
		struct pool_hint t = h[i];

		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static void sift_down(struct pool_hint *h, unsigned n, unsigned i)
{
	for (;;) {
		unsigned l = 2 * i + 1, m = i;

		if (l < n && earlier(&h[l], &h[m]))
			m = l;
		if (l + 1 < n && earlier(&h[l + 1], &h[m]))
			m = l + 1;
		if (m == i)
			return;
		struct pool_hint t = h[i];

		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void pop(struct pool_range *r)
{
	r->heap[0] = r->heap[--r->nheap];
	sift_down(r->heap, r->nheap, 0);
}

static int by_ip_expiry(const void *a, const void *b)
{
	const struct pool_hint *x = a, *y = b;

	if (x->ip != y->ip)
		return x->ip < y->ip ? -1 : 1;
	return (x->expiry > y->expiry) - (x->expiry < y->expiry);
}

/* Drops the hints that are no longer current, and the copies of one that
 * is (renewals of leases whose ends saturate leave equal hints, each
 * current); rebuilds the heap. */
static void prune(struct pool_range *r, const struct pool_view *v)
{
	unsigned n = 0, kept = 0;

	for (unsigned i = 0; i < r->nheap; i++)
		if (v->is_current(v->ctx, r->heap[i].ip, r->heap[i].expiry))
			r->heap[n++] = r->heap[i];
	if (n > 1)	/* the first note finds no heap yet: qsort may not take NULL */
		qsort(r->heap, n, sizeof(*r->heap), by_ip_expiry);
	for (unsigned i = 0; i < n; i++)
		if (kept == 0 || by_ip_expiry(&r->heap[kept - 1], &r->heap[i]) != 0)
			r->heap[kept++] = r->heap[i];
	n = kept;
	r->nheap = n;
	for (unsigned i = n / 2; i-- > 0;)
		sift_down(r->heap, n, i);
}

/* A full heap is pruned first: renewals leave stale hints behind, and
 * growing only when half of it is current keeps pruning amortized O(1). */
int pool_note(struct addr_pool *p, uint32_t ip, int64_t expires, const struct pool_view *v)
{
	int i = pool_range_of(p, ip);
	struct pool_range *r;

	if (i < 0)
		return 0;
	r = &p->range[i];
	if (r->nheap == r->cap) {
		prune(r, v);
		if (r->nheap >= r->cap / 2) {
			unsigned cap = r->cap ? r->cap * 2 : 64;
			struct pool_hint *h = realloc(r->heap, cap * sizeof(*h));

			if (!h)
				return -1;
			r->heap = h;
			r->cap = cap;
		}
	}
	r->heap[r->nheap] = (struct pool_hint){ ip, pool_expiry(p, expires) };
	sift_up(r->heap, r->nheap++);
	return 0;
}

/* A full list keeps only its current entries; it grows when half are. */
int pool_note_free(struct addr_pool *p, uint32_t ip, const struct pool_view *v)
{
	int i = pool_range_of(p, ip);
	struct pool_range *r;

	if (i < 0)
		return 0;
	r = &p->range[i];
	if (r->nfreed == r->freed_cap) {
		unsigned n = 0;

		for (unsigned k = 0; k < r->nfreed; k++)
			if (v->is_unused(v->ctx, r->freed[k]))
				r->freed[n++] = r->freed[k];
		r->nfreed = n;
		if (n >= r->freed_cap / 2) {
			unsigned cap = r->freed_cap ? r->freed_cap * 2 : 16;
			uint32_t *f = realloc(r->freed, cap * sizeof(*f));

			if (!f)
				return -1;
			r->freed = f;
			r->freed_cap = cap;
		}
	}
	r->freed[r->nfreed++] = ip;
	return 0;
}

uint32_t pool_take_freed(struct addr_pool *p, unsigned i, const struct pool_view *v)
{
	struct pool_range *r = &p->range[i];

	while (r->nfreed > 0) {
		uint32_t ip = r->freed[--r->nfreed];

		if (v->is_unused(v->ctx, ip))
			return ip;
	}
	return 0;
}

uint32_t pool_take_fresh(struct addr_pool *p, unsigned i, const struct pool_view *v)
{
	struct pool_range *r = &p->range[i];

	while (r->fresh <= (uint64_t)r->end - r->start) {
		uint32_t ip = r->start + (uint32_t)r->fresh++;

		if (v->is_unused(v->ctx, ip))
			return ip;
	}
	return 0;
}

bool pool_has_fresh(const struct addr_pool *p, unsigned i)
{
	return p->range[i].fresh <= (uint64_t)p->range[i].end - p->range[i].start;
}

uint32_t pool_take_expired(struct addr_pool *p, unsigned i, int64_t now, const struct pool_view *v)
{
	struct pool_range *r = &p->range[i];

	while (r->nheap > 0) {
		struct pool_hint top = r->heap[0];

		if (!v->is_current(v->ctx, top.ip, top.expiry)) {
			pop(r);
			continue;
		}
		if (top.expiry > pool_expiry(p, now))
			return 0;	/* the earliest current lease is still running */
		pop(r);
		if (v->is_free(v->ctx, top.ip))
			return top.ip;
	}
	return 0;
}

bool pool_findable(const struct addr_pool *p, uint32_t ip, const struct pool_view *v)
{
	int i = pool_range_of(p, ip);
	const struct pool_range *r;

	if (i < 0)
		return false;
	r = &p->range[i];
	if (ip - r->start >= r->fresh)
		return true;
	for (unsigned k = 0; k < r->nheap; k++)
		if (r->heap[k].ip == ip && v->is_current(v->ctx, ip, r->heap[k].expiry))
			return true;
	for (unsigned k = 0; k < r->nfreed; k++)
		if (r->freed[k] == ip && v->is_unused(v->ctx, ip))
			return true;
	return false;
}
