/*
 * multicall_probe: the real dispatcher (applets/appletlib.c) with a table
 * of two test applets, so the dispatch suite can check symlinks, hard
 * links, "dhcpbox APPLET", --list and --install before the DHCP applets
 * exist. Copied or linked as "dhcpbox", it behaves as the multicall binary.
 */
#include "applets.h"

static const char alpha_usage[] =
	"[ARG]...\n"
	"\n"
	"Print the applet name and every argument\n";

static int alpha_main(int argc, char **argv)
{
	printf("%s: argc=%d\n", applet_name, argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	return 0;
}

static const char beta_usage[] =
	"[-q] [-n NUM]\n"
	"\n"
	"\t-q\tQuiet\n"
	"\t-n NUM\tExit with status NUM\n";

static int beta_main(int argc, char **argv)
{
	unsigned status = 0;
	uint32_t opts = getopt32(argv, "qn:+", &status);

	(void)argc;
	if (!(opts & 1))
		printf("beta ran\n");
	return (int)status;
}

static const struct bb_applet applets[] = {
	{ "alpha", alpha_main, BB_DIR_USR_BIN, alpha_usage },
	{ "beta", beta_main, BB_DIR_SBIN, beta_usage },
};

int main(int argc, char **argv)
{
	return bb_multicall_main(applets, ARRAY_SIZE(applets), argc, argv);
}
