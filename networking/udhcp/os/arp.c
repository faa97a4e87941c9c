/*
 * arp.c: the ARP socket (open, send, receive) for address conflict
 * detection (RFC 5227 section 2.1): udhcpc -a and udhcpd's check before
 * an offer. The packets themselves are built and read in codec/arp.c.
 */
#include "os/arp.h"

#include <arpa/inet.h>
#include <netpacket/packet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { ETHERTYPE_ARP = 0x0806 };

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
