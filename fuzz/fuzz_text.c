/*
 * libFuzzer target: option text as udhcpc -x and udhcpd.conf give it.
 * The input is "NAME:VALUE" (the -x form) and also NAME, VALUE split at
 * the first blank (the config form); what parses must render.
 */
#include "codec/common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct udhcp_optval v;
	struct udhcp_error err;
	char line[2048], text[16384], *value;

	if (size >= sizeof(line))
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (strlen(line) != size)
		return 0;	/* text has no NUL */
	if (udhcp_option_from_arg(line, &v, &err) == 0)
		udhcp_option_to_text(v.code, v.data, v.len, text, sizeof(text), &err);
	value = strpbrk(line, " \t");
	if (value)
		*value++ = '\0';
	if (udhcp_option_from_text(line, value ? value : "", &v, &err) == 0)
		udhcp_option_to_text(v.code, v.data, v.len, text, sizeof(text), &err);
	return 0;
}
