/*
 * client_model.h: udhcpc's real code (state.c, run.c, the message
 * builders, the remembered lease) driven through the fake os/ seam by a
 * random (or fuzzer-chosen) world: up to three servers that answer,
 * stay silent, NAK, lose, duplicate and reorder replies or send hostile
 * ones; T1/T2/lease nonsense; clock jumps; interfaces that vanish or come
 * back with another index or MAC; sockets that fail to open; restarts.
 * The invariants are checked after every step (client_model.c).
 */
#ifndef DHCPBOX_TEST_CLIENT_MODEL_H
#define DHCPBOX_TEST_CLIENT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model_input.h"

struct client_model_stats {
	unsigned long steps, sent, delivered, lost, binds, renews, naks, hostile, cleaned;
	unsigned long restarts, iface_changes, listen_faults, clock_jumps, arp_conflicts;
	unsigned long expiries, late_reboot_acks, releases, checks;
};

/* 0, or -1 after printing the broken invariant (trace: every step). */
int client_model_run(const struct model_input *in, unsigned long steps, bool trace,
	struct client_model_stats *st);

#endif
