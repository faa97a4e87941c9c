/*
 * libFuzzer target: dhcprelay's decisions (relay/forward.c, agentinfo.c)
 * in both directions, with their invariants as assertions. The first
 * bytes choose the configuration, the rest is the message:
 *	[0] bit 0 agent info, bits 1-2 policy, bit 3 remote id, bit 4 servers
 *	    named, bits 5-6 client interfaces (1..3)
 *	[1] max hops (up to 254)  [2] the interface a request came in on
 *	[3] the reply's source: a named server or not
 * A request is handled as it is and with op 1; a reply with op 2; a
 * request we add option 82 to comes back as a server's echo (op 2) and
 * must find its interface again.
 */
#include "codec/bytes.h"
#include "relay/relay.h"

#include <arpa/inet.h>
#include <assert.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dhcp_message in_m, out_m, scratch;
static uint8_t buf[RELAY_BUF_SIZE], buf2[RELAY_BUF_SIZE], copy[DHCP_MAX_RECV + 1];
static struct relay_link links[3] = {
	{ "eth0", 0 }, { "eth1", 0 }, { "br-lan0", 0 },
};
static uint32_t servers[2];

static void setup(struct relay_config *cfg, const uint8_t *c)
{
	static const char rid[] = "remote-id-42";

	links[0].nip = htonl(0x0a000001);
	links[1].nip = htonl(0x0a000101);
	links[2].nip = htonl(0x0a000201);
	servers[0] = htonl(0xc0000201);
	servers[1] = htonl(0xc0000202);
	memset(cfg, 0, sizeof(*cfg));
	cfg->links = links;
	cfg->nlinks = 1 + (c[0] >> 5 & 3) % 3;
	cfg->agent_info = c[0] & 1;
	cfg->policy = (enum relay_policy)((c[0] >> 1 & 3) % 3);
	if (c[0] & 8) {
		cfg->remote_id_len = sizeof(rid) - 1;
		memcpy(cfg->remote_id, rid, cfg->remote_id_len);
	}
	if (c[0] & 16) {
		cfg->servers = servers;
		cfg->nservers = 2;
	}
	cfg->max_hops = c[1] % (RELAY_MAX_HOPS_LIMIT + 1);
}

static bool same_opt(const struct dhcp_optset *a, const struct dhcp_optset *b, unsigned code)
{
	size_t la, lb;
	const uint8_t *pa = udhcp_opt_get(a, code, &la), *pb = udhcp_opt_get(b, code, &lb);

	return (!pa && !pb) || (pa && pb && la == lb && memcmp(pa, pb, la) == 0);
}

/* A reply delivered: no option 82, out the giaddr's interface, to ciaddr or broadcast. */
static void check_reply(const struct relay_config *cfg, const struct relay_out *out)
{
	struct udhcp_error err;

	assert(out->len <= RELAY_BUF_SIZE && out->link < cfg->nlinks);
	assert(cfg->links[out->link].nip == scratch.giaddr);
	assert(out->dst_nip == INADDR_BROADCAST || out->dst_nip == scratch.ciaddr);
	assert(udhcp_parse_message(out->buf, out->len, BOOTREPLY, &out_m, &err) == 0);
	assert(!udhcp_opt_present(&out_m.opts, DHCP_RELAY_AGENT));
	assert(out_m.giaddr == scratch.giaddr && out_m.xid == scratch.xid);
}

static void reply(const struct relay_config *cfg, uint32_t src, const uint8_t *msg, size_t len)
{
	struct relay_out out = { .buf = buf2 };
	struct udhcp_error err;

	if (relay_reply(cfg, src, msg, len, &scratch, &out, &err) != RELAY_FORWARD)
		return;
	assert(cfg->nservers == 0 || src == servers[0] || src == servers[1]);
	check_reply(cfg, &out);
}

static void request(const struct relay_config *cfg, unsigned link, const uint8_t *msg, size_t len)
{
	struct relay_out out = { .buf = buf };
	struct udhcp_error err;
	uint8_t ours[2 + 255];
	size_t ours_len;
	bool had82;

	if (relay_request(cfg, link, msg, len, &scratch, &out, &err) != RELAY_FORWARD)
		return;
	in_m = scratch;
	had82 = udhcp_opt_present(&in_m.opts, DHCP_RELAY_AGENT);
	assert(out.len <= RELAY_BUF_SIZE && in_m.hops <= cfg->max_hops);
	assert(!(had82 && cfg->policy == RELAY_POLICY_DROP));
	assert(udhcp_parse_message(out.buf, out.len, BOOTREQUEST, &out_m, &err) == 0);
	assert(out_m.hops == in_m.hops + 1 && out_m.hops != 0);	/* never wraps */
	assert(out_m.giaddr == (in_m.giaddr ? in_m.giaddr : cfg->links[link].nip));
	assert(out_m.xid == in_m.xid && memcmp(out_m.chaddr, in_m.chaddr, 16) == 0);
	if (had82 && cfg->policy == RELAY_POLICY_KEEP)
		assert(same_opt(&in_m.opts, &out_m.opts, DHCP_RELAY_AGENT));
	if (!out.added_82) {
		assert(!(had82 && cfg->policy == RELAY_POLICY_REPLACE)
			|| !udhcp_opt_present(&out_m.opts, DHCP_RELAY_AGENT));
		return;
	}
	/* ours, only as the first hop, in a message that fits a frame */
	assert(cfg->agent_info && in_m.giaddr == 0 && out.len <= DHCP_MAX_SEND);
	ours_len = agent_info_build(cfg, link, ours, sizeof(ours));
	assert(ours_len >= 2 && udhcp_opt_get(&out_m.opts, DHCP_RELAY_AGENT, &(size_t){ 0 }));
	{
		size_t l;
		const uint8_t *p = udhcp_opt_get(&out_m.opts, DHCP_RELAY_AGENT, &l);

		assert(!out_m.overload || l >= ours_len - 2);
		assert(out_m.overload || (l == ours_len - 2 && memcmp(p, ours + 2, l) == 0));
	}
	/* the server echoes it (RFC 3046 2.2): back out the same interface */
	out.buf[0] = BOOTREPLY;
	if (!out_m.overload) {
		struct relay_out back = { .buf = buf2 };

		assert(relay_reply(cfg, servers[0], out.buf, out.len, &scratch, &back, &err) == RELAY_FORWARD);
		assert(back.link == link && back.added_82);
		check_reply(cfg, &back);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct relay_config cfg;
	size_t len;

	if (size < 4 || size - 4 > DHCP_MAX_RECV + 1)
		return 0;
	setup(&cfg, data);
	len = size - 4;
	memcpy(copy, data + 4, len);
	request(&cfg, data[2] % (cfg.nlinks + 1), copy, len);	/* one past: refused */
	reply(&cfg, data[3] & 1 ? servers[data[3] >> 1 & 1] : htonl(0xc0000209), copy, len);
	if (len > 0) {
		copy[0] = BOOTREQUEST;
		request(&cfg, data[2] % cfg.nlinks, copy, len);
		copy[0] = BOOTREPLY;
		reply(&cfg, servers[data[3] & 1], copy, len);
	}
	return 0;
}
