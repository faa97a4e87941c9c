/*
 * resolve.h: a dhcpd.conf's host names to IPv4 addresses through the C
 * library's resolver (os/resolve.c), with a memo of one read's answers.
 */
#ifndef DHCPBOX_UDHCP_OS_RESOLVE_H
#define DHCPBOX_UDHCP_OS_RESOLVE_H

#include <stdint.h>

enum os_resolve_memo {
	RESOLVE_FRESH,	/* every name asked afresh (a SIGHUP's read); the memo freed */
	RESOLVE_RECORD,	/* asked afresh, and each answer kept */
	RESOLVE_REPLAY,	/* asked afresh; a kept answer where that fails, warned */
};

/* name's address, host order, into *ip; -1 if it has none. */
int os_resolve(const char *name, uint32_t *ip);
void os_resolve_memo(enum os_resolve_memo mode);

#endif
