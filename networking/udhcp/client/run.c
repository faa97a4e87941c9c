/*
 * run.c: carries out the actions of udhcpc's state machine (state.c)
 * through os/, and brings it the events: the time, received datagrams,
 * signals. Nothing here decides; the state machine never does I/O.
 *
 * Field robustness lives here:
 *  - the socket the state wants is opened after every event, so one that
 *    failed to open is tried again at the next timer, never left deaf;
 *  - the interface is read again at each DISCOVER cycle and after any
 *    socket error: a re-plugged USB or Wi-Fi device, or a re-created
 *    bridge or veth, has a new index (BusyBox re-reads it the same way);
 *  - the remembered lease is replaced durably (os_file_replace);
 *  - a raw socket the kernel would not filter is filtered here.
 */
#include "client/run.h"
#include "codec/filter.h"
#include "os/arp.h"
#include "os/clock.h"
#include "os/script.h"

#include <arpa/inet.h>

static const char *ip_str(uint32_t nip)
{
	return udhcp_ip_str(nip);
}

void client_run_init(struct client_run *r, struct client_state *c)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->listen_fd = -1;
	r->listen_mode = LISTEN_NONE;
	r->send_fd = -1;
	r->msg = xzalloc(sizeof(*r->msg));
	r->buf = xmalloc(DHCP_MAX_RECV + 64);
}

void client_run_free(struct client_run *r)
{
	udhcp_close(r->listen_fd);
	udhcp_close(r->send_fd);
	free(r->msg);
	free(r->buf);
	r->listen_fd = r->send_fd = -1;
	r->msg = NULL;
	r->buf = NULL;
}

/* ---- The interface ---- */

static void close_listener(struct client_run *r)
{
	udhcp_close(r->listen_fd);
	r->listen_fd = -1;
	r->listen_mode = LISTEN_NONE;
}

/* Read again; a new index or MAC takes effect at once (new sockets, a new
 * client identifier when it is the MAC's). */
static void reread_iface(struct client_run *r)
{
	struct client_state *c = r->c;
	struct udhcp_iface now;

	if (udhcp_iface_read(c->ifname, &now) < 0) {
		if (!r->iface_lost)
			bb_perror_msg("interface %s is gone, waiting for it", c->ifname);
		r->iface_lost = true;
		close_listener(r);
		return;
	}
	if (r->iface_lost)
		bb_info_msg("interface %s is back", c->ifname);
	r->iface_lost = false;
	if (now.ifindex == c->ifc.ifindex && memcmp(now.mac, c->ifc.mac, 6) == 0)
		return;
	bb_info_msg("interface %s changed (index %d, was %d)", c->ifname, now.ifindex,
		c->ifc.ifindex);
	if (memcmp(now.mac, c->ifc.mac, 6) != 0) {
		c->ifc = now;
		client_identity_changed(c);
	}
	c->ifc = now;
	close_listener(r);
	udhcp_close(r->send_fd);
	r->send_fd = -1;
}

/*
 * A raw socket without the kernel filter or checksum status still works
 * (client_run_datagram filters; udhcp_raw_recv guesses the status): said
 * once, as every new listener would meet the same refusal.
 */
static void note_raw_caps(struct client_run *r, const struct udhcp_raw_caps *caps)
{
	if (caps->filter_errno && !r->no_filter_noted) {
		r->no_filter_noted = true;
		bb_error_msg("%s: the kernel refused the packet filter (%s): filtering in user space",
			r->c->ifname, strerror(caps->filter_errno));
	}
	if (caps->auxdata_errno && !r->no_status_noted) {
		r->no_status_noted = true;
		bb_error_msg("%s: no checksum status from the kernel (%s): a UDP checksum left"
			" to offload goes unchecked", r->c->ifname, strerror(caps->auxdata_errno));
	}
}

/* The socket the state listens on; a failed open is retried at the next event. */
static void sync_listener(struct client_run *r)
{
	struct client_state *c = r->c;
	int want = client_listen_mode(c), index;

	if (want == r->listen_mode && (r->listen_fd >= 0 || want == LISTEN_NONE))
		return;
	close_listener(r);
	if (want != LISTEN_NONE && r->iface_lost) {
		reread_iface(r);
		if (r->iface_lost)
			return;		/* logged once; tried again at the next event */
	}
	if (want == LISTEN_RAW) {
		struct udhcp_raw_caps caps;

		r->listen_fd = udhcp_raw_listen(c->ifc.ifindex, c->client_port, &caps);
		if (r->listen_fd >= 0)
			note_raw_caps(r, &caps);
	} else if (want == LISTEN_UDP)
		r->listen_fd = udhcp_udp_listen(c->ifname, INADDR_ANY, c->client_port);
	else if (want == LISTEN_ARP)
		r->listen_fd = arp_open(c->ifc.ifindex);
	if (want == LISTEN_NONE || r->listen_fd >= 0) {
		r->listen_mode = want;
		return;
	}
	bb_perror_msg("can't listen on %s, trying again", c->ifname);
	index = c->ifc.ifindex;
	reread_iface(r);
	if (c->ifc.ifindex != index)
		sync_listener(r);	/* once more, on the new index */
}

/* ---- Sending ---- */

static int raw_send(struct client_run *r, const struct dhcp_builder *b, size_t len,
	uint32_t src, uint32_t dst)
{
	struct client_state *c = r->c;

	if (r->send_fd < 0)
		r->send_fd = udhcp_raw_sender();
	if (r->send_fd < 0)
		return -1;
	return udhcp_raw_send(r->send_fd, c->ifc.ifindex, &b->pkt, len, src, c->client_port,
		dst, c->server_port, NULL);
}

/*
 * Unicast to the server from our address (RFC 2131 4.4.5 renewing, 4.4.6
 * release): from the listening socket while renewing (it must get the
 * reply), else from a socket bound to the address. When the address is
 * not configured (the script did not, or removed it) that bind fails and
 * the message goes out raw instead, so a RELEASE is never silently lost.
 */
static int unicast_send(struct client_run *r, const struct dhcp_builder *b, size_t len,
	uint32_t src)
{
	struct client_state *c = r->c;
	bool listening = r->listen_mode == LISTEN_UDP && r->listen_fd >= 0;
	int fd = listening ? r->listen_fd : udhcp_udp_listen(c->ifname, src, c->client_port);
	int ok = fd >= 0 && udhcp_udp_send(fd, &b->pkt, len, c->server_nip, c->server_port) == 0;

	if (fd >= 0 && !listening)
		udhcp_close(fd);
	if (ok)
		return 0;
	bb_debug_msg(1, "%s is not usable (%s), sending raw", ip_str(src), strerror(errno));
	return raw_send(r, b, len, src, c->server_nip);
}

static void do_send(struct client_run *r, const struct client_action *a)
{
	struct dhcp_builder b;
	struct client_state *c = r->c;
	size_t len = client_build(c, a->what, a->ip, os_mono_ms(), &b);
	const char *name = udhcp_message_type_name(b.pkt.options[2]);
	int rc;

	switch (a->what) {
	case SEND_RENEW:
		bb_debug_msg(1, "sending %s to %s", name, ip_str(c->server_nip));
		rc = unicast_send(r, &b, len, c->lease_ip);
		break;
	case SEND_RELEASE:
		bb_info_msg("releasing %s", ip_str(a->ip));
		rc = unicast_send(r, &b, len, a->ip);
		break;
	case SEND_REBIND:
		bb_debug_msg(1, "broadcasting %s", name);
		rc = raw_send(r, &b, len, c->lease_ip, INADDR_BROADCAST);
		break;
	default:
		bb_debug_msg(1, "broadcasting %s", name);
		rc = raw_send(r, &b, len, INADDR_ANY, INADDR_BROADCAST);
		break;
	}
	if (rc < 0) {
		bb_perror_msg("can't send %s on %s", name, c->ifname);
		reread_iface(r);
	}
}

static void arp_probe(struct client_run *r, uint32_t nip)
{
	uint8_t probe[ARP_PACKET_LEN];

	arp_build_probe(probe, r->c->ifc.mac, nip);
	if (r->listen_mode != LISTEN_ARP || r->listen_fd < 0
	    || arp_send(r->listen_fd, r->c->ifc.ifindex, probe) < 0)
		bb_perror_msg("can't send an ARP probe");
}

/* ---- The actions ---- */

static void run_script(struct client_run *r, const char *event, const struct dhcp_message *m)
{
	char **env = udhcp_script_env(r->c->ifname, m);

	udhcp_run_script(r->c->script, event, env);
	udhcp_script_env_free(env);
}

static void save_memo(struct client_run *r)
{
	struct client_state *c = r->c;
	struct remembered_lease l;

	if (!c->state_file)
		return;
	client_memo_of(c, os_wall_s(), &l);
	switch (udhcp_lease_memo_save(c->state_file, c->ifname, &l)) {
	case 0:
		break;
	case 1:
		bb_perror_msg("%s written, but its directory could not be synced", c->state_file);
		break;
	default:
		bb_perror_msg("can't write %s", c->state_file);
	}
}

static void carry_out(struct client_run *r)
{
	struct client_state *c = r->c;

	for (unsigned i = 0; i < r->out.n; i++) {
		const struct client_action *a = &r->out.a[i];

		switch (a->kind) {
		case ACT_SEND:
			/* listening before sending: no answer can beat the socket */
			sync_listener(r);
			do_send(r, a);
			break;
		case ACT_SCRIPT:
			run_script(r, a->event, a->msg);
			break;
		case ACT_MEMO_SAVE:
			if (ENABLE_FEATURE_UDHCPC_REMEMBER_LEASE)
				save_memo(r);
			break;
		case ACT_MEMO_FORGET:
			if (ENABLE_FEATURE_UDHCPC_REMEMBER_LEASE && c->state_file && udhcp_lease_memo_forget(c->state_file) < 0)
				bb_perror_msg("can't remove %s", c->state_file);
			break;
		case ACT_IFACE_REREAD:
			reread_iface(r);
			break;
		case ACT_DAEMONIZE:
			if (!(c->opts & OPT_f)) {
				bb_daemonize();
				c->opts |= OPT_f;	/* once */
			}
			break;
		case ACT_ARP_PROBE:
			/* the ARP socket first: the probe goes out on it */
			sync_listener(r);
			arp_probe(r, a->ip);
			break;
		}
	}
	if (r->out.lost)
		bb_error_msg("BUG: %u actions lost", r->out.lost);
	r->out.n = 0;
	sync_listener(r);
}

/* ---- The events ---- */

void client_run_start(struct client_run *r, const struct remembered_lease *memo)
{
	client_start(r->c, memo, os_wall_s(), os_mono_ms(), &r->out);
	carry_out(r);
}

void client_run_timer(struct client_run *r)
{
	client_timer(r->c, os_mono_ms(), &r->out);
	carry_out(r);
	/* still deaf (a socket that would not open): try again now */
	sync_listener(r);
}

void client_run_signal(struct client_run *r, int sig)
{
	client_signal(r->c, sig, os_mono_ms(), &r->out);
	carry_out(r);
}

void client_run_datagram(struct client_run *r, const uint8_t *buf, size_t len, bool raw,
	bool csum_unverified)
{
	struct udhcp_error err;
	const uint8_t *payload = buf;

	/* what the kernel filter drops, dropped as silently: it is not for
	 * us, and without that filter (note_raw_caps) it is all IPv4 */
	if (raw && !udhcp_filter_accepts(buf, len, r->c->client_port))
		return;
	if (raw && udhcp_verify_ip_udp(buf, len, r->c->client_port, csum_unverified, &payload,
			&len, &err) < 0) {
		bb_debug_msg(2, "packet dropped: %s", err.msg);
		return;
	}
	if (udhcp_parse_message(payload, len, BOOTREPLY, r->msg, &err) < 0) {
		bb_debug_msg(1, "message dropped: %s", err.msg);
		return;
	}
	client_message(r->c, r->msg, os_mono_ms(), &r->out);
	carry_out(r);
}

void client_run_arp(struct client_run *r, const uint8_t *pkt, size_t len)
{
	client_arp(r->c, pkt, len, os_mono_ms(), &r->out);
	carry_out(r);
}

static void receive_arp(struct client_run *r)
{
	uint8_t pkt[64];
	int n;

	for (int i = 0; i < 16 && r->listen_mode == LISTEN_ARP && r->listen_fd >= 0; i++) {
		n = arp_recv(r->listen_fd, pkt, sizeof(pkt));
		if (n < 0)
			break;
		client_run_arp(r, pkt, (size_t)n);
	}
}

void client_run_receive(struct client_run *r)
{
	if (r->listen_mode == LISTEN_ARP) {
		receive_arp(r);
		return;
	}
	/* a bounded batch; more waits for the next poll */
	for (int i = 0; i < 16 && !r->c->done && r->listen_fd >= 0
	     && (r->listen_mode == LISTEN_RAW || r->listen_mode == LISTEN_UDP); i++) {
		bool unverified = false, raw = r->listen_mode == LISTEN_RAW;
		ssize_t n = raw ? udhcp_raw_recv(r->listen_fd, r->buf, DHCP_MAX_RECV + 64, &unverified)
			: udhcp_udp_recv(r->listen_fd, r->buf, DHCP_MAX_RECV + 64);

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
				/* ENETDOWN, ENXIO: the device went away under us */
				bb_perror_msg("receiving on %s", r->c->ifname);
				close_listener(r);
				reread_iface(r);
				sync_listener(r);	/* not deaf until the next timer */
			}
			break;
		}
		client_run_datagram(r, r->buf, (size_t)n, raw, unverified);
	}
}

int client_run_wait_ms(const struct client_run *r)
{
	int64_t left;

	if (r->c->deadline == CLIENT_NEVER)
		return -1;
	left = r->c->deadline - os_mono_ms();
	/* a deadline already past is "now", never "no timer" */
	if (left <= 0)
		return 0;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}
