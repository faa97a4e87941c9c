#!/bin/bash
# libbb services through testsuite/c/libbb_probe.c: messages (stderr and
# syslog), x-functions, numbers, lists, the pidfile and the signal pipe.
. "$SRCTREE/testsuite/testlib.sh"

P="$PROBES/libbb_probe"

run() {
	out=$("$@" 2>"$TMPDIR/stderr")
	rc=$?
	err=$(cat "$TMPDIR/stderr")
}

test_messages_are_prefixed_with_the_applet() {
	run "$P" error "something failed"
	assertEquals 0 "$rc"
	assertEquals "" "$out"
	assertEquals "libbb_probe: something failed" "$err"
	run "$P" info "bound to 10.0.0.2"
	assertEquals "libbb_probe: bound to 10.0.0.2" "$err"
	run "$P" perror "can't read x"
	assertEquals "libbb_probe: can't read x: No such file or directory" "$err"
}

test_die_helpers_exit_1() {
	run "$P" die "fatal thing"
	assertEquals 1 "$rc"
	assertEquals "libbb_probe: fatal thing" "$err"
	run "$P" pdie "fatal thing"
	assertEquals 1 "$rc"
	assertEquals "libbb_probe: fatal thing: No such file or directory" "$err"
}

test_debug_messages_follow_verbosity() {
	run "$P" debug 2 1 "hidden"
	assertEquals "" "$err"
	run "$P" debug 2 2 "shown"
	assertEquals "libbb_probe: shown" "$err"
	run "$P" debug 1 3 "shown too"
	assertEquals "libbb_probe: shown too" "$err"
}

test_long_message_is_cut_not_overflowed() {
	long=$(head -c 3000 /dev/zero | tr '\0' x)
	run "$P" error "$long"
	assertEquals 0 "$rc"
	assertTrue "message cut to the buffer" "[ ${#err} -gt 1000 ] && [ ${#err} -lt 1300 ]"
}

test_messages_escape_what_is_not_printable() {
	# a host name or vendor class from the network: no forged line, no
	# terminal escape, every byte still visible
	run "$P" error "$(printf 'box\nudhcpd: forged\033[31m\001\177\377 end')"
	assertEquals 'libbb_probe: box\012udhcpd: forged\033[31m\001\177\377 end' "$err"
	assertEquals "one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	run "$P" info "$(printf 'tab\there, a backslash \\ stays')"
	assertEquals 'libbb_probe: tab\011here, a backslash \ stays' "$err"
}

test_client_messages_are_rate_limited() {
	run "$P" flood 5000 "bad packet"
	lines=$(printf '%s\n' "$err" | grep -c 'bad packet')
	seconds=${out#seconds }
	# a burst of 20, then one a second: exact accounting, no timing guess
	assertTrue "at least the burst: $lines" "[ $lines -ge 20 ]"
	assertTrue "$lines lines in $seconds s" "[ $lines -le $((20 + seconds)) ]"
	assertEquals "the first of the burst" "libbb_probe: bad packet 0" "$(printf '%s\n' "$err" | head -n 1)"
}

test_syslog_mode() {
	is_root || { skip_test "needs root (a mount namespace for /dev/log)"; return 0; }
	command -v unshare >/dev/null || { skip_test "unshare missing"; return 0; }
	out=$(unshare -m sh -c 'mount -t tmpfs none /dev && exec "$0" syslog "to syslog"' "$P" \
		2>"$TMPDIR/stderr")
	rc=$?
	assertEquals 0 "$rc"
	assertEquals "libbb_probe: to syslog" "$(cat "$TMPDIR/stderr")"
	# LOG_DAEMON | LOG_ERR = 27, tagged with the applet name and PID
	case "$out" in
	"syslog: <27>"*" libbb_probe["*"]: to syslog") ;;
	*) fail "unexpected syslog record: $out" ;;
	esac
}

test_xopen_names_the_file() {
	run "$P" xopen /nonexistent/file
	assertEquals 1 "$rc"
	assertEquals "libbb_probe: can't open '/nonexistent/file': No such file or directory" "$err"
}

test_xsocket_failure() {
	run "$P" xsocket
	assertEquals 1 "$rc"
	assertEquals "libbb_probe: socket: Address family not supported by protocol" "$err"
}

test_xmalloc_failure() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1" \
		run "$P" xmalloc-huge
	assertEquals 1 "$rc"
	# (ASan adds a warning line of its own before ours)
	assertEquals "libbb_probe: out of memory" "$(printf '%s\n' "$err" | tail -n 1)"
}

test_xatou() {
	run "$P" xatou 4294967295
	assertEquals 4294967295 "$out"
	run "$P" xatou 0
	assertEquals 0 "$out"
	for bad in 4294967296 12a -1 "" " 1" 0x10; do
		run "$P" xatou "$bad"
		assertEquals "xatou '$bad'" 1 "$rc"
		assertEquals "libbb_probe: invalid number '$bad'" "$err"
	done
}

test_packed_string_lists() {
	# case ignored, whole words only, nothing past the list's empty end
	run "$P" strings alpha ALPHA beta Bet alphaa gamma ""
	assertEquals 0 "$rc"
	assertEquals "0 0 1 -1 -1 -1 -1 [alpha][Beta][][]" "$out"
}

test_llist_keeps_order() {
	run "$P" llist one two three
	assert_output "count=3
one
two
three
count=0" "$out"
}

# start_signal_loop PIDFILE [fork]: the probe in the background with its
# output on fd 3; waits (bounded) for "ready PID" and sets $loop_pid.
start_signal_loop() {
	fifo="$TMPDIR/loop.fifo"
	rm -f "$fifo" && mkfifo "$fifo"
	"$P" pidfile "$@" >"$fifo" &
	bg_pid=$!
	exec 3<"$fifo"
	read -r -t 20 word loop_pid <&3
	assertEquals "ready" "$word"
}

expect_line() {
	line=
	read -r -t 20 line <&3
	assertEquals "$1" "$line"
}

test_pidfile_and_signal_pipe() {
	pidfile="$TMPDIR/probe.pid"
	start_signal_loop "$pidfile"
	assertEquals "pidfile holds the PID" "$bg_pid" "$(cat "$pidfile")"
	assertEquals "$bg_pid" "$loop_pid"
	for sig in USR1 USR2 HUP INT USR1; do
		kill -"$sig" "$loop_pid"
		expect_line "signal $sig"
	done
	kill -TERM "$loop_pid"
	expect_line "signal TERM"
	wait "$bg_pid"
	assertEquals "clean exit on SIGTERM" 0 $?
	assertFalse "pidfile removed at exit" "[ -e '$pidfile' ]"
	exec 3<&-
}

test_pidfile_survives_parent_after_fork() {
	pidfile="$TMPDIR/daemon.pid"
	start_signal_loop "$pidfile" fork
	wait "$bg_pid"
	assertEquals "parent exits 0" 0 $?
	assertNotEquals "the child has its own PID" "$bg_pid" "$loop_pid"
	assertEquals "pidfile holds the child" "$loop_pid" "$(cat "$pidfile" 2>/dev/null)"
	kill -TERM "$loop_pid"
	expect_line "signal TERM"
	# The child is not ours to wait for: its exit closes the fifo.
	read -r -t 20 line <&3
	assertEquals "child exited" 1 $?
	assertFalse "pidfile removed by the child" "[ -e '$pidfile' ]"
	exec 3<&-
}

test_pidfile_unwritable() {
	run "$P" pidfile /nonexistent/dir/x.pid
	assertEquals 1 "$rc"
	assertEquals "libbb_probe: can't open '/nonexistent/dir/x.pid': No such file or directory" "$err"
}

# A symlink planted where the pidfile goes (a shared /run, written as
# root) is refused: the file it points to is not truncated.
test_pidfile_symlink_refused() {
	echo "precious" >"$TMPDIR/target"
	ln -s "$TMPDIR/target" "$TMPDIR/link.pid"
	# bounded: were it accepted, the probe would wait for a signal
	run timeout 20 "$P" pidfile "$TMPDIR/link.pid"
	assertEquals 1 "$rc"
	assertContains "$err" "can't open '$TMPDIR/link.pid'"
	assertEquals "the target untouched" "precious" "$(cat "$TMPDIR/target")"
	# a hard link and a FIFO are refused the same way
	ln "$TMPDIR/target" "$TMPDIR/hard.pid"
	run timeout 20 "$P" pidfile "$TMPDIR/hard.pid"
	assertEquals "hard link: exit status" 1 "$rc"
	assertContains "$err" "is not a plain file of its own"
	assertEquals "the target untouched" "precious" "$(cat "$TMPDIR/target")"
	mkfifo "$TMPDIR/fifo.pid"
	run timeout 20 "$P" pidfile "$TMPDIR/fifo.pid"
	assertEquals "FIFO: exit status" 1 "$rc"
	assertContains "FIFO: refused as such" "$err" "is not a plain file of its own"
}

. "$SRCTREE/testsuite/testlib_run.sh"
