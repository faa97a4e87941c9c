/*
 * socket.c: every socket the DHCP applets use, and interface lookups.
 *
 * Before it has an address a client can neither send from nor receive on
 * an ordinary UDP socket, so it uses AF_PACKET (SOCK_DGRAM: the kernel
 * handles the link layer) with the IPv4 and UDP headers built by
 * packet.c. A BPF filter keeps everything but UDP to our port in the
 * kernel (BusyBox disables its filter and sees all IPv4 traffic).
 */
#include "os/socket.h"
#include "codec/common.h"
#include "codec/filter.h"
#include "os/bpf.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum { ETHERTYPE_IPV4 = 0x0800 };

/* Kernel ABI (linux/if_packet.h), spelled out here because musl's
 * headers do not carry it. */
struct packet_auxdata {
	uint32_t tp_status, tp_len, tp_snaplen;
	uint16_t tp_mac, tp_net, tp_vlan_tci, tp_vlan_tpid;
};
enum { TP_STATUS_CSUMNOTREADY_FLAG = 1 << 3 };

/* An ifreq naming the interface, and a socket to ask the kernel with. */
static int ifreq_socket(const char *name, struct ifreq *ifr)
{
	if (strlen(name) >= sizeof(ifr->ifr_name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(ifr, 0, sizeof(*ifr));
	strcpy(ifr->ifr_name, name);
	return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

int udhcp_iface_read(const char *name, struct udhcp_iface *ifc)
{
	struct ifreq ifr;
	int fd = ifreq_socket(name, &ifr), r;

	if (fd < 0)
		return -1;
	r = ioctl(fd, SIOCGIFINDEX, &ifr);
	if (r == 0) {
		ifc->ifindex = ifr.ifr_ifindex;
		r = ioctl(fd, SIOCGIFHWADDR, &ifr);
	}
	close(fd);
	if (r < 0)
		return -1;
	memcpy(ifc->mac, ifr.ifr_hwaddr.sa_data, 6);
	strcpy(ifc->name, name);
	return 0;
}

int udhcp_iface_ipv4(const char *name, uint32_t *nip, uint32_t *mask)
{
	struct ifreq ifr;
	struct sockaddr_in sin;
	int fd = ifreq_socket(name, &ifr), r;

	if (fd < 0)
		return -1;
	r = ioctl(fd, SIOCGIFADDR, &ifr);
	if (r == 0) {
		memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
		*nip = sin.sin_addr.s_addr;
		r = ioctl(fd, SIOCGIFNETMASK, &ifr);
		memcpy(&sin, &ifr.ifr_netmask, sizeof(sin));
		*mask = sin.sin_addr.s_addr;
	}
	close(fd);
	return r;
}

int udhcp_iface_each_ipv4(void (*fn)(void *ctx, const char *name, uint32_t nip, uint32_t mask),
	void *ctx)
{
	struct ifaddrs *all, *a;

	if (getifaddrs(&all) < 0)
		return -1;
	for (a = all; a; a = a->ifa_next) {
		struct sockaddr_in addr, mask;

		if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || !a->ifa_netmask
		    || (a->ifa_flags & IFF_LOOPBACK) || strlen(a->ifa_name) >= IFNAMSIZ)
			continue;
		memcpy(&addr, a->ifa_addr, sizeof(addr));
		memcpy(&mask, a->ifa_netmask, sizeof(mask));
		fn(ctx, a->ifa_name, addr.sin_addr.s_addr, mask.sin_addr.s_addr);
	}
	freeifaddrs(all);
	return 0;
}

/* The offsets are from the IPv4 header: SOCK_DGRAM strips the link layer. */
static int attach_udp_port_filter(int fd, uint16_t port)
{
	struct udhcp_bpf_insn insns[UDHCP_FILTER_LEN];
	struct bpf_program prog = { UDHCP_FILTER_LEN, insns };

	udhcp_filter_program(insns, port);
	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

/*
 * Neither the filter nor the checksum status is needed to work, and
 * qemu-user refuses SOL_PACKET options (ENOPROTOOPT): a refusal is
 * reported in *caps and the socket is kept.
 */
int udhcp_raw_listen(int ifindex, uint16_t port, struct udhcp_raw_caps *caps)
{
	struct sockaddr_ll sll;
	int one = 1;
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETHERTYPE_IPV4));

	if (fd < 0)
		return -1;
	caps->filter_errno = attach_udp_port_filter(fd, port) < 0 ? errno : 0;
	caps->auxdata_errno = setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) < 0
		? errno : 0;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETHERTYPE_IPV4);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

ssize_t udhcp_raw_recv(int fd, uint8_t *buf, size_t cap, bool *csum_unverified)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(struct packet_auxdata))];
	} control;
	struct iovec iov = { buf, cap };
	struct msghdr msg;
	struct cmsghdr *c;
	ssize_t n;
	bool have_status = false;

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control.buf;
	msg.msg_controllen = sizeof(control.buf);
	n = recvmsg(fd, &msg, MSG_DONTWAIT);
	*csum_unverified = false;
	for (c = CMSG_FIRSTHDR(&msg); n >= 0 && c; c = CMSG_NXTHDR(&msg, c)) {
		/* the kernel's cmsg_len, checked: a short one is not read past */
		if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA
		    && c->cmsg_len >= CMSG_LEN(sizeof(struct packet_auxdata))) {
			struct packet_auxdata aux;

			memcpy(&aux, CMSG_DATA(c), sizeof(aux));
			*csum_unverified = aux.tp_status & TP_STATUS_CSUMNOTREADY_FLAG;
			have_status = true;
		}
	}
	/* no PACKET_AUXDATA (refused at listen): guess from the bytes */
	if (n >= 0 && !have_status)
		*csum_unverified = udhcp_udp_csum_is_partial(buf, (size_t)n);
	return n;
}

int udhcp_raw_sender(void)
{
	/* protocol 0: this socket never receives */
	return socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

int udhcp_raw_send(int fd, int ifindex, const void *msg, size_t len,
	uint32_t src_nip, uint16_t sport, uint32_t dst_nip, uint16_t dport,
	const uint8_t *dst_mac)
{
	static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t frame[IP_UDP_HEADER_LEN + DHCP_MAX_SEND];
	struct sockaddr_ll sll;
	size_t n = udhcp_build_ip_udp(frame, sizeof(frame), msg, len, src_nip, sport, dst_nip, dport);

	if (n == 0) {
		errno = EMSGSIZE;
		return -1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETHERTYPE_IPV4);
	sll.sll_ifindex = ifindex;
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, dst_mac ? dst_mac : broadcast, 6);
	return sendto(fd, frame, n, 0, (struct sockaddr *)&sll, sizeof(sll)) == (ssize_t)n ? 0 : -1;
}

int udhcp_udp_listen(const char *ifname, uint32_t nip, uint16_t port)
{
	struct sockaddr_in sin;
	int one = 1;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = nip;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0
	    || setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0
	    || (ifname && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen(ifname) + 1) < 0)
	    || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int udhcp_udp_send(int fd, const void *msg, size_t len, uint32_t dst_nip, uint16_t dport)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(dport);
	sin.sin_addr.s_addr = dst_nip;
	return sendto(fd, msg, len, 0, (struct sockaddr *)&sin, sizeof(sin)) == (ssize_t)len ? 0 : -1;
}

ssize_t udhcp_udp_recv(int fd, uint8_t *buf, size_t cap)
{
	return recv(fd, buf, cap, MSG_DONTWAIT);
}

ssize_t udhcp_udp_recvfrom(int fd, uint8_t *buf, size_t cap, uint32_t *src_nip)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	ssize_t n = recvfrom(fd, buf, cap, MSG_DONTWAIT, (struct sockaddr *)&sin, &sl);

	*src_nip = n >= 0 && sl >= sizeof(sin) && sin.sin_family == AF_INET ? sin.sin_addr.s_addr : 0;
	return n;
}

void udhcp_close(int fd)
{
	if (fd >= 0)
		close(fd);
}
