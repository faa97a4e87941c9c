#!/bin/bash
# The model test of udhcpc (testsuite/c/client_model.c): the client's real
# state machine, message builders and remembered lease over the fake os/
# seam, against three servers that answer, stay silent, NAK, lose,
# duplicate and reorder replies and send hostile ones, with T1/T2/lease
# nonsense, clock jumps, interfaces that vanish or change, sockets that
# fail to open and restarts; ten invariants checked after every step.
# Seeded: a failure prints the seed and how to replay it.
. "$SRCTREE/testsuite/testlib.sh"

PM="$PROBES/udhcpc_model"

# SEEDS and STEPS: sized to run in a few seconds (under ASan too).
MODEL_SEEDS=${MODEL_SEEDS:-300}
MODEL_STEPS=${MODEL_STEPS:-4000}

test_invariants_hold_over_random_sequences() {
	out=$("$PM" 1 "$MODEL_SEEDS" "$MODEL_STEPS")
	rc=$?
	assertEquals "$out" 0 "$rc"
	assertContains "$out" "every invariant held"
	echo "FIGURE: client model test: $(echo "$out" | tail -n 1)"
}

# The model has to reach what it claims to check.
test_the_model_reaches_every_kind_of_step() {
	out=$("$PM" 1 20 4000)
	for what in binds renews NAKs "hostile dropped" cleaned restarts "interface changes" \
		"socket faults" "clock jumps" "ARP conflicts" releases; do
		n=$(echo "$out" | sed -n "s/.* \([0-9][0-9]*\) $what.*/\1/p")
		[ "${n:-0}" -gt 10 ] || fail "only '${n:-0}' $what in 20 seeds: $out"
	done
	# INIT-REBOOT needs a lease remembered across restarts
	built_with FEATURE_UDHCPC_REMEMBER_LEASE || return 0
	n=$(echo "$out" | sed -n "s/.* \([0-9][0-9]*\) late INIT-REBOOT ACKs.*/\1/p")
	[ "${n:-0}" -gt 0 ] || fail "no late ACK to an INIT-REBOOT taken in 20 seeds: $out"
}

test_a_seed_replays_exactly() {
	assertEquals "$("$PM" 7 1 3000)" "$("$PM" 7 1 3000)"
}

. "$SRCTREE/testsuite/testlib_run.sh"
