/*
 * client.h: udhcpc's state and its transition function (state.c).
 *
 * state.c is pure: an event (start, timer, received message, ARP reply,
 * signal) and the time go in; the state changes and a list of actions
 * comes out (send this message, run the script with this event, save or
 * forget the remembered lease, re-read the interface, go to background,
 * exit). It never touches the OS: run.c carries the actions out through
 * os/, and the poll loop (client.c) or the model test feeds it events.
 */
#ifndef DHCPBOX_UDHCP_CLIENT_H
#define DHCPBOX_UDHCP_CLIENT_H

#include "libbb.h"
#include "codec/common.h"
#include "os/socket.h"
#include "client/clientlease.h"

/* RFC 2131 section 4.4, figure 5; RELEASED is BusyBox's after SIGUSR2. */
enum client_state_id {
	INIT,
	SELECTING,
	REQUESTING,
	BOUND,
	RENEWING,
	REBINDING,
	INIT_REBOOT,
	REBOOTING,
	RELEASED,
	ARP_CHECK,	/* -a: probing the acknowledged address (RFC 5227) */
	CLIENT_STATES
};

/* arrays, not pointers (no relocations in a PIE): at most 11 characters */
extern const char client_state_name[CLIENT_STATES][12];

enum { LISTEN_NONE, LISTEN_RAW, LISTEN_UDP, LISTEN_ARP };

#define CLIENT_NEVER INT64_MAX

/* What the loop must do, in order, after an event. */
enum client_action_kind {
	ACT_SEND,		/* what: enum client_send_kind; ip: the declined address */
	ACT_SCRIPT,		/* event, msg (NULL: "interface" only) */
	ACT_MEMO_SAVE,		/* remember the lease now held */
	ACT_MEMO_FORGET,
	ACT_IFACE_REREAD,	/* a new cycle: the interface may have changed */
	ACT_DAEMONIZE,
	ACT_ARP_PROBE,		/* ip: the address probed */
};

enum client_send_kind {
	SEND_DISCOVER,
	SEND_SELECT,		/* REQUEST in REQUESTING: 50 and 54 */
	SEND_REBOOT,		/* REQUEST in INIT-REBOOT: 50 only */
	SEND_RENEW,		/* REQUEST with ciaddr, unicast to the server */
	SEND_REBIND,		/* REQUEST with ciaddr, broadcast */
	SEND_RELEASE,
	SEND_DECLINE,
};

struct client_action {
	uint8_t kind, what;
	const char *event;
	const struct dhcp_message *msg;
	uint32_t ip;
};

enum { CLIENT_MAX_ACTIONS = 8 };

struct client_actions {
	struct client_action a[CLIENT_MAX_ACTIONS];
	unsigned n;
	unsigned lost;		/* past the end: a bug (the model test checks) */
};

struct client_state {
	/* configuration, from the command line */
	const char *ifname, *script, *state_file;
	uint32_t opts;
	unsigned retries, timeout, tryagain;
	uint32_t requested_ip;		/* -r, the remembered or the released lease */
	uint32_t user_requested_ip;	/* -r */
	struct udhcp_optval *send_opts;	/* -x */
	size_t nsend_opts;
	uint8_t req_codes[255];		/* -O */
	size_t nreq_codes;
	const char *vendor, *fqdn;	/* -V, -F */
	uint16_t client_port, server_port;
	bool rapid_commit;
	unsigned arp_ms;		/* -a: probe time, 0 when off */
	/* the interface, and the client identifier (61) we send */
	struct udhcp_iface ifc;
	uint8_t cid[MEMO_CID_MAX];
	size_t cid_len;			/* 0: none (-C) */
	/* the protocol */
	enum client_state_id state;
	uint64_t rng;			/* xids: seeded by the loop */
	uint32_t xid;
	uint32_t reboot_xid;		/* a late ACK to INIT-REBOOT still counts */
	int64_t reboot_start;
	unsigned attempts;		/* messages sent in this state */
	unsigned naks;			/* NAKs since the last lease, for back-off */
	int64_t now;			/* the time of the event being handled */
	int64_t deadline;		/* monotonic ms of the next timer event */
	int64_t exchange_start;		/* for the secs field */
	uint32_t server_nip;		/* chosen or leasing server */
	uint32_t offered_ip, lease_ip;
	uint32_t lease_seconds;
	int64_t t1, t2, expiry;		/* monotonic ms */
	bool ever_bound;
	bool late_offer_ok;		/* in INIT after a cycle without a lease */
	int64_t arp_end;
	int64_t ack_time;		/* the lease counts from its exchange's start */
	struct dhcp_message pending_ack;	/* the ACK being checked with ARP */
	/* exit */
	bool done;
	int exit_code;
	struct client_actions *out;	/* the actions of the event being handled */
};

/* udhcpc's options: bits in the order of its option string (client.c). */
enum {
	OPT_C = 1 << 0, OPT_V = 1 << 1, OPT_F = 1 << 2, OPT_i = 1 << 3,
	OPT_n = 1 << 4, OPT_p = 1 << 5, OPT_q = 1 << 6, OPT_R = 1 << 7,
	OPT_r = 1 << 8, OPT_s = 1 << 9, OPT_T = 1 << 10, OPT_t = 1 << 11,
	OPT_S = 1 << 12, OPT_A = 1 << 13, OPT_O = 1 << 14, OPT_o = 1 << 15,
	OPT_x = 1 << 16, OPT_f = 1 << 17, OPT_B = 1 << 18, OPT_b = 1 << 19,
	OPT_P = 1 << 20, OPT_v = 1 << 21, OPT_a = 1 << 22,
};

/* ---- state.c: the transition function ---- */

/* The client identifier we send: the user's -x 61, our MAC, or none (-C). */
void client_set_identity(struct client_state *c);
/* The interface's MAC changed: a new identity. */
void client_identity_changed(struct client_state *c);
/* Does a remembered lease belong to this interface and identity? */
bool client_memo_matches(const struct client_state *c, const struct remembered_lease *l);
/* Start: memo is the remembered lease (NULL when none), wall_s the wall clock. */
void client_start(struct client_state *c, const struct remembered_lease *memo, int64_t wall_s,
	int64_t now, struct client_actions *out);
void client_timer(struct client_state *c, int64_t now, struct client_actions *out);
/* A decoded reply; checked (reply.c) and perhaps cleaned of bad parts. */
void client_message(struct client_state *c, struct dhcp_message *m, int64_t now,
	struct client_actions *out);
/* An ARP packet received while checking an address (-a). */
void client_arp(struct client_state *c, const uint8_t *pkt, size_t len, int64_t now,
	struct client_actions *out);
void client_signal(struct client_state *c, int sig, int64_t now, struct client_actions *out);
/* The socket the state listens on. */
int client_listen_mode(const struct client_state *c);
bool client_has_lease(const struct client_state *c);
/* The remembered form of the lease now held. */
void client_memo_of(const struct client_state *c, int64_t wall_s, struct remembered_lease *l);

/* ---- reply.c: what a reply must pass (RFC 2131, 2132, 6842) ---- */

enum { REPLY_NOTES = 6 };
struct reply_notes {
	char msg[REPLY_NOTES][120];
	unsigned n;
};

/*
 * Checks a reply against the client's identity: 0 when it may be used
 * (bad list entries and bad options removed, each noted), -1 when it must
 * be dropped (err says why).
 */
int client_check_reply(const struct client_state *c, struct dhcp_message *m,
	struct reply_notes *notes, struct udhcp_error *err);
/* An address no server may lease: 0, broadcast, multicast, loopback, class E. */
bool client_bad_lease_address(uint32_t nip);

/* ---- clientsend.c: the messages, built from the state ---- */

/* Builds message `what` into b; returns its length. */
size_t client_build(const struct client_state *c, unsigned what, uint32_t ip, int64_t now,
	struct dhcp_builder *b);

#endif
