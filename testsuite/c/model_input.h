/*
 * model_input.h: where a model test's choices come from: a seeded
 * generator (the udhcpd_model and udhcpc_model runners) or a fuzzer's
 * bytes (fuzz_server, fuzz_client). Shared by both models.
 */
#ifndef DHCPBOX_TEST_MODEL_INPUT_H
#define DHCPBOX_TEST_MODEL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A number in [0, n). */
struct model_input {
	unsigned (*pick)(void *ctx, unsigned n);
	bool (*exhausted)(void *ctx);
	void *ctx;
};

/* xorshift64*: reproducible on every platform */
struct model_seeded {
	uint64_t state;
};

static inline unsigned model_seeded_pick(void *ctx, unsigned n)
{
	struct model_seeded *r = ctx;

	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return (unsigned)((r->state * 0x2545F4914F6CDD1Dull >> 32) % n);
}

static inline bool model_never_exhausted(void *ctx)
{
	(void)ctx;
	return false;
}

/* A fuzzer's input: one byte for small choices, two for the larger ones. */
struct model_bytes {
	const uint8_t *p;
	size_t n, at;
};

static inline unsigned model_bytes_pick(void *ctx, unsigned n)
{
	struct model_bytes *b = ctx;
	unsigned v = 0;

	for (unsigned k = 0; k < (n > 256 ? 2 : 1); k++)
		v = v << 8 | (b->at < b->n ? b->p[b->at++] : 0);
	return v % n;
}

static inline bool model_bytes_exhausted(void *ctx)
{
	const struct model_bytes *b = ctx;

	return b->at >= b->n;
}

#endif
