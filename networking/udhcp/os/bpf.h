/*
 * bpf.h: how a classic BPF program (codec/bpf.h) is handed to the kernel
 * (struct sock_fprog, linux/filter.h), for the packet socket filter
 * (socket.c) and the seccomp filter (seccomp.c).
 */
#ifndef DHCPBOX_UDHCP_OS_BPF_H
#define DHCPBOX_UDHCP_OS_BPF_H

#include "codec/bpf.h"

#include <sys/socket.h>

struct bpf_program {
	unsigned short len;
	const struct udhcp_bpf_insn *insns;
};

/* 26 in asm-generic, and so on every architecture we build for; glibc's
 * and musl's sys/socket.h both carry it */
#ifndef SO_ATTACH_FILTER
#define SO_ATTACH_FILTER 26
#endif

#endif
