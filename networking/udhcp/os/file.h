/*
 * file.h: the file calls of udhcpd's lease journal and udhcpc's remembered
 * lease (os/file.c), the only place the applets touch the disk, so that
 * tests can link a fake disk that fails (ENOSPC, EIO, short writes) and
 * crashes. Each returns -1 with errno set on failure; callers log.
 */
#ifndef DHCPBOX_UDHCP_OS_FILE_H
#define DHCPBOX_UDHCP_OS_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The file opened for appending (created when missing); its fd. */
int os_file_open_append(const char *path);
/* Current size of the open file, or -1. */
int64_t os_file_size(int fd);
/* All of buf appended, or -1 (some of it may have been written). */
int os_file_append(int fd, const void *buf, size_t len);
/* The file cut back to size (undoing a partial append). */
int os_file_truncate(int fd, int64_t size);
/* What was written is on disk (fdatasync). */
int os_file_sync(int fd);
void os_file_close(int fd);
/*
 * path replaced by what fill writes, atomically and durably: a temp file
 * beside it, filled chunk by chunk (fill puts up to cap bytes in buf and
 * returns how many, 0 at the end, -1 to give up), fsynced, renamed over
 * path, the directory fsynced. 0: done. -1: path is as it was and the
 * temp file is gone. 1: path was replaced (an fd open on the old file now
 * writes to an unlinked one) but the directory's fsync failed, so a crash
 * may bring the old file back: the caller must try again.
 */
int os_file_replace(const char *path, int (*fill)(void *ctx, char *buf, size_t cap), void *ctx);
/* path unlinked; a missing file counts as removed. */
int os_file_remove(const char *path);
/* path~ made a second name of path (a former one goes), as ISC dhcpd keeps
 * its previous lease file: the rewrite that follows leaves it as it was. */
int os_file_keep_previous(const char *path);
/* The whole file (malloc'd, NUL added after *len bytes), or NULL with errno set. */
char *os_file_read(const char *path, size_t *len);

#endif
