/*
 * server.h: udhcpd's state, shared by decide.c (the decisions of RFC
 * 2131 section 4.3, no I/O), journal.c (carrying them out: the lease file,
 * group commit), serverprobe.c (the ARP check before an offer), server.c
 * (the state: start, reload, the pool's view) and loop.c (udhcpd_main:
 * sockets, signals, poll). All but loop.c reach the OS only through
 * os/, so the model test (testsuite/c/server_model.c) runs them with a
 * fake os/.
 */
#ifndef DHCPBOX_UDHCP_SERVER_H
#define DHCPBOX_UDHCP_SERVER_H

#include "server/config.h"
#include "server/leases.h"
#include "server/pool.h"

#include <sys/types.h>

#include "autoconf.h"

enum {
	PENDING_MAX = 32,	/* DISCOVERs waiting for their ARP probe */
	RESERVE_SLOTS = 4,	/* addresses probed ahead of need */
	HELD_MAX = 64,		/* replies waiting for the journal's fsync */
	PROBE_TRIES = 4,	/* addresses tried for one DISCOVER */
};

/* A DISCOVER (or rapid-commit DISCOVER) whose address is being probed. */
struct pending_offer {
	bool used;
	uint8_t link;		/* the index in links[] it came in on */
	uint8_t key[LEASE_KEY_MAX];	/* the client's */
	unsigned key_len;
	uint32_t ip;		/* host order */
	int64_t deadline_ms;	/* monotonic: the probe's end */
	unsigned tries;
	struct dhcp_message req;	/* the latest retransmission */
};

enum slot_state { SLOT_EMPTY, SLOT_PROBING, SLOT_READY };

/* An address of the local link probed in the background. */
struct reserve_slot {
	uint8_t state;		/* enum slot_state */
	uint32_t ip;		/* host order */
	int64_t at_ms;		/* PROBING: deadline; READY: when the probe ended */
};

/*
 * A reply that may only leave once the journal is on disk, and the lease
 * as it was before the ACK that the reply carries: when the fsync fails
 * the ACK does not leave and the lease goes back to that state.
 */
struct held_reply {
	struct dhcp_packet pkt;
	size_t len;
	uint32_t dst;		/* network order */
	uint16_t port;
	int32_t slot;		/* the lease's index in the table */
	uint8_t link;		/* out the interface the request came in on */
	bool was_new;		/* the ACK created the lease */
	int64_t expires;	/* what the ACK promised */
	struct lease_snapshot before;
};

/*
 * What one decision asks of the I/O below it (decide.c decides,
 * journal.c carries it out): a reply (len > 0); the lease an ACK binds,
 * journaled and fsynced before the reply may leave, and put back as it
 * was (before; was_new: removed) when it cannot be journaled; a lease to
 * journal without a reply (a RELEASE, a quarantine); an address to
 * ARP-probe before the OFFER.
 */
struct server_out {
	size_t len;
	uint32_t dst;		/* network order */
	uint16_t port;
	struct lease *bound;
	bool was_new;
	struct lease *record;
	uint32_t probe;		/* host order */
	uint32_t lease_s;	/* the ACK's lease time, for the log */
	struct lease_snapshot before;
	struct dhcp_builder b;	/* last: the decision clears what is before it */
};

/*
 * An interface udhcpd serves. The fields of the one whose request is being
 * decided (server_use_link) are also in server_state (server_nip,
 * netmask, fd, arp_fd, ifindex, mac), where decide.c and serverprobe.c
 * read them; with no links[] (the model test) those are all there is.
 */
struct server_link {
	char name[16];
	int fd, arp_fd, ifindex;
	uint32_t nip, netmask;	/* network order */
	uint8_t mac[6];
};

enum { LINKS_MAX = 32 };

struct server_state {
	struct server_config cfg;
	struct server_link *links;	/* nlinks of them (heap), links[0] first */
	unsigned nlinks, cur;	/* cur: the link in use */
	struct lease_table leases;
	struct addr_pool pool;
	struct pool_view view;
	const char *conf_path;
	uint32_t server_nip, netmask;	/* network order */
	int64_t now;		/* monotonic s: the time of the decision being made */
	uint16_t server_port, client_port;
	int fd, signal_fd, journal_fd;
	int64_t last_full_log, last_busy_log;
	bool done;
	/* privdrop.c: who runs the server once its sockets are open */
	const char *run_user;	/* NULL: root stays root */
	uid_t run_uid;
	gid_t run_gid;
	bool seccomp_on;	/* sandbox.c: a reload may not need what the filter forbids */
	/* journal: records written since the last fsync / compaction */
	unsigned unsynced, journaled_since_compact;
	int64_t last_compact, compact_retry;	/* monotonic s */
	int64_t journal_size;	/* bytes of whole records: a failed append is cut back to it */
	int64_t synced_size;	/* bytes the last good fsync covered: a failed one is cut back to it */
	bool journal_broken;	/* a write or fsync failed: rewrite before any more ACKs */
	unsigned load_dropped;	/* records that found no room at start */
	struct held_reply *held;	/* HELD_MAX of them (heap, server_start) */
	unsigned nheld;
	unsigned long fsyncs, acks;
	/* ARP (serverprobe.c) */
	unsigned arp_ms;	/* -a; 0: no probes */
	int arp_fd, ifindex;
	uint8_t mac[6];
	struct pending_offer *pending;	/* PENDING_MAX (heap, server_start): only pages used are resident */
	struct reserve_slot reserve[RESERVE_SLOTS];
	int64_t last_background_ms;
	unsigned long probes_sent, conflicts;
};

/* who.c: who is asking */
/* The link a request comes from (host order): relay, ciaddr or ours. */
uint32_t server_link_of(const struct server_state *s, const struct dhcp_message *m);
const struct conf_subnet *server_link_subnet(const struct server_state *s, const struct dhcp_message *m);
/* Its host block, or NULL: an unknown client. */
const struct conf_host *server_host_of(const struct server_state *s, const struct dhcp_message *m);
/* Its fixed address on its link, or 0. */
uint32_t server_static_ip_for(const struct server_state *s, const struct dhcp_message *m);
struct lease *server_lease_of(const struct server_state *s, const struct dhcp_message *m);
/* replyopts.c: the options of an OFFER or ACK for req from its view */
void server_add_options(struct dhcp_builder *b, const struct dhcp_message *req,
	const struct conf_view *v, const struct conf_subnet *subnet, const struct conf_host *h,
	uint32_t fallback_mask, bool all);
/* What the configuration's expressions see of m: known, static, its classes. */
void server_request_of(const struct server_state *s, const struct dhcp_message *m,
	struct conf_request *rq);

/* agent.c: a relay agent's option 82 (RFC 3046) in a request */
struct udhcp_agent;
bool server_agent_of(const struct dhcp_message *m, struct udhcp_agent *a);	/* present, well formed */
bool server_agent_malformed(const struct dhcp_message *m);
/* The client's link: link selection (RFC 3527), else giaddr; 0: ours. */
uint32_t server_agent_link(const struct dhcp_message *m);
uint32_t server_agent_server_id(const struct dhcp_message *m);	/* RFC 5107, or 0 */
void server_agent_echo(struct dhcp_builder *b, const struct dhcp_message *m);	/* last option */
size_t server_agent_room(const struct dhcp_message *m);	/* the echo's bytes, or 0 */

/* server.c */
/* The link whose request is decided now: its fields into s. */
void server_use_link(struct server_state *s, unsigned i);
int64_t server_now(void);	/* monotonic seconds */
int64_t server_now_ms(void);	/* monotonic milliseconds */
const char *server_ip_str(uint32_t host_order);
const char *server_mac_str(const uint8_t *mac);	/* a static buffer */
/* The pool's view of addresses and the reinitialization after a reload. */
int server_pool_reset(struct server_state *s);
void server_note_lease(struct server_state *s, const struct lease *l);
/* l goes (its address back to the pool); l moves to ip (-1: ip is taken). */
void server_forget(struct server_state *s, struct lease *l);
int server_move(struct server_state *s, struct lease *l, uint32_t ip);
/* ip has no lease (any more): the allocator may find it again. */
void server_note_unleased(struct server_state *s, uint32_t ip);
/* A full table gets a slot back from the lease that ended longest ago. */
bool server_free_a_slot(struct server_state *s);
/* A slot for one more dynamic lease: the last nstatics slots stay for the
 * static hosts, which must always get their address. */
bool server_dynamic_room(const struct server_state *s);
/* Ranges that no link can reach as a whole are refused (logged). */
int server_check_ranges(const struct server_state *s, struct server_config *cfg);
/* After s->cfg, server_nip and netmask are set: the table, the journal
 * read back and rewritten; -1 with the reason logged. */
int server_start(struct server_state *s);
/* A new configuration (SIGHUP), the socket, journal and pidfile kept;
 * fresh is taken (freed when refused). */
int server_apply_config(struct server_state *s, struct server_config *fresh);
void server_stop(struct server_state *s);

/* journal.c */
/* Room for one more held ACK (a flush when the list is full). Called
 * before a decision, never inside one: a flush whose fsync fails rolls
 * leases back, and no lease pointer may be held across it. */
void server_make_room(struct server_state *s);
/* A journal that can take records now (a broken one is rewritten first
 * when its retry time has come); -1: no ACK now. Never flushes. Called
 * before a decision: the rewrite writes the table as it is. */
int server_journal_ready(struct server_state *s);
/* The lease's new state appended (fsync later, before replies); -1 when
 * it could not be written (the file is cut back to its last record). */
int server_journal(struct server_state *s, const struct lease *l);
/* The ACK's reply, held until the journal's next fsync; before is the
 * lease as it was, restored if that fsync fails. */
void server_hold_ack(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port, const struct lease *l, const struct lease_snapshot *before, bool was_new);
/* A reply that needs nothing on disk. */
void server_send(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port);
/* fsync the journal, run notify_file, send the held replies. */
void server_flush(struct server_state *s);
/* The whole table written anew (the lease file replaced): 0 or -1. */
int server_compact(struct server_state *s, const char *why);
/* After a batch: the journal rewritten when due; ms until it is due (-1: never). */
void server_upkeep(struct server_state *s);
int server_upkeep_timeout(const struct server_state *s);
/* One message, decided and carried out. */
void server_handle_message(struct server_state *s, const uint8_t *buf, size_t len);
/* DISCOVER's answer once the address is known good (serverprobe.c). */
void server_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip);
/* A decision's writes and sends: the bound lease journaled (put back when
 * it cannot be) before its ACK is held, a record journaled, the reply sent. */
void server_carry_out(struct server_state *s, const struct dhcp_message *m, struct server_out *out);
/* The lease file's text, and how many addresses it has leases for (so
 * that the table is made big enough for every lease in it). */
char *server_read_leases(struct server_state *s, unsigned *addresses);
/* That text's leases into the table (start); text is freed. */
void server_load_leases(struct server_state *s, char *text);

/* privdrop.c: -u USER[:GROUP], -g GROUP, udhcpd.conf's user and group
 * (FEATURE_UDHCPD_USER; off, root stays root) */
#if ENABLE_FEATURE_UDHCPD_USER
/* The user and group to run as, from the options (NULL: not given) or
 * the config; -1 with the reason logged. */
int server_privs_resolve(struct server_state *s, const char *user_opt, const char *group_opt);
/* As root, before anything is opened: can the user do what the running
 * server will do, reread (a SIGHUP's reading of the config, include
 * files and all: 0 when it reads) included? Dies with each reason logged
 * when not. */
void server_privs_check(const struct server_state *s, int (*reread)(const char *path));
/* The sockets are open: become the user for good (dies on failure). */
void server_privs_drop(struct server_state *s);
#else
static inline int server_privs_resolve(struct server_state *s, const char *u, const char *g)
{
	(void)s, (void)u, (void)g;
	return 0;
}
static inline void server_privs_check(const struct server_state *s, int (*reread)(const char *path))
{
	(void)s, (void)reread;
}
static inline void server_privs_drop(struct server_state *s) { (void)s; }
#endif

/* sandbox.c: the system call allowlist, installed once set up (off: -Z;
 * FEATURE_UDHCPD_SECCOMP) */
#if ENABLE_FEATURE_UDHCPD_SECCOMP
void server_seccomp(struct server_state *s, bool off);
#else
static inline void server_seccomp(struct server_state *s, bool off) { (void)s, (void)off; }
#endif

/* decide.c: the decisions. The table changes; the rest is in out. */
void server_decide(struct server_state *s, const struct dhcp_message *m, struct server_out *out);
/* l bound to m's client for secs seconds (0xffffffff: for ever), with m's
 * host name when with_name: out->bound to journal, out->before (before, or
 * l as it is now) to put back if that fails. */
void server_bind(struct server_state *s, struct lease *l, const struct dhcp_message *m,
	uint32_t secs, const struct lease_snapshot *before, bool with_name, struct server_out *out);
/* A DISCOVER whose address is settled (its probe ended): OFFER, or ACK with rapid commit. */
void server_decide_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip,
	struct server_out *out);
/* The lease key of the sender of m: its client identifier, else htype+chaddr. */
unsigned server_client_key(const struct dhcp_message *m, uint8_t *key);
bool server_range_is_local(const struct server_state *s, uint32_t ip);
bool server_is_static_ip(const struct server_state *s, uint32_t ip);
/* The client of m has a host block (ISC's known clients). */
bool server_client_known(const struct server_state *s, const struct dhcp_message *m);
/* A range of ip serves the client of m on its link, its permits admitting it. */
bool server_ip_admits(const struct server_state *s, const struct dhcp_message *m, uint32_t ip);
/* In the pool, not reserved, no live lease (a probe slot may hold it). */
bool server_ip_usable(const struct server_state *s, uint32_t ip);
/* ip set aside for the client of m for offer_time; NULL when the table is full. */
struct lease *server_reserve(struct server_state *s, const struct dhcp_message *m, uint32_t ip);
/* A new free address on the link (not probed), reclaiming if needed, from
 * ranges that admit the client (known: it has a host block); 0 if none. */
uint32_t server_free_address(struct server_state *s, uint32_t link, const struct dhcp_message *m);
/* The same from the ranges that serve BOOTP clients too (dynamic-bootp) when bootp. */
uint32_t server_free_address_in(struct server_state *s, uint32_t link, const struct dhcp_message *m,
	bool bootp);
/* Does a range serve the link (host order) and admit m's client (NULL: any unknown one)? */
bool server_range_admits(const struct server_state *s, const struct conf_range *r, uint32_t link,
	const struct dhcp_message *m);
/* May the client whose lease is mine (NULL: none) have ip? */
bool server_ip_usable_by(const struct server_state *s, uint32_t ip, const struct lease *mine);
/* The reply's destination (RFC 2131 4.1), 82's echo, END: its length. */
size_t server_finish_reply(struct server_state *s, struct dhcp_builder *b, const struct dhcp_message *req,
	uint8_t type, uint32_t *dst, uint16_t *port);

/* The scopes deciding what m's client gets with ip (0: none yet): its
 * host, classes, the range's pool, the subnet of ip (else of its link). */
void server_view_for(const struct server_state *s, const struct dhcp_message *m, uint32_t ip,
	struct conf_view *v, const struct conf_subnet **subnet);

/* bootp.c: a BOOTP client (RFC 951, 1542; RFC 2131 4.3), with
 * FEATURE_UDHCPD_BOOTP (off: server_decide drops the request) */
void server_decide_bootp(struct server_state *s, const struct dhcp_message *m, struct server_out *out);
/* The address is used by someone else: unusable for seconds (a lease
 * owned by no client, for the caller to journal), or NULL. */
struct lease *server_quarantine(struct server_state *s, uint32_t ip, unsigned seconds);

/* serverprobe.c */
int probe_setup(struct server_state *s);
/* Room for one more DISCOVER waiting for its probe? (Logs when not.) */
bool probe_has_room(struct server_state *s);
/* ip is new for the client of req: OFFER now (reserve) or after a probe. */
void probe_then_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip);
/* A probed address for a new client on the local link (*ready), or one
 * being probed (probe_then_offer waits for it), or 0. */
uint32_t probe_take_ready(struct server_state *s, const struct dhcp_message *req, bool *ready);
bool probe_holds(const struct server_state *s, uint32_t ip);
bool probe_pending_for(struct server_state *s, const struct dhcp_message *req);
/* The client of req was ACKed (a renewal, an INIT-REBOOT): its probe ends
 * unanswered, so that a late conflict cannot take the ACKed address away. */
void probe_cancel(struct server_state *s, const struct dhcp_message *req);
/* The same without taking req as the latest retransmission. */
bool probe_is_pending(const struct server_state *s, const struct dhcp_message *req);
/* ARP packets, ended probes, the background refill; ms until the next timer. */
void probe_read_arp(struct server_state *s);
int probe_run_timers(struct server_state *s);
void probe_reset(struct server_state *s);

#endif
