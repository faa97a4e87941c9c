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

/* ---- disk: one file (the lease file) and its temp file ---- */

static struct fake_file *file_at(const char *path, bool create)
{
	for (unsigned i = 0; i < FAKE_FILES; i++)
		if (fake.files[i].used && strcmp(fake.files[i].path, path) == 0)
			return &fake.files[i];
	if (!create)
		return NULL;
	for (unsigned i = 0; i < FAKE_FILES; i++) {
		struct fake_file *f = &fake.files[i];

		if (!f->used) {
			memset(f, 0, sizeof(*f));
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
	memcpy(b->data + at, p, n);
	if (at + n > b->len)
		b->len = at + n;
}

/* A fault planned for this kind of call: consumed, and noted. */
static bool fault(enum fake_fault kind)
{
	if (fake.fault != kind || fake.fault_calls == 0)
		return false;
	fake.fault_calls--;
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
	put_bytes(&f->disk, 0, f->cache.data, f->cache.len);
	f->disk.len = f->cache.len;
	if (f->lost && f->lost_from < f->disk.len)
		memset(f->disk.data + f->lost_from, 0,
			(f->lost_end < f->disk.len ? f->lost_end : f->disk.len) - f->lost_from);
	return 0;
}

void os_file_close(int fd)
{
	struct fake_file *f = file_of_fd(fd);

	if (f)
		f->open = false;
}

int os_file_replace(const char *path, int (*fill)(void *ctx, char *buf, size_t cap), void *ctx)
{
	struct fake_buf text = { 0 };
	char buf[4096];
	struct fake_file *f;
	int n;

	while ((n = fill(ctx, buf, sizeof(buf))) > 0)
		put_bytes(&text, text.len, buf, (size_t)n);
	if (n < 0 || fault(FAULT_REPLACE)) {
		free(text.data);
		return errno = ENOSPC, -1;
	}
	f = file_at(path, true);
	free(f->cache.data);
	free(f->disk.data);
	f->cache = text;
	f->disk.data = malloc(text.len + 1);
	if (!f->disk.data)
		abort();
	memcpy(f->disk.data, text.data, text.len);
	f->disk.len = f->disk.cap = text.len;
	f->lost = false;
	f->lost_end = 0;
	f->open = false;	/* the old fd refers to the replaced file */
	fake.replaces++;
	if (fake.trace)
		printf("  fake: %s replaced, %zu bytes\n", path, text.len);
	return 0;
}

char *os_file_read(const char *path)
{
	struct fake_file *f = file_at(path, false);
	char *text;

	if (!f)
		return errno = ENOENT, NULL;
	text = malloc(f->cache.len + 1);
	if (!text)
		abort();
	memcpy(text, f->cache.data, f->cache.len);
	text[f->cache.len] = '\0';
	return text;
}

void fake_crash(void)
{
	for (unsigned i = 0; i < FAKE_FILES; i++) {
		struct fake_file *f = &fake.files[i];

		if (!f->used)
			continue;
		put_bytes(&f->cache, 0, f->disk.data ? f->disk.data : "", f->disk.len);
		f->cache.len = f->disk.len;
		f->open = false;
	}
}

const char *fake_disk_text(const char *path, size_t *len)
{
	struct fake_file *f = file_at(path, false);

	*len = f ? f->disk.len : 0;
	return f ? f->disk.data : NULL;
}

/* ---- sockets ---- */

int udhcp_udp_send(int fd, const void *msg, size_t len, uint32_t dst_nip, uint16_t dport)
{
	(void)fd;
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

int arp_open(int ifindex)
{
	(void)ifindex;
	return errno = EPERM, -1;
}

int udhcp_iface_read(const char *name, struct udhcp_iface *ifc)
{
	(void)name;
	(void)ifc;
	return errno = ENODEV, -1;
}

/* ---- the hook script (notify_file): not run ---- */

char **udhcp_script_env(const char *ifname, const struct dhcp_message *m)
{
	(void)ifname;
	(void)m;
	return NULL;
}

void udhcp_script_env_free(char **env)
{
	(void)env;
}

int udhcp_run_script(const char *script, const char *event, char **env)
{
	(void)script;
	(void)event;
	(void)env;
	fake.scripts_run++;
	return 0;
}
