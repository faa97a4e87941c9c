/*
 * privs.h: becoming an unprivileged user for good (privs.c): the user
 * and group looked up, a check run as that user before the real drop,
 * the drop itself and its proof. Each returns -1 with errno set on
 * failure (ENOENT: no such user or group); callers log.
 */
#ifndef DHCPBOX_UDHCP_OS_PRIVS_H
#define DHCPBOX_UDHCP_OS_PRIVS_H

#include <stdbool.h>
#include <sys/types.h>

/* NAME or a number: its uid and primary group. */
int os_user_lookup(const char *name, uid_t *uid, gid_t *gid);
/* NAME or a number. */
int os_group_lookup(const char *name, gid_t *gid);
/*
 * Become uid/gid (supplementary groups: gid only), with no capability
 * left, no way back to root, and no-new-privs set. On failure *step
 * names what failed ("setuid", "root could be regained"...).
 */
int os_drop_to(uid_t uid, gid_t gid, const char **step);
/* fn(ctx) run in a child that has dropped to uid/gid: its result (0..125),
 * or -1 when the child could not run it. */
int os_run_as(uid_t uid, gid_t gid, int (*fn)(void *ctx), void *ctx);
/* What the process may do to path now (access(2) with R_OK, W_OK, X_OK). */
bool os_may(const char *path, int mode);
/* path's owner; -1 when it does not exist (errno ENOENT). */
int os_path_owner(const char *path, uid_t *owner, bool *sticky);

#endif
