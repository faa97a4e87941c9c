/*
 * resolve.h: a dhcpd.conf's host names to IPv4 addresses through the C
 * library's resolver (os/resolve.c), with a memo for each read of the
 * config: a name is asked once however often the file uses it.
 */
#ifndef DHCPBOX_UDHCP_OS_RESOLVE_H
#define DHCPBOX_UDHCP_OS_RESOLVE_H

#include <stdint.h>

#include "autoconf.h"

enum { OS_RESOLVE_NOT_ASKED = -2 };

/* What a read of the config is: each asks every name afresh, once. */
enum os_resolve_read {
	RESOLVE_EVERY,		/* the start's or -t's: every name, an error for each that fails */
	RESOLVE_AS_USER,	/* the -u user's check of what a SIGHUP would read, after
				 * the start's: a name the user gets no answer for keeps
				 * root's answer, with a warning */
	RESOLVE_RELOAD,		/* a SIGHUP's, in the serving loop: after a name with no
				 * answer (the read has failed) the rest are not asked */
};

#if ENABLE_FEATURE_UDHCPD_ISC_CONF
/* A read begins. RESOLVE_AS_USER keeps the answers of the read before (to
 * fall back on); the others forget them. */
void os_resolve_begin(enum os_resolve_read read);
/* name's address, host order, into *ip; -1 if it has none (a failure is
 * kept too: an unreachable DNS costs its timeout once a read, not once a
 * use). In a RESOLVE_RELOAD after a failure, OS_RESOLVE_NOT_ASKED for a
 * name not asked yet, and out of memory for any name not kept (the one
 * that failed too); a kept name that failed is -1 again at each use. */
int os_resolve(const char *name, uint32_t *ip);
/* The answers forgotten, the memo freed: after each read (the start's
 * once the check as the -u user is done). */
void os_resolve_end(void);
#else	/* no dhcpd.conf, no host names: no resolver linked */
static inline void os_resolve_begin(enum os_resolve_read read) { (void)read; }
static inline void os_resolve_end(void) {}
#endif

#endif
