/*
 * fake_os.c: the os/ seam faked for the model test and the server fuzzer
 * (the design's "tests and fuzzers link a fake instead"): a clock the
 * test sets, a disk held in memory that fails when told to (ENOSPC, EIO,
 * short writes, a failed rename) and crashes (only what an fsync that
 * succeeded covered survives), UDP and ARP sockets that hand every packet
 * to the test. The server's own code runs unchanged on top of it.
 */
#include "fake_os.h"

#include "os/arp.h"
#include "os/clock.h"
#include "os/file.h"
#include "os/script.h"
#include "os/socket.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct fake_world fake;

/* ---- clock ---- */

int64_t os_mono_ms(void)
{
	return fake.mono_ms;
}

int64_t os_wall_s(void)
{
	return fake.mono_ms / 1000 + fake.wall_offset;
}

/* ---- disk: the lease file, and the files a rewrite left unlinked ---- */

static void buf_free(struct fake_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static void slot_free(struct fake_file *f)
{
	buf_free(&f->cache);
	buf_free(&f->disk);
	buf_free(&f->prev_disk);
	memset(f, 0, sizeof(*f));
}

static struct fake_file *file_at(const char *path, bool create)
{
	for (unsigned i = 0; i < FAKE_FILES; i++)
		if (fake.files[i].used && !fake.files[i].orphan && strcmp(fake.files[i].path, path) == 0)
			return &fake.files[i];
	if (!create)
		return NULL;
	for (unsigned i = 0; i < FAKE_FILES; i++) {
		struct fake_file *f = &fake.files[i];

		if (!f->used) {
			slot_free(f);
			f->used = true;
			snprintf(f->path, sizeof(f->path), "%s", path);
			return f;
		}
	}
	abort();
}

static void put_bytes(struct fake_buf *b, size_t at, const void *p, size_t n)
{
	if (at + n > b->cap) {
		b->cap = (at + n) * 2 + 4096;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			abort();
	}
	if (n)
		memcpy(b->data + at, p, n);
	if (at + n > b->len)
		b->len = at + n;
}

static void buf_copy(struct fake_buf *to, const struct fake_buf *from)
{
	to->len = 0;
	put_bytes(to, 0, from->data, from->len);
	to->len = from->len;
}

/* A fault planned for this kind of call: consumed, and noted. */
static bool fault(enum fake_fault kind)
{
	if (fake.fault_calls[kind] == 0)
		return false;
	fake.fault_calls[kind]--;
	fake.faults_hit++;
	fake.step_faulted = true;
	return true;
}

static struct fake_file *file_of_fd(int fd)
{
	int i = fd - FAKE_FD_BASE;

	if (i < 0 || i >= FAKE_FILES || !fake.files[i].used || !fake.files[i].open)
		return NULL;
	return &fake.files[i];
}

int os_file_open_append(const char *path)
{
	struct fake_file *f = file_at(path, true);

	if (f->open)
		abort();	/* the server opens its journal once */
	f->open = true;
	return FAKE_FD_BASE + (int)(f - fake.files);
}

int64_t os_file_size(int fd)
{
	struct fake_file *f = file_of_fd(fd);

	return f ? (int64_t)f->cache.len : -1;
}

int os_file_append(int fd, const void *buf, size_t len)
{
	struct fake_file *f = file_of_fd(fd);

	if (!f)
		return errno = EBADF, -1;
	if (fault(FAULT_APPEND_ENOSPC))
		return errno = ENOSPC, -1;
	if (fault(FAULT_APPEND_SHORT)) {
		put_bytes(&f->cache, f->cache.len, buf, len / 2);
		return errno = ENOSPC, -1;
	}
	put_bytes(&f->cache, f->cache.len, buf, len);
	return 0;
}

int os_file_truncate(int fd, int64_t size)
{
	struct fake_file *f = file_of_fd(fd);

	if (!f || size < 0 || (size_t)size > f->cache.len)
		return errno = EINVAL, -1;
	if (fault(FAULT_TRUNCATE))
		return errno = EIO, -1;
	if (fake.trace)
		printf("  fake: truncate %zu -> %lld\n", f->cache.len, (long long)size);
	f->cache.len = (size_t)size;
	return 0;
}

/*
 * A failed fsync loses what it covered for good: Linux marks the pages
 * clean, the cache keeps showing them, the disk never gets them, and a
 * later fsync that succeeds does not bring them back (the disk has zeros
 * there). Only a new file (os_file_replace) clears the damage.
 */
int os_file_sync(int fd)
{
	struct fake_file *f = file_of_fd(fd);

	if (!f)
		return errno = EBADF, -1;
	if (fault(FAULT_SYNC)) {
		if (fake.trace)
			printf("  fake: fsync fails at %zu, cache %zu\n", f->disk.len, f->cache.len);
		if (!f->lost) {
			f->lost = true;
			f->lost_from = f->disk.len;
		}
		f->lost_end = f->cache.len;
		return errno = EIO, -1;
	}
	buf_copy(&f->disk, &f->cache);
	if (f->lost && f->lost_from < f->disk.len)
		memset(f->disk.data + f->lost_from, 0,
			(f->lost_end < f->disk.len ? f->lost_end : f->disk.len) - f->lost_from);
	return 0;
}

void os_file_close(int fd)
{
	struct fake_file *f = file_of_fd(fd);

	if (f && f->orphan)
		slot_free(f);
	else if (f)
		f->open = false;
}

/*
 * The rename makes the old file an orphan (an fd still open on it writes
 * where no reader will look) and the new one the path's. FAULT_REPLACE
 * fails before the rename; FAULT_REPLACE_DIRSYNC after it: the path shows
 * the new file, but a crash brings the old one back.
 */
int os_file_replace(const char *path, int (*fill)(void *ctx, char *buf, size_t cap), void *ctx)
{
	struct fake_buf text = { 0 }, prev = { 0 };
	struct fake_file *f, *old = file_at(path, false);
	char buf[4096];
	bool volatile_rename;
	int n;

	while ((n = fill(ctx, buf, sizeof(buf))) > 0)
		put_bytes(&text, text.len, buf, (size_t)n);
	if (n < 0 || fault(FAULT_REPLACE)) {
		buf_free(&text);
		return errno = ENOSPC, -1;
	}
	volatile_rename = fault(FAULT_REPLACE_DIRSYNC);
	if (old) {
		/* what a crash brings back: the old name's durable content */
		buf_copy(&prev, old->rename_volatile ? &old->prev_disk : &old->disk);
		if (old->open) {
			old->orphan = true;
			snprintf(old->path, sizeof(old->path), "(deleted)");
		} else {
			slot_free(old);
		}
	}
	f = file_at(path, true);
	f->cache = text;
	buf_copy(&f->disk, &text);
	f->rename_volatile = volatile_rename && old;
	if (f->rename_volatile)
		f->prev_disk = prev;
	else
		buf_free(&prev);
	fake.replaces++;	/* kept, or only until a crash: the model keeps both offsets */
	if (fake.trace)
		printf("  fake: %s replaced, %zu bytes%s\n", path, text.len,
			volatile_rename ? " (directory fsync failed)" : "");
	if (volatile_rename)
		return errno = EIO, 1;
	return 0;
}

/* Taken as durable at once: a memo a crash brings back only costs an
 * INIT-REBOOT that the server answers or ignores. */
int os_file_remove(const char *path)
{
	struct fake_file *f = file_at(path, false);

	if (f && !f->open)
		slot_free(f);
	else if (f)
		abort();	/* nobody removes an open file */
	return 0;
}

char *os_file_read(const char *path, size_t *len)
{
	struct fake_file *f = file_at(path, false);
	char *text;

	if (!f)
		return errno = ENOENT, NULL;
	if (fault(FAULT_READ))
		return errno = EIO, NULL;
	text = malloc(f->cache.len + 1);
	if (!text)
		abort();
	if (f->cache.len)
		memcpy(text, f->cache.data, f->cache.len);
	text[f->cache.len] = '\0';
	*len = f->cache.len;
	return text;
}

void fake_crash(void)
{
	for (unsigned i = 0; i < FAKE_FILES; i++) {
		struct fake_file *f = &fake.files[i];

		if (!f->used)
			continue;
		if (f->orphan) {
			slot_free(f);	/* unlinked: gone with the last fd */
			continue;
		}
		if (f->rename_volatile) {
			buf_copy(&f->disk, &f->prev_disk);
			f->rename_volatile = false;
		}
		buf_copy(&f->cache, &f->disk);
		f->open = false;
	}
}

void fake_put_file(const char *path, const void *data, size_t len)
{
	struct fake_file *f = file_at(path, true);

	f->cache.len = 0;
	put_bytes(&f->cache, 0, data, len);
	buf_copy(&f->disk, &f->cache);
}

void fake_free(void)
{
	for (unsigned i = 0; i < FAKE_FILES; i++)
		slot_free(&fake.files[i]);
}

const char *fake_disk_text(const char *path, size_t *len)
{
	struct fake_file *f = file_at(path, false);

	if (f && f->rename_volatile) {
		*len = f->prev_disk.len;	/* what a crash now would leave */
		return f->prev_disk.data;
	}
	*len = f ? f->disk.len : 0;
	return f ? f->disk.data : NULL;
}

/* ---- sockets ---- */

int udhcp_udp_send(int fd, const void *msg, size_t len, uint32_t dst_nip, uint16_t dport)
{
	struct fake_sock *s = fake_sock_of(fd);

	if (s && (!fake.iface_present || s->ifindex != fake.ifindex))
		return errno = ENETUNREACH, -1;
	if (fake.on_udp)
		fake.on_udp(msg, len, dst_nip, dport);
	return 0;
}

int arp_send(int fd, int ifindex, const uint8_t pkt[ARP_PACKET_LEN])
{
	(void)fd;
	(void)ifindex;
	if (fake.on_arp)
		fake.on_arp(pkt);
	return 0;
}

int arp_recv(int fd, uint8_t *buf, size_t cap)
{
	(void)fd;
	if (fake.arp_head == fake.arp_tail || cap < ARP_PACKET_LEN)
		return errno = EAGAIN, -1;
	memcpy(buf, fake.arp_queue[fake.arp_head++ % FAKE_ARP_QUEUE], ARP_PACKET_LEN);
	return ARP_PACKET_LEN;
}

static int sock_open(enum fake_sock_kind kind, int ifindex)
{
	for (int i = 0; i < FAKE_SOCKS; i++) {
		if (fake.socks[i].kind == SOCK_FREE) {
			fake.socks[i] = (struct fake_sock){ (uint8_t)kind, ifindex, 0 };
			return FAKE_SOCK_BASE + i;
		}
	}
	abort();	/* the client leaks sockets */
}

struct fake_sock *fake_sock_of(int fd)
{
	int i = fd - FAKE_SOCK_BASE;

	if (i < 0 || i >= FAKE_SOCKS || fake.socks[i].kind == SOCK_FREE)
		return NULL;
	return &fake.socks[i];
}

/* A listening open: fails when told to, or on an interface that is gone. */
static int listen_open(enum fake_sock_kind kind, int ifindex)
{
	fake.listen_opens++;
	if (fake.listen_faults) {
		fake.listen_faults--;
		fake.faults_hit++;
		return errno = ENOBUFS, -1;
	}
	if (!fake.iface_present || ifindex != fake.ifindex)
		return errno = ENODEV, -1;
	return sock_open(kind, ifindex);
}

int arp_open(int ifindex)
{
	if (!fake.arp_open_ok)
		return errno = EPERM, -1;
	return listen_open(SOCK_ARP, ifindex);
}

int udhcp_iface_read(const char *name, struct udhcp_iface *ifc)
{
	if (!fake.iface_present)
		return errno = ENODEV, -1;
	memset(ifc, 0, sizeof(*ifc));
	snprintf(ifc->name, sizeof(ifc->name), "%s", name);
	ifc->ifindex = fake.ifindex;
	memcpy(ifc->mac, fake.mac, 6);
	return 0;
}

int udhcp_raw_listen(int ifindex, uint16_t port, struct udhcp_raw_caps *caps)
{
	(void)port;
	caps->filter_errno = caps->auxdata_errno = 0;
	return listen_open(SOCK_RAW_LISTEN, ifindex);
}

/* The next datagram queued for a listening socket of this kind. */
static ssize_t rx_pop(int fd, enum fake_sock_kind kind, uint8_t *buf, size_t cap)
{
	struct fake_sock *s = fake_sock_of(fd);
	size_t n;

	if (!s || s->kind != kind)
		abort();	/* reading a socket it does not have */
	if (fake.rx_error) {
		fake.rx_error = false;
		fake.rx_n = 0;
		return errno = ENETDOWN, -1;
	}
	if (!fake.rx_n)
		return errno = EAGAIN, -1;
	n = fake.rx[0].len < cap ? fake.rx[0].len : cap;
	memcpy(buf, fake.rx[0].data, n);
	memmove(&fake.rx[0], &fake.rx[1], (--fake.rx_n) * sizeof(fake.rx[0]));
	return (ssize_t)n;
}

ssize_t udhcp_raw_recv(int fd, uint8_t *buf, size_t cap, bool *csum_unverified)
{
	*csum_unverified = false;
	return rx_pop(fd, SOCK_RAW_LISTEN, buf, cap);
}

int udhcp_raw_sender(void)
{
	return sock_open(SOCK_RAW_SEND, 0);
}

int udhcp_raw_send(int fd, int ifindex, const void *msg, size_t len,
	uint32_t src_nip, uint16_t sport, uint32_t dst_nip, uint16_t dport,
	const uint8_t *dst_mac)
{
	struct fake_sock *s = fake_sock_of(fd);

	(void)sport, (void)dport, (void)dst_mac;
	if (!s || s->kind != SOCK_RAW_SEND)
		abort();
	if (fake.iface_present && ifindex != fake.ifindex)
		fake.stale_sends++;
	if (!fake.iface_present || ifindex != fake.ifindex) {
		if (fake.on_raw_failed)
			fake.on_raw_failed(msg, len, fake.iface_present);
		return errno = ENXIO, -1;
	}
	fake.stale_sends = 0;
	return fake.on_raw ? fake.on_raw(msg, len, ifindex, src_nip, dst_nip) : 0;
}

/* Bound to an address only when it is configured (the script did it). */
int udhcp_udp_listen(const char *ifname, uint32_t nip, uint16_t port)
{
	int fd;

	(void)ifname, (void)port;
	if (nip && nip != fake.configured_nip)
		return errno = EADDRNOTAVAIL, -1;
	fd = nip ? sock_open(SOCK_UDP, fake.ifindex) : listen_open(SOCK_UDP, fake.ifindex);
	if (fd >= 0)
		fake_sock_of(fd)->bound_nip = nip;
	return fd;
}

ssize_t udhcp_udp_recv(int fd, uint8_t *buf, size_t cap)
{
	return rx_pop(fd, SOCK_UDP, buf, cap);
}

void udhcp_close(int fd)
{
	struct fake_sock *s = fake_sock_of(fd);

	if (s && (s->kind == SOCK_RAW_LISTEN || s->kind == SOCK_UDP))
		fake.rx_n = 0;	/* what it held goes with it */
	if (s)
		s->kind = SOCK_FREE;
}

/* ---- the hook script (notify_file): not run ---- */

int udhcp_run_script(const char *script, const char *event, char **env)
{
	(void)script;
	fake.scripts_run++;
	return fake.on_script ? fake.on_script(event, env) : 0;
}
