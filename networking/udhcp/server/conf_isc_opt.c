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
#include "libbb.h"
#include "server/conf_isc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Formats: see conf_isc.h. ISC's own option names with their types. */
/* Each entry is its code, its format and its name, the two strings
 * NUL-terminated; packed into one string, the table needs no pointers
 * (see libbb/strings.c). The code is an octal escape: 1 to 254. */
#define ISC_OPT(code, fmt, name) code fmt "\0" name "\0"

static const char isc_options[] =
	ISC_OPT("\001", "I", "subnet-mask")
	ISC_OPT("\002", "l", "time-offset")
	ISC_OPT("\003", "IA", "routers")
	ISC_OPT("\004", "IA", "time-servers")
	ISC_OPT("\005", "IA", "ien116-name-servers")
	ISC_OPT("\006", "IA", "domain-name-servers")
	ISC_OPT("\007", "IA", "log-servers")
	ISC_OPT("\010", "IA", "cookie-servers")
	ISC_OPT("\011", "IA", "lpr-servers")
	ISC_OPT("\012", "IA", "impress-servers")
	ISC_OPT("\013", "IA", "resource-location-servers")
	ISC_OPT("\014", "t", "host-name")
	ISC_OPT("\015", "S", "boot-size")
	ISC_OPT("\016", "t", "merit-dump")
	ISC_OPT("\017", "t", "domain-name")
	ISC_OPT("\020", "I", "swap-server")
	ISC_OPT("\021", "t", "root-path")
	ISC_OPT("\022", "t", "extensions-path")
	ISC_OPT("\023", "f", "ip-forwarding")
	ISC_OPT("\024", "f", "non-local-source-routing")
	ISC_OPT("\025", "IIA", "policy-filter")
	ISC_OPT("\026", "S", "max-dgram-reassembly")
	ISC_OPT("\027", "B", "default-ip-ttl")
	ISC_OPT("\030", "L", "path-mtu-aging-timeout")
	ISC_OPT("\031", "SA", "path-mtu-plateau-table")
	ISC_OPT("\032", "S", "interface-mtu")
	ISC_OPT("\033", "f", "all-subnets-local")
	ISC_OPT("\034", "I", "broadcast-address")
	ISC_OPT("\035", "f", "perform-mask-discovery")
	ISC_OPT("\036", "f", "mask-supplier")
	ISC_OPT("\037", "f", "router-discovery")
	ISC_OPT("\040", "I", "router-solicitation-address")
	ISC_OPT("\041", "IIA", "static-routes")
	ISC_OPT("\042", "f", "trailer-encapsulation")
	ISC_OPT("\043", "L", "arp-cache-timeout")
	ISC_OPT("\044", "f", "ieee802-3-encapsulation")
	ISC_OPT("\045", "B", "default-tcp-ttl")
	ISC_OPT("\046", "L", "tcp-keepalive-interval")
	ISC_OPT("\047", "f", "tcp-keepalive-garbage")
	ISC_OPT("\050", "t", "nis-domain")
	ISC_OPT("\051", "IA", "nis-servers")
	ISC_OPT("\052", "IA", "ntp-servers")
	ISC_OPT("\053", "X", "vendor-encapsulated-options")
	ISC_OPT("\054", "IA", "netbios-name-servers")
	ISC_OPT("\055", "IA", "netbios-dd-server")
	ISC_OPT("\056", "B", "netbios-node-type")
	ISC_OPT("\057", "t", "netbios-scope")
	ISC_OPT("\060", "IA", "font-servers")
	ISC_OPT("\061", "IA", "x-display-manager")
	ISC_OPT("\062", "I", "dhcp-requested-address")
	ISC_OPT("\063", "L", "dhcp-lease-time")
	ISC_OPT("\064", "B", "dhcp-option-overload")
	ISC_OPT("\065", "B", "dhcp-message-type")
	ISC_OPT("\066", "I", "dhcp-server-identifier")
	ISC_OPT("\067", "BA", "dhcp-parameter-request-list")
	ISC_OPT("\070", "t", "dhcp-message")
	ISC_OPT("\071", "S", "dhcp-max-message-size")
	ISC_OPT("\072", "L", "dhcp-renewal-time")
	ISC_OPT("\073", "L", "dhcp-rebinding-time")
	ISC_OPT("\074", "X", "vendor-class-identifier")
	ISC_OPT("\075", "X", "dhcp-client-identifier")
	ISC_OPT("\076", "t", "nwip-domain")
	ISC_OPT("\077", "X", "nwip-suboptions")
	ISC_OPT("\100", "t", "nisplus-domain")
	ISC_OPT("\101", "IA", "nisplus-servers")
	ISC_OPT("\102", "t", "tftp-server-name")
	ISC_OPT("\103", "t", "bootfile-name")
	ISC_OPT("\104", "IA", "mobile-ip-home-agent")
	ISC_OPT("\105", "IA", "smtp-server")
	ISC_OPT("\106", "IA", "pop-server")
	ISC_OPT("\107", "IA", "nntp-server")
	ISC_OPT("\110", "IA", "www-server")
	ISC_OPT("\111", "IA", "finger-server")
	ISC_OPT("\112", "IA", "irc-server")
	ISC_OPT("\113", "IA", "streettalk-server")
	ISC_OPT("\114", "IA", "streettalk-directory-assistance-server")
	ISC_OPT("\115", "t", "user-class")
	ISC_OPT("\116", "fIa", "slp-directory-agent")
	ISC_OPT("\117", "ft", "slp-service-scope")
	ISC_OPT("\125", "IA", "nds-servers")
	ISC_OPT("\126", "t", "nds-tree-name")
	ISC_OPT("\127", "t", "nds-context")
	ISC_OPT("\130", "D", "bcms-controller-names")
	ISC_OPT("\131", "IA", "bcms-controller-address")
	ISC_OPT("\133", "L", "client-last-transaction-time")
	ISC_OPT("\134", "IA", "associated-ip")
	ISC_OPT("\135", "SA", "pxe-system-type")
	ISC_OPT("\136", "BBB", "pxe-interface-id")
	ISC_OPT("\141", "BX", "pxe-client-id")
	ISC_OPT("\142", "t", "uap-servers")
	ISC_OPT("\143", "X", "geoconf-civic")
	ISC_OPT("\144", "t", "pcode")
	ISC_OPT("\145", "t", "tcode")
	ISC_OPT("\154", "L", "v6-only-preferred")
	ISC_OPT("\160", "IA", "netinfo-server-address")
	ISC_OPT("\161", "t", "netinfo-server-tag")
	ISC_OPT("\162", "t", "default-url")
	ISC_OPT("\164", "B", "auto-config")
	ISC_OPT("\165", "SA", "name-service-search")
	ISC_OPT("\166", "I", "subnet-selection")
	ISC_OPT("\167", "C", "domain-search")
	ISC_OPT("\174", "X", "vivco")
	ISC_OPT("\175", "X", "vivso")
	ISC_OPT("\210", "IA", "pana-agent")
	ISC_OPT("\212", "IA", "capwap-ac-v4")
	ISC_OPT("\226", "IA", "tftp-server-address")
	ISC_OPT("\321", "t", "loader-configfile")
	ISC_OPT("\322", "t", "loader-pathprefix")
	ISC_OPT("\323", "L", "loader-reboottime");


/* ISC's, of types or spaces not done here: "not supported yet". */
static const char isc_options_not_done[] = "fqdn\0relay-agent-information\0rdnss-selection\0"
	"option-6rd\0v4-portparams\0v4-access-domain\0v4-lost\0";

bool isc_option_next(const char **at, struct isc_optent *e)
{
	const char *p = *at ? *at : isc_options;

	if (!*p)
		return false;
	e->code = (uint8_t)*p++;
	e->fmt = p;
	p += strlen(p) + 1;
	e->name = p;
	*at = p + strlen(p) + 1;
	return true;
}

bool isc_option_not_done(const char *name, size_t len)
{
	return index_in_strings(isc_options_not_done, name, len) >= 0;
}

/* The sub-options of option 82 as ISC names them (space "agent"). */
static const char agent_options[] =
	ISC_OPT("\001", "X", "circuit-id")
	ISC_OPT("\002", "X", "remote-id")
	ISC_OPT("\003", "I", "agent-id")
	ISC_OPT("\004", "L", "DOCSIS-device-class")
	ISC_OPT("\005", "I", "link-selection");

/* The entry of a packed table (isc_options' form) named name, or false. */
static bool table_find(const char *table, const char *name, size_t len, struct isc_optent *e)
{
	while (*table) {
		e->code = (uint8_t)*table++;
		e->fmt = table;
		table += strlen(table) + 1;
		e->name = table;
		table += strlen(table) + 1;
		if (strlen(e->name) == len && strncasecmp(e->name, name, len) == 0)
			return true;
	}
	return false;
}

bool isc_option_find(const struct isc_parser *p, const char *name, size_t len,
	struct isc_optname *out)
{
	const char *dot = memchr(name, '.', len);
	unsigned space = 0;
	struct isc_optent e;

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

		if (d->space == space && strlen(d->name) == len && strncasecmp(d->name, name, len) == 0) {
			*out = (struct isc_optname){ d->name, d->code, d->fmt, d->space, d->encap };
			return true;
		}
	}
	if (space && (space != p->agent_space || !table_find(agent_options, name, len, &e)))
		return false;
	if (!space && !table_find(isc_options, name, len, &e))
		return false;
	*out = (struct isc_optname){ e.name, e.code, e.fmt, (uint8_t)space, 0 };
	return true;
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
