#!/bin/bash
# udhcpd: its config parser and lease file reader (testsuite/c/udhcpd_probe.c),
# then end to end in network namespaces against our udhcpc, BusyBox udhcpc,
# ISC dhclient and dhcpcd, through a relay (ISC dhcrelay), across restarts;
# and dumpleases.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"

PD="$PROBES/udhcpd_probe"
PU="$PROBES/udhcp_probe"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPD UDHCPC DUMPLEASES) && why_not=$r
	return 0
}

# server_conf_only [CONF LINE...]: writes its udhcpd.conf (server below).
server_conf_only() {
	conf="$work/udhcpd.conf"
	{
		echo "interface $SRV_IF"
		[ -n "${NO_POOL:-}" ] || { echo "start 10.99.0.100"; echo "end 10.99.0.150"; }
		echo "lease_file $work/udhcpd.leases"
		echo "pidfile $work/udhcpd.pid"
		for line; do echo "$line"; done
	} >"$conf"
}

# server [CONF LINE...]: our udhcpd on the server side, a /24 pool of 51.
# Its ARP check of new addresses is on, short: ARP_CHECK="-a 0" turns it off.
ARP_CHECK="-a 300"

server() {
	server_conf_only "$@"
	start_bg server in_srv "$DHCPBOX" udhcpd -f -v -v $ARP_CHECK "$conf"
	wait_log "$LOGS/server.log" "started"
}

restart_server() {
	stop_bg server
	start_bg server in_srv "$DHCPBOX" udhcpd -f -v -v $ARP_CHECK "$work/udhcpd.conf"
	wait_log "$LOGS/server.log" "started"
}

# ---- the parsers (no root needed) ----------------------------------------------

test_config_keywords() {
	cat >"$TMPDIR/u.conf" <<-'EOF'
	# comment
	Interface eth1
	start 10.0.0.10   # trailing comment
	end 10.0.0.20
	range 10.1.0.10 10.1.0.20
	max_leases 100
	auto_time 60
	decline_time 10
	conflict_time 20
	offer_time 30
	min_lease 40
	lease_file /tmp/x.leases
	pidfile /tmp/x.pid
	notify_file /bin/true
	siaddr 10.0.0.1
	sname tftp
	boot_file pxelinux.0
	static_lease 00:11:22:33:44:55 10.0.0.5 box
	opt dns 1.1.1.1
	option dns 8.8.8.8
	opt router 10.0.0.1
	opt lease 3600
	remaining yes
	EOF
	# the keywords of features a build may leave out (refused there: see build_test)
	rc=0 bootp=0
	built_with FEATURE_UDHCP_RAPID_COMMIT && echo "rapid_commit yes" >>"$TMPDIR/u.conf" && rc=1
	built_with FEATURE_UDHCPD_BOOTP && echo "bootp yes" >>"$TMPDIR/u.conf" && bootp=1
	assert_output "interface=eth1 lease_file=/tmp/x.leases pidfile=/tmp/x.pid notify_file=/bin/true
max_leases=100 auto_time=60 decline_time=10 conflict_time=20 offer_time=30 min_lease=40 lease=3600
siaddr=10.0.0.1 sname=tftp boot_file=pxelinux.0 rapid_commit=$rc bootp=$bootp
range=10.0.0.10-10.0.0.20
range=10.1.0.10-10.1.0.20
static=00:11:22:33:44:55 10.0.0.5 box
option 6=0101010108080808
option 3=0a000001
warning=$TMPDIR/u.conf:23: 'remaining' is obsolete and ignored" "$("$PD" config "$TMPDIR/u.conf")"
}

# A list option repeated past its room is an error, not a silent reset.
test_config_list_option_too_long() {
	awk 'BEGIN { for (l = 0; l < 3; l++) { printf "opt dns"; for (i = 1; i <= 100; i++) printf " 10.%d.0.%d", l, i; print "" } }' \
		>"$TMPDIR/long.conf"
	assertEquals "error: $TMPDIR/long.conf:3: option dns: the list is longer than 1024 bytes" \
		"$("$PD" config "$TMPDIR/long.conf")"
}

# A capacity near 2^30 used to loop for ever doubling the buckets.
test_lease_table_refuses_absurd_capacities() {
	assertEquals "-1" "$(timeout 10 "$PD" table 1073741825)"
	assertEquals "-1" "$(timeout 10 "$PD" table 4294967295)"
	assertEquals "0" "$(timeout 10 "$PD" table 70000)"
}

# A rewrite that fails (half-way, or at its rename) leaves no temp file
# to keep a disk full, and no file descriptor open.
test_failed_rewrite_leaves_no_temp_file_and_no_fd() {
	assertEquals "-1 -1 0 0" "$("$PD" replace "$TMPDIR/replaced.leases")"
}

test_config_defaults_and_ranges_only() {
	: >"$TMPDIR/empty.conf"
	out=$("$PD" config "$TMPDIR/empty.conf")
	assertContains "BusyBox's defaults" "$out" "interface=eth0 lease_file=/var/lib/misc/udhcpd.leases"
	assertContains "$out" "range=192.168.0.20-192.168.0.254"
	assertContains "$out" "max_leases=235 auto_time=7200 decline_time=3600 conflict_time=3600 offer_time=60 min_lease=60 lease=864000"
	printf 'range 10.0.0.1 10.0.0.9\nrange 10.2.0.1 10.2.0.9\n' >"$TMPDIR/r.conf"
	assert_output "range=10.0.0.1-10.0.0.9
range=10.2.0.1-10.2.0.9" "$("$PD" config "$TMPDIR/r.conf" | grep ^range)" "only the ranges given"
}

# subnet sections: what follows "subnet NET/BITS" is that subnet's (its
# ranges, options, lease time, hosts), what comes before every subnet's;
# a global range takes the declared subnet that holds it.
test_config_subnet_sections_and_static_circuit() {
	cat >"$TMPDIR/sections.conf" <<-'EOF'
	interface eth0
	start 10.70.0.20
	end 10.70.0.50
	opt router 10.70.0.1
	subnet 10.71.1.0/24
	range 10.71.1.10 10.71.1.99
	opt router 10.71.1.1
	opt lease 600
	static_circuit eth3 10.71.1.5 port3
	static_circuit 00:04:0a:ff 10.71.1.6
	static_circuit "a b" 10.71.1.7
	subnet 10.71.2.0 255.255.255.0
	opt router 10.71.2.1
	static_lease 02:00:00:00:00:01 10.71.2.7 pc
	range 10.71.2.10 10.71.2.20
	EOF
	out=$("$PROBES/conf_probe" bb "$TMPDIR/sections.conf" 10.70.0.1/24)
	assertEquals "global options stay global" "  option 3 0a460001" "$(echo "$out" | sed -n '/^scope global/,/^scope/p' | grep 'option 3')"
	assertContains "$out" "$(printf 'scope subnet 10.71.1.0/255.255.255.0 in global\n  default-lease-time 600\n  max-lease-time 600\n  option 3 0a470101')"
	assertContains "$out" "$(printf 'scope subnet 10.71.2.0/255.255.255.0 in global\n  option 3 0a470201')"
	assertContains "$out" "range 10.70.0.20 10.70.0.50 subnet 10.70.0.0"
	assertContains "$out" "range 10.71.1.10 10.71.1.99 subnet 10.71.1.0"
	assertContains "a range after a section is the section's" "$out" "range 10.71.2.10 10.71.2.20 subnet 10.71.2.0"
	assertContains "$out" "host port3 agent.circuit-id 65746833 fixed 10.71.1.5"
	assertContains "$out" "host  agent.circuit-id 00040aff fixed 10.71.1.6"
	assertContains "$out" "host  agent.circuit-id 612062 fixed 10.71.1.7"
	assertContains "$out" "scope host pc in subnet 10.71.2.0/255.255.255.0"
}

test_config_errors_name_file_and_line() {
	while IFS='|' read -r line expected; do
		printf '# first\n%s\n' "$line" >"$TMPDIR/bad.conf"
		assertEquals "'$line'" "error: $TMPDIR/bad.conf:2: $expected" "$("$PD" config "$TMPDIR/bad.conf")"
	done <<-'EOF'
	bogus 1|unknown keyword 'bogus'
	start 10.0.0.300|start: bad IP address '10.0.0.300'
	max_leases many|max_leases: bad number 'many'
	range 10.0.0.9 10.0.0.1|range: expected START END with START <= END
	range 10.0.0.1|range: expected START END with START <= END
	static_lease 00:11:22 10.0.0.1|static_lease: expected MAC IP [HOSTNAME]
	static_lease 00:11:22:33:44:55 10.0.0.1 bad;name|static_lease: expected MAC IP [HOSTNAME]
	static_lease 00:11:22:33:44:5g 10.0.0.1|static_lease: expected MAC IP [HOSTNAME]
	static_lease 00:11:22:33:44:555 10.0.0.1|static_lease: expected MAC IP [HOSTNAME]
	static_lease 0x11:22:33:44:55:66 10.0.0.1|static_lease: expected MAC IP [HOSTNAME]
	static_lease 00:11:22:33:44:55:66 10.0.0.1|static_lease: expected MAC IP [HOSTNAME]
	static_lease 00:11:22:33:44:55 10.0.0.1 a234567890123456789012345678901234567890123456789012345678901234|static_lease: expected MAC IP [HOSTNAME]
	range 10.0.0.1 10.0.0.9 10.0.0.20|range: expected START END with START <= END
	opt nosuch 1|unknown option 'nosuch'
	opt dns 10.0.0|option dns: bad IP address '10.0.0'
	opt|option needs NAME VALUE
	siaddr nowhere|siaddr: bad IP address 'nowhere'
	rapid_commit maybe|rapid_commit: expected yes or no, not 'maybe'
	opt 51 0e10|option 51: a lease time is 4 bytes, not 2
	subnet 10.0.0.1/24|subnet: 10.0.0.1 has host bits set for its mask
	subnet 10.0.0.0/31|subnet: a prefix of 1 to 30 bits, not '31'
	subnet 10.0.0.0 255.0.255.0|subnet: bad netmask '255.0.255.0' (1 to 30 bits)
	subnet 10.0.0.0 255.255.255.254|subnet: bad netmask '255.255.255.254' (1 to 30 bits)
	subnet 10.0.0.0|subnet: expected NET/BITS or NET MASK
	subnet 10.0.0.0/8 255.0.0.0|subnet: expected NET/BITS or NET MASK
	static_circuit eth3|static_circuit: expected CIRCUIT-ID IP [HOSTNAME] (the id as text, "text" or hex xx:xx)
	static_circuit "a b 10.0.0.1|static_circuit: expected CIRCUIT-ID IP [HOSTNAME] (the id as text, "text" or hex xx:xx)
	EOF
	printf 'subnet 10.1.0.0/24\nstart 10.1.0.5\n' >"$TMPDIR/section.conf"
	assertEquals "error: $TMPDIR/section.conf:2: start: BusyBox's range is global; a subnet has 'range START END'" \
		"$("$PD" config "$TMPDIR/section.conf")"
	printf 'subnet 10.1.0.0/24\nrange 10.2.0.1 10.2.0.5\n' >"$TMPDIR/outside.conf"
	assertEquals "error: $TMPDIR/outside.conf: range 10.2.0.1 - 10.2.0.5 is not inside subnet 10.1.0.0" \
		"$("$PD" config "$TMPDIR/outside.conf")"
	printf 'start 10.0.0.9\nend 10.0.0.1\n' >"$TMPDIR/order.conf"
	assertEquals "error: $TMPDIR/order.conf: start is after end" "$("$PD" config "$TMPDIR/order.conf")"
	printf 'range 10.0.0.1 10.0.0.9\nrange 10.0.0.9 10.0.0.20\n' >"$TMPDIR/overlap.conf"
	assertEquals "error: $TMPDIR/overlap.conf: range 10.0.0.9 - 10.0.0.20 overlaps another range" \
		"$("$PD" config "$TMPDIR/overlap.conf")"
}

# BusyBox reads a static_lease's MAC with ether_aton: groups of one or two
# hex digits, either case; a 63-byte host name is the longest kept. Words
# after the host name are ignored, with a warning.
test_static_lease_mac_forms() {
	long=a23456789012345678901234567890123456789012345678901234567890123
	printf 'static_lease 0:a:B:33:4:55 10.0.0.5\nstatic_lease 02:00:00:00:00:01 10.0.0.6 %s\n' \
		"$long" >"$TMPDIR/mac.conf"
	out=$("$PD" config "$TMPDIR/mac.conf")
	assertContains "$out" "static=00:0a:0b:33:04:55 10.0.0.5"
	assertContains "$out" "static=02:00:00:00:00:01 10.0.0.6 $long"
	# words after the host name: BusyBox ignores them; we say so
	printf 'static_lease 02:00:00:00:00:02 10.0.0.7 box printer\nstatic_circuit eth3 10.0.0.8 port3 up\n' \
		>"$TMPDIR/extra.conf"
	# (relative paths: a line's 159 bytes hold these warnings whole whatever $TMPDIR is)
	out=$(cd "$TMPDIR" && "$PD" config extra.conf)
	assertContains "$out" "static=02:00:00:00:00:02 10.0.0.7 box"
	assertContains "$out" "warning=extra.conf:1: static_lease 02:00:00:00:00:02 10.0.0.7 box: the words after the host name are ignored"
	assertContains "$out" "warning=extra.conf:2: static_circuit eth3 10.0.0.8 port3: the words after the host name are ignored"
	# more warnings than are kept: udhcpd says the first ones whole, then
	# how many more there were
	for i in $(seq 10 49); do
		echo "static_lease 02:00:00:00:00:$i 10.0.0.$i host$i extra"
	done >"$TMPDIR/many.conf"
	echo "remaining yes" >>"$TMPDIR/many.conf"
	out=$(cd "$TMPDIR" && "$DHCPBOX" udhcpd -t many.conf 2>&1 >/dev/null)
	assertEquals "the first" "udhcpd: many.conf:1: static_lease 02:00:00:00:00:10 10.0.0.10 host10: the words after the host name are ignored" \
		"$(head -n 1 <<<"$out")"
	assertEquals "eight, each whole" 8 "$(grep -c '^udhcpd: many.conf:[0-9]*: static_lease .*: the words after the host name are ignored$' <<<"$out")"
	assertEquals "then how many more" "udhcpd: ... and 33 more warnings" "$(tail -n 1 <<<"$out")"
	assertEquals 9 "$(wc -l <<<"$out")"
	assertEquals "the parser's count" "warnings_more=33" \
		"$(cd "$TMPDIR" && "$PD" config many.conf | grep '^warnings_more=')"
	# a path and warning of a line's 159 bytes: whole; one byte more, and
	# the path's end after "...", the warning whole
	msg=":1: static_lease 02:00:00:00:00:09 10.0.0.9 box: the words after the host name are ignored"
	for n in 159 160; do
		dir=$(printf 'p%.0s' $(seq $((n - ${#msg} - 7))))
		mkdir -p "$TMPDIR/$dir"
		echo "static_lease 02:00:00:00:00:09 10.0.0.9 box extra" >"$TMPDIR/$dir/b.conf"
		out=$(cd "$TMPDIR" && "$PD" config "$dir/b.conf" | grep '^warning=')
		if [ "$n" = 159 ]; then
			assertEquals "159 bytes: whole" "warning=$dir/b.conf$msg" "$out"
		else
			assertEquals "160 bytes: the path's end" "warning=...${dir:4}/b.conf$msg" "$out"
		fi
	done
	# a path too long for a warning's line: its end, and the warning whole
	deep="$TMPDIR/$(printf 'd%.0s' $(seq 120))/$(printf 'e%.0s' $(seq 120))"
	mkdir -p "$deep"
	echo "static_lease 02:00:00:00:00:09 10.0.0.9 box extra" >"$deep/u.conf"
	out=$("$PD" config "$deep/u.conf" | grep '^warning=')
	msg="/u.conf:1: static_lease 02:00:00:00:00:09 10.0.0.9 box: the words after the host name are ignored"
	tail=$(printf 'e%.0s' $(seq $((159 - 3 - ${#msg}))))
	assertEquals "the path's end in a line's 159 bytes, the message whole" "warning=...$tail$msg" "$out"
	# a message too long even so: the path's last 24 bytes, the message
	# cut where the line ends, and "..." saying so
	h=$(printf 'h%.0s' $(seq 60))
	echo "static_lease 02:00:00:00:00:09 10.0.0.9 $h box" >"$deep/w.conf"
	out=$("$PD" config "$deep/w.conf" | grep '^warning=')
	assertEquals "warning=...eeeeeeeeeeeeeeeee/w.conf:1: static_lease 02:00:00:00:00:09 10.0.0.9 $h: the words after the hos..." "$out"
	assertEquals "a line's 159 bytes" $((8 + 159)) "${#out}"
	# an error too: its reason whole behind the path's end
	echo "static_lease zz 10.0.0.9" >"$deep/e.conf"
	out=$("$DHCPBOX" udhcpd -t "$deep/e.conf" 2>&1)
	msg="/e.conf:1: static_lease: expected MAC IP [HOSTNAME]"
	assertEquals "an error behind a long path" \
		"udhcpd: ...$(printf 'e%.0s' $(seq $((159 - 3 - ${#msg}))))$msg" "$out"
	printf 'range 10.0.0.10 10.0.0.20\nrange 10.0.0.15 10.0.0.30\n' >"$deep/o.conf"
	out=$("$DHCPBOX" udhcpd -t "$deep/o.conf" 2>&1)
	msg="/o.conf: range 10.0.0.15 - 10.0.0.30 overlaps another range"
	assertEquals "a check of the whole file behind a long path" \
		"udhcpd: ...$(printf 'e%.0s' $(seq $((159 - 3 - ${#msg}))))$msg" "$out"
}

test_pool_finds_free_addresses_without_a_scan() {
	out=$({
		echo "range 10.0.0.1 10.0.0.4"
		echo "range 10.0.1.1 10.0.1.2"
		echo "lease 10.0.0.2 100"	# a client's lease, ends at 100
		echo "lease 10.0.0.4 300"
		echo "lease 10.0.0.3 200"
		echo "now 10"
		echo "fresh 0"; echo "fresh 0"; echo "fresh 1"	# leased addresses are skipped
		echo "expired 0"	# nothing has ended yet
		echo "now 250"
		echo "lease 10.0.0.2 400"	# renewed: its old end (100) is a stale hint
		echo "expired 0"; echo "expired 0"	# 10.0.0.3 ended first; 10.0.0.2 and .4 run on
		echo "drop 10.0.0.3"
		echo "now 1000"
		echo "expired 0"; echo "expired 0"; echo "expired 0"
	} | "$PD" pool)
	assert_output "fresh 10.0.0.1
fresh 0.0.0.0
fresh 10.0.1.1
expired 0.0.0.0
expired 10.0.0.3
expired 0.0.0.0
expired 10.0.0.4
expired 10.0.0.2
expired 0.0.0.0" "$out"
	# 20000 renewals of 100 leases: stale hints are pruned, not piled up
	out=$({
		echo "range 10.1.0.1 10.1.0.100"
		for i in $(seq 1 100); do echo "lease 10.1.0.$i 1"; done
		for t in $(seq 2 201); do for i in $(seq 1 100); do echo "lease 10.1.0.$i $t"; done; done
		echo "hints 0"
	} | "$PD" pool)
	hints=${out#hints }
	[ "$hints" -le 256 ] || fail "$hints hints kept for 100 leases"
	# a monotonic clock far from 0 (a time namespace can start it at
	# 2.2e9 s): hints count from the pool's start, ended leases come back
	out=$({
		echo "range 10.0.0.1 10.0.0.2"
		echo "now 2200000000"
		echo "fresh 0"; echo "fresh 0"
		echo "lease 10.0.0.1 2200000100"; echo "lease 10.0.0.2 2200000500"
		echo "expired 0"
		echo "now 2200000200"; echo "expired 0"
		echo "now 2200001000"; echo "expired 0"
	} | "$PD" pool)
	assert_output "fresh 10.0.0.1
fresh 10.0.0.2
expired 0.0.0.0
expired 10.0.0.1
expired 10.0.0.2" "$out"
	# leases ending beyond 68 years (or never) share one saturated
	# expiry: their renewals' copies are pruned all the same
	out=$({
		echo "range 10.0.0.1 10.0.0.4"
		for i in $(seq 1 300); do echo "lease 10.0.0.$((i % 4 + 1)) $((3000000000 + i))"; done
		echo "hints 0"
	} | "$PD" pool)
	hints=${out#hints }
	[ "$hints" -le 64 ] || fail "$hints hints kept for 4 leases ending past the saturation"
}

# Quoted strings may hold '}' and ';' (written escaped, read quote-aware);
# a block cut short by a failed append costs only itself; dates past 2038.
test_lease_file_quotes_partial_blocks_and_dates() {
	{
		"$PD" leaseblock 10.0.0.5 7d3b225c0a7b23 7258118400	# } ; " \ newline { #
		printf 'lease 10.0.0.6 {\n  starts 2 2026/12/01 07:06:24;\n  ends 2 20'	# cut short
		"$PD" leaseblock 10.0.0.7 01020304050607 never
		printf 'lease 10.0.0.8 {\n  uid "a}b;c";\n  binding state active;\n}\n'	# as ISC may write it
	} >"$TMPDIR/q.leases"
	assertEquals "escaped on write" '  uid "\175\073\042\134\012\173\043";' "$(sed -n 5p "$TMPDIR/q.leases")"
	assert_output "10.0.0.5 active 00:00:00:00:00:00 uid=7d3b225c0a7b23 host= starts=0 ends=7258118400
10.0.0.7 active 00:00:00:00:00:00 uid=01020304050607 host= starts=0 ends=never
10.0.0.8 active 00:00:00:00:00:00 uid=617d623b63 host= starts=0 ends=0
records=3 bad=1" "$("$PD" leasefile "$TMPDIR/q.leases")"
	assertContains "year 2200" "$(cat "$TMPDIR/q.leases")" "ends 3 2200/01/01 00:00:00;"
	for bad in "2 2026/02/30 00:00:00" "2 2026/13/01 00:00:00" "9 2026/12/01 00:00:00" \
		"2 2026/12/01 24:00:00" "2 99999999999999/12/01 00:00:00" "2 2026/12/01 00:00"; do
		printf 'lease 10.0.0.9 {\n  ends %s;\n}\n' "$bad" >"$TMPDIR/d.leases"
		assertEquals "'$bad'" "records=0 bad=1" "$("$PD" leasefile "$TMPDIR/d.leases")"
	done
}

test_lease_file_reader_tolerates_damage() {
	cat >"$TMPDIR/l.leases" <<-'EOF'
	# a comment
	lease 10.0.0.5 {
	  starts 5 2026/11/27 10:00:00;
	  ends 5 2026/11/27 11:00:00;
	  binding state active;
	  hardware ethernet 00:11:22:33:44:55;
	  uid "\001\000\021\"3DU";
	  client-hostname "box";
	}
	lease 10.0.0.6 {
	  starts 5 2026/11/27 junk;
	}
	lease 10.0.0.7 {
	  ends never;
	  binding state released;
	  some-isc-statement 1;
	}
	lease 10.0.0.8 {
	  starts 5 2026/11/27 10:00:00;
	  binding st
	EOF
	assert_output "10.0.0.5 active 00:11:22:33:44:55 uid=01001122334455 host=box starts=1795773600 ends=1795777200
10.0.0.7 released 00:00:00:00:00:00 uid= host= starts=0 ends=never
records=2 bad=1" "$("$PD" leasefile "$TMPDIR/l.leases")"
	out=$("$DHCPBOX" dumpleases -f "$TMPDIR/l.leases" 2>&1)
	assertContains "$out" "Mac Address       IP Address      Host Name           Expires in"
	assertContains "$out" "00:11:22:33:44:55 10.0.0.5        box                 expired"
	assertContains "$out" "dumpleases: 1 bad records skipped"
}

# What ISC dhcpd 4.4 writes (fixtures/isc): its header lines, server-duid,
# cltt, next/rewind binding states, set statements, one-digit MAC octets,
# "ends never", and db-time-format local ("epoch N; # date").
test_lease_file_reads_what_isc_dhcpd_writes() {
	assert_output "10.254.239.10 active 02:13:1f:ac:59:cd uid=0102131fac59cd host= starts=1796108784 ends=1796109384
records=1 bad=0" "$("$PD" leasefile "$SRCTREE/testsuite/fixtures/isc/isc-4.4.3.leases")"
	assert_output "10.0.0.5 active 00:00:c0:5d:bd:95 uid= host=x starts=1796292000 ends=never
10.0.0.6 active 02:00:00:00:00:06 uid= host= starts=1764583584 ends=1764584184
records=2 bad=0" "$("$PD" leasefile "$SRCTREE/testsuite/fixtures/isc/isc-epoch-never.leases")"
}

# ---- end to end ------------------------------------------------------------------

test_our_udhcpc_gets_every_configured_option() {
	need || return 0
	server "opt subnet 255.255.255.0" "opt router 10.99.0.1" "opt dns 10.99.0.53 10.99.0.54" \
		"opt domain example.test" "opt ntpsrv 10.99.0.123" "opt mtu 1400" \
		"opt search example.test corp.example.test" "opt wpad http://wpad.example.test/w.dat" \
		"opt staticroutes 10.0.0.0/8 10.99.0.2" "opt lease 600" "siaddr 10.99.0.1" \
		"sname tftpsrv" "boot_file pxelinux.0"
	start=$(now_ms)
	client -q -O mtu -O wpad
	wait_event bound || return
	echo "FIGURE: start to bound, our udhcpd and udhcpc: $(($(now_ms) - start)) ms"
	env=$(last_env bound)
	for pair in "subnet=255.255.255.0" "mask=24" "router=10.99.0.1" "dns=10.99.0.53 10.99.0.54" \
		"domain=example.test" "ntpsrv=10.99.0.123" "mtu=1400" "search=example.test corp.example.test" \
		"wpad=http://wpad.example.test/w.dat" "staticroutes=10.0.0.0/8 10.99.0.2" "lease=600" \
		"serverid=10.99.0.1" "siaddr=10.99.0.1" "sname=tftpsrv" "boot_file=pxelinux.0" \
		"opt58=0000012c" "opt53=05"; do
		assertContains "$env" "$pair"
	done
	ip=$(env_value bound ip)
	assertContains "journal written before the ACK" "$(cat "$work/udhcpd.leases")" "lease $ip {"
	out=$("$DHCPBOX" dumpleases -f "$work/udhcpd.leases")
	assertContains "dumpleases" "$out" "$ip"
}

test_busybox_udhcpc_gets_a_lease() {
	need busybox || return 0
	server "opt router 10.99.0.1" "opt dns 10.99.0.53" "opt lease 600"
	start=$(now_ms)
	in_cli env UDHCPC_RECORD_DIR="$work/rec" UDHCPC_EVENTS="$work/events" \
		busybox udhcpc -f -q -i "$CLI_IF" -s "$REC" -T 1 >"$LOGS/bbclient.log" 2>&1 &
	wait_event bound || return
	echo "FIGURE: start to bound, BusyBox udhcpc: $(($(now_ms) - start)) ms"
	case "$(env_value bound ip)" in 10.99.0.1[0-4][0-9]|10.99.0.150) ;; *) fail "no address: $(last_env bound)" ;; esac
	assertEquals 10.99.0.53 "$(env_value bound dns)"
	assertEquals 600 "$(env_value bound lease)"
}

test_dhclient_gets_a_lease() {
	need dhclient || return 0
	server "opt router 10.99.0.1" "opt dns 10.99.0.53" "opt lease 600"
	cat >"$work/dhclient-script" <<-EOF
	#!/bin/sh
	[ "\$reason" = BOUND ] && echo "\$new_ip_address \$new_routers \$new_domain_name_servers" >"$work/dhclient.result"
	exit 0
	EOF
	chmod +x "$work/dhclient-script"
	start=$(now_ms)
	in_cli timeout 30 dhclient -4 -1 -sf "$work/dhclient-script" -lf "$work/dhclient.leases" \
		-pf "$work/dhclient.pid" "$CLI_IF" >"$LOGS/dhclient.log" 2>&1
	assertEquals "dhclient got a lease" 0 $?
	echo "FIGURE: start to bound, ISC dhclient: $(($(now_ms) - start)) ms"
	read -r ip router dns <"$work/dhclient.result"
	case "$ip" in 10.99.0.1[0-4][0-9]|10.99.0.150) ;; *) fail "dhclient: no address ($ip)" ;; esac
	assertEquals 10.99.0.1 "$router"
	assertEquals 10.99.0.53 "$dns"
}

test_dhcpcd_gets_a_lease() {
	need dhcpcd || return 0
	server "opt router 10.99.0.1" "opt dns 10.99.0.53" "opt lease 600"
	cat >"$work/dhcpcd-hook" <<-EOF
	#!/bin/sh
	[ "\$reason" = BOUND ] && env | grep '^new_' >"$work/dhcpcd.env"
	exit 0
	EOF
	chmod +x "$work/dhcpcd-hook"
	# dhcpcd has no option for its state directories (leases, DUID, secret
	# in /var/lib/dhcpcd; pid and sockets in /run/dhcpcd, made on first
	# use): a private mount namespace puts directories of the test over
	# /var/lib/dhcpcd and /run
	mkdir -m 755 "$work/dhcpcd-db" "$work/dhcpcd-run"
	start=$(now_ms)
	# one shot, foreground, no config file, our hook; output to a file:
	# dhcpcd's helper processes would hold a pipe open
	in_cli unshare --mount --propagation private sh -c \
		'mount --bind "$1" /var/lib/dhcpcd && mount --bind "$2" /run && shift 2 && exec "$@"' \
		sh "$work/dhcpcd-db" "$work/dhcpcd-run" \
		timeout -k 5 40 dhcpcd -1 -4 -B -f /dev/null -o domain_name_servers \
		-c "$work/dhcpcd-hook" -t 20 \
		"$CLI_IF" >"$work/dhcpcd.out" 2>&1
	echo "FIGURE: start to bound, dhcpcd: $(($(now_ms) - start)) ms (its own ARP checks included)"
	env=$(cat "$work/dhcpcd.env" 2>/dev/null)
	assertContains "$(cat "$work/dhcpcd.out")" "$env" "new_ip_address=10.99.0.1"
	assertContains "$env" "new_routers=10.99.0.1"
	assertContains "$env" "new_domain_name_servers=10.99.0.53"
	assertContains "$env" "new_dhcp_lease_time=600"
	assertContains "dhcpcd configured it" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet 10.99.0.1"
	assertTrue "its lease in the test's directory" "[ -s '$work/dhcpcd-db/$CLI_IF.lease' ]"
}

test_static_lease_wins() {
	need || return 0
	in_cli ip link set dev "$CLI_IF" address 02:00:00:00:00:42
	server "static_lease 02:00:00:00:00:42 10.99.0.142 staticbox" "opt lease 600"
	client -q -r 10.99.0.100
	wait_event bound || return
	assertEquals "static address, not the requested one" 10.99.0.142 "$(env_value bound ip)"
}

# our udhcpc with its own client identifier ID (one lease per identifier)
client_as() {
	id=$1; shift
	client_exit || fail "the previous client exited with status $?"
	rm -rf "$work/state"
	client -x "0x3d:ff0000$id" "$@"
}

test_two_ranges_and_pool_exhaustion() {
	need || return 0
	NO_POOL=1 server "range 10.99.0.100 10.99.0.100" "range 10.99.0.200 10.99.0.200" "opt lease 600"
	client_as 01 -q
	wait_event bound || return
	first=$(env_value bound ip)
	client_as 02 -q
	wait_event bound || return
	assertEquals "both ranges used" "10.99.0.100 10.99.0.200" \
		"$(printf '%s\n%s\n' "$first" "$(env_value bound ip)" | sort | tr '\n' ' ' | sed 's/ $//')"
	client_as 03 -n -t 2
	wait_event leasefail || return
	client_exit
	assertEquals "no lease when the pool is full" 1 $?
	assertContains "$(cat "$LOGS/server.log")" "no free address"
}

test_init_reboot_ack_then_nak_after_renumbering() {
	need || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	server "opt lease 600"
	client -q
	wait_event bound || return
	first=$(env_value bound ip)
	client_exit
	offers=$(grep -c 'sending DHCPOFFER' "$LOGS/server.log")
	acks=$(grep -c 'sending DHCPACK' "$LOGS/server.log")
	seen_events=
	client -q
	wait_event bound || return
	assertEquals "INIT-REBOOT keeps the address" "$first" "$(env_value bound ip)"
	# the server ACKed the INIT-REBOOT REQUEST itself: no NAK, no timeout
	# into DISCOVER (either would also end bound to $first)
	assertNotContains "not NAKed:$seen_events" "$seen_events" "nak"
	assertNotContains "answered" "$(cat "$LOGS/client.log")" "no answer to INIT-REBOOT"
	assertEquals "no new OFFER" "$offers" "$(grep -c 'sending DHCPOFFER' "$LOGS/server.log")"
	assertEquals "one more ACK" $((acks + 1)) "$(grep -c 'sending DHCPACK' "$LOGS/server.log")"
	sed -i 's/^start .*/start 10.99.0.200/; s/^end .*/end 10.99.0.220/' "$work/udhcpd.conf"
	restart_server
	client -q
	wait_event nak || return
	wait_event bound || return
	case "$(env_value bound ip)" in 10.99.0.2[0-2][0-9]) ;; *) fail "not renumbered: $(env_value bound ip)" ;; esac
}

test_decline_when_the_address_is_in_use() {
	need || return 0
	local ARP_CHECK="-a 0"	# the server's own check would find the squatter first
	netns_add_host 10.99.0.100 || fail "no third host"
	server "opt lease 600"
	client -q -a400 -A 1
	wait_event bound 40 || return
	assertContains "$(cat "$LOGS/server.log")" "10.99.0.100 declined"
	assertEquals "another address" 10.99.0.101 "$(env_value bound ip)"
	assertContains "declined in the journal" "$(cat "$work/udhcpd.leases")" "binding state abandoned"
}

test_release_by_owner_and_by_stranger() {
	need || return 0
	server "opt lease 600"
	client
	wait_event bound || return
	ip=$(env_value bound ip)
	# a stranger (other MAC and identifier) asks to release that address
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	"$PU" build 7 ciaddr="$ip" ip=54:10.99.0.1 >"$work/release.hex"
	in_cli "$PU" exchange 10.99.0.1 "$work/release.hex" 1 >/dev/null
	wait_log "$LOGS/server.log" "RELEASE of $ip not from its owner, ignored"
	assertTrue "stranger's release ignored" $?
	kill -USR2 "$(bg_pid client)"
	wait_log "$LOGS/server.log" "$ip released"
	assertTrue "owner's release" $?
	assertContains "$(cat "$work/udhcpd.leases")" "binding state released"
}

test_inform_gets_options_without_a_lease() {
	need || return 0
	server "opt router 10.99.0.1" "opt dns 10.99.0.53" "opt lease 600"
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	"$PU" build 8 ciaddr=10.99.0.77 >"$work/inform.hex"
	out=$(in_cli "$PU" exchange 10.99.0.1 "$work/inform.hex")
	assertContains "$out" "type=DHCPACK"
	assertContains "$out" "yiaddr=0.0.0.0"
	assertContains "$out" "router=10.99.0.1"
	assertContains "$out" "dns=10.99.0.53"
	assertNotContains "no lease time" "$out" "lease="
}

test_restart_keeps_every_client_address() {
	need || return 0
	server "opt lease 600"
	client_as 01 -q
	wait_event bound || return
	one=$(env_value bound ip)
	client_as 02 -q
	wait_event bound || return
	two=$(env_value bound ip)
	restart_server
	client_as 02 -q
	wait_event bound || return
	assertEquals "second client, fresh DISCOVER" "$two" "$(env_value bound ip)"
	client_as 01 -q
	wait_event bound || return
	assertEquals "first client" "$one" "$(env_value bound ip)"
}

test_dhcpd_pools_reads_our_lease_file() {
	need dhcpd-pools || return 0
	server "opt lease 600"
	client_as 01 -q
	wait_event bound || return
	client_as 02 -q
	wait_event bound || return
	printf 'subnet 10.99.0.0 netmask 255.255.255.0 {\n  range 10.99.0.100 10.99.0.150;\n}\n' \
		>"$work/dhcpd.conf"
	out=$(dhcpd-pools -c "$work/dhcpd.conf" -l "$work/udhcpd.leases" 2>&1)
	echo "$out" | grep -q -E '10\.99\.0\.100 +- 10\.99\.0\.150 +51 +2 '
	assertTrue "dhcpd-pools counts our two active leases: $out" $?
}

test_sighup_reloads_and_survives_a_bad_config() {
	need || return 0
	server "opt dns 10.99.0.53" "opt lease 600"
	echo "bogus line" >>"$work/udhcpd.conf"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "keeping the old configuration"
	assertTrue "a bad config on SIGHUP is refused, not fatal" $?
	client_as 01 -q
	wait_event bound || return
	assertEquals "old config still served" 10.99.0.53 "$(env_value bound dns)"
	sed -i 's/^bogus line$/opt dns 10.99.0.99/' "$work/udhcpd.conf"
	sed -i '/^opt dns 10.99.0.53$/d' "$work/udhcpd.conf"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "configuration reloaded"
	assertTrue "reloaded" $?
	client_as 02 -q
	wait_event bound || return
	assertEquals "new config served" 10.99.0.99 "$(env_value bound dns)"
}

test_damaged_lease_file_still_loads() {
	need || return 0
	cat >"$work/udhcpd.leases" <<-'EOF'
	lease 10.99.0.120 {
	  starts 5 2026/11/27 10:00:00;
	  ends never;
	  binding state active;
	  hardware ethernet 02:00:00:00:00:01;
	  uid "\377\000\000\007";
	}
	lease 10.99.0.121 {
	  starts 5 2026/11/27 junk;
	}
	lease 10.99.0.122 {
	  binding st
	EOF
	server "opt lease 600"
	assertContains "$(cat "$LOGS/server.log")" "1 bad records"
	client_as 07 -q
	wait_event bound || return
	assertEquals "the surviving lease is honoured" 10.99.0.120 "$(env_value bound ip)"
}

test_relayed_clients_get_an_address_of_their_subnet() {
	need dhcrelay || return 0
	# server (10.99.0.1) -- relay (10.99.0.2 | 10.98.0.1) -- client
	netns_add_relay 10.99.0.2/24 10.98.0.1/24 10.98.0.0/24 10.99.0.1 || { fail "no relay"; return; }
	NO_POOL=1 server "range 10.99.0.100 10.99.0.150" "range 10.98.0.100 10.98.0.150" "opt lease 600"
	assertContains "$(cat "$LOGS/server.log")" "10.98.0.100 - 10.98.0.150 to relayed requests"
	client -q
	wait_event bound 40 || return
	case "$(env_value bound ip)" in
	10.98.0.1[0-4][0-9]|10.98.0.150) ;;
	*) fail "relayed client got '$(env_value bound ip)'; relay: $(tail -n 5 "$LOGS/relay.log")" ;;
	esac
	assertEquals "the server id is the server's" 10.99.0.1 "$(env_value bound serverid)"
}

# relay_ask ITEMS...: the probe as a relay agent at 10.99.0.77 (and
# 10.98.0.1, a relayed subnet's router) sends a request, prints the reply.
relay_ask() {
	"$PU" build "$@" >"$work/relayed.hex"
	in_cli "$PU" exchange 10.99.0.1 "$work/relayed.hex" 2
}

# A relay's option 82 (RFC 3046): echoed last in every reply; its circuit
# id picks a static_circuit host; link selection (RFC 3527) picks the
# subnet instead of giaddr; server id override (RFC 5107) is option 54.
test_relay_agent_information_echo_circuit_link_selection_override() {
	need || return 0
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	in_cli ip addr add 10.98.0.1/24 dev "$CLI_IF"
	in_srv ip route add 10.98.0.0/24 via 10.99.0.77
	big=$(printf 'ab%.0s' $(seq 200))	# two options that fill a reply of 576 bytes
	server "opt lease 600" "opt router 10.99.0.1" "opt 224 $big" "opt 225 $big" "subnet 10.98.0.0/24" \
		"range 10.98.0.100 10.98.0.150" "opt router 10.98.0.1" "static_circuit eth3 10.98.0.5 port3"
	eth3=010465746833
	out=$(relay_ask 1 giaddr=10.98.0.1 raw=82:$eth3 xid=b1 chaddr=020000000b01)
	assertContains "circuit eth3: its address" "$out" "yiaddr=10.98.0.5"
	assertContains "circuit eth3: its subnet's router" "$out" "router=10.98.0.1"
	assertContains "82 echoed" "$out" "opt82=$eth3"
	assertContains "82 last" "$out" "last_option=82"
	out=$(relay_ask 1 giaddr=10.98.0.1 raw=82:010465746834 xid=b2 chaddr=020000000b02)
	assertContains "circuit eth4: the subnet's range" "$out" "yiaddr=10.98.0.1"
	assertNotContains "circuit eth4: not eth3's" "$out" "yiaddr=10.98.0.5"
	out=$(relay_ask 1 giaddr=10.98.0.1 xid=b3 chaddr=020000000b03)
	assertNotContains "no 82 asked, none echoed" "$out" "opt82="
	# the relay's upstream address as giaddr; the link named by sub-option 5
	out=$(relay_ask 1 giaddr=10.99.0.77 raw=82:0104657468340504 xid=b4 chaddr=020000000b04)
	assertEquals "link selection of 2 bytes: dropped" "no reply" "$out"
	out=$(relay_ask 1 giaddr=10.99.0.77 raw=82:0104657468340504"0a620000" xid=b5 chaddr=020000000b05)
	assertContains "link selection: the named subnet" "$out" "yiaddr=10.98.0.1"
	assertContains "link selection: its router" "$out" "router=10.98.0.1"
	out=$(relay_ask 1 giaddr=10.99.0.77 xid=b6 chaddr=020000000b06)
	assertContains "without it: giaddr's subnet" "$out" "yiaddr=10.99.0.1"
	# RFC 5107: the relay's address as the server's, accepted back in SELECTING
	# link selection from a giaddr in no subnet of ours: never answered
	relay_ask 1 giaddr=203.0.113.7 raw=82:01046574683405040a620000 xid=bb chaddr=020000000b0b >/dev/null
	assertContains "an unknown giaddr's link selection dropped" "$(cat "$LOGS/server.log")" \
		"from 02:00:00:00:0b:0b dropped: giaddr in no subnet we serve"
	ovr=0104657468340b040a620001
	out=$(relay_ask 1 giaddr=10.98.0.1 raw=82:$ovr xid=b7 chaddr=020000000b07)
	assertContains "override: option 54" "$out" "serverid=10.98.0.1"
	ip=$(echo "$out" | sed -n 's/.*yiaddr=\([0-9.]*\).*/\1/p')
	out=$(relay_ask 3 giaddr=10.98.0.1 raw=82:$ovr ip=50:"$ip" ip=54:10.98.0.1 xid=b8 chaddr=020000000b07)
	assertContains "override: the REQUEST naming it is ours" "$out" "type=DHCPACK"
	assertContains "override: in the ACK too" "$out" "serverid=10.98.0.1"
	# a full reply: room is kept for the echo, the configured options give way
	long=01fd$(printf 'cd%.0s' $(seq 253))
	out=$(relay_ask 1 giaddr=10.98.0.1 raw=82:$long xid=b9 chaddr=020000000b09)
	assertContains "a full reply still echoes 82" "$out" "opt82=$long"
	assertContains "a full reply: 82 last" "$out" "last_option=82"
	assertContains "what gave way is logged" "$(cat "$LOGS/server.log")" "option 224 does not fit"
	assertContains "a reply without 82 gets the big options" \
		"$(relay_ask 1 giaddr=10.98.0.1 xid=ba chaddr=020000000b0a)" "opt224=$big"
}

test_many_relayed_clients_every_ack_in_the_journal() {
	need || return 0
	# the client side plays a relay agent (giaddr 10.98.0.1) for 2000 clients
	in_cli ip addr add 10.99.0.2/24 dev "$CLI_IF"
	in_cli ip addr add 10.98.0.1/16 dev "$CLI_IF"
	ip -n "$SRV_NS" route add 10.98.0.0/16 via 10.99.0.2
	NO_POOL=1 server "range 10.98.0.10 10.98.255.250" "opt subnet 255.255.0.0" "max_leases 5000" "opt lease 600"
	in_cli "$PROBES/udhcpd_load" 10.99.0.1 10.98.0.1 2000 64 >"$work/load.out"
	rc=$?	# before the message's command substitution sets $? again
	assertEquals "all 2000 acknowledged: $(cat "$work/load.out")" 0 "$rc"
	echo "FIGURE: udhcpd_load in the suite: $(cat "$work/load.out")"
	# while the server runs, every acknowledged lease is already on disk.
	# The journal is appended to: a retransmitted REQUEST ACKed again adds
	# a second record of the same lease, so records are counted as
	# distinct address and MAC pairs, then each address and each MAC once.
	awk '/^lease / { ip = $2; mac = ""; active = 0 }
		/hardware ethernet/ { mac = $3 }
		/binding state active;/ { active = 1 }
		/^}/ && active { print ip, mac }' "$work/udhcpd.leases" | sort -u >"$work/active"
	assertEquals "active leases" 2000 "$(wc -l <"$work/active")"
	assertEquals "no address for two clients" 2000 "$(cut -d' ' -f1 "$work/active" | sort -u | wc -l)"
	assertEquals "no client with two addresses" 2000 "$(cut -d' ' -f2 "$work/active" | sort -u | wc -l)"
	kill -TERM "$(bg_pid server)"
	wait_log "$LOGS/server.log" "exiting"
	echo "FIGURE: $(grep -o '[0-9]* ACKs with [0-9]* fsyncs' "$LOGS/server.log") (group commit)"
}

test_lease_file_upkeep_notify_file_usr1_auto_time() {
	need || return 0
	: >"$work/notified"
	printf '#!/bin/sh\necho "notified $1" >>"%s"\n' "$work/notified" >"$work/notify.sh"
	chmod +x "$work/notify.sh"
	server "opt lease 600" "notify_file $work/notify.sh" "auto_time 1"
	client -q
	wait_event bound || return
	ip=$(env_value bound ip)
	wait_log "$work/notified" "notified $work/udhcpd.leases" || fail "notify_file did not run"
	wait_log "$LOGS/server.log" "rewritten (auto_time): 1 leases" 15 || fail "no compaction after auto_time"
	assertEquals "one block after compaction" 1 "$(grep -c '^lease ' "$work/udhcpd.leases")"
	head -n 1 "$work/udhcpd.leases" | grep -q "rewritten" || fail "not a rewritten file"
	kill -USR1 "$(bg_pid server)"
	wait_log "$LOGS/server.log" "rewritten (SIGUSR1)" || fail "SIGUSR1 did not rewrite"
	assertContains "$(cat "$work/udhcpd.leases")" "lease $ip {"
	assertEquals "no temp file left" "" "$(ls "$work" | grep '\.tmp$')"
}

# ---- renewals, rebinding, release, crash: a client keeps its address -----------------

# bb_client [ARGS]: BusyBox udhcpc, recording its events like ours (job
# "bbclient"), configuring the link with default.script: it renews and
# releases from its configured address.
bb_client() {
	start_bg bbclient in_cli env UDHCPC_RECORD_DIR="$work/rec" UDHCPC_EVENTS="$work/events" \
		UDHCPC_DELEGATE="$DEFAULT_SCRIPT" UDHCPC_ROUTES_FILE="$work/routes" \
		RESOLV_CONF="$work/resolv.conf" busybox udhcpc -f -i "$CLI_IF" -s "$REC" -T 1 -t 5 "$@"
}

# renew_then_rebind JOB IP: SIGUSR1 renews (unicast); then unicast to the
# server is blackholed, so the renewal at T1 fails and the client rebinds
# by broadcast at T2. Both keep IP, with no NAK and no deconfig.
renew_then_rebind() {
	job=$1 ip=$2
	seen_events=
	kill -USR1 "$(bg_pid "$job")"
	wait_event renew || return 1
	assertEquals "$job: renewed the same address" "$ip" "$(env_value renew ip)"
	in_cli ip route add blackhole 10.99.0.1/32
	seen_events=
	wait_event renew 40 || return 1
	assertEquals "$job: rebound to the same address" "$ip" "$(env_value renew ip)"
	in_cli ip route del blackhole 10.99.0.1/32
	case "$seen_events" in *nak*|*deconfig*) fail "$job: lost its lease:$seen_events" ;; esac
	return 0
}

# our_client: ours, configuring the link with default.script like bb_client.
our_client() { DELEGATE="$DEFAULT_SCRIPT" client "$@"; }

# static_then_dynamic JOB START: the client that START starts (job JOB)
# renews and rebinds with a static lease, then again with a dynamic one,
# keeping its address and never NAKed. A static host used to be NAKed at
# every renewal.
static_then_dynamic() {
	job=$1 start=$2
	in_cli ip link set dev "$CLI_IF" address 02:00:00:00:00:42
	server "static_lease 02:00:00:00:00:42 10.99.0.142 staticbox" "opt lease 12"
	$start
	wait_event bound || return
	assertEquals "$job: static" 10.99.0.142 "$(env_value bound ip)"
	renew_then_rebind "$job" 10.99.0.142 || return
	stop_bg "$job"
	rm -rf "$work/state"
	in_cli ip addr flush dev "$CLI_IF"
	in_cli ip link set dev "$CLI_IF" address 02:00:00:00:00:43
	$start
	wait_event bound || return
	ip=$(env_value bound ip)
	case "$ip" in 10.99.0.1[0-4][0-9]|10.99.0.150) ;; *) fail "$job: dynamic: $ip" ;; esac
	renew_then_rebind "$job" "$ip"
	assertNotContains "$(cat "$LOGS/server.log")" "sending DHCPNAK"
}

test_busybox_udhcpc_renews_and_rebinds_static_and_dynamic() {
	need busybox || return 0
	static_then_dynamic bbclient bb_client
}

test_our_udhcpc_renews_and_rebinds_static_and_dynamic() {
	need || return 0
	static_then_dynamic client our_client
}

# server_b CONF LINE...: a second udhcpd, on a third host of the link
# (10.99.0.2, netns_add_host), job "serverb".
server_b() {
	{
		echo "interface dbh$tag"
		echo "lease_file $work/b.leases"
		echo "pidfile $work/b.pid"
		for line; do echo "$line"; done
	} >"$work/b.conf"
	start_bg serverb nsenter --net="/run/netns/$host_ns" "$DHCPBOX" udhcpd -f -v -v -a 0 "$work/b.conf"
	wait_log "$LOGS/serverb.log" "started"
}

# Two servers with split scopes and the same static hosts (README, "Two
# servers"). While both run, neither disturbs the other's clients: a
# client of the first that reboots (INIT-REBOOT) gets its address back,
# and the second stays silent on an address of its subnet that is in none
# of its ranges (RFC 2131 4.3.2, "peaceful coexistence"), where BusyBox
# NAKs. When the first stops, its clients' renewals fail: a static host
# rebinds to the second at T2 and keeps its address without a break; a
# dynamic one's lease runs out (the second does not NAK it either) and it
# takes an address of the second's scope.
test_split_scopes_a_second_server_takes_over() {
	need || return 0
	netns_add_host 10.99.0.2 || { fail "no third host"; return; }
	static="static_lease 02:00:00:00:00:42 10.99.0.42 staticbox"
	NO_POOL=1 ARP_CHECK="-a 0" server "range 10.99.0.100 10.99.0.124" "$static" "opt lease 12"
	for who in static dynamic; do
		mac=02:00:00:00:00:43
		[ $who = static ] && mac=02:00:00:00:00:42
		in_cli ip link set dev "$CLI_IF" address $mac
		our_client	# the address on the link: the second server's ACK is unicast to it
		wait_event bound || return
		ip=$(env_value bound ip)
		assertEquals "$who: from the first server" 10.99.0.1 "$(env_value bound serverid)"
		server_b "range 10.99.0.125 10.99.0.150" "$static" "opt lease 12"
		# both running: the client reboots (its remembered lease, INIT-REBOOT)
		stop_bg client
		seen_events=
		our_client
		wait_event bound || return
		assertEquals "$who: its address after a reboot, both servers up" "$ip" "$(env_value bound ip)"
		stop_bg server
		seen_events=
		if [ $who = static ]; then
			wait_event renew 30 || return
			assertEquals "static: the same address" 10.99.0.42 "$(env_value renew ip)"
			assertEquals "static: from the second" 10.99.0.2 "$(env_value renew serverid)"
		else
			case "$ip" in 10.99.0.1[01][0-9]|10.99.0.12[0-4]) ;; *) fail "dynamic: $ip" ;; esac
			wait_event deconfig 30 || return	# the lease ran out
			wait_event bound 30 || return
			case "$(env_value bound ip)" in
			10.99.0.12[5-9]|10.99.0.1[34][0-9]|10.99.0.150) ;;
			*) fail "dynamic: not of the second's scope: $(env_value bound ip)" ;;
			esac
			assertEquals "dynamic: from the second" 10.99.0.2 "$(env_value bound serverid)"
			assertContains "the second kept silent" "$(cat "$LOGS/serverb.log")" \
				"REQUEST for $ip: in none of our ranges (another server's?), ignored"
		fi
		stop_bg client
		stop_bg serverb
		rm -rf "$work/state"
		in_cli ip addr flush dev "$CLI_IF"
		[ $who = dynamic ] || restart_server
	done
	assertNotContains "no NAK from either" "$(cat "$LOGS/server.log" "$LOGS/serverb.log")" "sending DHCPNAK"
}

# A client that released its address and asks again gets it back (the
# released lease is its memory), BusyBox's and ours.
test_release_then_rediscover_gives_the_address_back() {
	need busybox || return 0
	server "opt lease 600"
	client
	wait_event bound || return
	ip=$(env_value bound ip)
	kill -USR2 "$(bg_pid client)"
	wait_log "$LOGS/server.log" "$ip released" || fail "no release"
	kill -USR1 "$(bg_pid client)"
	wait_event bound || return
	assertEquals "ours: the same address" "$ip" "$(env_value bound ip)"
	stop_bg client
	in_cli ip addr flush dev "$CLI_IF"
	in_cli ip link set dev "$CLI_IF" address 02:00:00:00:00:44
	bb_client
	wait_event bound || return
	ip=$(env_value bound ip)
	kill -USR2 "$(bg_pid bbclient)"
	wait_log "$LOGS/server.log" "$ip released" || fail "no release from BusyBox"
	kill -USR1 "$(bg_pid bbclient)"
	wait_event bound || return
	assertEquals "BusyBox: the same address" "$ip" "$(env_value bound ip)"
}

# kill -9 while 3000 relayed clients are being served: every ACK that left
# is in the lease file after the restart, and each of those clients gets
# the same address again.
test_kill_9_under_load_loses_no_acked_lease() {
	need || return 0
	in_cli ip addr add 10.99.0.2/24 dev "$CLI_IF"
	in_cli ip addr add 10.98.0.1/16 dev "$CLI_IF"
	ip -n "$SRV_NS" route add 10.98.0.0/16 via 10.99.0.2
	NO_POOL=1 server "range 10.98.0.10 10.98.255.250" "opt subnet 255.255.0.0" "max_leases 5000" "opt lease 600"
	in_cli env UDHCPD_LOAD_ACKS="$work/acks1" "$PROBES/udhcpd_load" 10.99.0.1 10.98.0.1 3000 64 \
		>"$work/load1.out" &
	load=$!
	for i in $(seq 1 200); do	# until some hundreds are on disk (bounded)
		[ "$(grep -c 'binding state active' "$work/udhcpd.leases")" -ge 300 ] && break
		sleep 0.05
	done
	kill -9 "$(bg_pid server)"
	wait "$load"
	acked=$(wc -l <"$work/acks1")
	[ "$acked" -ge 300 ] || fail "only $acked ACKs before the kill: $(cat "$work/load1.out")"
	[ "$acked" -lt 3000 ] || fail "the kill came after the load: $(cat "$work/load1.out")"
	restart_server
	missing=0
	while read -r mac ip; do
		grep -A5 "^lease $ip {" "$work/udhcpd.leases" | grep -q "hardware ethernet $mac;" ||
			missing=$((missing + 1))
	done <"$work/acks1"
	assertEquals "ACKed leases missing after kill -9 and restart" 0 "$missing"
	in_cli env UDHCPD_LOAD_ACKS="$work/acks2" "$PROBES/udhcpd_load" 10.99.0.1 10.98.0.1 3000 64 \
		>"$work/load2.out"
	rc=$?
	assertEquals "every client served again: $(cat "$work/load2.out")" 0 "$rc"
	changed=$(sort "$work/acks1" | join - "$(sort "$work/acks2" >"$work/acks2.s"; echo "$work/acks2.s")" |
		awk '$2 != $3' | wc -l)
	assertEquals "clients of the first run with another address" 0 "$changed"
	echo "FIGURE: kill -9 after $acked of 3000 ACKs: all $acked back after the restart, same addresses"
}

# ---- requests that get no answer, and a lease file that cannot be written ------------

test_hostile_requests_get_no_reply() {
	need || return 0
	server "opt lease 600"
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	while IFS='|' read -r what items; do
		# shellcheck disable=SC2086
		"$PU" build $items >"$work/h.hex"
		assertEquals "$what" "no reply" "$(in_cli "$PU" exchange 10.99.0.1 "$work/h.hex" 1)"
		assertContains "$what: logged" "$(cat "$LOGS/server.log")" "dropped: $what"
	done <<-'EOF'
	chaddr is all zeros or all ones|1 chaddr=000000000000 xid=a1
	chaddr is all zeros or all ones|3 chaddr=ffffffffffff xid=a2 ip=50:10.99.0.120
	client identifier of length 0|1 raw=61: xid=a3
	server identifier is not 4 bytes|3 raw=54:0a6300 ip=50:10.99.0.120 xid=a4
	DHCPINFORM without ciaddr|8 xid=a5
	giaddr in no subnet we serve|1 giaddr=192.168.77.1 xid=a6
	relay agent information (82) malformed|1 giaddr=10.99.0.77 raw=82:0109657468 xid=a7
	EOF
	assertEquals "nothing sent to a stranger's giaddr" "" "$(grep 'sending.* via 192.168.77.1' "$LOGS/server.log")"
}

# A fixed address given to another host (SIGHUP): its old holder, which
# renews it, is NAKed and moves, even though the address is in none of the
# ranges (the silence kept for another server's addresses is not for ours).
test_a_static_address_given_to_another_host_naks_its_old_holder() {
	need || return 0
	server "static_lease 02:00:00:00:0a:0a 10.99.0.42 first" "opt lease 600"
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	"$PU" build 3 chaddr=020000000a0a ip=50:10.99.0.42 xid=c1 >"$work/r.hex"
	assertContains "the static host's address" "$(in_cli "$PU" exchange 10.99.0.1 "$work/r.hex")" \
		"yiaddr=10.99.0.42"
	sed -i 's/^static_lease 02:00:00:00:0a:0a /static_lease 02:00:00:00:0b:0b /' "$work/udhcpd.conf"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "configuration reloaded" || fail "no reload"
	"$PU" build 3 chaddr=020000000a0a ciaddr=10.99.0.42 xid=c2 >"$work/renew.hex"
	assertContains "its renewal NAKed" "$(in_cli "$PU" exchange 10.99.0.1 "$work/renew.hex")" "type=DHCPNAK"
	"$PU" build 1 chaddr=020000000b0b xid=c3 >"$work/d.hex"
	assertContains "the new host is offered it" "$(in_cli "$PU" exchange 10.99.0.1 "$work/d.hex")" \
		"yiaddr=10.99.0.42"
}

# A quarantine (DECLINE) is owned by no client: one that sends the
# identifier the server once used for it (00 + the address) cannot clear it.
test_declined_address_stays_quarantined_against_a_forged_identifier() {
	need || return 0
	local ARP_CHECK="-a 0"
	server "opt lease 600"
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"	# the probe sends from an address
	"$PU" build 1 xid=b1 >"$work/d.hex"
	ip=$(in_cli "$PU" exchange 10.99.0.1 "$work/d.hex" | sed -n 's/.*yiaddr=\([0-9.]*\).*/\1/p')
	[ -n "$ip" ] && [ "$ip" != 0.0.0.0 ] || { fail "no offer"; return; }
	"$PU" build 3 xid=b2 ip=50:$ip ip=54:10.99.0.1 >"$work/r.hex"
	assertContains "ACKed" "$(in_cli "$PU" exchange 10.99.0.1 "$work/r.hex")" "type=DHCPACK"
	"$PU" build 4 xid=b3 ip=50:$ip ip=54:10.99.0.1 >"$work/decline.hex"
	in_cli "$PU" exchange 10.99.0.1 "$work/decline.hex" 1 >/dev/null
	wait_log "$LOGS/server.log" "$ip declined" || { fail "no quarantine"; return; }
	hex=$(echo "$ip" | awk -F. '{ printf "00%02x%02x%02x%02x", $1, $2, $3, $4 }')
	"$PU" build 1 xid=b4 chaddr=020000000099 raw=61:$hex ip=50:$ip >"$work/forged.hex"
	out=$(in_cli "$PU" exchange 10.99.0.1 "$work/forged.hex")
	assertContains "$out" "type=DHCPOFFER"
	assertNotContains "not the quarantined address" "$out" "yiaddr=$ip"
}

test_unwritable_lease_file_stops_the_start() {
	need || return 0
	server_conf_only "opt lease 600"
	sed -i "s|^lease_file .*|lease_file $work/no/such/dir/udhcpd.leases|" "$conf"
	# bounded: a server that starts anyway (it used to, then never ACKed) is killed
	in_srv timeout -k 5 20 "$DHCPBOX" udhcpd -f -a 0 "$conf" >"$LOGS/server.log" 2>&1
	assertEquals "exit status" 1 $?
	assertContains "$(cat "$LOGS/server.log")" "can't rewrite $work/no/such/dir/udhcpd.leases (start): No such file or directory"
	assertContains "$(cat "$LOGS/server.log")" "not starting"
}

# ---- the ARP check before an offer, rapid commit, ranges ----------------------------

test_arp_check_skips_an_address_in_use() {
	need || return 0
	netns_add_host 10.99.0.100 || fail "no third host"
	server "opt lease 600"
	# the client checks too (-a): had the server offered the squatter's
	# address, the client would find it in use and decline it
	client -q -a400 -A 1
	wait_event bound 40 || return
	log=$(cat "$LOGS/server.log")
	assertContains "$log" "10.99.0.100 is in use by"
	assertNotEquals "not the squatter's address" 10.99.0.100 "$(env_value bound ip)"
	assertContains "the client checked" "$(cat "$LOGS/client.log")" "with ARP"
	assertNotContains "the client did not have to decline" "$(cat "$LOGS/client.log")" "DECLINE"
	assertNotContains "no DECLINE reached the server" "$log" "declined"
	assertContains "the conflict is in the journal" "$(grep -A4 'lease 10.99.0.100 ' "$work/udhcpd.leases")" \
		"binding state abandoned"
}

test_probed_reserve_offers_at_once() {
	need || return 0
	need_built FEATURE_UDHCPD_ARP_RESERVE || return 0
	local ARP_CHECK="-a 2000"
	server "opt lease 600"
	# four addresses probed in the background; the first is ready before a client comes
	wait_log "$LOGS/server.log" "10.99.0.100 probed: ready" 20 || fail "no address probed ahead"
	start=$(now_ms)
	client -q
	wait_event bound || return
	echo "FIGURE: start to bound with a probed address ready (ARP check 2000 ms): $(($(now_ms) - start)) ms"
	assertEquals 10.99.0.100 "$(env_value bound ip)"
	assertContains "$(cat "$LOGS/server.log")" "10.99.0.100 from the probed reserve"
}

# client_b ID [ARGS]: a second udhcpc at the same time, identifier ff0000ID
client_b() {
	id=$1; shift
	mkdir -p "$work/rec_b"
	start_bg client_b in_cli env UDHCPC_STATE_DIR="$work/state_b" UDHCPC_RECORD_DIR="$work/rec_b" \
		UDHCPC_EVENTS="$work/events_b" "$DHCPBOX" udhcpc -f -v -i "$CLI_IF" -s "$REC" -T 1 -A 2 \
		-x "0x3d:ff0000$id" "$@"
}

test_a_probe_does_not_hold_up_other_clients() {
	need || return 0
	need_built FEATURE_UDHCPD_ARP_RESERVE || return 0
	local ARP_CHECK="-a 5000"
	server "opt lease 600"
	wait_log "$LOGS/server.log" "10.99.0.100 probed: ready" 20 || fail "no address probed ahead"
	# A asks for an address nobody probed: the server probes it for 5 s...
	client -q -r 10.99.0.140 -T 2 -t 5
	wait_log "$LOGS/server.log" "ARP probe for 10.99.0.140" || fail "no probe for the requested address"
	# ...and answers B meanwhile
	client_b 0b -q
	wait_event bound || return
	log=$(cat "$LOGS/server.log")
	assertEquals "A got what it asked for" 10.99.0.140 "$(env_value bound ip)"
	b_line=$(grep -n "lease 10.99.0.100 " "$LOGS/server.log" | head -n 1 | cut -d: -f1)
	a_line=$(grep -n "lease 10.99.0.140 " "$LOGS/server.log" | head -n 1 | cut -d: -f1)
	[ -n "$b_line" ] && [ -n "$a_line" ] && [ "$b_line" -lt "$a_line" ] ||
		fail "B was not served while A's address was probed: $log"
}

test_rapid_commit_when_enabled() {
	need || return 0
	need_built FEATURE_UDHCP_RAPID_COMMIT || return 0
	server "opt lease 600" "rapid_commit yes"
	client -q -x 80:
	wait_event bound || return
	assertContains "$(cat "$LOGS/server.log")" "(rapid commit)"
	assertNotContains "no OFFER" "$(cat "$LOGS/server.log")" "sending DHCPOFFER"
	stop_bg server
	server "opt lease 600"
	rm -rf "$work/state"
	client -q -x 80:
	wait_event bound || return
	assertContains "off by default: OFFER" "$(cat "$LOGS/server.log")" "sending DHCPOFFER"
}

test_a_range_no_link_can_reach_is_refused() {
	need || return 0
	NO_POOL=1 server_conf_only "range 10.99.0.200 10.99.1.20"
	out=$(in_srv "$DHCPBOX" udhcpd -f "$work/udhcpd.conf" 2>&1)
	assertEquals 1 $?
	assertContains "$out" "range 10.99.0.200 - 10.99.1.20 spans more than one subnet"
}

. "$SRCTREE/testsuite/testlib_run.sh"
