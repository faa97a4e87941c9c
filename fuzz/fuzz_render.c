/*
 * libFuzzer target: option data to script text. The first byte picks the
 * option code, the rest is its data; also the RFC 1035 decoder directly
 * and, for its output, the encoder (a round trip must succeed).
 */
#include "codec/common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct udhcp_error err;
	char text[16384];
	uint8_t again[1024];

	if (size < 1)
		return 0;
	udhcp_option_to_text(data[0], data + 1, size - 1, text, sizeof(text), &err);
	udhcp_option_to_text(data[0], data + 1, size - 1, text, 8, &err);
	if (udhcp_dns_decode(data + 1, size - 1, text, sizeof(text), &err) > 0
	    && strlen(text) < 512 && udhcp_dns_encode(text, again, sizeof(again), &err) < 0)
		abort();	/* names the decoder accepts must encode */
	return 0;
}
