/*
 * libFuzzer target: a raw IPv4 frame, as the client's AF_PACKET socket
 * receives it, through IP/UDP verification and then the message decoder.
 * Each input runs twice: as it is, and with its IP header checksum made
 * right and its UDP checksum cleared, so the fuzzer gets past them.
 */
#include "codec/common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const uint8_t *frame, size_t size)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	const uint8_t *payload;
	size_t len;

	for (int offload = 0; offload < 2; offload++) {
		if (udhcp_verify_ip_udp(frame, size, DHCP_CLIENT_PORT, offload, &payload, &len, &err) == 0)
			udhcp_parse_message(payload, len, BOOTREPLY, &m, &err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t fixed[DHCP_MAX_RECV + 64];
	size_t ihl;
	uint16_t sum;

	check(data, size);
	if (size < 28 || size > sizeof(fixed))
		return 0;
	memcpy(fixed, data, size);
	ihl = (size_t)(fixed[0] & 0x0f) * 4;
	if (ihl < 20 || ihl + 8 > size)
		return 0;
	fixed[10] = fixed[11] = 0;
	sum = udhcp_checksum(fixed, ihl, 0);
	fixed[10] = (uint8_t)(sum >> 8);
	fixed[11] = (uint8_t)sum;
	fixed[ihl + 6] = fixed[ihl + 7] = 0;
	check(fixed, size);
	return 0;
}
