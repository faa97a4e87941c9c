#!/bin/bash
# udhcpc in the field, end to end: what the client must survive unattended.
# A remembered lease for another identity or network (against Kea, which
# stays silent to an INIT-REBOOT it cannot place), a RELEASE before a new
# DISCOVER, the interface deleted and re-created under the running client,
# the hook script's signals, the memo's fsync, and hostile servers whose
# replies must be dropped or cleaned. Each in namespaces of its own.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"

PROBE="$PROBES/udhcp_probe"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPC) && why_not=$r
	return 0
}

# ---- servers ----------------------------------------------------------------

# kea_server: Kea's DHCPv4 server, leases in memory only, its pid and
# lock files in the test's directory (Kea's defaults are under /run).
kea_server() {
	cat >"$work/kea.json" <<-EOF
	{ "Dhcp4": {
	    "interfaces-config": { "interfaces": [ "$SRV_IF" ], "dhcp-socket-type": "raw" },
	    "lease-database": { "type": "memfile", "persist": false },
	    "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
	    "subnet4": [ { "id": 1, "subnet": "10.99.0.0/24",
	        "pools": [ { "pool": "10.99.0.100 - 10.99.0.150" } ],
	        "option-data": [ { "name": "routers", "data": "10.99.0.1" } ] } ],
	    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
	        "output_options": [ { "output": "stdout" } ] } ]
	} }
	EOF
	start_bg server in_srv env KEA_PIDFILE_DIR="$work" KEA_LOCKFILE_DIR="$work" \
		kea-dhcp4 -c "$work/kea.json"
	wait_log "$LOGS/server.log" "DHCP4_STARTED" 20
}

busybox_server() {
	{
		echo "interface $SRV_IF"
		echo "start 10.99.0.100"
		echo "end 10.99.0.150"
		echo "lease_file $work/udhcpd.leases"
		echo "pidfile $work/udhcpd.pid"
		echo "opt subnet 255.255.255.0"
		echo "opt lease 600"
	} >"$work/udhcpd.conf"
	touch "$work/udhcpd.leases"
	start_bg server in_srv busybox udhcpd -f "$work/udhcpd.conf"
}

# rogue_server ITEM...: udhcp_probe's server, answering with the items
# (a fair base first: server id, lease, mask, yiaddr; later items win).
rogue_server() {
	start_bg server in_srv "$PROBE" serve "$SRV_IF" 20 ip=54:10.99.0.1 "$@"
	wait_log "$LOGS/server.log" "listening on"
}

# (not /sys/class/net: sysfs there is the host's, whatever the netns)
cli_mac() { ip -n "$CLI_NS" -o link show "$CLI_IF" | sed -n 's|.* link/ether \([0-9a-f:]*\) .*|\1|p'; }
cli_index() { ip -n "$CLI_NS" -o link show "$CLI_IF" | cut -d: -f1; }

# memo IP [MAC-LINE]: a remembered lease for the client, obtained now.
memo() {
	{
		echo "ip=$1"
		echo "serverid=10.99.0.1"
		echo "lease=3600"
		echo "obtained=$(date +%s)"
		[ -z "${2:-}" ] || printf '%s\n' "$2"
	} >"$work/state/$CLI_IF.lease"
}

# ---- a remembered lease that does not fit ----------------------------------

# A memo without our identity (an older client's, or another box's) is not
# tried: against Kea that silence would cost seconds before DISCOVER.
test_a_memo_for_another_identity_is_not_used() {
	need kea-dhcp4 || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	kea_server || { fail "kea did not start: $(tail -n 5 "$LOGS/server.log")"; return; }
	memo 10.99.0.77
	start=$(now_ms)
	client -q -T 3	# the default pause, as in the field
	wait_event bound || return
	echo "FIGURE: start to bound with a memo for another identity, Kea: $(($(now_ms) - start)) ms"
	assertNotContains "no INIT-REBOOT for a lease not ours" "$(cat "$LOGS/client.log")" "INIT-REBOOT"
	assertContains "$(cat "$LOGS/client.log")" "was for another identity"
}

# Our identity, another network: Kea stays silent (RFC 2131 4.3.2, it has no
# record of us), and the client goes on to DISCOVER after 2 s.
test_an_unanswered_init_reboot_falls_back_to_discover() {
	need kea-dhcp4 || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	kea_server || { fail "kea did not start: $(tail -n 5 "$LOGS/server.log")"; return; }
	mac=$(cli_mac)
	memo 10.77.0.5 "mac=$mac
clientid=01$(echo "$mac" | tr -d :)"
	start=$(now_ms)
	client -q -T 3
	wait_event bound || return
	echo "FIGURE: start to bound after an unanswered INIT-REBOOT, Kea: $(($(now_ms) - start)) ms"
	log=$(cat "$LOGS/client.log")
	assertContains "$log" "asking for the remembered 10.77.0.5 (INIT-REBOOT)"
	assertContains "$log" "no answer to INIT-REBOOT, discovering"
	assertEquals "two REQUESTs, a second apart, then DISCOVER" 2 \
		"$(grep -c 'broadcasting DHCPREQUEST' <<<"$(sed -n '1,/discovering/p' "$LOGS/client.log")")"
}

# BusyBox keeps the released address and asks for it again (option 50):
# Kea, which forgot the client at the RELEASE, gives the same one back.
test_after_a_release_the_next_discover_asks_for_the_same_address() {
	need kea-dhcp4 || return 0
	kea_server || { fail "kea did not start: $(tail -n 5 "$LOGS/server.log")"; return; }
	client
	wait_event bound || return
	ip=$(env_value bound ip)
	kill -USR2 "$(bg_pid client)"
	wait_event deconfig || return
	wait_log "$LOGS/server.log" "DHCP4_RELEASE.*$ip"
	assertTrue "Kea saw the release" $?
	kill -USR1 "$(bg_pid client)"
	wait_event bound || return
	assertEquals "the released address again" "$ip" "$(env_value bound ip)"
}

# ---- the interface changes under the client ------------------------------------

# The veth pair is deleted and made again (a USB re-plug, a bridge
# re-created): same name, new index. The client must find it.
test_an_interface_recreated_under_the_client_is_found_again() {
	need busybox || return 0
	old_index=$(cli_index)
	client -t 1 -A 1
	wait_event leasefail || return
	ip -n "$SRV_NS" link del "$SRV_IF"
	ip -n "$SRV_NS" link add "$SRV_IF" type veth peer name "$CLI_IF" netns "$CLI_NS"
	ip -n "$SRV_NS" addr add "$SRV_IP/24" dev "$SRV_IF"
	ip -n "$SRV_NS" link set "$SRV_IF" up
	ip -n "$CLI_NS" link set "$CLI_IF" up
	new_index=$(cli_index)
	assertNotEquals "a new index" "$old_index" "$new_index"
	busybox_server
	wait_event bound || return
	assertContains "$(cat "$LOGS/client.log")" "interface $CLI_IF changed (index $new_index"
}

# ---- the hook script and the memo --------------------------------------------------

# udhcpc ignores SIGPIPE and catches USR1/USR2/TERM/INT; the script must
# start with none of it (and nothing blocked). The script reads its own mask
# with builtins: dash blocks every signal while it waits for a child, so a
# forked grep could catch the shell in that window (CI did: fffffffe7ffbfeff).
test_the_hook_script_starts_with_default_signals() {
	need busybox || return 0
	busybox_server
	cat >"$work/sig.script" <<-'EOF'
	#!/bin/sh
	while read -r key value; do
		case $key in SigIgn:|SigBlk:) echo "$key $value";; esac
	done </proc/$$/status >"$UDHCPC_RECORD_DIR/../sig.$1"
	exec "$UDHCPC_REC" "$1"
	EOF
	chmod +x "$work/sig.script"
	start_bg client in_cli env UDHCPC_STATE_DIR="$work/state" UDHCPC_RECORD_DIR="$work/rec" \
		UDHCPC_EVENTS="$work/events" UDHCPC_REC="$REC" \
		"$DHCPBOX" udhcpc -f -q -i "$CLI_IF" -s "$work/sig.script" -T 1
	wait_event bound || return
	client_exit
	ign=$(sed -n 's/^SigIgn:\s*//p' "$work/sig.bound")
	blk=$(sed -n 's/^SigBlk:\s*//p' "$work/sig.bound")
	assertEquals "nothing blocked" 0000000000000000 "$blk"
	# SIGPIPE is 13: bit 12 of the mask, 0x1000
	assertEquals "SIGPIPE not ignored (SigIgn $ign)" 0 $(( 0x$ign & 0x1000 ))
}

# The memo is written to a temp file, fsynced, renamed, and the directory
# fsynced: a power cut leaves the old memo or the new one, never an empty file.
# (LeakSanitizer cannot run under ptrace: off for this one client.)
test_the_memo_is_fsynced_before_its_rename() {
	need busybox strace || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	busybox_server
	start_bg client in_cli env UDHCPC_STATE_DIR="$work/state" UDHCPC_RECORD_DIR="$work/rec" \
		UDHCPC_EVENTS="$work/events" ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o "$work/trace" \
		-e trace=fsync,fdatasync,rename,renameat,renameat2,openat \
		"$DHCPBOX" udhcpc -f -q -i "$CLI_IF" -s "$REC" -T 1
	wait_event bound || return
	client_exit
	memo_fd=$(sed -n "s/.*openat(.*\"[^\"]*$CLI_IF.lease.tmp\".*= \([0-9]*\)$/\1/p" "$work/trace" | tail -n 1)
	assertNotNull "the memo's temp file was opened" "$memo_fd"
	order=$(grep -n -e "fsync($memo_fd)" -e "fdatasync($memo_fd)" -e "rename.*$CLI_IF.lease" \
		"$work/trace" | sed 's/:.*\(fsync\|rename\).*/ \1/' | awk '{print $2}' | tr '\n' ' ')
	assertContains "fsync, then rename (trace: $order)" "$order" "fsync rename"
	assertContains "the directory is fsynced after the rename" \
		"$(sed -n "/rename.*$CLI_IF.lease/,\$p" "$work/trace")" "fsync("
}

# ---- hostile servers ----------------------------------------------------------------

# Each reply must be dropped with one log line, and nothing bound.
test_hostile_replies_are_dropped() {
	[ -z "$why_not" ] || { skip_test "$why_not"; return 0; }
	base="ip=1:255.255.255.0"
	while IFS='|' read -r items why; do
		netns_down
		netns_up || { fail "no link"; return; }
		: >"$LOGS/client.log"
		# shellcheck disable=SC2086
		rogue_server $base $items || { fail "$items: the rogue server did not start"; return; }
		client -n -t 1
		client_exit
		assertEquals "$items: no lease, exit 1" 1 $?
		assertContains "$items: dropped with a reason" "$(cat "$LOGS/client.log")" "dropped: $why"
		assertFalse "$items: nothing bound" "ls '$work/rec' | grep -q bound"
		rm -f "$work/rec"/*
	done <<-'EOF'
	yiaddr=0.0.0.0 u32=51:600|it leases 0.0.0.0, which no host may hold
	yiaddr=255.255.255.255 u32=51:600|it leases 255.255.255.255, which no host may hold
	yiaddr=224.0.0.5 u32=51:600|it leases 224.0.0.5, which no host may hold
	yiaddr=127.0.0.1 u32=51:600|it leases 127.0.0.1, which no host may hold
	yiaddr=240.0.0.1 u32=51:600|it leases 240.0.0.1, which no host may hold
	yiaddr=10.99.0.255 u32=51:600|it leases 10.99.0.255, the broadcast address of its subnet
	yiaddr=10.99.0.120 u32=51:600 raw=61:01020000000099|its client identifier is not ours
	yiaddr=10.99.0.120 u32=51:0|its lease time is 0
	yiaddr=10.99.0.120 u16=51:600|option lease of 2 bytes
	EOF
}

# Bad router and DNS entries and a non-contiguous mask are removed, one
# line each; the rest of the lease is used.
test_hostile_parts_of_a_reply_are_removed() {
	[ -z "$why_not" ] || { skip_test "$why_not"; return 0; }
	rogue_server yiaddr=10.99.0.120 u32=51:600 ip=1:255.0.255.0 \
		raw=3:000000007f0000010a630001 raw=6:ffffffff0a630035
	client -q
	wait_event bound || return
	client_exit
	assertEquals "the good router only" 10.99.0.1 "$(env_value bound router)"
	assertEquals "the good DNS server only" 10.99.0.53 "$(env_value bound dns)"
	assertNull "no mask" "$(env_value bound subnet)"
	log=$(cat "$LOGS/client.log")
	for line in "router 0.0.0.0 removed" "router 127.0.0.1 removed" "dns 255.255.255.255 removed" \
		"non-contiguous subnet mask 255.0.255.0 removed"; do
		assertContains "$log" "$line"
	done
}

. "$SRCTREE/testsuite/testlib_run.sh"
