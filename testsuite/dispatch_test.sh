#!/bin/bash
# Applet dispatch: links named after applets, "dhcpbox APPLET", unknown
# names, --list/--list-full/--install/--help. The dhcpbox binary is checked
# against its .config; the dispatcher itself is also driven through
# multicall_probe, which has two test applets (alpha, beta), because the DHCP
# applets are not all there yet.
. "$SRCTREE/testsuite/testlib.sh"

oneTimeSetUp() {
	work=$(new_tmpdir)
	# A copy, so hard links to it stay on one filesystem.
	cp "$PROBES/multicall_probe" "$work/dhcpbox"
	box="$work/dhcpbox"
	expected_full=$(awk -f "$SRCTREE/scripts/applets.awk" "$OBJTREE/.config" \
		"$SRCTREE/applets/applets.h")
	expected=$(printf '%s\n' "$expected_full" | sed 's|.*/||' | grep -v '^$')
	return 0
}

run() {
	out=$("$@" 2>"$TMPDIR/stderr")
	rc=$?
	err=$(cat "$TMPDIR/stderr")
}

test_dhcpbox_list_matches_config() {
	run "$DHCPBOX" --list
	assertEquals 0 "$rc"
	assertEquals "$expected" "$out"
	run "$DHCPBOX" --list-full
	assertEquals "$expected_full" "$out"
}

test_dhcpbox_table_is_sorted() {
	"$DHCPBOX" --list | LC_ALL=C sort -c
	assertTrue "applet table out of order" $?
	"$box" --list | LC_ALL=C sort -c
	assertTrue "probe table out of order" $?
}

test_dhcpbox_alone_and_help_show_usage_and_applets() {
	run "$DHCPBOX"
	assertEquals 0 "$rc"
	assertContains "$out" "Usage: dhcpbox APPLET [ARGS]..."
	run "$DHCPBOX" --help
	assertEquals 0 "$rc"
	assertContains "$out" "Applets in this build:"
	for a in $expected; do
		assertContains "$out" "	$a"
	done
	[ -n "$expected" ] || assertContains "$out" "(none)"
}

test_unknown_applet() {
	run "$DHCPBOX" nosuchapplet -x
	assertEquals 127 "$rc"
	assertEquals "" "$out"
	assertEquals "dhcpbox: applet not found: nosuchapplet" "$err"
	ln -s "$DHCPBOX" "$work/nosuchapplet"
	run "$work/nosuchapplet"
	assertEquals 127 "$rc"
	assertEquals "dhcpbox: applet not found: nosuchapplet" "$err"
}

test_dhcpbox_applet_argument() {
	run "$box" alpha one "two words"
	assertEquals 0 "$rc"
	assert_output "alpha: argc=3
argv[0]=alpha
argv[1]=one
argv[2]=two words" "$out"
}

test_symlink_dispatches() {
	ln -sf dhcpbox "$work/alpha"
	run "$work/alpha" x
	assertEquals 0 "$rc"
	assert_output "alpha: argc=2
argv[0]=$work/alpha
argv[1]=x" "$out"
}

test_hard_link_dispatches() {
	ln -f "$box" "$work/beta"
	run "$work/beta"
	assertEquals 0 "$rc"
	assertEquals "beta ran" "$out"
}

test_renamed_multicall_binary() {
	cp "$box" "$work/dhcpbox-static"
	run "$work/dhcpbox-static" beta -q
	assertEquals 0 "$rc"
	assertEquals "" "$out"
}

test_applet_exit_status_is_passed_on() {
	run "$box" beta -q -n 42
	assertEquals 42 "$rc"
}

test_applet_usage_error_names_the_applet() {
	run "$box" beta -z
	assertEquals 1 "$rc"
	assert_output "beta: invalid option -- 'z'
Usage: beta [-q] [-n NUM]" "$err"
}

test_applet_help() {
	for how in "$box beta --help" "$box --help beta" "$work/beta --help"; do
		ln -f "$box" "$work/beta"
		run $how
		assertEquals "$how" 0 "$rc"
		assertEquals "$how" "" "$err"
		assertContains "$how" "$out" "Usage: beta [-q] [-n NUM]"
	done
	run "$box" --help nosuch
	assertEquals 1 "$rc"
	assertEquals "dhcpbox: applet not found: nosuch" "$err"
}

test_list_and_list_full() {
	run "$box" --list
	assert_output "alpha
beta" "$out"
	run "$box" --list-full
	assert_output "usr/bin/alpha
sbin/beta" "$out"
}

test_install_hard_links() {
	dir="$work/hard"
	mkdir "$dir"
	run "$box" --install "$dir"
	assertEquals 0 "$rc"
	assertEquals "alpha beta" "$(ls "$dir" | tr '\n' ' ' | sed 's/ $//')"
	for a in alpha beta; do
		assertTrue "$a is not a hard link" "[ '$dir/$a' -ef '$box' ] && [ ! -L '$dir/$a' ]"
	done
	run "$dir/alpha"
	assertContains "$out" "alpha: argc=1"
	run "$box" --install "$dir"
	assertEquals "second install" 0 "$rc"
}

test_install_symlinks() {
	dir="$work/soft"
	mkdir "$dir"
	run "$box" --install -s "$dir"
	assertEquals 0 "$rc"
	assertEquals "$box" "$(readlink "$dir/alpha")"
	assertEquals "$box" "$(readlink "$dir/beta")"
	run "$dir/beta"
	assertEquals "beta ran" "$out"
	run "$box" --install -s "$dir"
	assertEquals "second install" 0 "$rc"
}

test_install_does_not_replace_foreign_files() {
	dir="$work/foreign"
	mkdir "$dir"
	echo mine >"$dir/alpha"
	run "$box" --install -s "$dir"
	assertEquals 1 "$rc"
	assertEquals "dhcpbox: can't create link '$dir/alpha': File exists" "$err"
	assertEquals mine "$(cat "$dir/alpha")"
	assertTrue "beta still installed" "[ -L '$dir/beta' ]"
}

test_dhcpbox_install_matches_config() {
	dir="$work/real"
	mkdir "$dir"
	run "$DHCPBOX" --install -s "$dir"
	assertEquals 0 "$rc"
	assertEquals "$expected" "$(ls "$dir")"
}

. "$SRCTREE/testsuite/testlib_run.sh"
