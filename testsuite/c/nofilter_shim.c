/*
 * nofilter_shim.so: LD_PRELOAD for udhcpc_test. setsockopt(SO_ATTACH_FILTER)
 * fails with ENOPROTOOPT, as on a kernel or emulator that refuses the BPF
 * program, so the suite sees udhcpc filter in user space. Every other
 * option goes to the kernel by the raw system call (no libdl needed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { ATTACH_FILTER = 26 };	/* SO_ATTACH_FILTER */

int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	if (level == SOL_SOCKET && name == ATTACH_FILTER) {
		errno = ENOPROTOOPT;
		return -1;
	}
	return (int)syscall(SYS_setsockopt, fd, level, name, value, len);
}
