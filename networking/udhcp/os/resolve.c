/*
 * resolve.c: host names in a dhcpd.conf (fixed-address, next-server, the
 * ip-address options) resolved once, at load, through getaddrinfo: the
 * hosts file, then DNS, as nsswitch.conf says. Only a dhcpd.conf's server
 * links it (the resolver is 12 KB with musl).
 *
 * Each read of the config asks each name once, and keeps a failure as an
 * answer: a config may use one name hundreds of times, and a SIGHUP's
 * read runs inside the serving loop, where an unreachable DNS would cost
 * its timeout for every use. In a SIGHUP's read, once a name gets no
 * answer the read has failed and the names after it are not asked: with
 * the DNS down, a SIGHUP stalls the loop for one name's timeout, not one
 * for each name. The start's read (and -t's) asks every name, so that
 * each one that fails is named.
 *
 * The start with -u USER reads the config as root, then once more as the
 * user (server_privs_check: could a SIGHUP reload it?). Where the user
 * gets no answer (a DNS hiccup, a hosts file only root reads) that check
 * takes root's, with a warning, instead of stopping the start as "does
 * not read as user" over a file that is fine. A SIGHUP's read asks
 * afresh, as whoever the server runs as, and keeps the old config if a
 * name does not resolve.
 */
#include "os/resolve.h"
#include "libbb.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct resolved {
	struct resolved *next;
	uint32_t ip;
	bool found;	/* ip is an answer; false: the resolver had none */
	bool asked;	/* asked in this read */
	char name[];
};

/* the names of one read: a list (a linear search is nothing next to a
 * resolver's question) */
static struct resolved *memo;
static enum os_resolve_read read_kind;
static bool read_failed;	/* RESOLVE_RELOAD: a name had no answer, the rest are not asked */

static int ask(const char *name, uint32_t *ip)
{
	struct addrinfo hints, *res;
	struct sockaddr_in sin;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
		return -1;
	if (res->ai_addrlen < sizeof(sin)) {
		freeaddrinfo(res);
		return -1;
	}
	memcpy(&sin, res->ai_addr, sizeof(sin));
	*ip = ntohl(sin.sin_addr.s_addr);
	freeaddrinfo(res);
	return 0;
}

static struct resolved *kept(const char *name)
{
	for (struct resolved *r = memo; r; r = r->next)
		if (strcasecmp(r->name, name) == 0)	/* DNS names: any case */
			return r;
	return NULL;
}

static struct resolved *keep(const char *name)
{
	size_t len = strlen(name) + 1;
	struct resolved *r = malloc(sizeof(*r) + len);

	if (!r)		/* the memo only saves a question: without it, ask again */
		return NULL;
	r->ip = 0;
	r->found = r->asked = false;
	memcpy(r->name, name, len);
	r->next = memo;
	memo = r;
	return r;
}

/* r's answer in this read: the resolver's, or root's where the -u user's
 * check got none */
static void remember(struct resolved *r, bool answered, uint32_t fresh)
{
	r->asked = true;
	if (answered) {
		r->ip = fresh;
		r->found = true;
	} else if (read_kind == RESOLVE_AS_USER && r->found) {
		/* the start goes on; every SIGHUP would fail if it is not a hiccup */
		bb_error_msg("host name '%s' resolved as root but not as the -u user: until it does,"
			" a SIGHUP reload keeps the old configuration", r->name);
	} else {
		r->found = false;
	}
}

int os_resolve(const char *name, uint32_t *ip)
{
	struct resolved *r = kept(name);
	uint32_t fresh = 0;
	bool found = false;

	if (!r || !r->asked) {
		if (read_failed)
			return OS_RESOLVE_NOT_ASKED;
		found = ask(name, &fresh) == 0;
		if (r || (r = keep(name)))	/* else out of memory: this answer, not kept */
			remember(r, found, fresh);
	}
	if (r) {
		found = r->found;
		fresh = r->ip;
	}
	if (!found) {
		read_failed = read_kind == RESOLVE_RELOAD;
		return -1;
	}
	*ip = fresh;
	return 0;
}

/* A read begins or ends: its kind, nothing failed yet. */
static void read_reset(enum os_resolve_read read)
{
	read_kind = read;
	read_failed = false;
	for (struct resolved *r = memo; r; r = r->next)
		r->asked = false;
}

void os_resolve_end(void)
{
	while (memo) {
		struct resolved *r = memo;

		memo = r->next;
		free(r);
	}
	read_reset(RESOLVE_EVERY);
}

void os_resolve_begin(enum os_resolve_read read)
{
	if (read != RESOLVE_AS_USER)
		os_resolve_end();
	read_reset(read);
}
