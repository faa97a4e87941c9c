#!/bin/bash
# The DHCP codec (networking/udhcp: packet, options, names, text) through
# testsuite/c/udhcp_probe.c: whole messages from fixtures (hex in, decoded
# fields or the rejection reason out), option tables for rendering and
# parsing, the builder's size limits, IPv4/UDP framing and checksums.
. "$SRCTREE/testsuite/testlib.sh"

P="$PROBES/udhcp_probe"
FIX="$SRCTREE/testsuite/fixtures/codec"

trim() { sed 's/^[ \t]*//; s/[ \t]*$//' <<<"$1"; }

# hex_of FIELD: a table's data column: hex as it is, "text" converted.
hex_of() {
	case "$1" in
	\"*\") printf '%b' "${1:1:${#1}-2}" | od -An -tx1 -v | tr -d ' \n' ;;
	*) printf '%s' "$1" ;;
	esac
}

# check_row WHAT EXPECTED ACTUAL: "!text" expects an error containing text.
check_row() {
	case "$2" in
	!*) assertContains "$1: expected an error" "$3" "error: "
	    assertContains "$1" "$3" "${2#!}" ;;
	*) assertEquals "$1" "$2" "$3" ;;
	esac
}

test_decode_fixtures() {
	n=0
	for hex in "$FIX"/*.hex; do
		expected="${hex%.hex}.out"
		[ -f "$expected" ] || { fail "no $expected"; continue; }
		assert_output "$(cat "$expected")" "$("$P" decode "$hex")" "$(basename "$hex")"
		n=$((n + 1))
	done
	assertTrue "fixtures found" "[ $n -ge 15 ]"
}

test_render_table() {
	rows=0
	while IFS='|' read -r code data expected; do
		case "$code" in \#*|'') continue ;; esac
		code=$(trim "$code"); data=$(trim "$data"); expected=$(trim "$expected")
		check_row "render $code $data" "$expected" "$("$P" render "$code" "$(hex_of "$data")")"
		rows=$((rows + 1))
	done <"$FIX/render.table"
	assertTrue "rows read" "[ $rows -ge 60 ]"
}

test_text_table() {
	rows=0
	while IFS='|' read -r name value expected; do
		case "$name" in \#*|'') continue ;; esac
		name=$(trim "$name"); value=$(trim "$value"); expected=$(trim "$expected")
		check_row "text $name '$value'" "$expected" "$("$P" text "$name" "$value")"
		rows=$((rows + 1))
	done <"$FIX/text.table"
	assertTrue "rows read" "[ $rows -ge 60 ]"
}

test_arg_table() {
	while IFS='|' read -r arg expected; do
		case "$arg" in \#*|'') continue ;; esac
		arg=$(trim "$arg"); expected=$(trim "$expected")
		check_row "-x $arg" "$expected" "$("$P" arg "$arg")"
	done <"$FIX/arg.table"
}

# Every option the text parser accepts renders back to the same text.
test_text_render_round_trip() {
	while IFS='|' read -r name value; do
		name=$(trim "$name"); value=$(trim "$value")
		out=$("$P" text "$name" "$value")
		code=$(sed -n 's/^code=\([0-9]*\) .*/\1/p' <<<"$out")
		hex=${out##*hex=}
		assertEquals "round trip $name" "$value" "$("$P" render "$code" "$hex")"
	done <<-'EOF'
	dns | 10.0.0.53 10.0.0.54
	search | a.b.example.com b.example.com example.com c.org
	staticroutes | 0.0.0.0/0 10.0.0.1 10.229.0.128/25 10.0.0.1 10.198.122.47/32 10.0.0.2
	sipsrv | sip1.example.com sip2.example.com
	ip6rd | 24 48 2001:db8:100:: 10.0.0.9 10.0.0.10
	userclass | gold silver
	timezone | -18000
	routes | 10.0.0.0/10.0.0.1
	hostname | box.example.com
	EOF
}

# RFC 3442: a destination with bits set past its prefix is the network
# they belong to (ip route refuses 10.1.2.0/22); the fuzzer's round trip
# (fuzz_scriptenv) found it. A search list of the root alone is empty.
test_routes_are_masked_to_their_prefix() {
	assertEquals "10.1.0.0/22 10.0.0.1" "$("$P" render 121 160a01020a000001)"
	assertEquals "10.1.2.128/25 10.0.0.1" "$("$P" render 121 190a0102ff0a000001)"
}

test_dns_names_longer_than_255_rejected() {
	label="3f$(printf '61%.0s' $(seq 63))"
	long="$label$label$label${label}00"
	check_row "4 x 63-byte labels" "!longer than 255 bytes" "$("$P" dnsdec "$long")"
	ok="$label$label${label}3d$(printf '61%.0s' $(seq 61))00"
	assertEquals "253 characters is the most" 253 "$("$P" dnsdec "$ok" | tr -d '\n' | wc -c)"
}

test_dns_compression_pointer_chain() {
	# c.b.a built by chained pointers: a, b->a, c->b
	assertEquals "a b.a c.b.a" "$("$P" dnsdec "016100 0162c000 0163c003")"
}

test_getters() {
	f="$FIX/ack-basic.hex"
	assertEquals 3600 "$("$P" get "$f" 51 u32)"
	assertEquals 5 "$("$P" get "$f" 53 u8)"
	assertEquals 1400 "$("$P" get "$f" 26 u16)"
	assertEquals 10.0.0.1 "$("$P" get "$f" 54 ip)"
	assertEquals "wrong length is invalid" invalid "$("$P" get "$f" 51 u16)"
	assertEquals invalid "$("$P" get "$f" 3 ip)"
	assertEquals invalid "$("$P" get "$f" 26 u8)"
	assertEquals absent "$("$P" get "$f" 58 u32)"
	assertEquals "concatenated lease" 3600 "$("$P" get "$FIX/overload-both.hex" 51 u32)"
	check_row "getter on a bad message" "!no DHCP magic cookie" "$("$P" get "$FIX/no-cookie.hex" 51 u32)"
}

# decode_built TYPE ITEMS...: build a message, decode it.
decode_built() {
	"$P" build "$@" >"$TMPDIR/msg.hex" || { cat "$TMPDIR/msg.hex"; return 1; }
	"$P" decode "$TMPDIR/msg.hex"
}

test_builder_header_and_padding() {
	hex=$("$P" build 1)
	assertEquals "padded to the BOOTP minimum of 300 bytes" 600 "${#hex}"
	out=$(decode_built 3 opt=hostname:box prl=1,3,6,121)
	assertContains "$out" "op=1 htype=1 hlen=6 hops=0 xid=0x12345678"
	assertContains "$out" "chaddr=00:11:22:33:44:55"
	assertContains "$out" "type=DHCPREQUEST"
	assertContains "$out" "hostname=box"
	assertContains "$out" "opt55=01030679"
	assertContains "replies are BOOTREPLY" "$(decode_built 2)" "op=2 "
	for type in 1 2 3 4 5 6 7 8 9; do
		name=$(decode_built $type | sed -n 's/^type=//p')
		assertNotEquals "type $type" "(none)" "$name"
	done
}

test_builder_client_id_fqdn_user_class() {
	out=$(decode_built 1 clientid=00:11:22:33:44:55 fqdn=host.example.com userclass=gold,silver)
	assertContains "$out" "opt61=01001122334455"
	# flags S|E, RCODEs 0, wire format, fully qualified (RFC 4702)
	assertContains "$out" "opt81=05000004686f7374076578616d706c6503636f6d00"
	assertContains "$out" "userclass=gold silver"
	assertContains "a single label is a partial name" "$(decode_built 1 fqdn=box)" "opt81=05000003626f78"
	check_row "bad fqdn" "!'bad;name' is not a valid domain name" "$("$P" build 1 'fqdn=bad;name')"
	check_row "client id over 16 bytes" "!clientid" \
		"$("$P" build 1 clientid=1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17)"
}

test_builder_splits_long_options() {
	data=$(printf 'ab%.0s' $(seq 300))
	hex=$("$P" build 1 max=1500 "raw=250:$data")
	# 255 bytes, then the other 45, as two instances of option 250 (RFC 3396)
	assertContains "$hex" "faff$(printf 'ab%.0s' $(seq 255))fa2d"
	out=$(decode_built 1 max=1500 "raw=250:$data")
	assertContains "concatenated again" "$out" "opt250=$data"
}

# RFC 2131 4.1, RFC 2132 9.3: past the options field into file, then
# sname, option 52 saying which; an option's pieces joined in that order
# (RFC 3396). 304 bytes free: 301 after option 52 (255 + 42 of data),
# 127 in file (125), 63 in sname (61): 483 bytes of one option at most.
test_builder_overloads_into_file_and_sname() {
	data=$(printf 'cd%.0s' $(seq 400))
	out=$(decode_built 2 overload=1 "raw=250:$data")
	assertContains "joined again" "$out" "opt250=$data"
	assertContains "option 52: file" "$out" "overload=1"
	data=$(printf 'cd%.0s' $(seq 483))
	out=$(decode_built 2 overload=1 "raw=250:$data")
	assertContains "all three fields" "$out" "opt250=$data"
	assertContains "option 52: both" "$out" "overload=3"
	check_row "one byte more than the three hold" "!does not fit" \
		"$("$P" build 2 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 484))")"
	check_row "a file field in use is not taken" "!does not fit" \
		"$("$P" build 2 file=pxelinux.0 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 400))")"
	out=$(decode_built 2 file=pxelinux.0 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 350))")
	assertContains "sname only" "$out" "overload=2"
	assertContains "the file kept" "$out" "file=pxelinux.0"
	check_row "not without overload=1" "!does not fit" "$("$P" build 2 "raw=250:$data")"
	# option 52 needs 3 bytes of the options field: none left, or 1, 2
	forty=$(printf 'ef%.0s' $(seq 40))
	for fill in 300 299 298; do
		check_row "the options field full to $((300 - fill)) bytes" "!does not fit" \
			"$("$P" build 2 overload=1 "raw=250:$(printf 'cd%.0s' $(seq $fill))" "raw=251:$forty")"
	done
	# 3 left: option 52 there, the 40 bytes in file; the message stays in 548
	hex=$("$P" build 2 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 297))" "raw=251:$forty")
	assertEquals "within the client's 576" $((548 * 2)) "${#hex}"
	out=$(decode_built 2 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 297))" "raw=251:$forty")
	assertContains "option 52 in the last 3 bytes" "$out" "overload=1"
	assertContains "251 from file" "$out" "opt251=$forty"
	# the same at a client's 1500 (1472 after IP and UDP): never past the field
	check_row "at a client's 1500 too (1228 bytes of options, all taken)" "!does not fit" \
		"$("$P" build 2 max=1500 overload=1 "raw=250:$(printf 'cd%.0s' $(seq 1218))" "raw=251:$forty")"
}

test_builder_respects_the_size_limit() {
	# 576 - 28 (IP, UDP) - 240 (BOOTP) - 1 (END) - 3 (option 53) = 304 bytes
	# left: 300 bytes of data in two pieces (2 + 255, 2 + 45) fill them.
	fits=$(printf 'ab%.0s' $(seq 300))
	too_big=$(printf 'ab%.0s' $(seq 301))
	hex=$("$P" build 1 "raw=250:$fits")
	assertEquals "exactly 576 - 28 bytes" $((548 * 2)) "${#hex}"
	check_row "one byte over" "!raw: does not fit" "$("$P" build 1 "raw=250:$too_big")"
	check_row "limits below 576 are ignored" "!does not fit" "$("$P" build 1 max=300 "raw=250:$too_big")"
	big=$(printf 'ab%.0s' $(seq 1100))
	hex=$("$P" build 1 max=1500 "raw=250:$big")
	assertTrue "peer's option 57 raises the limit" "[ ${#hex} -gt 2200 ]"
	huge=$(printf 'ab%.0s' $(seq 1300))
	check_row "never past an Ethernet frame" "!does not fit" "$("$P" build 1 max=9000 "raw=250:$huge")"
	check_row "END and PAD are not options" "!does not fit" "$("$P" build 1 raw=255:00)"
}

test_checksum_known_answer() {
	# RFC 1071 section 3's example: the sum is ddf2, the checksum its complement
	assertEquals 220d "$("$P" csum 0001f203f4f5f6f7)"
	assertEquals "odd length: the last byte is padded" "$("$P" csum 0001f203f4f5f6f700)" \
		"$("$P" csum 0001f203f4f5f6f7)"
	assertEquals "an odd byte counts as the high half (0100)" feff "$("$P" csum 01)"
	# and a built frame's IP header checks out
	msg=$("$P" build 5 opt=lease:60)
	printf '%s' "$msg" >"$TMPDIR/m.hex"
	frame=$("$P" mkframe "$TMPDIR/m.hex")
	ip_header=${frame:0:40}
	# the header's own sum, checksum included, folds to ffff
	sum=0
	for i in $(seq 0 4 36); do sum=$((sum + 16#${ip_header:$i:4})); done
	while [ $sum -gt 65535 ]; do sum=$(((sum & 65535) + (sum >> 16))); done
	assertEquals "IP header checksum verifies" 65535 $sum
	assertEquals "version/IHL, length" "4500$(printf '%04x' $(( ${#frame} / 2 )))" "${frame:0:8}"
	assertEquals "TTL 64, UDP" "4011" "${frame:16:4}"
	assertEquals "10.0.0.1 to 255.255.255.255" "0a000001ffffffff" "${frame:24:16}"
	assertEquals "ports 67 -> 68" "00430044" "${frame:40:8}"
}

# flip HEX OFFSET: HEX with the byte at OFFSET inverted.
flip() {
	b=$((16#${1:$(($2 * 2)):2} ^ 255))
	printf '%s%02x%s' "${1:0:$(($2 * 2))}" $b "${1:$(($2 * 2 + 2))}"
}

# set_byte HEX OFFSET VALUE
set_byte() {
	printf '%s%02x%s' "${1:0:$(($2 * 2))}" "$3" "${1:$(($2 * 2 + 2))}"
}

test_frame_verification() {
	"$P" mkframe "$FIX/ack-basic.hex" >"$TMPDIR/f.hex"
	f=$(cat "$TMPDIR/f.hex")
	assertContains "a good frame" "$("$P" frame "$f" 68)" "type=DHCPACK"
	assertContains "Ethernet padding after the datagram" "$("$P" frame "${f}000000" 68)" "type=DHCPACK"
	check_row "port" "!UDP to port 68, not 67" "$("$P" frame "$f" 67)"
	check_row "short" "!short IP packet: 19 bytes" "$("$P" frame "${f:0:38}" 68)"
	len=$((${#f} / 2))
	check_row "truncated" "!IP length $len but $((len - 1)) bytes received" \
		"$("$P" frame "${f:0:$((len * 2 - 2))}" 68)"
	check_row "IPv6" "!not IPv4 (version 6)" "$("$P" frame "$(set_byte "$f" 0 0x65)" 68)"
	check_row "IHL" "!bad IP header length 16" "$("$P" frame "$(set_byte "$f" 0 0x44)" 68)"
	check_row "IHL past end" "!bad IP header length 60 in 20 bytes" "$("$P" frame "4f${f:2:38}" 68)"
	check_row "fragment" "!IP fragment" "$("$P" frame "$(set_byte "$f" 6 0x20)" 68)"
	check_row "TCP" "!not UDP (protocol 6)" "$("$P" frame "$(set_byte "$f" 9 6)" 68)"
	check_row "IP checksum" "!bad IP header checksum" "$("$P" frame "$(flip "$f" 11)" 68)"
	check_row "IP length too small" "!leaves no room for UDP" "$("$P" frame "$(set_byte "$(set_byte "$f" 2 0)" 3 24)" 68)"
	check_row "UDP checksum" "!bad UDP checksum" "$("$P" frame "$(flip "$f" 27)" 68)"
	check_row "payload bit flip" "!bad UDP checksum" "$("$P" frame "$(flip "$f" 300)" 68)"
	assertContains "checksum offloaded (PACKET_AUXDATA): not checked" \
		"$("$P" frame "$(flip "$f" 27)" 68 offload)" "type=DHCPACK"
	assertContains "no UDP checksum (0) is allowed" \
		"$("$P" frame "$(set_byte "$(set_byte "$f" 26 0)" 27 0)" 68)" "type=DHCPACK"
	check_row "UDP length" "!UDP length $((len - 21)) does not match IP length $((len - 20))" \
		"$("$P" frame "$(set_byte "$f" 25 $((16#${f:50:2} - 1)))" 68)"
	echo "02 01 06 00 z16" >"$TMPDIR/short.hex"
	check_row "payload too short for BOOTP" "!message too short: 20 bytes" \
		"$("$P" frame "$("$P" mkframe "$TMPDIR/short.hex")" 68)"
}

# The user-space filter (when the kernel refuses the BPF program, as
# qemu-user may) must accept exactly what the program accepts: each row
# runs both, the program in filter_probe's interpreter.
test_user_space_filter_is_the_bpf_program() {
	F="$PROBES/filter_probe"
	"$P" mkframe "$FIX/ack-basic.hex" >"$TMPDIR/f.hex"
	f=$(cat "$TMPDIR/f.hex")
	both_accept="bpf=accept c=accept" both_drop="bpf=drop c=drop"
	assertEquals "a DHCP reply to 68" "$both_accept" "$("$F" check 68 "$f")"
	assertEquals "to 67" "$both_drop" "$("$F" check 67 "$f")"
	assertEquals "TCP" "$both_drop" "$("$F" check 68 "$(set_byte "$f" 9 6)")"
	assertEquals "ICMP" "$both_drop" "$("$F" check 68 "$(set_byte "$f" 9 1)")"
	assertEquals "a later fragment (offset 1)" "$both_drop" "$("$F" check 68 "$(set_byte "$f" 7 1)")"
	assertEquals "offset's high bits" "$both_drop" "$("$F" check 68 "$(set_byte "$f" 6 0x10)")"
	# the kernel program lets these by; udhcp_verify_ip_udp drops them
	assertEquals "a first fragment (MF only)" "$both_accept" "$("$F" check 68 "$(set_byte "$f" 6 0x20)")"
	assertEquals "DF" "$both_accept" "$("$F" check 68 "$(set_byte "$f" 6 0x40)")"
	assertEquals "version 6 (the socket is ETH_P_IP)" "$both_accept" \
		"$("$F" check 68 "$(set_byte "$f" 0 0x65)")"
	assertEquals "cut before the port's last byte" "$both_drop" "$("$F" check 68 "${f:0:46}")"
	assertEquals "cut after the port" "$both_accept" "$("$F" check 68 "${f:0:48}")"
	assertEquals "9 bytes: no protocol" "$both_drop" "$("$F" check 68 "${f:0:18}")"
	# IHL 6: the port 4 bytes later, where BPF's MSH load puts it
	assertEquals "IHL 6, port after options" "$both_accept" \
		"$("$F" check 68 "46${f:2:38}00000000${f:40}")"
	assertEquals "IHL 6, port at IHL 5's place" "$both_drop" \
		"$("$F" check 68 "46${f:2}")"
	out=$("$F" sweep 68 12345 100000)
	assertEquals "every truncation, header length, byte value, random packets: no difference" \
		0 "$(echo "$out" | sed -n 's/.*mismatches=\([0-9]*\).*/\1/p')"
	accepted=$(echo "$out" | sed -n 's/.*accepted=\([0-9]*\).*/\1/p')
	dropped=$(echo "$out" | sed -n 's/.*dropped=\([0-9]*\).*/\1/p')
	assertTrue "the sweep has both kinds ($out)" "[ ${accepted:-0} -gt 1000 ] && [ ${dropped:-0} -gt 1000 ]"
	assertEquals "a different port: no difference either" 0 \
		"$("$F" sweep 67 7 20000 | sed -n 's/.*mismatches=\([0-9]*\).*/\1/p')"
}

# Without PACKET_AUXDATA (qemu-user refuses it) a UDP checksum left to
# offload is recognised by its value: the folded pseudo-header sum.
test_offloaded_udp_checksum_recognised_without_auxdata() {
	F="$PROBES/filter_probe"
	# captured from a veth: a UDP socket's broadcast, tp_status 9 (CSUMNOTREADY)
	cap=450000286d6a40004011b7c10a4d00010a4d00ffb2c50044001415bf68656c6c6f20776f726c6421
	assertEquals "as Linux leaves it" partial "$("$F" partial "$cap")"
	assertEquals "one bit off" full "$("$F" partial "$(flip "$cap" 27)")"
	"$P" mkframe "$FIX/ack-basic.hex" >"$TMPDIR/f.hex"
	assertEquals "a full checksum" full "$("$F" partial "$(cat "$TMPDIR/f.hex")")"
	assertEquals "too short for UDP" full "$("$F" partial "${cap:0:54}")"
}

test_option_table() {
	"$P" table all >"$TMPDIR/table"
	assertTrue "sorted by code, codes unique (lookups bsearch it)" \
		"sort -n -c -u -k1,1 '$TMPDIR/table'"
	assertEquals "names unique" "" "$(awk '{print $2; if ($3 != "-") print $3}' "$TMPDIR/table" | sort | uniq -d)"
	for name in subnet timezone router timesvr namesvr dns logsvr cookiesvr lprsvr hostname \
		bootsize domain swapsvr rootpath ipttl mtu broadcast routes nisdomain nissrv \
		ntpsrv wins lease serverid message tftp bootfile userclass tzstr tzdbstr search \
		sipsrv staticroutes vlanid vlanpriority pxeconffile pxepathprefix reboottime ip6rd \
		msstaticroutes wpad lprsrv swapsrv vendor; do
		grep -q -w -- "$name" "$TMPDIR/table" || fail "option name $name missing"
	done
	assertEquals "BusyBox codes" "1 2 3 6 12 15 28 42 100 101 119 120 121 212 249 252" \
		"$(for n in subnet timezone router dns hostname domain broadcast ntpsrv tzstr tzdbstr \
			search sipsrv staticroutes ip6rd msstaticroutes wpad; do
			awk -v n=$n '$2 == n {print $1}' "$TMPDIR/table"; done | tr '\n' ' ' | sed 's/ $//')"
}

test_parameter_request_list() {
	# BusyBox's defaults 1 3 6 12 15 28 42, plus 119 and 121; extras once each
	assertContains "$(decode_built 1 req=)" "opt55=0103060c0f1c2a7779"
	assertContains "$(decode_built 1 req=26,3,26,0,255)" "opt55=0103060c0f1c2a77791a"
	assertContains "-o: only the extras" "$(decode_built 1 noreq=26,42)" "opt55=1a2a"
	assertNotContains "-o and nothing: no option 55" "$(decode_built 1 noreq=)" "opt55"
}

test_typed_adders() {
	out=$(decode_built 5 u16=26:1400 u32=51:86400 ip=54:10.0.0.1 u32=58:43200)
	assertContains "$out" "mtu=1400"
	assertContains "$out" "lease=86400"
	assertContains "$out" "serverid=10.0.0.1"
	assertContains "$out" "opt58=0000a8c0"
}

# The hook script's environment (codec/scriptenv.c): BusyBox's names, the
# fields, and from our own environment only PATH, RESOLV_CONF, UDHCPC_*.
test_script_environment() {
	env=$(env -i PATH=/bin:/usr/bin RESOLV_CONF=/tmp/r UDHCPC_X=1 SECRET=no \
		"$P" scriptenv "$FIX/ack-basic.hex")
	for line in interface=eth0 ip=10.0.0.100 siaddr=10.0.0.1 sname=tftpsrv \
		boot_file=pxelinux.0 mask=24 subnet=255.255.255.0 "router=10.0.0.1 10.0.0.2" \
		dns=10.0.0.53 domain=example.test lease=3600 serverid=10.0.0.1 opt53=05 \
		PATH=/bin:/usr/bin RESOLV_CONF=/tmp/r UDHCPC_X=1; do
		assertContains "$env" "$line"
	done
	assertNotContains "nothing else of ours passes" "$env" "SECRET"
	env=$("$P" scriptenv "$FIX/hostile-strings.hex" 2>/dev/null)
	for var in sname hostname domain rootpath nisdomain message tftp subnet lease; do
		assertFalse "$var is left out" "echo '$env' | grep -q '^$var='"
	done
	assertContains "$env" "bootfile=pxelinux.0"
	assertContains "$env" "boot_file=boot.ipxe"
	env=$("$P" scriptenv "$FIX/blank-strings.hex" 2>/dev/null)
	for var in tzstr rootpath; do
		assertFalse "blank $var is left out" "echo '$env' | grep -q '^$var='"
	done
	assertContains "$env" "domain=home"
}

test_text_limits() {
	check_row "a word over 255 bytes" "!too long" \
		"$("$P" text hostname "$(printf 'a%.0s' $(seq 300))")"
	name=$(for i in $(seq 1 20); do printf 'example%02d.' "$i"; done)org
	check_row "a 203-byte domain name is one word" "code=15 len=203" \
		"$("$P" text domain "$name" | cut -d' ' -f1,2)"
	many=$(for i in $(seq 1 300); do printf '10.0.%d.%d ' $((i / 250)) $((i % 250)); done)
	check_row "a value over 1024 bytes" "!option dns: value too long" "$("$P" text dns "$many")"
	assertContains "256 addresses fit" "$("$P" text dns "$(echo "$many" | cut -d' ' -f1-256)")" "len=1024"
}

# ARP for conflict detection (RFC 5227 2.1.1): the probe, and what counts
# as the address being in use.
test_arp_probe_and_conflicts() {
	us=020000000001 them=02eeeeeeee01
	assertEquals "request, sender IP 0, target IP, our MAC" \
		"0001080006040001020000000001000000000000000000000a000005" \
		"$("$P" arpprobe $us 10.0.0.5)"
	reply=0001080006040002${them}0a000005${us}00000000	# a host that has 10.0.0.5
	assertEquals conflict "$("$P" arpconflict $reply $us 10.0.0.5)"
	assertEquals "another address" none "$("$P" arpconflict $reply $us 10.0.0.6)"
	probe=0001080006040001${them}000000000000000000000a000005	# someone probing for it
	assertEquals conflict "$("$P" arpconflict $probe $us 10.0.0.5)"
	assertEquals "our own probe looped back" none \
		"$("$P" arpconflict "$("$P" arpprobe $us 10.0.0.5)" $us 10.0.0.5)"
	assertEquals "too short" none "$("$P" arpconflict 0001080006040002 $us 10.0.0.5)"
	assertEquals "not Ethernet" none "$("$P" arpconflict 0006080006040002${them}0a000005${us}00000000 $us 10.0.0.5)"
	assertEquals "not a request or reply" none \
		"$("$P" arpconflict 0001080006040003${them}0a000005${us}00000000 $us 10.0.0.5)"
}

# Option 82's sub-options (RFC 3046 2.0): each fills its length exactly;
# link selection (RFC 3527) and server id override (RFC 5107) are 4 bytes;
# a repeated code is refused (which circuit would it be?).
test_relay_agent_sub_options() {
	while IFS='|' read -r hex expected; do
		assertEquals "$hex" "$expected" "$("$P" agent "$hex")"
	done <<-'EOF'
	010465746833|circuit=65746833 remote=- link=- override=-
	0104657468330203616263|circuit=65746833 remote=616263 link=- override=-
	0203616263010100|circuit=00 remote=616263 link=- override=-
	05040a0100000b040a010001|circuit=- remote=- link=10.1.0.0 override=10.1.0.1
	0900|circuit=- remote=- link=- override=-
	|circuit=- remote=- link=- override=-
	0105657468|error: relay agent sub-option 1 runs past option 82
	01|error: relay agent sub-option 1 runs past option 82
	010161010162|error: relay agent sub-option 1 repeated
	05030a0100|error: relay agent link selection of 3 bytes, not 4
	0b050a01000100|error: relay agent server id override of 5 bytes, not 4
	EOF
}

test_mask_to_prefix() {
	assertEquals 24 "$("$P" mask 255.255.255.0)"
	assertEquals 0 "$("$P" mask 0.0.0.0)"
	assertEquals 32 "$("$P" mask 255.255.255.255)"
	assertEquals 25 "$("$P" mask 255.255.255.128)"
	assertEquals "non-contiguous" -1 "$("$P" mask 255.0.255.0)"
}

. "$SRCTREE/testsuite/testlib_run.sh"
