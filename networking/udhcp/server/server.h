/*
 * server.h: udhcpd's state, shared by server.c (set-up, loop, journal),
 * serverreq.c (the messages of RFC 2131 section 4.3) and serverprobe.c
 * (the ARP check before an offer, and the reserve of probed addresses).
 */
#ifndef DHCPBOX_UDHCP_SERVER_H
#define DHCPBOX_UDHCP_SERVER_H

#include "server/config.h"
#include "server/leases.h"
#include "server/pool.h"

enum {
	PENDING_MAX = 32,	/* DISCOVERs waiting for their ARP probe */
	RESERVE_SLOTS = 4,	/* addresses probed ahead of need */
	HELD_MAX = 64,		/* replies waiting for the journal's fsync */
	PROBE_TRIES = 4,	/* addresses tried for one DISCOVER */
};

/* A DISCOVER (or rapid-commit DISCOVER) whose address is being probed. */
struct pending_offer {
	bool used;
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

/* A reply that may only leave once the journal is on disk. */
struct held_reply {
	struct dhcp_packet pkt;
	size_t len;
	uint32_t dst;		/* network order */
	uint16_t port;
};

struct server_state {
	struct server_config cfg;
	struct lease_table leases;
	struct addr_pool pool;
	struct pool_view view;
	const char *conf_path;
	uint32_t server_nip, netmask;	/* network order */
	uint16_t server_port, client_port;
	int fd, signal_fd, journal_fd;
	int64_t last_full_log, last_busy_log;
	bool done;
	/* journal: records written since the last fsync / compaction */
	unsigned unsynced, journaled_since_compact;
	int64_t last_compact;
	struct held_reply held[HELD_MAX];
	unsigned nheld;
	unsigned long fsyncs, acks;
	/* ARP (serverprobe.c) */
	unsigned arp_ms;	/* -a; 0: no probes */
	int arp_fd, ifindex;
	uint8_t mac[6];
	struct pending_offer pending[PENDING_MAX];
	struct reserve_slot reserve[RESERVE_SLOTS];
	int64_t last_background_ms;
	unsigned long probes_sent, conflicts;
};

/* server.c */
int64_t server_now(void);
int64_t server_now_ms(void);
const char *server_ip_str(uint32_t host_order);
const char *server_mac_str(const uint8_t *mac);	/* a static buffer */
/* The lease's new state in the journal (fsync later, before replies). */
int server_journal(struct server_state *s, const struct lease *l);
/* A reply, held until the journal's next fsync when hold is set. */
void server_send(struct server_state *s, const struct dhcp_builder *b, size_t len,
	uint32_t dst, uint16_t port, bool hold);
/* fsync the journal, run notify_file, send the held replies. */
void server_flush(struct server_state *s);
/* The pool's view of addresses and the reinitialization after a reload. */
int server_pool_reset(struct server_state *s);
void server_note_lease(struct server_state *s, const struct lease *l);

/* serverreq.c */
void server_handle_message(struct server_state *s, const uint8_t *buf, size_t len);
/* The lease key of the sender of m: its client identifier, else htype+chaddr. */
unsigned server_client_key(const struct dhcp_message *m, uint8_t *key);
bool server_range_is_local(const struct server_state *s, uint32_t ip);
/* The netmask (host order) of the subnet a range of cfg lies in. */
uint32_t server_range_mask(const struct server_state *s, const struct server_config *cfg,
	const struct server_range *r);
/* In the pool, not reserved, no live lease (a probe slot may hold it). */
bool server_ip_usable(const struct server_state *s, uint32_t ip);
/* ip set aside for the client of m for offer_time; NULL when the table is full. */
struct lease *server_reserve(struct server_state *s, const struct dhcp_message *m, uint32_t ip);
/* A new free address on the link (not probed), reclaiming if needed; 0 if none. */
uint32_t server_free_address(struct server_state *s, uint32_t link);
/* DISCOVER's answer once the address is known good. */
void server_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip);
/* The address is used by someone else: unusable for seconds. */
void server_mark_unusable(struct server_state *s, uint32_t ip, unsigned seconds);

/* serverprobe.c */
int probe_setup(struct server_state *s);
/* Room for one more DISCOVER waiting for its probe? (Logs when not.) */
bool probe_has_room(struct server_state *s);
/* ip is new for the client of req: OFFER now (reserve) or after a probe. */
void probe_then_offer(struct server_state *s, const struct dhcp_message *req, uint32_t ip);
/* A probed address for a new client on the local link (*ready), or one
 * being probed (probe_then_offer waits for it), or 0. */
uint32_t probe_take_ready(struct server_state *s, bool *ready);
bool probe_holds(const struct server_state *s, uint32_t ip);
bool probe_pending_for(struct server_state *s, const struct dhcp_message *req);
/* ARP packets, ended probes, the background refill; ms until the next timer. */
void probe_read_arp(struct server_state *s);
int probe_run_timers(struct server_state *s);
void probe_reset(struct server_state *s);

#endif
