/*
 * server_model.h: udhcpd's real code driven through the fake os/ seam by
 * a random (or fuzzer-chosen) sequence of client actions, lost,
 * duplicated and reordered packets, reloads, crashes, clock jumps and disk
 * faults, with the invariants checked after every step (server_model.c).
 */
#ifndef DHCPBOX_TEST_SERVER_MODEL_H
#define DHCPBOX_TEST_SERVER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model_input.h"

struct model_stats {
	unsigned long steps, delivered, replies, acks, naks, offers, crashes, reloads, faults;
	unsigned long clock_jumps, checks, arp_conflicts, bootp;
};

/*
 * Runs up to steps steps (fewer when the input is exhausted). Returns 0,
 * or -1 after printing the broken invariant and the step (with trace,
 * every step is printed as it happens).
 */
int model_run(const struct model_input *in, unsigned long steps, bool trace, struct model_stats *st);

/*
 * The journal replay: data is the lease file the server finds at start.
 * It must start, its table must pass the invariants, and after a crash
 * the rewritten file must give the same leases back. 0, or -1 (printed).
 */
int model_replay_journal(const uint8_t *data, size_t len);

#endif
