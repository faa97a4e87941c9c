/*
 * resolve.h: a dhcpd.conf's host names to IPv4 addresses through the C
 * library's resolver (os/resolve.c), with a memo for each read of the
 * config: a name is asked once however often the file uses it.
 */
#ifndef DHCPBOX_UDHCP_OS_RESOLVE_H
#define DHCPBOX_UDHCP_OS_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "autoconf.h"

enum { OS_RESOLVE_NOT_ASKED = -2 };

#if ENABLE_FEATURE_UDHCPD_ISC_CONF
/* A read of the config begins: every name is asked afresh, once. With
 * root_fallback (the -u user's check of what a SIGHUP would read, after
 * the start's read as root), a name the resolver no longer answers keeps
 * the answer of the read before, with a warning; without it, the answers
 * of any read before are forgotten, and once a name gets no answer the
 * names not asked yet are not asked (the read has failed). */
void os_resolve_begin(bool root_fallback);
/* name's address, host order, into *ip; -1 if it has none (a failure is
 * kept too: an unreachable DNS costs its timeout once a read, not once a
 * use); OS_RESOLVE_NOT_ASKED after a failure, as said above. */
int os_resolve(const char *name, uint32_t *ip);
/* The answers forgotten, the memo freed: after each read (the start's
 * once the check as the -u user is done). */
void os_resolve_end(void);
#else	/* no dhcpd.conf, no host names: no resolver linked */
static inline void os_resolve_begin(bool root_fallback) { (void)root_fallback; }
static inline void os_resolve_end(void) {}
#endif

#endif
