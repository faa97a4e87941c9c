/*
 * filter_probe: the client's packet filter (codec/filter.c) for the codec
 * suite. The BPF program runs in a small interpreter here, next to the C
 * test that stands in for it when the kernel refuses the program, so the
 * suite can check that both accept exactly the same packets.
 *
 *	check PORT HEX		"bpf=accept|drop c=accept|drop" for one packet
 *	sweep PORT SEED COUNT	both over the same packets: every truncation,
 *				header length and interesting byte of a UDP
 *				packet, then COUNT random ones; prints "frames=N
 *				accepted=N dropped=N mismatches=N" (and each
 *				mismatch's hex, the first ten)
 *	partial HEX		"partial" or "full": does the UDP checksum
 *				field hold what an offloading sender leaves?
 *
 * The interpreter follows the kernel's classic BPF: A and X start at 0, a
 * load past the end of the packet ends the program with 0 (drop).
 */
#include "libbb.h"
#include "codec/common.h"
#include "codec/filter.h"

enum { MAX_FRAME = 96, BASE_LEN = 28, SHOWN_MISMATCHES = 10 };

/* The program's verdict; -1 for an opcode this interpreter does not know
 * (a new instruction in filter.c must be taught here first). */
static int bpf_run(const struct udhcp_bpf_insn *prog, size_t n, const uint8_t *p, size_t len)
{
	uint32_t a = 0, x = 0;

	for (size_t pc = 0; pc < n; pc++) {
		const struct udhcp_bpf_insn *i = &prog[pc];
		uint32_t off = i->code == BPF_LDH_IND ? x + i->k : i->k;

		switch (i->code) {
		case BPF_LDB_ABS:
		case BPF_LDX_MSH:
			if (off >= len)
				return 0;
			if (i->code == BPF_LDB_ABS)
				a = p[off];
			else
				x = 4u * (p[off] & 0x0f);
			break;
		case BPF_LDH_ABS:
		case BPF_LDH_IND:
			if (off + 2 > len)
				return 0;
			a = (uint32_t)p[off] << 8 | p[off + 1];
			break;
		case BPF_JEQ_K:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case BPF_JSET_K:
			pc += a & i->k ? i->jt : i->jf;
			break;
		case BPF_RET_K:
			return i->k != 0;
		default:
			return -1;
		}
	}
	return -1;	/* ran off the end: the kernel refuses such a program */
}

struct sweep {
	struct udhcp_bpf_insn prog[UDHCP_FILTER_LEN];
	uint16_t port;
	unsigned frames, accepted, mismatches;
};

static void print_hex(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static void compare(struct sweep *s, const uint8_t *p, size_t len)
{
	int bpf = bpf_run(s->prog, UDHCP_FILTER_LEN, p, len);
	bool c = udhcp_filter_accepts(p, len, s->port);

	if (bpf < 0)
		bb_error_msg_and_die("the BPF program has an opcode the interpreter does not know");
	s->frames++;
	s->accepted += bpf;
	if ((bpf == 1) != c && s->mismatches++ < SHOWN_MISMATCHES) {
		printf("mismatch: bpf=%d c=%d len=%zu ", bpf, c, len);
		print_hex(p, len);
	}
}

/* A UDP packet to port, header length ihl bytes (any 0..60: BPF does not
 * check it), every truncation of it. */
static void sweep_lengths(struct sweep *s, unsigned ihl)
{
	uint8_t p[MAX_FRAME] = { 0x40 | (ihl / 4), 0, 0, 28, 0, 0, 0, 0, 64, 17 };

	p[ihl + 2] = (uint8_t)(s->port >> 8);
	p[ihl + 3] = (uint8_t)s->port;
	for (size_t len = 0; len <= ihl + 8 && len <= MAX_FRAME; len++)
		compare(s, p, len);
}

/* Every byte of the first 32 of a good packet set to each value that
 * means something to one of the tests. */
static void sweep_bytes(struct sweep *s)
{
	static const uint8_t values[] = { 0x00, 0x01, 0x06, 0x0f, 0x10, 0x11, 0x1f, 0x20,
		0x3f, 0x40, 0x43, 0x44, 0x45, 0x46, 0x4f, 0x60, 0x80, 0xe0, 0xff };
	uint8_t base[BASE_LEN] = { 0x45, 0, 0, BASE_LEN, 0, 0, 0, 0, 64, 17 };

	base[22] = (uint8_t)(s->port >> 8);
	base[23] = (uint8_t)s->port;
	for (size_t at = 0; at < BASE_LEN; at++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			uint8_t p[BASE_LEN];

			memcpy(p, base, sizeof(p));
			p[at] = values[v];
			compare(s, p, sizeof(p));
		}
	}
}

static uint32_t xorshift(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Random packets, half of them pushed toward acceptance on each test
 * (UDP, no fragment offset, the port where the header length puts it). */
static void sweep_random(struct sweep *s, uint32_t seed, unsigned count)
{
	uint32_t st = seed ? seed : 1;

	for (unsigned n = 0; n < count; n++) {
		uint8_t p[MAX_FRAME];
		size_t len = xorshift(&st) % MAX_FRAME, ihl;

		for (size_t i = 0; i < sizeof(p); i++)
			p[i] = (uint8_t)xorshift(&st);
		if (xorshift(&st) & 1)
			p[9] = 17;
		if (xorshift(&st) & 1)
			p[6] &= 0xe0, p[7] = 0;
		ihl = (size_t)(p[0] & 0x0f) * 4;
		if (xorshift(&st) & 1) {
			p[ihl + 2] = (uint8_t)(s->port >> 8);
			p[ihl + 3] = (uint8_t)s->port;
		}
		compare(s, p, len);
	}
}

static uint8_t *read_hex(const char *text, size_t *len)
{
	size_t n = strlen(text) / 2;
	uint8_t *buf = xzalloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(text + 2 * i, "%2x", &v) != 1)
			bb_error_msg_and_die("bad hex at %zu", 2 * i);
		buf[i] = (uint8_t)v;
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	struct sweep s = { .port = 0 };
	size_t len;
	uint8_t *p;

	applet_name = "filter_probe";
	if (argc == 3 && strcmp(argv[1], "partial") == 0) {
		p = read_hex(argv[2], &len);
		puts(udhcp_udp_csum_is_partial(p, len) ? "partial" : "full");
		free(p);
		return 0;
	}
	if (argc < 4)
		bb_error_msg_and_die("usage: see testsuite/c/filter_probe.c");
	s.port = (uint16_t)xatou(argv[2]);
	udhcp_filter_program(s.prog, s.port);
	if (strcmp(argv[1], "check") == 0) {
		int bpf;

		p = read_hex(argv[3], &len);
		bpf = bpf_run(s.prog, UDHCP_FILTER_LEN, p, len);
		printf("bpf=%s c=%s\n", bpf < 0 ? "unknown-opcode" : bpf ? "accept" : "drop",
			udhcp_filter_accepts(p, len, s.port) ? "accept" : "drop");
		free(p);
		return 0;
	}
	if (strcmp(argv[1], "sweep") == 0 && argc >= 5) {
		for (unsigned ihl = 0; ihl <= 60; ihl += 4)
			sweep_lengths(&s, ihl);
		sweep_bytes(&s);
		sweep_random(&s, xatou(argv[3]), xatou(argv[4]));
		printf("frames=%u accepted=%u dropped=%u mismatches=%u\n", s.frames, s.accepted,
			s.frames - s.accepted, s.mismatches);
		return s.mismatches != 0;
	}
	bb_error_msg_and_die("unknown command '%s'", argv[1]);
}
