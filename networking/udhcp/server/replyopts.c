/*
 * replyopts.c: the options of an OFFER or ACK from the client's view
 * (conf.h), pure: what it asked for, in the order RFC 2132 9.8 wants;
 * values computed per request ("option NAME = DATA;") evaluated here;
 * options made of an option space's (RFC 2132 section 8.4).
 */
#include "libbb.h"
#include "server/server.h"
#include "server/expr.h"

#include <arpa/inet.h>
#include <string.h>

struct option_adder {
	struct dhcp_builder *b;
	const struct conf_view *v;
	const uint8_t *prl;	/* NULL: the client asked for nothing */
	size_t nprl;
	struct conf_eval ev;	/* room for computed values */
};

static void add_one(struct dhcp_builder *b, unsigned code, const uint8_t *data, size_t len)
{
	if (udhcp_add_option(b, (uint8_t)code, data, len) < 0 && bb_client_msg_allowed())
		bb_error_msg("option %u does not fit in the reply", code);
}

/* o's value for this request (computed or not) into the reply; a computed
 * one that is null is not sent. */
static void add_value(struct option_adder *a, const struct conf_option *o)
{
	const uint8_t *data;
	size_t len;

	a->ev.used = 0;
	if (conf_view_value(a->v, o, &a->ev, &data, &len))
		add_one(a->b, o->code, data, len);
}

static bool asked(const struct option_adder *a, unsigned code)
{
	return !a->prl || memchr(a->prl, (int)code, a->nprl);
}

static void add_if_asked(void *ctx, const struct conf_option *o)
{
	struct option_adder *a = ctx;

	if (o->code == DHCP_SUBNET || o->code == DHCP_ROUTER || o->code == DHCP_LEASE_TIME
	    || o->code == DHCP_SERVER_ID || o->code == DHCP_HOST_NAME)
		return;		/* placed by server_add_options */
	if (asked(a, o->code))
		add_value(a, o);
}

/*
 * Options made of an option space's (RFC 2132 section 8.4): 43 of the
 * space vendor-option-space names, an "encapsulate SPACE" option of its
 * space; unless a scope sets the option itself. Sent as any other: when
 * asked for, or when the client asked nothing.
 */
static void add_encapsulated(struct option_adder *a, const struct server_config *cfg)
{
	uint32_t vendor = conf_view_param(a->v, CP_VENDOR_SPACE, 0);
	uint8_t data[1024];
	size_t n;

	if (vendor && vendor < cfg->nspaces && asked(a, DHCP_VENDOR_OPTIONS)
	    && !conf_view_option(a->v, DHCP_VENDOR_OPTIONS)
	    && (n = conf_view_encapsulate(a->v, vendor, data, sizeof(data))) != 0)
		add_one(a->b, DHCP_VENDOR_OPTIONS, data, n);
	for (unsigned i = 1; i < cfg->nspaces; i++) {
		unsigned code = cfg->spaces[i]->container;

		if (!code || code == DHCP_RELAY_AGENT || !asked(a, code) || conf_view_option(a->v, code)
		    || (code == DHCP_VENDOR_OPTIONS && vendor))
			continue;
		if ((n = conf_view_encapsulate(a->v, i, data, sizeof(data))) != 0)
			add_one(a->b, code, data, n);
	}
}

static void log_line(void *ctx, enum conf_log_priority priority, const char *text)
{
	(void)ctx;
	if (priority == CONF_LOG_DEBUG)
		bb_debug_msg(1, "%s", text);
	else if (priority == CONF_LOG_INFO)
		bb_info_msg("%s", text);
	else
		bb_error_msg("%s", text);
}

/* RFC 2132 9.8: what the client asked for (55) that its scopes have, after
 * the ones every client gets (its subnet's mask unless a scope sets one,
 * the routers); everything configured when it asked nothing, or with all
 * (a BOOTP reply: ISC ignores a BOOTP client's 55). A host's block name
 * is its host name with use-host-decl-names. */
void server_add_options(struct dhcp_builder *b, const struct dhcp_message *req,
	const struct conf_view *v, const struct conf_subnet *subnet, const struct conf_host *h,
	uint32_t fallback_mask, bool all)
{
	struct option_adder a;
	const struct conf_option *o;

	a.b = b;
	a.v = v;
	a.prl = NULL;
	a.nprl = 0;
	if (!all)
		a.prl = udhcp_opt_get(&req->opts, DHCP_PARAM_REQ, &a.nprl);
	if ((o = conf_view_option(v, DHCP_SUBNET)) != NULL)
		add_value(&a, o);
	else
		udhcp_add_ip(b, DHCP_SUBNET, htonl(subnet ? subnet->mask : fallback_mask));
	if ((o = conf_view_option(v, DHCP_ROUTER)) != NULL)
		add_value(&a, o);
	if (asked(&a, DHCP_HOST_NAME)) {
		if ((o = conf_view_option(v, DHCP_HOST_NAME)) != NULL)
			add_value(&a, o);
		else if (h && h->name[0] && conf_view_param(v, CP_USE_HOST_DECL_NAMES, 0))
			add_one(b, DHCP_HOST_NAME, (const uint8_t *)h->name, strlen(h->name));
	}
	conf_view_each_option(v, add_if_asked, &a);
	if (!ENABLE_FEATURE_UDHCPD_ISC_CONF)
		return;	/* option spaces and log statements are a dhcpd.conf's */
	if (v->cfg && v->cfg->nspaces > 1)
		add_encapsulated(&a, v->cfg);
	/* ISC's log statements: here, once for each OFFER and ACK */
	conf_view_logs(v, log_line, NULL);
}
