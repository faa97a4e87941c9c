#!/bin/bash
# udhcpc end to end: our client against BusyBox udhcpd, dnsmasq and ISC
# dhcpd, each in network namespaces of the test's own joined by a veth pair.
# The hook script (fixtures/record.script) keeps each event's environment
# and signals the test through a FIFO, so tests wait for events, not time.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"


oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPC) && why_not=$r
	return 0
}


# ---- servers ---------------------------------------------------------------

# busybox_server [CONF LINE...]: BusyBox udhcpd on the server side; an
# "opt KEY" line replaces the default for KEY. BB_START/BB_END set the
# pool, BB_ARGS adds command-line options.
busybox_server() {
	conf="$work/udhcpd.conf"
	{
		echo "interface $SRV_IF"
		echo "start ${BB_START:-10.99.0.100}"
		echo "end ${BB_END:-10.99.0.150}"
		echo "lease_file $work/udhcpd.leases"
		echo "pidfile $work/udhcpd.pid"
		[ -n "${BB_NO_DEFAULTS:-}" ] ||
		for default in "opt subnet 255.255.255.0" "opt router 10.99.0.1" \
			"opt dns 10.99.0.53 10.99.0.54" "opt domain example.test"; do
			key=$(echo "$default" | cut -d' ' -f2)
			printf '%s\n' "$@" | grep -q "^opt $key " || echo "$default"
		done
		for line; do echo "$line"; done
	} >"$conf"
	touch "$work/udhcpd.leases"
	# shellcheck disable=SC2086
	start_bg server in_srv busybox udhcpd -f ${BB_ARGS:-} "$conf"
}

# dnsmasq_server LEASE [ARG...]: dnsmasq as DHCP server only (no DNS).
dnsmasq_server() {
	lease=$1; shift
	start_bg server in_srv dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
		--interface="$SRV_IF" --bind-interfaces --user=root --pid-file= \
		--dhcp-range=10.99.0.100,10.99.0.150,255.255.255.0,"$lease" \
		--dhcp-option=option:router,10.99.0.1 --dhcp-option=option:dns-server,10.99.0.53 \
		--dhcp-option=option:domain-name,example.test \
		--dhcp-leasefile="$work/dnsmasq.leases" --log-dhcp --log-facility=- "$@"
}

# isc_server [DECLARATION...]: ISC dhcpd with one subnet.
isc_server() {
	conf="$work/dhcpd.conf"
	{
		echo "authoritative; ddns-update-style none;"
		echo "default-lease-time 600; max-lease-time 600;"
		for line; do echo "$line"; done
		echo "subnet 10.99.0.0 netmask 255.255.255.0 {"
		echo "  range 10.99.0.100 10.99.0.150;"
		echo "  option routers 10.99.0.1;"
		echo "  option domain-name-servers 10.99.0.53;"
		echo "  option domain-name \"example.test\";"
		echo "}"
	} >"$conf"
	touch "$work/dhcpd.leases"
	start_bg server in_srv dhcpd -4 -f -d -cf "$conf" -lf "$work/dhcpd.leases" \
		-pf "$work/dhcpd.pid" "$SRV_IF"
}

# ---- tests ---------------------------------------------------------------------

check_bound_env() {
	ip=$(env_value bound ip)
	case "$ip" in 10.99.0.1[0-4][0-9]|10.99.0.150) ;; *) fail "$1: ip '$ip' not from the pool" ;; esac
	assertEquals "$1 mask" 24 "$(env_value bound mask)"
	assertEquals "$1 subnet" 255.255.255.0 "$(env_value bound subnet)"
	assertEquals "$1 router" 10.99.0.1 "$(env_value bound router)"
	assertEquals "$1 serverid" 10.99.0.1 "$(env_value bound serverid)"
	assertEquals "$1 domain" example.test "$(env_value bound domain)"
	assertEquals "$1 opt53" 05 "$(env_value bound opt53)"
	assertEquals "$1 interface" "$CLI_IF" "$(env_value bound interface)"
	assertNotNull "$1 lease" "$(env_value bound lease)"
	assertNotNull "$1 PATH" "$(env_value bound PATH)"
}

test_lease_from_busybox_udhcpd() {
	need busybox || return 0
	busybox_server "opt lease 600" "opt ntpsrv 10.99.0.123" "opt mtu 1400" \
		"opt search example.test corp.example.test" "opt wpad http://wpad.example.test/wpad.dat" \
		"opt staticroutes 10.0.0.0/8 10.99.0.2" "opt 0xe0 01020304" "siaddr 10.99.0.1" \
		"sname tftpsrv" "boot_file pxelinux.0"
	start=$(now_ms)
	client -q
	wait_event bound || return
	echo "FIGURE: start to bound, BusyBox udhcpd: $(($(now_ms) - start)) ms (its 2 s ARP check included)"
	client_exit
	assertEquals "-q exits 0 after bound" 0 $?
	check_bound_env busybox
	assertEquals "dns=10.99.0.53 10.99.0.54" "$(last_env bound | grep '^dns=')"
	assertEquals 600 "$(env_value bound lease)"
	assertEquals 10.99.0.123 "$(env_value bound ntpsrv)"
	assertEquals 1400 "$(env_value bound mtu)"
	assertEquals "example.test corp.example.test" "$(env_value bound search)"
	assertEquals "10.0.0.0/8 10.99.0.2" "$(env_value bound staticroutes)"
	assertEquals "http://wpad.example.test/wpad.dat" "$(env_value bound wpad)"
	assertEquals "unknown options as optNN=hex" 01020304 "$(env_value bound opt224)"
	assertEquals 10.99.0.1 "$(env_value bound siaddr)"
	assertEquals tftpsrv "$(env_value bound sname)"
	assertEquals pxelinux.0 "$(env_value bound boot_file)"
	assertEquals "deconfig first" "deconfig bound" "$(echo $seen_events)"
	assertEquals "deconfig: interface, and PATH, RESOLV_CONF passed on" "PATH RESOLV_CONF interface" \
		"$(last_env deconfig | cut -d= -f1 | sort | tr '\n' ' ' | sed 's/ $//')"
}

test_lease_from_dnsmasq() {
	need dnsmasq || return 0
	dnsmasq_server 600 --dhcp-option=option:ntp-server,10.99.0.123
	start=$(now_ms)
	client -q
	wait_event bound || return
	echo "FIGURE: start to bound, dnsmasq: $(($(now_ms) - start)) ms"
	check_bound_env dnsmasq
	assertEquals 600 "$(env_value bound lease)"
	assertEquals 10.99.0.53 "$(env_value bound dns)"
	assertEquals 10.99.0.123 "$(env_value bound ntpsrv)"
	assertEquals "T1 from dnsmasq's option 58" 0000012c "$(env_value bound opt58)"
}

test_lease_from_isc_dhcpd() {
	need dhcpd || return 0
	isc_server
	start=$(now_ms)
	client -q
	wait_event bound 40 || return
	echo "FIGURE: start to bound, ISC dhcpd: $(($(now_ms) - start)) ms"
	check_bound_env isc
	assertEquals 600 "$(env_value bound lease)"
	assertEquals 10.99.0.53 "$(env_value bound dns)"
}

test_default_script_configures_the_namespace() {
	need busybox || return 0
	busybox_server "opt lease 600" "opt mtu 1400" "opt search example.test corp.example.test" \
		"opt staticroutes 10.0.0.0/8 10.99.0.2 192.168.5.0/24 172.16.0.1"
	in_cli ip -6 addr add fd00::5/64 dev "$CLI_IF" nodad
	DELEGATE="$DEFAULT_SCRIPT" client -q
	wait_event bound || return
	client_exit
	ip=$(env_value bound ip)
	assertContains "address" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet $ip/24 brd 10.99.0.255"
	assertContains "IPv6 untouched" "$(in_cli ip -6 addr show dev "$CLI_IF")" "fd00::5/64"
	routes=$(in_cli ip -4 route show dev "$CLI_IF")
	assertContains "$routes" "10.0.0.0/8 via 10.99.0.2 proto dhcp"
	assertContains "gateway outside the subnet" "$routes" "192.168.5.0/24 via 172.16.0.1 proto dhcp"
	assertContains "$routes" "172.16.0.1 proto dhcp scope link"
	assertNotContains "RFC 3442: option 121 replaces the router" "$(in_cli ip -4 route)" "default"
	assertContains "mtu" "$(in_cli ip link show dev "$CLI_IF")" "mtu 1400"
	assert_output "# written by udhcpc for $CLI_IF
search example.test corp.example.test
nameserver 10.99.0.53
nameserver 10.99.0.54" "$(cat "$work/resolv.conf")"
	in_cli env interface="$CLI_IF" UDHCPC_ROUTES_FILE="$work/routes" "$DEFAULT_SCRIPT" deconfig
	assertNotContains "deconfig flushes IPv4" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet "
	assertContains "deconfig keeps IPv6" "$(in_cli ip -6 addr show dev "$CLI_IF")" "fd00::5/64"
	assertEquals "deconfig removes its routes" "" "$(in_cli ip -4 route show proto 16)"
}

test_default_script_under_busybox_ash_and_ip() {
	need busybox || return 0
	# BusyBox's ash runs the script, BusyBox's ip does the configuring
	mkdir -p "$work/bb"
	ln -s "$(command -v busybox)" "$work/bb/ip"
	printf '#!/bin/sh\nPATH=%s:$PATH exec busybox ash %s "$@"\n' "$work/bb" "$DEFAULT_SCRIPT" \
		>"$work/bb-default.script"
	chmod +x "$work/bb-default.script"
	busybox_server "opt lease 600" "opt staticroutes 10.0.0.0/8 10.99.0.2 192.168.5.0/24 172.16.0.1" \
		"opt mtu 1400"
	DELEGATE="$work/bb-default.script" client -q
	wait_event bound || return
	client_exit
	ip=$(env_value bound ip)
	assertContains "address" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet $ip/24"
	routes=$(in_cli ip -4 route show dev "$CLI_IF")
	assertContains "$routes" "10.0.0.0/8 via 10.99.0.2"
	assertContains "$routes" "192.168.5.0/24 via 172.16.0.1"
	assertContains "mtu" "$(in_cli ip link show dev "$CLI_IF")" "mtu 1400"
	assertContains "resolv.conf" "$(cat "$work/resolv.conf")" "nameserver 10.99.0.53"
	in_cli env interface="$CLI_IF" UDHCPC_ROUTES_FILE="$work/routes" "$work/bb-default.script" deconfig
	assertNotContains "deconfig" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet "
	assertEquals "its own routes gone too" "" "$(in_cli ip -4 route show dev "$CLI_IF" proto 16)"
}

test_default_routes_for_each_router() {
	need busybox || return 0
	busybox_server "opt lease 600" "opt router 10.99.0.1 10.99.0.2"
	DELEGATE="$DEFAULT_SCRIPT" client -q
	wait_event bound || return
	client_exit
	routes=$(in_cli ip -4 route show default)
	assertContains "$routes" "default via 10.99.0.1 dev $CLI_IF proto dhcp"
	assertContains "$routes" "default via 10.99.0.2 dev $CLI_IF proto dhcp metric 1"
}

test_renew_at_t1_keeps_the_address() {
	need busybox || return 0
	busybox_server "opt lease 6"
	DELEGATE="$DEFAULT_SCRIPT" client
	wait_event bound || return
	in_cli ip -4 addr show dev "$CLI_IF" >"$work/before"
	# a second address the script did not add: flushing would remove it
	in_cli ip addr add 10.99.0.250/24 dev "$CLI_IF"
	wait_event renew 20 || return
	assertEquals "same address" "$(env_value bound ip)" "$(env_value renew ip)"
	assertContains "the address was not removed and re-added" \
		"$(in_cli ip -4 addr show dev "$CLI_IF")" "10.99.0.250/24"
	assertEquals "renew, not a new lease" 2 "$(grep -c 'sending ACK' "$LOGS/server.log")"
	assertContains "renewed by unicast at T1" "$(cat "$LOGS/client.log")" "renewing"
	assertContains "$(cat "$LOGS/client.log")" "sending DHCPREQUEST to 10.99.0.1"
}

test_sigusr1_renews_now() {
	need dnsmasq || return 0
	dnsmasq_server 600
	DELEGATE="$DEFAULT_SCRIPT" client
	wait_event bound || return
	kill -USR1 "$(bg_pid client)"
	wait_event renew || return
	assertEquals "$(env_value bound ip)" "$(env_value renew ip)"
	assertContains "$(cat "$LOGS/client.log")" "SIGUSR1: renewing"
}

test_lease_expires_without_a_server() {
	need busybox || return 0
	busybox_server "opt lease 6"
	DELEGATE="$DEFAULT_SCRIPT" client -A 60
	wait_event bound || return
	stop_bg server
	# no server: renewing and rebinding fail, the lease runs out (6 s)
	wait_event deconfig 20 || return
	assertContains "$(cat "$LOGS/client.log")" "lease lost, starting over"
	assertNotContains "address removed" "$(in_cli ip -4 addr show dev "$CLI_IF")" "inet "
	assertFalse "lease forgotten" "[ -e '$work/state/$CLI_IF.lease' ]"
}

test_server_t1_t2_are_honoured() {
	need busybox || return 0
	busybox_server "opt lease 600" "opt 0x3a 00000002" "opt 0x3b 00000258"
	DELEGATE="$DEFAULT_SCRIPT" client
	wait_event bound || return
	assertContains "T1 from option 58; T2 past the lease is corrected" \
		"$(cat "$LOGS/client.log")" "lease time 600 (T1 2 s, T2 525 s)"
	wait_event renew 20 || return
}

test_infinite_lease_and_sigterm_with_release() {
	need dnsmasq || return 0
	dnsmasq_server infinite
	DELEGATE="$DEFAULT_SCRIPT" client -R
	wait_event bound || return
	assertEquals 4294967295 "$(env_value bound lease)"
	assertContains "$(cat "$LOGS/client.log")" "infinite"
	ip=$(env_value bound ip)
	kill -TERM "$(bg_pid client)"
	wait_event deconfig || return
	client_exit
	assertEquals "exit 0 on SIGTERM" 0 $?
	wait_log "$LOGS/server.log" "DHCPRELEASE($SRV_IF) $ip"
	assertTrue "-R released on exit" $?
}

test_rebinding_to_another_server() {
	need busybox dnsmasq || return 0
	busybox_server "opt lease 8"
	DELEGATE="$DEFAULT_SCRIPT" client
	wait_event bound || return
	ip=$(env_value bound ip)
	stop_bg server
	# The first server is gone for good (its address too, so renewing
	# unicasts go nowhere); the second one knows nothing of the lease but is
	# authoritative, and answers the broadcast at T2.
	in_srv ip addr del 10.99.0.1/24 dev "$SRV_IF"
	in_srv ip addr add 10.99.0.2/24 dev "$SRV_IF"
	dnsmasq_server 600 --dhcp-authoritative --listen-address=10.99.0.2
	# the client sends one broadcast at T2 (7 s after bound) and loses the
	# lease at 8 s: the second server must be up before T2, or the test
	# would fail on timing instead of on the client
	wait_log "$LOGS/server.log" "DHCP, IP range" || { fail "dnsmasq did not start"; return; }
	assertNotContains "the second server was up before T2" "$(cat "$LOGS/client.log")" "rebinding"
	wait_event renew 30 || return
	assertContains "$(cat "$LOGS/client.log")" "rebinding"
	assertEquals "same address from the other server" "$ip" "$(env_value renew ip)"
	wait_log "$LOGS/server.log" "DHCPACK($SRV_IF) $ip"
	assertTrue "the second server acknowledged" $?
}

test_init_reboot_into_the_remembered_address() {
	need busybox || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	busybox_server "opt lease 600"
	client -q
	wait_event bound || return
	client_exit
	first=$(env_value bound ip)
	offers=$(grep -c 'sending OFFER' "$LOGS/server.log")
	assertTrue "lease remembered" "[ -s '$work/state/$CLI_IF.lease' ]"
	start=$(now_ms)
	client -q
	wait_event bound || return
	echo "FIGURE: restart to bound with INIT-REBOOT, BusyBox udhcpd: $(($(now_ms) - start)) ms"
	client_exit
	assertEquals "same address" "$first" "$(env_value bound ip)"
	assertContains "$(cat "$LOGS/client.log")" "INIT-REBOOT"
	assertEquals "no new OFFER" "$offers" "$(grep -c 'sending OFFER' "$LOGS/server.log")"
}

test_nak_after_server_restart_with_another_pool() {
	need busybox || return 0
	need_built FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	busybox_server "opt lease 600"
	client -q
	wait_event bound || return
	client_exit
	stop_bg server
	sed -i 's/^start .*/start 10.99.0.200/; s/^end .*/end 10.99.0.220/' "$work/udhcpd.conf"
	: >"$work/udhcpd.leases"
	start_bg server in_srv busybox udhcpd -f "$work/udhcpd.conf"
	client -q
	wait_event nak || return
	wait_event bound || return
	assertContains "deconfig after the NAK" "$seen_events" "nak deconfig"
	case "$(env_value bound ip)" in 10.99.0.2[0-2][0-9]) ;; *) fail "new address $(env_value bound ip) not from the new pool" ;; esac
}

test_sigusr2_releases() {
	need dnsmasq || return 0
	dnsmasq_server 600
	client
	wait_event bound || return
	ip=$(env_value bound ip)
	kill -USR2 "$(bg_pid client)"
	wait_event deconfig || return
	wait_log "$LOGS/server.log" "DHCPRELEASE($SRV_IF) $ip"
	assertTrue "the server saw the release" $?
	assertFalse "lease forgotten" "[ -e '$work/state/$CLI_IF.lease' ]"
	kill -USR1 "$(bg_pid client)"
	wait_event bound || return
	assertEquals "SIGUSR1 after release: a new lease" "$ip" "$(env_value bound ip)"
}

test_exit_codes_without_a_server() {
	[ -z "$why_not" ] || { skip_test "$why_not"; return 0; }
	client -n -t 2
	wait_event leasefail || return
	client_exit
	assertEquals "-n exits 1 without a lease" 1 $?
	# its records in a directory of its own (a daemon's working directory is /)
	mkdir "$work/rec_b"
	in_cli env UDHCPC_STATE_DIR="$work/state" UDHCPC_RECORD_DIR="$work/rec_b" \
		"$DHCPBOX" udhcpc -b -i "$CLI_IF" -s "$REC" \
		-T 1 -t 1 -p "$work/udhcpc.pid" >/dev/null 2>&1
	assertEquals "-b goes to the background with status 0" 0 $?
	bgpid=$(cat "$work/udhcpc.pid" 2>/dev/null)
	assertNotNull "the background client wrote its pidfile" "$bgpid"
	[ -n "$bgpid" ] && kill -TERM "$bgpid"
}

test_arp_conflict_declines_and_takes_another_address() {
	need dnsmasq || return 0
	# Another host on the link (a third namespace) already uses
	# 10.99.0.120, which dnsmasq reserves for our MAC without checking
	# (--no-ping); after our DECLINE it disables the reservation and
	# hands out a dynamic address.
	in_cli ip link set dev "$CLI_IF" address 02:00:00:00:00:42
	netns_add_host 10.99.0.120 || fail "no third host"
	dnsmasq_server 600 --no-ping --dhcp-host=02:00:00:00:00:42,10.99.0.120
	client -q -a500 -A 1
	wait_event bound 40 || return
	log=$(cat "$LOGS/client.log")
	assertContains "$log" "checking 10.99.0.120 with ARP"
	assertContains "$log" "10.99.0.120 is in use by another host, declining it"
	assertContains "$log" "broadcasting DHCPDECLINE"
	wait_log "$LOGS/server.log" "DHCPDECLINE($SRV_IF) 10.99.0.120"
	assertTrue "the server saw the DECLINE" $?
	case "$(env_value bound ip)" in
	10.99.0.1[0-4][0-9]|10.99.0.150) ;;
	*) fail "bound to $(env_value bound ip), not another address" ;;
	esac
	assertEquals "bound once, after the check" 1 "$(ls "$work/rec" | grep -c bound)"
}

test_arp_check_passes_on_a_free_address() {
	need busybox || return 0
	busybox_server "opt lease 600"
	client -q -a300
	wait_event bound || return
	assertContains "$(cat "$LOGS/client.log")" "with ARP"
	assertNotContains "$(cat "$LOGS/client.log")" "declining"
}

test_hostile_server_strings_never_reach_the_script() {
	need busybox || return 0
	marker="$work/pwned"
	hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
	BB_NO_DEFAULTS=1 busybox_server "opt lease 600" "opt router 10.99.0.1" \
		"opt 0x0c $(hex "a\$(touch $marker)")" \
		"opt 0x0f $(hex "x\`touch $marker\`.test")" \
		"opt 0x11 $(hex "/root;touch $marker")" \
		"opt 0x28 $(hex "$(printf 'nis\nx')")" \
		"opt 0x42 $(hex "$(printf 'a%.0s' $(seq 64)).example")" \
		"opt 0x43 $(hex 'pxe linux|cat')"
	DELEGATE="$DEFAULT_SCRIPT" client -q
	wait_event bound || return
	client_exit
	env=$(last_env bound)
	for var in hostname domain rootpath nisdomain tftp bootfile; do
		assertNotContains "$var dropped" "$env" "$var="
	done
	assertFalse "nothing ran" "[ -e '$marker' ]"
	assertContains "the drop is logged" "$(cat "$LOGS/client.log")" "not passing option 12"
	assertEquals "the rest arrives" 10.99.0.1 "$(env_value bound router)"
}

test_rapid_commit_with_dnsmasq() {
	need dnsmasq || return 0
	need_built FEATURE_UDHCP_RAPID_COMMIT || return 0
	dnsmasq_server 600 --dhcp-rapid-commit
	client -q -x 80:
	wait_event bound || return
	log=$(cat "$LOGS/server.log")
	assertContains "$log" "DHCPACK($SRV_IF)"
	assertNotContains "two messages, no OFFER" "$log" "DHCPOFFER"
	assertNotContains "$(cat "$LOGS/client.log")" "REQUESTING"
}

test_what_the_client_sends() {
	need dnsmasq || return 0
	dnsmasq_server 600
	client -q -V acme-router -F box.example.test -x hostname:box -r 10.99.0.140 -B \
		-O ntpsrv -x lease:300
	wait_event bound || return
	log=$(cat "$LOGS/server.log")
	assertContains "-V" "$log" "vendor class: acme-router"
	assertContains "-F: option 81, decoded by dnsmasq" "$log" "client provides name: box.example.test"
	assertContains "-O adds to option 55" "$log" "42:ntp-server"
	assertContains "-B: broadcast flag honoured" "$log" "broadcast response"
	assertContains "-x lease:300 asked for 5 minutes" "$log" "option: 51 lease-time  5m"
	assertEquals "-r: the requested address" 10.99.0.140 "$(env_value bound ip)"
}

# A kernel that refuses the BPF filter (nofilter_shim.so makes
# SO_ATTACH_FILTER fail as qemu-user or a kernel without CONFIG_FILTER
# may): one line says so, and what the filter would drop is dropped in
# silence by udhcpc itself, not checked and logged as a bad packet.
test_without_the_kernel_filter_udhcpc_filters_itself() {
	need busybox || return 0
	shim="$PROBES/nofilter_shim.so"
	[ -r "$shim" ] || { skip_test "no $shim: a static foreign binary under qemu-user cannot take a host LD_PRELOAD"; return 0; }
	"$PROBES/udhcp_probe" build 2 >"$work/offer.hex"
	"$PROBES/udhcp_probe" build 1 >"$work/request.hex"
	LD_PRELOAD="$shim" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		client -v
	wait_log "$LOGS/client.log" "broadcasting DHCPDISCOVER" || fail "no DISCOVER"
	for i in 1 2 3; do
		in_srv "$PROBES/udhcp_probe" send 10.99.0.1:4000 10.99.0.255:9 "$work/offer.hex"
		# to our port: through the filter, then refused (a BOOTREQUEST)
		in_srv "$PROBES/udhcp_probe" send 10.99.0.1:4000 10.99.0.255:68 "$work/request.hex"
	done
	wait_log "$LOGS/client.log" "message dropped" || fail "port 68 did not get through"
	busybox_server
	wait_event bound || return
	# released and bound again: a second raw listener meets the same
	# refusal, which is not said again
	kill -USR2 "$(bg_pid client)"
	wait_event deconfig || return
	before=$(wc -l <"$LOGS/client.log")
	kill -USR1 "$(bg_pid client)"
	wait_event bound || return
	log=$(cat "$LOGS/client.log")
	# the DISCOVER after the release went out through a new raw listener
	assertContains "a DISCOVER after the release" "$(tail -n +"$((before + 1))" "$LOGS/client.log")" \
		"broadcasting DHCPDISCOVER"
	assertEquals "said once" 1 "$(grep -c 'refused the packet filter' "$LOGS/client.log")"
	assertContains "$log" "the kernel refused the packet filter (Protocol not available): filtering in user space"
	assertNotContains "port 9 dropped by the user-space filter, silently" "$log" "UDP to port 9"
	assertEquals "the messages to port 68 reached the parser" 3 \
		"$(grep -c 'message dropped' "$LOGS/client.log")"
}

# harmless_udhcpc [ARGS]: our udhcpc where it could touch nothing even if
# its option parsing let ARGS through: no such interface, a script that
# does nothing, its state in the temp dir, bounded retries; as root also in
# a network namespace of its own (only a loopback, down).
harmless_udhcpc() {
	set -- env UDHCPC_STATE_DIR="$TMPDIR/usage-state" RESOLV_CONF="$TMPDIR/usage-resolv" \
		"$DHCPBOX" udhcpc -i nosuchif0 -s /bin/true -n -t 1 -T 1 "$@"
	if is_root; then unshare --net "$@"; else "$@"; fi
}

test_usage_errors() {
	out=$(harmless_udhcpc -x bogus:1 2>&1)
	assertEquals 1 $?
	assertEquals "udhcpc: -x bogus:1: unknown option 'bogus'" "$out"
	out=$(harmless_udhcpc -O nosuch 2>&1)
	assertEquals "udhcpc: unknown option 'nosuch'" "$out"
	out=$(harmless_udhcpc 2>&1)
	assertEquals 1 $?
	assertContains "$out" "udhcpc: can't use interface nosuchif0"
	out=$(harmless_udhcpc -z 2>&1)
	assertContains "$out" "udhcpc: invalid option -- 'z'"
}

. "$SRCTREE/testsuite/testlib_run.sh"

