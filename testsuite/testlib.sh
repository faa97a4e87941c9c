# testlib.sh: sourced by every suite (testsuite/*_test.sh) before its tests.
#
# Gives the suites the binary and probes under test, skip_test, temp dirs,
# and reports the suite's counts to runtests.sh on one "@@RESULT" line.
# Suites put their own clean-up in suite_teardown (it may run twice: make it
# idempotent) and end with:  . "$SRCTREE/testsuite/testlib_run.sh"

SHUNIT_COLOR=none
export SHUNIT_COLOR
: "${DHCPBOX:?run the suites through 'make test'}"
: "${PROBES:?}" "${SRCTREE:?}" "${OBJTREE:?}"

_tl_skipped=0
_tl_reported=0
_tl_tmpdirs=

# skip_test REASON: the current test is counted as skipped; the caller returns.
skip_test() {
	echo "SKIP: ${_shunit_test_:-?}: $*"
	_tl_skipped=$((_tl_skipped + 1))
	startSkipping
}

is_root() { [ "$(id -u)" = 0 ]; }

# built_with SYMBOL: is CONFIG_SYMBOL on in the build under test?
built_with() { grep -qx "CONFIG_$1=y" "$OBJTREE/.config"; }

# need_built SYMBOL...: true when the build has them all; else the current
# test is skipped, with the reason runtests.sh accepts when .config agrees
# (a configuration other than defconfig leaves features out), and false.
# A suite's oneTimeSetUp may use unbuilt_reason for its why_not instead.
need_built() {
	_tl_why=$(unbuilt_reason "$@") || return 0
	skip_test "$_tl_why"
	return 1
}
unbuilt_reason() {
	# without a .config nothing counts as left out: a reason runtests.sh refuses
	[ -r "$OBJTREE/.config" ] || { echo "no .config in $OBJTREE"; return 0; }
	for _tl_s in "$@"; do
		built_with "$_tl_s" || { echo "not in this build: CONFIG_$_tl_s is off"; return 0; }
	done
	return 1
}

# new_tmpdir: a directory removed when the suite ends.
new_tmpdir() {
	_tl_dir=$(mktemp -d "${TMPDIR:-/tmp}/dhcpbox-test.XXXXXX") || return 1
	_tl_tmpdirs="$_tl_tmpdirs $_tl_dir"
	echo "$_tl_dir"
}

# assert_output EXPECTED ACTUAL [MESSAGE]: multi-line comparison with a diff.
assert_output() {
	if [ "$1" != "$2" ]; then
		fail "${3:-output differs}: $(printf '%s\n' "$1" >"${TMPDIR:-/tmp}/exp.$$"; \
			printf '%s\n' "$2" | diff -u "${TMPDIR:-/tmp}/exp.$$" - | tail -n +3; \
			rm -f "${TMPDIR:-/tmp}/exp.$$")"
	fi
}

oneTimeTearDown() {
	if command -v suite_teardown >/dev/null 2>&1; then
		suite_teardown
	fi
	for _tl_d in $_tl_tmpdirs; do
		rm -rf "$_tl_d"
	done
	_tl_tmpdirs=
	[ "$_tl_reported" = 1 ] && return 0
	_tl_reported=1
	_tl_passed=$((__shunit_testsPassed - _tl_skipped))
	[ "$_tl_passed" -lt 0 ] && _tl_passed=0
	echo "@@RESULT passed=$_tl_passed failed=$__shunit_testsFailed skipped=$_tl_skipped"
	return 0
}
