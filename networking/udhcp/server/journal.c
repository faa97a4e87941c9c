/*
 * journal.c: udhcpd's lease file as a journal. Every ACK's lease is
 * appended and fsynced before the ACK leaves, and the ACKs of one batch
 * share one fsync (group commit). The lease lives in memory on
 * CLOCK_MONOTONIC and in the file in UTC; the conversion is done here.
 *
 * Failure rules (a full disk, EIO):
 * - an append that fails is cut back to the last whole record, so the
 *   next record does not follow half a one; the lease is not changed and
 *   no ACK goes;
 * - an fsync that fails is final for what it covered: Linux may have
 *   marked the failed pages clean, so a later fsync that succeeds does not
 *   bring them back. The held ACKs are dropped, their leases go back to
 *   their state before, and the journal is rewritten whole from memory
 *   before any further ACK (journal_broken).
 * All I/O goes through os/file.c.
 */
#include "libbb.h"
#include "os/clock.h"
#include "os/file.h"
#include "os/script.h"
#include "os/socket.h"
#include "server/leasefile.h"
#include "server/server.h"

#include <arpa/inet.h>

enum { COMPACT_RETRY_S = 10 };

/* Monotonic seconds to the file's UTC and back (the offset read now). */
static int64_t to_wall(int64_t mono)
{
	return mono == LEASE_NEVER ? LEASE_NEVER : mono + (os_wall_s() - server_now());
}

static int64_t to_mono(int64_t wall)
{
	return wall == LEASE_NEVER ? LEASE_NEVER : wall - (os_wall_s() - server_now());
}

static void lease_to_record(const struct lease *l, struct lease_record *r)
{
	memset(r, 0, sizeof(*r));
	r->ip = l->ip;
	r->starts = to_wall(l->starts);
	r->ends = to_wall(l->expires);
	r->state = l->state;
	memcpy(r->chaddr, l->chaddr, 6);
	r->has_chaddr = true;
	memcpy(r->uid, lease_key(l), l->key_len);
	r->uid_len = l->key_len;
	strcpy(r->hostname, lease_hostname(l));
}

static void journal_close(struct server_state *s)
{
	if (s->journal_fd >= 0)
		os_file_close(s->journal_fd);
	s->journal_fd = -1;
}

void server_make_room(struct server_state *s)
{
	if (s->nheld == HELD_MAX)
		server_flush(s);
}

int server_journal_ready(struct server_state *s)
{
	if (s->journal_broken && server_now() >= s->compact_retry)
		server_compact(s, "after a failed write");
	return s->journal_broken || s->journal_fd < 0 || s->nheld == HELD_MAX ? -1 : 0;
}

int server_journal(struct server_state *s, const struct lease *l)
{
	struct lease_record r;
	char buf[LEASEFILE_RECORD_MAX];
	int len;

	if (s->journal_broken || s->journal_fd < 0)
		return -1;
	lease_to_record(l, &r);
	len = leasefile_format(&r, buf, sizeof(buf));
	if (len < 0 || os_file_append(s->journal_fd, buf, (size_t)len) < 0) {
		bb_perror_msg("can't write %s", s->cfg.lease_file);
		if (os_file_truncate(s->journal_fd, s->journal_size) < 0) {
			bb_perror_msg("can't cut %s back to its last record: rewriting it", s->cfg.lease_file);
			s->journal_broken = true;
		}
		return -1;
	}
	s->journal_size += len;
	s->unsynced++;
	s->journaled_since_compact++;
	return 0;
}

void server_send(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port)
{
	if (udhcp_udp_send(s->fd, &b->pkt, len, dst, port) < 0)
		bb_perror_msg("can't send to %s", server_ip_str(ntohl(dst)));
}

void server_hold_ack(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port, const struct lease *l, const struct lease_snapshot *before, bool was_new)
{
	struct held_reply *h = &s->held[s->nheld++];	/* server_journal_ready made room */

	memcpy(&h->pkt, &b->pkt, len);
	h->len = len;
	h->dst = dst;
	h->port = port;
	h->slot = (int32_t)(l - s->leases.leases);
	h->link = (uint8_t)s->cur;
	h->was_new = was_new;
	h->expires = l->expires;
	h->before = *before;
}

/* Does the held ACK still say what the table says? A RELEASE, DECLINE or
 * later ACK of the same batch may have changed the lease since. */
static bool held_current(const struct server_state *s, const struct held_reply *h)
{
	const struct lease *l = &s->leases.leases[h->slot];

	return l->state == LEASE_ACTIVE && l->expires == h->expires && htonl(l->ip) == h->pkt.yiaddr
		&& lease_same_key(l, &h->before);
}

/* A lease whose ACK cannot be made durable, as it was (made for the ACK:
 * gone; moved for it: back on its address, which nothing took meanwhile). */
static void put_back(struct server_state *s, struct lease *l, const struct lease_snapshot *before, bool was_new)
{
	if (was_new) {
		server_forget(s, l);
		return;
	}
	if (l->ip != before->ip && server_move(s, l, before->ip) < 0) {
		/* its old address went to another client meanwhile (the client
		 * asked for this one: it no longer used that): an offer is left */
		l->state = LEASE_OFFERED;
		l->expires = s->now + s->cfg.offer_time;
		server_note_lease(s, l);
		return;
	}
	l->state = before->state;
	l->starts = before->starts;
	l->expires = before->expires;
	memcpy(l->chaddr, before->chaddr, 6);
	lease_set_hostname(l, before->hostname, strlen(before->hostname));	/* no memory: no name */
	server_note_lease(s, l);
}

/* The held ACKs did not reach the disk: their leases as they were, newest
 * first; a slot that holds another lease by now (the client declined, its
 * slot was reused) is left alone. */
static void roll_back(struct server_state *s, unsigned n)
{
	while (n-- > 0) {
		struct held_reply *h = &s->held[n];
		struct lease *l = &s->leases.leases[h->slot];

		if (l->state == LEASE_FREE || (l->ip != h->before.ip && htonl(l->ip) != h->pkt.yiaddr)
		    || !lease_same_key(l, &h->before))
			continue;
		put_back(s, l, &h->before, h->was_new);
	}
}

/* notify_file runs after the lease file is written (BusyBox's semantics). */
void server_flush(struct server_state *s)
{
	unsigned n = s->nheld;

	if (!s->unsynced)
		return;
	s->unsynced = 0;
	s->nheld = 0;
	if (os_file_sync(s->journal_fd) < 0) {
		bb_perror_msg("can't sync %s: %u ACKs not sent, rewriting it", s->cfg.lease_file, n);
		roll_back(s, n);
		/* the records rolled back must not reach the disk later (writeback
		 * may still write them): cut them off, in case the rewrite fails too */
		if (os_file_truncate(s->journal_fd, s->synced_size) == 0)
			s->journal_size = s->synced_size;
		s->journal_broken = true;
		s->compact_retry = 0;
		server_compact(s, "after a failed fsync");
		return;
	}
	s->synced_size = s->journal_size;
	s->fsyncs++;
	for (unsigned i = 0; i < n; i++) {
		struct held_reply *h = &s->held[i];

		if (!held_current(s, h)) {
			bb_debug_msg(1, "ACK of %s not sent: the lease changed before it could leave",
				server_ip_str(ntohl(h->pkt.yiaddr)));
			continue;
		}
		int fd = h->link < s->nlinks ? s->links[h->link].fd : s->fd;

		s->acks++;
		if (udhcp_udp_send(fd, &h->pkt, h->len, h->dst, h->port) < 0)
			bb_perror_msg("can't send to %s", server_ip_str(ntohl(h->dst)));
	}
	if (s->cfg.notify_file[0]) {
		char **env = udhcp_script_env(s->cfg.interface, NULL);

		udhcp_run_script(s->cfg.notify_file, s->cfg.lease_file, env);
		udhcp_script_env_free(env);
	}
}

/* The table as lease blocks, for os_file_replace. Offers are not kept
 * (they are 60 s of memory); everything else is, leases outside today's
 * ranges included: a range typed wrong and fixed by SIGHUP must not have
 * deleted its clients' leases for good. */
struct table_writer {
	const struct server_state *s;
	unsigned next;
	bool header_done;
};

static int fill_table(void *ctx, char *buf, size_t cap)
{
	struct table_writer *w = ctx;
	const struct lease_table *t = &w->s->leases;
	size_t n = 0;

	if (!w->header_done) {
		w->header_done = true;
		n = strlen(leasefile_header);
		memcpy(buf, leasefile_header, n);
	}
	while (w->next < t->capacity && cap - n >= LEASEFILE_RECORD_MAX) {
		const struct lease *l = &t->leases[w->next++];
		struct lease_record r;
		int len;

		if (l->state == LEASE_FREE || l->state == LEASE_OFFERED)
			continue;
		lease_to_record(l, &r);
		if ((len = leasefile_format(&r, buf + n, cap - n)) < 0)
			return -1;
		n += (size_t)len;
	}
	return (int)n;
}

/*
 * A rewrite that failed before its rename leaves the journal as it was. One
 * whose rename happened but whose directory fsync failed has moved the
 * journal's fd to an unlinked file and may not survive a crash: the
 * journal is broken until a rewrite succeeds.
 */
int server_compact(struct server_state *s, const char *why)
{
	struct table_writer w = { s, 0, false };
	int r;

	if (!s->journal_broken)
		server_flush(s);
	s->last_compact = server_now();
	r = os_file_replace(s->cfg.lease_file, fill_table, &w);
	if (r < 0) {
		bb_perror_msg("can't rewrite %s (%s)", s->cfg.lease_file, why);
		s->compact_retry = server_now() + COMPACT_RETRY_S;
		return -1;
	}
	journal_close(s);
	s->journal_fd = os_file_open_append(s->cfg.lease_file);
	if (r > 0 || s->journal_fd < 0
	    || (s->journal_size = s->synced_size = os_file_size(s->journal_fd)) < 0) {
		bb_perror_msg("can't %s %s", r > 0 ? "make durable the rewrite of" : "open", s->cfg.lease_file);
		if (r == 0)
			journal_close(s);
		if (r > 0 && s->nheld) {
			/* their records were in the file a crash may bring back, never fsynced */
			bb_error_msg("%u ACKs not sent: the lease file is not durable", s->nheld);
			roll_back(s, s->nheld);
			s->nheld = 0;
		}
		s->journal_broken = true;
		s->compact_retry = server_now() + COMPACT_RETRY_S;
		return -1;
	}
	s->journal_broken = false;
	s->journaled_since_compact = 0;
	bb_debug_msg(1, "%s rewritten (%s): %u leases", s->cfg.lease_file, why, s->leases.used);
	return 0;
}

/* Every auto_time seconds (BusyBox's lease-file write period) when the
 * journal grew, and whenever it holds far more records than leases; a
 * failed rewrite waits COMPACT_RETRY_S before the next try. */
void server_upkeep(struct server_state *s)
{
	bool due = s->cfg.auto_time && s->journaled_since_compact
		&& server_now() - s->last_compact >= s->cfg.auto_time;

	if (server_now() < s->compact_retry)
		return;
	if (s->journal_broken)
		server_compact(s, "after a failed write");
	else if (due)
		server_compact(s, "auto_time");
	else if (s->journaled_since_compact > 4 * s->leases.used + 1024)
		server_compact(s, "journal grown");
}

int server_upkeep_timeout(const struct server_state *s)
{
	int64_t at;

	if (s->journal_broken || s->compact_retry > server_now())
		at = s->compact_retry;
	else if (s->cfg.auto_time && s->journaled_since_compact)
		at = s->last_compact + s->cfg.auto_time;
	else
		return -1;
	at -= server_now();
	return at <= 0 ? 0 : (int)(at > 60 ? 60000 : at * 1000);
}

/* A record's lease back in the table; a later record supersedes earlier
 * ones of its address and of its client. An abandoned address belongs to
 * no client (key_len 0). */
static void load_record(const struct lease_record *r, void *ctx)
{
	struct server_state *s = ctx;
	uint8_t key[LEASE_KEY_MAX];
	unsigned len = r->uid_len;
	struct lease *old, *l;

	if (len) {
		memcpy(key, r->uid, len);
	} else {
		key[0] = DHCP_HTYPE_ETHERNET;
		memcpy(key + 1, r->chaddr, 6);
		len = 7;
	}
	if (r->state == LEASE_DECLINED)
		len = 0;
	if ((old = lease_by_ip(&s->leases, r->ip)) != NULL)
		lease_remove(&s->leases, old);
	if (len && (old = lease_by_key(&s->leases, key, len)) != NULL)
		lease_remove(&s->leases, old);
	if (r->state == LEASE_FREE || r->state == LEASE_OFFERED)
		return;
	l = lease_add(&s->leases, key, len, r->ip);
	if (!l) {
		s->load_dropped++;
		return;
	}
	l->state = r->state;
	l->starts = to_mono(r->starts);
	l->expires = to_mono(r->ends);
	if (l->state == LEASE_RELEASED && l->expires > server_now())
		l->expires = server_now();	/* given back: free now, whatever the clock did since */
	memcpy(l->chaddr, r->chaddr, 6);
	lease_set_hostname(l, r->hostname, strlen(r->hostname));	/* no memory: no name */
}

struct address_list {
	uint32_t *ip;
	unsigned n, cap;
};

static void collect_address(const struct lease_record *r, void *ctx)
{
	struct address_list *a = ctx;

	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 256;
		a->ip = xrealloc(a->ip, a->cap * sizeof(*a->ip));
	}
	a->ip[a->n++] = r->ip;
}

static int compare_address(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

char *server_read_leases(struct server_state *s, unsigned *addresses)
{
	size_t len;
	char *text = os_file_read(s->cfg.lease_file, &len);
	struct address_list a = { NULL, 0, 0 };
	unsigned bad;

	*addresses = 0;
	if (!text)
		return NULL;	/* errno says why: ENOENT is a first start */
	/* zeros where a failed fsync lost pages: read on past them */
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\0')
			text[i] = '\n';
	/* a journal has several blocks per address: count the addresses */
	leasefile_parse(text, collect_address, &a, &bad);
	if (a.n)
		qsort(a.ip, a.n, sizeof(*a.ip), compare_address);
	for (unsigned i = 0; i < a.n; i++)
		*addresses += i == 0 || a.ip[i] != a.ip[i - 1];
	free(a.ip);
	return text;
}

void server_load_leases(struct server_state *s, char *text)
{
	unsigned bad = 0, n = 0;

	s->load_dropped = 0;
	if (text) {
		n = leasefile_parse(text, load_record, s, &bad);
		free(text);
	}
	bb_info_msg("%u lease records read from %s", n, s->cfg.lease_file);
	if (bad)
		bb_error_msg("%u bad records in %s skipped", bad, s->cfg.lease_file);
	if (s->load_dropped)
		bb_error_msg("%u leases of %s did not fit in the table (max_leases)", s->load_dropped,
			s->cfg.lease_file);
}

/* ---- carrying decisions out ------------------------------------------------ */

void server_carry_out(struct server_state *s, const struct dhcp_message *m, struct server_out *out)
{
	if (out->bound) {
		if (s->nheld == HELD_MAX || server_journal(s, out->bound) < 0) {
			bb_error_msg("lease of %s to %s not on disk: no ACK", server_ip_str(out->bound->ip),
				server_mac_str(m->chaddr));
			put_back(s, out->bound, &out->before, out->was_new);
			return;
		}
		probe_cancel(s, m);	/* ACKed: a probe from an earlier DISCOVER must not take it away */
		bb_info_msg("lease %s to %s for %lu s%s", server_ip_str(out->bound->ip),
			server_mac_str(m->chaddr), (unsigned long)out->lease_s,
			udhcp_message_type(&m->opts) == DHCPDISCOVER ? " (rapid commit)" : "");
		server_hold_ack(s, &out->b, out->len, out->dst, out->port, out->bound, &out->before,
			out->was_new);
		return;
	}
	if (out->record)
		server_journal(s, out->record);
	if (out->len)
		server_send(s, &out->b, out->len, out->dst, out->port);
	if (out->probe)
		probe_then_offer(s, m, out->probe);
}

void server_handle_message(struct server_state *s, const uint8_t *buf, size_t len)
{
	struct dhcp_message m;	/* on the stack: nothing keeps a pointer to them */
	struct server_out out;
	struct udhcp_error err;
	unsigned type;

	/* before any decision: a flush may roll leases back, and a rewrite of a
	 * broken journal writes the table as it is (not a decision half made) */
	server_make_room(s);
	server_journal_ready(s);
	s->now = server_now();
	if (udhcp_parse_message(buf, len, BOOTREQUEST, &m, &err) < 0) {
		bb_debug_msg(1, "message dropped: %s", err.msg);
		return;
	}
	type = udhcp_message_type(&m.opts);
	bb_debug_msg(2, "received %s from %s via %s (xid %08x)",
		type ? udhcp_message_type_name(type) : "BOOTP", server_mac_str(m.chaddr),
		m.giaddr ? server_ip_str(ntohl(m.giaddr)) : s->cfg.interface, (unsigned)m.xid);
	server_decide(s, &m, &out);
	server_carry_out(s, &m, &out);
}

void server_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip)
{
	struct server_out out;

	server_make_room(s);	/* before the lease is looked up: a flush may roll back */
	server_journal_ready(s);
	s->now = server_now();
	memset(&out, 0, offsetof(struct server_out, b));
	server_decide_offer(s, req, ip, &out);
	server_carry_out(s, req, &out);
}
