/*
 * server.c: udhcpd's state: start (the table, the journal read back), a
 * new configuration (SIGHUP), and the pool's view of the lease table.
 * No socket and no file here: journal.c and os/ do the I/O, loop.c the
 * poll loop, so the model test drives this code with a fake os/.
 */
#include "libbb.h"
#include "os/clock.h"
#include "os/file.h"
#include "server/server.h"

#include <arpa/inet.h>

void server_use_link(struct server_state *s, unsigned i)
{
	const struct server_link *l;

	if (i >= s->nlinks)
		return;		/* the model test: one link, in s itself */
	l = &s->links[i];
	s->cur = i;
	s->server_nip = l->nip;
	s->netmask = l->netmask;
	s->fd = l->fd;
	s->arp_fd = l->arp_fd;
	s->ifindex = l->ifindex;
	memcpy(s->mac, l->mac, 6);
}

int64_t server_now(void)
{
	return os_mono_ms() / 1000;
}

int64_t server_now_ms(void)
{
	return os_mono_ms();
}

const char *server_ip_str(uint32_t host_order)
{
	return udhcp_ip_str(htonl(host_order));
}

const char *server_mac_str(const uint8_t *mac)
{
	static char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* ---- The pool's view of the lease table ----------------------------------- */

static bool view_is_free(void *ctx, uint32_t ip)
{
	const struct server_state *s = ctx;

	return server_ip_usable(s, ip) && !probe_holds(s, ip);
}

static bool view_is_unused(void *ctx, uint32_t ip)
{
	const struct server_state *s = ctx;

	return !lease_by_ip(&s->leases, ip) && view_is_free(ctx, ip);
}

static bool view_is_current(void *ctx, uint32_t ip, int32_t expiry)
{
	const struct server_state *s = ctx;
	const struct lease *l = lease_by_ip(&s->leases, ip);

	return l && pool_expiry(&s->pool, l->expires) == expiry;
}

void server_note_lease(struct server_state *s, const struct lease *l)
{
	if (pool_note(&s->pool, l->ip, l->expires, &s->view) < 0)
		bb_error_msg("out of memory: %s is reclaimed after a restart only", server_ip_str(l->ip));
}

/* An address that lost its lease is free at once: without this hint the
 * allocator, whose cursor passed it long ago, would never find it again. */
void server_note_unleased(struct server_state *s, uint32_t ip)
{
	if (pool_note_free(&s->pool, ip, &s->view) < 0)
		bb_error_msg("out of memory: %s is reclaimed after a restart only", server_ip_str(ip));
}

void server_forget(struct server_state *s, struct lease *l)
{
	uint32_t ip = l->ip;

	lease_remove(&s->leases, l);
	server_note_unleased(s, ip);
}

int server_move(struct server_state *s, struct lease *l, uint32_t ip)
{
	uint32_t old = l->ip;

	if (old == ip)
		return 0;
	if (lease_set_ip(&s->leases, l, ip) < 0)
		return -1;
	server_note_unleased(s, old);
	return 0;
}

bool server_dynamic_room(const struct server_state *s)
{
	return s->leases.used + s->cfg.nstatics < s->leases.capacity;
}

bool server_free_a_slot(struct server_state *s)
{
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		uint32_t ip;

		if ((ip = pool_take_expired(&s->pool, i, s->now, &s->view)) != 0) {
			server_forget(s, lease_by_ip(&s->leases, ip));	/* the hint was current: it has one */
			return true;
		}
	}
	/* an ended lease outside today's ranges (a reload moved them) */
	for (unsigned i = 0; i < s->leases.capacity; i++) {
		struct lease *l = &s->leases.leases[i];

		if (l->state != LEASE_FREE && !lease_is_live(l, s->now) && pool_range_of(&s->pool, l->ip) < 0) {
			lease_remove(&s->leases, l);
			return true;
		}
	}
	return false;
}

/* The pool from the configured ranges and the leases (start, SIGHUP). */
int server_pool_reset(struct server_state *s)
{
	uint32_t (*ranges)[2] = calloc(s->cfg.nranges + 1, sizeof(*ranges));
	int r;

	if (!ranges)
		return -1;
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		ranges[i][0] = s->cfg.ranges[i].start;
		ranges[i][1] = s->cfg.ranges[i].end;
	}
	pool_free(&s->pool);
	probe_reset(s);
	s->view = (struct pool_view){ view_is_free, view_is_unused, view_is_current, s };
	r = pool_init(&s->pool, (const uint32_t (*)[2])ranges, s->cfg.nranges, server_now());
	free(ranges);
	if (r < 0)
		return -1;
	for (unsigned i = 0; i < s->leases.capacity; i++)
		if (s->leases.leases[i].state != LEASE_FREE)
			server_note_lease(s, &s->leases.leases[i]);
	return 0;
}

/* ---- Start and reload ------------------------------------------------------------ */

/*
 * The subnets of a udhcpd.conf from our interface (conf_bb_subnets). A
 * range is served to the link whose subnet holds it: ours, or a relay's
 * (giaddr). One that crosses a subnet boundary cannot be reached as a
 * whole from any link, so it is refused rather than half served. An ISC
 * file must declare the subnet of the interface it serves.
 */
int server_check_ranges(const struct server_state *s, struct server_config *cfg)
{
	if (conf_bb_subnets(cfg, ntohl(s->server_nip), ntohl(s->netmask)) < 0 || conf_index(cfg) < 0) {
		bb_error_msg("out of memory");
		return -1;
	}
	for (unsigned i = 0; i < cfg->nranges; i++) {
		const struct conf_range *r = &cfg->ranges[i];
		uint32_t mask = r->subnet->mask;

		if ((r->start & mask) != (r->end & mask)) {
			bb_error_msg("range %s - %s spans more than one subnet of netmask %s:"
				" no link can reach all of it", server_ip_str(r->start), server_ip_str(r->end),
				server_ip_str(mask));
			return -1;
		}
	}
	for (unsigned i = 0; cfg->isc && i < (s->nlinks ? s->nlinks : 1); i++) {
		uint32_t nip = s->nlinks ? s->links[i].nip : s->server_nip;

		if (!conf_subnet_of(cfg, ntohl(nip))) {
			bb_error_msg("no subnet declaration for %s (%s): declare its subnet, even empty",
				s->nlinks ? s->links[i].name : cfg->interface, server_ip_str(ntohl(nip)));
			return -1;
		}
	}
	return 0;
}

/* The link (an interface we serve) that range r is on, or NULL: relayed. */
static const char *range_link(const struct server_state *s, const struct conf_range *r)
{
	for (unsigned i = 0; i < s->nlinks; i++)
		if (conf_same_link(r->subnet, conf_subnet_of(&s->cfg, ntohl(s->links[i].nip))))
			return s->links[i].name;
	if (conf_same_link(r->subnet, conf_subnet_of(&s->cfg, ntohl(s->server_nip))))
		return s->cfg.interface;
	return NULL;
}

static void log_ranges(const struct server_state *s)
{
	for (unsigned i = 0; i < s->cfg.nranges; i++) {
		const struct conf_range *r = &s->cfg.ranges[i];
		const char *link = range_link(s, r);

		if (link)
			bb_info_msg("serving %s - %s on %s", server_ip_str(r->start), server_ip_str(r->end), link);
		else
			bb_info_msg("serving %s - %s to relayed requests from its subnet only (giaddr)",
				server_ip_str(r->start), server_ip_str(r->end));
	}
}

/* A fixed address is its owner's: another client's lease on it ends
 * (that client is NAKed at its next renewal). */
/* Could l be h's own lease? By its MAC or client identifier; a host
 * named by a relay's port (option 82) is whoever holds it. */
static bool host_may_own(const struct conf_host *h, const struct lease *l)
{
	if (h->has_mac)
		return memcmp(l->chaddr, h->mac, 6) == 0;
	if (h->uid_len)
		return l->key_len == h->uid_len && memcmp(lease_key(l), h->uid, h->uid_len) == 0;
	return h->agent_sub != 0;
}

static void evict_from_statics(struct server_state *s)
{
	for (unsigned i = 0; i < s->cfg.nhosts; i++) {
		const struct conf_host *h = s->cfg.hosts[i];

		for (unsigned j = 0; j < h->nfixed; j++) {
			struct lease *l = lease_by_ip(&s->leases, h->fixed[j]);

			if (l && (l->key_len == 0 || !host_may_own(h, l))) {
				bb_info_msg("%s is now fixed for host %s: another client's lease on it ends",
					server_ip_str(l->ip), h->name[0] ? h->name : server_mac_str(h->mac));
				server_forget(s, l);
			}
		}
	}
}

/* The table for cfg: max_leases (or the pool, if smaller), the static
 * hosts, some room; at least the leases there are (a reload). */
static uint64_t table_size(const struct server_config *cfg, unsigned leases)
{
	uint64_t pool = 0;

	for (unsigned i = 0; i < cfg->nranges; i++)
		pool += cfg->ranges[i].end - cfg->ranges[i].start + 1ull;
	if (pool > cfg->max_leases)
		pool = cfg->max_leases;
	if (pool < leases)
		pool = leases;
	return pool + cfg->nstatics + 16;
}

/* Leases outside every range are kept until they end (a range typed wrong
 * and fixed must not lose them), then dropped: nothing else reclaims them. */
static void drop_ended_outside(struct server_state *s)
{
	for (unsigned i = 0; i < s->leases.capacity; i++) {
		struct lease *l = &s->leases.leases[i];

		if (l->state != LEASE_FREE && !lease_is_live(l, s->now)
		    && pool_range_of(&s->pool, l->ip) < 0)
			lease_remove(&s->leases, l);
	}
}

/*
 * The table holds max_leases (or the pool, if smaller), the static hosts
 * and some room; and at least every lease of the file, so that a smaller
 * max_leases never drops a lease that was ACKed.
 */
int server_start(struct server_state *s)
{
	unsigned addresses;
	uint64_t want;
	char *text;

	/* every failure ends in server_stop: s->cfg is freed with the rest */
	s->journal_fd = -1;
	s->now = server_now();
	/* on the heap, not in the state: every process of the binary maps its
	 * BSS, and calloc's fresh pages stay unmapped until a probe or a held
	 * ACK uses them */
	s->held = calloc(HELD_MAX, sizeof(*s->held));
	s->pending = calloc(PENDING_MAX, sizeof(*s->pending));
	if (!s->held || !s->pending) {
		bb_error_msg("out of memory");
		server_stop(s);
		return -1;
	}
	if (server_check_ranges(s, &s->cfg) < 0) {
		server_stop(s);
		return -1;
	}
	errno = 0;
	text = server_read_leases(s, &addresses);
	if (!text && errno != ENOENT) {
		/* starting empty would rewrite the file empty: every lease lost */
		bb_perror_msg("can't read %s: not starting", s->cfg.lease_file);
		server_stop(s);
		return -1;
	}
	want = table_size(&s->cfg, addresses);
	if (want > LEASE_TABLE_MAX || lease_table_init(&s->leases, (unsigned)want) < 0
	    || server_pool_reset(s) < 0) {
		bb_error_msg("out of memory for %llu leases", (unsigned long long)want);
		free(text);
		server_stop(s);
		return -1;
	}
	server_load_leases(s, text);
	evict_from_statics(s);
	if (server_pool_reset(s) < 0) {
		bb_error_msg("out of memory");
		server_stop(s);
		return -1;
	}
	drop_ended_outside(s);
	/* a server that cannot write its lease file would OFFER and never ACK */
	if (server_compact(s, "start") < 0) {
		bb_error_msg("can't write the lease file %s: not starting", s->cfg.lease_file);
		server_stop(s);
		return -1;
	}
	log_ranges(s);
	return 0;
}

int server_apply_config(struct server_state *s, struct server_config *fresh)
{
	uint64_t want;

	if (server_check_ranges(s, fresh) < 0) {
		conf_free(fresh);
		return -1;
	}
	s->now = server_now();
	server_flush(s);	/* no held ACK refers to a slot when the table grows */
	want = table_size(fresh, s->leases.used);
	if (want > LEASE_TABLE_MAX || lease_table_grow(&s->leases, (unsigned)want) < 0) {
		bb_error_msg("out of memory for %llu leases", (unsigned long long)want);
		conf_free(fresh);
		return -1;
	}
	/* the socket, the journal and the pidfile stay as they are */
	struct server_config keep = s->cfg;

	s->cfg = *fresh;	/* fresh's arena is s->cfg's now */
	strcpy(s->cfg.interface, keep.interface);
	strcpy(s->cfg.lease_file, keep.lease_file);
	strcpy(s->cfg.pidfile, keep.pidfile);
	conf_free(&keep);
	evict_from_statics(s);
	if (server_pool_reset(s) < 0)
		return -1;
	drop_ended_outside(s);
	log_ranges(s);
	return 0;
}

void server_stop(struct server_state *s)
{
	pool_free(&s->pool);
	conf_free(&s->cfg);
	lease_table_free(&s->leases);
	free(s->held);
	free(s->pending);
	s->held = NULL;
	s->pending = NULL;
	if (s->journal_fd >= 0)
		os_file_close(s->journal_fd);
	s->journal_fd = -1;
}
