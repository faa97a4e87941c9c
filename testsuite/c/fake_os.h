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

enum { FAKE_FILES = 8, FAKE_FD_BASE = 100, FAKE_ARP_QUEUE = 64, FAKE_SOCKS = 16, FAKE_SOCK_BASE = 200 };

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

/* The sockets the client opens (fds FAKE_SOCK_BASE...). */
enum fake_sock_kind { SOCK_FREE, SOCK_RAW_LISTEN, SOCK_RAW_SEND, SOCK_UDP, SOCK_ARP };
struct fake_sock {
	uint8_t kind;
	int ifindex;		/* the interface it was opened on (raw, ARP) */
	uint32_t bound_nip;	/* UDP */
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
	/* the client's link: the interface, its sockets, its script */
	bool iface_present;		/* else udhcp_iface_read fails (ENODEV) */
	int ifindex;
	uint8_t mac[6];
	bool arp_open_ok;		/* the server model has no ARP socket */
	unsigned listen_faults;		/* listening opens still to fail */
	unsigned long listen_opens;	/* listening opens tried */
	unsigned stale_sends;		/* sends in a row to an old interface index */
	uint32_t configured_nip;	/* what UDP sockets may bind to */
	struct fake_sock socks[FAKE_SOCKS];
	/* what the client's listening socket holds: raw frames or UDP payloads */
	struct { uint8_t data[1600]; size_t len; } rx[4];
	unsigned rx_n;
	bool rx_error;			/* the next receive fails (ENETDOWN) */
	/* a send that failed: to an old index (stale), or with no interface */
	void (*on_raw_failed)(const void *msg, size_t len, bool stale);
	int (*on_raw)(const void *msg, size_t len, int ifindex, uint32_t src, uint32_t dst);
	int (*on_script)(const char *event, char **env);
};

extern struct fake_world fake;

/* The machine loses power: every file is what its last good fsync left. */
void fake_crash(void);
void fake_free(void);
/* A file as if written and fsynced long ago. */
void fake_put_file(const char *path, const void *data, size_t len);
/* What is on the disk for path (not NUL-terminated), or NULL. */
const char *fake_disk_text(const char *path, size_t *len);

/* The socket behind fd, or NULL when it is not one of ours. */
struct fake_sock *fake_sock_of(int fd);

#endif
