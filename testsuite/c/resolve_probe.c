/*
 * resolve_probe: the memo of os/resolve.c (a dhcpd.conf's host names)
 * over a resolver of its own: getaddrinfo and freeaddrinfo are defined
 * here, so the C library's are not linked, and each call is counted.
 * The arguments are steps, run in order (conf_isc_test.sh):
 *
 *	answer NAME A.B.C.D	the resolver answers NAME from now on
 *	fail NAME		the resolver has no answer for NAME from now on
 *	every | user | reload	os_resolve_begin(RESOLVE_EVERY | _AS_USER |
 *				_RELOAD): a read begins
 *	end			os_resolve_end()
 *	nomem | mem		malloc fails in the asks after it (the memo
 *				keeps no name), or works again
 *	ask NAME		os_resolve: "NAME A.B.C.D asked=N",
 *				"NAME none asked=N" or "NAME not-asked asked=N",
 *				N the resolver's calls so far
 *
 * At the end "unfreed=N": answers the resolver gave that were not freed.
 */
#include "libbb.h"
#include "os/resolve.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

enum { NAMES_MAX = 8 };

static struct { const char *name; uint32_t ip; bool answers; } table[NAMES_MAX];
static unsigned ntable, calls, unfreed;

static unsigned entry(const char *name)
{
	unsigned i = 0;

	while (i < ntable && strcmp(table[i].name, name) != 0)
		i++;
	if (i == ntable) {
		if (ntable == NAMES_MAX)
			bb_error_msg_and_die("more than %u names", NAMES_MAX);
		table[ntable++].name = name;
	}
	return i;
}

/* malloc, as linked with --wrap=malloc: NULL inside os_resolve after "nomem" */
static bool no_memory, in_resolve;
void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_malloc(size_t size)
{
	return no_memory && in_resolve ? NULL : __real_malloc(size);
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
	struct addrinfo **res)
{
	struct { struct addrinfo ai; struct sockaddr_in sin; } *a;
	unsigned i = entry(node);

	(void)service;
	calls++;
	if (!hints || hints->ai_family != AF_INET)
		bb_error_msg_and_die("asked for other than AF_INET");
	if (!table[i].answers)
		return EAI_NONAME;
	a = __real_malloc(sizeof(*a));	/* the resolver's memory does not fail */
	if (!a)
		return EAI_MEMORY;
	memset(a, 0, sizeof(*a));
	a->sin.sin_family = AF_INET;
	a->sin.sin_addr.s_addr = htonl(table[i].ip);
	a->ai.ai_family = AF_INET;
	a->ai.ai_addr = (struct sockaddr *)&a->sin;
	a->ai.ai_addrlen = sizeof(a->sin);
	*res = &a->ai;
	unfreed++;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	if (!res)
		return;
	unfreed--;
	free(res);
}

static void step(char **argv, int *i, int argc)
{
	const char *cmd = argv[*i];
	struct in_addr in;
	uint32_t ip;

	if (strcmp(cmd, "every") == 0) {
		os_resolve_begin(RESOLVE_EVERY);
	} else if (strcmp(cmd, "user") == 0) {
		os_resolve_begin(RESOLVE_AS_USER);
	} else if (strcmp(cmd, "reload") == 0) {
		os_resolve_begin(RESOLVE_RELOAD);
	} else if (strcmp(cmd, "end") == 0) {
		os_resolve_end();
	} else if (strcmp(cmd, "nomem") == 0 || strcmp(cmd, "mem") == 0) {
		no_memory = cmd[0] == 'n';
	} else if (*i + 1 < argc && strcmp(cmd, "fail") == 0) {
		table[entry(argv[++*i])].answers = false;
	} else if (*i + 1 < argc && strcmp(cmd, "ask") == 0) {
		const char *name = argv[++*i];

		int r;

		in_resolve = true;
		r = os_resolve(name, &ip);
		in_resolve = false;

		if (r == OS_RESOLVE_NOT_ASKED) {
			printf("%s not-asked asked=%u\n", name, calls);
		} else if (r < 0) {
			printf("%s none asked=%u\n", name, calls);
		} else {
			in.s_addr = htonl(ip);
			printf("%s %s asked=%u\n", name, inet_ntoa(in), calls);
		}
	} else if (*i + 2 < argc && strcmp(cmd, "answer") == 0) {
		unsigned e = entry(argv[++*i]);

		if (inet_aton(argv[++*i], &in) == 0)
			bb_error_msg_and_die("bad address %s", argv[*i]);
		table[e].ip = ntohl(in.s_addr);
		table[e].answers = true;
	} else {
		bb_error_msg_and_die("bad step '%s': see testsuite/c/resolve_probe.c", cmd);
	}
}

int main(int argc, char **argv)
{
	applet_name = "resolve_probe";
	setvbuf(stdout, NULL, _IONBF, 0);	/* in order with the warnings on stderr */
	for (int i = 1; i < argc; i++)
		step(argv, &i, argc);
	printf("unfreed=%u\n", unfreed);
	return 0;
}
