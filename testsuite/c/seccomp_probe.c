/*
 * seccomp_probe: udhcpd's system call filter (server/sandbox.c, through
 * os/seccomp.c) installed in this process exactly as the server installs
 * it, then one call made, for udhcpd_privs_test.sh: that the filter does
 * not only let the server run but stops what the server never does.
 *
 *	seccomp_probe CALL	prints "filter on" (or "filter off" and why,
 *				on the log), then makes CALL:
 *	  allowed	getpid, a FIONREAD ioctl, a socket made and closed,
 *			a write: prints "alive"
 *	  execve	/bin/true, as an exploit's shell would be run
 *	  listen	on a new socket (made: allowed): a server's first step
 *			(on i386 and ppc perhaps through socketcall, which is
 *			allowed only for the calls udhcpd makes)
 *	  ioctl		TIOCGWINSZ: ioctl is allowed only for FIONREAD
 *	  ptrace	PTRACE_TRACEME
 *	A trapped call ends the process by SIGSYS, after the filter's one
 *	line naming it; "CALL returned" means the filter let it through.
 *
 *	seccomp_probe syslog-restart|syslog-late	(as root: the probe
 *			makes a mount namespace with a tmpfs on /dev, its own)
 *			the report's way to syslog when syslogd restarted since
 *			the filter went on (a listener on /dev/log, replaced by
 *			another) or started only after it (none at first): a
 *			child process listens, outside the filter; the parent,
 *			logging to syslog, installs the filter, lets the child
 *			(re)start its listener, then makes the TIOCGWINSZ ioctl.
 *			The child prints "syslog: RECORD" for what reached the
 *			second listener, or "syslog: nothing" after 10 s.
 */
#include "libbb.h"
#include "server/server.h"

#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/un.h>

static void say(const char *text)
{
	if (write(STDOUT_FILENO, text, strlen(text)) < 0)
		_exit(2);
}

static int bind_dev_log(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };
	int fd = xsocket(AF_UNIX, SOCK_DGRAM, 0);

	unlink(addr.sun_path);
	xbind(fd, (struct sockaddr *)&addr, sizeof(addr));
	return fd;
}

/* The child of syslog-restart/-late: no filter here. to_parent says "up"
 * (first listener, if any, bound) and "again" (the second); from_parent
 * says when to replace it. */
static int listener(bool first, int from_parent, int to_parent)
{
	struct pollfd pfd = { -1, POLLIN, 0 };
	char buf[512], go;
	int fd = first ? bind_dev_log() : -1;
	ssize_t n;

	xwrite(to_parent, "u", 1);
	if (safe_read(from_parent, &go, 1) != 1)
		return 1;
	if (fd >= 0)
		close(fd);	/* syslogd gone: the report's socket now leads nowhere */
	pfd.fd = bind_dev_log();
	xwrite(to_parent, "a", 1);
	if (poll(&pfd, 1, 10000) != 1) {
		say("syslog: nothing\n");
		return 1;
	}
	n = recv(pfd.fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	say("syslog: ");
	say(buf);
	say("\n");
	return 0;
}

/* The parent: syslog on, the filter on, the listener replaced, a call
 * the filter kills. */
/* The syslog modes replace /dev/log: in a mount namespace of their own,
 * on a tmpfs of their own over /dev, so the machine's is never touched,
 * however the probe is run (root's: CAP_SYS_ADMIN). */
static void own_dev(void)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0
	    || mount("none", "/dev", "tmpfs", 0, NULL) < 0)
		bb_perror_msg_and_die("a mount namespace with a tmpfs on /dev (as root)");
}

static int syslog_report(struct server_state *s, bool first)
{
	int down[2], up[2];
	char got;
	struct winsize ws;
	pid_t child;

	xpipe(down);
	xpipe(up);
	if ((child = fork()) < 0)
		bb_perror_msg_and_die("fork");
	if (child == 0)
		_exit(listener(first, down[0], up[1]));
	if (safe_read(up[0], &got, 1) != 1)
		bb_error_msg_and_die("the listener did not start");
	bb_logmode_syslog();
	server_seccomp(s, false);
	say(s->seccomp_on ? "filter on\n" : "filter off\n");
	if (!s->seccomp_on) {	/* a sanitizer build: nothing to report */
		kill(child, SIGTERM);
		free(s);
		return 0;
	}
	if (write(down[1], "g", 1) != 1 || read(up[0], &got, 1) != 1)
		_exit(2);
	ioctl(STDIN_FILENO, TIOCGWINSZ, &ws);
	say("ioctl returned\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct server_state *s;
	int pending = 0, fds[2];
	struct winsize ws;

	applet_name = "seccomp_probe";
	if (argc != 2)
		bb_error_msg_and_die("usage: seccomp_probe allowed|execve|listen|ioctl|ptrace"
			"|syslog-restart|syslog-late");
	if (strcmp(argv[1], "syslog-restart") == 0 || strcmp(argv[1], "syslog-late") == 0) {
		own_dev();
		return syslog_report(xzalloc(sizeof(*s)), argv[1][7] == 'r');
	}
	s = xzalloc(sizeof(*s));
	xpipe(fds);	/* FIONREAD on a pipe: the kernel answers, not the filter */
	server_seccomp(s, false);
	/* write(2), not stdio: musl's first write to stdout asks TIOCGWINSZ,
	 * glibc's TCGETS on a terminal, ioctls the filter kills */
	say(s->seccomp_on ? "filter on\n" : "filter off\n");
	if (strcmp(argv[1], "allowed") == 0) {
		int sock = socket(AF_UNIX, SOCK_DGRAM, 0);

		if (getpid() <= 0 || ioctl(fds[0], FIONREAD, &pending) < 0 || sock < 0 || close(sock) < 0)
			bb_perror_msg("allowed call failed");
		say("alive\n");
		free(s);	/* a sanitizer build's leak check runs at exit */
		return 0;
	}
	if (strcmp(argv[1], "execve") == 0)
		execl("/bin/true", "true", (char *)NULL);
	else if (strcmp(argv[1], "listen") == 0) {
		int sock = socket(AF_UNIX, SOCK_STREAM, 0);

		if (sock < 0)
			bb_perror_msg_and_die("socket");
		listen(sock, 1);
	} else if (strcmp(argv[1], "ioctl") == 0)
		ioctl(STDIN_FILENO, TIOCGWINSZ, &ws);
	else if (strcmp(argv[1], "ptrace") == 0)
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	else
		bb_error_msg_and_die("unknown call %s", argv[1]);
	say(argv[1]);
	say(" returned\n");
	return 1;
}
