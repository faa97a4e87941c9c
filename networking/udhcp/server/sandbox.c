/*
 * sandbox.c: the system calls udhcpd makes once it is set up, and the
 * seccomp filter allowing only those (FEATURE_UDHCPD_SECCOMP). Everything
 * that needs more was done before: sockets opened and bound, the
 * privileges dropped, the lease file read. The list was found with strace
 * -f over the udhcpd suites and is tested by running them under it; a call
 * missing from it kills the server with one log line naming its number
 * (os/seccomp.c), which is louder and safer than a server that goes on
 * after a call failed in a way its code never expected.
 *
 * Names not on an architecture (open on aarch64, socketcall off i386) are
 * left out by their #ifdef. Not installed:
 * - with notify_file, whose program would inherit the filter (execve
 *   keeps it) and make calls nobody can list;
 * - in a sanitizer build (make SANITIZE=1): ASan's leak check at exit
 *   stops the world with clone and ptrace, and its reports read
 *   /proc/self/maps and run a symbolizer; allowing those would leave
 *   little of the filter, so it is skipped with a log line instead;
 * - with -Z.
 */
#include "libbb.h"
#include "os/seccomp.h"
#include "server/server.h"

#include <sys/ioctl.h>
#include <sys/syscall.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static const long allowed[] = {
	/* the requests and replies (UDP, ARP), the journal, stderr */
#ifdef SYS_read
	SYS_read,
#endif
#ifdef SYS_write
	SYS_write,
#endif
#ifdef SYS_writev
	SYS_writev,
#endif
#ifdef SYS_readv
	SYS_readv,
#endif
#ifdef SYS_pread64
	SYS_pread64,
#endif
#ifdef SYS_recvfrom
	SYS_recvfrom,
#endif
#ifdef SYS_recvmsg
	SYS_recvmsg,
#endif
#ifdef SYS_recv
	SYS_recv,
#endif
#ifdef SYS_sendto
	SYS_sendto,
#endif
#ifdef SYS_send
	SYS_send,
#endif
#ifdef SYS_sendmsg
	SYS_sendmsg,
#endif
	/* the poll loop; a poll interrupted by a signal is restarted */
#ifdef SYS_poll
	SYS_poll,
#endif
#ifdef SYS_ppoll
	SYS_ppoll,
#endif
#ifdef SYS_ppoll_time64
	SYS_ppoll_time64,
#endif
#ifdef SYS_restart_syscall
	SYS_restart_syscall,
#endif
	/* the lease file's rewrite (temp file, fsync, rename, directory fsync), a failed append cut back, the pidfile emptied or removed at exit, the config re-read on SIGHUP */
#ifdef SYS_openat
	SYS_openat,
#endif
#ifdef SYS_open
	SYS_open,
#endif
#ifdef SYS_close
	SYS_close,
#endif
#ifdef SYS_fstat
	SYS_fstat,
#endif
#ifdef SYS_newfstatat
	SYS_newfstatat,
#endif
#ifdef SYS_fstatat64
	SYS_fstatat64,
#endif
#ifdef SYS_fstat64
	SYS_fstat64,
#endif
#ifdef SYS_stat
	SYS_stat,
#endif
#ifdef SYS_stat64
	SYS_stat64,
#endif
#ifdef SYS_lstat
	SYS_lstat,
#endif
#ifdef SYS_lstat64
	SYS_lstat64,
#endif
#ifdef SYS_statx
	SYS_statx,
#endif
#ifdef SYS_lseek
	SYS_lseek,
#endif
#ifdef SYS__llseek
	SYS__llseek,
#endif
#ifdef SYS_fsync
	SYS_fsync,
#endif
#ifdef SYS_fdatasync
	SYS_fdatasync,
#endif
#ifdef SYS_ftruncate
	SYS_ftruncate,
#endif
#ifdef SYS_ftruncate64
	SYS_ftruncate64,
#endif
#ifdef SYS_rename
	SYS_rename,
#endif
#ifdef SYS_renameat
	SYS_renameat,
#endif
#ifdef SYS_renameat2
	SYS_renameat2,
#endif
#ifdef SYS_unlink
	SYS_unlink,
#endif
#ifdef SYS_unlinkat
	SYS_unlinkat,
#endif
#ifdef SYS_fcntl
	SYS_fcntl,
#endif
#ifdef SYS_fcntl64
	SYS_fcntl64,
#endif
	/* syslog(3) reconnecting to /dev/log; host names of a dhcpd.conf resolved again on SIGHUP (DNS over UDP or TCP) */
#ifdef SYS_socket
	SYS_socket,
#endif
#ifdef SYS_connect
	SYS_connect,
#endif
#ifdef SYS_sendmmsg
	SYS_sendmmsg,
#endif
	/* what the C library's resolver and qsort need on a reload (cold review:
	 * each killed a reload): glibc sets IP_RECVERR on its DNS socket, binds
	 * and reads its name to sort several answers (RFC 3484), runs its
	 * once-only set-up under a futex and reads uname for the domain; musl
	 * binds every DNS socket; glibc's qsort asks sysinfo how much memory
	 * there is once an array is 1 KB (256 fixed addresses); musl's raise()
	 * is tkill */
#ifdef SYS_setsockopt
	SYS_setsockopt,
#endif
#ifdef SYS_getsockopt
	SYS_getsockopt,
#endif
#ifdef SYS_bind
	SYS_bind,
#endif
#ifdef SYS_getsockname
	SYS_getsockname,
#endif
#ifdef SYS_getpeername
	SYS_getpeername,
#endif
#ifdef SYS_futex
	SYS_futex,
#endif
#ifdef SYS_futex_time64
	SYS_futex_time64,
#endif
#ifdef SYS_uname
	SYS_uname,
#endif
#ifdef SYS_sysinfo
	SYS_sysinfo,
#endif
#ifdef SYS_tkill
	SYS_tkill,
#endif
	/* signals: the signal pipe's handlers, and the SIGSYS report's raise() */
#ifdef SYS_getpid
	SYS_getpid,
#endif
#ifdef SYS_gettid
	SYS_gettid,
#endif
#ifdef SYS_tgkill
	SYS_tgkill,
#endif
#ifdef SYS_rt_sigaction
	SYS_rt_sigaction,
#endif
#ifdef SYS_rt_sigprocmask
	SYS_rt_sigprocmask,
#endif
#ifdef SYS_rt_sigreturn
	SYS_rt_sigreturn,
#endif
#ifdef SYS_sigreturn
	SYS_sigreturn,
#endif
	/* malloc */
#ifdef SYS_mmap
	SYS_mmap,
#endif
#ifdef SYS_mmap2
	SYS_mmap2,
#endif
#ifdef SYS_munmap
	SYS_munmap,
#endif
#ifdef SYS_mremap
	SYS_mremap,
#endif
#ifdef SYS_brk
	SYS_brk,
#endif
#ifdef SYS_mprotect
	SYS_mprotect,
#endif
#ifdef SYS_madvise
	SYS_madvise,
#endif
#ifdef SYS_getrandom
	SYS_getrandom,
#endif
	/* CLOCK_MONOTONIC and UTC where the vDSO does not answer */
#ifdef SYS_clock_gettime
	SYS_clock_gettime,
#endif
#ifdef SYS_clock_gettime64
	SYS_clock_gettime64,
#endif
#ifdef SYS_gettimeofday
	SYS_gettimeofday,
#endif
#ifdef SYS_time
	SYS_time,
#endif
	/* the end */
#ifdef SYS_exit_group
	SYS_exit_group,
#endif
#ifdef SYS_exit
	SYS_exit,
#endif
};

/* glibc's resolver asks how long the DNS answer waiting is (FIONREAD)
 * when a reload resolves a dhcpd.conf's host names; no other ioctl */
static const struct os_seccomp_arg allowed_args[] = {
	{ SYS_ioctl, 1, FIONREAD },
#ifdef SYS_socketcall
	/* i386 and ppc multiplex the socket calls (socketcall): only those of
	 * the list above by their number (linux/net.h), not listen or accept */
	{ SYS_socketcall, 0, 1 },	/* socket */
	{ SYS_socketcall, 0, 2 },	/* bind */
	{ SYS_socketcall, 0, 3 },	/* connect */
	{ SYS_socketcall, 0, 6 },	/* getsockname */
	{ SYS_socketcall, 0, 7 },	/* getpeername */
	{ SYS_socketcall, 0, 9 },	/* send */
	{ SYS_socketcall, 0, 10 },	/* recv */
	{ SYS_socketcall, 0, 11 },	/* sendto */
	{ SYS_socketcall, 0, 12 },	/* recvfrom */
	{ SYS_socketcall, 0, 14 },	/* setsockopt */
	{ SYS_socketcall, 0, 15 },	/* getsockopt */
	{ SYS_socketcall, 0, 16 },	/* sendmsg */
	{ SYS_socketcall, 0, 17 },	/* recvmsg */
	{ SYS_socketcall, 0, 20 },	/* sendmmsg */
#endif
};

void server_seccomp(struct server_state *s, bool off)
{
	size_t n = sizeof(allowed) / sizeof(allowed[0]);

	if (off) {
		bb_info_msg("seccomp: no filter (-Z)");
		return;
	}
	if (s->cfg.notify_file[0]) {
		bb_info_msg("seccomp: no filter: notify_file %s would run under it", s->cfg.notify_file);
		return;
	}
	if (SANITIZED) {
		bb_info_msg("seccomp: no filter in a sanitizer build (its leak check needs clone and ptrace)");
		return;
	}
	if (!os_seccomp_arch()) {
		bb_error_msg("seccomp is unavailable: no filter is known for this architecture");
		return;
	}
	if (os_seccomp_install(allowed, n, allowed_args, sizeof(allowed_args) / sizeof(allowed_args[0]),
	    (logmode & LOGMODE_SYSLOG) != 0) < 0) {
		bb_perror_msg("seccomp: can't install the filter, running without it");
		return;
	}
	s->seccomp_on = true;
	bb_info_msg("seccomp: %zu system calls allowed (%s)", n, os_seccomp_arch());
}
