#!/bin/bash
# BOOTP clients (RFC 951, RFC 1497, RFC 1542; RFC 2131 4.3), end to end:
# fixtures/isc/bootp.conf is served by ISC dhcpd and then by udhcpd, in
# the same test, to BOOTP requests (no option 53) from the probe, and the
# replies are compared field by field: yiaddr, siaddr, sname, file, each
# option, the length. sandboxed_server is isc_servers.sh's.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"
. "$SRCTREE/testsuite/isc_servers.sh"

PU="$PROBES/udhcp_probe"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPD FEATURE_UDHCPD_BOOTP) && why_not=$r
	return 0
}


# bootp_asks WHO: the requests below to the server running, a line per
# reply in $work/WHO.bootp. ISC sends a host's reply to its chaddr's MAC
# (broadcast IP): the client's interface has the fixed host's MAC.
bootp_asks() {
	: >"$work/$1.bootp"
	while read -r what items; do
		# shellcheck disable=SC2086
		"$PU" build $items >"$work/q.hex"
		out=$(in_cli "$PU" exchange 10.99.0.1 "$work/q.hex" 2)
		[ "$what" = relayed ] && echo "$out" | grep '^last_option=' >>"$work/$1.last"
		echo "$what: $(echo "$out" | grep -E '^(no reply|op|ciaddr|sname|file|type|subnet|router|dns|domain|hostname|lease|serverid|opt[0-9]+|len)' | tr '\n' ' ')" >>"$work/$1.bootp"
	done <<-'EOF2'
	fixed 0 chaddr=020000000b01 flags=8000
	fixed-prl 0 chaddr=020000000b01 flags=8000 prl=1,3,12
	dynamic 0 chaddr=020000000b10 flags=8000
	dynamic-again 0 chaddr=020000000b10 flags=8000
	dynamic-2 0 chaddr=020000000b11 flags=8000
	dynamic-3 0 chaddr=020000000b12 flags=8000
	full 0 chaddr=020000000b13 flags=8000
	denied 0 chaddr=020000000b02 flags=8000
	relayed 0 chaddr=020000000b20 giaddr=10.98.0.1 raw=82:010465746833
	pooled 0 chaddr=020000000b30 giaddr=10.97.0.1
	pooled-dhcp 1 chaddr=020000000b31 giaddr=10.97.0.1
	pool-denied 0 chaddr=020000000b32 giaddr=10.96.0.1
	type-10 0 chaddr=020000000b10 flags=8000 raw=53:0a
	EOF2
}

test_bootp_replies_like_isc_dhcpd() {
	need dhcpd || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	in_cli ip link set "$CLI_IF" address 02:00:00:00:0b:01
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	in_cli ip addr add 10.98.0.1/24 dev "$CLI_IF"
	in_srv ip route add 10.98.0.0/24 via 10.99.0.77
	in_cli ip addr add 10.97.0.1/24 dev "$CLI_IF"
	in_srv ip route add 10.97.0.0/24 via 10.99.0.77
	in_cli ip addr add 10.96.0.1/24 dev "$CLI_IF"
	in_srv ip route add 10.96.0.0/24 via 10.99.0.77
	sandboxed_server isc dhcpd -4 -f -d -cf "$FIX/bootp.conf" "$SRV_IF"
	wait_log "$LOGS/isc.log" "Server starting service" 10 || { fail "ISC dhcpd did not start"; return; }
	bootp_asks isc
	stop_bg isc
	sandboxed_server ours "$DHCPBOX" udhcpd -f -v -a 0 "$FIX/bootp.conf" "$SRV_IF"
	wait_log "$LOGS/ours.log" "started" 10 || { fail "udhcpd did not start: $(tail -n 5 "$LOGS/ours.log")"; return; }
	bootp_asks ours
	cp "$work/sandbox/ours/lib-dhcp/dhcpd.leases" "$work/ours.leases" 2>/dev/null
	stop_bg ours
	# what ISC was seen to do (the facts the comparison rests on)
	assertContains "$(grep '^fixed:' "$work/isc.bootp")" "yiaddr=10.99.0.50 siaddr=10.99.0.9"
	assertContains "$(grep '^fixed:' "$work/isc.bootp")" "file=boot/fixed.img"
	assertContains "$(grep '^dynamic:' "$work/isc.bootp")" "yiaddr=10.99.0.200"
	assertContains "$(grep '^dynamic-again:' "$work/isc.bootp")" "yiaddr=10.99.0.200"
	assertContains "$(grep '^dynamic:' "$work/isc.bootp")" "type=(none)"
	assertContains "$(grep '^dynamic:' "$work/isc.bootp")" "len=300"
	assertNotContains "no option 51 or 54" "$(grep -v '^pooled-dhcp:' "$work/isc.bootp")" "serverid="
	assertContains "$(grep '^full:' "$work/isc.bootp")" "no reply"
	assertContains "$(grep '^denied:' "$work/isc.bootp")" "no reply"
	assertContains "ISC echoes 82 to a BOOTP relay" "$(grep '^relayed:' "$work/isc.bootp")" "opt82=010465746833"
	assertContains "a pool allowing BOOTP" "$(grep '^pooled:' "$work/isc.bootp")" "yiaddr=10.97.0.5"
	assertContains "a DHCP client: the pool denying BOOTP" "$(grep '^pooled-dhcp:' "$work/isc.bootp")" "yiaddr=10.97.0.6"
	assertContains "RFC 951's vendor area" "$(grep '^pooled:' "$work/isc.bootp")" "len=300"
	assertContains "ignore bootp in the pool" "$(grep '^pool-denied:' "$work/isc.bootp")" "no reply"
	assertContains "an unknown option 53 is no BOOTP" "$(grep '^type-10:' "$work/isc.bootp")" "no reply"
	assertContains "ISC ignores option 55 for BOOTP" "$(grep '^fixed-prl:' "$work/isc.bootp")" "domain=bootp.example"
	assertEquals "what ISC dhcpd answered (<) and what udhcpd answered (>)" "" \
		"$(diff "$work/isc.bootp" "$work/ours.bootp")"
	assertEquals "82 last (RFC 3046 2.2)" "last_option=82" "$(cat "$work/ours.last")"
	assertContains "the dynamic BOOTP lease is journaled, infinite" \
		"$(sed -n '/^lease 10.99.0.200 {/,/^}/p' "$work/ours.leases")" "ends never;"
}

# lease_seconds FILE IP: ends - starts of IP's lease in a dhcpd.leases
# (ISC's "W YYYY/MM/DD HH:MM:SS", UTC), or "never".
lease_seconds() {
	sed -n "/^lease $2 {/,/^}/p" "$1" | awk '
		/ starts / { s = $3 " " $4 } / ends never/ { e = "never" } / ends [0-9]/ { e = $3 " " $4 }
		END { print s "|" e }' | tr -d ';' | {
		IFS='|' read -r s e
		if [ "$e" = never ]; then echo never; elif [ -n "$s" ] && [ -n "$e" ]; then
			echo $(( $(date -u -d "$e" +%s) - $(date -u -d "$s" +%s) ))
		fi
	}
}

# dynamic-bootp-lease-length and -cutoff end a BOOTP lease, in ISC dhcpd's
# lease file and in ours: an hour; the cutoff (seconds since 1970, as ISC
# 4.4.3 takes it) when it comes first.
test_bootp_lease_length_and_cutoff_like_isc() {
	need dhcpd || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	cutoff=$(( $(date +%s) + 1800 ))
	for what in length cutoff; do
		{
			echo "subnet 10.99.0.0 netmask 255.255.255.0 {"
			echo "	range dynamic-bootp 10.99.0.200 10.99.0.202;"
			echo "	dynamic-bootp-lease-length 3600;"
			[ $what = cutoff ] && echo "	dynamic-bootp-lease-cutoff $cutoff;"
			echo "}"
		} >"$work/$what.conf"
		for who in isc ours; do
			if [ $who = isc ]; then
				BOX=$who-$what sandboxed_server isc dhcpd -4 -f -d -cf "$work/$what.conf" "$SRV_IF"
				wait_log "$LOGS/isc.log" "Server starting service" 10 || { fail "ISC dhcpd did not start"; return; }
			else
				BOX=$who-$what sandboxed_server ours "$DHCPBOX" udhcpd -f -v -a 0 "$work/$what.conf" "$SRV_IF"
				wait_log "$LOGS/ours.log" "started" 10 || { fail "udhcpd did not start: $(tail -n 5 "$LOGS/ours.log")"; return; }
			fi
			"$PU" build 0 chaddr=020000000b40 flags=8000 >"$work/q.hex"
			out=$(in_cli "$PU" exchange 10.99.0.1 "$work/q.hex" 2)
			assertContains "$who $what: an address" "$out" "yiaddr=10.99.0.200"
			stop_bg $who
			secs=$(lease_seconds "$work/sandbox/$who-$what/lib-dhcp/dhcpd.leases" 10.99.0.200)
			if [ $what = length ]; then
				assertEquals "$who: dynamic-bootp-lease-length 3600" 3600 "$secs"
			else
				# the cutoff, half an hour from the start of the test
				assertTrue "$who: ended by the cutoff ($secs s)" "[ ${secs:-0} -gt 1700 ] && [ ${secs:-0} -le 1800 ]"
			fi
		done
	done
}

# udhcpd.conf: "bootp yes" answers a BOOTP client with a static_lease
# (its address, siaddr, sname, boot_file, the options); without it, or
# without a static_lease, silence (BusyBox answers no BOOTP).
test_udhcpd_conf_bootp_yes_answers_a_static_lease() {
	need || return 0
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	for bootp in yes no; do
		cat >"$work/udhcpd.conf" <<-EOF2
		interface $SRV_IF
		start 10.99.0.100
		end 10.99.0.110
		lease_file $work/udhcpd.leases
		pidfile $work/udhcpd.pid
		siaddr 10.99.0.9
		sname bootsrv
		boot_file pxelinux.0
		opt router 10.99.0.1
		static_lease 02:00:00:00:0b:01 10.99.0.50
		bootp $bootp
		EOF2
		start_bg ours in_srv "$DHCPBOX" udhcpd -f -a 0 "$work/udhcpd.conf"
		wait_log "$LOGS/ours.log" "started" 10 || { fail "udhcpd did not start: $(tail -n 5 "$LOGS/ours.log")"; return; }
		"$PU" build 0 chaddr=020000000b01 flags=8000 >"$work/q.hex"
		out=$(in_cli "$PU" exchange 10.99.0.1 "$work/q.hex" 2)
		"$PU" build 0 chaddr=020000000b03 flags=8000 >"$work/q.hex"
		other=$(in_cli "$PU" exchange 10.99.0.1 "$work/q.hex" 2)
		stop_bg ours
		assertEquals "bootp $bootp: no BOOTP client without a static_lease" "no reply" "$other"
		if [ $bootp = no ]; then
			assertEquals "bootp no: silence" "no reply" "$out"
			continue
		fi
		assertContains "$out" "yiaddr=10.99.0.50 siaddr=10.99.0.9"
		assertContains "$out" "type=(none)"
		assertContains "$out" "file=pxelinux.0"
		assertContains "$out" "sname=bootsrv"
		assertContains "$out" "router=10.99.0.1"
		assertContains "$out" "len=300"
		assertNotContains "no option 54" "$out" "serverid="
	done
}

. /usr/share/shunit2/shunit2
