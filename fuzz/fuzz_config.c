/*
 * libFuzzer target: udhcpd.conf text through the config parser; what
 * parses is looked up as the server would use it.
 */
#include "server/config.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct server_config cfg;
	static char text[65536];
	struct udhcp_error err;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	udhcpd_config_defaults(&cfg);
	if (udhcpd_config_parse(text, "fuzz.conf", &cfg, &err) == 0) {
		struct conf_view v;

		conf_bb_subnets(&cfg, 0xc0a80001, 0xffffff00);
		conf_resolve(&cfg, cfg.nhosts ? cfg.hosts[0] : NULL,
			conf_subnet_of(&cfg, 0xc0a80001), cfg.nranges ? &cfg.ranges[0] : NULL, NULL, &v);
		for (unsigned code = 0; code < 256; code++)
			conf_view_option(&v, code);
	}
	conf_free(&cfg);
	return 0;
}
