#!/bin/sh
# test-cross.sh TRIPLET QEMU: builds dhcpbox and the test probes with
# TRIPLET-gcc, statically, and runs the suites that check bytes on the wire
# (codec) and the option parser (getopt32) with each probe under QEMU user
# emulation. With powerpc-linux-gnu this is the big-endian check.
# Run from the source tree through 'make test-bigendian'.
set -eu
triplet=$1 qemu=$2
src=$(cd "$(dirname "$0")/.." && pwd)
obj="$src/build-$triplet"
mkdir -p "$obj"
make -s -C "$src" O="$obj" defconfig
make -s -C "$src" O="$obj" CROSS_COMPILE="$triplet-" LDFLAGS=-static SANITIZE= all probes
wrappers="$obj/qemu-probes"
mkdir -p "$wrappers"
for probe in "$obj"/testsuite/*_probe; do
	name=$(basename "$probe")
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$qemu" "$probe" >"$wrappers/$name"
	chmod +x "$wrappers/$name"
done
echo "$triplet: $(file -b "$obj/testsuite/udhcp_probe" | cut -d, -f1-2)"
DHCPBOX="$obj/dhcpbox" PROBES="$wrappers" SRCTREE="$src" OBJTREE="$obj" SANITIZE= \
	sh "$src/testsuite/runtests.sh" codec getopt32
