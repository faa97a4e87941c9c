/*
 * libFuzzer target: udhcpd.conf text through the config parser; what
 * parses is looked up as the server would use it.
 */
#include "server/config.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct server_config cfg;
	static char text[65536];
	struct udhcp_error err;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	udhcpd_config_defaults(&cfg);
	if (udhcpd_config_parse(text, "fuzz.conf", &cfg, &err) == 0)
		for (unsigned code = 0; code < 256; code++)
			udhcpd_config_option(&cfg, code);
	return 0;
}
