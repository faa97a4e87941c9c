#!/bin/sh
# runtests.sh [SUITE...]: runs the shunit2 suites under testsuite/ (all, or
# the named ones: "getopt32" runs getopt32_test.sh), shows the log of every
# suite that failed, and ends with the line "N passed, N failed, N skipped"
# counting tests. Exits non-zero if any test failed or a suite broke.
# Run through 'make test', which builds what the suites use.
#
# Each suite runs under 'timeout -k': a suite that hangs is killed (with
# what it started: timeout signals its process group) and counted failed.
# Strict about skips when DHCPBOX_CI=1 or as root (DHCPBOX_CI=0 turns it
# off): a skipped test not listed in testsuite/expected-skips is a failure,
# so a missing peer or a broken namespace setup cannot pass as all green.
# A skip for a feature the build leaves out ("not in this build: CONFIG_X
# is off") is accepted when .config has X off.

cd "$SRCTREE/testsuite" || exit 1
if ! [ -r /usr/share/shunit2/shunit2 ]; then
	echo "runtests: shunit2 is not installed (apt-get install shunit2)" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
if [ $# -gt 0 ]; then
	suites=
	for name; do suites="$suites ${name%_test.sh}_test.sh"; done
else
	suites=$(ls ./*_test.sh | sed 's|^\./||')
fi

# Suites may need executables in TMPDIR (shunit2 does).
TMPDIR=$(mktemp -d /tmp/dhcpbox-tests.XXXXXX) || exit 1
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT INT TERM
if [ "$SANITIZE" = 1 ]; then
	ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:exitcode=99
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
	export ASAN_OPTIONS UBSAN_OPTIONS
fi

strict=${DHCPBOX_CI:-}
[ -n "$strict" ] || { [ "$(id -u)" = 0 ] && strict=1 || strict=0; }
# EXPECTED_SKIPS_EXTRA: a second list (a foreign architecture's, from
# scripts/test-cross.sh), when the file is there
expected_skips=$(cat expected-skips ${EXPECTED_SKIPS_EXTRA:+$(ls "$EXPECTED_SKIPS_EXTRA" 2>/dev/null)} |
	grep -v '^#' | awk 'NF >= 2 { print $1 " " $2 }')
suite_timeout=${SUITE_TIMEOUT:-900}

total_pass=0 total_fail=0 total_skip=0
for suite in $suites; do
	log="$TMPDIR/${suite%.sh}.log"
	start=$(date +%s)
	timeout -k 30 "$suite_timeout" bash "./$suite" >"$log" 2>&1
	rc=$?
	result=$(grep '^@@RESULT ' "$log" | tail -n 1)
	pass=$(echo "$result" | sed -n 's/.*passed=\([0-9]*\).*/\1/p')
	fail=$(echo "$result" | sed -n 's/.*failed=\([0-9]*\).*/\1/p')
	skip=$(echo "$result" | sed -n 's/.*skipped=\([0-9]*\).*/\1/p')
	: "${pass:=0}" "${fail:=0}" "${skip:=0}"
	note=
	case $rc in
	124|137) fail=$((fail + 1)); note=" (timed out after ${suite_timeout}s, killed)" ;;
	*)	if [ -z "$result" ] || { [ $rc -ne 0 ] && [ "$fail" = 0 ]; }; then
			fail=$((fail + 1))
			note=" (suite exited with status $rc)"
		fi ;;
	esac
	unexpected=
	[ "$strict" = 1 ] && for t in $(sed -n 's/^SKIP: \([^:]*\):.*/\1/p' "$log"); do
		printf '%s\n' "$expected_skips" | grep -qxF "${suite%_test.sh} $t" && continue
		# a feature this configuration leaves out (testlib's need_built): true to .config
		sym=$(sed -n "s/^SKIP: $t: not in this build: CONFIG_\([A-Z0-9_]*\) is off\$/\1/p" "$log" | head -n 1)
		[ -n "$sym" ] && [ -r "$OBJTREE/.config" ] && ! grep -qx "CONFIG_$sym=y" "$OBJTREE/.config" &&
			continue
		unexpected="$unexpected $t"
		fail=$((fail + 1))
	done
	[ -z "$unexpected" ] || note="$note (skipped, not in expected-skips:$unexpected)"
	printf '%-28s %3d passed, %d failed, %d skipped, %ss%s\n' "$suite" \
		"$pass" "$fail" "$skip" "$(($(date +%s) - start))" "$note"
	grep -e '^SKIP: ' -e '^FIGURE: ' "$log" | sed 's/^/    /'
	if [ "$fail" != 0 ]; then
		echo "---- log of $suite ----"
		grep -v '^@@RESULT ' "$log"
		echo "---- end of $suite ----"
	fi
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
done
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" = 0 ]
