#!/bin/sh
# test-cross.sh TRIPLET QEMU [SUITE...]: builds dhcpbox and the test probes
# with TRIPLET-gcc, statically, and runs the suites (default: codec, the
# bytes on the wire, and getopt32, the option parser) with the binary and
# every probe under QEMU user emulation. With powerpc-linux-gnu or
# mips-linux-gnu this is the big-endian check; the end-to-end suites
# (udhcpc udhcpd) run client and server as the foreign binary.
#
# The suites call "$DHCPBOX" APPLET ... and "$PROBES/NAME": both point at
# wrappers that exec QEMU with the foreign binary, so applet dispatch on
# argv[1] and the probes' arguments are what they are natively.
# Skips that only a foreign architecture has are listed, with the reason,
# in testsuite/expected-skips.TRIPLET (added to testsuite/expected-skips).
# Run from the source tree through 'make test-bigendian' or 'make test-cross'.
set -eu
triplet=$1 qemu=$2
shift 2
[ $# -gt 0 ] || set -- codec getopt32
src=$(cd "$(dirname "$0")/.." && pwd)
obj="$src/build-$triplet"
mkdir -p "$obj"
# the build's lines go to a file: the suites' results are what CI shows
if ! { make -s -C "$src" O="$obj" defconfig &&
       make -s -C "$src" O="$obj" CROSS_COMPILE="$triplet-" LDFLAGS=-static SANITIZE= \
		-j2 all probes; } >"$obj/build.log" 2>&1; then
	tail -n 30 "$obj/build.log"
	echo "$triplet: build failed"
	exit 1
fi
wrappers="$obj/qemu-probes"
mkdir -p "$wrappers"
for bin in "$obj/dhcpbox" "$obj"/testsuite/*_probe "$obj"/testsuite/udhcpd_load \
		"$obj"/testsuite/udhcpd_model "$obj"/testsuite/udhcpc_model; do
	[ -x "$bin" ] || continue
	# quoted in the wrapper: a source tree path with spaces still runs
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$qemu" "$bin" >"$wrappers/${bin##*/}"
	chmod +x "$wrappers/${bin##*/}"
done
echo "$triplet: $(file -b "$obj/dhcpbox" | cut -d, -f1-2), under $qemu ($($qemu --version | head -n 1))"
DHCPBOX="$wrappers/dhcpbox" PROBES="$wrappers" SRCTREE="$src" OBJTREE="$obj" SANITIZE= \
	EXPECTED_SKIPS_EXTRA="$src/testsuite/expected-skips.$triplet" \
	sh "$src/testsuite/runtests.sh" "$@"
