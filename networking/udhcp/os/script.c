/*
 * script.c: the hook script. udhcpc runs it as `SCRIPT EVENT` by fork and
 * execve with the environment codec/scriptenv.c built, and waits for it.
 * The child starts clean: udhcpc's signal handlers (which write into the
 * parent's signal pipe), its ignored SIGPIPE and its blocked signals do
 * not reach the script, not even between fork and execve.
 */
#include "libbb.h"
#include "os/script.h"

#include <signal.h>
#include <sys/wait.h>

/*
 * In the child, before execve: our handlers and our ignored SIGPIPE back
 * to the defaults, nothing blocked. Signals ignored by whoever started
 * udhcpc (nohup's SIGHUP) stay ignored, as execve would keep them.
 */
static void reset_signals(const sigset_t *unblocked)
{
	struct sigaction dfl, cur;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++) {
		if (sigaction(sig, NULL, &cur) < 0)
			continue;	/* not a signal here */
		if (cur.sa_handler != SIG_IGN || sig == SIGPIPE)
			sigaction(sig, &dfl, NULL);	/* fails harmlessly for KILL, STOP */
	}
	sigprocmask(SIG_SETMASK, unblocked, NULL);
}

int udhcp_run_script(const char *script, const char *event, char **env)
{
	char *argv[] = { (char *)script, (char *)event, NULL };
	sigset_t all, old;
	int status;
	pid_t pid;

	if (!script || !script[0])
		return 0;
	bb_debug_msg(1, "running %s %s", script, event);
	fflush(NULL);
	/* blocked across fork: a signal arriving before the child has reset
	 * its handlers stays pending until they are the defaults */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		reset_signals(&none);
		execve(script, argv, env);
		bb_perror_msg("can't execute '%s'", script);
		_exit(127);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		bb_perror_msg("fork");
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			bb_perror_msg("waitpid");
			return -1;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
