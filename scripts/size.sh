#!/bin/sh
# make size: text, data and bss of dhcpbox in the configurations that
# matter, against the budgets of issue #14, and where the bytes are.
#
#   defconfig         the checked-in configs/defconfig (glibc, PIE)
#   defconfig-musl    the same, static with musl-gcc
#   busybox-set       udhcpc + udhcpd + dumpleases with BusyBox's features
#                     only (no ISC dhcpd.conf, no dhcprelay, no rapid
#                     commit, no remembered lease, ARP reserve, -u or seccomp):
#                     what BusyBox's 37,483 B buys
#   APPLET-only       allnoconfig plus one applet (with its features'
#                     defaults; the library's options are off: no PIE, long
#                     options, syslog, -v texts or long usage)
#
# Fails when a build fails, when any configuration's BSS is over
# BSS_BUDGET (every process of the multicall binary maps it), or when text
# grows past its ceiling: today's size and a little room, the guard until
# the budget itself is met. "over budget" lines are figures, not failures.
# usage: size.sh SRCTREE OUTDIR CC MAKE
set -u
src=$1 out=$2 cc=$3 make=${4:-make}
# the sub-builds are ours: nothing of the caller's command line (SANITIZE=1,
# O=, CC=) may reach them through the environment
unset MAKEFLAGS MFLAGS MAKELEVEL
BSS_BUDGET=16384
status=0

# build NAME CC SETUP: a .config from SETUP (a shell function run on the
# file), built in $out/NAME; prints the build's last lines on failure
build() {
	name=$1 bcc=$2 setup=$3 dir=$out/$1
	shift 3
	mkdir -p "$dir"
	$setup "$dir/.config" || return 1
	if ! $make -s -f "$src/Makefile" O="$dir" olddefconfig >"$dir/build.log" 2>&1 ||
	   ! $make -s -j2 -f "$src/Makefile" O="$dir" CC="$bcc" "$@" >>"$dir/build.log" 2>&1; then
		echo "make size: the $name build failed:" >&2
		tail -n 5 "$dir/build.log" >&2
		return 1
	fi
}

sym_off() { sed -i "s/^CONFIG_$2=.*/# CONFIG_$2 is not set/" "$1"; }
sym_on() { sed -i "s/^# CONFIG_$2 is not set$/CONFIG_$2=y/" "$1"; grep -q "^CONFIG_$2=y" "$1" || echo "CONFIG_$2=y" >>"$1"; }
cfg_defconfig() { cp "$src/configs/defconfig" "$1"; }
cfg_musl() { cp "$src/configs/defconfig" "$1" && sym_on "$1" STATIC; }
cfg_busybox() { cp "$src/configs/defconfig" "$1" && sh "$src/scripts/busybox-set.sh" "$1"; }
cfg_only() {
	$make -s -f "$src/Makefile" O="$(dirname "$1")" allnoconfig >/dev/null 2>&1 && sym_on "$1" "$only"
}

# report NAME TEXT_BUDGET TEXT_CEILING: one line; budgets and ceilings
# in bytes, 0 for none
report() {
	set -- "$1" "$2" "$3" $(size "$out/$1/dhcpbox" | awk 'NR==2 {print $1, $2, $3}')
	line=$(printf '%-18s text %7d  data %6d  bss %6d' "$1" "$4" "$5" "$6")
	if [ "$2" -gt 0 ]; then
		if [ "$4" -le "$2" ]; then line="$line  text budget $2: met"
		else line="$line  text budget $2: over by $(($4 - $2))"; fi
	fi
	echo "$line"
	if [ "$6" -gt $BSS_BUDGET ]; then
		echo "FAIL: $1: bss $6 B is over the budget of $BSS_BUDGET B" >&2; status=1
	fi
	if [ "$3" -gt 0 ] && [ "$4" -gt "$3" ]; then
		echo "FAIL: $1: text $4 B grew past its ceiling of $3 B (scripts/size.sh)" >&2; status=1
	fi
}

echo "== make size: $(${cc} --version | head -n 1)"
build defconfig "$cc" cfg_defconfig LDFLAGS="-Wl,-Map,$out/defconfig/dhcpbox.map" || exit 1
report defconfig 49152 171000
if command -v musl-gcc >/dev/null; then
	build defconfig-musl musl-gcc cfg_musl || exit 1
	report defconfig-musl 112640 249000
else
	echo "FAIL: musl-gcc missing (apt-get install musl-tools)" >&2; status=1
fi
build busybox-set "$cc" cfg_busybox || exit 1
report busybox-set 37483 104000
for only in UDHCPC UDHCPD DUMPLEASES DHCPRELAY; do
	name=$(echo $only | tr A-Z a-z)-only
	build "$name" "$cc" cfg_only || exit 1
	report "$name" 0 0
done

# where the bytes of the defconfig are: each object's text as linked
# (sections --gc-sections kept), from the map of the final binary
echo "== defconfig: the 20 largest objects (text+rodata kept in the link)"
awk '
	/^Linker script and memory map/ { kept = 1 }
	!kept { next }
	function hex(s,   i, n, c) {
		n = 0; s = tolower(s); sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	/^ \.(text|rodata)[^ ]* *$/ { pending = 1; next }
	pending && /^ +0x/ { sz = hex($2); obj = $3; pending = 0; if (obj ~ /\.o/) add(obj, sz); next }
	/^ \.(text|rodata)[^ ]* +0x/ { sz = hex($3); obj = $4; if (obj ~ /\.o/) add(obj, sz); next }
	{ pending = 0 }
	function add(o, s) { sub(/.*\/(applets|libbb|networking\/udhcp)\//, "", o); sub(/^.*\(/, "", o); sub(/\)$/, "", o); total[o] += s }
	END { for (o in total) if (total[o] > 0) printf "%8d  %s\n", total[o], o }
' "$out/defconfig/dhcpbox.map" | sort -rn | head -n 20
exit $status
