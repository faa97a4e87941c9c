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
