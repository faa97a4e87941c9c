/*
 * bb_daemonize: into the background, BusyBox-style: fork (the parent exits
 * at once, without running exit handlers: the pidfile is the child's),
 * a new session, stdio on /dev/null, the pidfile rewritten.
 */
#include "libbb.h"

#include <fcntl.h>

void bb_daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		bb_perror_msg_and_die("fork");
	if (pid > 0)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		xdup2(fd, STDIN_FILENO);
		xdup2(fd, STDOUT_FILENO);
		xdup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	rewrite_pidfile();
}
