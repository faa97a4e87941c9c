#!/bin/bash
# getopt32: every option type, every usage error, long options, repeated
# options, "--" and argument permutation, through testsuite/c/getopt32_probe.c
# (which uses udhcpc's real option string).
. "$SRCTREE/testsuite/testlib.sh"

USAGE_LINE='Usage: probe [-CnqRSofBbv] [-i IFACE] [-s PROG] [-T SEC] [-t N] [-x OPT:VAL]...'

# probe ARGS: runs the probe; sets $out, $err, $rc.
probe() {
	out=$("$PROBES/getopt32_probe" "$@" 2>"$TMPDIR/stderr")
	rc=$?
	err=$(cat "$TMPDIR/stderr")
}

long_opts_on() {
	"$PROBES/getopt32_probe" --config | grep -qx 'LONG_OPTS=1'
}

# usage_error ARGS... -- MESSAGE: exit 1, MESSAGE then the short usage on stderr.
usage_error() {
	msg=$1; shift
	probe udhcpc "$@"
	assertEquals "exit status for $*" 1 "$rc"
	assertEquals "stdout for $*" "" "$out"
	assert_output "$msg
$USAGE_LINE" "$err" "stderr for $*"
}

test_flags_cluster_and_separate() {
	probe udhcpc -fq -n -S
	assertEquals 0 "$rc"
	assert_output "opts=0x21050
n
q
S
f" "$out"
}

test_no_options() {
	probe udhcpc
	assertEquals 0 "$rc"
	assertEquals "opts=0x0" "$out"
}

test_string_separate_and_attached() {
	probe udhcpc -i eth1 -s/etc/udhcpc/default.script -V ""
	assertEquals 0 "$rc"
	assert_output "opts=0x20a
V=
i=eth1
s=/etc/udhcpc/default.script" "$out"
}

test_string_in_cluster_takes_rest_of_word() {
	probe udhcpc -fieth0 -q
	assert_output "opts=0x20048
i=eth0
q
f" "$out"
}

test_repeated_string_keeps_last() {
	probe udhcpc -i eth0 -i eth1 --interface wlan0
	if long_opts_on; then
		assertContains "$out" "i=wlan0"
	else
		assertEquals 1 "$rc"
	fi
	probe udhcpc -i eth0 -i eth1
	assertContains "$out" "i=eth1"
}

test_number() {
	probe udhcpc -T 5 -t0 -A 4294967295
	assertEquals 0 "$rc"
	assert_output "opts=0x2c00
T=5
t=0
A=4294967295" "$out"
}

test_invalid_numbers() {
	usage_error "probe: invalid number 'abc'" -T abc
	usage_error "probe: invalid number '3s'" -T 3s
	usage_error "probe: invalid number '-1'" -t -1
	usage_error "probe: invalid number '+1'" -t +1
	usage_error "probe: invalid number ''" -A ""
	usage_error "probe: invalid number ' 7'" -A " 7"
	usage_error "probe: invalid number '4294967296'" -T 4294967296
	usage_error "probe: invalid number '99999999999999999999999'" -T 99999999999999999999999
}

test_list_keeps_every_value_in_order() {
	probe udhcpc -x hostname:box -O dns -x lease:3600 -Ontpsrv -x 0x3d:0100
	assertEquals 0 "$rc"
	assertContains "$out" "O=dns|ntpsrv"
	assertContains "$out" "x=hostname:box|lease:3600|0x3d:0100"
}

test_counter() {
	probe udhcpc -v -vv -v
	assertEquals 0 "$rc"
	assert_output "opts=0x400000
v=4" "$out"
}

test_optional_argument_attached_only() {
	probe udhcpc -a
	assertContains "$out" "a=(none)"
	probe udhcpc -a1500
	assertContains "$out" "a=1500"
	# a separate word is not the optional value: it is an argument
	probe udhcpc -a 1500
	assert_output "opts=0x100000
a=(none)
arg=1500" "$out"
}

test_invalid_option() {
	usage_error "probe: invalid option -- 'z'" -z
	usage_error "probe: invalid option -- 'z'" -fz
	usage_error "probe: invalid option -- 'H'" -H host
}

test_option_requires_argument() {
	usage_error "probe: option requires an argument -- 'i'" -i
	usage_error "probe: option requires an argument -- 'T'" -f -T
	usage_error "probe: option requires an argument -- 'x'" -qx
}

test_double_dash_ends_options() {
	probe udhcpc -f -- -q --interface x
	assertEquals 0 "$rc"
	assert_output "opts=0x20000
f
arg=-q
arg=--interface
arg=x" "$out"
}

test_lone_dash_is_an_argument() {
	probe udhcpc - -f
	assert_output "opts=0x20000
f
arg=-" "$out"
}

test_arguments_are_permuted_after_options() {
	probe udhcpc one -f two -i eth0 three
	assertEquals 0 "$rc"
	assert_output "opts=0x20008
i=eth0
f
arg=one
arg=two
arg=three" "$out"
}

test_option_value_that_looks_like_option() {
	probe udhcpc -s -f
	assert_output "opts=0x200
s=-f" "$out"
}

test_long_options() {
	long_opts_on || { skip_test "LONG_OPTS is off in this build"; return 0; }
	probe udhcpc --interface eth2 --script=/bin/s --foreground --retries 7 \
		--request-option dns --request-option=router --arping=300 --timeout=9
	assertEquals 0 "$rc"
	assert_output "opts=0x124e08
i=eth2
s=/bin/s
T=9
t=7
O=dns|router
f
a=300" "$out"
}

test_long_optional_without_value() {
	long_opts_on || { skip_test "LONG_OPTS is off in this build"; return 0; }
	probe udhcpc --arping 300
	assert_output "opts=0x100000
a=(none)
arg=300" "$out"
}

test_long_unique_prefix() {
	long_opts_on || { skip_test "LONG_OPTS is off in this build"; return 0; }
	probe udhcpc --inter eth3 --fore
	assertEquals 0 "$rc"
	assert_output "opts=0x20008
i=eth3
f" "$out"
}

test_long_errors() {
	long_opts_on || { skip_test "LONG_OPTS is off in this build"; return 0; }
	usage_error "probe: unrecognized option '--bogus'" --bogus
	usage_error "probe: unrecognized option '--bogus'" --bogus=1
	usage_error "probe: option '--interface' requires an argument" --interface
	usage_error "probe: option '--interface' requires an argument" --inter
	usage_error "probe: option '--foreground' doesn't allow an argument" --foreground=yes
	usage_error "probe: option '--re' is ambiguous" --re
	usage_error "probe: invalid number 'x'" --timeout=x
}

test_long_options_disabled() {
	long_opts_on && { skip_test "LONG_OPTS is on in this build (build_test covers off)"; return 0; }
	usage_error "probe: unrecognized option '--interface'" --interface eth0
}

test_several_long_names_and_counted_long() {
	long_opts_on || { skip_test "LONG_OPTS is off in this build"; return 0; }
	probe multi --all --every --verbose -v x
	assertEquals 0 "$rc"
	assert_output "opts=0x3
a
v=2
arg=x" "$out"
}

test_help_prints_full_usage_on_stdout() {
	probe udhcpc -f --help
	assertEquals 0 "$rc"
	assertEquals "" "$err"
	if "$PROBES/getopt32_probe" --config | grep -qx 'FEATURE_VERBOSE_USAGE=1'; then
		assert_output "$USAGE_LINE

	-i,--interface IFACE	Interface to use" "$out"
	else
		assertEquals "$USAGE_LINE" "$out"
	fi
}

test_flags_only_spec_has_no_pointers() {
	probe flags -c -a x
	assert_output "opts=0x5
a
c
arg=x" "$out"
}

test_malformed_spec_is_a_bug() {
	probe bad -a
	assertEquals 1 "$rc"
	assertEquals "probe: BUG: bad long option in 'a:(unclosed'" "$err"
}

. "$SRCTREE/testsuite/testlib_run.sh"
