# e2e.sh: sourced by the end-to-end suites after netns.sh: a fresh link and
# work directory per test (setUp/tearDown), our udhcpc as a recording
# client, and waiting for its script events through a FIFO.
#
#	client [ARGS]		our udhcpc in the client namespace (job "client");
#				waits first for the previous one to exit
#	client_exit [S]		until the client job exits (bounded): its status
#	wait_event EVENT [S]	until the script reports EVENT (bounded)
#	last_env EVENT, env_value EVENT VAR	what the script got
#	DELEGATE=SCRIPT		the recording script runs SCRIPT first

REC="$SRCTREE/testsuite/fixtures/record.script"
DEFAULT_SCRIPT="$SRCTREE/scripts/udhcpc/default.script"

setUp() { e2e_setup; }

# e2e_setup: setUp's work, for suites whose setUp builds more on it.
e2e_setup() {
	[ -z "$why_not" ] || return 0
	netns_up || fail "could not build the test link"
	work=$(new_tmpdir)
	LOGS="$work/logs"
	mkdir -p "$work/rec" "$work/state" "$LOGS"
	mkfifo "$work/events"
	exec 3<>"$work/events"
	seen_events=
}

tearDown() {
	netns_down
	exec 3<&- 2>/dev/null
	# under SANITIZE=1 a report from any of our processes fails the test
	reports=$(grep -l -e 'Sanitizer' -e 'runtime error:' "${LOGS:-/nonexistent}"/*.log 2>/dev/null)
	[ -z "$reports" ] || fail "sanitizer report in $(echo $reports): $(grep -h -m3 -e Sanitizer -e 'runtime error' $reports)"
	# udhcpd runs under its seccomp filter: a call missing from its list
	# kills it with this line, whether or not the test noticed
	trapped=$(grep -l 'seccomp: system call' "${LOGS:-/nonexistent}"/*.log 2>/dev/null)
	[ -z "$trapped" ] || fail "killed by the seccomp filter in $(echo $trapped): $(grep -h -m3 'seccomp: system call' $trapped)"
	return 0
}

suite_teardown() { netns_down; }

# need PEER...: skip unless the commands are there.
need() {
	[ -z "$why_not" ] || { skip_test "$why_not"; return 1; }
	for cmd; do
		command -v "$cmd" >/dev/null || { skip_test "$cmd is not installed"; return 1; }
	done
	return 0
}


# ---- the client ----------------------------------------------------------------

# client [udhcpc ARGS...]: our udhcpc in the client namespace, recording.
# A client before it (a -q one that has bound) must have exited: two would
# share the link, the state directory and the record numbering.
client() {
	client_exit || fail "the previous client exited with status $?"
	start_bg client in_cli env UDHCPC_STATE_DIR="$work/state" UDHCPC_RECORD_DIR="$work/rec" \
		UDHCPC_EVENTS="$work/events" UDHCPC_DELEGATE="${DELEGATE:-}" \
		UDHCPC_ROUTES_FILE="$work/routes" RESOLV_CONF="$work/resolv.conf" \
		"$DHCPBOX" udhcpc -f -v -i "$CLI_IF" -s "$REC" -T 1 -A 2 "$@"
}

# client_exit [SECONDS]: waits for the client job to exit and returns its
# status. Bounded: still running after SECONDS (10), it is stopped and the
# test fails (status 124). tail --pid is the bounded wait (no signal to a
# child of the suite's shell: those run shunit2's traps before an exec).
client_exit() {
	pid=$(bg_pid client)
	[ -n "$pid" ] || return 0
	eval "_nn_pid_client="
	if ! timeout "${1:-10}" tail --pid="$pid" -s 0.1 -f /dev/null; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		fail "the client did not exit within ${1:-10} s: $(tail -n 5 "$LOGS/client.log")"
		return 124
	fi
	wait "$pid"
}

# wait_event EVENT [SECONDS]: the next events until EVENT (bounded).
wait_event() {
	deadline=$(($(date +%s) + ${2:-30}))
	while [ "$(date +%s)" -lt "$deadline" ]; do
		read -r -t $((deadline - $(date +%s) + 1)) ev <&3 || break
		seen_events="$seen_events $ev"
		[ "$ev" = "$1" ] && return 0
	done
	fail "no '$1' event (seen:$seen_events); client log: $(tail -n 15 "$LOGS/client.log")"
	return 1
}

# last_env EVENT: the environment of the latest EVENT.
last_env() {
	last=$(ls "$work/rec" | grep "\.$1\$" | sort -n | tail -n 1)
	[ -n "$last" ] && cat "$work/rec/$last"
}

env_value() { last_env "$1" | sed -n "s/^$2=//p"; }

now_ms() { date +%s%3N; }

