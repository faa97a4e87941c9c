/*
 * seccomp.h: a system call allowlist for the running process (seccomp.c),
 * raw seccomp BPF (no libseccomp). Calls are numbered as on the
 * architecture the binary was built for; the filter also checks that
 * architecture, so a call through another ABI (i386's int 0x80 on
 * x86_64, x32) never matches a number meant for ours.
 */
#ifndef DHCPBOX_UDHCP_OS_SECCOMP_H
#define DHCPBOX_UDHCP_OS_SECCOMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A call allowed only when one of its arguments has one value (its low 32
 * bits compared: an ioctl's request is 32 bits). */
struct os_seccomp_arg {
	long nr;
	unsigned arg;		/* 0..5 */
	uint32_t value;
};

/* The architecture the filter is built for, or NULL: none known here. */
const char *os_seccomp_arch(void);
/*
 * From now on only the calls in nrs[], and those of args[] with their
 * argument's value; any other is trapped: one line on stderr (and syslog when
 * to_syslog) naming its number, then death by SIGSYS. Another
 * architecture's ABI kills at once. -1 with errno: ENOSYS for an unknown
 * architecture, else the kernel's refusal (EINVAL: no seccomp).
 */
int os_seccomp_install(const long *nrs, size_t n, const struct os_seccomp_arg *args, size_t nargs,
	bool to_syslog);

#endif
