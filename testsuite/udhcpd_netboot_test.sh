#!/bin/bash
# udhcpd on network-boot dhcpd.conf files, end to end: ISC classes,
# conditions (if/elsif/else), expressions and option spaces. Each test
# serves one fixtures/isc/netboot-*.conf with ISC dhcpd and then with
# udhcpd, and the probe (udhcp_probe) sends both the same requests, as
# real firmware sends them: a DHCPDISCOVER, then a DHCPREQUEST for the
# address offered. The replies are compared field by field (a line per
# reply, see ask): yiaddr, siaddr, sname, file and every option.
#
# Each test first asserts what ISC dhcpd answered (so two empty or wrong
# answers never pass as equal), then that udhcpd answered the same.
# What ISC dhcpd 4.4 was seen to do is in fixtures/isc/netboot-facts.md;
# SHOW_WIRE=1 prints ISC's options as sent too (order, RFC 3396 parts).
. "$SRCTREE/testsuite/testlib.sh"
. "$SRCTREE/testsuite/netns.sh"
. "$SRCTREE/testsuite/e2e.sh"
. "$SRCTREE/testsuite/isc_servers.sh"

PU="$PROBES/udhcp_probe"

oneTimeSetUp() {
	why_not=$(netns_usable) || true
	r=$(unbuilt_reason UDHCPD FEATURE_UDHCPD_ISC_CONF) && why_not=$r
	return 0
}

# hx TEXT: TEXT's bytes in hex.
hx() { printf %s "$1" | od -An -tx1 -v | tr -d ' \n'; }

# ---- what firmware sends -----------------------------------------------------------

# A PXE 2.1 option ROM (legacy BIOS): vendor class, architecture 0 (93),
# UNDI 2.1 (94), its UUID (97), the PRL of the PXE spec, max size 1260.
PXE_PRL=1,2,3,4,5,6,11,12,13,15,16,17,18,22,23,28,40,41,42,43,50,51,54,58,59,60,66,67,97,128,129,130,131,132,133,134,135
UUID=raw=97:004c4c4544004330108052b4c04f4e3232
BIOS="raw=57:04ec raw=60:$(hx PXEClient:Arch:00000:UNDI:002001) raw=93:0000 raw=94:010201 $UUID prl=$PXE_PRL flags=8000"
# the same ROM with 43 left out of its PRL
BIOS_NO43="raw=57:04ec raw=60:$(hx PXEClient:Arch:00000:UNDI:002001) raw=93:0000 raw=94:010201 $UUID prl=$(echo $PXE_PRL | sed 's/,43,/,/') flags=8000"
# UEFI x64 firmware's PXE (EDK2): architecture 7, UNDI 3.16, max size 1472
UEFI_PRL=1,2,3,4,5,6,12,13,15,17,18,22,23,28,40,41,42,43,50,51,54,58,59,60,66,67,97,128,129,130,131,132,133,134,135
UEFI="raw=57:05c0 raw=60:$(hx PXEClient:Arch:00007:UNDI:003016) raw=93:0007 raw=94:010310 $UUID prl=$UEFI_PRL flags=8000"
UEFI_ARM64="raw=57:05c0 raw=60:$(hx PXEClient:Arch:00011:UNDI:003016) raw=93:000b raw=94:010310 $UUID prl=$UEFI_PRL flags=8000"
# iPXE (undionly.kpxe) once chained: user-class "iPXE" as plain bytes (not
# RFC 3004's length-prefixed list), its feature flags in 175 (PXE ext 2,
# HTTP, TFTP, DNS, PXE, menu; bus id PCI 8086:100e), the ROM's 60/93/94/97
IPXE_PRL=1,3,6,7,12,15,17,26,43,60,66,67,119,128,129,130,131,132,133,134,135,175,203
IPXE_175=100102130101150101170101210101270101b105018086100e
IPXE="raw=57:05dc raw=60:$(hx PXEClient:Arch:00000:UNDI:002001) raw=77:$(hx iPXE) raw=93:0000 raw=94:010201 $UUID raw=175:$IPXE_175 prl=$IPXE_PRL flags=8000"
# an iPXE built without HTTP (no sub-option 19 in its 175)
IPXE_NOHTTP="raw=57:05dc raw=60:$(hx PXEClient:Arch:00000:UNDI:002001) raw=77:$(hx iPXE) raw=93:0000 raw=94:010201 $UUID raw=175:100102150101170101210101270101 prl=$IPXE_PRL flags=8000"
# an ordinary client (udhcpc's PRL)
PLAIN="prl=1,3,6,12,15,28,42 flags=8000"

# ---- asking both servers -------------------------------------------------------------

# where IP: the pool an address is from (servers may pick other addresses
# of a pool), else the address.
where() {
	case "$1" in
	10.99.0.1[0-4][0-9]) echo pool1 ;;
	10.99.0.2[0-4][0-9]) echo pool2 ;;
	*) echo "$1" ;;
	esac
}

# reply_line OUT: a decoded reply (udhcp_probe exchange) in one line:
# TYPE yiaddr= siaddr= sname= file= overload=, then every option as
# CODE=HEX in code order, the parts of an option sent split (RFC 3396)
# joined; "no reply" for none.
reply_line() {
	case "$1" in "no reply"*|"") echo "no reply"; return ;; esac
	f() { echo "$1" | sed -n "s/^$2=//p" | head -n 1; }
	ip=$(echo "$1" | sed -n 's/.*yiaddr=\([0-9.]*\).*/\1/p')
	si=$(echo "$1" | sed -n 's/.*siaddr=\([0-9.]*\).*/\1/p')
	opts=$(f "$1" wire | tr ' ' '\n' | awk -F: 'NF == 2 {
		if (!($1 in v)) order[n++] = $1; v[$1] = v[$1] $2 }
		END { for (i = 0; i < n; i++) print order[i] "=" v[order[i]] }' | sort -n | tr '\n' ' ')
	echo "$(f "$1" type) yiaddr=$(where "$ip") siaddr=$si sname=$(f "$1" sname)" \
		"file=$(f "$1" file) overload=$(f "$1" overload) | ${opts% }"
}

# ask WHO REQUESTS: each line of REQUESTS, "NAME ITEMS" (udhcp_probe
# build items), is sent as a DHCPDISCOVER from 10.99.0.77 to the server
# running, and then as a DHCPREQUEST for the address offered (options 50
# and 54 added); $work/WHO.replies gets "NAME-offer: LINE" and
# "NAME-ack: LINE" (reply_line), $work/WHO.wire the options as sent.
ask() {
	: >"$work/$1.replies"
	: >"$work/$1.wire"
	while read -r what items; do
		[ -n "$what" ] || continue
		# shellcheck disable=SC2086
		"$PU" build 1 $items >"$work/ask.hex" || { fail "$what: cannot build: $(cat "$work/ask.hex")"; continue; }
		out=$(in_cli "$PU" exchange 10.99.0.1 "$work/ask.hex" 3)
		echo "$what-offer: $(reply_line "$out")" >>"$work/$1.replies"
		echo "$what-offer: $(echo "$out" | sed -n 's/^wire=//p')" >>"$work/$1.wire"
		ip=$(echo "$out" | sed -n 's/.*yiaddr=\([0-9.]*\).*/\1/p')
		sid=$(echo "$out" | sed -n 's/^serverid=//p')
		[ -n "$ip" ] && [ "$ip" != 0.0.0.0 ] && [ -n "$sid" ] || continue
		# shellcheck disable=SC2086
		"$PU" build 3 $items ip=50:"$ip" ip=54:"$sid" >"$work/ask.hex"
		out=$(in_cli "$PU" exchange 10.99.0.1 "$work/ask.hex" 3)
		echo "$what-ack: $(reply_line "$out")" >>"$work/$1.replies"
		echo "$what-ack: $(echo "$out" | sed -n 's/^wire=//p')" >>"$work/$1.wire"
	done <<<"$2"
}

# isc_asks CONF REQUESTS: ISC dhcpd serves CONF to REQUESTS ($work/isc.*).
isc_asks() {
	dhcpd -t -cf "$FIX/$1" >"$LOGS/dhcpd-t.log" 2>&1 || { fail "dhcpd -t rejects $1: $(tail -n 5 "$LOGS/dhcpd-t.log")"; return 1; }
	in_cli ip addr add 10.99.0.77/24 dev "$CLI_IF"
	BOX=isc isc_dhcpd "$FIX/$1" || return 1
	ask isc "$2"
	stop_bg isc
	echo "ISC dhcpd on $1:"
	sed 's/^/    /' "$work/isc.replies"
	[ -z "${SHOW_WIRE:-}" ] || { echo "as sent:"; sed 's/^/    /' "$work/isc.wire"; }
	return 0
}

# ours_asks CONF REQUESTS: udhcpd serves CONF to them ($work/ours.*).
ours_asks() {
	BOX=ours our_dhcpd "$FIX/$1" "$SRV_IF" || return 1
	ask ours "$2"
	stop_bg ours
	return 0
}

# isc_said NAME PATTERN...: ISC's reply NAME (e.g. bios-offer) has each
# PATTERN (grep -E on the reply_line, a blank added at its end).
isc_said() {
	line=$(grep "^$1: " "$work/isc.replies")
	[ -n "$line" ] || { fail "ISC dhcpd: no '$1' line"; return 1; }
	name=$1; shift
	# the reply, and a blank after its last option
	body="${line#*: } "
	for pat; do
		echo "$body" | grep -qE -e "$pat" || fail "ISC dhcpd's $name has no '$pat': $body"
	done
}

# same_replies: every line from udhcpd as from ISC dhcpd.
same_replies() {
	n=$(wc -l <"$work/isc.replies")
	assertTrue "ISC dhcpd answered at all ($n lines)" "[ $n -gt 0 ]"
	assertEquals "what ISC dhcpd answered (<) and what udhcpd answered (>)" "" \
		"$(diff "$work/isc.replies" "$work/ours.replies")"
}

# serve_both CONF REQUESTS ISC-CHECKS: ISC's half, the checks of what ISC
# said (a function), udhcpd's half, the comparison.
serve_both() {
	isc_asks "$1" "$2" || return 0
	"$3"
	ours_asks "$1" "$2" || return 0
	same_replies
}

# hex of a DHCP option: CODE=HEX as reply_line writes it
o() { echo "$1=$(hx "$2")"; }

# ---- 1. PXE: a boot file per firmware ---------------------------------------------------

PXE_REQS="bios $BIOS xid=b1 chaddr=020000000a01
uefi $UEFI xid=b2 chaddr=020000000a02
ipxe $IPXE xid=b3 chaddr=020000000a03"

pxe_checks() {
	for r in offer ack; do
		isc_said bios-$r "^DHCP${r^^} yiaddr=pool1 siaddr=10.99.0.2 " " file=undionly.kpxe "
		isc_said uefi-$r "^DHCP${r^^} yiaddr=pool1 siaddr=10.99.0.2 " " file=ipxe.efi "
		isc_said ipxe-$r "^DHCP${r^^} yiaddr=pool1 siaddr=10.99.0.2 " " file=http://10.99.0.2/boot.ipxe "
	done
	# just these: the boot file in the file field only (no 66, 67), no 60
	# echoed (none configured), no 58/59 though the PRL asks
	isc_said bios-offer "\| 1=ffffff00 3=0a630001 51=00000258 53=02 54=0a630001 $"
	isc_said ipxe-ack "\| 1=ffffff00 3=0a630001 51=00000258 53=05 54=0a630001 $"
}

test_pxe_bios_uefi_and_ipxe_get_their_boot_files() {
	need dhcpd || return 0
	serve_both netboot-pxe.conf "$PXE_REQS" pxe_checks
}

# ---- the README's example ----------------------------------------------------------------

EXAMPLE_REQS="bios $BIOS xid=e1 chaddr=020000000e01
uefi $UEFI xid=e2 chaddr=020000000e02
arm64 $UEFI_ARM64 xid=e3 chaddr=020000000e03
ipxe $IPXE xid=e4 chaddr=020000000e04
laptop $PLAIN xid=e5 chaddr=020000000e05
kiosk $BIOS xid=e6 chaddr=020000000e09"

example_checks() {
	vc=$(o 60 PXEClient)
	isc_said bios-offer "yiaddr=pool1 siaddr=10.99.0.2 " " file=undionly.kpxe " " $vc "
	isc_said uefi-ack "yiaddr=pool1 siaddr=10.99.0.2 " " file=ipxe.efi " " $vc"
	isc_said arm64-ack " file=ipxe-arm64.efi " " $vc"
	# iPXE: ipxe.no-pxedhcp (176) = 1 in 175
	isc_said ipxe-ack " file=http://10.99.0.2/boot.ipxe " " 175=b00101"
	isc_said laptop-ack "^DHCPACK yiaddr=pool1 siaddr=0.0.0.0 sname= file= " " 15=$(hx lab.example)"
	assertNotContains "no 60 for a laptop" "$(grep '^laptop-ack' "$work/isc.replies")" " 60="
	# the host's file beats the class's, the class's next-server still there
	isc_said kiosk-ack "^DHCPACK yiaddr=10.99.0.9 siaddr=10.99.0.2 " " file=http://10.99.0.2/kiosk.ipxe "
}

test_readme_netboot_example_serves_every_firmware() {
	need dhcpd || return 0
	serve_both netboot-example.conf "$EXAMPLE_REQS" example_checks
}

# ---- 2. the vendor class chooses pool and options --------------------------------------

VENDOR_REQS="phone raw=60:$(hx Avaya-9611G) prl=1,3,6,15,66,242 flags=8000 xid=c1 chaddr=020000000b01
windows raw=60:$(hx 'MSFT 5.0') prl=1,3,6,15,31,33,43,44,46,47,119,121,249,252 flags=8000 xid=c2 chaddr=020000000b02
bios $BIOS xid=c3 chaddr=020000000b03
other raw=60:$(hx 'udhcp 1.36.1') prl=1,3,6,15,17,66 flags=8000 xid=c4 chaddr=020000000b04"

vendor_checks() {
	isc_said phone-offer "^DHCPOFFER yiaddr=pool2 " " $(o 66 10.99.0.3) " " $(o 15 lan.example)"
	assertNotContains "no 60 echoed" "$(cat "$work/isc.replies")" " 60="
	isc_said phone-ack "^DHCPACK yiaddr=pool2 "
	isc_said windows-ack "^DHCPACK yiaddr=pool1 " " $(o 15 win.example)"
	isc_said bios-ack "^DHCPACK yiaddr=pool1 " " $(o 17 10.99.0.2:/srv/bios)"
	isc_said other-ack "^DHCPACK yiaddr=pool1 " " $(o 15 lan.example)"
	assertNotContains "others get no root path" "$(grep '^other-ack' "$work/isc.replies")" " 17="
}

test_vendor_class_chooses_the_pool_and_a_subclass_its_options() {
	need dhcpd || return 0
	serve_both netboot-vendor-class.conf "$VENDOR_REQS" vendor_checks
}

# ---- 3. vendor option spaces (43) and encapsulate ----------------------------------------

SPACE_REQS="pxe $BIOS xid=d1 chaddr=020000000c01
pxe-no43 $BIOS_NO43 xid=d2 chaddr=020000000c02
ubnt raw=60:$(hx ubnt) prl=1,3,6,12,15,28,42,43 flags=8000 xid=d3 chaddr=020000000c03
ubnt-no43 raw=60:$(hx ubnt) prl=1,3,6,12,15,28,42 flags=8000 xid=d4 chaddr=020000000c04
ubnt-prl60 raw=60:$(hx ubnt) prl=1,3,6,12,15,28,42,43,60 flags=8000 xid=d8 chaddr=020000000c08
ipxe $IPXE xid=d5 chaddr=020000000c05
ipxe-nohttp $IPXE_NOHTTP xid=d6 chaddr=020000000c06
big raw=60:$(hx big) prl=1,3,43 flags=8000 xid=d7 chaddr=020000000c07
order raw=60:$(hx order) prl=1,3,43 flags=8000 xid=d9 chaddr=020000000c09"

space_checks() {
	# PXE: 1 mtftp-ip 224.1.1.1, 2/3 ports 1758/1759, 4 timeout 1, 5 delay 10, 6 control 3
	pxe43=43=0104e0010101020206de030206df04010105010a060103
	isc_said pxe-offer " $pxe43" " $(o 60 PXEClient)" " file=pxelinux.0 " "siaddr=10.99.0.2 "
	isc_said pxe-ack " $pxe43"
	# 43 and 60 only when the PRL asks (the PXE PRL has both)
	isc_said pxe-no43-ack " $(o 60 PXEClient)" " file=pxelinux.0 "
	assertNotContains "no 43 unasked" "$(grep '^pxe-no43-' "$work/isc.replies")" " 43="
	isc_said ubnt-ack "\| 1=ffffff00 3=0a630001 43=01040a630005 51=00000258 53=05 54=0a630001 $"
	isc_said ubnt-no43-ack "\| 1=ffffff00 3=0a630001 51=00000258 53=05 54=0a630001 $"
	isc_said ubnt-prl60-ack " 43=01040a630005 " " $(o 60 ubnt) "
	# the first class ("ipxe") sets the file; "pxe" still its 43, 60, next-server
	isc_said ipxe-ack " file=http://10.99.0.2/boot.ipxe " " $pxe43 " " 175=0101ffb00101 " "siaddr=10.99.0.2 "
	isc_said ipxe-nohttp-ack " file=tftp://10.99.0.2/boot.ipxe " " 175=0101ffb00101 "
	# 396 bytes of 43: RFC 3396 parts (joined here), the rest in the file field
	isc_said big-ack "^DHCPACK " " overload=1 " " 43=01c4(31){196}02c4(32){196} " " 52=01 "
	isc_said order-ack " 43=030103050105090109 "
}

test_vendor_option_spaces_with_and_without_43_requested() {
	need dhcpd || return 0
	serve_both netboot-option-space.conf "$SPACE_REQS" space_checks
}

# ---- 4. zero-touch provisioning ----------------------------------------------------------

ZTP_PRL=prl=1,3,6,12,15,28,42,66,67,114
ZTP_REQS="onie raw=60:$(hx onie_vendor:x86_64-accton_as7712_32x-r0) $ZTP_PRL flags=8000 xid=f1 chaddr=020000000d01
onie-upper raw=60:$(hx ONIE_VENDOR:X86_64-ACCTON_AS5712_54X-R0) $ZTP_PRL flags=8000 xid=f2 chaddr=020000000d02
onie-arm raw=60:$(hx onie_vendor:arm64-celestica_e1031-r0) $ZTP_PRL flags=8000 xid=f3 chaddr=020000000d03
onie-arm-upper raw=60:$(hx ONIE_VENDOR:ARM64-CELESTICA_E1031-R0) $ZTP_PRL flags=8000 xid=f4 chaddr=020000000d04
arista raw=60:$(hx 'Arista;DCS-7050SX-64;01.23;JPE12345678') $ZTP_PRL flags=8000 xid=f5 chaddr=020000000d05
sw01 $ZTP_PRL flags=8000 xid=f6 chaddr=020000000c01
sw01-by-id raw=61:01020000000c01 $ZTP_PRL flags=8000 xid=f7 chaddr=020000000d07
sw01-other-id raw=61:01020000000d08 $ZTP_PRL flags=8000 xid=f8 chaddr=020000000c01"

ztp_checks() {
	isc_said onie-ack " $(o 114 http://10.99.0.2/onie/onie-installer-x86_64-accton_as7712_32x-r0)" \
		" $(o 12 sw-2-0-0-0-d-1)"
	isc_said onie-upper-ack " $(o 114 http://10.99.0.2/onie/onie-installer-X86_64-ACCTON_AS5712_54X-R0)"
	isc_said onie-arm-ack " $(o 114 http://10.99.0.2/onie/onie-installer-arm64)"
	assertNotContains "~= is case-sensitive" "$(grep '^onie-arm-upper-ack' "$work/isc.replies")" " 114="
	isc_said arista-ack " $(o 67 http://10.99.0.2/ztp/bootstrap)" " file= "
	isc_said sw01-ack " $(o 67 http://10.99.0.2/ztp/sw01.cfg)" " $(o 12 sw-2-0-0-0-c-1)"
	isc_said sw01-by-id-ack " $(o 67 http://10.99.0.2/ztp/sw01.cfg)"
	assertNotContains "the client id comes first" "$(grep '^sw01-other-id-ack' "$work/isc.replies")" " 67="
	for line in "ZTP 2:0:0:0:d:1 onie_vendor:x86_64-accton_as7712_32x-r0" "ONIE 32x-r0" \
		"ZTP 2:0:0:0:c:1 no vendor class"; do
		assertContains "ISC logs it" "$(cat "$LOGS/isc.log")" "$line"
	done
}

test_zero_touch_provisioning_by_vendor_class_and_hardware() {
	need dhcpd || return 0
	isc_asks netboot-ztp.conf "$ZTP_REQS" || return 0
	ztp_checks
	echo "ISC logged:"; grep -E "(ZTP|ONIE) " "$LOGS/isc.log" | sed "s/^/    /"
	ours_asks netboot-ztp.conf "$ZTP_REQS" || return 0
	same_replies
	# log(info, ...) lines, as ISC logged them
	while read -r line; do
		assertContains "udhcpd logs '$line'" "$(cat "$LOGS/ours.log")" "$line"
	done < <(grep -oE '(ZTP|ONIE) .*' "$LOGS/isc.log" | sort -u)
}

# ---- 5. known, static, exists, not, or, != and null ---------------------------------------

COND_PRL=prl=1,3,6,14,15,17,18,40,64,66,67
COND_REQS="known $COND_PRL flags=8000 xid=a1 chaddr=020000000d01
static $COND_PRL flags=8000 xid=a2 chaddr=020000000d02
unknown $COND_PRL flags=8000 xid=a3 chaddr=020000000d03
unknown-ipxe raw=77:$(hx iPXE) $COND_PRL flags=8000 xid=a4 chaddr=020000000d04
unknown-x raw=60:$(hx x) $COND_PRL flags=8000 xid=a5 chaddr=020000000d05
unknown-y raw=60:$(hx y) raw=77:$(hx y) $COND_PRL flags=8000 xid=a6 chaddr=020000000d06"

cond_checks() {
	isc_said known-ack "^DHCPACK yiaddr=pool1 " " $(o 15 known.example)" " file=undionly.kpxe "
	assertNotContains "known, dynamic: no nis-domain" "$(grep '^known-ack' "$work/isc.replies")" " 40="
	isc_said static-ack "^DHCPACK yiaddr=10.99.0.20 " " $(o 15 known.example)" " $(o 40 static)"
	isc_said unknown-ack " $(o 15 unknown.example)" " $(o 40 dynamic-unknown)"
	isc_said unknown-ipxe-ack " file=http://10.99.0.2/boot.ipxe "
	isc_said unknown-x-ack " file=undionly.kpxe "
	# null = null is true, null != "x" true, not (null = "x") true
	isc_said unknown-ack " $(o 17 null-equals-null) " " $(o 14 null-differs-from-x) " \
		" $(o 18 not-null-equals-x) "
	isc_said unknown-ipxe-ack " $(o 17 null-differs-from-null) "
	isc_said unknown-x-ack " $(o 14 null-not-differs-from-x) " " $(o 17 null-differs-from-null) "
	assertNotContains "not (\"x\" = \"x\")" "$(grep '^unknown-x-ack' "$work/isc.replies")" " 18="
	isc_said unknown-y-ack " $(o 17 null-equals-null) "
}

test_known_static_exists_not_or_and_null_in_conditions() {
	need dhcpd || return 0
	serve_both netboot-conditions.conf "$COND_REQS" cond_checks
}

# ---- which scope wins --------------------------------------------------------------------

PREC_REQS="both raw=60:$(hx both-classes) prl=1,3,14,15,17,40 flags=8000 xid=91 chaddr=020000000f02
first raw=60:$(hx both-first-only) prl=1,3,14,15,17,40 flags=8000 xid=92 chaddr=020000000f03
host raw=60:$(hx both-classes) prl=1,3,14,15,17,40 flags=8000 xid=93 chaddr=020000000f01
none prl=1,3,14,15,17,40 flags=8000 xid=94 chaddr=020000000f04"

prec_checks() {
	isc_said none-ack " $(o 15 pool)" " $(o 40 pool)" " $(o 14 subnet)"
	isc_said first-ack " $(o 15 class-first)" " $(o 17 class-first)"
	# the class first declared wins; a class beats pool and subnet; a host the class
	isc_said both-ack " $(o 15 class-first) " " $(o 17 class-first) " " $(o 14 class-second) " \
		" $(o 40 pool) "
	isc_said host-ack " $(o 17 host) " " $(o 15 class-first) " " $(o 14 class-second) "
}

test_class_options_against_pool_subnet_host_and_each_other() {
	need dhcpd || return 0
	serve_both netboot-precedence.conf "$PREC_REQS" prec_checks
}

# ---- values computed in a file of no class and no if ------------------------------------

CALC_REQS="vend raw=60:$(hx 'ACME-X1') prl=1,3,12,17 flags=8000 xid=a1 chaddr=020000001a2b
plain prl=1,3,12,17 flags=8000 xid=a2 chaddr=020000001a2c"

calc_checks() {
	isc_said vend-ack " $(o 12 node-01a2b) " " $(o 17 /srv/acme-x1) "
	isc_said plain-ack " $(o 12 node-01a2c) " " $(o 17 /srv/generic) "
}

test_computed_values_and_log_without_classes() {
	need dhcpd || return 0
	serve_both netboot-computed.conf "$CALC_REQS" calc_checks
	for line in "COMPUTED 2.0.0.0.26.43" "COMPUTED 2.0.0.0.26.44"; do
		assertContains "ISC dhcpd logs '$line'" "$(cat "$LOGS/isc.log")" "$line"
		assertContains "udhcpd logs '$line'" "$(cat "$LOGS/ours.log")" "$line"
	done
}

# ---- a class named before it is declared ------------------------------------------------

test_a_class_allowed_before_its_declaration_is_an_error() {
	need dhcpd || return 0
	out=$(dhcpd -t -cf "$FIX/bad/netboot-forward-class.conf" 2>&1)
	assertNotEquals "dhcpd -t rejects it" 0 $?
	assertContains "$out" "line 10: no such class: late"
	out=$("$DHCPBOX" udhcpd -t "$FIX/bad/netboot-forward-class.conf" 2>&1)
	assertNotEquals "udhcpd -t rejects it" 0 $?
	assertContains "udhcpd names the class: $out" "$out" "late"
	assertContains "udhcpd: at line 10: $out" "$out" ":10:"
	assertNotContains "not for want of the feature: $out" "$out" "not supported"
}

. /usr/share/shunit2/shunit2
