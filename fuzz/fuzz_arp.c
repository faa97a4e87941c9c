/*
 * libFuzzer target: the ARP reader of the conflict checks (RFC 5227). Any
 * bytes: no read past the packet; a packet from our own MAC is never a
 * conflict; our own probe is no conflict for us and one for another host.
 */
#include "codec/arp.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t other[6] = { 2, 9, 9, 9, 9, 9 };
	uint8_t mac[6] = { 0 }, pkt[ARP_PACKET_LEN], *copy;
	uint32_t nip = 0;

	if (size < 10)
		return 0;
	memcpy(mac, data, 6);
	memcpy(&nip, data + 6, 4);
	copy = malloc(size - 10 + 1);	/* exactly the packet: ASan sees any over-read */
	if (!copy)
		return 0;
	memcpy(copy, data + 10, size - 10);
	if (size - 10 >= 14 && memcmp(copy + 8, mac, 6) == 0 && arp_is_conflict(copy, size - 10, mac, nip))
		abort();	/* our own packet, looped back */
	arp_is_conflict(copy, size - 10, mac, nip);
	free(copy);
	arp_build_probe(pkt, mac, nip);
	if (arp_is_conflict(pkt, sizeof(pkt), mac, nip))
		abort();
	if (memcmp(mac, other, 6) != 0 && nip && !arp_is_conflict(pkt, sizeof(pkt), other, nip))
		abort();	/* another host probing for nip */
	return 0;
}
