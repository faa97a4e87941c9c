/*
 * socket.h: the only socket code of the DHCP applets (socket.c). Pure code
 * never includes this; tests and fuzzers can link a fake in its place.
 * Functions return -1 with errno set; callers log.
 */
#ifndef DHCPBOX_UDHCP_SOCKET_H
#define DHCPBOX_UDHCP_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct udhcp_iface {
	char name[16];
	int ifindex;
	uint8_t mac[6];
};

/* Index and MAC address of an interface (re-read after errors: bridges). */
int udhcp_iface_read(const char *name, struct udhcp_iface *ifc);

/* The interface's IPv4 address and netmask (network order). */
int udhcp_iface_ipv4(const char *name, uint32_t *nip, uint32_t *mask);

/* Every IPv4 address of the interfaces but loopback: fn(ctx, name,
 * address, netmask), both network order. */
int udhcp_iface_each_ipv4(void (*fn)(void *ctx, const char *name, uint32_t nip, uint32_t mask),
	void *ctx);

/* What a raw listening socket could not get: errno of each refusal, or 0. */
struct udhcp_raw_caps {
	int filter_errno;	/* the BPF filter: the caller filters (codec/filter.h) */
	int auxdata_errno;	/* checksum status: udhcp_raw_recv guesses it */
};

/*
 * A raw IPv4 socket on one interface that receives only UDP to port
 * (a BPF filter in the kernel), with checksum status (PACKET_AUXDATA).
 * Either may be refused (qemu-user, old kernels): *caps says which.
 */
int udhcp_raw_listen(int ifindex, uint16_t port, struct udhcp_raw_caps *caps);
/* One datagram; *csum_unverified is set when the NIC left the checksum
 * (without PACKET_AUXDATA: when the UDP checksum field holds what a
 * sender leaves to offload, udhcp_udp_csum_is_partial). */
ssize_t udhcp_raw_recv(int fd, uint8_t *buf, size_t cap, bool *csum_unverified);

/* A socket for sending raw frames (receives nothing). */
int udhcp_raw_sender(void);
/* Sends a DHCP message in IPv4+UDP to dst_mac (broadcast when NULL). */
int udhcp_raw_send(int fd, int ifindex, const void *msg, size_t len,
	uint32_t src_nip, uint16_t sport, uint32_t dst_nip, uint16_t dport,
	const uint8_t *dst_mac);

/* A UDP socket bound to nip:port on ifname, broadcast allowed. */
int udhcp_udp_listen(const char *ifname, uint32_t nip, uint16_t port);
int udhcp_udp_send(int fd, const void *msg, size_t len, uint32_t dst_nip, uint16_t dport);
ssize_t udhcp_udp_recv(int fd, uint8_t *buf, size_t cap);
/* The same, with the sender's address (network order) in *src_nip. */
ssize_t udhcp_udp_recvfrom(int fd, uint8_t *buf, size_t cap, uint32_t *src_nip);

/* Closes a socket these functions opened. */
void udhcp_close(int fd);

#endif
