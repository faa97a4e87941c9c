/*
 * libFuzzer target: udhcpd's real code through the fake os/ seam, the
 * model test's harness (testsuite/c/server_model.c) with the input
 * choosing every step (which client sends what, what the network loses,
 * crashes, reloads, clock jumps, disk faults). A broken invariant aborts.
 */
#include "server_model.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_bytes b = { data, size, 0 };
	struct model_input in = { model_bytes_pick, model_bytes_exhausted, &b };
	struct model_stats st;

	if (model_run(&in, 100000, false, &st) < 0)
		abort();
	return 0;
}
