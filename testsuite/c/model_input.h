/*
 * model_input.h: where a model test's choices come from (a seeded
 * generator, or a fuzzer's bytes). Shared by server_model.c and
 * client_model.c.
 */
#ifndef DHCPBOX_TEST_MODEL_INPUT_H
#define DHCPBOX_TEST_MODEL_INPUT_H

#include <stdbool.h>

/* A number in [0, n). */
struct model_input {
	unsigned (*pick)(void *ctx, unsigned n);
	bool (*exhausted)(void *ctx);
	void *ctx;
};

#endif
