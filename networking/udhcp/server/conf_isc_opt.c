/*
 * conf_isc_opt.c: option names as ISC dhcpd knows them (dhcp-options(5),
 * with the codes of RFC 2132 and the later RFCs) and the file's own
 * definitions (dhcp-options(5), "DEFINING NEW OPTIONS"):
 *
 *	option NAME code N = TYPE;
 *	TYPE:	ip-address | [signed|unsigned] integer 8|16|32 | boolean |
 *		text | string | domain-list [compressed] |
 *		array of TYPE | { TYPE, ... } | array of { TYPE, ... }
 *
 * A definition may give a known code a new name (Debian's dhclient.conf
 * and many dhcpd.conf files: "option rfc3442-classless-static-routes code
 * 121 = array of unsigned integer 8;") or a known name a new format; the
 * latest definition wins. Option spaces ("agent.circuit-id", "option space",
 * "encapsulate") are not supported yet.
 */
#include "server/conf_isc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Formats: see conf_isc.h. ISC's own option names with their types. */
static const struct isc_optent isc_options[] = {
	{ "subnet-mask", 1, "I" },
	{ "time-offset", 2, "l" },
	{ "routers", 3, "IA" },
	{ "time-servers", 4, "IA" },
	{ "ien116-name-servers", 5, "IA" },
	{ "domain-name-servers", 6, "IA" },
	{ "log-servers", 7, "IA" },
	{ "cookie-servers", 8, "IA" },
	{ "lpr-servers", 9, "IA" },
	{ "impress-servers", 10, "IA" },
	{ "resource-location-servers", 11, "IA" },
	{ "host-name", 12, "t" },
	{ "boot-size", 13, "S" },
	{ "merit-dump", 14, "t" },
	{ "domain-name", 15, "t" },
	{ "swap-server", 16, "I" },
	{ "root-path", 17, "t" },
	{ "extensions-path", 18, "t" },
	{ "ip-forwarding", 19, "f" },
	{ "non-local-source-routing", 20, "f" },
	{ "policy-filter", 21, "IIA" },
	{ "max-dgram-reassembly", 22, "S" },
	{ "default-ip-ttl", 23, "B" },
	{ "path-mtu-aging-timeout", 24, "L" },
	{ "path-mtu-plateau-table", 25, "SA" },
	{ "interface-mtu", 26, "S" },
	{ "all-subnets-local", 27, "f" },
	{ "broadcast-address", 28, "I" },
	{ "perform-mask-discovery", 29, "f" },
	{ "mask-supplier", 30, "f" },
	{ "router-discovery", 31, "f" },
	{ "router-solicitation-address", 32, "I" },
	{ "static-routes", 33, "IIA" },
	{ "trailer-encapsulation", 34, "f" },
	{ "arp-cache-timeout", 35, "L" },
	{ "ieee802-3-encapsulation", 36, "f" },
	{ "default-tcp-ttl", 37, "B" },
	{ "tcp-keepalive-interval", 38, "L" },
	{ "tcp-keepalive-garbage", 39, "f" },
	{ "nis-domain", 40, "t" },
	{ "nis-servers", 41, "IA" },
	{ "ntp-servers", 42, "IA" },
	{ "vendor-encapsulated-options", 43, "X" },
	{ "netbios-name-servers", 44, "IA" },
	{ "netbios-dd-server", 45, "IA" },
	{ "netbios-node-type", 46, "B" },
	{ "netbios-scope", 47, "t" },
	{ "font-servers", 48, "IA" },
	{ "x-display-manager", 49, "IA" },
	{ "dhcp-requested-address", 50, "I" },
	{ "dhcp-lease-time", 51, "L" },
	{ "dhcp-option-overload", 52, "B" },
	{ "dhcp-message-type", 53, "B" },
	{ "dhcp-server-identifier", 54, "I" },
	{ "dhcp-parameter-request-list", 55, "BA" },
	{ "dhcp-message", 56, "t" },
	{ "dhcp-max-message-size", 57, "S" },
	{ "dhcp-renewal-time", 58, "L" },
	{ "dhcp-rebinding-time", 59, "L" },
	{ "vendor-class-identifier", 60, "X" },
	{ "dhcp-client-identifier", 61, "X" },
	{ "nwip-domain", 62, "t" },
	{ "nwip-suboptions", 63, "X" },
	{ "nisplus-domain", 64, "t" },
	{ "nisplus-servers", 65, "IA" },
	{ "tftp-server-name", 66, "t" },
	{ "bootfile-name", 67, "t" },
	{ "mobile-ip-home-agent", 68, "IA" },
	{ "smtp-server", 69, "IA" },
	{ "pop-server", 70, "IA" },
	{ "nntp-server", 71, "IA" },
	{ "www-server", 72, "IA" },
	{ "finger-server", 73, "IA" },
	{ "irc-server", 74, "IA" },
	{ "streettalk-server", 75, "IA" },
	{ "streettalk-directory-assistance-server", 76, "IA" },
	{ "user-class", 77, "t" },
	{ "slp-directory-agent", 78, "fIa" },
	{ "slp-service-scope", 79, "ft" },
	{ "nds-servers", 85, "IA" },
	{ "nds-tree-name", 86, "t" },
	{ "nds-context", 87, "t" },
	{ "bcms-controller-names", 88, "D" },
	{ "bcms-controller-address", 89, "IA" },
	{ "client-last-transaction-time", 91, "L" },
	{ "associated-ip", 92, "IA" },
	{ "pxe-system-type", 93, "SA" },
	{ "pxe-interface-id", 94, "BBB" },
	{ "pxe-client-id", 97, "BX" },
	{ "uap-servers", 98, "t" },
	{ "geoconf-civic", 99, "X" },
	{ "pcode", 100, "t" },
	{ "tcode", 101, "t" },
	{ "v6-only-preferred", 108, "L" },
	{ "netinfo-server-address", 112, "IA" },
	{ "netinfo-server-tag", 113, "t" },
	{ "default-url", 114, "t" },
	{ "auto-config", 116, "B" },
	{ "name-service-search", 117, "SA" },
	{ "subnet-selection", 118, "I" },
	{ "domain-search", 119, "C" },
	{ "vivco", 124, "X" },
	{ "vivso", 125, "X" },
	{ "pana-agent", 136, "IA" },
	{ "capwap-ac-v4", 138, "IA" },
	{ "tftp-server-address", 150, "IA" },
	{ "loader-configfile", 209, "t" },
	{ "loader-pathprefix", 210, "t" },
	{ "loader-reboottime", 211, "L" },
};

/* ISC's, of types or spaces not done here: "not supported yet". */
static const char *const isc_options_not_done[] = {
	"fqdn", "relay-agent-information", "rdnss-selection", "option-6rd", "v4-portparams",
	"v4-access-domain", "v4-lost",
};

const struct isc_optent *isc_option_table(size_t *count)
{
	*count = sizeof(isc_options) / sizeof(isc_options[0]);
	return isc_options;
}

bool isc_option_not_done(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(isc_options_not_done) / sizeof(isc_options_not_done[0]); i++)
		if (strlen(isc_options_not_done[i]) == len
		    && strncasecmp(isc_options_not_done[i], name, len) == 0)
			return true;
	return false;
}

/* The sub-options of option 82 as ISC names them (space "agent"). */
static const struct isc_optent agent_options[] = {
	{ "circuit-id", 1, "X" },
	{ "remote-id", 2, "X" },
	{ "agent-id", 3, "I" },
	{ "DOCSIS-device-class", 4, "L" },
	{ "link-selection", 5, "I" },
};

static bool same_name(const char *a, const char *name, size_t len)
{
	return strlen(a) == len && strncasecmp(a, name, len) == 0;
}

bool isc_option_find(const struct isc_parser *p, const char *name, size_t len,
	struct isc_optname *out)
{
	const char *dot = memchr(name, '.', len);
	unsigned space = 0;

	if (dot) {
		/* SPACE.NAME: a space declared (or "agent") */
		space = conf_space_named(p->cfg, name, (size_t)(dot - name), false);
		if (!space)
			return false;
		len -= (size_t)(dot + 1 - name);
		name = dot + 1;
	}
	for (unsigned i = p->ndefs; i-- > 0;) {
		const struct isc_def *d = &p->defs[i];

		if (d->space == space && same_name(d->name, name, len)) {
			*out = (struct isc_optname){ d->name, d->code, d->fmt, d->space, d->encap };
			return true;
		}
	}
	if (space && space == p->agent_space) {
		for (size_t i = 0; i < sizeof(agent_options) / sizeof(agent_options[0]); i++) {
			if (same_name(agent_options[i].name, name, len)) {
				*out = (struct isc_optname){ agent_options[i].name, agent_options[i].code,
					agent_options[i].fmt, (uint8_t)space, 0 };
				return true;
			}
		}
	}
	if (space)
		return false;
	for (size_t i = 0; i < sizeof(isc_options) / sizeof(isc_options[0]); i++) {
		if (same_name(isc_options[i].name, name, len)) {
			*out = (struct isc_optname){ isc_options[i].name, isc_options[i].code,
				isc_options[i].fmt, 0, 0 };
			return true;
		}
	}
	return false;
}

/* ---- option NAME code N = TYPE; ------------------------------------------------ */

/* One simple type: its element letter, or 0 after an error. */
static char simple_type(struct isc_parser *p)
{
	struct isc_token t;
	bool sign = false;
	uint32_t bits;

	if (isc_expect(p, T_WORD, "a type (ip-address, integer 8, text, ...)", &t) < 0)
		return 0;
	if (isc_is(&t, "ip-address"))
		return 'I';
	if (isc_is(&t, "boolean"))
		return 'f';
	if (isc_is(&t, "text"))
		return 't';
	if (isc_is(&t, "string"))
		return 'X';
	if (isc_is(&t, "domain-list")) {
		if (!isc_is(isc_peek(p->lx), "compressed"))
			return 'D';
		isc_next(p->lx);
		return 'C';
	}
	if (isc_is(&t, "signed") || isc_is(&t, "unsigned")) {
		sign = isc_is(&t, "signed");
		if (isc_expect(p, T_WORD, "'integer'", &t) < 0)
			return 0;
		if (!isc_is(&t, "integer"))
			return isc_fail(p, &t, "expected 'integer' after signed/unsigned"), 0;
	} else if (isc_is(&t, "integer")) {
		sign = true;
	} else if (isc_is(&t, "ip6-address") || isc_is(&t, "encapsulate") || isc_is(&t, "zerolen")) {
		return isc_fail(p, &t, "type '%.*s' is not supported yet", (int)t.len, t.text), 0;
	} else {
		return isc_fail(p, &t, "unknown type '%.*s'", (int)t.len, t.text), 0;
	}
	t = *isc_peek(p->lx);
	if (isc_number(p, 32, &bits) < 0)
		return 0;
	if (bits != 8 && bits != 16 && bits != 32)
		return isc_fail(p, &t, "integers have 8, 16 or 32 bits, not %u", (unsigned)bits), 0;
	return "bsl"[bits / 16] - (sign ? 0 : 32);
}

/* "array of" (taken when it is there). */
static int array_of(struct isc_parser *p, bool *array)
{
	struct isc_token t;

	*array = isc_is(isc_peek(p->lx), "array");
	if (!*array)
		return 0;
	isc_next(p->lx);
	if (isc_expect(p, T_WORD, "'of'", &t) < 0)
		return -1;
	if (!isc_is(&t, "of"))
		return isc_fail(p, &t, "expected 'array of'");
	return 0;
}

/* { T, T, ... } (the brace taken) into fmt; the last T may be an array
 * ("{ unsigned integer 8, array of ip-address }": *tail set). */
static int record_type(struct isc_parser *p, char *fmt, size_t *n, bool *tail)
{
	struct isc_token t;

	for (;;) {
		t = *isc_peek(p->lx);
		if (*n == ISC_RECORD_MAX)
			return isc_fail(p, &t, "a record of more than %d elements", ISC_RECORD_MAX);
		if (*n > 0 && strchr("tXDC", fmt[*n - 1]))
			return isc_fail(p, &t, "text, string and domain-list must end a record");
		if (array_of(p, tail) < 0 || !(fmt[(*n)++] = simple_type(p)))
			return -1;
		if (*tail && strchr("tXDC", fmt[*n - 1]))
			return isc_fail(p, &t, "arrays of text, string or domain-list are not supported (nor by ISC)");
		t = isc_next(p->lx);
		if (t.type == T_RBRACE)
			return 0;
		if (t.type != T_COMMA)
			return isc_fail(p, &t, "expected ',' or '}' in the record");
		if (*tail)
			return isc_fail(p, &t, "an array can only end a record");
	}
}

/* The type after '=' as a format string (conf_isc.h). */
static int definition_type(struct isc_parser *p, char *fmt)
{
	struct isc_token t;
	bool array, tail = false;
	size_t n = 0;

	if (array_of(p, &array) < 0)
		return -1;
	t = *isc_peek(p->lx);
	if (t.type == T_LBRACE) {
		isc_next(p->lx);
		if (record_type(p, fmt, &n, &tail) < 0)
			return -1;
		if (tail && array)
			return isc_fail(p, &t, "no arrays in an array (as ISC)");
	} else if (!(fmt[n++] = simple_type(p))) {
		return -1;
	}
	if (array && strchr("tXDC", fmt[n - 1]))
		return isc_fail(p, &t, "arrays of text, string or domain-list are not supported (nor by ISC)");
	if (array || tail)
		fmt[n++] = tail ? 'a' : 'A';
	fmt[n] = '\0';
	return 0;
}

static int add_definition(struct isc_parser *p, const struct isc_def *d)
{
	if (p->ndefs == p->defs_cap) {
		unsigned cap = p->defs_cap ? 2 * p->defs_cap : 16;
		struct isc_def *defs = realloc(p->defs, cap * sizeof(*defs));

		if (!defs)
			return isc_oom(p, NULL);
		p->defs = defs;
		p->defs_cap = cap;
	}
	p->defs[p->ndefs++] = *d;
	return 0;
}

int isc_option_define(struct isc_parser *p, const struct isc_token *name)
{
	struct isc_def d;
	struct isc_token t;
	uint32_t code;

	const char *text = name->text, *dot = memchr(name->text, '.', name->len);
	size_t len = name->len;

	memset(&d, 0, sizeof(d));
	if (dot) {
		/* option SPACE.NAME code N = TYPE; in a declared space */
		if (!(d.space = (uint8_t)conf_space_named(p->cfg, text, (size_t)(dot - text), false)))
			return isc_fail(p, name, "no option space '%.*s' (declare it first: option "
				"space %.*s;)", (int)(dot - text), text, (int)(dot - text), text);
		if (d.space == p->agent_space)
			return isc_fail(p, name, "the agent space's options are ISC's own");
		len -= (size_t)(dot + 1 - text);
		text = dot + 1;
	}
	if (len == 0 || len >= sizeof(d.name))
		return isc_fail(p, name, "a name of 1 to %zu bytes", sizeof(d.name) - 1);
	memcpy(d.name, text, len);
	isc_next(p->lx);	/* "code" */
	t = *isc_peek(p->lx);
	if (isc_number(p, 32, &code) < 0)
		return -1;
	if (code < 1 || code > 254)
		return isc_fail(p, &t, "option codes are 1 to 254, not %u", (unsigned)code);
	d.code = (uint8_t)code;
	if (isc_expect(p, T_EQUAL, "'='", &t) < 0)
		return -1;
	if (isc_is(isc_peek(p->lx), "encapsulate")) {
		/* option NAME code N = encapsulate SPACE;: the option is made of
		 * that space's options (RFC 2132 section 8.4's format) */
		t = isc_next(p->lx);
		if (isc_expect(p, T_WORD, "an option space", &t) < 0)
			return -1;
		if (d.space)
			return isc_fail(p, &t, "only a DHCP option can encapsulate a space");
		if (!(d.encap = (uint8_t)conf_space_named(p->cfg, t.text, t.len, false)))
			return isc_fail(p, &t, "no option space '%.*s'", (int)t.len, t.text);
		if (d.encap == p->agent_space || code == DHCP_RELAY_AGENT)
			return isc_fail(p, &t, "option 82 is the relay agent's");
		p->cfg->spaces[d.encap]->container = (uint8_t)code;
		strcpy(d.fmt, "E");
	} else if (definition_type(p, d.fmt) < 0) {
		return -1;
	}
	if (isc_semi(p) < 0)
		return -1;
	return add_definition(p, &d);
}
