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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_bytes b = { data, size, 0 };
	struct model_input in = { model_bytes_pick, model_bytes_exhausted, &b };
	struct client_model_stats st;

	if (client_model_run(&in, 100000, false, &st) < 0)
		abort();
	return 0;
}
