/*
 * libFuzzer target: the hook script's environment (codec/scriptenv.c)
 * from a received message. Every value exported must pass its own
 * validation: printable and free of shell syntax (udhcp_safe_string),
 * names valid host names, addresses dotted quads, the prefix 0..32, and a
 * named option's text must parse back (optparse.c) as that option.
 */
#include "codec/common.h"
#include "codec/scriptenv.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dhcp_message msg;

static void check_value(const char *name, const char *value)
{
	const struct udhcp_optdef *d = udhcp_option_by_name(name);
	struct udhcp_optval back;
	struct udhcp_error err;
	struct in_addr a;

	if (!udhcp_safe_string(value, strlen(value)))
		abort();	/* nothing unsafe reaches a script */
	if ((!strcmp(name, "ip") || !strcmp(name, "siaddr") || !strcmp(name, "giaddr"))
	    && inet_pton(AF_INET, value, &a) != 1)
		abort();
	if (!strcmp(name, "mask") && (atoi(value) < 0 || atoi(value) > 32))
		abort();
	if (!strcmp(name, "sname") && !udhcp_safe_string(value, strlen(value)))
		abort();
	/* a named option's text reads back as that option (what a script
	 * could hand to udhcpd.conf or udhcpc -x) */
	if (d && strcmp(name, "interface") && strlen(value) < 200
	    && udhcp_option_from_text(name, value, &back, &err) < 0)
		abort();	/* (long lists may exceed what one text option holds) */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct udhcp_error err;
	char **env;

	if (udhcp_parse_message(data, size, BOOTREPLY, &msg, &err) < 0)
		return 0;
	env = udhcp_script_env("eth0", &msg);
	for (char **v = env; v && *v; v++) {
		char *eq = strchr(*v, '=');

		if (!eq)
			abort();
		*eq = '\0';
		if (strcmp(*v, "PATH") && strncmp(*v, "UDHCPC_", 7) && strcmp(*v, "RESOLV_CONF"))
			check_value(*v, eq + 1);
		*eq = '=';
	}
	udhcp_script_env_free(env);
	return 0;
}
