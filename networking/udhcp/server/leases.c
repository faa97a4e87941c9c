/*
 * leases.c: the lease table: a slot array with two chained hash indexes
 * (client identity, address) and a free-slot list, all O(1) on average. BusyBox scans its whole table for every
 * lookup and keys leases by MAC only; this keys them by client identifier
 * when the client sends one (RFC 2131 section 4.2, RFC 6842).
 */
#include "server/leases.h"

#include <stdlib.h>
#include <string.h>

static uint32_t hash_bytes(const uint8_t *p, unsigned len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (len--) {
		h ^= *p++;
		h *= 16777619u;
	}
	return h;
}

static uint32_t hash_ip(uint32_t ip)
{
	ip ^= ip >> 16;
	ip *= 0x7feb352du;
	ip ^= ip >> 15;
	return ip;
}

int lease_table_init(struct lease_table *t, unsigned capacity)
{
	memset(t, 0, sizeof(*t));
	if (capacity > LEASE_TABLE_MAX)
		return -1;
	t->nbuckets = 16;
	while (t->nbuckets < capacity * 2)
		t->nbuckets *= 2;
	t->capacity = capacity;
	t->leases = calloc(capacity ? capacity : 1, sizeof(*t->leases));
	/* buckets hold a slot's index + 1 (0: empty), so calloc's pages stay
	 * untouched until a lease hashes there */
	t->key_buckets = calloc(t->nbuckets, sizeof(int32_t));
	t->ip_buckets = calloc(t->nbuckets, sizeof(int32_t));
	if (!t->leases || !t->key_buckets || !t->ip_buckets) {
		lease_table_free(t);
		return -1;
	}
	/* no free list through every slot: writing it would make the whole
	 * table resident at start (11 MB for a /16), used or not */
	t->free_head = -1;
	t->fresh = 0;
	return 0;
}

int lease_table_grow(struct lease_table *t, unsigned capacity)
{
	struct lease_table bigger;

	if (capacity <= t->capacity)
		return 0;
	if (lease_table_init(&bigger, capacity) < 0)
		return -1;
	for (unsigned i = 0; i < t->capacity; i++) {
		const struct lease *l = &t->leases[i];
		struct lease *n;

		if (l->state == LEASE_FREE)
			continue;
		n = lease_add(&bigger, l->key, l->key_len, l->ip);
		n->state = l->state;
		n->starts = l->starts;
		n->expires = l->expires;
		memcpy(n->chaddr, l->chaddr, 6);
		memcpy(n->hostname, l->hostname, sizeof(n->hostname));
	}
	lease_table_free(t);
	*t = bigger;
	return 0;
}

void lease_table_free(struct lease_table *t)
{
	free(t->leases);
	free(t->key_buckets);
	free(t->ip_buckets);
	memset(t, 0, sizeof(*t));
}

struct lease *lease_by_key(const struct lease_table *t, const uint8_t *key, unsigned len)
{
	int32_t i = len ? t->key_buckets[hash_bytes(key, len) & (t->nbuckets - 1)] - 1 : -1;

	for (; i >= 0; i = t->leases[i].next_by_key) {
		struct lease *l = &t->leases[i];

		if (l->key_len == len && memcmp(l->key, key, len) == 0)
			return l;
	}
	return NULL;
}

struct lease *lease_by_ip(const struct lease_table *t, uint32_t ip)
{
	int32_t i = t->ip_buckets[hash_ip(ip) & (t->nbuckets - 1)] - 1;

	for (; i >= 0; i = t->leases[i].next_by_ip)
		if (t->leases[i].ip == ip)
			return &t->leases[i];
	return NULL;
}

static int32_t *next_of(struct lease_table *t, int32_t i, bool by_ip)
{
	return by_ip ? &t->leases[i].next_by_ip : &t->leases[i].next_by_key;
}

/* idx out of the chain that starts at *bucket (index + 1) */
static void unlink_chain(struct lease_table *t, int32_t *bucket, int32_t idx, bool by_ip)
{
	if (*bucket - 1 == idx) {
		*bucket = *next_of(t, idx, by_ip) + 1;
		return;
	}
	for (int32_t i = *bucket - 1; i >= 0; i = *next_of(t, i, by_ip)) {
		int32_t *p = next_of(t, i, by_ip);

		if (*p == idx) {
			*p = *next_of(t, idx, by_ip);
			return;
		}
	}
}

int lease_set_ip(struct lease_table *t, struct lease *l, uint32_t ip)
{
	int32_t idx = (int32_t)(l - t->leases);
	int32_t *head = &t->ip_buckets[hash_ip(l->ip) & (t->nbuckets - 1)];
	struct lease *there = lease_by_ip(t, ip);

	if (there == l)
		return 0;
	if (there)
		return -1;
	unlink_chain(t, head, idx, true);
	l->ip = ip;
	head = &t->ip_buckets[hash_ip(ip) & (t->nbuckets - 1)];
	l->next_by_ip = *head - 1;
	*head = idx + 1;
	return 0;
}

void lease_remove(struct lease_table *t, struct lease *l)
{
	int32_t idx = (int32_t)(l - t->leases);

	if (l->key_len)
		unlink_chain(t, &t->key_buckets[hash_bytes(l->key, l->key_len) & (t->nbuckets - 1)], idx, false);
	unlink_chain(t, &t->ip_buckets[hash_ip(l->ip) & (t->nbuckets - 1)], idx, true);
	memset(l, 0, sizeof(*l));
	l->next_by_key = t->free_head;
	t->free_head = idx;
	t->used--;
}

bool lease_is_live(const struct lease *l, int64_t now)
{
	return (l->state == LEASE_ACTIVE || l->state == LEASE_OFFERED || l->state == LEASE_DECLINED)
		&& l->expires > now;
}

struct lease *lease_add(struct lease_table *t, const uint8_t *key, unsigned len, uint32_t ip)
{
	int32_t idx = t->free_head >= 0 ? t->free_head : t->fresh < t->capacity ? (int32_t)t->fresh : -1;
	int32_t *head;
	struct lease *l;

	if (len > LEASE_KEY_MAX)
		len = LEASE_KEY_MAX;
	if (idx < 0 || lease_by_ip(t, ip) || (len && lease_by_key(t, key, len)))
		return NULL;
	l = &t->leases[idx];
	if (idx == t->free_head)
		t->free_head = l->next_by_key;
	else
		t->fresh++;
	memset(l, 0, sizeof(*l));
	if (len)
		memcpy(l->key, key, len);
	l->key_len = (uint8_t)len;
	l->ip = ip;
	l->state = LEASE_OFFERED;
	l->next_by_key = -1;
	if (len) {
		head = &t->key_buckets[hash_bytes(key, len) & (t->nbuckets - 1)];
		l->next_by_key = *head - 1;
		*head = idx + 1;
	}
	head = &t->ip_buckets[hash_ip(ip) & (t->nbuckets - 1)];
	l->next_by_ip = *head - 1;
	*head = idx + 1;
	t->used++;
	return l;
}
