/*
 * filter.c: the client's packet filter, once for the kernel (classic BPF,
 * attached by os/socket.c) and once in C for when the kernel or an
 * emulator refuses it (qemu-user, a kernel without CONFIG_FILTER). Both
 * must accept exactly the same packets: the codec suite runs the program
 * in an interpreter next to udhcp_filter_accepts over the same frames.
 *
 * The filter only spares the client what cannot be for it; the checks
 * that matter (version, lengths, checksums) are udhcp_verify_ip_udp's.
 */
#include "codec/filter.h"

enum {
	OFF_FRAG = 6,		/* flags and fragment offset */
	OFF_PROTO = 9,
	FRAG_OFFSET_MASK = 0x1fff,	/* MF alone is a first fragment: kept, as by BPF */
	PROTO_UDP = 17,
};

void udhcp_filter_program(struct udhcp_bpf_insn prog[UDHCP_FILTER_LEN], uint16_t port)
{
	const struct udhcp_bpf_insn insns[UDHCP_FILTER_LEN] = {
		{ BPF_LDB_ABS, 0, 0, OFF_PROTO },	/* IP protocol */
		{ BPF_JEQ_K, 0, 6, PROTO_UDP },		/* UDP, else drop */
		{ BPF_LDH_ABS, 0, 0, OFF_FRAG },
		{ BPF_JSET_K, 4, 0, FRAG_OFFSET_MASK },	/* a later fragment: drop */
		{ BPF_LDX_MSH, 0, 0, 0 },		/* X = IP header length */
		{ BPF_LDH_IND, 0, 0, 2 },		/* UDP destination port */
		{ BPF_JEQ_K, 0, 1, port },
		{ BPF_RET_K, 0, 0, 0xffffffff },	/* accept */
		{ BPF_RET_K, 0, 0, 0 },			/* drop */
	};

	for (int i = 0; i < UDHCP_FILTER_LEN; i++)
		prog[i] = insns[i];
}

bool udhcp_filter_accepts(const uint8_t *pkt, size_t len, uint16_t port)
{
	size_t ihl;

	/* each test as the instruction above it: a load past the end drops */
	if (len <= OFF_PROTO || pkt[OFF_PROTO] != PROTO_UDP)
		return false;
	if (((pkt[OFF_FRAG] << 8 | pkt[OFF_FRAG + 1]) & FRAG_OFFSET_MASK) != 0)
		return false;
	/* BPF's X = 4 * (IHL): not checked against 20, so neither here */
	ihl = (size_t)(pkt[0] & 0x0f) * 4;
	if (len < ihl + 4)
		return false;
	return (pkt[ihl + 2] << 8 | pkt[ihl + 3]) == port;
}
