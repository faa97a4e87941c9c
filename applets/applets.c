/*
 * main() of the dhcpbox binary: the table of the applets enabled in .config.
 */
#include "applets.h"

#define APPLET_ENTRY(name, dir) { #name, name##_main, dir, name##_usage },
static const struct bb_applet applets[] = {
	DHCPBOX_APPLETS(APPLET_ENTRY)
	{ NULL, NULL, NULL, NULL }	/* keeps the array non-empty */
};

int main(int argc, char **argv)
{
	return bb_multicall_main(applets, ARRAY_SIZE(applets) - 1, argc, argv);
}
