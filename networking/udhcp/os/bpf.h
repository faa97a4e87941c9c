/*
 * bpf.h: classic BPF as the kernel takes it (linux/filter.h), for the
 * packet socket filters (socket.c) and the seccomp filter (seccomp.c);
 * spelled out here because musl's headers do not carry it.
 */
#ifndef DHCPBOX_UDHCP_OS_BPF_H
#define DHCPBOX_UDHCP_OS_BPF_H

#include <stdint.h>

struct bpf_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};
struct bpf_program {
	unsigned short len;
	const struct bpf_insn *insns;
};
enum {
	BPF_LDW_ABS = 0x20, BPF_LDB_ABS = 0x30, BPF_LDH_ABS = 0x28, BPF_LDH_IND = 0x48,
	BPF_LDX_MSH = 0xb1, BPF_JEQ_K = 0x15, BPF_JGE_K = 0x35, BPF_JSET_K = 0x45, BPF_RET_K = 0x06,
};

#endif
