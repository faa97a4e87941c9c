#!/bin/bash
# udhcpd's least privilege (issue #14): -u USER (and ISC's -user/-group,
# udhcpd.conf's user/group) serving real clients in network namespaces,
# compacting its journal and reloading on SIGHUP as that user; what
# /proc/PID/status says of it (uid, capabilities, no-new-privs, seccomp);
# the checks as root before the drop; a reload that would need root.
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPD UDHCPC FEATURE_UDHCPD_USER) && why_not=$r
	id nobody >/dev/null 2>&1 || why_not="no user nobody"
	NOGROUP=$(id -gn nobody 2>/dev/null)
	return 0
}

# setUp's work, then a lease directory of nobody's in the test's
# directory (and search permission down to it: mktemp makes 0700 dirs)
setUp() {
	e2e_setup
	[ -z "$why_not" ] || return 0
	chmod 711 "$TMPDIR" "$work"
	mkdir -m 755 "$work/db"
	chown nobody "$work/db"
}

conf_as() {
	conf="$work/udhcpd.conf"
	{
		echo "interface $SRV_IF"
		echo "start 10.99.0.100"
		echo "end 10.99.0.150"
		echo "lease_file $work/db/udhcpd.leases"
		echo "pidfile $work/udhcpd.pid"
		for line; do echo "$line"; done
	} >"$conf"
}

# server_as ARGS -- [CONF LINE...]: udhcpd with ARGS (-u nobody ...)
server_as() {
	args=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do args="$args $1"; shift; done
	[ "${1:-}" = -- ] && shift
	conf_as "$@"
	# shellcheck disable=SC2086
	start_bg server in_srv "$DHCPBOX" udhcpd -f -v -a 0 $args "$conf"
	wait_log "$LOGS/server.log" "started" || fail "no start: $(cat "$LOGS/server.log")"
}

field() { sed -n "s/^$1:[[:space:]]*//p" "/proc/$(bg_pid server)/status"; }

# The filter is left out of sanitizer builds (sandbox.c says why): then
# the status says 0 and the log says so.
expect_seccomp() {
	if grep -q "no filter in a sanitizer build" "$LOGS/server.log"; then
		assertEquals "sanitizer build: no filter" 0 "$(field Seccomp)"
	else
		assertEquals "Seccomp (2: filter) $(grep seccomp "$LOGS/server.log")" 2 "$(field Seccomp)"
	fi
}

client_as() {
	id=$1; shift
	client_exit || fail "the previous client exited with status $?"
	rm -rf "$work/state"
	client -x "0x3d:ff0000$id" "$@"
}

test_as_nobody_serves_compacts_and_reloads() {
	need || return 0
	server_as -u nobody -- "opt dns 10.99.0.53" "opt lease 600" "auto_time 1"
	client_as 01 -q
	wait_event bound || return
	ip=$(env_value bound ip)
	assertEquals "first config" 10.99.0.53 "$(env_value bound dns)"
	assertContains "journaled before the ACK" "$(cat "$work/db/udhcpd.leases")" "lease $ip {"
	# journal.c's policy: rewritten auto_time after it grew
	wait_log "$LOGS/server.log" "rewritten (auto_time): 1 leases" 15 || fail "no compaction as nobody"
	assertEquals "one block after the compaction" 1 "$(grep -c '^lease ' "$work/db/udhcpd.leases")"
	assertEquals "the rewritten file is nobody's" nobody "$(stat -c %U "$work/db/udhcpd.leases")"
	assertEquals "no temp file left" "" "$(ls "$work/db" | grep '\.tmp$')"
	sed -i 's/^opt dns 10.99.0.53$/opt dns 10.99.0.99/' "$conf"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "configuration reloaded" || fail "no reload: $(tail -n 5 "$LOGS/server.log")"
	client_as 02 -q
	wait_event bound || return
	assertEquals "reloaded config served" 10.99.0.99 "$(env_value bound dns)"
	assertEquals "still nobody" 65534 "$(field Uid | cut -f1)"
	kill -USR1 "$(bg_pid server)"
	wait_log "$LOGS/server.log" "rewritten (SIGUSR1): 2 leases" || fail "SIGUSR1 did not rewrite"
	stop_bg server
	assertContains "both leases kept" "$(cat "$work/db/udhcpd.leases")" "lease $ip {"
	assertNotContains "no seccomp kill" "$(cat "$LOGS/server.log")" "not in the allowed list"
	# the pidfile is in a directory of root's: emptied, not left naming a dead PID
	assertEquals "pidfile emptied at exit" "" "$(cat "$work/udhcpd.pid" 2>/dev/null)"
}

test_status_nobody_no_capabilities_no_new_privs_seccomp() {
	need || return 0
	server_as -u nobody -- "opt lease 600"
	assertEquals "uids" "65534 65534 65534 65534" "$(field Uid | tr -s '\t' ' ')"
	gid=$(id -g nobody)
	assertEquals "gids" "$gid $gid $gid $gid" "$(field Gid | tr -s '\t' ' ')"
	assertEquals "supplementary groups: its own only" "$gid" "$(field Groups | tr -d ' ')"
	for set in CapEff CapPrm CapInh CapAmb; do
		assertEquals "$set" 0000000000000000 "$(field $set)"
	done
	assertEquals NoNewPrivs 1 "$(field NoNewPrivs)"
	expect_seccomp
	client_as 01 -q
	wait_event bound || return
}

# The whole udhcpd suite runs under the filter (it is on whenever built
# in); -Z is the way out; root without -u has it too.
test_seccomp_as_root_and_off_with_Z() {
	need || return 0
	"$DHCPBOX" udhcpd --help 2>&1 | grep -q -- "-Z" || { skip_test "built without FEATURE_UDHCPD_SECCOMP"; return 0; }
	server_as -- "opt lease 600"
	assertEquals "root stays root without -u" 0 "$(field Uid | cut -f1)"
	expect_seccomp
	client_as 01 -q
	wait_event bound || return
	stop_bg server
	server_as -Z -- "opt lease 600"
	assertEquals "-Z: no filter" 0 "$(field Seccomp)"
	assertContains "$(cat "$LOGS/server.log")" "seccomp: no filter (-Z)"
	# no_new_privs is the drop's, not the filter's: -u without the filter keeps it
	stop_bg server
	server_as -Z -u nobody -- "opt lease 600"
	assertEquals "-Z -u nobody: no filter" 0 "$(field Seccomp)"
	assertEquals "-Z -u nobody: NoNewPrivs" 1 "$(field NoNewPrivs)"
	assertEquals "-Z -u nobody: CapEff" 0000000000000000 "$(field CapEff)"
	client_as 02 -q
	wait_event bound || return
}

# The filter stops what the server never does (testsuite/c/seccomp_probe.c
# installs it as the server does, then makes one call): a shell run, a
# listen (socket is allowed, as through i386's socketcall), an ioctl other
# than FIONREAD, ptrace; each is one line naming the call's
# number, then death by SIGSYS (exit status 128 + 31). No namespace needed.
# The report of a killed call reaches syslog when syslogd restarted after
# the filter went on, or started only then: it reconnects to /dev/log
# (the probe's own listeners, on a tmpfs over /dev in a mount namespace
# the probe makes).
test_the_filter_report_reaches_a_restarted_syslogd() {
	need_built FEATURE_UDHCPD_SECCOMP || return 0
	d=$(new_tmpdir) || { fail "no temporary directory"; return 0; }
	err=$d/seccomp.err	# no e2e_setup here: no $work
	is_root || { skip_test "needs root (a mount namespace for /dev/log)"; return 0; }
	for how in restart late; do
		out=$("$PROBES/seccomp_probe" syslog-$how 2>"$err")
		rc=$?
		if grep -q "no filter in a sanitizer build" "$err"; then
			assertEquals "$how: sanitizer build: no filter, said" "filter off" "$out"
			continue
		fi
		assertContains "$how: $out" "$out" "filter on"
		assertEquals "$how: killed by SIGSYS" $((128 + $(kill -l SYS))) "$rc"
		case "$out" in
		*"syslog: <27>seccomp_probe["*"]: seccomp: system call "*" is not in the allowed list: exiting"*) ;;
		*) fail "$how: no report through the new listener: $out $(cat "$err")" ;;
		esac
		assertContains "$how: stderr" "$(cat "$err")" "is not in the allowed list: exiting"
	done
}

test_the_filter_kills_a_call_off_its_list() {
	need_built FEATURE_UDHCPD_SECCOMP || return 0
	d=$(new_tmpdir) || { fail "no temporary directory"; return 0; }
	err=$d/seccomp.err	# no e2e_setup here: no $work
	[ -x "$PROBES/seccomp_probe" ] || { fail "no $PROBES/seccomp_probe in a seccomp build"; return 0; }
	out=$("$PROBES/seccomp_probe" allowed 2>"$err")
	assertEquals "allowed calls: exit status" 0 $?
	if grep -q "no filter in a sanitizer build" "$err"; then
		assertEquals "sanitizer build: no filter, said" "filter off
alive" "$out"
		return 0
	fi
	assertEquals "filter on
alive" "$out"
	assertNotContains "$(cat "$err")" "failed"
	for call in execve listen ioctl ptrace; do
		out=$("$PROBES/seccomp_probe" $call 2>"$err")
		assertEquals "$call: killed by SIGSYS" 159 $?
		assertEquals "$call: not returned" "filter on" "$out"
		assertContains "$call: named" "$(cat "$err")" "is not in the allowed list: exiting"
	done
}

test_isc_user_and_group_spelling_and_the_config_keywords() {
	need || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	cat >"$work/dhcpd.conf" <<-EOF
	subnet 10.99.0.0 netmask 255.255.255.0 { range 10.99.0.100 10.99.0.150; }
	lease-file-name "$work/db/dhcpd.leases";
	pid-file-name "$work/dhcpd.pid";
	EOF
	start_bg server in_srv "$DHCPBOX" udhcpd -d -4 -q -user nobody -group "$NOGROUP" \
		-cf "$work/dhcpd.conf" "$SRV_IF"
	wait_log "$LOGS/server.log" "running as user nobody" || fail "no drop: $(cat "$LOGS/server.log")"
	client_as 01 -q
	wait_event bound || return
	assertEquals "ISC's -user" 65534 "$(field Uid | cut -f1)"
	assertEquals "ISC's -group" "$(getent group "$NOGROUP" | cut -d: -f3)" "$(field Gid | cut -f1)"
	stop_bg server
	server_as -- "user nobody" "group $NOGROUP" "opt lease 600"
	assertEquals "udhcpd.conf's user" 65534 "$(field Uid | cut -f1)"
	assertEquals "CapEff" 0000000000000000 "$(field CapEff)"
}

# What nobody could not do stops the start as root, with the reason.
test_what_the_user_cannot_do_stops_the_start() {
	need || return 0
	conf_as "opt lease 600"
	chown root "$work/db"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u nobody "$conf" 2>&1)
	assertEquals "exit status" 1 $?
	assertContains "$out" "lease directory $work/db is not writable by user nobody"
	assertNotContains "nothing written" "$(ls "$work/db")" "udhcpd.leases"
	chown nobody "$work/db"
	chmod 600 "$conf"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u nobody "$conf" 2>&1)
	assertEquals "exit status" 1 $?
	assertContains "$out" "config $conf is not readable by user nobody: SIGHUP could not reload it"
	chmod 644 "$conf"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u no-such-user-here "$conf" 2>&1)
	assertEquals "exit status" 1 $?
	assertContains "$out" "no user no-such-user-here"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u root "$conf" 2>&1)
	assertContains "$out" "user root has uid 0"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u "" "$conf" 2>&1)
	assertEquals "-u '' exit status" 1 $?
	assertContains "an empty -u is no root" "$out" "-u names no user"
	# group root is a privilege too, by -u USER:GROUP or by -g
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u nobody:root "$conf" 2>&1)
	assertEquals "group root: exit status" 1 $?
	assertContains "$out" "group root has gid 0"
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -a 0 -u nobody -g 0 "$conf" 2>&1)
	assertEquals "-g 0: exit status" 1 $?
	assertContains "$out" "group 0 has gid 0"
}

# A dhcpd.conf that nobody can read but for an include file of root's:
# the SIGHUP reload would fail, so the start does, before anything is
# opened, with the file named.
test_an_include_the_user_cannot_read_stops_the_start() {
	need || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	cat >"$work/hosts.conf" <<-EOF
	host a { hardware ethernet 02:00:00:00:00:01; fixed-address 10.99.0.7; }
	EOF
	chmod 600 "$work/hosts.conf"
	cat >"$work/dhcpd.conf" <<-EOF
	subnet 10.99.0.0 netmask 255.255.255.0 { range 10.99.0.100 10.99.0.150; }
	include "$work/hosts.conf";
	lease-file-name "$work/db/dhcpd.leases";
	pid-file-name "$work/dhcpd.pid";
	EOF
	out=$(in_srv timeout 20 "$DHCPBOX" udhcpd -f -q -user nobody -cf "$work/dhcpd.conf" "$SRV_IF" 2>&1)
	assertEquals "exit status" 1 $?
	assertContains "$out" "$work/hosts.conf"
	assertContains "$out" "config $work/dhcpd.conf does not read as user nobody: SIGHUP could not reload it"
	assertNotContains "nothing written" "$(ls "$work/db")" "dhcpd.leases"
	chmod 644 "$work/hosts.conf"
	start_bg server in_srv "$DHCPBOX" udhcpd -d -q -user nobody -cf "$work/dhcpd.conf" "$SRV_IF"
	wait_log "$LOGS/server.log" "running as user nobody" || fail "readable: no start: $(cat "$LOGS/server.log")"
}

# A dhcpd.conf host name that only root can resolve (a hosts file of
# mode 600 over /etc/hosts, in a mount namespace of the server's own):
# the check as the user takes root's answer where it gets none, with a
# warning, so the start does not fail as "does not read as user"; a SIGHUP
# asks afresh, as the user, cannot resolve it, says so and keeps serving
# the old config.
test_a_name_only_root_resolves_starts_and_a_reload_asks_afresh() {
	need || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	command -v unshare >/dev/null || { fail "unshare missing (util-linux)"; return 0; }
	printf '127.0.0.1 localhost\n10.99.0.7 gw.dbx.test\n10.99.0.8 ntp.dbx.test\n' >"$work/hosts"
	chmod 600 "$work/hosts"
	# the name service of the server's mount namespace: the hosts file,
	# then a DNS that answers at once, "none" (nothing listens in the
	# network namespace), not the machine's; no nscd (it would answer from
	# the machine's hosts file) and no nss-resolve or sssd
	mkdir "$work/ns" "$work/ns/empty"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$work/ns/resolv.conf"
	# (the machine's nsswitch.conf but for hosts: users from its NSS modules
	# stay; where there is none, as with musl, the files and the DNS are
	# what the libc asks anyway)
	if [ -e /etc/nsswitch.conf ]; then
		sed '/^[[:space:]]*hosts:/d' /etc/nsswitch.conf >"$work/ns/nsswitch.conf"
	fi
	printf '\nhosts: files dns\n' >>"$work/ns/nsswitch.conf"
	isc="$work/dhcpd.conf"
	cat >"$isc" <<-CONF
		lease-file-name "$work/db/dhcpd.leases";
		pid-file-name "$work/udhcpd.pid";
		subnet 10.99.0.0 netmask 255.255.255.0 { range 10.99.0.100 10.99.0.150; option routers gw.dbx.test; }
		host a { hardware ethernet 02:00:00:00:00:09; option ntp-servers gw.dbx.test; next-server ntp.dbx.test; }
	CONF
	start_bg server in_srv unshare -m --propagation private sh -c \
		'mount --bind "$1" /etc/hosts || exit 1
		for f in resolv.conf nsswitch.conf; do
			[ ! -e "/etc/$f" ] || mount --bind "$2/$f" "/etc/$f" || exit 1
		done
		for d in /run/nscd /var/run/nscd; do
			[ ! -d "$d" ] || mount --bind "$2/empty" "$d" || exit 1
		done
		shift 2 && exec "$@"' sh "$work/hosts" "$work/ns" \
		"$DHCPBOX" udhcpd -d -a 0 -u nobody -cf "$isc" "$SRV_IF"
	wait_log "$LOGS/server.log" "started" || { fail "no start: $(cat "$LOGS/server.log")"; return; }
	assertNotContains "$(cat "$LOGS/server.log")" "does not read as user"
	assertEquals "said at the start, once for its two uses" 1 "$(grep -c \
		"host name 'gw.dbx.test' resolved as root but not as the -u user: until it does, a SIGHUP reload keeps the old configuration" \
		"$LOGS/server.log")"
	assertEquals "and once for the name after it" 1 "$(grep -c \
		"host name 'ntp.dbx.test' resolved as root but not as the -u user" "$LOGS/server.log")"
	client_as 01 -q
	wait_event bound || return
	assertEquals "the name root resolved" 10.99.0.7 "$(env_value bound router)"
	echo "# reload" >>"$isc"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "keeping the old configuration" ||
		{ fail "reload not refused: $(tail -n 3 "$LOGS/server.log")"; return; }
	assertContains "$(cat "$LOGS/server.log")" "host name 'gw.dbx.test' does not resolve"
	# the reload has failed at the first name: it asks no other (the DNS
	# down, a name would stall the loop for its timeout)
	assertEquals "the name after the failure not asked" 0 "$(grep -c \
		"'ntp.dbx.test' does not resolve" "$LOGS/server.log")"
	client_as 01 -q
	wait_event bound || return
	assertEquals "the old config serves" 10.99.0.7 "$(env_value bound router)"
	kill -0 "$(bg_pid server)" || fail "the server died"
}

# A reload cannot open a socket (root's) nor start a program under the
# filter: it says why and the old configuration keeps serving its leases.
test_reload_that_needs_root_keeps_the_old_config() {
	need || return 0
	server_as -u nobody -- "opt dns 10.99.0.53" "opt lease 600"
	client_as 01 -q
	wait_event bound || return
	ip=$(env_value bound ip)
	sed -i "s/^interface .*/interface dbxnone0/; s/^opt dns .*/opt dns 10.99.0.99/" "$conf"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "keeping the old configuration" || fail "no refusal: $(tail -n 3 "$LOGS/server.log")"
	assertContains "$(cat "$LOGS/server.log")" "interface dbxnone0 has no socket: restart udhcpd to serve it (opening one needs root; udhcpd runs as nobody)"
	client_as 01 -q
	wait_event bound || return
	assertEquals "same lease" "$ip" "$(env_value bound ip)"
	assertEquals "old config still served" 10.99.0.53 "$(env_value bound dns)"
	if [ "$(field Seccomp)" = 2 ]; then
		sed -i "s/^interface .*/interface $SRV_IF/" "$conf"
		echo "notify_file /bin/true" >>"$conf"
		kill -HUP "$(bg_pid server)"
		wait_log "$LOGS/server.log" "notify_file /bin/true would run under the seccomp filter" ||
			fail "notify_file taken under the filter: $(tail -n 3 "$LOGS/server.log")"
	fi
	kill -0 "$(bg_pid server)" || fail "the server died"
}

# A dhcpd.conf reload whose hosts need the C library's resolver (a name,
# /etc/hosts's localhost) and its qsort of 300 fixed addresses: each made
# a call the filter did not allow and killed the server (cold review).
test_isc_reload_with_host_names_and_300_hosts_survives_the_filter() {
	need || return 0
	need_built FEATURE_UDHCPD_ISC_CONF || return 0
	isc="$work/dhcpd.conf"
	cat >"$isc" <<-CONF
		lease-file-name "$work/db/dhcpd.leases";
		pid-file-name "$work/udhcpd.pid";
		subnet 10.99.0.0 netmask 255.255.255.0 { range 10.99.0.100 10.99.0.150; }
	CONF
	start_bg server in_srv "$DHCPBOX" udhcpd -d -a 0 -u nobody -cf "$isc" "$SRV_IF"
	wait_log "$LOGS/server.log" "started" || fail "no start: $(cat "$LOGS/server.log")"
	expect_seccomp
	{
		echo 'host lh { hardware ethernet 02:00:00:00:01:01; fixed-address localhost; }'
		for i in $(seq 1 300); do
			printf 'host h%d { hardware ethernet 02:00:00:01:%02x:%02x; fixed-address 10.99.%d.%d; }\n' \
				"$i" $((i / 256)) $((i % 256)) $((1 + i / 200)) $((i % 200 + 1))
		done
	} >>"$isc"
	kill -HUP "$(bg_pid server)"
	wait_log "$LOGS/server.log" "reload" || fail "no reload: $(tail -n 3 "$LOGS/server.log")"
	wait_log "$LOGS/server.log" "configuration reloaded" || fail "not reloaded: $(tail -n 3 "$LOGS/server.log")"
	assertNotContains "$(cat "$LOGS/server.log")" "seccomp: system call"
	client_as 01 -q
	wait_event bound || return
	kill -0 "$(bg_pid server)" || fail "the server died"
}

. "$SRCTREE/testsuite/testlib_run.sh"
