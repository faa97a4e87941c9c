/*
 * libFuzzer target: the journal replay. The input is the lease file udhcpd
 * finds at start (through the fake disk); it must start, hold at most one
 * lease per address with nothing leaked from the pool, and a rewrite of
 * that table read back must give the same leases.
 */
#include "server_model.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (model_replay_journal(data, size) < 0)
		abort();
	return 0;
}
