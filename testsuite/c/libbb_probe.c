/*
 * libbb_probe COMMAND [ARGS]: one libbb service per command, for the
 * libbb suite.
 *	error|perror|info|die|pdie TEXT	a message helper
 *	debug LEVEL VERBOSITY TEXT	bb_debug_msg at LEVEL with -v count
 *	flood N TEXT			N messages about a client, as fast as it
 *					can: the rate limit lets through what it
 *					lets through; "seconds S" (how long it took)
 *	syslog TEXT			-S mode, then bb_error_msg; run it where
 *					/dev/log is ours (a mount namespace): it
 *					binds /dev/log and prints what arrives
 *	xopen PATH | xsocket | xmalloc-huge | xatou STR
 *	strings WORD...		index_in_strings of each WORD in "alpha\0Beta\0\0"
 *				minus the last, then nth_string 0..3
 *	llist ITEM...			append, count, pop in order
 *	pidfile PATH [fork]		write the pidfile, print "ready <pid>",
 *					report signals until SIGTERM
 */
#include "libbb.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

static int message(char **argv)
{
	errno = ENOENT;
	if (strcmp(argv[0], "error") == 0)
		bb_error_msg("%s", argv[1]);
	else if (strcmp(argv[0], "perror") == 0)
		bb_perror_msg("%s", argv[1]);
	else if (strcmp(argv[0], "info") == 0)
		bb_info_msg("%s", argv[1]);
	else if (strcmp(argv[0], "die") == 0)
		bb_error_msg_and_die("%s", argv[1]);
	else if (strcmp(argv[0], "pdie") == 0)
		bb_perror_msg_and_die("%s", argv[1]);
	return 0;
}

static int list_demo(char **argv)
{
	llist_t *list = NULL;
	char *item;

	for (; *argv; argv++)
		llist_add_to_end(&list, *argv);
	printf("count=%u\n", llist_count(list));
	while ((item = llist_pop(&list)) != NULL)
		printf("%s\n", item);
	printf("count=%u\n", llist_count(list));
	return 0;
}

static int syslog_capture(const char *text)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };
	int fd = xsocket(AF_UNIX, SOCK_DGRAM, 0);
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[512];
	ssize_t n;

	xbind(fd, &addr, sizeof(addr));
	bb_logmode_syslog();
	bb_error_msg("%s", text);
	if (poll(&pfd, 1, 10000) != 1)
		bb_error_msg_and_die("nothing arrived on /dev/log");
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		bb_perror_msg_and_die("recv");
	buf[n] = '\0';
	printf("syslog: %s\n", buf);
	return 0;
}

/* Waits for signals through the signal pipe; SIGTERM ends it cleanly. */
static int signal_loop(void)
{
	static const int signals[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, 0 };
	struct pollfd pfd = { bb_signalpipe_open(signals), POLLIN, 0 };

	printf("ready %ld\n", (long)getpid());
	fflush(stdout);
	for (;;) {
		int sig;

		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			bb_perror_msg_and_die("poll");
		while ((sig = bb_signalpipe_read()) != 0) {
			printf("signal %s\n", sig == SIGTERM ? "TERM" : sig == SIGINT ? "INT"
				: sig == SIGHUP ? "HUP" : sig == SIGUSR1 ? "USR1" : "USR2");
			fflush(stdout);
			if (sig == SIGTERM)
				return 0;
		}
	}
}

/* "fork": the parent exits normally after the child rewrote the file,
 * as a daemonizing applet does; the file must survive the parent. */
static int pidfile_demo(char **argv)
{
	write_pidfile(argv[0]);
	if (argv[1] && strcmp(argv[1], "fork") == 0) {
		int ready[2];
		char byte;
		pid_t child;

		xpipe(ready);
		child = fork();
		if (child < 0)
			bb_perror_msg_and_die("fork");
		if (child > 0) {
			close(ready[1]);
			if (safe_read(ready[0], &byte, 1) != 1)
				bb_error_msg_and_die("child died");
			exit(0);
		}
		close(ready[0]);
		write_pidfile(argv[0]);
		xwrite(ready[1], "x", 1);
		close(ready[1]);
	}
	return signal_loop();
}

static int xfunc_demo(char **argv)
{
	if (strcmp(argv[0], "xopen") == 0)
		xopen(argv[1], O_RDONLY);
	else if (strcmp(argv[0], "xsocket") == 0)
		xsocket(-1, SOCK_DGRAM, 0);
	else if (strcmp(argv[0], "xmalloc-huge") == 0)
		free(xmalloc(SIZE_MAX / 2));
	else if (strcmp(argv[0], "xatou") == 0)
		printf("%u\n", xatou(argv[1]));
	else if (strcmp(argv[0], "strings") == 0) {
		/* a list that ends early: the empty string after "Beta" ends it */
		static const char list[] = "alpha\0Beta\0\0gamma\0";

		for (int i = 1; argv[i]; i++)
			printf("%d ", index_in_strings(list, argv[i], strlen(argv[i])));
		for (unsigned n = 0; n < 4; n++)
			printf("[%s]", nth_string(list, n));
		printf("\n");
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argv[1];

	applet_name = "libbb_probe";
	if (argc < 2)
		return 2;
	argv += 1;
	if (strstr(" error perror info die pdie ", cmd) && argc >= 3)
		return message(argv);
	if (strcmp(cmd, "debug") == 0 && argc >= 5) {
		bb_verbose = xatou(argv[2]);
		bb_debug_msg(xatou(argv[1]), "%s", argv[3]);
		return 0;
	}
	if (strcmp(cmd, "flood") == 0 && argc >= 4) {
		struct timespec a, b;
		unsigned n = xatou(argv[1]);

		clock_gettime(CLOCK_MONOTONIC, &a);
		for (unsigned i = 0; i < n; i++)
			if (bb_client_msg_allowed())
				bb_error_msg("%s %u", argv[2], i);
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("seconds %ld\n", (long)(b.tv_sec - a.tv_sec));
		return 0;
	}
	if (strcmp(cmd, "syslog") == 0 && argc >= 3)
		return syslog_capture(argv[1]);
	if (strcmp(cmd, "llist") == 0)
		return list_demo(argv + 1);
	if (strcmp(cmd, "pidfile") == 0 && argc >= 3)
		return pidfile_demo(argv + 1);
	return xfunc_demo(argv);
}
