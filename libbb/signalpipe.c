/*
 * Signals as bytes on a pipe (the self-pipe trick): the handler only
 * writes the signal number, the poll() loop reads it and acts in normal
 * context. Applets thus react to SIGTERM/SIGUSR1 in every state without
 * blocking sleeps or work inside handlers.
 */
#include "libbb.h"

#include <signal.h>

static int signal_pipe[2] = { -1, -1 };

static void signal_to_pipe(int sig)
{
	int saved_errno = errno;
	unsigned char byte = (unsigned char)sig;

	/* A full pipe drops the byte: the loop already has work pending. */
	if (write(signal_pipe[1], &byte, 1) < 0) {
		/* nothing to do in a handler */
	}
	errno = saved_errno;
}

int bb_signalpipe_open(const int *signals)
{
	struct sigaction sa;

	if (signal_pipe[0] < 0) {
		xpipe(signal_pipe);
		for (int i = 0; i < 2; i++) {
			close_on_exec(signal_pipe[i]);
			set_nonblocking(signal_pipe[i]);
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = signal_to_pipe;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (; *signals; signals++)
		if (sigaction(*signals, &sa, NULL) < 0)
			bb_perror_msg_and_die("sigaction(%d)", *signals);
	return signal_pipe[0];
}

int bb_signalpipe_read(void)
{
	unsigned char byte;

	if (signal_pipe[0] < 0 || safe_read(signal_pipe[0], &byte, 1) != 1)
		return 0;
	return byte;
}
