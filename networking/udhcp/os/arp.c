/*
 * arp.c: ARP probes for address conflict detection (RFC 5227 section 2.1),
 * the check udhcpc -a makes before it uses a leased address. The packet
 * code is pure; the two socket calls are the only I/O.
 */
#include "os/arp.h"

#include <arpa/inet.h>
#include <netpacket/packet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
	ETHERTYPE_ARP = 0x0806,
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

int arp_open(int ifindex)
{
	struct sockaddr_ll sll;
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETHERTYPE_ARP));

	if (fd < 0)
		return -1;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETHERTYPE_ARP);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int arp_send(int fd, int ifindex, const uint8_t pkt[ARP_PACKET_LEN])
{
	struct sockaddr_ll sll;

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETHERTYPE_ARP);
	sll.sll_ifindex = ifindex;
	sll.sll_halen = 6;
	memset(sll.sll_addr, 0xff, 6);
	return sendto(fd, pkt, ARP_PACKET_LEN, 0, (struct sockaddr *)&sll, sizeof(sll))
		== ARP_PACKET_LEN ? 0 : -1;
}

int arp_recv(int fd, uint8_t *buf, size_t cap)
{
	return (int)recv(fd, buf, cap, MSG_DONTWAIT);
}
