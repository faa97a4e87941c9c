/*
 * Multicall dispatch: run the applet a link is named after, or handle
 * "dhcpbox APPLET ARGS", --list, --list-full, --install and --help.
 * The table is a parameter so test programs can drive this code with
 * applets of their own.
 */
#include "applets.h"

#include <limits.h>
#include <sys/stat.h>

struct applet_table {
	const struct bb_applet *applets;
	size_t count;
};

static int compare_name(const void *key, const void *member)
{
	return strcmp(key, ((const struct bb_applet *)member)->name);
}

static const struct bb_applet *find_applet(const struct applet_table *t, const char *name)
{
	if (t->count == 0)
		return NULL;
	return bsearch(name, t->applets, t->count, sizeof(t->applets[0]), compare_name);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int run_applet(const struct bb_applet *a, int argc, char **argv)
{
	applet_name = a->name;
	applet_usage = a->usage;
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		bb_print_full_usage(stdout, a->name, a->usage);
		return 0;
	}
	return a->main(argc, argv);
}

static int multicall_usage(const struct applet_table *t)
{
	printf("dhcpbox: a multi-call binary of DHCPv4 applets.\n\n"
	       "Usage: dhcpbox APPLET [ARGS]...\n"
	       "   or: APPLET [ARGS]...    (through a link named after the applet)\n"
	       "   or: dhcpbox --list | --list-full\n"
	       "%s"
	       "   or: dhcpbox --help [APPLET]\n\n"
	       "Applets in this build:\n",
	       ENABLE_FEATURE_INSTALLER ? "   or: dhcpbox --install [-s] [DIR]\n" : "");
	if (t->count == 0)
		printf("\t(none)\n");
	for (size_t i = 0; i < t->count; i++)
		printf("\t%s\n", t->applets[i].name);
	return 0;
}

static void list_applets(const struct applet_table *t, bool full)
{
	for (size_t i = 0; i < t->count; i++)
		printf("%s%s\n", full ? t->applets[i].install_dir : "", t->applets[i].name);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0
		&& sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * --install [-s] [DIR]: a link per applet in DIR, or at its busybox path
 * under / without DIR. A link that already leads to this binary is fine;
 * any other existing file is left alone and reported.
 */
static int install_links(const struct applet_table *t, char **argv)
{
	char self[PATH_MAX];
	bool symbolic = argv[0] && strcmp(argv[0], "-s") == 0;
	const char *dir = argv[symbolic];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int rc = 0;

	if (len < 0)
		bb_perror_msg_and_die("can't find my own path (/proc/self/exe)");
	self[len] = '\0';
	for (size_t i = 0; i < t->count; i++) {
		const struct bb_applet *a = &t->applets[i];
		char *path = dir ? xasprintf("%s/%s", dir, a->name)
			: xasprintf("/%s%s", a->install_dir, a->name);
		int r = symbolic ? symlink(self, path) : link(self, path);

		if (r < 0 && !(errno == EEXIST && same_file(path, self))) {
			bb_perror_msg("can't create link '%s'", path);
			rc = 1;
		}
		free(path);
	}
	return rc;
}

/* argv[0] is what followed "dhcpbox": an applet name or one of our options. */
static int multicall(const struct applet_table *t, int argc, char **argv)
{
	const struct bb_applet *a;

	if (!argv[0])
		return multicall_usage(t);
	if (strcmp(argv[0], "--help") == 0) {
		if (!argv[1])
			return multicall_usage(t);
		a = find_applet(t, argv[1]);
		if (!a)
			bb_error_msg_and_die("applet not found: %s", argv[1]);
		bb_print_full_usage(stdout, a->name, a->usage);
		return 0;
	}
	if (strcmp(argv[0], "--list") == 0 || strcmp(argv[0], "--list-full") == 0) {
		list_applets(t, argv[0][6] == '-');
		return 0;
	}
	if (strcmp(argv[0], "--install") == 0) {
		if (!ENABLE_FEATURE_INSTALLER)
			bb_error_msg_and_die("--install is not enabled in this build");
		return install_links(t, argv + 1);
	}
	a = find_applet(t, base_name(argv[0]));
	if (!a) {
		bb_error_msg("applet not found: %s", argv[0]);
		return 127;
	}
	return run_applet(a, argc, argv);
}

int bb_multicall_main(const struct bb_applet *applets, size_t count, int argc, char **argv)
{
	struct applet_table t = { applets, count };
	const char *name;
	const struct bb_applet *a;

	if (argc < 1 || !argv[0])
		return multicall_usage(&t);
	name = base_name(argv[0]);
	a = find_applet(&t, name);

	if (a)
		return run_applet(a, argc, argv);
	applet_name = "dhcpbox";
	if (strncmp(name, "dhcpbox", 7) == 0)
		return multicall(&t, argc - 1, argv + 1);
	bb_error_msg("applet not found: %s", name);
	return 127;
}
