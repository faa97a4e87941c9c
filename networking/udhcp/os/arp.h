/*
 * arp.h: the ARP socket (os/arp.c) for udhcpc -a and udhcpd's check.
 */
#ifndef DHCPBOX_UDHCP_ARP_H
#define DHCPBOX_UDHCP_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/arp.h"

/* I/O: a packet socket for ARP on the interface, and sending on it. */
int arp_open(int ifindex);
int arp_send(int fd, int ifindex, const uint8_t pkt[ARP_PACKET_LEN]);
/* One waiting ARP packet, or -1 (EAGAIN when none is waiting). */
int arp_recv(int fd, uint8_t *buf, size_t cap);

#endif
