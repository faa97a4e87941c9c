#!/bin/bash
# The build: allnoconfig, defconfig and allyesconfig in separate output
# trees (O=DIR), each binary's --list against its .config; gcc and clang;
# static and musl builds; the fallback without kconfig-frontends;
# incremental rebuilds; clean/distclean; install.
# Builds here are plain builds: the outer make's SANITIZE/CC do not leak in.
. "$SRCTREE/testsuite/testlib.sh"

oneTimeSetUp() {
	work=$(new_tmpdir)
	unset MAKEFLAGS MAKELEVEL MFLAGS SANITIZE
	have_kconfig=0
	command -v kconfig-conf >/dev/null && have_kconfig=1
	return 0
}

# mk DIR ARGS...: make in the source tree with O=DIR; output in $out.
mk() {
	dir=$1; shift
	out=$(make -s -C "$SRCTREE" O="$dir" "$@" 2>&1)
	rc=$?
}

# A copy of the sources (tracked and new files, no build outputs), for the
# tests that build in the tree itself or touch sources.
copy_sources() {
	dest=$1
	mkdir -p "$dest"
	if git -C "$SRCTREE" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$SRCTREE" && git ls-files -co --exclude-standard -z |
			xargs -0 tar cf - 2>/dev/null) | tar xf - -C "$dest"
	else
		(cd "$SRCTREE" && tar cf - --exclude=.git --exclude='*.o' --exclude='*.d' \
			--exclude=.config --exclude=include --exclude=dhcpbox .) | tar xf - -C "$dest"
	fi
}

expected_applets() {
	awk -f "$SRCTREE/scripts/applets.awk" "$1/.config" "$SRCTREE/applets/applets.h" |
		sed 's|.*/||'
}

# check_config_build NAME [make variables]: configure and build, then check
# the binary lists exactly the applets its .config enables.
check_config_build() {
	cfg=$1; shift
	dir="$work/$cfg"
	mk "$dir" "$@" "$cfg"
	assertEquals "make $cfg: $out" 0 "$rc"
	mk "$dir" "$@" all
	assertEquals "build of $cfg: $out" 0 "$rc"
	assertTrue "$cfg: no binary" "[ -x '$dir/dhcpbox' ]"
	assertEquals "$cfg --list" "$(expected_applets "$dir")" "$("$dir/dhcpbox" --list)"
	for sym in $(sed -n 's/^[ \t]*config[ \t]\{1,\}\([A-Z0-9_]*\).*/\1/p' \
			"$SRCTREE"/Config.in "$SRCTREE"/*/Config.in "$SRCTREE"/*/*/Config.in); do
		grep -q "^#define ENABLE_$sym [01]$" "$dir/include/autoconf.h" ||
			fail "$cfg: ENABLE_$sym missing from the header"
		grep -q "^#define IF_NOT_$sym(...)" "$dir/include/autoconf.h" ||
			fail "$cfg: IF_NOT_$sym missing from the header"
	done
}

test_defconfig_build() {
	check_config_build defconfig
}

test_allnoconfig_build_lists_nothing() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	check_config_build allnoconfig
	assertEquals "" "$("$work/allnoconfig/dhcpbox" --list)"
	assertTrue "every symbol off" "! grep -q '=y' '$work/allnoconfig/.config'"
}

test_allyesconfig_build_with_clang_is_static() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	command -v clang >/dev/null || { skip_test "clang missing"; return 0; }
	check_config_build allyesconfig CC=clang
	assertTrue "STATIC=y gives a static binary" \
		"! readelf -d '$work/allyesconfig/dhcpbox' | grep -q NEEDED"
}

test_features_off_in_allnoconfig() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	dir="$work/allnoconfig"
	[ -x "$dir/dhcpbox" ] || mk "$dir" allnoconfig all
	mk "$dir" probes
	assertEquals "probes: $out" 0 "$rc"
	"$dir/testsuite/getopt32_probe" udhcpc --interface eth0 >/dev/null 2>"$TMPDIR/err"
	assertEquals 1 $?
	assertEquals "probe: unrecognized option '--interface'" "$(head -n 1 "$TMPDIR/err")"
	assertEquals "short help only" 1 "$("$dir/testsuite/getopt32_probe" udhcpc --help | wc -l)"
	"$dir/dhcpbox" --install -s "$work" 2>"$TMPDIR/err"
	assertEquals 1 $?
	assertEquals "dhcpbox: --install is not enabled in this build" "$(cat "$TMPDIR/err")"
}

# A server-only build keeps rapid commit (it used to depend on udhcpc).
test_server_only_build_takes_rapid_commit() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	dir="$work/server-only"
	mk "$dir" allnoconfig
	printf 'CONFIG_UDHCPD=y\nCONFIG_FEATURE_UDHCP_RAPID_COMMIT=y\n' >>"$dir/.config"
	mk "$dir" olddefconfig
	mk "$dir" all probes
	assertEquals "build: $out" 0 "$rc"
	assertTrue "rapid commit kept" "grep -qx CONFIG_FEATURE_UDHCP_RAPID_COMMIT=y '$dir/.config'"
	assertEquals "udhcpd" "$("$dir/dhcpbox" --list)"
	echo "rapid_commit yes" >"$TMPDIR/rc.conf"
	assertContains "$("$dir/testsuite/udhcpd_probe" config "$TMPDIR/rc.conf")" "rapid_commit=1"
	# FEATURE_VERBOSE_USAGE and FEATURE_DEBUG_MESSAGES are off: their
	# texts are not in the binary, not merely left unprinted
	# the synopsis only: its lines start with "Usage:" or a tab and '['
	assertEquals "the synopsis only: $("$dir/dhcpbox" udhcpd --help)" 0 \
		"$("$dir/dhcpbox" udhcpd --help | grep -cv "^Usage: \|^$(printf '\t')\[")"
	assertFalse "no option help in the binary" "grep -q 'Run in foreground' '$dir/dhcpbox'"
	assertFalse "no -v texts in the binary" "grep -q 'rewritten (%s): %u leases' '$dir/dhcpbox'"
	assertTrue "and in a default build" "grep -q 'rewritten (%s): %u leases' '$DHCPBOX'"
}

# udhcpd without -u, the filter, BOOTP and the dhcpd.conf reader: none is
# offered, the config keywords say how the build was made, and their code
# (the evaluator of dhcpd.conf expressions too) is not in the binary
# (each symbol checked is in a default build's).
test_server_without_user_seccomp_bootp_isc() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	dir="$work/server-bare"
	mk "$dir" allnoconfig
	printf 'CONFIG_UDHCPD=y\n' >>"$dir/.config"
	mk "$dir" olddefconfig
	sed -i -e 's/^CONFIG_FEATURE_UDHCPD_USER=y$/# CONFIG_FEATURE_UDHCPD_USER is not set/' \
		-e 's/^CONFIG_FEATURE_UDHCPD_SECCOMP=y$/# CONFIG_FEATURE_UDHCPD_SECCOMP is not set/' \
		-e 's/^CONFIG_FEATURE_UDHCPD_BOOTP=y$/# CONFIG_FEATURE_UDHCPD_BOOTP is not set/' \
		-e 's/^CONFIG_FEATURE_UDHCPD_ISC_CONF=y$/# CONFIG_FEATURE_UDHCPD_ISC_CONF is not set/' "$dir/.config"
	mk "$dir" all probes
	assertEquals "build: $out" 0 "$rc"
	assertNotContains "no -u" "$("$dir/dhcpbox" udhcpd --help 2>&1)" "-u USER"
	"$dir/dhcpbox" udhcpd -f -u nobody /dev/null >/dev/null 2>&1
	assertEquals "-u refused" 1 $?
	echo "user nobody" >"$TMPDIR/u.conf"
	assertContains "$("$dir/testsuite/udhcpd_probe" config "$TMPDIR/u.conf" 2>&1)" "built without FEATURE_UDHCPD_USER"
	syms=$(nm "$dir/dhcpbox")
	assertNotContains "no seccomp code" "$syms" "os_seccomp_install"
	assertNotContains "no drop code" "$syms" "os_drop_to"
	echo "bootp yes" >"$TMPDIR/b.conf"
	assertContains "$("$dir/testsuite/udhcpd_probe" config "$TMPDIR/b.conf" 2>&1)" "built without BOOTP"
	assertNotContains "no BOOTP code" "$syms" "server_decide_bootp"
	assertNotContains "no expression evaluator" "$syms" "conf_eval_data"
	# the model test over this build's server: the invariants do not
	# depend on the features left out
	out=$("$dir/testsuite/udhcpd_model" 1 50 2000)
	assertEquals "model of the bare server: $out" 0 $?
	assertContains "$out" "every invariant held"
	# and the client's, built as this configuration has it (no
	# remembered lease: the model checks none is written)
	out=$("$dir/testsuite/udhcpc_model" 1 50 2000)
	assertEquals "model of the client: $out" 0 $?
	assertContains "$out" "every invariant held"
}

test_musl_static_build() {
	command -v musl-gcc >/dev/null || { skip_test "musl-gcc missing (apt-get install musl-tools)"; return 0; }
	dir="$work/musl"
	mk "$dir" defconfig
	sed -i 's/^# CONFIG_STATIC is not set$/CONFIG_STATIC=y/' "$dir/.config"
	mk "$dir" CC=musl-gcc
	assertEquals "musl build: $out" 0 "$rc"
	assertTrue "static" "! readelf -d '$dir/dhcpbox' | grep -q NEEDED"
	assertEquals "$(expected_applets "$dir")" "$("$dir/dhcpbox" --list)"
}

test_checked_in_defconfig_is_full_and_current() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	dir="$work/fresh"
	mkdir -p "$dir"
	cp "$SRCTREE/configs/defconfig" "$dir/.config"
	mk "$dir" olddefconfig
	assertEquals "olddefconfig: $out" 0 "$rc"
	assert_output "$(grep CONFIG_ "$SRCTREE/configs/defconfig")" \
		"$(grep CONFIG_ "$dir/.config")" \
		"configs/defconfig is stale: regenerate it with make defconfig + copy .config"
}

test_without_kconfig_builds_defconfig_and_refuses_the_rest() {
	dir="$work/nokconfig"
	mk "$dir" KCONFIG_CONF=/nonexistent/kconfig-conf
	assertEquals "$out" 0 "$rc"
	assertContains "$out" "warning: /nonexistent/kconfig-conf not found; building the checked-in configs/defconfig"
	assertEquals "$(grep CONFIG_ "$SRCTREE/configs/defconfig")" "$(grep CONFIG_ "$dir/.config")"
	"$dir/dhcpbox" --list >/dev/null
	assertTrue "binary runs" $?
	for target in allnoconfig allyesconfig menuconfig oldconfig olddefconfig savedefconfig; do
		mk "$dir" KCONFIG_CONF=/nonexistent/kconfig-conf $target
		assertNotEquals "$target must refuse" 0 "$rc"
		assertContains "$target" "$out" "make $target: needs /nonexistent/kconfig-conf from kconfig-frontends"
	done
	mk "$dir" KCONFIG_CONF=/nonexistent/kconfig-conf defconfig
	assertEquals "defconfig copies configs/defconfig" 0 "$rc"
}

test_incremental_rebuilds() {
	[ $have_kconfig = 1 ] || { skip_test "kconfig-conf missing"; return 0; }
	src="$work/inc-src"
	copy_sources "$src"
	build() { out=$(make -C "$src" 2>&1); rc=$?; }
	build
	assertEquals "first build: $out" 0 "$rc"
	build
	assertEquals "nothing to do" "" "$(echo "$out" | grep -E '^  (CC|LINK|AR) ')"
	touch "$src/libbb/llist.c"
	build
	assertEquals "a .c file rebuilds its object" "  CC       libbb/llist.o
  AR       libbb/lib.a
  LINK     dhcpbox" "$(echo "$out" | grep -E '^  (CC|AR|LINK) ')"
	users=$(cd "$src" && grep -l 'applets/applets\.h' $(find . -name '*.d' ! -path './testsuite/*') |
		sed 's|^\./||; s|\.d$|.o|' | sort | tr '\n' ' ')
	touch "$src/applets/applets.h"
	build
	assertEquals "a header rebuilds its users, and only them" "$users" \
		"$(echo "$out" | sed -n 's/^  CC  *//p' | sort | tr '\n' ' ')"
	assertContains "$users" "applets/applets.o"
	touch "$src/Config.in"
	build
	assertEquals "an unchanged config compiles nothing" "" "$(echo "$out" | grep '^  CC ')"
	sed -i 's/^CONFIG_FEATURE_INSTALLER=y$/# CONFIG_FEATURE_INSTALLER is not set/' "$src/.config"
	build
	assertContains "a .config change recompiles" "$out" "CC       applets/appletlib.o"
	assertContains "new CFLAGS rebuild" "$(make -C "$src" V=1 CFLAGS=-O1 2>&1)" " -O1 "
	out=$(make -C "$src" V=1 2>&1)
	assertContains "V=1 shows full commands; new flags rebuild" "$out" "-Wall -Wextra -Werror"
}

test_clean_and_distclean_leave_a_clean_tree() {
	src="$work/clean-src"
	copy_sources "$src"
	before=$(cd "$src" && find . | sort)
	make -s -C "$src" all probes >/dev/null 2>&1
	assertTrue "built in tree" "[ -x '$src/dhcpbox' ]"
	make -s -C "$src" clean >/dev/null 2>&1
	assertEquals "clean leaves the sources and the configuration" "$before" \
		"$(cd "$src" && find . ! -path ./.config ! -path ./.config.old \
			! -path ./include ! -path './include/*' | sort)"
	assertTrue "configuration kept by clean" "[ -f '$src/.config' ]"
	make -s -C "$src" distclean >/dev/null 2>&1
	assertEquals "distclean restores the tree" "$before" "$(cd "$src" && find . | sort)"
}

test_no_generated_file_is_tracked() {
	git -C "$SRCTREE" rev-parse --git-dir >/dev/null 2>&1 || { skip_test "not a git tree"; return 0; }
	tracked=$(git -C "$SRCTREE" ls-files | grep -E '(^|/)(\.config|autoconf\.h|[^/]*\.[oad]|dhcpbox|[^/]*_probe|udhcpd_load|udhcpd_model)$')
	assertEquals "" "$tracked"
}

test_install_destdir_prefix() {
	dir="$work/defconfig"
	[ -x "$dir/dhcpbox" ] || mk "$dir" defconfig all
	root="$work/root"
	mk "$dir" install DESTDIR="$root" PREFIX=/usr
	assertEquals "install: $out" 0 "$rc"
	assertTrue "binary installed" "[ -x '$root/usr/bin/dhcpbox' ]"
	expected=$(expected_applets "$dir" | sort)
	assertEquals "one link per applet" "$expected" \
		"$(find "$root" -type l -printf '%f\n' | sort)"
	if grep -q '^CONFIG_UDHCPC=y' "$dir/.config"; then
		assertTrue "default.script installed" \
			"[ -x '$root/usr/share/udhcpc/default.script' ]"
	fi
	# The link loop, with an applet list as the fixture .config would give.
	root2="$work/root2"
	mk "$dir" install DESTDIR="$root2" PREFIX=/opt/x \
		applet_paths="sbin/udhcpc usr/sbin/udhcpd usr/bin/dumpleases"
	assertEquals "install: $out" 0 "$rc"
	assertEquals "../bin/dhcpbox" "$(readlink "$root2/opt/x/sbin/udhcpc")"
	assertEquals "../bin/dhcpbox" "$(readlink "$root2/opt/x/sbin/udhcpd")"
	assertEquals "dhcpbox" "$(readlink "$root2/opt/x/bin/dumpleases")"
	assertTrue "links resolve" "[ '$root2/opt/x/sbin/udhcpc' -ef '$root2/opt/x/bin/dhcpbox' ]"
}

test_applet_list_script() {
	out=$(awk -f "$SRCTREE/scripts/applets.awk" "$SRCTREE/testsuite/fixtures/applets.config" \
		"$SRCTREE/testsuite/fixtures/applets.h")
	assert_output "usr/sbin/dhcprelay
usr/bin/dumpleases
usr/sbin/udhcpd
bin/zapplet" "$out"
}

test_config_header_generator() {
	cat >"$work/Kc.in" <<-'EOF'
	mainmenu "t"
	config ON
		bool "on"
	menuconfig MENU
		bool "menu"
	config OFF
		bool "off"
	config NAME
		string "name"
	config UNSET_NAME
		string "unset"
	config NUM
		int "num"
	EOF
	printf '%s\n' CONFIG_ON=y 'CONFIG_NAME="a \"b\""' CONFIG_NUM=42 \
		'# CONFIG_OFF is not set' CONFIG_MENU=y >"$work/kc.config"
	out=$(awk -v srctree="$work" -v kconfig=Kc.in -f "$SRCTREE/scripts/mkconfigh.awk" \
		"$work/kc.config")
	assertContains "$out" "#define CONFIG_ON 1
#define ENABLE_ON 1
#define IF_ON(...) __VA_ARGS__
#define IF_NOT_ON(...)"
	assertContains "$out" "#undef CONFIG_OFF
#define ENABLE_OFF 0
#define IF_OFF(...)
#define IF_NOT_OFF(...) __VA_ARGS__"
	assertContains "$out" "#define ENABLE_MENU 1"
	assertContains "$out" '#define CONFIG_NAME "a \"b\""'
	assertContains "$out" '#define CONFIG_UNSET_NAME ""
#define ENABLE_UNSET_NAME 0'
	assertContains "$out" "#define CONFIG_NUM 42"
}

. "$SRCTREE/testsuite/testlib_run.sh"
