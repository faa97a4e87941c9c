/*
 * arp.h: ARP packets for address conflict detection (RFC 5227), pure
 * (codec/arp.c).
 */
#ifndef DHCPBOX_UDHCP_CODEC_ARP_H
#define DHCPBOX_UDHCP_CODEC_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { ARP_PACKET_LEN = 28 };

/* Pure: an ARP probe (RFC 5227 2.1.1: sender IP 0, target the address). */
void arp_build_probe(uint8_t out[ARP_PACKET_LEN], const uint8_t mac[6], uint32_t target_nip);
/*
 * Pure: does this ARP packet say another host uses (or is probing for)
 * nip? RFC 5227 2.1.1: any packet with sender IP nip, or a probe for nip
 * from another hardware address.
 */
bool arp_is_conflict(const uint8_t *pkt, size_t len, const uint8_t our_mac[6], uint32_t nip);

#endif
