/*
 * scriptenv.c: the hook script's environment, a fresh one of validated
 * values under BusyBox's variable names:
 *
 *	interface ip siaddr giaddr sname boot_file mask
 *	NAME=value for every named option (router, dns, staticroutes ...)
 *	optNN=hex for the rest (opt53=05)
 *
 * A value that fails validation (a host name with shell syntax, a string
 * with control characters, a malformed list) is left out and logged, so
 * nothing a server sends can run a command in a careless script. From our
 * own environment only PATH, RESOLV_CONF and UDHCPC_* pass through.
 * Pure: os/script.c runs the script with it.
 */
#include "libbb.h"
#include "codec/common.h"
#include "codec/scriptenv.h"

#include <arpa/inet.h>

extern char **environ;

struct env {
	char **vars;
	size_t count, cap;
};

static void env_add(struct env *e, const char *name, const char *value)
{
	if (e->count + 1 >= e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->vars = xrealloc(e->vars, e->cap * sizeof(char *));
	}
	e->vars[e->count++] = xasprintf("%s=%s", name, value);
	e->vars[e->count] = NULL;
}

static void env_add_ip(struct env *e, const char *name, uint32_t nip)
{
	char text[INET_ADDRSTRLEN];
	struct in_addr a = { nip };

	if (nip)
		env_add(e, name, inet_ntop(AF_INET, &a, text, sizeof(text)));
}

static void env_add_field(struct env *e, const char *name, const char *value)
{
	if (!value[0])
		return;
	if (udhcp_safe_string(value, strlen(value)))
		env_add(e, name, value);
	else
		bb_info_msg("not passing %s to the script: unsafe characters", name);
}

static void env_inherit(struct env *e)
{
	for (char **v = environ; *v; v++) {
		if (strncmp(*v, "PATH=", 5) == 0 || strncmp(*v, "RESOLV_CONF=", 12) == 0
		    || strncmp(*v, "UDHCPC_", 7) == 0) {
			char *copy = xstrdup(*v), *eq = strchr(copy, '=');

			*eq = '\0';
			env_add(e, copy, eq + 1);
			free(copy);
		}
	}
	if (!getenv("PATH"))
		env_add(e, "PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
}

static void env_add_options(struct env *e, const struct dhcp_optset *opts)
{
	enum { TEXT_MAX = 16384 };	/* a 255-byte option's widest rendering and more */
	char *text = xmalloc(TEXT_MAX);	/* the heap, not BSS every process maps */

	for (unsigned code = 1; code < 255; code++) {
		const struct udhcp_optdef *d = udhcp_option_by_code(code);
		struct udhcp_error err;
		char name[8];
		const uint8_t *data;
		size_t len;

		data = udhcp_opt_get(opts, code, &len);
		if (!data)
			continue;
		if (udhcp_option_to_text(code, data, len, text, TEXT_MAX, &err) < 0) {
			bb_info_msg("not passing option %u to the script: %s", code, err.msg);
			continue;
		}
		if (!text[strspn(text, " ")] && d) {
			/* a named option with nothing in it (a search list of the
			 * root alone, a 0-byte or all-blank string): nothing a
			 * script can use, nor read back as the option */
			bb_info_msg("not passing option %u to the script: it is empty", code);
			continue;
		}
		snprintf(name, sizeof(name), "opt%u", code);
		env_add(e, d ? d->name : name, text);
		if (d && d->alias[0])
			env_add(e, d->alias, text);
	}
	free(text);
}

char **udhcp_script_env(const char *ifname, const struct dhcp_message *m)
{
	struct env e = { NULL, 0, 0 };
	uint32_t mask;
	char prefix[4];

	env_inherit(&e);
	env_add(&e, "interface", ifname);
	if (!m)
		return e.vars;
	env_add_ip(&e, "ip", m->yiaddr);
	env_add_ip(&e, "siaddr", m->siaddr);
	env_add_ip(&e, "giaddr", m->giaddr);
	env_add_field(&e, "sname", m->sname);
	env_add_field(&e, "boot_file", m->file);
	if (udhcp_opt_get_ip(&m->opts, DHCP_SUBNET, &mask) == UDHCP_OPT_OK
	    && udhcp_mask_to_prefix(mask) >= 0) {
		snprintf(prefix, sizeof(prefix), "%d", udhcp_mask_to_prefix(mask));
		env_add(&e, "mask", prefix);
	}
	env_add_options(&e, &m->opts);
	return e.vars;
}

void udhcp_script_env_free(char **env)
{
	for (char **v = env; v && *v; v++)
		free(*v);
	free(env);
}
