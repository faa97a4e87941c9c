#!/bin/sh
# make demo: udhcpd and udhcpc (with default.script) talking across a
# sandboxed link: two network namespaces of our own joined by a veth pair.
# Shows the DORA exchange, the client's address, routes and resolv.conf,
# and dumpleases. Everything is torn down at the end, also on failure.
# usage: demo.sh DHCPBOX SRCTREE
set -u
box=$1 src=$2
if [ "$(id -u)" != 0 ]; then
	echo "make demo: needs root (it creates network namespaces); try: sudo make demo" >&2
	exit 1
fi
for cmd in ip nsenter; do
	command -v $cmd >/dev/null || { echo "make demo: '$cmd' is missing (apt-get install iproute2 util-linux)" >&2; exit 1; }
done

. "$src/scripts/netns-pair.sh"
netns_pair demo 10.99.0.1/24

cat >"$dir/udhcpd.conf" <<CONF
# udhcpd.conf of the demo router
interface $srv_if
start 10.99.0.100
end 10.99.0.150
lease_file $dir/udhcpd.leases
pidfile $dir/udhcpd.pid
opt subnet 255.255.255.0
opt router 10.99.0.1
opt dns 10.99.0.53 10.99.0.54
opt domain demo.test
opt staticroutes 10.0.0.0/8 10.99.0.1
opt lease 3600
CONF
echo "== udhcpd.conf"
cat "$dir/udhcpd.conf"

nsenter --net="/run/netns/$srv" "$box" udhcpd -f -v -v "$dir/udhcpd.conf" >"$dir/server.log" 2>&1 &
server_pid=$!

echo
echo "== udhcpc -i $cli_if -q -s default.script (in the client namespace)"
nsenter --net="/run/netns/$cli" env UDHCPC_STATE_DIR="$dir/state" RESOLV_CONF="$dir/resolv.conf" \
	UDHCPC_ROUTES_FILE="$dir/routes" \
	"$box" udhcpc -f -q -v -i $cli_if -s "$src/scripts/udhcpc/default.script" -T 1 -t 5 2>&1
status=$?

echo
echo "== the server's side of the exchange"
grep -e DHCP -e lease -e ARP -e probed "$dir/server.log"
echo
echo "== the client: address and routes"
ip -n "$cli" -4 addr show dev $cli_if | grep inet
ip -n "$cli" -4 route
echo
echo "== the client: $dir/resolv.conf"
cat "$dir/resolv.conf" 2>/dev/null
echo
echo "== dumpleases -f $dir/udhcpd.leases"
"$box" dumpleases -f "$dir/udhcpd.leases"
echo
if [ $status = 0 ]; then
	echo "demo: done, the client got its lease; tearing the namespaces down"
else
	echo "demo: the client got no lease (status $status)" >&2
fi
exit $status
