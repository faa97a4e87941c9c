/*
 * agentinfo.c: the relay agent information option, 82 (RFC 3046): our
 * option's bytes (circuit id = the client interface's name, remote id as
 * configured), and a message copied
 * with every option 82 of its options field taken out and ours put in.
 * Pure: buffers in, buffers out.
 */
#include "codec/bytes.h"
#include "relay/relay.h"

#include <string.h>

size_t agent_info_build(const struct relay_config *cfg, unsigned link, uint8_t *out,
	size_t cap)
{
	const char *name = cfg->links[link].name;
	size_t name_len = strnlen(name, RELAY_IFNAME_MAX);
	size_t n = 2;

	/* at most 2 + 2 + 15 + 2 + 64 bytes: the option's length fits a byte */
	if (cap < 2 + 2 + name_len + (cfg->remote_id_len ? 2 + cfg->remote_id_len : 0))
		return 0;
	out[n++] = AGENT_CIRCUIT_ID;
	out[n++] = (uint8_t)name_len;
	memcpy(out + n, name, name_len);
	n += name_len;
	if (cfg->remote_id_len) {
		out[n++] = AGENT_REMOTE_ID;
		out[n++] = (uint8_t)cfg->remote_id_len;
		memcpy(out + n, cfg->remote_id, cfg->remote_id_len);
		n += cfg->remote_id_len;
	}
	out[0] = DHCP_RELAY_AGENT;
	out[1] = (uint8_t)(n - 2);
	return n;
}

/* The options field without option 82, up to END (pads dropped);
 * returns the bytes written to out, or (size_t)-1 when they do not fit. */
static size_t copy_options(const uint8_t *opts, size_t len, uint8_t *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len && opts[i] != DHCP_END) {
		size_t olen;

		if (opts[i] == DHCP_PADDING) {
			i++;
			continue;
		}
		/* the walker has checked every length; checked again all the same */
		if (i + 2 > len || i + 2 + (size_t)opts[i + 1] > len)
			return (size_t)-1;
		olen = 2 + (size_t)opts[i + 1];
		if (opts[i] != DHCP_RELAY_AGENT) {
			if (olen > cap - n)
				return (size_t)-1;
			memcpy(out + n, opts + i, olen);
			n += olen;
		}
		i += olen;
	}
	return n;
}

size_t agent_info_rewrite(const uint8_t *in, size_t len, const uint8_t *add, size_t add_len,
	uint8_t *out, size_t cap)
{
	size_t n;

	if (len < DHCP_HEADER_LEN || cap < BOOTP_MIN_LEN || cap < DHCP_HEADER_LEN + 1)
		return 0;
	memcpy(out, in, DHCP_HEADER_LEN);
	n = copy_options(in + DHCP_HEADER_LEN, len - DHCP_HEADER_LEN, out + DHCP_HEADER_LEN,
		cap - DHCP_HEADER_LEN - 1);
	if (n == (size_t)-1)
		return 0;
	n += DHCP_HEADER_LEN;
	if (add_len) {
		if (add_len > cap - n - 1)
			return 0;
		memcpy(out + n, add, add_len);
		n += add_len;
	}
	out[n++] = DHCP_END;
	if (n < BOOTP_MIN_LEN) {	/* RFC 1542 section 2.1 */
		memset(out + n, 0, BOOTP_MIN_LEN - n);
		n = BOOTP_MIN_LEN;
	}
	return n;
}
