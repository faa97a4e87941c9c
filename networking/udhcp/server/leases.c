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
	/* a bucket per slot or more (chains of one on average when full):
	 * twice that costs a /16 another MiB for nothing the fsync would show */
	t->nbuckets = 16;
	while (t->nbuckets < capacity)
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
		n = lease_add(&bigger, lease_key(l), l->key_len, l->ip);
		if (!n) {	/* a long key's copy found no memory */
			lease_table_free(&bigger);
			return -1;
		}
		n->state = l->state;
		n->starts = l->starts;
		n->expires = l->expires;
		memcpy(n->chaddr, l->chaddr, 6);
	}
	/* the host names move, not copied: none can fail now */
	for (unsigned i = 0; i < t->capacity; i++) {
		struct lease *l = &t->leases[i];

		if (l->state != LEASE_FREE && l->hostname) {
			lease_by_ip(&bigger, l->ip)->hostname = l->hostname;
			l->hostname = NULL;
		}
	}
	lease_table_free(t);
	*t = bigger;
	return 0;
}

static void free_out_of_line(struct lease *l)
{
	if (l->key_len > LEASE_KEY_INLINE)
		free(l->key.heap);
	free(l->hostname);
}

void lease_table_free(struct lease_table *t)
{
	for (unsigned i = 0; t->leases && i < t->fresh; i++)
		if (t->leases[i].state != LEASE_FREE)
			free_out_of_line(&t->leases[i]);
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

		if (l->key_len == len && memcmp(lease_key(l), key, len) == 0)
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
		unlink_chain(t, &t->key_buckets[hash_bytes(lease_key(l), l->key_len) & (t->nbuckets - 1)], idx, false);
	unlink_chain(t, &t->ip_buckets[hash_ip(l->ip) & (t->nbuckets - 1)], idx, true);
	free_out_of_line(l);
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
	uint8_t *long_key = NULL;

	if (len > LEASE_KEY_MAX)
		len = LEASE_KEY_MAX;

	if (idx < 0 || lease_by_ip(t, ip) || (len && lease_by_key(t, key, len)))
		return NULL;
	if (len > LEASE_KEY_INLINE && !(long_key = malloc(len)))
		return NULL;
	l = &t->leases[idx];
	if (idx == t->free_head)
		t->free_head = l->next_by_key;
	else
		t->fresh++;
	memset(l, 0, sizeof(*l));
	if (long_key)
		l->key.heap = long_key;
	if (len)
		memcpy(long_key ? long_key : l->key.inline_bytes, key, len);
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

int lease_set_hostname(struct lease *l, const char *name, size_t len)
{
	char *copy = NULL;

	if (len > LEASE_HOSTNAME_MAX)
		len = LEASE_HOSTNAME_MAX;
	if (len && !(copy = malloc(len + 1))) {
		free(l->hostname);
		l->hostname = NULL;
		return -1;
	}
	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
	}
	free(l->hostname);
	l->hostname = copy;
	return 0;
}

void lease_snapshot_take(const struct lease *l, struct lease_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->ip = l->ip;
	s->key_len = l->key_len;
	s->state = l->state;
	memcpy(s->chaddr, l->chaddr, 6);
	s->starts = l->starts;
	s->expires = l->expires;
	memcpy(s->key, lease_key(l), l->key_len);
	strcpy(s->hostname, lease_hostname(l));
}

bool lease_same_key(const struct lease *l, const struct lease_snapshot *s)
{
	return l->key_len == s->key_len && memcmp(lease_key(l), s->key, s->key_len) == 0;
}
