#!/bin/bash
# dhcprelay end to end: three namespaces of our own per test, clients -
# relay - server, with TWO client links behind one relay:
#
#	clients: $CLI1 (10.71.1.0/24) $CLI2 (10.71.2.0/24)
#	relay:   $DOWN1 10.71.1.1  $DOWN2 10.71.2.1  $UP 10.71.0.2
#	server:  $SRV_IF 10.71.0.1, routes to both client subnets via the relay
#
# Our udhcpc gets addresses through our dhcprelay from our udhcpd and from
# ISC dhcpd; the hop limit, option 82 (inserted, stripped, the policy for
# one already there), replies from servers not named and the errors are
# checked with udhcp_probe's crafted messages (send) and captures
# (capture), waiting on log lines, never on time.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"

PROBE="$PROBES/udhcp_probe"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason DHCPRELAY UDHCPD UDHCPC) && why_not=$r
	return 0
}

# e2e.sh's link and work directory, then the relay's three namespaces.
setUp() {
	[ -z "$why_not" ] || return 0
	e2e_setup
	ip -n "$SRV_NS" addr flush dev "$SRV_IF"
	ip -n "$SRV_NS" addr add 10.71.0.1/24 dev "$SRV_IF"
	SRV_IP=10.71.0.1
	netns_relay_ns 10.71.0.2/24 || fail "no relay namespace"
	UP=$upstream DOWN1="dbd$tag" DOWN2="dbf$tag" CLI1="dbe$tag" CLI2="dbg$tag"
	netns_relay_link 10.71.1.1/24 10.71.1.0/24 "$DOWN1" "$CLI1" || fail "no client link 1"
	netns_relay_link 10.71.2.1/24 10.71.2.0/24 "$DOWN2" "$CLI2" || fail "no client link 2"
}

# relay [NAME] -- ARGS...: our dhcprelay in the relay namespace (job NAME,
# default "relay"), every packet logged; waits until it has started.
relay() {
	name=relay
	[ "$1" = -- ] || { name=$1; shift; }
	shift
	start_bg "$name" nsenter --net="/run/netns/$relay_ns" "$DHCPBOX" dhcprelay -f -v -v "$@"
	wait_log "$LOGS/$name.log" "started" 10 \
		|| { fail "dhcprelay did not start: $(tail -n 5 "$LOGS/$name.log")"; return 1; }
}

# capture NAME NS IFACE PORT COUNT: udhcp_probe decoding what IFACE hears.
capture() {
	start_bg "$1" nsenter --net="/run/netns/$2" "$PROBE" capture "$3" "$4" "$5" 20
	wait_log "$LOGS/$1.log" "listening on" 10 || fail "capture $1 did not start"
}

# job_done NAME: until the job exits (bounded, 20 s); fails if it did not.
job_done() {
	pid=$(bg_pid "$1")
	[ -n "$pid" ] || return 0
	timeout 20 tail --pid="$pid" -s 0.1 -f /dev/null || fail "$1 did not finish"
	wait "$pid" 2>/dev/null
	eval "_nn_pid_$1="
}

# expect_log JOB PATTERN WHAT: until JOB's log has PATTERN (bounded), else fail.
expect_log() {
	wait_log "$LOGS/$1.log" "$2" 10 || fail "$3: $(cat "$LOGS/$1.log")"
}

# msg FILE ITEM...: a message built by udhcp_probe (TYPE first).
msg() {
	out=$1; shift
	"$PROBE" build "$@" >"$work/$out" || fail "could not build $out: $(cat "$work/$out")"
}

# send NS SRC:PORT DST:PORT FILE
send() {
	nsenter --net="/run/netns/$1" "$PROBE" send "$2" "$3" "$work/$4" || fail "could not send $4"
}

hex() { printf %s "$1" | od -An -tx1 | tr -d ' \n'; }
# option 82 as dhcprelay builds it: circuit id IFACE [, remote id ID]
opt82() {
	v="01$(printf %02x ${#1})$(hex "$1")"
	[ -z "$2" ] || v="${v}02$(printf %02x ${#2})$(hex "$2")"
	echo "$v"
}

udhcpd_conf() {
	cat >"$work/dhcpd.conf" <<-EOF
	default-lease-time ${LEASE:-600};
	max-lease-time ${LEASE:-600};
	authoritative;
	subnet 10.71.0.0 netmask 255.255.255.0 { }
	subnet 10.71.1.0 netmask 255.255.255.0 {
		range 10.71.1.100 10.71.1.150;
		option routers 10.71.1.1;
		${UDHCPD_HOSTS:-}
	}
	subnet 10.71.2.0 netmask 255.255.255.0 {
		range 10.71.2.100 10.71.2.150;
		option routers 10.71.2.1;
	}
	EOF
}

our_server() {
	udhcpd_conf
	start_bg server in_srv "$DHCPBOX" udhcpd -f -v -v -a 0 -c "$work/dhcpd.conf" \
		-l "$work/udhcpd.leases" -F "$work/udhcpd.pid" "$SRV_IF"
	wait_log "$LOGS/server.log" "started" 10 \
		|| { fail "udhcpd did not start: $(tail -n 5 "$LOGS/server.log")"; return 1; }
}

isc_server() {
	udhcpd_conf
	echo 'ddns-update-style none;' >>"$work/dhcpd.conf"
	touch "$work/dhcpd.leases"
	start_bg server in_srv dhcpd -4 -f -d -cf "$work/dhcpd.conf" -lf "$work/dhcpd.leases" \
		-pf "$work/dhcpd.pid" "$SRV_IF"
	wait_log "$LOGS/server.log" "Server starting service" 10 \
		|| { fail "ISC dhcpd did not start: $(tail -n 5 "$LOGS/server.log")"; return 1; }
}

# lease_on IFACE NET: our udhcpc on IFACE gets an address in NET.0/24 with
# router NET.1 and quits.
lease_on() {
	CLI_IF=$1
	client -q -t 5
	wait_event bound || return 1
	ip=$(env_value bound ip)
	case "$ip" in "$2".1[0-5][0-9]) ;; *) fail "$1: address '$ip' is not from $2.0/24" ;; esac
	assertEquals "$1: router" "$2.1" "$(env_value bound router)"
	client_exit
	assertEquals "$1: udhcpc -q exit status" 0 $?
}

# ---- leases through the relay -----------------------------------------------

test_two_subnets_through_dhcprelay_to_udhcpd() {
	need || return 0
	our_server || return
	relay -- "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	lease_on "$CLI1" 10.71.1
	lease_on "$CLI2" 10.71.2
	assertContains "$(cat "$LOGS/relay.log")" "server->client DHCPACK"
	grep -q "client->server DHCPDISCOVER .* from $DOWN2 hops 1 giaddr 10.71.2.1 to 10.71.0.1" \
		"$LOGS/relay.log" || fail "no DISCOVER from $DOWN2 logged: $(cat "$LOGS/relay.log")"
}

test_two_subnets_through_dhcprelay_to_isc_dhcpd() {
	need dhcpd || return 0
	isc_server || return
	relay -- "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	lease_on "$CLI1" 10.71.1
	lease_on "$CLI2" 10.71.2
}

test_broadcast_to_the_server_side_without_server_ip() {
	need || return 0
	our_server || return
	relay -- "$DOWN1,$DOWN2" "$UP" || return
	lease_on "$CLI2" 10.71.2
	grep -q "client->server DHCPDISCOVER .* to 255.255.255.255" "$LOGS/relay.log" \
		|| fail "not broadcast: $(cat "$LOGS/relay.log")"
}

# A relayed client renews straight to the server (RFC 2131 4.3.2: unicast,
# giaddr 0, through the relay's routing, not its relaying): udhcpd takes
# it to be on its ciaddr's subnet and ACKs it at T1. It used to NAK it
# "wrong network" on its own link, where the client never hears it, so
# only the rebinding broadcast at T2 kept the lease. The client is a
# port's host (circuit id), and the renewal has no option 82: it keeps
# the port's address (ISC's stash-agent-options).
test_a_relayed_client_renews_straight_to_the_server() {
	need || return 0
	ip netns exec "$relay_ns" sysctl -qw net.ipv4.ip_forward=1 || { fail "no forwarding"; return; }
	UDHCPD_HOSTS="host port1 { host-identifier option agent.circuit-id \"$DOWN1\"; fixed-address 10.71.1.5; }"
	LEASE=16 our_server || return
	relay -- -a "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	CLI_IF=$CLI1
	DELEGATE="$DEFAULT_SCRIPT" client	# configures the address and the route via 10.71.1.1
	wait_event bound || return
	ip=$(env_value bound ip)
	assertEquals "the port's address" 10.71.1.5 "$ip"
	# a reload (or a restart) keeps the port device's lease: it may be the host's
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "configuration reloaded" 10 || fail "no reload"
	assertNotContains "the port's lease kept" "$(cat "$LOGS/server.log")" "another client's lease on it ends"
	seen_events=
	wait_event renew 20 || return
	assertEquals "the same address" "$ip" "$(env_value renew ip)"
	assertContains "the renewal came straight, and was ACKed" "$(cat "$LOGS/server.log")" \
		"sending DHCPACK of $ip to $(ip -n "$CLI_NS" -br link show "$CLI1" | awk '{print $3}') via $SRV_IF"
	assertNotContains "no NAK" "$(cat "$LOGS/server.log")" "NAK"
}

# ---- hops (RFC 1542 4.1.1) --------------------------------------------------------

test_hops_over_the_limit_dropped_below_forwarded_plus_one() {
	need || return 0
	ip -n "$CLI_NS" addr add 10.71.1.50/24 dev "$CLI1"
	relay -- -c 4 "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture cap "$SRV_NS" "$SRV_IF" 67 1
	msg over 1 hops=5 xid=5
	msg under 1 hops=3 xid=3
	send "$CLI_NS" 10.71.1.50:68 10.71.1.1:67 over
	expect_log relay "dropped request on $DOWN1: hops 5 over the limit 4" "hops 5 not dropped"
	send "$CLI_NS" 10.71.1.50:68 10.71.1.1:67 under
	job_done cap
	got=$(cat "$LOGS/cap.log")
	assertContains "$got" "xid=0x00000003"
	assertContains "$got" "hops=4 "
	assertContains "$got" "giaddr=10.71.1.1"
}

# ---- option 82 (RFC 3046) -------------------------------------------------------

test_option_82_inserted_per_client_interface() {
	need || return 0
	ip -n "$CLI_NS" addr add 10.71.1.50/24 dev "$CLI1"
	ip -n "$CLI_NS" addr add 10.71.2.50/24 dev "$CLI2"
	relay -- --agent-info --remote-id rid-71 "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture cap "$SRV_NS" "$SRV_IF" 67 2
	msg one 1 xid=1
	msg two 1 xid=2
	send "$CLI_NS" 10.71.1.50:68 10.71.1.1:67 one
	wait_log "$LOGS/cap.log" "opt82=" 10 || fail "the first did not arrive"
	send "$CLI_NS" 10.71.2.50:68 10.71.2.1:67 two
	job_done cap
	got=$(cat "$LOGS/cap.log")
	assertContains "$got" "opt82=$(opt82 "$DOWN1" rid-71)"
	assertContains "$got" "opt82=$(opt82 "$DOWN2" rid-71)"
	assertContains "$got" "giaddr=10.71.2.1"
}

# ISC dhcpd echoes option 82 (RFC 3046 2.2): the relay checks and removes it,
# the client sees none; the lease records the circuit id.
test_option_82_echoed_by_isc_dhcpd_is_stripped_before_the_client() {
	need dhcpd || return 0
	isc_server || return
	relay -- -a -r rid-71 "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture seen "$CLI_NS" "$CLI2" 68 10	# OFFERs may be repeated: until the ACK
	lease_on "$CLI2" 10.71.2
	wait_log "$LOGS/seen.log" "type=DHCPACK" 10 || fail "the capture saw no ACK"
	stop_bg seen
	got=$(cat "$LOGS/seen.log")
	assertContains "$got" "type=DHCPOFFER"
	assertContains "$got" "type=DHCPACK"
	assertNotContains "what the client got carries no option 82" "$got" "opt82="
	grep -q "server->client DHCPACK .* -option 82 to .* on $DOWN2" "$LOGS/relay.log" \
		|| fail "ISC's echoed option 82 was not stripped: $(cat "$LOGS/relay.log")"
	grep -q "agent.circuit-id \"$DOWN2\"" "$work/dhcpd.leases" \
		|| fail "no circuit id in ISC's lease: $(cat "$work/dhcpd.leases")"
	grep -q 'agent.remote-id "rid-71"' "$work/dhcpd.leases" \
		|| fail "no remote id in ISC's lease: $(cat "$work/dhcpd.leases")"
}

# udhcpd echoes option 82 (RFC 3046 2.2); the relay takes it out.
test_option_82_echoed_by_udhcpd_is_stripped_before_the_client() {
	need || return 0
	our_server || return
	relay -- -a "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture seen "$CLI_NS" "$CLI1" 68 10
	lease_on "$CLI1" 10.71.1
	wait_log "$LOGS/seen.log" "type=DHCPACK" 10 || fail "the capture saw no ACK"
	stop_bg seen
	assertNotContains "what the client got carries no option 82" "$(cat "$LOGS/seen.log")" "opt82="
	grep -q "server->client DHCPACK .* -option 82 to .* on $DOWN1" "$LOGS/relay.log" \
		|| fail "udhcpd did not echo option 82: $(cat "$LOGS/relay.log")"
}

# One address per port (a circuit id our relay inserts: the client
# interface's name), whoever is plugged in, from udhcpd as from ISC dhcpd
# on the same dhcpd.conf; the other port's client gets its range.
test_fixed_address_per_circuit_id_through_dhcprelay_like_isc() {
	need dhcpd || return 0
	for who in isc our; do
		UDHCPD_HOSTS="host port1 { host-identifier option agent.circuit-id \"$DOWN1\"; fixed-address 10.71.1.5; }"
		${who}_server || return
		relay -- -a "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
		CLI_IF=$CLI1
		client -q -t 5
		wait_event bound || return
		assertEquals "$who: the port's address" 10.71.1.5 "$(env_value bound ip)"
		assertEquals "$who: its router" 10.71.1.1 "$(env_value bound router)"
		client_exit
		lease_on "$CLI2" 10.71.2
		stop_bg relay
		stop_bg server
		rm -rf "$work/state"
	done
}

# A reply whose option 82 is not ours is dropped; ours is removed.
test_reply_with_foreign_option_82_dropped_ours_stripped() {
	need || return 0
	relay -- -a "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture seen "$CLI_NS" "$CLI1" 68 1
	msg nope 2 xid=11 giaddr=10.71.1.1 "raw=82:$(opt82 nope)"
	msg other 2 xid=12 giaddr=10.71.1.1 "raw=82:$(opt82 "$DOWN2")"
	msg good 2 xid=13 giaddr=10.71.1.1 "raw=82:$(opt82 "$DOWN1")"
	send "$SRV_NS" 10.71.0.1:67 10.71.1.1:67 nope
	expect_log relay "circuit id 'nope' names no client interface of ours" "foreign circuit id not dropped"
	send "$SRV_NS" 10.71.0.1:67 10.71.1.1:67 other
	expect_log relay "circuit id '$DOWN2' but giaddr is $DOWN1's" "circuit id of the other link not dropped"
	send "$SRV_NS" 10.71.0.1:67 10.71.1.1:67 good
	job_done seen
	got=$(cat "$LOGS/seen.log")
	assertContains "$got" "xid=0x00000013"
	assertNotContains "$got" "opt82="
}

# policy NAME ARGS: relay with --agent-policy NAME, the server side captured.
policy_relay() {
	relay "relay_$1" -- -a -m "$1" "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return 1
	capture "cap_$1" "$SRV_NS" "$SRV_IF" 67 1
}

test_option_82_already_there_keep_replace_drop() {
	need || return 0
	ip -n "$CLI_NS" addr add 10.71.1.50/24 dev "$CLI1"
	theirs=$(opt82 far-away)
	# from a relay closer to the client (giaddr set): keep forwards it as it is
	msg relayed 1 xid=21 hops=1 giaddr=10.71.1.77 "raw=82:$theirs"
	policy_relay keep || return
	send "$CLI_NS" 10.71.1.50:67 10.71.1.1:67 relayed
	job_done cap_keep
	got=$(cat "$LOGS/cap_keep.log")
	assertContains "keep: theirs" "$got" "opt82=$theirs"
	assertContains "keep: their giaddr" "$got" "giaddr=10.71.1.77"
	assertContains "keep: hops + 1" "$got" "hops=2 "
	stop_bg relay_keep
	# from the client itself: replace puts ours in its place
	msg direct 1 xid=22 "raw=82:$theirs"
	policy_relay replace || return
	send "$CLI_NS" 10.71.1.50:68 10.71.1.1:67 direct
	job_done cap_replace
	got=$(cat "$LOGS/cap_replace.log")
	assertContains "replace: ours" "$got" "opt82=$(opt82 "$DOWN1")"
	assertNotContains "replace: theirs gone" "$got" "$theirs"
	stop_bg cap_replace
	stop_bg relay_replace
	# drop: neither goes on
	policy_relay drop || return
	send "$CLI_NS" 10.71.1.50:67 10.71.1.1:67 relayed
	expect_log relay_drop "carries option 82 already (policy drop)" "drop"
	stop_bg cap_drop
	stop_bg relay_drop
	# keep with a client's own option 82 (giaddr 0): untrusted, dropped (RFC 3046 2.1)
	relay relay_keep2 -- -a "$DOWN1" "$UP" 10.71.0.1 || return
	send "$CLI_NS" 10.71.1.50:68 10.71.1.1:67 direct
	expect_log relay_keep2 "option 82 from a client (giaddr 0): untrusted" "keep, giaddr 0"
}

# ---- replies ----------------------------------------------------------------------

test_reply_from_a_server_not_named_is_dropped() {
	need || return 0
	ip -n "$SRV_NS" addr add 10.71.0.9/24 dev "$SRV_IF"
	relay -- "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture seen "$CLI_NS" "$CLI2" 68 1
	msg rogue 2 xid=31 giaddr=10.71.2.1 yiaddr=10.71.2.99
	msg real 2 xid=32 giaddr=10.71.2.1 yiaddr=10.71.2.98
	send "$SRV_NS" 10.71.0.9:67 10.71.2.1:67 rogue
	expect_log relay "reply from 10.71.0.9: not a configured server" "rogue reply not dropped"
	send "$SRV_NS" 10.71.0.1:67 10.71.2.1:67 real
	job_done seen
	got=$(cat "$LOGS/seen.log")
	assertContains "$got" "xid=0x00000032"
	assertNotContains "$got" "xid=0x00000031"
}

# ciaddr set, no broadcast flag: unicast to it (RFC 1542 4.1.2), on giaddr's link.
test_reply_unicast_to_ciaddr_on_the_giaddr_link() {
	need || return 0
	ip -n "$CLI_NS" addr add 10.71.2.60/24 dev "$CLI2"
	relay -- "$DOWN1,$DOWN2" "$UP" 10.71.0.1 || return
	capture seen "$CLI_NS" "$CLI2" 68 1
	msg ack 5 xid=41 giaddr=10.71.2.1 ciaddr=10.71.2.60 yiaddr=10.71.2.60
	send "$SRV_NS" 10.71.0.1:67 10.71.2.1:67 ack
	job_done seen
	assertContains "$(cat "$LOGS/seen.log")" "xid=0x00000041"
	grep -q "server->client DHCPACK xid 0x00000041 from 10.71.0.1 to 10.71.2.60 on $DOWN2" \
		"$LOGS/relay.log" || fail "not unicast on $DOWN2: $(cat "$LOGS/relay.log")"
}

# ---- the command line ---------------------------------------------------------------

test_unknown_interface_and_no_address_are_errors() {
	need || return 0
	out=$(in_rly "$DHCPBOX" dhcprelay -f "$DOWN1,nosuch$tag" "$UP" 10.71.0.1 2>&1)
	assertEquals "unknown interface: exit 1" 1 $?
	assertContains "$out" "unknown interface 'nosuch$tag'"
	ip -n "$relay_ns" link add "dbn$tag" type veth peer name "dbm$tag"
	ip -n "$relay_ns" link set "dbn$tag" up
	out=$(in_rly "$DHCPBOX" dhcprelay -f "dbn$tag" "$UP" 2>&1)
	assertEquals "no address: exit 1" 1 $?
	assertContains "$out" "interface dbn$tag has no IPv4 address"
	out=$(in_rly "$DHCPBOX" dhcprelay -f "$DOWN1" "$UP" 10.71.0.300 2>&1)
	assertEquals "bad server: exit 1" 1 $?
	assertContains "$out" "bad server address"
	out=$(in_rly "$DHCPBOX" dhcprelay -f -m append "$DOWN1" "$UP" 2>&1)
	assertEquals "append: exit 1" 1 $?
	out=$(in_rly "$DHCPBOX" dhcprelay -f -c 255 "$DOWN1" "$UP" 2>&1)
	assertEquals "max hops 255: exit 1" 1 $?
	out=$(in_rly "$DHCPBOX" dhcprelay -f "$DOWN1" 2>&1)
	assertEquals "no server interface: exit 1" 1 $?
	assertContains "$out" "Usage: dhcprelay"
}

test_help() {
	need_built DHCPRELAY || return 0
	out=$("$DHCPBOX" dhcprelay --help)
	assertEquals "--help: exit 0" 0 $?
	assertContains "$out" "CLIENT_IFACE[,CLIENT_IFACE]... SERVER_IFACE [SERVER_IP]..."
	assertContains "$out" "--agent-policy"
	assertContains "$out" "--max-hops"
}

test_sigterm_exits_cleanly_and_removes_the_pidfile() {
	need || return 0
	relay -- -p "$work/relay.pid" "$DOWN1" "$UP" || return
	[ -s "$work/relay.pid" ] || fail "no pid file"
	stop_bg relay
	assertContains "$(cat "$LOGS/relay.log")" "received SIGTERM, exiting"
	assertFalse "pid file removed" "[ -e '$work/relay.pid' ]"
}

. "$SRCTREE/testsuite/testlib_run.sh"
