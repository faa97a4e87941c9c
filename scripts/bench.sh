#!/bin/sh
# make bench: udhcpd under load, in two network namespaces of our own.
# udhcpd_load plays a relay agent (giaddr 10.78.0.1) for many clients of a
# /16 pool; the server's lease file is on disk (not tmpfs) so every
# acknowledged lease is fsynced as in real use. Prints exchanges per
# second, first for new clients, then for the same clients coming back,
# and how many ACKs shared each fsync (group commit). Then the same
# server through dhcprelay: udhcpd_load plays the clients themselves in a
# third namespace, on the relay's client link, and the rate and the
# retransmissions (messages lost or late on the way) are printed. Only
# figures: no speed passes or fails.
# usage: bench.sh DHCPBOX LOADGEN [CLIENTS]
set -u
box=$1 load=$2 clients=${3:-20000}
[ -n "$clients" ] && [ "$clients" -gt 0 ] 2>/dev/null || clients=20000
if [ "$(id -u)" != 0 ]; then
	echo "make bench: needs root (it creates network namespaces)" >&2
	exit 1
fi
. "$(dirname "$0")/netns-pair.sh"

# wait_started NAME PID LOG: until LOG says "started" (10 s at most).
wait_started() {
	n=0
	until grep -q started "$3"; do
		n=$((n + 1))
		[ $n -le 100 ] && kill -0 "$2" 2>/dev/null ||
			{ echo "make bench: $1 did not start:"; cat "$3"; exit 1; }
		sleep 0.1	# polling a log for a line, bounded
	done
}
# start_udhcpd CONF LOG [APPLET...]: a server in the server namespace,
# $server_pid set once its log says it started
start_udhcpd() {
	conf=$1 log=$2
	shift 2
	[ $# -gt 0 ] || set -- "$box" udhcpd
	nsenter --net="/run/netns/$srv" "$@" -f "$conf" >"$log" 2>&1 &
	server_pid=$!
	wait_started "$*" "$server_pid" "$log"
}
netns_pair bench 10.77.0.1/24
ip -n "$cli" addr add 10.77.0.2/24 dev "$cli_if" &&
ip -n "$cli" addr add 10.78.0.1/16 dev "$cli_if" &&
ip -n "$srv" route add 10.78.0.0/16 via 10.77.0.2 ||
	{ echo "make bench: could not route the relayed subnet" >&2; exit 1; }

cat >"$dir/udhcpd.conf" <<CONF
interface $srv_if
range 10.78.0.10 10.78.255.250
max_leases 70000
lease_file $dir/udhcpd.leases
pidfile $dir/udhcpd.pid
opt subnet 255.255.0.0
opt router 10.78.0.1
opt dns 10.77.0.53
opt lease 3600
CONF
start_udhcpd "$dir/udhcpd.conf" "$dir/server.log"

# rss PID: the process's resident set in KiB
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
rss_idle=$(rss "$server_pid")
echo "== udhcpd: $clients new clients through a relay, lease file on disk ($(df -PT "$dir" | awk 'NR==2 {print $2}'))"
nsenter --net="/run/netns/$cli" "$load" 10.77.0.1 10.78.0.1 "$clients" 64 || status=1
rss_full=$(rss "$server_pid")
echo "udhcpd memory: RSS $rss_idle KiB idle with a /16 pool (65,521 addresses, a table of 65,537 slots)," \
	"$rss_full KiB with $clients leases (per lease: the full /16 below; a few leases touch many hash pages)"
echo "== the same clients again (each gets its address back)"
nsenter --net="/run/netns/$cli" "$load" 10.77.0.1 10.78.0.1 "$clients" 64 || status=1

# The relay: the client namespace becomes the relay agent's, 10.78.0.1
# moves to its client link, to a third namespace where the clients are.
lan=dhcpbox-bench-lan-$tag lan_if=dbxbl$tag rly_if=dbxbr$tag relay_pid=
bench_cleanup() {
	[ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null && wait "$relay_pid" 2>/dev/null
	ip netns del "$lan" 2>/dev/null
	netns_pair_cleanup
}
trap bench_cleanup EXIT INT TERM
ip netns add "$lan" &&
ip -n "$cli" link add "$rly_if" type veth peer name "$lan_if" netns "$lan" &&
ip -n "$cli" addr del 10.78.0.1/16 dev "$cli_if" &&
ip -n "$cli" addr add 10.78.0.1/16 dev "$rly_if" && ip -n "$cli" link set "$rly_if" up &&
ip -n "$lan" addr add 10.78.0.2/16 dev "$lan_if" && ip -n "$lan" link set "$lan_if" up ||
	{ echo "make bench: could not build the relay's client link" >&2; exit 1; }
nsenter --net="/run/netns/$cli" "$box" dhcprelay -f "$rly_if" "$cli_if" 10.77.0.1 >"$dir/relay.log" 2>&1 &
relay_pid=$!
wait_started dhcprelay "$relay_pid" "$dir/relay.log"
echo "== dhcprelay: $clients other clients on its client link, relayed to udhcpd (4 messages an exchange)"
nsenter --net="/run/netns/$lan" "$load" 10.78.0.1 0.0.0.0 "$clients" 64 "$clients" || status=1
kill -TERM "$relay_pid" && wait "$relay_pid"
relay_pid=
grep "exiting" "$dir/relay.log" | sed 's/^/dhcprelay at exit: /; s/dhcprelay: //'

kill -TERM "$server_pid" && wait "$server_pid"
server_pid=
echo "== udhcpd at exit"
grep "exiting" "$dir/server.log" | sed 's/^udhcpd: //'
acks=$(sed -n 's/.*exiting: \([0-9]*\) ACKs with \([0-9]*\) fsyncs.*/\1 \2/p' "$dir/server.log")
set -- $acks
[ $# = 2 ] && [ "$2" -gt 0 ] && echo "group commit: $(( $1 / $2 )) ACKs per fsync on average"
echo "leases in the file: $(grep -c 'binding state active' "$dir/udhcpd.leases")"

# A /24 as most routers serve it, idle, next to BusyBox's udhcpd on the
# same file (its keywords are ours): RSS in KiB, one after the other on
# the same link.
echo "== idle RSS with a /24 pool, the same udhcpd.conf"
cat >"$dir/small.conf" <<CONF
interface $srv_if
start 10.77.0.10
end 10.77.0.250
lease_file $dir/small.leases
pidfile $dir/small.pid
opt subnet 255.255.255.0
opt lease 3600
CONF
for server in "$box udhcpd" "busybox udhcpd"; do
	command -v "${server%% *}" >/dev/null || { echo "${server}: not installed"; status=1; continue; }
	rm -f "$dir/small.leases"
	# shellcheck disable=SC2086
	start_udhcpd "$dir/small.conf" "$dir/small.log" $server
	echo "$server: $(rss "$server_pid") KiB"
	kill -TERM "$server_pid" && wait "$server_pid"
	server_pid=
done
# Memory at the size issue #14 names: a /16 pool holding 65,000 leases
echo "== udhcpd with a full /16: 65,000 leases"
cat >"$dir/full.conf" <<CONF
interface $srv_if
start 10.78.0.1
end 10.78.255.254
max_leases 65534
lease_file $dir/full.leases
pidfile $dir/full.pid
opt subnet 255.255.0.0
opt lease 3600
CONF
start_udhcpd "$dir/full.conf" "$dir/full.log"
rss_idle=$(rss "$server_pid")
nsenter --net="/run/netns/$cli" "$load" 10.77.0.1 10.78.0.1 65000 64 || status=1
rss_full=$(rss "$server_pid")
echo "udhcpd memory: RSS $rss_idle KiB idle, $rss_full KiB with 65,000 leases" \
	"($(( (rss_full - rss_idle) * 1024 / 65000 )) B per lease; the budget is 8,192 KiB)"
kill -TERM "$server_pid" && wait "$server_pid"
server_pid=
exit ${status:-0}
