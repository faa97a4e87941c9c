/*
 * udhcpd_load: a load generator for udhcpd (make bench). It acts as a relay
 * agent (giaddr, RFC 2131 section 4.1) for CLIENTS clients and runs their
 * DISCOVER-OFFER-REQUEST-ACK exchanges with up to WINDOW of them in flight,
 * retransmitting after a second (five times at most), then prints the rate.
 *	udhcpd_load SERVER GIADDR CLIENTS WINDOW [FIRST]
 * FIRST numbers the clients (their MAC addresses), so a second run with
 * the same FIRST is the same clients coming back. With UDHCPD_LOAD_ACKS=FILE
 * in the environment, every acknowledged client is written there as
 * "MAC ADDRESS", one line each, at the end.
 *
 * GIADDR 0.0.0.0 makes it the clients themselves, on the client side of a
 * relay agent (dhcprelay, make bench): requests without giaddr from port
 * 68 to SERVER (the relay's address), the relayed replies heard on 68.
 * Retransmissions are counted: each is a message lost (or late) somewhere.
 */
#include "libbb.h"
#include "codec/common.h"
#include "os/socket.h"

#include <arpa/inet.h>
#include <poll.h>
#include <time.h>

enum { IDLE, DISCOVERING, REQUESTING, DONE, LOST };

struct load_client {
	uint8_t state, tries;
	uint32_t offered, server_id;	/* network order */
	int64_t sent_ms;
};

static struct load_client *clients;
static uint32_t server_nip, giaddr_nip, first;
static unsigned long retransmissions;
static int fd;

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_for(unsigned i)
{
	static struct dhcp_builder b;
	struct load_client *c = &clients[i];
	uint32_t id = first + i;
	uint8_t mac[6] = { 0x02, 0x4c, (uint8_t)(id >> 24), (uint8_t)(id >> 16), (uint8_t)(id >> 8), (uint8_t)id };
	size_t len;

	udhcp_builder_init(&b, c->state == REQUESTING ? DHCPREQUEST : DHCPDISCOVER, i, 1, mac, 6);
	b.pkt.gateway_nip = giaddr_nip;
	b.pkt.hops = giaddr_nip ? 1 : 0;
	if (c->state == REQUESTING) {
		udhcp_add_ip(&b, DHCP_REQUESTED_IP, c->offered);
		udhcp_add_ip(&b, DHCP_SERVER_ID, c->server_id);
	}
	len = udhcp_builder_finish(&b);
	if (udhcp_udp_send(fd, &b.pkt, len, server_nip, DHCP_SERVER_PORT) < 0)
		bb_perror_msg("send");
	c->sent_ms = now_ms();
}

/* One reply: OFFER leads to REQUEST, ACK ends the exchange. */
static int on_reply(const uint8_t *buf, size_t len, unsigned n)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	struct load_client *c;

	if (udhcp_parse_message(buf, len, BOOTREPLY, &m, &err) < 0 || m.xid >= n)
		return 0;
	c = &clients[m.xid];
	switch (udhcp_message_type(&m.opts)) {
	case DHCPOFFER:
		if (c->state != DISCOVERING || udhcp_opt_get_ip(&m.opts, DHCP_SERVER_ID, &c->server_id) != UDHCP_OPT_OK)
			return 0;
		c->offered = m.yiaddr;
		c->state = REQUESTING;
		c->tries = 0;
		send_for(m.xid);
		return 0;
	case DHCPACK:
		if (c->state != REQUESTING)
			return 0;
		c->state = DONE;
		c->offered = m.yiaddr;	/* what was acknowledged */
		return 1;
	case DHCPNAK:
		if (c->state != REQUESTING)
			return 0;
		c->state = LOST;
		return 1;
	}
	return 0;
}

/* Retransmits what has waited a second; gives a client up after five. */
static unsigned retransmit(unsigned started, unsigned *lost)
{
	unsigned ended = 0;
	int64_t now = now_ms();

	for (unsigned i = 0; i < started; i++) {
		struct load_client *c = &clients[i];

		if ((c->state != DISCOVERING && c->state != REQUESTING) || now - c->sent_ms < 1000)
			continue;
		if (++c->tries > 5) {
			c->state = LOST;
			(*lost)++;
			ended++;
			continue;
		}
		retransmissions++;
		send_for(i);
	}
	return ended;
}

static void write_acks(const char *path, unsigned n)
{
	FILE *f = fopen(path, "w");

	if (!f)
		bb_perror_msg_and_die("can't write %s", path);
	for (unsigned i = 0; i < n; i++) {
		uint32_t id = first + i;
		struct in_addr a = { clients[i].offered };

		if (clients[i].state == DONE)
			fprintf(f, "02:4c:%02x:%02x:%02x:%02x %s\n", id >> 24 & 255, id >> 16 & 255,
				id >> 8 & 255, id & 255, inet_ntoa(a));
	}
	if (fclose(f) != 0)
		bb_perror_msg_and_die("can't write %s", path);
}

int main(int argc, char **argv)
{
	static uint8_t buf[DHCP_MAX_RECV];
	unsigned n, window, started = 0, ended = 0, acked = 0, lost = 0;

	int64_t t0, last_scan;
	struct in_addr a;

	applet_name = "udhcpd_load";
	if (argc < 5 || inet_pton(AF_INET, argv[1], &a) != 1)
		bb_error_msg_and_die("usage: udhcpd_load SERVER GIADDR CLIENTS WINDOW [FIRST]");
	server_nip = a.s_addr;
	if (inet_pton(AF_INET, argv[2], &a) != 1)
		bb_error_msg_and_die("bad GIADDR '%s'", argv[2]);
	giaddr_nip = a.s_addr;
	n = xatou(argv[3]);
	window = xatou(argv[4]);
	first = argc > 5 ? xatou(argv[5]) : 0;
	clients = xzalloc((n ? n : 1) * sizeof(*clients));
	/* relays hear on 67; clients, on 68, what a relay broadcasts */
	fd = udhcp_udp_listen(NULL, giaddr_nip, giaddr_nip ? DHCP_SERVER_PORT : DHCP_CLIENT_PORT);
	if (fd < 0)
		bb_perror_msg_and_die("can't listen on %s", argv[2]);
	t0 = last_scan = now_ms();
	while (ended < n) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		ssize_t len;

		for (; started < n && started - ended < window; started++) {
			clients[started].state = DISCOVERING;
			send_for(started);
		}
		poll(&pfd, 1, 100);
		while ((len = udhcp_udp_recv(fd, buf, sizeof(buf))) > 0) {
			ended += (unsigned)on_reply(buf, (size_t)len, n);
		}
		if (now_ms() - last_scan >= 500) {
			ended += retransmit(started, &lost);
			last_scan = now_ms();
		}
	}
	for (unsigned i = 0; i < n; i++)
		acked += clients[i].state == DONE;
	if (getenv("UDHCPD_LOAD_ACKS"))
		write_acks(getenv("UDHCPD_LOAD_ACKS"), n);
	printf("%u exchanges (DISCOVER, OFFER, REQUEST, ACK) in %lld ms: %.0f per second; %u acknowledged,"
		" %u lost or refused, %lu retransmissions, window %u\n", n, (long long)(now_ms() - t0),
		n * 1000.0 / (double)(now_ms() - t0 > 0 ? now_ms() - t0 : 1), acked, n - acked,
		retransmissions, window);
	return acked == n ? 0 : 1;
}
