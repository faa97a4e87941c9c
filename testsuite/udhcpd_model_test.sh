#!/bin/bash
# The model test of udhcpd (testsuite/c/server_model.c): the server's real
# code over the fake os/ seam, many clients with lost, duplicated and
# reordered packets, reloads, crashes, clock jumps and disk faults, and the
# six invariants checked after every step. Seeded: a failure prints the
# seed and how to replay it. 'make check-long' runs many more seeds.
. "$SRCTREE/testsuite/testlib.sh"

PM="$PROBES/udhcpd_model"

# SEEDS and STEPS: sized to run in a few seconds (under ASan too).
MODEL_SEEDS=${MODEL_SEEDS:-200}
MODEL_STEPS=${MODEL_STEPS:-4000}

test_invariants_hold_over_random_sequences() {
	out=$("$PM" 1 "$MODEL_SEEDS" "$MODEL_STEPS")
	rc=$?
	assertEquals "$out" 0 "$rc"
	assertContains "$out" "every invariant held"
	echo "FIGURE: model test: $(echo "$out" | tail -n 1)"
}

# The model has to reach the states it claims to check: ACKs, NAKs,
# crashes, reloads and disk faults all happen in the default run.
test_the_model_reaches_every_kind_of_step() {
	out=$("$PM" 1 20 4000)
	kinds="OFFERs ACKs NAKs crashes reloads"
	# BOOTREPLYs: a host's fixed address, and dynamic-bootp leases of a dhcpd.conf
	built_with FEATURE_UDHCPD_BOOTP && kinds="$kinds BOOTREPLYs"
	for what in $kinds "disk faults" "clock jumps"; do
		n=$(echo "$out" | sed -n "s/.* \([0-9][0-9]*\) $what.*/\1/p")
		[ "${n:-0}" -gt 10 ] || fail "only '${n:-0}' $what in 20 seeds: $out"
	done
}

# The same seed gives the same run (a failure can be replayed).
test_a_seed_replays_exactly() {
	assertEquals "$("$PM" 7 1 3000)" "$("$PM" 7 1 3000)"
}

. "$SRCTREE/testsuite/testlib_run.sh"
