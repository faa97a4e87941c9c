/*
 * resolve.c: host names in a dhcpd.conf (fixed-address, next-server, the
 * ip-address options) resolved once, at load, through getaddrinfo: the
 * hosts file, then DNS, as nsswitch.conf says. Only a dhcpd.conf's server
 * links it (the resolver is 12 KB with musl).
 *
 * The memo is for the start with -u USER: the config is read as root, then
 * once more as the user (server_privs_check: could a SIGHUP reload it?).
 * That read asks again, and where the user gets no answer (a DNS hiccup,
 * a hosts file only root reads) it takes root's, with a warning, instead
 * of stopping the start as "does not read as user" over a file that is
 * fine. A SIGHUP's read asks afresh, as the user, and keeps the old config
 * if a name does not resolve.
 */
#include "os/resolve.h"
#include "libbb.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

struct resolved {
	struct resolved *next;
	uint32_t ip;
	bool checked;	/* asked again in REPLAY: once a name, however often it is used */
	char name[];
};

/* a handful of names for one read: a list, freed when the start is done */
static struct resolved *memo;
static enum os_resolve_memo memo_mode;

static int ask(const char *name, uint32_t *ip)
{
	struct addrinfo hints, *res;
	struct sockaddr_in sin;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
		return -1;
	memcpy(&sin, res->ai_addr, sizeof(sin));
	*ip = ntohl(sin.sin_addr.s_addr);
	freeaddrinfo(res);
	return 0;
}

static void keep(const char *name, uint32_t ip)
{
	size_t len = strlen(name) + 1;
	struct resolved *r = malloc(sizeof(*r) + len);

	if (!r)		/* the memo only saves a question: without it, ask again */
		return;
	r->ip = ip;
	r->checked = false;
	memcpy(r->name, name, len);
	r->next = memo;
	memo = r;
}

static struct resolved *kept(const char *name)
{
	for (struct resolved *r = memo; r; r = r->next)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

/* REPLAY: each kept name asked once more (a config may use it hundreds of
 * times, and an unreachable DNS costs its timeout each time); where that
 * fails, root's answer, said once. */
static int replay(struct resolved *r, uint32_t *ip)
{
	if (!r->checked) {
		uint32_t fresh;

		r->checked = true;
		if (ask(r->name, &fresh) == 0)
			r->ip = fresh;
		else	/* the start goes on; every SIGHUP would fail if it is not a hiccup */
			bb_error_msg("host name '%s' resolved as root but not as the -u user: until it does,"
				" a SIGHUP reload keeps the old configuration", r->name);
	}
	*ip = r->ip;
	return 0;
}

int os_resolve(const char *name, uint32_t *ip)
{
	struct resolved *r = memo_mode == RESOLVE_REPLAY ? kept(name) : NULL;

	if (r)
		return replay(r, ip);
	if (memo_mode == RESOLVE_RECORD && (r = kept(name))) {
		*ip = r->ip;	/* asked once a read, as the REPLAY is */
		return 0;
	}
	if (ask(name, ip) < 0)
		return -1;
	if (memo_mode == RESOLVE_RECORD)
		keep(name, *ip);
	return 0;
}

void os_resolve_memo(enum os_resolve_memo mode)
{
	memo_mode = mode;
	while (mode == RESOLVE_FRESH && memo) {
		struct resolved *r = memo;

		memo = r->next;
		free(r);
	}
}
