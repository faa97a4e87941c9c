/*
 * fake_os.h: the fake os/ seam (fake_os.c) that the model test and the
 * server fuzzer link in place of networking/udhcp/os/.
 */
#ifndef DHCPBOX_TEST_FAKE_OS_H
#define DHCPBOX_TEST_FAKE_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { FAKE_FILES = 8, FAKE_FD_BASE = 100, FAKE_ARP_QUEUE = 64 };

enum fake_fault {
	FAULT_NONE,
	FAULT_APPEND_ENOSPC,	/* write: nothing written, ENOSPC */
	FAULT_APPEND_SHORT,	/* write: half written, then ENOSPC */
	FAULT_TRUNCATE,		/* ftruncate: EIO */
	FAULT_SYNC,		/* fdatasync: EIO, its pages lost */
	FAULT_REPLACE,		/* the rewrite fails before its rename */
	FAULT_REPLACE_DIRSYNC,	/* renamed, but the directory's fsync fails */
	FAULT_READ,		/* reading the file at start: EIO */
	FAULT_KINDS
};

struct fake_buf {
	char *data;
	size_t len, cap;
};

struct fake_file {
	bool used, open, lost;
	bool orphan;			/* renamed over while open: unlinked */
	bool rename_volatile;		/* its rename is not durable yet */
	char path[256];
	struct fake_buf cache, disk;	/* what reads see; what survives a crash */
	struct fake_buf prev_disk;	/* rename_volatile: what a crash brings back */
	size_t lost_from, lost_end;	/* bytes a failed fsync lost */
};

struct fake_world {
	int64_t mono_ms, wall_offset;	/* wall = mono / 1000 + wall_offset */
	struct fake_file files[FAKE_FILES];
	unsigned fault_calls[FAULT_KINDS];	/* calls of each kind still to fail */
	unsigned long faults_hit, replaces, scripts_run;
	bool step_faulted;		/* a fault hit since the test cleared it */
	bool trace;			/* print what the disk does */
	void (*on_udp)(const void *msg, size_t len, uint32_t dst_nip, uint16_t dport);
	void (*on_arp)(const uint8_t *pkt);
	uint8_t arp_queue[FAKE_ARP_QUEUE][28];
	unsigned arp_head, arp_tail;
};

extern struct fake_world fake;

/* The machine loses power: every file is what its last good fsync left. */
void fake_crash(void);
void fake_free(void);
/* A file as if written and fsynced long ago. */
void fake_put_file(const char *path, const void *data, size_t len);
/* What is on the disk for path (not NUL-terminated), or NULL. */
const char *fake_disk_text(const char *path, size_t *len);

#endif
