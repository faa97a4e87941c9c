/*
 * arp.c: the ARP packets of address conflict detection (RFC 5227 section
 * 2.1), pure: building a probe and reading what comes back. The sockets
 * are in os/arp.c.
 */
#include "codec/arp.h"

#include <string.h>

enum {
	ARP_HTYPE_ETHER = 1,
	ARP_REQUEST = 1,
	ARP_REPLY = 2,
	/* offsets in the packet (RFC 826) */
	OFF_OPER = 6, OFF_SHA = 8, OFF_SPA = 14, OFF_THA = 18, OFF_TPA = 24,
};

void arp_build_probe(uint8_t out[ARP_PACKET_LEN], const uint8_t mac[6], uint32_t target_nip)
{
	static const uint8_t header[6] = { 0, ARP_HTYPE_ETHER, 0x08, 0x00, 6, 4 };

	memset(out, 0, ARP_PACKET_LEN);
	memcpy(out, header, sizeof(header));
	out[OFF_OPER + 1] = ARP_REQUEST;
	memcpy(out + OFF_SHA, mac, 6);
	/* sender IP 0.0.0.0, target hardware address 0 */
	memcpy(out + OFF_TPA, &target_nip, 4);
}

bool arp_is_conflict(const uint8_t *pkt, size_t len, const uint8_t our_mac[6], uint32_t nip)
{
	uint32_t spa, tpa;

	if (len < ARP_PACKET_LEN || pkt[1] != ARP_HTYPE_ETHER || pkt[2] != 0x08 || pkt[3] != 0x00
	    || pkt[4] != 6 || pkt[5] != 4)
		return false;
	if (pkt[OFF_OPER] != 0 || (pkt[OFF_OPER + 1] != ARP_REQUEST && pkt[OFF_OPER + 1] != ARP_REPLY))
		return false;
	if (memcmp(pkt + OFF_SHA, our_mac, 6) == 0)
		return false;	/* our own probe, looped back */
	memcpy(&spa, pkt + OFF_SPA, 4);
	memcpy(&tpa, pkt + OFF_TPA, 4);
	if (spa == nip)
		return true;	/* someone uses it */
	return spa == 0 && tpa == nip && pkt[OFF_OPER + 1] == ARP_REQUEST;	/* someone probes for it */
}

