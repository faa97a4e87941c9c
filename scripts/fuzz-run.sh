#!/bin/sh
# fuzz-run.sh CORPUS_DIR TARGET_BIN...: runs each libFuzzer target for
# $FUZZ_SECONDS seconds, starting from a copy of CORPUS_DIR/<target> (the
# tree stays clean), and fails if any target finds a crash, a sanitizer
# report or a timeout. Findings are kept and their paths printed.
set -u
corpus=$1; shift
seconds=${FUZZ_SECONDS:-30}
work=$(mktemp -d /tmp/dhcpbox-fuzz.XXXXXX) || exit 1
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	mkdir -p "$work/$name/corpus" "$work/$name/findings"
	[ -d "$corpus/$name" ] && cp "$corpus/$name"/* "$work/$name/corpus/" 2>/dev/null
	printf '%-14s %ss ... ' "$name" "$seconds"
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/$name/findings/" "$work/$name/corpus" \
		>"$work/$name/log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name/log")
		cov=$(grep -o 'cov: [0-9]*' "$work/$name/log" | tail -n 1)
		echo "ok: $runs runs, $cov, corpus $(ls "$work/$name/corpus" | wc -l) inputs"
	else
		echo "FAILED"
		tail -n 40 "$work/$name/log"
		ls "$work/$name/findings"/* 2>/dev/null | sed 's/^/finding: /'
		failed=1
	fi
done
[ $failed = 0 ] && rm -rf "$work"
exit $failed
