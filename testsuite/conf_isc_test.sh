#!/bin/bash
# ISC dhcpd.conf into udhcpd's scoped model (networking/udhcp/server/
# conf_isc*.c), through testsuite/c/conf_probe.c, which prints the model:
#
#	fixtures/isc/statements.table	every statement, value type and error
#					(with its FILE:LINE:COLUMN), each row
#					also through ISC's "dhcpd -t"
#	fixtures/isc/*.conf		real-world-shaped files (most with their
#					dumps in *.out), each accepted by
#					"dhcpd -t" too
#	the DHCP mini-HOWTO's sample, netbios-name-servers line and host haagen
#	every error of a file (the parse goes on after one, as ISC's),
#	on dhcpd -t's lines; the cap of 20; udhcpd -t's exit status
#	includes (errors name the included file; loops; depth), names
#	through the resolver or none, the 1024-byte value cap, nesting
#	depth, warnings once a file, conf_text_is_isc; udhcpd's resolver
#	memo (resolve_probe)
#
# ISC dhcpd 4.4.3 (isc-dhcp-server) is the reference: without it the
# comparisons skip, and fail when DHCPBOX_CI=1.
. "$SRCTREE/testsuite/testlib.sh"

P="$PROBES/conf_probe"
FIX="$SRCTREE/testsuite/fixtures/isc"
DHCPD=$(command -v dhcpd || echo /usr/sbin/dhcpd)
# the probe's resolver takes these first (and never asks DNS for *.test)
CONF_PROBE_HOSTS=ns1.example.test=192.0.2.7,ns2.example.test=192.0.2.8
CONF_PROBE_HOSTS=$CONF_PROBE_HOSTS,boot.example.test=192.0.2.7,pc9.example.test=192.0.2.9
export CONF_PROBE_HOSTS

oneTimeSetUp() {
	# the tests write "$work/FILE": never with an empty $work (that is /)
	work=$(new_tmpdir) && [ -n "$work" ] && [ -d "$work" ] || { echo "no temp directory" >&2; exit 1; }
	touch "$work/dhcpd.leases"
	return 0
}

trim() { sed 's/^[ \t]*//; s/[ \t]*$//' <<<"$1"; }

# have_dhcpd: is ISC's dhcpd here? Skips without it; fails under DHCPBOX_CI=1.
have_dhcpd() {
	[ -x "$DHCPD" ] && return 0
	if [ "${DHCPBOX_CI:-0}" = 1 ]; then
		fail "dhcpd is not installed (isc-dhcp-server): DHCPBOX_CI=1 needs it"
	else
		skip_test "dhcpd is not installed (isc-dhcp-server)"
	fi
	return 1
}

# isc_t FILE: "ok" or "err" as dhcpd -t says, run in FILE's directory
# (includes are relative to the working directory); its output in $isc_out.
isc_t() {
	isc_out=$(cd "$(dirname "$1")" && "$DHCPD" -t -4 -cf "$(basename "$1")" \
		-lf "$work/dhcpd.leases" 2>&1)
	case $? in
	0) echo ok ;;
	*) echo err ;;
	esac
}

# probe FILE [FLAGS]: our parse, run in FILE's directory; a crash or a
# sanitizer report (exit status over 1) shows in the output.
probe() {
	(cd "$(dirname "$1")" && "$P" isc "$(basename "$1")" "${@:2}"
	 rc=$?; [ $rc -le 1 ] || echo "PROBE FAILED: exit status $rc")
}

# check OURS OUTPUT WHAT: one row's expectation (see statements.table).
check() {
	assertNotContains "$3" "$2" "PROBE FAILED"
	case "$1" in
	!*) assertContains "$3: expected an error" "$2" "error: "
	    assertContains "$3" "$2" "${1#!}" ;;
	~*) assertNotContains "$3: $2" "$2" "error: "
	    assertContains "$3" "$2" "${1#\~}" ;;
	-*) assertNotContains "$3: $2" "$2" "error: "
	    assertNotContains "$3" "$2" "${1#-}" ;;
	*) fail "bad row: $1" ;;
	esac
}

test_statements_table() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	rows=0 compared=0 dhcpd_ok=1
	[ -x "$DHCPD" ] && dhcpd_ok=0
	while IFS='|' read -r isc ours text; do
		case "$isc" in \#*|'') continue ;; esac
		isc=$(trim "$isc"); ours=$(trim "$ours"); text=$(trim "$text")
		printf '%b\n' "$text" >"$work/t.conf"
		check "$ours" "$(probe "$work/t.conf")" "$text"
		rows=$((rows + 1))
		if [ "$isc" != skip ] && [ $dhcpd_ok = 0 ]; then
			assertEquals "dhcpd -t on: $text: $isc_out" "$isc" "$(isc_t "$work/t.conf")"
			compared=$((compared + 1))
		fi
	done <"$FIX/statements.table"
	assertTrue "rows read: $rows" "[ $rows -ge 200 ]"
	[ $dhcpd_ok = 0 ] || have_dhcpd
	echo "FIGURE: statements.table: $rows rows, $compared also through dhcpd -t"
}

# The DHCP mini-HOWTO's dhcpd.conf (its "Options for DHCPd" section):
# the sample, then the WINS line and host haagen.
test_mini_howto() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	cat >"$work/howto.conf" <<'EOF'
# Sample /etc/dhcpd.conf
# (add your comments here)
default-lease-time 600;
max-lease-time 7200;
option subnet-mask 255.255.255.0;
option broadcast-address 192.168.1.255;
option routers 192.168.1.254;
option domain-name-servers 192.168.1.1, 192.168.1.2;
option domain-name "mydomain.org";

subnet 192.168.1.0 netmask 255.255.255.0 {
   range 192.168.1.10 192.168.1.100;
   range 192.168.1.150 192.168.1.200;
}

option netbios-name-servers 192.168.1.1;

host haagen {
   hardware ethernet 08:00:2b:4c:59:23;
   fixed-address 192.168.1.222;
}
EOF
	assert_output "$(cat <<'EOF'
server isc=1 lease_file=/var/lib/misc/udhcpd.leases pidfile=/var/run/udhcpd.pid log_facility=-1 interfaces=
scope global
  default-lease-time 600
  max-lease-time 7200
  option 1 ffffff00
  option 28 c0a801ff
  option 3 c0a801fe
  option 6 c0a80101c0a80102
  option 15 6d79646f6d61696e2e6f7267
  option 44 c0a80101
scope subnet 192.168.1.0/255.255.255.0 in global
subnet 192.168.1.0 255.255.255.0
range 192.168.1.10 192.168.1.100 subnet 192.168.1.0
range 192.168.1.150 192.168.1.200 subnet 192.168.1.0
host haagen mac 08:00:2b:4c:59:23 fixed 192.168.1.222
scope host haagen in global
EOF
)" "$(probe "$work/howto.conf")" "mini-HOWTO sample"
	assertEquals "detected as ISC" isc "$("$P" detect "$work/howto.conf")"
	have_dhcpd || return 0
	assertEquals "dhcpd -t: $isc_out" ok "$(isc_t "$work/howto.conf")"
}

# A fixture with a .out dumps to it; every fixture (the end-to-end
# suites' too) parses, is taken for ISC, and passes dhcpd -t.
test_fixtures() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	n=0
	for out in "$FIX"/*.out; do
		conf="${out%.out}.conf"
		assert_output "$(cat "$out")" "$(probe "$conf")" "$(basename "$conf")"
		n=$((n + 1))
	done
	assertTrue "fixtures with dumps: $n" "[ $n -ge 8 ]"
	for conf in "$FIX"/*.conf; do
		assertNotContains "$(basename "$conf")" "$(probe "$conf")" "error: "
		assertEquals "$(basename "$conf") is ISC" isc "$("$P" detect "$conf")"
	done
	have_dhcpd || return 0
	for conf in "$FIX"/*.conf; do
		assertEquals "dhcpd -t $(basename "$conf"): $isc_out" ok "$(isc_t "$conf")"
	done
}

# sample FORMAT: a value of that format (conf_isc.h), arrays twice over.
sample() {
	fmt=$1 rep=
	case $fmt in *A|*a) rep=${fmt: -1}; fmt=${fmt%?} ;; esac
	one() {
		v=
		for ((i = 0; i < ${#1}; i++)); do
			case ${1:i:1} in
			I) e=10.0.0.1 ;; b|B|s|S|l|L) e=7 ;; f) e=on ;; t) e='"x"' ;; X) e=1:2 ;;
			D|C) e='"a.example", "b.example"' ;;
			esac
			v="$v${v:+ }$e"
		done
		echo "$v"
	}
	case $rep in
	A) echo "$(one "$fmt"), $(one "$fmt")" ;;
	a) echo "$(one "$fmt"), $(one "${fmt: -1}")" ;;
	*) one "$fmt" ;;
	esac
}

# Every name of ISC's table, with a value of its format: ISC takes each as
# we do, and each lands as its code (those the server makes, 50 to 53, and
# the client identifier outside a host are warned about instead).
test_option_table() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	"$P" options >"$work/options"
	assertTrue "options listed" "[ $(wc -l <"$work/options") -ge 100 ]"
	while read -r name code fmt; do
		echo "option $name $(sample "$fmt");"
	done <"$work/options" >"$work/all.conf"
	out=$(probe "$work/all.conf")
	assertNotContains "$out" "error: "
	while read -r name code fmt; do
		case $code in
		50|51|52|53|61) assertContains "$name" "$out" "warning all.conf:" ;;
		54) assertContains "$name" "$out" "server-identifier 10.0.0.1" ;;
		*) assertContains "$name" "$out" "  option $code " ;;
		esac
	done <"$work/options"
	have_dhcpd || return 0
	assertEquals "dhcpd -t on every option: $isc_out" ok "$(isc_t "$work/all.conf")"
	echo "FIGURE: $(wc -l <"$work/options") ISC option names, all taken by dhcpd -t"
}

# An error in an included file names that file, its line and column.
test_include_errors() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	mkdir -p "$work/inc"
	printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  include "inc/b.conf";\n}\n' >"$work/inc/a.conf"
	printf '# b\n  range 10.0.0.5 10.1.0.9;\n' >"$work/inc/b.conf"
	assertEquals "error: inc/b.conf:2:3: range: 10.1.0.9 is not in subnet 10.0.0.0 netmask 255.255.255.0" \
		"$(cd "$work" && "$P" isc inc/a.conf)"
	# statements of the included file go into the block around the include
	printf '  range 10.0.0.5 10.0.0.9;\n  option routers 10.0.0.1;\n' >"$work/inc/b.conf"
	out=$(cd "$work" && "$P" isc inc/a.conf)
	assertContains "$out" "range 10.0.0.5 10.0.0.9 subnet 10.0.0.0"
	assertContains "$out" "$(printf 'scope subnet 10.0.0.0/255.255.255.0 in global\n  option 3 0a000001')"
	# a block must close in the file that opened it (as ISC)
	printf 'range 10.0.0.5 10.0.0.9;\n}\n' >"$work/inc/b.conf"
	assertEquals "error: inc/b.conf:2:1: '}' closes the subnet block of line 1 in another file" \
		"$(cd "$work" && "$P" isc inc/a.conf)"
	printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n' >"$work/inc/b.conf"
	printf 'include "inc/b.conf";\n}\n' >"$work/inc/a.conf"
	assertEquals "$(printf '%s\n' \
		"error: inc/b.conf:2:1: the file ends in the subnet block of line 1 ('}' missing)" \
		"error: inc/a.conf:2:1: expected a statement, not '}'")" \
		"$(cd "$work" && "$P" isc inc/a.conf)"
	# without a file reader, include is an error
	printf 'include "inc/b.conf";\n' >"$work/inc/a.conf"
	assertEquals "error: inc/a.conf:1:9: include: no files can be read here ('inc/b.conf')" \
		"$(cd "$work" && "$P" isc inc/a.conf -N)"
	# an include's path in its errors: whole up to 60 bytes, beyond that
	# its last 57 after "...", outside the quotes
	long=$(printf 'inc/%046d/nope.conf' 0)
	printf 'include "%s";\n' "$long" >"$work/inc/a.conf"
	assertEquals "error: inc/a.conf:1:9: include: can't read: No such file or directory: '$long'" \
		"$(cd "$work" && "$P" isc inc/a.conf)"
	assertEquals 60 ${#long}
	long=$(printf 'inc/%047d/nope.conf' 0)
	printf 'include "%s";\n' "$long" >"$work/inc/a.conf"
	assertEquals "error: inc/a.conf:1:9: include: can't read: No such file or directory: ...'${long: -57}'" \
		"$(cd "$work" && "$P" isc inc/a.conf)"
	assertEquals "error: inc/a.conf:1:9: include: no files can be read here (...'${long: -57}')" \
		"$(cd "$work" && "$P" isc inc/a.conf -N)"
}

test_include_loops_and_depth() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	mkdir -p "$work/loop"
	printf 'include "loop/b.conf";\n' >"$work/loop/a.conf"
	printf '\n  include "loop/a.conf";\n' >"$work/loop/b.conf"
	assertEquals "error: loop/b.conf:2:11: include: 'loop/a.conf' includes itself" \
		"$(cd "$work" && "$P" isc loop/a.conf)"
	# eight files deep is fine, nine is not
	for i in 0 1 2 3 4 5 6 7 8 9; do
		printf 'include "loop/d%s.conf";\n' $((i + 1)) >"$work/loop/d$i.conf"
	done
	echo 'option routers 10.0.0.1;' >"$work/loop/d8.conf"
	assertContains "$(cd "$work" && "$P" isc loop/d0.conf)" "option 3 0a000001"
	echo 'include "loop/d9.conf";' >"$work/loop/d8.conf"
	echo 'option routers 10.0.0.1;' >"$work/loop/d9.conf"
	assertEquals "error: loop/d8.conf:1:9: include: more than 8 files deep ('loop/d9.conf')" \
		"$(cd "$work" && "$P" isc loop/d0.conf)"
	# long paths: their ends
	long=$(printf 'loop/%056d' 0)
	printf 'include "%s.conf";\n' "$long" >"$work/$long.conf"
	assertEquals "error: $long.conf:1:9: include: ...'${long: -52}.conf' includes itself" \
		"$(cd "$work" && "$P" isc "$long.conf")"
	echo "include \"$long.conf\";" >"$work/loop/d8.conf"
	echo 'option routers 10.0.0.1;' >"$work/$long.conf"
	assertEquals "error: loop/d8.conf:1:9: include: more than 8 files deep (...'${long: -52}.conf')" \
		"$(cd "$work" && "$P" isc loop/d0.conf)"
}

# Names resolve once, at load, through the resolver; without one they are
# an error naming the place.
test_names() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	printf 'next-server boot.example.test;\noption ntp-servers ns1.example.test, 10.0.0.1;\n' >"$work/n.conf"
	out=$(probe "$work/n.conf")
	assertContains "$out" "next-server 192.0.2.7"
	assertContains "$out" "option 42 c00002070a000001"
	assertEquals "$(printf '%s\n' \
		"error: n.conf:1:13: next-server: host name 'boot.example.test': no resolver here (write the address)" \
		"error: n.conf:2:20: option ntp-servers: host name 'ns1.example.test': no resolver here (write the address)")" \
		"$(probe "$work/n.conf" -n)"
	printf 'option ntp-servers 10.0.0.1,\n\tns3.example.test;\n' >"$work/n.conf"
	assertEquals "error: n.conf:2:2: option ntp-servers: host name 'ns3.example.test' does not resolve" \
		"$(probe "$work/n.conf")"
	printf 'option ntp-servers -bad-;\n' >"$work/n.conf"
	assertEquals "error: n.conf:1:20: option ntp-servers: '-bad-' is neither an IP address nor a host name" \
		"$(probe "$work/n.conf")"
}

# A value may pass 255 bytes (RFC 3396 splits it on the wire), not 1024.
test_value_cap() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	list=$(for i in $(seq 1 256); do printf '10.0.%d.%d, ' $((i / 256)) $((i % 256)); done)
	printf 'option ntp-servers %s;\n' "${list%, }" >"$work/cap.conf"
	out=$(probe "$work/cap.conf")
	assertNotContains "$out" "error: "
	assertEquals "1024 bytes" 2048 "$(sed -n 's/^  option 42 //p' <<<"$out" | tr -d '\n' | wc -c)"
	printf 'option ntp-servers %s 10.1.0.1;\n' "$list" >"$work/cap.conf"
	assertContains "$(probe "$work/cap.conf")" "option ntp-servers: the value is longer than 1024 bytes"
	printf 'option domain-name "%s";\n' "$(head -c 1025 /dev/zero | tr '\0' a)" >"$work/cap.conf"
	assertContains "$(probe "$work/cap.conf")" "error: cap.conf:1:20: a string longer than 1024 bytes"
	printf 'option domain-name "%s";\n' "$(head -c 300 /dev/zero | tr '\0' a)" >"$work/cap.conf"
	assertEquals 600 "$(probe "$work/cap.conf" | sed -n 's/^  option 15 //p' | tr -d '\n' | wc -c)"
}

test_nesting_depth() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	# CONF_DEPTH_MAX blocks: 15 groups and a host
	open=$(for i in $(seq 15); do printf 'group { '; done)
	close=$(for i in $(seq 15); do printf '} '; done)
	printf '%s host h { } %s\n' "$open" "$close" >"$work/deep.conf"
	out=$(probe "$work/deep.conf")
	assertContains "$out" "scope host h in group 1"
	assertContains "$out" "scope group 15 in global"
	printf 'group { %s host h { } %s }\n' "$open" "$close" >"$work/deep.conf"
	assertEquals "error: deep.conf:1:137: host h: blocks nested more than 16 deep" "$(probe "$work/deep.conf")"
}

# Thousands of hosts (names in a hash): all there, a name twice caught.
test_many_hosts() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	for i in $(seq 0 2999); do
		printf 'host h%d { hardware ethernet 02:00:00:00:%02x:%02x; fixed-address 10.1.%d.%d; }\n' \
			$i $((i / 256)) $((i % 256)) $((i / 200)) $((i % 200 + 1))
	done >"$work/many.conf"
	out=$(probe "$work/many.conf")
	assertEquals 3000 "$(grep -c '^host h[0-9]* mac ' <<<"$out")"
	assertContains "$out" "host h2999 mac 02:00:00:00:0b:b7 fixed 10.1.14.200"
	echo 'host h1234 { }' >>"$work/many.conf"
	assertEquals "error: many.conf:3001:6: host h1234: declared already" "$(probe "$work/many.conf")"
}

# One DDNS warning a file: the included file has its own.
test_warnings_once_a_file() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	printf 'ddns-update-style interim;\nddns-updates on;\ninclude "w2.conf";\nddns-domainname "x";\n' >"$work/w1.conf"
	printf 'update-static-leases on;\nddns-ttl 60;\n' >"$work/w2.conf"
	assertEquals "$(printf '%s\n' \
		"warning w1.conf:1: no DDNS: 'ddns-update-style' and the other DDNS statements of this file are ignored" \
		"warning w2.conf:1: no DDNS: 'update-static-leases' and the other DDNS statements of this file are ignored")" \
		"$(probe "$work/w1.conf" | grep '^warning')"
	# a "\n" in a string (a class name) is not a line of its own in a
	# warning: udhcpd's log shows it escaped
	printf 'class "a\\nfake.conf:1: forged" { }\nsubclass "a\\nfake.conf:1: forged" "x";\n' >"$work/nl.conf"
	assertEquals "udhcpd: nl.conf:2: class \"a\\012fake.conf:1: forged\" has no 'match DATA;': no client is in its subclasses" \
		"$(cd "$work" && "$DHCPBOX" udhcpd -t nl.conf 2>&1 >/dev/null | grep nl.conf)"
}

# The memo of os/resolve.c (udhcpd's resolver for a dhcpd.conf's host
# names) over resolve_probe's own resolver, which counts its calls: a
# read asks each name once however often it is used (any case), and a
# name with no answer once too; in a SIGHUP's read, once one fails the
# names after it are not asked (it runs in the serving loop: with the DNS
# down it must cost one name's timeout, not one a name), while the
# start's asks them all; the check as the -u user falls back on root's
# answer with one warning, goes on asking, and only it falls back; a read
# after os_resolve_end asks afresh.
test_resolver_memo_asks_once_a_read_and_falls_back_only_for_the_check() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	out=$("$PROBES/resolve_probe" answer gw 10.99.0.7 answer ns 10.99.0.53 \
		every ask gw ask GW ask ns \
		user fail gw ask gw ask gw fail ns ask ns answer ns 10.99.0.54 ask ns \
		ask new ask ntp answer ntp 10.99.0.123 ask ntp end \
		reload ask gw ask gw ask ns ask ns end \
		answer gw 10.99.0.8 reload ask gw ask gw ask lost ask lost ask ns end \
		every ask lost ask gw ask lost end 2>&1)
	assertEquals "the start's read, the check, a SIGHUP's failing and working reads" \
"gw 10.99.0.7 asked=1
GW 10.99.0.7 asked=1
ns 10.99.0.53 asked=2
resolve_probe: host name 'gw' resolved as root but not as the -u user: until it does, a SIGHUP reload keeps the old configuration
gw 10.99.0.7 asked=3
gw 10.99.0.7 asked=3
resolve_probe: host name 'ns' resolved as root but not as the -u user: until it does, a SIGHUP reload keeps the old configuration
ns 10.99.0.53 asked=4
ns 10.99.0.53 asked=4
new none asked=5
ntp none asked=6
ntp none asked=6
gw none asked=7
gw none asked=7
ns not-asked asked=7
ns not-asked asked=7
gw 10.99.0.8 asked=8
gw 10.99.0.8 asked=8
lost none asked=9
lost none asked=9
ns not-asked asked=9
lost none asked=10
gw 10.99.0.8 asked=11
lost none asked=11
unfreed=0" "$out"
	# out of memory the memo keeps no name: each use asks, the check falls
	# back only on a name kept before, a reload still stops at a failure
	out=$("$PROBES/resolve_probe" answer gw 10.99.0.7 every nomem ask gw ask gw mem \
		ask gw ask gw user nomem fail gw ask gw mem end \
		reload nomem ask nx ask gw ask nx mem end 2>&1)
	assertEquals "out of memory" \
"gw 10.99.0.7 asked=1
gw 10.99.0.7 asked=2
gw 10.99.0.7 asked=3
gw 10.99.0.7 asked=3
resolve_probe: host name 'gw' resolved as root but not as the -u user: until it does, a SIGHUP reload keeps the old configuration
gw 10.99.0.7 asked=4
nx none asked=5
gw not-asked asked=5
nx not-asked asked=5
unfreed=0" "$out"
	# no fallback on a name the start could not keep
	out=$("$PROBES/resolve_probe" answer gw 10.99.0.7 every nomem ask gw \
		user fail gw ask gw ask gw mem end 2>&1)
	assertEquals "out of memory, nothing to fall back on" \
"gw 10.99.0.7 asked=1
gw none asked=2
gw none asked=3
unfreed=0" "$out"
	# the parser says nothing of a name not asked (its read failed at a
	# name before, said there), and the read fails
	printf 'option routers gw.invalid;\noption ntp-servers ns.notasked.test;\nfoo bar;\n' >"$work/na.conf"
	out=$(probe "$work/na.conf")
	assertEquals "error: na.conf:1:16: option routers: host name 'gw.invalid' does not resolve
error: na.conf:3:1: unknown statement 'foo'" "$out"
	# a resolver's NOT_ASKED with no name failed before (only a bug does
	# that; other errors before are no such failure): said, not lost
	printf 'foo bar;\noption ntp-servers ns.notasked.test;\n' >"$work/na1.conf"
	assertEquals "not asked with no name failed before: said" \
		"error: na1.conf:1:1: unknown statement 'foo'
error: na1.conf:2:20: option ntp-servers: host name 'ns.notasked.test' not asked, with no name failed before" \
		"$(probe "$work/na1.conf")"
}

# Bytes outside printable ASCII are errors outside strings and comments.
test_bytes() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	printf '# caf\xc3\xa9\noption domain-name "caf\xc3\xa9";\n' >"$work/b.conf"
	assertContains "$(probe "$work/b.conf")" "option 15 636166c3a9"
	printf 'option domain-name \xc3\xa9;\n' >"$work/b.conf"
	assertEquals "error: b.conf:1:20: unexpected byte 0xc3" "$(probe "$work/b.conf")"
	printf 'option\x01 domain-name "x";\n' >"$work/b.conf"
	assertEquals "error: b.conf:1:7: unexpected byte 0x01" "$(probe "$work/b.conf")"
	printf 'option domain-name "x";\r\nsubnet 10.0.0.0 netmask 255.255.255.0 {\r\n}\r\n' >"$work/b.conf"
	assertContains "CRLF lines" "$(probe "$work/b.conf")" "subnet 10.0.0.0 255.255.255.0"
}

# isc_lines FILE: the lines of dhcpd -t's errors ("FILE line N: ..."), one a line.
isc_lines() {
	isc_t "$1" >/dev/null
	sed -n 's/^[^ ]* line \([0-9]*\): .*/\1/p' <<<"$isc_out"
}

# our_lines OUTPUT: the lines of our errors ("error: FILE:LINE:COLUMN: ...").
our_lines() { sed -n 's/^error: [^: ]*:\([0-9]*\):[0-9]*: .*/\1/p' <<<"$1"; }

# four_conf: $work/four.conf, four errors: a bad option value, an unknown
# statement in a subnet, a ';' missing at the end of a line (said at the
# next statement, as ISC does, and that statement read), a bad subnet
# header (its block skipped).
four_conf() {
	cat >"$work/four.conf" <<'EOF'
default-lease-time 600;
option domain-name-servers 10.0.0.1, bogus..name;
subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.10 10.0.0.20;
  frobnicate yes;
  option routers 10.0.0.1
  option domain-name "example.org";
}
subnet 10.0.1.0 netmask 255.255.0 {
  range 10.0.1.10 10.0.1.20;
}
max-lease-time 7200;
EOF
}

# cap25_conf: $work/cap25.conf, 25 errors.
cap25_conf() {
	for i in $(seq 1 25); do echo "option routers 10.0.0.$i.1;"; done >"$work/cap25.conf"
}

# After an error the parse goes on, as dhcpd's: every error of the file,
# each at its place, on the lines dhcpd -t names.
test_every_error() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	four_conf
	assert_output "$(cat <<'EOF'
error: four.conf:2:38: option domain-name-servers: 'bogus..name' is neither an IP address nor a host name
error: four.conf:5:3: unknown statement 'frobnicate'
error: four.conf:7:3: option routers: expected ';', not 'option'
error: four.conf:9:25: subnet: '255.255.0' is not an IP address (four numbers 0-255 and dots)
EOF
)" "$(probe "$work/four.conf")" "four errors"
	# three more: a ';' missing before '}' (the block still ends there), a
	# bad number, a MAC too short in a host on one line
	cat >"$work/three.conf" <<'EOF'
subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.10 10.0.0.20
}
option routers 10.0.0.1;
default-lease-time abc;
host h1 { hardware ethernet 1:2:3; fixed-address 10.0.0.5; }
EOF
	assert_output "$(cat <<'EOF'
error: three.conf:3:1: range: expected ';', not '}'
error: three.conf:5:20: default-lease-time: 'abc' is not a number (a leading 0 means octal, 0x hex)
error: three.conf:6:11: hardware: an ethernet address has 6 bytes, not 3
EOF
)" "$(probe "$work/three.conf")" "three errors"
	# an error in an included file, and the files go on after it
	printf 'option routers 10.0.0.1, x..y;\noption domain-name "a";\n' >"$work/inc-bad.conf"
	printf 'include "inc-bad.conf";\ndefault-lease-time -;\n' >"$work/inc-main.conf"
	assert_output "$(printf '%s\n' \
		"error: inc-bad.conf:1:26: option routers: 'x..y' is neither an IP address nor a host name" \
		"error: inc-main.conf:2:20: default-lease-time: '-' is not a number (a leading 0 means octal, 0x hex)")" \
		"$(probe "$work/inc-main.conf")" "errors in two files"
	have_dhcpd || return 0
	for f in four three; do
		assertEquals "dhcpd -t's lines for $f.conf: $isc_out" "$(isc_lines "$work/$f.conf")" \
			"$(our_lines "$(probe "$work/$f.conf")")"
	done
}

# Twenty errors are listed, then how many more there were.
test_errors_cap() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	cap25_conf
	out=$(probe "$work/cap25.conf")
	assertEquals 21 "$(grep -c '^error: ' <<<"$out")"
	assertContains "$out" "error: cap25.conf:20:16: option routers: '10.0.0.20.1' is not an IP address"
	assertNotContains "$out" "cap25.conf:21:"
	assertEquals "error: ... and 5 more errors" "$(tail -n 1 <<<"$out")"
	# a run of bad bytes is one error, and the parse goes on after it
	printf 'option domain-name \xc3\xa9\xc3\xa9;\noption routers 10.0.0.1;\nmax-lease-time x;\n' >"$work/bytes.conf"
	assert_output "$(printf '%s\n' "error: bytes.conf:1:20: unexpected byte 0xc3" \
		"error: bytes.conf:3:16: max-lease-time: 'x' is not a number (a leading 0 means octal, 0x hex)")" \
		"$(probe "$work/bytes.conf")" "bad bytes"
}

# udhcpd -t, as dhcpd -t: every error on stderr and exit status 1; a good
# file exits 0.
test_udhcpd_t() {
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	four_conf
	cap25_conf
	printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  range 10.0.0.10 10.0.0.20;\n}\n' >"$work/good.conf"
	out=$(cd "$work" && "$DHCPBOX" udhcpd -t four.conf 2>&1)
	assertEquals "udhcpd -t on four errors: $out" 1 $?
	assertEquals 4 "$(grep -c '^udhcpd: four.conf:[0-9]*:[0-9]*: ' <<<"$out")"
	assertContains "$out" "udhcpd: four.conf:7:3: option routers: expected ';', not 'option'"
	assertContains "$out" "udhcpd: four.conf:9:25: subnet: '255.255.0' is not an IP address"
	assertNotContains "$out" "no errors"
	out=$(cd "$work" && "$DHCPBOX" udhcpd -t cap25.conf 2>&1)
	assertEquals "udhcpd -t on 25 errors" 1 $?
	assertEquals 21 "$(grep -c '^udhcpd: ' <<<"$out")"
	assertEquals "udhcpd: ... and 5 more errors" "$(tail -n 1 <<<"$out")"
	out=$(cd "$work" && "$DHCPBOX" udhcpd -t good.conf 2>&1)
	assertEquals "udhcpd -t on a good file: $out" 0 $?
	assertContains "$out" "good.conf: ISC dhcpd.conf, no errors"
	# an error in a file of a long path: its reason whole behind the path's end
	deep="$work/$(printf 'd%.0s' $(seq 120))/$(printf 'e%.0s' $(seq 120))"
	mkdir -p "$deep"
	printf 'include "%s/inc.conf";\n' "$deep" >"$work/deep.conf"
	printf 'subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }\nfoo bar;\n' >"$deep/inc.conf"
	out=$(cd "$work" && "$DHCPBOX" udhcpd -t deep.conf 2>&1)
	assertEquals "udhcpd -t on an error behind a long path" 1 $?
	msg="/inc.conf:2:1: unknown statement 'foo'"
	assertEquals "udhcpd: ...$(printf 'e%.0s' $(seq $((159 - 3 - ${#msg}))))$msg" "$(grep inc.conf <<<"$out")"
}

test_detect() {
	d() { printf '%b' "$1" >"$work/d.conf"; "$P" detect "$work/d.conf"; }
	assertEquals busybox "$(d '')"
	assertEquals busybox "$(d '# only a comment;\n\n')"
	assertEquals busybox "$(d 'start 192.168.0.20\nend 192.168.0.254\ninterface eth0\nopt dns 10.0.0.1 # ours;\n')"
	assertEquals busybox "$(d 'opt domain "a;b"\n')"
	assertEquals isc "$(d 'option domain-name-servers 10.0.0.1,\n  10.0.0.2;\n')"
	assertEquals isc "$(d 'subnet 10.0.0.0 netmask 255.255.255.0\n{\n}\n')"
	assertEquals isc "$(d 'authoritative;   # on\n')"
	assertEquals isc "$(d 'option domain-name "#x";\n')"
	for conf in "$SRCTREE"/fuzz/corpus/fuzz_config/*.conf; do
		assertEquals "$(basename "$conf")" busybox "$("$P" detect "$conf")"
	done
}

. "$SRCTREE/testsuite/testlib_run.sh"
