#!/bin/bash
# The regular expressions of ~= and ~~ (networking/udhcp/server/ere.c)
# through testsuite/c/ere_probe.c, against glibc's regcomp and regexec,
# which ISC dhcpd uses, on the same patterns and texts:
#
#	fixtures/ere/cases.table	rows with their answers: the patterns
#					dhcpd.conf files use, glibc's edges
#					(anchors, brackets, bounds, REG_ICASE),
#					every error
#	random patterns			token soup and grammar-grown ones,
#					each with texts from its own bytes
#	what cost glibc gigabytes	compiled and matched here in a few
#					megabytes (an address-space rlimit)
. "$SRCTREE/testsuite/testlib.sh"

P="$PROBES/ere_probe"
FIX="$SRCTREE/testsuite/fixtures/ere"

# field NAME LINE: NAME=VALUE's value in the probe's summary line.
field() { sed -n "s/.*\\<$1=\\([0-9]*\\).*/\\1/p" <<<"$2"; }

test_table_rows_hold_and_glibc_agrees() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	out=$("$P" table "$FIX/cases.table" 2>&1)
	rc=$?
	assertEquals "$out" 0 "$rc"
	last=$(tail -n 1 <<<"$out")
	assertEquals "$out" 0 "$(field disagreements "$last")"
	# the comparisons happened: most rows went to glibc too
	assertTrue "$last" "[ $(field compared "$last") -ge 100 ]"
	assertTrue "$last" "[ $(field texts "$last") -ge 75 ]"
}

test_random_patterns_match_as_glibc_does() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	for seed in 1 2; do
		out=$("$P" random "$seed" 10000 2>&1)
		rc=$?
		last=$(tail -n 1 <<<"$out")
		assertEquals "seed $seed: $out" 0 "$rc"
		assertEquals "seed $seed: $out" 0 "$(field disagreements "$last")"
		assertTrue "$last" "[ $(field compared "$last") -ge 8000 ]"
		assertTrue "$last" "[ $(field texts "$last") -ge 30000 ]"
	done
}

# The patterns that cost glibc's regcomp gigabytes or seconds (measured
# with glibc 2.36), compiled and matched under a 64 MB address space (but
# in a sanitizer build, which reserves terabytes: the answers only).
test_glibc_blowups_are_cheap_here() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	limit="ulimit -v 65536"
	grep -q fsanitize "$OBJTREE/.build-flags" 2>/dev/null && limit=:
	t=$(new_tmpdir)
	plus=a$(printf '+%.0s' $(seq 100))
	chain=$(printf '^$%.0s' $(seq 22))$(printf 'a?%.0s' $(seq 448))
	empties=$(printf '^(||)%.0s' $(seq 250))
	{
		printf -- '-\t%s\t%s\t1\n' "$plus" aaa
		printf -- '-\t%s\t%s\t0\n' "$chain" aaa
		printf -- '-\t%s\t%s\t1\n' "$empties" aaa
		printf -- '-\t%s\t%s\t1\n' 'a{0,4094}' aaa
		printf -- '-\t%s\t%s\t1\n' "$(printf '^(a*)*%.0s' $(seq 24))" aaa
		printf -- '-\t%s\t%s\t1\n' '(^)+{22}' x
		printf -- '-\t%s\t%s\t!SIZE\n' '(a{99}){99}{99}' x
		printf -- '-\t%s\t%s\t!BOUND_ESCAPE\n' '(((a{\060}){\060}){\060}){\060}' x
	} >"$t/costly.table"
	# ours only: glibc would be the one to run out
	out=$($limit && ERE_PROBE_NO_GLIBC=1 "$P" table "$t/costly.table" 2>&1)
	rc=$?
	assertEquals "$out" 0 "$rc"
	assertEquals "$out" 8 "$(field rows "$(tail -n 1 <<<"$out")")"
}

. "$SRCTREE/testsuite/testlib_run.sh"
