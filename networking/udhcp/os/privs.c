/*
 * privs.c: dropping root for good (see privs.h). Linux keeps a process's
 * capabilities apart from its uid: after setresuid to a non-zero uid the
 * kernel clears the permitted and effective sets (capabilities(7), "Effect
 * of user ID changes on capabilities") unless SECBIT_KEEP_CAPS was set,
 * which we never set. That is not taken on trust: the drop is proven by
 * trying to get root back and by reading the capability sets.
 */
#include "libbb.h"
#include "os/privs.h"

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#endif

/* capget(2)'s kernel ABI, version 3 (two 32-bit words per set), spelled
 * out here: libc carries no wrapper, and libcap is not ours to use. */
struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};
enum { CAP_VERSION_3 = 0x20080522 };

static int number_of(const char *s, unsigned long *n)
{
	char *end;

	if (!*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*n = strtoul(s, &end, 10);
	return *end || errno || *n >= (unsigned long)(uid_t)-1 ? -1 : 0;
}

int os_user_lookup(const char *name, uid_t *uid, gid_t *gid)
{
	struct passwd *pw;
	unsigned long n;

	errno = 0;
	pw = getpwnam(name);
	if (!pw && number_of(name, &n) == 0)
		pw = getpwuid((uid_t)n);
	if (!pw) {
		if (!errno)
			errno = ENOENT;
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int os_group_lookup(const char *name, gid_t *gid)
{
	struct group *gr;
	unsigned long n;

	errno = 0;
	gr = getgrnam(name);
	if (gr) {
		*gid = gr->gr_gid;
		return 0;
	}
	if (number_of(name, &n) == 0) {
		*gid = (gid_t)n;	/* a gid need not be named in /etc/group */
		return 0;
	}
	if (!errno)
		errno = ENOENT;
	return -1;
}

/* Every capability set of ours empty? */
static bool no_capabilities(void)
{
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return !(d[0].effective | d[1].effective | d[0].permitted | d[1].permitted
		| d[0].inheritable | d[1].inheritable);
}

/* The inheritable set survives setresuid (and an ambient set hangs on it):
 * a service manager's AmbientCapabilities= would otherwise refuse the
 * start as "capabilities remain". Lowering is always allowed. */
static int clear_capabilities(void)
{
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2];

	memset(d, 0, sizeof(d));
	return (int)syscall(SYS_capset, &h, d);
}

/* The proof: the ids are ours in all three slots, root's cannot be had
 * back, and nothing of root's power is left. */
static int verify_drop(uid_t uid, gid_t gid, const char **step)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0
	    || ru != uid || eu != uid || su != uid || rg != gid || eg != gid || sg != gid) {
		*step = "the ids did not all change";
		return -1;
	}
	if (setuid(0) == 0 || seteuid(0) == 0 || (gid != 0 && setgid(0) == 0)) {
		*step = "root could be regained";
		return -1;
	}
	if (!no_capabilities()) {
		*step = "capabilities remain";
		return -1;
	}
	return 0;
}

int os_drop_to(uid_t uid, gid_t gid, const char **step)
{
	/* groups first: once the uid has changed we may no longer set them */
	*step = "setgroups";
	if (setgroups(1, &gid) < 0)
		return -1;
	*step = "setgid";
	if (setresgid(gid, gid, gid) < 0)
		return -1;
	*step = "setuid";
	if (setresuid(uid, uid, uid) < 0)
		return -1;
	*step = "capset";
	if (clear_capabilities() < 0)
		return -1;
	if (verify_drop(uid, gid, step) < 0) {
		errno = EPERM;
		return -1;
	}
	/* no execve can give anything back (setuid binaries, file capabilities);
	 * also what an unprivileged process needs before installing seccomp */
	*step = "no_new_privs";
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

int os_run_as(uid_t uid, gid_t gid, int (*fn)(void *ctx), void *ctx)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		const char *step;

		if (os_drop_to(uid, gid, &step) < 0) {
			bb_perror_msg("can't become uid %u (%s)", (unsigned)uid, step);
			_exit(126);
		}
		_exit(fn(ctx) & 0x7f);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 126) {
		errno = ECHILD;
		return -1;
	}
	return WEXITSTATUS(status);
}

bool os_may(const char *path, int mode)
{
	return access(path, mode) == 0;
}

int os_path_owner(const char *path, uid_t *owner, bool *sticky)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	*owner = st.st_uid;
	*sticky = (st.st_mode & S_ISVTX) != 0;
	return 0;
}
