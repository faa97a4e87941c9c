/*
 * seccomp.c: the allowlist filter (see seccomp.h). The program, for N
 * allowed calls:
 *
 *	load arch; if not ours: kill the process
 *	load nr; (x86_64: x32's numbers, bit 30 set: kill)
 *	if nr == a1: allow ... if nr == aN: allow
 *	if nr == b1 and its argument == v1: allow (load nr again) ...
 *	trap (SIGSYS)
 *
 * Each test is "jeq nr, 0, 1; ret allow": jumps of 0 and 1 only, so the
 * list can grow without meeting BPF's 8-bit jump offsets. The constants
 * are the kernel ABI (linux/seccomp.h, linux/audit.h, linux/elf-em.h).
 */
#include "libbb.h"
#include "os/bpf.h"

#include <sys/syscall.h>
#include "os/seccomp.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#endif
#ifndef PR_SET_SECCOMP
#define PR_SET_SECCOMP 22
#endif

/* AUDIT_ARCH_*: the ELF machine, 0x80000000 for 64-bit, 0x40000000 for
 * little endian. An architecture not listed gets no filter (ARCH 0). */
#define LE_BIT (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? 0x40000000u : 0)
#if defined(__x86_64__) && !defined(__ILP32__)
#define ARCH 0xc000003eu
#define ARCH_NAME "x86_64"
#define X32_BIT 0x40000000u
#elif defined(__i386__)
#define ARCH 0x40000003u
#define ARCH_NAME "i386"
#elif defined(__aarch64__) && !defined(__ILP32__)
#define ARCH (0x800000b7u | LE_BIT)
#define ARCH_NAME "aarch64"
#elif defined(__arm__) && defined(__ARM_EABI__)
#define ARCH (0x28u | LE_BIT)
#define ARCH_NAME "arm"
#elif defined(__powerpc64__)
#define ARCH (0x80000015u | LE_BIT)
#define ARCH_NAME "ppc64"
#elif defined(__powerpc__)
#define ARCH (0x14u | LE_BIT)
#define ARCH_NAME "ppc"
#elif defined(__mips__) && defined(_ABIO32) && _MIPS_SIM == _ABIO32
#define ARCH (0x08u | LE_BIT)
#define ARCH_NAME "mips"
#elif defined(__mips__) && defined(_ABI64) && _MIPS_SIM == _ABI64
#define ARCH (0x80000008u | LE_BIT)
#define ARCH_NAME "mips64"
#elif defined(__riscv) && __riscv_xlen == 64
#define ARCH 0xc00000f3u
#define ARCH_NAME "riscv64"
#elif defined(__s390x__)
#define ARCH 0x80000016u
#define ARCH_NAME "s390x"
#else
#define ARCH 0u
#define ARCH_NAME NULL
#endif
#ifndef X32_BIT
#define X32_BIT 0u
#endif

enum {
	SECCOMP_MODE_FILTER = 2,
	RET_KILL_PROCESS = 0x80000000u, RET_TRAP = 0x00030000u, RET_ALLOW = 0x7fff0000u,
	DATA_NR = 0, DATA_ARCH = 4, DATA_ARGS = 16,	/* struct seccomp_data: int nr; u32 arch; u64 ip; u64 args[6] */
	/* an argument's low 32 bits: first on little endian */
	ARG_LOW = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? 0 : 4,
	FIXED_INSNS = 7,	/* arch check 3, load 1, x32 check 2, trap 1 */
};

/* The report's way out of a signal handler: only write(2) and send(2).
 * Its two prefixes are made when the filter is installed. */
static int report_log_fd = -1;
static bool report_to_syslog;
static char stderr_prefix[40], syslog_prefix[64];

static size_t put(char *buf, size_t len, size_t cap, const char *s)
{
	while (*s && len < cap)
		buf[len++] = *s++;
	return len;
}

static size_t put_number(char *buf, size_t len, size_t cap, long n)
{
	char digits[24];
	int i = 0;
	unsigned long u = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;

	do
		digits[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		digits[i++] = '-';
	while (i > 0 && len < cap)
		buf[len++] = digits[--i];
	return len;
}

/* A datagram socket connected to syslog's /dev/log, or -1. */
static int report_connect(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/*
 * SIGSYS from the filter: name the call, then die of the same signal
 * (SA_RESETHAND made the disposition the default: the raise is delivered
 * as the handler returns). Nothing here may allocate or lock: the trap
 * may have come from inside malloc or syslog.
 */
static void report_sigsys(int sig, siginfo_t *info, void *uctx)
{
	char body[96], line[200];
	size_t n = 0, len;

	(void)uctx;
	n = put(body, n, sizeof(body), "seccomp: system call ");
	n = put_number(body, n, sizeof(body), info->si_syscall);
#ifdef SYS_socketcall
	if (info->si_syscall == SYS_socketcall)	/* allowed, but not this sub-call */
		n = put(body, n, sizeof(body), " (socketcall)");
#endif
	n = put(body, n, sizeof(body), " is not in the allowed list: exiting");
	body[n < sizeof(body) ? n : sizeof(body) - 1] = '\0';
	len = put(line, put(line, 0, sizeof(line), stderr_prefix), sizeof(line) - 1, body);
	line[len++] = '\n';
	if (write(STDERR_FILENO, line, len) < 0) {
		/* stderr gone: syslog may still take it */
	}
	if (report_to_syslog) {
		len = put(line, put(line, 0, sizeof(line), syslog_prefix), sizeof(line), body);
		/* a syslogd restarted (or started) since the filter went on left
		 * us connected to nothing: once more on a new socket (socket and
		 * connect are async-signal-safe and allowed) */
		if (report_log_fd < 0 || send(report_log_fd, line, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			if (report_log_fd >= 0)
				close(report_log_fd);
			report_log_fd = report_connect();
			if (report_log_fd >= 0)
				send(report_log_fd, line, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		}
	}
	raise(sig);
}

/* The report's syslog socket (daemon.err, as syslog(3) would send it) and
 * the SIGSYS handler. */
static void report_setup(bool to_syslog)
{
	struct sigaction sa;

	snprintf(stderr_prefix, sizeof(stderr_prefix), "%s: ", applet_name);
	snprintf(syslog_prefix, sizeof(syslog_prefix), "<%d>%s[%ld]: ", 3 * 8 + 3, applet_name,
		(long)getpid());
	report_to_syslog = to_syslog;
	if (to_syslog)
		report_log_fd = report_connect();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = report_sigsys;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	sigaction(SIGSYS, &sa, NULL);
}

const char *os_seccomp_arch(void)
{
	return ARCH_NAME;
}

/* Calls allowed with one argument's value: 5 instructions each. */
static size_t add_arg_rules(struct udhcp_bpf_insn *f, size_t len, const struct os_seccomp_arg *args, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		f[len++] = (struct udhcp_bpf_insn){ BPF_JEQ_K, 0, 3, (uint32_t)args[i].nr };
		f[len++] = (struct udhcp_bpf_insn){ BPF_LDW_ABS, 0, 0, DATA_ARGS + 8 * args[i].arg + ARG_LOW };
		f[len++] = (struct udhcp_bpf_insn){ BPF_JEQ_K, 0, 1, args[i].value };
		f[len++] = (struct udhcp_bpf_insn){ BPF_RET_K, 0, 0, RET_ALLOW };
		f[len++] = (struct udhcp_bpf_insn){ BPF_LDW_ABS, 0, 0, DATA_NR };
	}
	return len;
}

int os_seccomp_install(const long *nrs, size_t n, const struct os_seccomp_arg *args, size_t nargs,
	bool to_syslog)
{
	size_t len = 0, cap = FIXED_INSNS + 2 * n + 5 * nargs;
	struct udhcp_bpf_insn *f;
	struct bpf_program prog;
	int r;

	if (!ARCH || cap > 4096) {
		errno = ARCH ? E2BIG : ENOSYS;
		return -1;
	}
	f = xzalloc(cap * sizeof(*f));
	f[len++] = (struct udhcp_bpf_insn){ BPF_LDW_ABS, 0, 0, DATA_ARCH };
	f[len++] = (struct udhcp_bpf_insn){ BPF_JEQ_K, 1, 0, ARCH };
	f[len++] = (struct udhcp_bpf_insn){ BPF_RET_K, 0, 0, RET_KILL_PROCESS };
	f[len++] = (struct udhcp_bpf_insn){ BPF_LDW_ABS, 0, 0, DATA_NR };
	if (X32_BIT) {
		/* x86_64's x32 ABI shares the arch value: its calls carry bit 30 */
		f[len++] = (struct udhcp_bpf_insn){ BPF_JGE_K, 0, 1, X32_BIT };
		f[len++] = (struct udhcp_bpf_insn){ BPF_RET_K, 0, 0, RET_KILL_PROCESS };
	}
	for (size_t i = 0; i < n; i++) {
		f[len++] = (struct udhcp_bpf_insn){ BPF_JEQ_K, 0, 1, (uint32_t)nrs[i] };
		f[len++] = (struct udhcp_bpf_insn){ BPF_RET_K, 0, 0, RET_ALLOW };
	}
	len = add_arg_rules(f, len, args, nargs);
	f[len++] = (struct udhcp_bpf_insn){ BPF_RET_K, 0, 0, RET_TRAP };
	prog = (struct bpf_program){ (unsigned short)len, f };
	report_setup(to_syslog);
	/* required of a process without CAP_SYS_ADMIN; and no execve could
	 * gain privileges the filter did not foresee */
	r = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (r == 0)
		r = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	free(f);
	return r;
}
