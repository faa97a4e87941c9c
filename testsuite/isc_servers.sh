# isc_servers.sh: sourced by the suites that serve one dhcpd.conf with ISC
# dhcpd and then with udhcpd (udhcpd_isc_test.sh, udhcpd_netboot_test.sh),
# after netns.sh and e2e.sh.
#
#	link ADDR/PREFIX	the server side gets that address ($SRV_IP)
#	sandboxed_server NAME CMD...	CMD in the server namespace with the
#				test's own /var/lib/dhcp, /var/lib/misc, /run
#	isc_dhcpd CONF		ISC dhcpd on $SRV_IF (job "isc")
#	our_dhcpd CONF [IFACE]	udhcpd (job "ours")
#	$FIX			testsuite/fixtures/isc

FIX="$SRCTREE/testsuite/fixtures/isc"

# link NET.HOST/PREFIX: the server side gets that address instead of 10.99.0.1.
link() {
	ip -n "$SRV_NS" addr flush dev "$SRV_IF"
	ip -n "$SRV_NS" addr add "$1" dev "$SRV_IF"
	SRV_IP=${1%/*}
}

# sandboxed_server NAME CMD...: CMD in the server namespace and a private
# mount namespace where /var/lib/dhcp, /var/lib/misc and /run are the
# test's ($work/sandbox/BOX/..., BOX=NAME unless set), working directory
# fixtures/isc; the job is NAME, its PID the server's.
sandboxed_server() {
	name=$1; shift
	box="$work/sandbox/${BOX:-$name}"
	mkdir -p "$box/lib-dhcp" "$box/lib-misc" "$box/run"
	[ -e "$box/lib-dhcp/dhcpd.leases" ] || touch "$box/lib-dhcp/dhcpd.leases"
	# from fixtures/isc: ISC opens an include relative to the working directory
	start_bg "$name" nsenter --net="/run/netns/$SRV_NS" unshare -m --propagation private sh -c '
		mount --bind "$1/lib-dhcp" /var/lib/dhcp && mount --bind "$1/lib-misc" /var/lib/misc &&
		mount --bind "$1/run" /run && cd "$2" && shift 2 && exec "$@"' sh "$box" "$FIX" "$@"
}

isc_dhcpd() {
	sandboxed_server isc dhcpd -4 -f -d -cf "$1" "$SRV_IF"
	wait_log "$LOGS/isc.log" "Server starting service" 10 \
		|| { fail "ISC dhcpd did not start: $(tail -n 5 "$LOGS/isc.log")"; return 1; }
}

# our_dhcpd CONF [IFACE]: as the HOWTO starts dhcpd (the interface found
# from the subnets when not named).
our_dhcpd() {
	sandboxed_server ours "$DHCPBOX" udhcpd -f -v -a 0 "$@"
	wait_log "$LOGS/ours.log" "started" 10 \
		|| { fail "udhcpd did not start: $(tail -n 5 "$LOGS/ours.log")"; return 1; }
}
