# Sourced by demo.sh and bench.sh: two network namespaces of our own joined
# by a veth pair, torn down on exit (also on failure or a signal) with the
# server we started and the work directory.
# netns_pair NAME SERVER_ADDR/LEN: sets $srv $cli (namespaces), $srv_if
# $cli_if (interfaces, up), $dir (work directory); $server_pid is killed.
netns_pair() {
	tag=$$
	srv=dhcpbox-$1-srv-$tag cli=dhcpbox-$1-cli-$tag
	srv_if=dbx${1%"${1#??}"}s$tag cli_if=dbx${1%"${1#??}"}c$tag
	dir=$(mktemp -d "/var/tmp/dhcpbox-$1.XXXXXX")
	server_pid=
	trap netns_pair_cleanup EXIT INT TERM
	ip netns add "$srv" && ip netns add "$cli" &&
	ip -n "$srv" link add "$srv_if" type veth peer name "$cli_if" netns "$cli" &&
	ip -n "$srv" addr add "$2" dev "$srv_if" &&
	ip -n "$srv" link set "$srv_if" up && ip -n "$cli" link set "$cli_if" up ||
		{ echo "make $1: could not build the test link" >&2; exit 1; }
}

netns_pair_cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	ip netns del "$srv" 2>/dev/null
	ip netns del "$cli" 2>/dev/null
	rm -rf "$dir"
}
