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
 */
#include "libbb.h"
#include "server/server.h"

#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>

static void say(const char *text)
{
	if (write(STDOUT_FILENO, text, strlen(text)) < 0)
		_exit(2);
}

int main(int argc, char **argv)
{
	struct server_state *s;
	int pending = 0, fds[2];
	struct winsize ws;

	applet_name = "seccomp_probe";
	if (argc != 2)
		bb_error_msg_and_die("usage: seccomp_probe allowed|execve|listen|ioctl|ptrace");
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
