/*
 * client.h: udhcpc's state, shared by client.c (the state machine) and
 * clientsend.c (the messages it sends).
 */
#ifndef DHCPBOX_UDHCP_CLIENT_H
#define DHCPBOX_UDHCP_CLIENT_H

#include "libbb.h"
#include "codec/common.h"
#include "os/socket.h"

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
};

struct client_state {
	/* configuration, from the command line */
	const char *ifname, *script, *state_file;
	uint32_t opts;
	unsigned retries, timeout, tryagain;
	uint32_t requested_ip;		/* -r, or the remembered lease */
	struct udhcp_optval *send_opts;	/* -x */
	size_t nsend_opts;
	uint8_t req_codes[255];		/* -O */
	size_t nreq_codes;
	const char *vendor, *fqdn;	/* -V, -F */
	uint16_t client_port, server_port;
	bool rapid_commit;
	/* the interface */
	struct udhcp_iface ifc;
	/* the protocol */
	enum client_state_id state;
	uint32_t xid;
	unsigned attempts;		/* messages sent in this state */
	unsigned naks;			/* NAKs since the last lease, for back-off */
	int64_t deadline;		/* monotonic ms of the next timer event */
	int64_t exchange_start;		/* for the secs field */
	uint32_t server_nip;		/* chosen or leasing server */
	uint32_t offered_ip, lease_ip;
	uint32_t lease_seconds;
	int64_t t1, t2, expiry;		/* monotonic ms */
	bool ever_bound;
	unsigned arp_ms;		/* -a: probe time, 0 when off */
	int64_t arp_end;
	/* sockets */
	int listen_fd, listen_mode, send_fd, signal_fd;
	/* exit */
	bool done;
	int exit_code;
};

enum { LISTEN_NONE, LISTEN_RAW, LISTEN_UDP, LISTEN_ARP };

/* udhcpc's options: bits in the order of its option string (client.c). */
enum {
	OPT_C = 1 << 0, OPT_V = 1 << 1, OPT_F = 1 << 2, OPT_i = 1 << 3,
	OPT_n = 1 << 4, OPT_p = 1 << 5, OPT_q = 1 << 6, OPT_R = 1 << 7,
	OPT_r = 1 << 8, OPT_s = 1 << 9, OPT_T = 1 << 10, OPT_t = 1 << 11,
	OPT_S = 1 << 12, OPT_A = 1 << 13, OPT_O = 1 << 14, OPT_o = 1 << 15,
	OPT_x = 1 << 16, OPT_f = 1 << 17, OPT_B = 1 << 18, OPT_b = 1 << 19,
	OPT_P = 1 << 20, OPT_v = 1 << 21, OPT_a = 1 << 22,
};

int64_t monotonic_ms(void);

/* clientsend.c */
void send_discover(struct client_state *c);
void send_select(struct client_state *c);	/* REQUESTING: 50 and 54 */
void send_reboot(struct client_state *c);	/* INIT-REBOOT: 50 only */
void send_renew(struct client_state *c, bool broadcast);	/* ciaddr set */
void send_release(struct client_state *c);
void send_decline(struct client_state *c, uint32_t declined_nip);

#endif
