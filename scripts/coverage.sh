#!/bin/sh
# coverage.sh OBJDIR MIN SOURCE...: line coverage (gcov) of SOURCE files
# compiled with --coverage under OBJDIR, per file and in all; fails when
# the total is under MIN percent.
objdir=$1 min=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
total=0 hit=0
printf '%-34s %8s %8s\n' "file" "lines" "covered"
for src in "$@"; do
	rel=${src#"$top/"}
	gcda="$objdir/${rel%.c}.gcda"
	if [ ! -f "$gcda" ]; then
		echo "coverage: no data for $rel (was it run?)" >&2
		exit 1
	fi
	line=$(cd "$(dirname "$gcda")" && gcov -n -o . "$src" 2>/dev/null |
		awk -v f="$(basename "$src")" '
			/^File / { cur = ($2 ~ f"'"'"'$") }
			cur && /^Lines executed:/ { sub(/.*:/, ""); print; exit }')
	pct=${line%%%*}
	n=${line##* of }
	covered=$(awk -v p="$pct" -v n="$n" 'BEGIN { printf "%d", p * n / 100 + 0.5 }')
	printf '%-34s %8d %7s%%\n' "$rel" "$n" "$pct"
	total=$((total + n))
	hit=$((hit + covered))
done
pct=$(awk -v h=$hit -v t=$total 'BEGIN { printf "%.1f", t ? 100 * h / t : 0 }')
printf '%-34s %8d %7s%%\n' "total" $total "$pct"
awk -v p="$pct" -v m="$min" 'BEGIN { exit !(p >= m) }' || {
	echo "coverage: $pct% is under $min%" >&2
	exit 1
}
