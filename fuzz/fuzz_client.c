/*
 * libFuzzer target: udhcpc's real code through the fake os/ seam, the
 * model test's harness (testsuite/c/client_model.c) with the input
 * choosing every step (which server answers what, what the network
 * loses, hostile replies, signals, interface changes, socket faults,
 * clock jumps, restarts). A broken invariant aborts.
 */
#include "client_model.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bytes {
	const uint8_t *p;
	size_t n, at;
};

static unsigned bytes_pick(void *ctx, unsigned n)
{
	struct bytes *b = ctx;
	unsigned v = 0;

	for (unsigned k = 0; k < (n > 256 ? 2 : 1); k++)
		v = v << 8 | (b->at < b->n ? b->p[b->at++] : 0);
	return v % n;
}

static bool bytes_exhausted(void *ctx)
{
	const struct bytes *b = ctx;

	return b->at >= b->n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size, 0 };
	struct model_input in = { bytes_pick, bytes_exhausted, &b };
	struct client_model_stats st;

	if (client_model_run(&in, 100000, false, &st) < 0)
		abort();
	return 0;
}
