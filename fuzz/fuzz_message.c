/*
 * libFuzzer target: a received BOOTP/DHCP message through the decoder and
 * the option walker, then every option through the getters and the
 * renderer, as udhcpc and udhcpd will handle what the network sends; a
 * relay's option 82 through its sub-option walker, whose pointers must
 * stay inside the option.
 */
#include "codec/agent.h"
#include "codec/common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	char text[16384];

	if (udhcp_parse_message(data, size, 0, &m, &err) < 0)
		return 0;
	for (unsigned code = 0; code < 256; code++) {
		const uint8_t *opt;
		size_t len;
		uint32_t v32;
		uint16_t v16;
		uint8_t v8;

		opt = udhcp_opt_get(&m.opts, code, &len);
		if (!opt)
			continue;
		udhcp_opt_get_u8(&m.opts, code, &v8);
		udhcp_opt_get_u16(&m.opts, code, &v16);
		udhcp_opt_get_u32(&m.opts, code, &v32);
		udhcp_opt_get_ip(&m.opts, code, &v32);
		udhcp_option_to_text(code, opt, len, text, sizeof(text), &err);
		udhcp_option_to_text(code, opt, len, text, 16, &err);	/* short output */
	}
	{
		size_t len;
		const uint8_t *opt = udhcp_opt_get(&m.opts, DHCP_RELAY_AGENT, &len);
		struct udhcp_agent a;

		if (opt && udhcp_agent_parse(opt, len, &a, &err) == 0) {
			if ((a.circuit_id && (a.circuit_id < opt || a.circuit_id + a.circuit_len > opt + len))
			    || (a.remote_id && (a.remote_id < opt || a.remote_id + a.remote_len > opt + len)))
				__builtin_trap();
		}
	}
	udhcp_message_type(&m.opts);
	udhcp_safe_string(m.sname, strlen(m.sname));
	return 0;
}
