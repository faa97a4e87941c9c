/*
 * run.h: carrying out what udhcpc's state machine decided (run.c), through
 * os/ only: the sockets, the script, the remembered lease. The poll loop
 * (client.c) and the model test both drive the client through these.
 */
#ifndef DHCPBOX_UDHCP_CLIENT_RUN_H
#define DHCPBOX_UDHCP_CLIENT_RUN_H

#include "client/client.h"

struct client_run {
	struct client_state *c;
	int listen_fd, listen_mode, send_fd;
	bool iface_lost;		/* logged once until it is back */
	bool no_filter_noted, no_status_noted;	/* raw socket refusals, logged once */
	struct dhcp_message *msg;	/* the reply being handled */
	uint8_t *buf;			/* DHCP_MAX_RECV + 64 */
	struct client_actions out;
};

/* Allocates the buffers; the state's configuration must be set. */
void client_run_init(struct client_run *r, struct client_state *c);
/* Its sockets closed, its buffers freed (at exit). */
void client_run_free(struct client_run *r);
/* The events, each carried out at once (actions, then the socket the new
 * state listens on). memo: the remembered lease, NULL when none. */
void client_run_start(struct client_run *r, const struct remembered_lease *memo);
void client_run_timer(struct client_run *r);
void client_run_signal(struct client_run *r, int sig);
/* What waits on the listening socket: a bounded batch. */
void client_run_receive(struct client_run *r);
/* One datagram: a raw IPv4 packet (raw) or a UDP payload. */
void client_run_datagram(struct client_run *r, const uint8_t *buf, size_t len, bool raw,
	bool csum_unverified);
/* An ARP packet (while checking an address). */
void client_run_arp(struct client_run *r, const uint8_t *pkt, size_t len);
/* ms until the next timer event (0: now), or -1 for none. */
int client_run_wait_ms(const struct client_run *r);

#endif
