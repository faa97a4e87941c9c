/*
 * The applet table: one static, sorted X-macro list.
 *
 * Each applet is one line of DHCPBOX_APPLETS, sorted by name (dispatch
 * uses bsearch; the dispatch suite checks the order):
 *
 *	IF_UDHCPC(APPLET(udhcpc, BB_DIR_SBIN)) \
 *
 * The applet's file defines `int udhcpc_main(int argc, char **argv)` and
 * `const char udhcpc_usage[]`; its Kconfig symbol decides whether the line,
 * and the applet's objects in the Makefile, exist at all. scripts/applets.awk
 * reads these lines so `make install` needs no binary that runs here.
 */
#ifndef DHCPBOX_APPLETS_H
#define DHCPBOX_APPLETS_H

#include "libbb.h"

/* Install directories, as busybox places the same applets. */
#define BB_DIR_BIN "bin/"
#define BB_DIR_SBIN "sbin/"
#define BB_DIR_USR_BIN "usr/bin/"
#define BB_DIR_USR_SBIN "usr/sbin/"

#define DHCPBOX_APPLETS(APPLET) \
	IF_DHCPRELAY(APPLET(dhcprelay, BB_DIR_USR_SBIN)) \
	IF_DUMPLEASES(APPLET(dumpleases, BB_DIR_USR_BIN)) \
	IF_UDHCPC(APPLET(udhcpc, BB_DIR_SBIN)) \
	IF_UDHCPD(APPLET(udhcpd, BB_DIR_USR_SBIN))

/* Each applet's main and usage text, declared once for its file and the table. */
#define DECLARE_APPLET(name, dir) \
	int name##_main(int argc, char **argv); \
	extern const char name##_usage[];
DHCPBOX_APPLETS(DECLARE_APPLET)

struct bb_applet {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *install_dir;
	const char *usage;
};

/*
 * Runs the applet named by basename(argv[0]) or, when that name starts with
 * "dhcpbox", handles "dhcpbox [--list|--list-full|--install|--help] APPLET".
 * The table must be sorted by name.
 */
int bb_multicall_main(const struct bb_applet *applets, size_t count,
	int argc, char **argv);

#endif
