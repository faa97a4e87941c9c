/*
 * privdrop.c: udhcpd as an unprivileged user: -u USER[:GROUP] and
 * -g GROUP (ISC dhcpd's -user and -group), udhcpd.conf's "user" and
 * "group". Root opens what only root may (UDP port 67 on each interface
 * with SO_BINDTODEVICE, the ARP sockets) and writes the pidfile; then
 * the process becomes USER with no capability left: nothing it does
 * later needs one. As USER it reads and rewrites the lease file (every
 * file of the lease directory it makes is USER's, as ISC's -user makes
 * the lease file the user's) and re-reads the config on SIGHUP.
 *
 * What USER must be allowed is checked first, by a child that has
 * dropped to USER the same way (the kernel's own answer: modes, ACLs,
 * groups), so that a start fails at once with the reason, not an hour
 * later at the first compaction or reload.
 */
#include "libbb.h"
#include "os/privs.h"
#include "server/server.h"

#include <unistd.h>

/* -u's USER:GROUP split: the group part wins over -g and the config. */
static const char *split_user(const char *opt, char *user, size_t cap, const char **group)
{
	const char *colon = strchr(opt, ':');

	if (!colon)
		return opt;
	if ((size_t)(colon - opt) >= cap)
		bb_error_msg_and_die("bad user '%s'", opt);
	memcpy(user, opt, (size_t)(colon - opt));
	user[colon - opt] = '\0';
	*group = colon + 1;
	return user;
}

int server_privs_resolve(struct server_state *s, const char *user_opt, const char *group_opt)
{
	static char user_buf[64];
	const char *user = user_opt, *group = group_opt, *colon_group = NULL;

	if (user)
		user = split_user(user, user_buf, sizeof(user_buf), &colon_group);
	else if (s->cfg.user[0])
		user = s->cfg.user;
	if (colon_group)
		group = colon_group;
	else if (!group && s->cfg.group[0])
		group = s->cfg.group;
	if (user_opt && !*user) {	/* -u "$USER" with USER unset must not mean root */
		bb_error_msg("-u names no user");
		return -1;
	}
	if (!user || !*user) {
		if (group && *group) {
			bb_error_msg("group %s without a user: root would keep every capability; name a user"
				" (-u USER:GROUP)", group);
			return -1;
		}
		return 0;
	}
	if (os_user_lookup(user, &s->run_uid, &s->run_gid) < 0) {
		if (errno == ENOENT)
			bb_error_msg("no user %s", user);
		else
			bb_perror_msg("can't look user %s up", user);
		return -1;
	}
	if (group && *group && os_group_lookup(group, &s->run_gid) < 0) {
		if (errno == ENOENT)
			bb_error_msg("no group %s", group);
		else
			bb_perror_msg("can't look group %s up", group);
		return -1;
	}
	if (s->run_uid == 0) {
		bb_error_msg("user %s has uid 0: name an unprivileged user", user);
		return -1;
	}
	/* group root reads and writes what root's group may (g+w files in
	 * /etc, /var, /dev): no less a privilege than a uid */
	if (s->run_gid == 0) {
		bb_error_msg("%s %s has gid 0: name an unprivileged group (-u USER:GROUP)",
			group && *group ? "group" : "user", group && *group ? group : user);
		return -1;
	}
	s->run_user = xstrdup(user);
	return 0;
}

/* The directory part of path ("." for a bare name), malloc'd. */
static char *dir_of(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (!slash) {
		free(dir);
		return xstrdup(".");
	}
	slash[slash == dir] = '\0';	/* "/x" is in "/" */
	return dir;
}

/* In a sticky directory (/tmp) only the owner of a file, or of the
 * directory, may rename over it: the compaction would fail. */
static int check_sticky(const struct server_state *s, const char *dir)
{
	uid_t dir_owner, file_owner;
	bool sticky, unused;

	if (os_path_owner(dir, &dir_owner, &sticky) < 0 || !sticky || dir_owner == s->run_uid)
		return 0;
	if (os_path_owner(s->cfg.lease_file, &file_owner, &unused) < 0 || file_owner == s->run_uid)
		return 0;
	bb_error_msg("lease file %s is not user %s's and its directory %s is sticky: it could not be"
		" replaced (chown it to %s)", s->cfg.lease_file, s->run_user, dir, s->run_user);
	return 1;
}

struct user_check {
	const struct server_state *s;
	int (*reread)(const char *path);
};

/* Run as the user (os_run_as): each thing it could not do, logged; their count. */
static int check_as_user(void *ctx)
{
	const struct user_check *uc = ctx;
	const struct server_state *s = uc->s;
	char *dir = dir_of(s->cfg.lease_file);
	int bad = 0;

	/* the rewrite makes LEASEFILE.tmp there, renames it over the lease
	 * file and opens the directory to fsync it */
	if (!os_may(dir, R_OK | W_OK | X_OK)) {
		bb_perror_msg("lease directory %s is not writable by user %s", dir, s->run_user);
		bad++;
	} else if (!os_may(s->cfg.lease_file, R_OK) && errno != ENOENT) {
		bb_perror_msg("lease file %s is not readable by user %s", s->cfg.lease_file, s->run_user);
		bad++;
	} else {
		bad += check_sticky(s, dir);
	}
	if (!os_may(s->conf_path, R_OK)) {
		bb_perror_msg("config %s is not readable by user %s: SIGHUP could not reload it",
			s->conf_path, s->run_user);
		bad++;
	} else if (uc->reread(s->conf_path) < 0) {
		/* an include file of root's only: the reason is logged above */
		bb_error_msg("config %s does not read as user %s: SIGHUP could not reload it",
			s->conf_path, s->run_user);
		bad++;
	}
	free(dir);
	return bad;
}

void server_privs_check(const struct server_state *s, int (*reread)(const char *path))
{
	struct user_check uc = { s, reread };
	int bad;

	if (!s->run_user)
		return;
	bad = os_run_as(s->run_uid, s->run_gid, check_as_user, &uc);
	if (bad < 0)
		bb_perror_msg_and_die("can't check what user %s may do", s->run_user);
	if (bad > 0)
		bb_error_msg_and_die("not starting: user %s cannot do what udhcpd needs (above)", s->run_user);
}

void server_privs_drop(struct server_state *s)
{
	const char *step;

	if (!s->run_user)
		return;
	if (os_drop_to(s->run_uid, s->run_gid, &step) < 0)
		bb_perror_msg_and_die("can't become user %s (%s)", s->run_user, step);
	bb_info_msg("running as user %s (uid %u, gid %u): no capabilities, no new privileges",
		s->run_user, (unsigned)s->run_uid, (unsigned)s->run_gid);
}
