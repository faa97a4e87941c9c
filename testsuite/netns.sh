# netns.sh: sourced by end-to-end suites after testlib.sh. Builds a sandboxed
# link for each test: two network namespaces of our own joined by a veth
# pair, the server side 10.99.0.1/24, the client side unconfigured. Names
# are unique per suite run and test; everything is torn down by netns_down
# (called from tearDown and, through suite_teardown, at exit).
#
#	netns_up		sets $SRV_NS $CLI_NS $SRV_IF $CLI_IF $SRV_IP
#	in_srv CMD... / in_cli CMD...	run in a namespace
#	start_bg NAME CMD...	start a process in the background, log in
#				$LOGS/NAME.log, PID remembered for teardown
#	stop_bg NAME		stop it (TERM, then wait)
#	netns_add_relay ...	a relay agent (ISC dhcrelay) between the two
#	netns_relay_ns, netns_relay_link	the same namespace and links, no agent
#	netns_down		stop everything started, delete the namespaces

_nn_count=0
_nn_made=
_nn_pids=

netns_usable() {
	is_root || { echo "needs root"; return 1; }
	command -v ip >/dev/null || { echo "needs iproute2"; return 1; }
	netns_sweep
	ip netns add "dbx-probe-$$x0" 2>/dev/null || { echo "cannot create network namespaces"; return 1; }
	ip netns del "dbx-probe-$$x0"
	return 0
}

# netns_sweep: deletes the namespaces of earlier runs that died without
# tearing down (SIGKILL, a timeout): every dbx-KIND-PIDxN whose creator PID
# is gone, with the processes still running in it.
netns_sweep() {
	for ns in $(ip netns list 2>/dev/null | sed -n 's/^\(dbx-[a-z]*-[0-9]*x[0-9]*\)\( .*\)\{0,1\}$/\1/p'); do
		creator=${ns#dbx-*-}
		creator=${creator%x*}
		kill -0 "$creator" 2>/dev/null && continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null && echo "netns: swept $ns (its creator $creator is gone)" >&2
	done
}

netns_up() {
	_nn_count=$((_nn_count + 1))
	tag="$$x$_nn_count"
	SRV_NS="dbx-srv-$tag"
	CLI_NS="dbx-cli-$tag"
	SRV_IF="dbs$tag"
	CLI_IF="dbc$tag"
	SRV_IP=10.99.0.1
	ip netns add "$SRV_NS" && _nn_made="$_nn_made $SRV_NS" || return 1
	ip netns add "$CLI_NS" && _nn_made="$_nn_made $CLI_NS" || return 1
	# made inside the namespaces: the host never holds one end, even briefly
	ip -n "$SRV_NS" link add "$SRV_IF" type veth peer name "$CLI_IF" netns "$CLI_NS" || return 1
	ip -n "$SRV_NS" addr add "$SRV_IP/24" dev "$SRV_IF"
	ip -n "$SRV_NS" link set lo up
	ip -n "$SRV_NS" link set "$SRV_IF" up
	ip -n "$CLI_NS" link set lo up
	ip -n "$CLI_NS" link set "$CLI_IF" up
}

# nsenter execs the command itself (ip netns exec forks and waits), so the
# PID of a background job is the server's or the client's own.
# netns_add_host IP: a third host on the link, in its own namespace, using
# IP. The server side becomes a bridge ($SRV_IF is then the bridge).
netns_add_host() {
	host_ns="dbx-host-$tag"
	ip netns add "$host_ns" && _nn_made="$_nn_made $host_ns" || return 1
	ip -n "$host_ns" link add "dbh$tag" type veth peer name "dbH$tag" netns "$SRV_NS" || return 1
	ip -n "$host_ns" addr add "$1/24" dev "dbh$tag"
	ip -n "$host_ns" link set "dbh$tag" up
	ip -n "$SRV_NS" link add "dbr$tag" type bridge || return 1
	ip -n "$SRV_NS" addr del "$SRV_IP/24" dev "$SRV_IF"
	ip -n "$SRV_NS" link set "$SRV_IF" master "dbr$tag"
	ip -n "$SRV_NS" link set "dbH$tag" master "dbr$tag"
	ip -n "$SRV_NS" link set "dbH$tag" up
	ip -n "$SRV_NS" addr add "$SRV_IP/24" dev "dbr$tag"
	ip -n "$SRV_NS" link set "dbr$tag" up
	SRV_IF="dbr$tag"
}

# netns_relay_ns UP_ADDR/P: a relay agent's namespace ($relay_ns) between
# server and client: the client's veth moves into it as its upstream
# ($upstream, address UP_ADDR).
netns_relay_ns() {
	relay_ns="dbx-rly-$tag"
	ip netns add "$relay_ns" && _nn_made="$_nn_made $relay_ns" || return 1
	upstream=$CLI_IF
	relay_up_ip=${1%/*}
	ip -n "$CLI_NS" link set "$upstream" netns "$relay_ns" || return 1
	ip -n "$relay_ns" addr add "$1" dev "$upstream"
	ip -n "$relay_ns" link set "$upstream" up
}

# netns_relay_link DOWN_ADDR/P DOWN_NET/P RELAY_IF CLIENT_IF: a client link
# of the relay: a veth pair RELAY_IF (DOWN_ADDR) in $relay_ns to CLIENT_IF
# in the client namespace; the server routes DOWN_NET through the relay.
netns_relay_link() {
	ip -n "$relay_ns" link add "$3" type veth peer name "$4" netns "$CLI_NS" || return 1
	ip -n "$relay_ns" addr add "$1" dev "$3"
	ip -n "$relay_ns" link set "$3" up
	ip -n "$CLI_NS" link set "$4" up
	ip -n "$SRV_NS" route add "$2" via "$relay_up_ip"
}

# netns_add_relay UP_ADDR/P DOWN_ADDR/P DOWN_NET/P SERVER: a relay agent
# (ISC dhcrelay, job "relay") with one client link ($CLI_IF from then on).
netns_add_relay() {
	netns_relay_ns "$1" || return 1
	netns_relay_link "$2" "$3" "dbd$tag" "dbe$tag" || return 1
	CLI_IF="dbe$tag"
	start_bg relay nsenter --net="/run/netns/$relay_ns" dhcrelay -4 -d -q \
		-id "dbd$tag" -iu "$upstream" "$4"
}

in_srv() { nsenter --net="/run/netns/$SRV_NS" "$@"; }
in_cli() { nsenter --net="/run/netns/$CLI_NS" "$@"; }
in_rly() { nsenter --net="/run/netns/$relay_ns" "$@"; }

start_bg() {
	name=$1; shift
	# An external command, not a function: $! must be the process itself
	# (a function would run in a subshell that signals do not pass).
	case "$1" in
	in_srv) shift; set -- nsenter --net="/run/netns/$SRV_NS" "$@" ;;
	in_cli) shift; set -- nsenter --net="/run/netns/$CLI_NS" "$@" ;;
	esac
	"$@" >"${LOGS:-$TMPDIR}/$name.log" 2>&1 &
	eval "_nn_pid_$name=$!"
	_nn_pids="$_nn_pids $!"
}

bg_pid() { eval "echo \${_nn_pid_$1:-}"; }

stop_bg() {
	pid=$(bg_pid "$1")
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	eval "_nn_pid_$1="
}

# wait_log FILE PATTERN [SECONDS]: until a line matching PATTERN is in
# FILE (a peer's log), at most SECONDS; tail -f, so no polling.
wait_log() {
	fifo="$TMPDIR/wait_log.$$"
	rm -f "$fifo" && mkfifo "$fifo"
	timeout "${3:-10}" tail -n +1 -f "$1" >"$fifo" 2>/dev/null &
	tail_pid=$!
	grep -q -m1 -e "$2" <"$fifo"
	found=$?
	kill "$tail_pid" 2>/dev/null
	wait "$tail_pid" 2>/dev/null
	rm -f "$fifo"
	return $found
}

netns_down() {
	for pid in $_nn_pids; do
		kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	_nn_pids=
	for ns in $_nn_made; do
		# processes we did not start ourselves (daemonized children) die with it
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
	_nn_made=
}
