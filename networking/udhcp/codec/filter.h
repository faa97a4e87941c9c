/*
 * filter.h: what the client's raw socket lets through (codec/filter.c),
 * pure: the classic BPF program os/socket.c attaches, and the same test
 * in C for when the kernel or an emulator refuses the program.
 */
#ifndef DHCPBOX_UDHCP_CODEC_FILTER_H
#define DHCPBOX_UDHCP_CODEC_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/bpf.h"

enum { UDHCP_FILTER_LEN = 9 };	/* instructions in the program */

/*
 * The program over an IPv4 packet without its link layer (AF_PACKET
 * SOCK_DGRAM): UDP, not a later fragment, to port (host order).
 */
void udhcp_filter_program(struct udhcp_bpf_insn prog[UDHCP_FILTER_LEN], uint16_t port);

/*
 * Would that program accept this packet? Exactly the same set of packets,
 * short ones included (a load past the end drops in BPF): the user-space
 * filter when the program could not be attached.
 */
bool udhcp_filter_accepts(const uint8_t *pkt, size_t len, uint16_t port);

#endif
