#!/bin/bash
# udhcpd on ISC dhcpd.conf files, end to end: each file is served by ISC
# dhcpd and then by udhcpd, in the same test, to the same clients (BusyBox
# udhcpc and ISC dhclient, dynamic and fixed), and what the clients get from
# both is compared variable by variable. fixtures/isc/mini-howto.conf is
# the DHCP mini-HOWTO's server set-up, verbatim (its sample dhcpd.conf, the
# netbios-name-servers line and host haagen), on the HOWTO's own
# 192.168.1.0/24.
#
# Both servers run with their default lease and pid files (the HOWTO names
# none), each in a mount namespace of its own where /var/lib/dhcp,
# /var/lib/misc and /run are directories of the test: nothing lands on the
# host.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"
. "$SRCTREE/testsuite/isc_servers.sh"


oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPD FEATURE_UDHCPD_ISC_CONF) && why_not=$r
	return 0
}

# bb_lease OUT: BusyBox udhcpc gets a lease and quits; its bound
# environment goes to OUT.
bb_lease() {
	rm -f "$work/rec"/*
	in_cli env UDHCPC_RECORD_DIR="$work/rec" UDHCPC_EVENTS="$work/events" \
		timeout 30 busybox udhcpc -f -q -i "$CLI_IF" -s "$REC" -T 1 -t 5 >>"$LOGS/bbclient.log" 2>&1
	assertEquals "BusyBox udhcpc got a lease" 0 $?
	last_env bound >"$1"
}

# dhclient_lease OUT: ISC dhclient gets a lease (a fresh lease database),
# its new_* variables go to OUT, and it is stopped.
dhclient_lease() {
	cat >"$work/dhclient-script" <<-EOF
	#!/bin/sh
	case "\$reason" in BOUND|REBOOT) env | grep '^new_' | grep -v '^new_expiry=' | sort >"$1" ;; esac
	exit 0
	EOF
	chmod +x "$work/dhclient-script"
	rm -f "$work/dhclient.leases" "$1"
	in_cli timeout 30 dhclient -4 -1 -sf "$work/dhclient-script" -lf "$work/dhclient.leases" \
		-pf "$work/dhclient.pid" "$CLI_IF" >>"$LOGS/dhclient.log" 2>&1
	assertEquals "dhclient got a lease" 0 $?
	[ -s "$work/dhclient.pid" ] && kill "$(cat "$work/dhclient.pid")" 2>/dev/null
	rm -f "$work/dhclient.pid"
}

# same_env WHAT ISC OURS [VAR...]: the two environments are equal but for
# the variables named (a dynamic address may differ between servers).
same_env() {
	what=$1 isc=$2 ours=$3; shift 3
	[ -s "$isc" ] && [ -s "$ours" ] || { fail "$what: no lease from ISC dhcpd or from udhcpd"; return; }
	skip='^$'
	for var; do skip="$skip|^$var="; done
	diff=$(diff <(grep -Ev "$skip" "$isc") <(grep -Ev "$skip" "$ours"))
	assertEquals "$what: what ISC dhcpd gave (<) and what udhcpd gave (>)" "" "$diff"
}

in_ranges() {
	case "$1" in
	192.168.1.[1-9][0-9]|192.168.1.100|192.168.1.1[5-9][0-9]|192.168.1.200)
		case "$1" in 192.168.1.1[0-4][0-9]) return 1 ;; esac
		return 0 ;;
	esac
	return 1
}

# ---- the mini-HOWTO -----------------------------------------------------------------

test_mini_howto_dhcpd_conf_is_checked_like_dhcpd_t() {
	[ -z "$why_not" ] || { skip_test "$why_not"; return 0; }
	need dhcpd || return 0
	dhcpd -t -cf "$FIX/mini-howto.conf" >"$LOGS/dhcpd-t.log" 2>&1
	assertEquals "dhcpd -t accepts it" 0 $?
	out=$(in_srv "$DHCPBOX" udhcpd -t "$FIX/mini-howto.conf" 2>&1)
	assertEquals "udhcpd -t accepts it: $out" 0 $?
	assertContains "$out" "subnet 192.168.1.0 netmask 255.255.255.0"
	assertContains "$out" "range 192.168.1.10 192.168.1.100"
	assertContains "$out" "range 192.168.1.150 192.168.1.200"
	assertContains "$out" "hosts: 1 (1 fixed addresses)"
}

test_mini_howto_dynamic_clients_get_what_isc_gives() {
	need busybox dhcpd dhclient || return 0
	link 192.168.1.1/24
	isc_dhcpd "$FIX/mini-howto.conf" || return
	bb_lease "$work/isc.bb"
	dhclient_lease "$work/isc.dhclient"
	stop_bg isc
	our_dhcpd "$FIX/mini-howto.conf" || return
	bb_lease "$work/ours.bb"
	dhclient_lease "$work/ours.dhclient"
	for f in isc.bb ours.bb; do
		ip=$(sed -n 's/^ip=//p' "$work/$f")
		in_ranges "$ip" || fail "$f: $ip is in neither range"
	done
	for f in isc.dhclient ours.dhclient; do
		ip=$(sed -n 's/^new_ip_address=//p' "$work/$f")
		in_ranges "$ip" || fail "$f: $ip is in neither range"
	done
	same_env "BusyBox udhcpc" "$work/isc.bb" "$work/ours.bb" ip
	same_env "dhclient" "$work/isc.dhclient" "$work/ours.dhclient" new_ip_address
	# what the HOWTO promises
	assertEquals 600 "$(sed -n 's/^lease=//p' "$work/ours.bb")"
	assertEquals 255.255.255.0 "$(sed -n 's/^subnet=//p' "$work/ours.bb")"
	assertEquals 192.168.1.255 "$(sed -n 's/^broadcast=//p' "$work/ours.bb")"
	assertEquals 192.168.1.254 "$(sed -n 's/^router=//p' "$work/ours.bb")"
	assertEquals "192.168.1.1 192.168.1.2" "$(sed -n 's/^dns=//p' "$work/ours.bb")"
	assertEquals mydomain.org "$(sed -n 's/^domain=//p' "$work/ours.bb")"
	assertEquals 192.168.1.1 "$(sed -n 's/^new_netbios_name_servers=//p' "$work/ours.dhclient")"
}

test_mini_howto_host_haagen_gets_its_fixed_address() {
	need busybox dhcpd dhclient || return 0
	link 192.168.1.1/24
	ip -n "$CLI_NS" link set "$CLI_IF" address 08:00:2b:4c:59:23
	isc_dhcpd "$FIX/mini-howto.conf" || return
	bb_lease "$work/isc.bb"
	dhclient_lease "$work/isc.dhclient"
	stop_bg isc
	our_dhcpd "$FIX/mini-howto.conf" "$SRV_IF" || return
	bb_lease "$work/ours.bb"
	dhclient_lease "$work/ours.dhclient"
	assertEquals 192.168.1.222 "$(sed -n 's/^ip=//p' "$work/isc.bb")"
	assertEquals 192.168.1.222 "$(sed -n 's/^ip=//p' "$work/ours.bb")"
	same_env "BusyBox udhcpc" "$work/isc.bb" "$work/ours.bb"
	same_env "dhclient" "$work/isc.dhclient" "$work/ours.dhclient"
}

# Debian's isc-dhcp-server starts "dhcpd -4 -q -cf CONF -pf PID IFACES";
# the same words start udhcpd (-f kept in the foreground for the test),
# and -lf/-pf name its files whatever the config says.
test_dhcpd_command_line_words_work() {
	need busybox || return 0
	link 192.168.1.1/24
	sandboxed_server ours "$DHCPBOX" udhcpd -f -4 -q -a 0 -cf "$FIX/mini-howto.conf" \
		-pf "$work/dhcpd.pid" -lf "$work/dhcpd.leases" "$SRV_IF"
	wait_log "$LOGS/ours.log" "serving 192.168.1.150 - 192.168.1.200" 10 \
		|| { fail "udhcpd did not start: $(tail -n 5 "$LOGS/ours.log")"; return; }
	assertNotContains "-q: no banner" "$(cat "$LOGS/ours.log")" "started, dhcpbox"
	bb_lease "$work/ours.bb"
	ip=$(sed -n 's/^ip=//p' "$work/ours.bb")
	assertContains "the lease is in the -lf file" "$(cat "$work/dhcpd.leases" 2>&1)" "lease $ip {"
	assertEquals "the -pf file holds its PID" "$(bg_pid ours)" "$(cat "$work/dhcpd.pid" 2>&1)"
	assertFalse "nothing in dhcpd's default lease file" "[ -s '$work/sandbox/ours/lib-dhcp/dhcpd.leases' ]"
}

# ---- the corpus -----------------------------------------------------------------------

# Each fixtures/isc/*.conf with a "# serve: ADDR/PREFIX [IFACE]" line is
# served on a link where the server has that address (its interface named
# IFACE when the file names one), by ISC dhcpd and then by udhcpd, to a
# client with each MAC of its "# client: MAC [fixed|none]" lines (BusyBox
# udhcpc and dhclient). Every variable must be the same from both servers;
# the address too for "fixed"; "none": neither server answers.
serve_like_isc() {
	conf=$1
	set -- $(sed -n 's/^# serve: *//p' "$conf")
	link "$1"
	if [ -n "${2:-}" ]; then
		ip -n "$SRV_NS" link set "$SRV_IF" down
		ip -n "$SRV_NS" link set "$SRV_IF" name "$2" || return 1
		ip -n "$SRV_NS" link set "$2" up
		SRV_IF=$2
	fi
	BOX=isc isc_dhcpd "$conf" || return 1
	get_leases isc "$conf"
	stop_bg isc
	BOX=ours our_dhcpd "$conf" || return 1
	get_leases ours "$conf"
	stop_bg ours
	# (the loops read from process substitution: in a pipeline they would
	# run in a subshell, where shunit2 loses the failures)
	while read -r mac kind; do
		name="$(basename "$conf") $mac"
		if [ "$kind" = none ]; then
			for who in isc ours; do
				assertFalse "$name: no lease from $who" "[ -s '$work/$who.$mac.bb' ]"
			done
			continue
		fi
		skip_bb=ip skip_dh=new_ip_address
		[ "$kind" = fixed ] && skip_bb= skip_dh=
		same_env "$name BusyBox udhcpc" "$work/isc.$mac.bb" "$work/ours.$mac.bb" $skip_bb
		same_env "$name dhclient" "$work/isc.$mac.dh" "$work/ours.$mac.dh" $skip_dh
	done < <(sed -n 's/^# client: *//p' "$conf")
	return 0
}

# get_leases WHO CONF: each client of CONF asks the server running
# (BusyBox udhcpc, then dhclient): $work/WHO.MAC.bb|dh.
get_leases() {
	while read -r mac kind; do
		ip -n "$CLI_NS" link set "$CLI_IF" down
		ip -n "$CLI_NS" link set "$CLI_IF" address "$mac"
		ip -n "$CLI_NS" link set "$CLI_IF" up
		if [ "$kind" = none ]; then
			rm -f "$work/rec"/*
			in_cli env UDHCPC_RECORD_DIR="$work/rec" busybox udhcpc -f -n -q -i "$CLI_IF" \
				-s "$REC" -T 1 -t 3 >>"$LOGS/bbclient.log" 2>&1
			last_env bound >"$work/$1.$mac.bb"
			continue
		fi
		bb_lease "$work/$1.$mac.bb"
		dhclient_lease "$work/$1.$mac.dh"
	done < <(sed -n 's/^# client: *//p' "$2")
}

test_corpus_is_served_like_isc_dhcpd() {
	need busybox dhcpd dhclient || return 0
	n=0
	for conf in "$FIX"/*.conf; do
		grep -q '^# serve:' "$conf" || continue
		netns_down
		netns_up || { fail "no link"; return; }
		rm -rf "$work/sandbox"
		serve_like_isc "$conf" || { fail "$(basename "$conf"): could not serve it"; return; }
		n=$((n + 1))
	done
	echo "FIGURE: ISC dhcpd and udhcpd compared on $n configurations of fixtures/isc"
	assertTrue "configurations compared: $n" "[ $n -ge 5 ]"
}

# ---- several interfaces ---------------------------------------------------------------

# second_link: a second client namespace on a second server interface,
# 192.168.2.1/24 ($SRV_IF2, $CLI2_NS, $CLI_IF2).
second_link() {
	CLI2_NS="dbx-cli2-$tag"
	SRV_IF2="dbt$tag"
	CLI_IF2="dbd$tag"
	ip netns add "$CLI2_NS" && _nn_made="$_nn_made $CLI2_NS" || return 1
	ip -n "$SRV_NS" link add "$SRV_IF2" type veth peer name "$CLI_IF2" netns "$CLI2_NS" || return 1
	ip -n "$SRV_NS" addr add 192.168.2.1/24 dev "$SRV_IF2"
	ip -n "$SRV_NS" link set "$SRV_IF2" up
	ip -n "$CLI2_NS" link set lo up
	ip -n "$CLI2_NS" link set "$CLI_IF2" up
}

# bb_lease_on NS IFACE OUT: as bb_lease, on another link.
bb_lease_on() {
	rm -f "$work/rec"/*
	nsenter --net="/run/netns/$1" env UDHCPC_RECORD_DIR="$work/rec" UDHCPC_EVENTS="$work/events" \
		timeout 30 busybox udhcpc -f -q -i "$2" -s "$REC" -T 1 -t 5 >>"$LOGS/bbclient.log" 2>&1
	assertEquals "BusyBox udhcpc got a lease on $2" 0 $?
	last_env bound >"$3"
}

# One udhcpd serves both interfaces it finds in the file's subnets; each
# client gets its own link's subnet, as from ISC dhcpd on the same file.
test_one_udhcpd_serves_two_interfaces_each_with_its_subnet() {
	need busybox dhcpd || return 0
	link 192.168.1.1/24
	second_link || { fail "no second link"; return; }
	sandboxed_server isc dhcpd -4 -f -d -cf "$FIX/two-links.conf" "$SRV_IF" "$SRV_IF2"
	wait_log "$LOGS/isc.log" "Server starting service" 10 || { fail "ISC dhcpd did not start"; return; }
	bb_lease_on "$CLI_NS" "$CLI_IF" "$work/isc.1"
	bb_lease_on "$CLI2_NS" "$CLI_IF2" "$work/isc.2"
	stop_bg isc
	our_dhcpd "$FIX/two-links.conf" || return
	assertContains "$(cat "$LOGS/ours.log")" "serving $SRV_IF2 (192.168.2.1)"
	bb_lease_on "$CLI_NS" "$CLI_IF" "$work/ours.1"
	bb_lease_on "$CLI2_NS" "$CLI_IF2" "$work/ours.2"
	for n in 1 2; do
		case "$(sed -n 's/^ip=//p' "$work/ours.$n")" in
		192.168.$n.1[0-9]|192.168.$n.20) ;;
		*) fail "link $n: $(sed -n 's/^ip=//p' "$work/ours.$n") is not of 192.168.$n.10-20" ;;
		esac
		assertEquals "link $n router" 192.168.$n.1 "$(sed -n 's/^router=//p' "$work/ours.$n")"
		assertEquals "link $n server id" 192.168.$n.1 "$(sed -n 's/^serverid=//p' "$work/ours.$n")"
		same_env "link $n" "$work/isc.$n" "$work/ours.$n" ip interface
	done
	assertEquals 900 "$(sed -n 's/^lease=//p' "$work/ours.2")"
}

# ---- relayed ------------------------------------------------------------------------

# server (192.168.1.1) -- relay (192.168.1.2 | 10.98.0.1, ISC dhcrelay) --
# client: the client gets the relayed subnet's mask, routers and domain
# from udhcpd as from ISC dhcpd (udhcpd used to give its own link's).
test_a_relayed_client_gets_its_own_subnets_options() {
	need busybox dhcpd dhcrelay || return 0
	link 192.168.1.1/24
	netns_add_relay 192.168.1.2/24 10.98.0.1/23 10.98.0.0/23 192.168.1.1 || { fail "no relay"; return; }
	isc_dhcpd "$FIX/relayed.conf" || return
	bb_lease "$work/isc.bb"
	stop_bg isc
	our_dhcpd "$FIX/relayed.conf" "$SRV_IF" || return
	bb_lease "$work/ours.bb"
	case "$(sed -n 's/^ip=//p' "$work/ours.bb")" in
	10.98.1.1[0-4][0-9]|10.98.1.150) ;;
	*) fail "relayed client got '$(sed -n 's/^ip=//p' "$work/ours.bb")'" ;;
	esac
	assertEquals 10.98.0.1 "$(sed -n 's/^router=//p' "$work/ours.bb")"
	assertEquals 255.255.254.0 "$(sed -n 's/^subnet=//p' "$work/ours.bb")"
	assertEquals far.example "$(sed -n 's/^domain=//p' "$work/ours.bb")"
	same_env "relayed BusyBox udhcpc" "$work/isc.bb" "$work/ours.bb" ip
}

# relay_asks WHO: requests as a relay agent sends them (the probe at
# 10.99.0.77, and 10.98.0.1 on the relayed subnet) to the server running;
# what each reply says goes to $work/WHO.relay, a line per request.
relay_asks() {
	: >"$work/$1.relay"
	while read -r what items; do
		# shellcheck disable=SC2086
		"$PU" build $items >"$work/relayed.hex"
		out=$(in_cli "$PU" exchange 10.99.0.1 "$work/relayed.hex" 2)
		ip=$(echo "$out" | sed -n 's/.*yiaddr=\([0-9.]*\).*/\1/p')
		echo "$what: $(echo "$out" | grep -E '^(type|router|serverid|domain|opt82|last_option)=' \
			| tr '\n' ' ') ip=$(case "$ip" in 10.9[89].0.1[0-4][0-9]|10.9[89].0.150) echo range ;;
			*) echo "$ip" ;; esac)" >>"$work/$1.relay"
		# the REQUEST for what the OFFER gave, naming the server as the OFFER did
		if [ "${what%-offer}" != "$what" ] && [ -n "$ip" ]; then
			sid=$(echo "$out" | sed -n 's/^serverid=//p')
			# shellcheck disable=SC2086
			"$PU" build 3 $(echo "$items" | sed 's/^1 //') ip=50:"$ip" ip=54:"$sid" >"$work/relayed.hex"
			out=$(in_cli "$PU" exchange 10.99.0.1 "$work/relayed.hex" 2)
			echo "${what%-offer}-ack: $(echo "$out" | grep -E '^(type|serverid|opt82|last_option)=' \
				| tr '\n' ' ')" >>"$work/$1.relay"
		fi
	done <<-'EOF'
	eth3-offer 1 giaddr=10.98.0.1 raw=82:010465746833 xid=c1 chaddr=020000000c01
	eth4-offer 1 giaddr=10.98.0.1 raw=82:010465746834020172 xid=c2 chaddr=020000000c02
	no82-offer 1 giaddr=10.98.0.1 xid=c3 chaddr=020000000c03
	linksel-offer 1 giaddr=10.99.0.77 raw=82:01046574683405040a620000 xid=c4 chaddr=020000000c04
	override-offer 1 giaddr=10.98.0.1 raw=82:0104657468340b040a620001 xid=c5 chaddr=020000000c05
	EOF
}

# A relay's option 82 as ISC dhcpd takes it, on fixtures/isc/relay-agent.conf:
# echoed (RFC 3046 2.2), a host by circuit id (host-identifier), link
# selection (RFC 3527); and server id override (RFC 5107) in the OFFER
# and the REQUEST that names it, which ISC dhcpd 4.4 does not do.
test_relay_agent_information_like_isc() {
	need dhcpd || return 0
	PU="$PROBES/udhcp_probe"
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	in_cli ip addr add 10.98.0.1/24 dev "$CLI_IF"
	in_srv ip route add 10.98.0.0/24 via 10.99.0.77
	isc_dhcpd "$FIX/relay-agent.conf" || return
	relay_asks isc
	stop_bg isc
	our_dhcpd "$FIX/relay-agent.conf" "$SRV_IF" || return
	relay_asks ours
	assertContains "ISC's circuit eth3" "$(cat "$work/isc.relay")" "eth3-offer: type=DHCPOFFER"
	assertContains "ISC's circuit eth3" "$(cat "$work/isc.relay")" "ip=10.98.0.5"
	# ISC dhcpd 4.4 ignores sub-option 11 (its answers name 10.99.0.1):
	# the one place where udhcpd does more, as RFC 5107 section 4 asks
	assertEquals "what ISC dhcpd answered (<) and what udhcpd answered (>)" "" \
		"$(diff <(grep -v '^override-' "$work/isc.relay") <(grep -v '^override-' "$work/ours.relay"))"
	assertContains "our override: the OFFER's option 54" "$(grep '^override-offer:' "$work/ours.relay")" \
		"serverid=10.98.0.1 opt82=0104657468340b040a620001 last_option=82"
	assertContains "our override: the REQUEST naming it is ACKed" "$(grep '^override-ack:' "$work/ours.relay")" \
		"type=DHCPACK serverid=10.98.0.1"
}

# ---- migration ----------------------------------------------------------------------

# our_client N [ARGS]: our udhcpc as the Nth client (its own MAC and memo),
# job "client", configuring the link with default.script.
our_client() {
	n=$1; shift
	client_exit || fail "the previous client exited with status $?"
	ip -n "$CLI_NS" link set "$CLI_IF" down
	ip -n "$CLI_NS" link set "$CLI_IF" address "02:00:5e:10:00:0$n"
	ip -n "$CLI_NS" link set "$CLI_IF" up
	mkdir -p "$work/state$n"
	# default.script configures the address: the renewal is unicast from it
	start_bg client in_cli env UDHCPC_STATE_DIR="$work/state$n" UDHCPC_RECORD_DIR="$work/rec" \
		UDHCPC_EVENTS="$work/events" UDHCPC_DELEGATE="$DEFAULT_SCRIPT" \
		UDHCPC_ROUTES_FILE="$work/routes" RESOLV_CONF="$work/resolv.conf" \
		"$DHCPBOX" udhcpc -f -v -i "$CLI_IF" -s "$REC" -T 1 -A 2 "$@"
}

# ISC dhcpd leases to three clients and stops; udhcpd starts on its lease
# file (dhcpd's default path, as after "apt-get remove isc-dhcp-server"):
# each client's INIT-REBOOT is ACKed with its address, and a renewal too.
test_udhcpd_takes_over_isc_dhcpd_leases() {
	need dhcpd || return 0
	link 192.168.1.1/24
	BOX=shared isc_dhcpd "$FIX/mini-howto.conf" || return
	for n in 1 2 3; do
		our_client $n -q
		wait_event bound || return
		eval "ip$n=\$(env_value bound ip)"
		client_exit
	done
	stop_bg isc
	assertContains "ISC wrote the leases" "$(cat "$work/sandbox/shared/lib-dhcp/dhcpd.leases")" "$ip3"
	BOX=shared our_dhcpd "$FIX/mini-howto.conf" || return
	assertContains "$(cat "$LOGS/ours.log")" "lease records read from /var/lib/dhcp/dhcpd.leases"
	assertContains "ISC's file is kept as dhcpd.leases~" \
		"$(cat "$work/sandbox/shared/lib-dhcp/dhcpd.leases~" 2>&1)" "written by isc-dhcp"
	for n in 1 2 3; do
		rm -f "$work/rec"/*
		seen_events=
		if [ $n = 3 ]; then our_client $n; else our_client $n -q; fi
		wait_event bound || return
		eval "want=\$ip$n"
		assertEquals "client $n keeps its address" "$want" "$(env_value bound ip)"
		assertNotContains "client $n: INIT-REBOOT, no DISCOVER" "$(cat "$LOGS/client.log")" "broadcasting DHCPDISCOVER"
		[ $n = 3 ] || client_exit
	done
	kill -USR1 "$(bg_pid client)"
	wait_event renew || return
	assertEquals "the renewal keeps it" "$ip3" "$(env_value renew ip)"
	assertNotContains "no NAK" "$seen_events" nak
}

# The lease file is lost (a fresh box): a client's INIT-REBOOT for its
# address, free now, is ACKed by ISC dhcpd (not authoritative, the
# HOWTO's file) and by udhcpd alike, without a DISCOVER.
test_init_reboot_of_an_unknown_client_for_a_free_address_is_acked() {
	need dhcpd || return 0
	link 192.168.1.1/24
	BOX=first isc_dhcpd "$FIX/mini-howto.conf" || return
	our_client 1 -q
	wait_event bound || return
	ip1=$(env_value bound ip)
	client_exit
	stop_bg isc
	for who in isc ours; do
		rm -f "$work/rec"/*
		seen_events=
		if [ $who = isc ]; then BOX=fresh-isc isc_dhcpd "$FIX/mini-howto.conf" || return
		else BOX=fresh-ours our_dhcpd "$FIX/mini-howto.conf" || return; fi
		our_client 1 -q
		wait_event bound || return
		assertEquals "$who ACKs the remembered address" "$ip1" "$(env_value bound ip)"
		assertNotContains "$who: INIT-REBOOT, no DISCOVER" "$(cat "$LOGS/client.log")" \
			"broadcasting DHCPDISCOVER"
		client_exit
		stop_bg $who
	done
}

. /usr/share/shunit2/shunit2
