/*
 * bpf.h: classic BPF instructions (linux/filter.h's struct sock_filter and
 * the opcodes of linux/bpf_common.h that we use), pure: the client's packet
 * filter (codec/filter.c) and udhcpd's seccomp allowlist (os/seccomp.c)
 * are both written in it. Spelled out because musl's headers do not carry
 * linux/filter.h.
 */
#ifndef DHCPBOX_UDHCP_CODEC_BPF_H
#define DHCPBOX_UDHCP_CODEC_BPF_H

#include <stdint.h>

struct udhcp_bpf_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

enum {
	BPF_LDW_ABS = 0x20, BPF_LDB_ABS = 0x30, BPF_LDH_ABS = 0x28, BPF_LDH_IND = 0x48,
	BPF_LDX_MSH = 0xb1, BPF_JEQ_K = 0x15, BPF_JGE_K = 0x35, BPF_JSET_K = 0x45, BPF_RET_K = 0x06,
};

#endif
