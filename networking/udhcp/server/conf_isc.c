/*
 * conf_isc.c: ISC dhcpd.conf (dhcpd.conf(5), dhcp-options(5)) into the
 * scoped model of conf.h: the statements, the parameters, include, and
 * conf_isc_parse(). Blocks are conf_isc_block.c's, values conf_isc_val.c's.
 *
 * As ISC dhcpd does: keywords in any case; a word alone before ';' is a
 * statement that does nothing (a typo such as "authritative;" passes
 * "dhcpd -t"): accepted with a warning; include opens its file relative
 * to the working directory (io->read_file gets the path as written).
 *
 * Statements ISC has and we do not are errors naming them, or, for those
 * whose absence changes nothing about who gets which address, warnings
 * saying they are ignored. Nothing is skipped in silence.
 */
#include "server/conf_isc.h"
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

/* ---- Errors and tokens ----------------------------------------------------------- */

/* One more error, msg its whole line. */
static void add_error(struct isc_errors *e, const char *msg)
{
	if (e->count == 0 && e->first)
		conf_copy_cut(e->first->msg, sizeof(e->first->msg), msg);
	if (e->all && e->count < CONF_ERRORS_MAX)
		conf_copy_cut(e->all->lines[e->count], sizeof(e->all->lines[0]), msg);
	if (e->count < UINT_MAX)
		e->count++;
	if (e->all)
		e->all->count = e->count;
}

void isc_report(struct isc_errors *e, const char *file, unsigned line, unsigned col,
	const char *fmt, ...)
{
	char text[CONF_LINE_LEN];
	va_list ap;

	/* a second error at one place only follows from the first */
	if (e->count && e->line == line && e->col == col && strcmp(e->file, file) == 0)
		return;
	snprintf(e->file, sizeof(e->file), "%s", file);
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	conf_vline_at(text, file, line, col, fmt, ap);
	va_end(ap);
	add_error(e, text);
}

int isc_fail(struct isc_parser *p, const struct isc_token *t, const char *fmt, ...)
{
	char msg[CONF_LINE_LEN];
	unsigned line = t ? t->line : p->lx->line, col = t ? t->col : p->lx->col;
	va_list ap;

	p->fails++;
	if (t && t->type == T_ERROR)
		return -1;
	if (t && t->type == T_EOF)	/* the blocks still open need not say it */
		p->lx->eof_said = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	isc_report(&p->errs, p->lx->filename, line, col, "%s%s%s", p->stmt,
		p->stmt[0] ? ": " : "", msg);
	return -1;
}

int isc_oom(struct isc_parser *p, const struct isc_token *t)
{
	p->fatal = true;
	return isc_fail(p, t, "out of memory");
}

void isc_warn(struct isc_parser *p, const struct isc_token *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vwarn_at(p->cfg, p->lx->filename, t ? t->line : p->lx->line, fmt, ap);
	va_end(ap);
}

bool isc_once(struct isc_parser *p, enum isc_once what)
{
	bool first = !(p->lx->warned & 1u << what);

	p->lx->warned |= 1u << what;
	return first;
}

int isc_expect(struct isc_parser *p, enum isc_tok type, const char *what,
	struct isc_token *out)
{
	char got[64];

	*out = isc_next(p->lx);
	if (out->type == type)
		return 0;
	return isc_fail(p, out, "expected %s, not %s", what, isc_tok_text(out, got, sizeof(got)));
}

static bool keyword(const struct isc_token *t);

int isc_semi(struct isc_parser *p)
{
	struct isc_token t;
	unsigned before = p->lx->last_line;

	if (isc_expect(p, T_SEMI, "';'", &t) == 0)
		return 0;
	if (t.line > before && keyword(&t)) {
		isc_unget(p->lx);
		p->resync = true;
	}
	return -1;
}

/* Appends len bytes of s to the statement's name, as many as fit. */
static void stmt_add(struct isc_parser *p, size_t *n, const char *s, size_t len)
{
	if (len > sizeof(p->stmt) - 1 - *n)
		len = sizeof(p->stmt) - 1 - *n;
	memcpy(p->stmt + *n, s, len);
	*n += len;
	p->stmt[*n] = '\0';
}

void isc_set_stmt(struct isc_parser *p, const char *a, const char *b)
{
	size_t n = 0;

	p->stmt[0] = '\0';
	stmt_add(p, &n, a, strlen(a));
	if (b && b[0]) {
		if (a[0])
			stmt_add(p, &n, " ", 1);
		stmt_add(p, &n, b, strlen(b));
	}
}

static void set_stmt_tok(struct isc_parser *p, const char *a, const struct isc_token *t)
{
	size_t n = 0;

	p->stmt[0] = '\0';
	stmt_add(p, &n, a, strlen(a));
	if (a[0])
		stmt_add(p, &n, " ", 1);
	stmt_add(p, &n, t->text, t->len);
}

/* ---- option ------------------------------------------------------------------------ */

/* The options the server makes itself: set in the file they would be sent twice. */
static bool server_made(unsigned code)
{
	return code == DHCP_REQUESTED_IP || code == DHCP_LEASE_TIME || code == DHCP_OPTION_OVERLOAD
		|| code == DHCP_MESSAGE_TYPE;
}

static int set_option(struct isc_parser *p, struct isc_block *b, const struct isc_token *at,
	const struct isc_optname *o, const uint8_t *data, size_t len)
{
	struct conf_scope *sc = conf_statement_scope(p->cfg, b->scope);

	if (!sc)
		return isc_oom(p, at);
	if (o->space) {
		if (conf_set_space_option(p->cfg, sc, o->space, o->code, data, len) < 0)
			return isc_oom(p, at);
		return 0;
	}
	if (server_made(o->code)) {
		isc_warn(p, at, "option %s is the server's to set%s; ignored", o->name,
			o->code == DHCP_LEASE_TIME ? " (default-lease-time and max-lease-time set "
			"the lease)" : "");
		return 0;
	}
	if (o->code == DHCP_SERVER_ID && len == 4) {
		/* dhcpd.conf(5): the same as server-identifier */
		conf_set_param(sc, CP_SERVER_ID, get_nip(data));
		return 0;
	}
	if (o->code == DHCP_CLIENT_ID) {
		if (b->kind != K_HOST) {
			isc_warn(p, at, "option %s only means something in a host block; ignored", o->name);
			return 0;
		}
		if (b->has_uid) {
			/* as ISC: the uid statement wins */
			isc_warn(p, at, "host %s has a uid already; option %s ignored", b->host->name,
				o->name);
			return 0;
		}
		b->has_client_id = true;
		return isc_host_uid(p, b, at, data, len);
	}
	if (conf_set_option(p->cfg, sc, o->code, data, len) < 0)
		return isc_oom(p, at);
	return 0;
}

/* option NAME = DATA; its value computed for each request (dhcp-eval(5)):
 * the bytes of the data expression, as ISC sends them. */
static int computed_option(struct isc_parser *p, struct isc_block *b, const struct isc_token *at,
	const struct isc_optname *o)
{
	const struct conf_expr *e;
	struct conf_scope *sc;

	isc_next(p->lx);	/* '=' */
	if (isc_data_expr(p, &e) < 0 || isc_semi(p) < 0)
		return -1;
	if (server_made(o->code) || o->code == DHCP_CLIENT_ID || o->code == DHCP_SERVER_ID)
		return isc_fail(p, at, "option %s can't be computed here", o->name);
	if (!(sc = conf_statement_scope(p->cfg, b->scope))
	    || conf_set_option_expr(p->cfg, sc, o->space, o->code, e) < 0)
		return isc_oom(p, at);
	return 0;
}

/* option NAME VALUE; or option NAME code N = TYPE; ("option" taken) */
static int option_statement(struct isc_parser *p, struct isc_block *b)
{
	struct isc_token t;
	const struct isc_token *next;
	struct isc_optname o;
	uint8_t data[ISC_VALUE_MAX];
	size_t len;

	if (isc_expect(p, T_WORD, "an option name", &t) < 0)
		return -1;
	set_stmt_tok(p, "option", &t);
	next = isc_peek(p->lx);
	if (isc_is(&t, "space") && next->type == T_WORD && !isc_is(next, "code"))
		return isc_option_space(p, &t);
	if (isc_is(next, "code"))
		return isc_option_define(p, &t);
	if (!isc_option_find(p, t.text, t.len, &o)) {
		if (isc_option_not_done(t.text, t.len))
			return isc_fail(p, &t, "not supported yet");
		if (memchr(t.text, '.', t.len))
			return isc_fail(p, &t, "unknown option (declare its space and define it: "
				"option space S; option %.*s code N = TYPE;)", (int)t.len, t.text);
		return isc_fail(p, &t, "unknown option (define it first: option %.*s code N = TYPE;)",
			(int)t.len, t.text);
	}
	if (o.fmt[0] == 'E')
		o.fmt = "X";	/* its bytes given as such: sent instead of its space's */
	if (o.space && o.space == p->agent_space)
		return isc_fail(p, &t, "the relay agent's sub-options are the relay's to send");
	if (isc_peek(p->lx)->type == T_EQUAL)
		return computed_option(p, b, &t, &o);
	if (isc_value(p, o.fmt, data, &len) < 0 || isc_semi(p) < 0)
		return -1;
	return set_option(p, b, &t, &o, data, len);
}

/* ---- Parameters ----------------------------------------------------------------------- */

enum param_kind {
	PK_NUMBER,	/* seconds (-1: infinite for lease times) -> which */
	PK_BOOTP_TIME,	/* a number or "infinite" (0xffffffff) -> which */
	PK_FLAG,	/* -> which */
	PK_ADDRESS,	/* -> which, network order */
	PK_STRING,	/* -> enum conf_string which */
	PK_FILE,	/* global: lease-file-name (0), pid-file-name (1) */
	PK_FACILITY,
	PK_INTERFACE,
	PK_BOOT_UNKNOWN,	/* boot-unknown-clients flag: CP_UNKNOWN_CLIENTS */
	PK_ONE_LEASE,	/* one-lease-per-client: leases are per client here anyway */
	PK_HOSTNAMES,	/* get-lease-hostnames: warned once when on */
	PK_DDNS_STYLE, PK_DDNS_FLAG, PK_DDNS_STRING, PK_DDNS_NUMBER, PK_DDNS_ADDRESS,
	/* ISC's, not done here: read, warned about, dropped */
	PK_NOOP_FLAG, PK_NOOP_NUMBER, PK_NOOP_ADDRESS, PK_NOOP_WORD,
};

/* The names packed (libbb/strings.c: no pointers to relocate), their
 * kinds and targets in a table of the same order, both from one list. */
#define ISC_PARAMS(X) \
	X("default-lease-time", PK_NUMBER, CP_DEFAULT_LEASE) \
	X("max-lease-time", PK_NUMBER, CP_MAX_LEASE) \
	X("min-lease-time", PK_NUMBER, CP_MIN_LEASE) \
	X("dynamic-bootp-lease-length", PK_BOOTP_TIME, CP_BOOTP_LEASE_LENGTH) \
	X("dynamic-bootp-lease-cutoff", PK_BOOTP_TIME, CP_BOOTP_LEASE_CUTOFF) \
	X("ping-timeout", PK_NUMBER, CP_PING_TIMEOUT) \
	X("ping-check", PK_FLAG, CP_PING_CHECK) \
	X("use-host-decl-names", PK_FLAG, CP_USE_HOST_DECL_NAMES) \
	X("echo-client-id", PK_FLAG, CP_ECHO_CLIENT_ID) \
	X("next-server", PK_ADDRESS, CP_NEXT_SERVER) \
	X("server-identifier", PK_ADDRESS, CP_SERVER_ID) \
	X("filename", PK_STRING, CS_FILENAME) \
	X("server-name", PK_STRING, CS_SERVER_NAME) \
	X("lease-file-name", PK_FILE, 0) \
	X("pid-file-name", PK_FILE, 1) \
	X("log-facility", PK_FACILITY, 0) \
	X("interface", PK_INTERFACE, 0) \
	X("boot-unknown-clients", PK_BOOT_UNKNOWN, 0) \
	X("one-lease-per-client", PK_ONE_LEASE, 0) \
	X("get-lease-hostnames", PK_HOSTNAMES, 0) \
	X("ddns-update-style", PK_DDNS_STYLE, 0) \
	X("ddns-updates", PK_DDNS_FLAG, 0) \
	X("ddns-domainname", PK_DDNS_STRING, 0) \
	X("ddns-rev-domainname", PK_DDNS_STRING, 0) \
	X("ddns-hostname", PK_DDNS_STRING, 0) \
	X("ddns-ttl", PK_DDNS_NUMBER, 0) \
	X("ddns-local-address4", PK_DDNS_ADDRESS, 0) \
	X("ddns-dual-stack-mixed-mode", PK_DDNS_FLAG, 0) \
	X("ddns-guard-id-must-match", PK_DDNS_FLAG, 0) \
	X("ddns-other-guard-is-dynamic", PK_DDNS_FLAG, 0) \
	X("update-static-leases", PK_DDNS_FLAG, 0) \
	X("update-optimization", PK_DDNS_FLAG, 0) \
	X("update-conflict-detection", PK_DDNS_FLAG, 0) \
	X("do-forward-updates", PK_DDNS_FLAG, 0) \
	X("always-broadcast", PK_NOOP_FLAG, 0) \
	X("always-reply-rfc1048", PK_NOOP_FLAG, 0) \
	X("stash-agent-options", PK_NOOP_FLAG, 0) \
	X("ignore-client-uids", PK_NOOP_FLAG, 0) \
	X("infinite-is-reserved", PK_NOOP_FLAG, 0) \
	X("dont-use-fsync", PK_NOOP_FLAG, 0) \
	X("min-secs", PK_NOOP_NUMBER, 0) \
	X("abandon-lease-time", PK_NOOP_NUMBER, 0) \
	X("ping-cltt-secs", PK_NOOP_NUMBER, 0) \
	X("ping-timeout-ms", PK_NOOP_NUMBER, 0) \
	X("log-threshold-high", PK_NOOP_NUMBER, 0) \
	X("log-threshold-low", PK_NOOP_NUMBER, 0) \
	X("omapi-port", PK_NOOP_NUMBER, 0) \
	X("local-address", PK_NOOP_ADDRESS, 0) \
	X("db-time-format", PK_NOOP_WORD, 0)
#define PARAM_NAME(name, kind, which) name "\0"
#define PARAM_KIND(name, kind, which) { kind, which },
static const char isc_param_names[] = ISC_PARAMS(PARAM_NAME);
static const struct { uint8_t kind, which; } isc_param_kinds[] = { ISC_PARAMS(PARAM_KIND) };

struct isc_param {
	const char *name;
	uint8_t kind, which;
};

/* The parameter the word t names into *out, or false. */
static bool find_param(const struct isc_token *t, struct isc_param *out)
{
	int i = isc_word_index(t, isc_param_names);

	if (i < 0)
		return false;
	*out = (struct isc_param){ nth_string(isc_param_names, (unsigned)i), isc_param_kinds[i].kind,
		isc_param_kinds[i].which };
	return true;
}

/* log-facility NAME: the <syslog.h> constant (the names of dhcpd.conf(5)). */
static int facility(struct isc_parser *p)
{
	/* the names packed (libbb/strings.c), their values in the same order */
	static const char names[] = "auth\0authpriv\0cron\0daemon\0ftp\0kern\0lpr\0mail\0news\0"
		"security\0syslog\0user\0uucp\0local0\0local1\0local2\0local3\0local4\0local5\0"
		"local6\0local7\0";
	static const int values[] = { LOG_AUTH, LOG_AUTHPRIV, LOG_CRON, LOG_DAEMON, LOG_FTP,
		LOG_KERN, LOG_LPR, LOG_MAIL, LOG_NEWS, LOG_AUTH, LOG_SYSLOG, LOG_USER, LOG_UUCP,
		LOG_LOCAL0, LOG_LOCAL1, LOG_LOCAL2, LOG_LOCAL3, LOG_LOCAL4, LOG_LOCAL5, LOG_LOCAL6,
		LOG_LOCAL7 };
	struct isc_token t;
	int i;

	if (isc_expect(p, T_WORD, "a facility (daemon, local7, ...)", &t) < 0)
		return -1;
	if ((i = isc_word_index(&t, names)) >= 0) {
		p->cfg->log_facility = values[i];
		return 0;
	}
	return isc_fail(p, &t, "unknown facility '%.*s'", (int)t.len, t.text);
}

static int interface(struct isc_parser *p, struct isc_block *b, const struct isc_token *at)
{
	struct server_config *cfg = p->cfg;
	struct isc_token t;

	if (b->kind != K_SHARED && b->kind != K_SUBNET)
		return isc_fail(p, at, "only in a shared-network or subnet");
	if (isc_expect(p, T_WORD, "an interface name", &t) < 0)
		return -1;
	if (b->net->has_interface)
		return isc_fail(p, &t, "a second interface for the same network (a shared-network "
			"and its subnets have one)");
	b->net->has_interface = true;
	if (t.len >= sizeof(cfg->interfaces[0]))
		return isc_fail(p, &t, "an interface name has at most %zu bytes",
			sizeof(cfg->interfaces[0]) - 1);
	for (unsigned i = 0; i < cfg->ninterfaces; i++)
		if (strlen(cfg->interfaces[i]) == t.len && memcmp(cfg->interfaces[i], t.text, t.len) == 0)
			return 0;
	if (cfg->ninterfaces == CONF_INTERFACES_MAX)
		return isc_fail(p, &t, "more than %d interfaces", CONF_INTERFACES_MAX);
	memcpy(cfg->interfaces[cfg->ninterfaces], t.text, t.len);
	cfg->interfaces[cfg->ninterfaces][t.len] = '\0';
	if (cfg->ninterfaces++ == 0)
		memcpy(cfg->interface, cfg->interfaces[0], sizeof(cfg->interface));
	return 0;
}

static int file_name(struct isc_parser *p, const struct isc_block *b, const struct isc_param *pa,
	const struct isc_token *at)
{
	char *dst = pa->which ? p->cfg->pidfile : p->cfg->lease_file;
	char value[ISC_STRING_MAX + 1];
	struct isc_token v = *isc_peek(p->lx);
	size_t len;

	if (isc_text(p, value, sizeof(value), &len) < 0)
		return -1;
	if (len == 0 || len >= sizeof(p->cfg->lease_file) || memchr(value, '\0', len))
		return isc_fail(p, &v, "a file name of 1 to %zu bytes", sizeof(p->cfg->lease_file) - 1);
	if (b->kind != K_GLOBAL) {
		isc_warn(p, at, "%s only counts in the global scope (as in ISC); ignored", pa->name);
		return 0;
	}
	memcpy(dst, value, len + 1);
	return 0;
}

/* A value of the kind read and dropped; *none: it asks for nothing (off, none). */
static int skip_value(struct isc_parser *p, enum param_kind kind, bool *none)
{
	char s[ISC_STRING_MAX + 1];
	struct isc_token t;
	uint32_t v;
	unsigned flag;
	int i;

	*none = false;
	switch (kind) {
	case PK_DDNS_FLAG: case PK_NOOP_FLAG:
		if (isc_flag(p, &flag) < 0)
			return -1;
		*none = flag != 1;
		return 0;
	case PK_DDNS_NUMBER: case PK_NOOP_NUMBER:
		return isc_number(p, 32, &v);
	case PK_DDNS_ADDRESS: case PK_NOOP_ADDRESS:
		return isc_address(p, &v);
	case PK_DDNS_STRING:
		return isc_text(p, s, sizeof(s), NULL);
	case PK_DDNS_STYLE:
		if (isc_expect(p, T_WORD, "none, ad-hoc, interim or standard", &t) < 0)
			return -1;
		if ((i = isc_word_index(&t, "none\0ad-hoc\0interim\0standard\0")) >= 0) {
			*none = i == 0;
			return 0;
		}
		return isc_fail(p, &t, "expected none, ad-hoc, interim or standard");
	default:
		return isc_expect(p, T_WORD, "a word", &t);
	}
}

/* Statements read and not acted on: DDNS (one warning a file) and the rest. */
static int not_done(struct isc_parser *p, const struct isc_param *pa, const struct isc_token *at)
{
	bool none;

	if (skip_value(p, pa->kind, &none) < 0 || isc_semi(p) < 0)
		return -1;
	if (pa->kind < PK_NOOP_FLAG) {
		/* "ddns-update-style none", "ddns-updates off": what we do */
		if (!(none && (pa->kind == PK_DDNS_STYLE || strcmp(pa->name, "ddns-updates") == 0))
		    && isc_once(p, ONCE_DDNS))
			isc_warn(p, at, "no DDNS: '%s' and the other DDNS statements of this file "
				"are ignored", pa->name);
		return 0;
	}
	isc_warn(p, at, "'%s' is not implemented; ignored", pa->name);
	return 0;
}

static int set_value(struct isc_parser *p, struct isc_block *b, const struct isc_param *pa,
	const struct isc_token *at)
{
	char s[ISC_STRING_MAX + 1];
	size_t len;
	uint32_t v;
	unsigned flag;
	struct conf_scope *sc = conf_statement_scope(p->cfg, b->scope);

	if (!sc)
		return isc_oom(p, at);
	switch (pa->kind) {
	case PK_BOOTP_TIME:	/* ISC 4.4: a number; a cutoff (s since the epoch) also "infinite" */
		if (pa->which == CP_BOOTP_LEASE_CUTOFF && isc_is(isc_peek(p->lx), "infinite")) {
			isc_next(p->lx);
			v = 0xffffffff;
		} else if (isc_number(p, 32, &v) < 0) {
			return -1;
		}
		conf_set_param(sc, (enum conf_param)pa->which, v);
		return 0;
	case PK_NUMBER:
		if (isc_number(p, 32, &v) < 0)
			return -1;
		conf_set_param(sc, (enum conf_param)pa->which, v);
		return 0;
	case PK_FLAG:
		if (isc_flag(p, &flag) < 0)
			return -1;
		conf_set_param(sc, (enum conf_param)pa->which, flag == 1);
		return 0;
	case PK_ADDRESS:
		if (isc_address(p, &v) < 0)
			return -1;
		conf_set_param(sc, (enum conf_param)pa->which, htonl(v));
		return 0;
	case PK_STRING:
		if (isc_text(p, s, sizeof(s), &len) < 0)
			return -1;
		if (memchr(s, '\0', len))
			return isc_fail(p, at, "a name without NUL bytes");
		if (conf_set_string(p->cfg, sc, (enum conf_string)pa->which, s) < 0)
			return isc_oom(p, at);
		return 0;
	case PK_FILE:
		return file_name(p, b, pa, at);
	case PK_FACILITY:
		return facility(p);
	case PK_INTERFACE:
		return interface(p, b, at);
	default:
		break;
	}
	if (isc_flag(p, &flag) < 0)
		return -1;
	if (pa->kind == PK_BOOT_UNKNOWN)
		conf_set_param(b->scope, CP_UNKNOWN_CLIENTS, flag == 1 ? CONF_ALLOW : CONF_DENY);
	else if (pa->kind == PK_HOSTNAMES && flag == 1 && isc_once(p, ONCE_HOSTNAMES))
		isc_warn(p, at, "get-lease-hostnames: no reverse lookups are done; ignored");
	/* PK_ONE_LEASE: leases are keyed by client, one each, whatever the flag */
	return 0;
}

static int parameter(struct isc_parser *p, struct isc_block *b, const struct isc_param *pa,
	const struct isc_token *at)
{
	if (pa->kind >= PK_DDNS_STYLE)
		return not_done(p, pa, at);
	if (set_value(p, b, pa, at) < 0)
		return -1;
	return isc_semi(p);
}

/* ---- allow, deny, ignore ------------------------------------------------------------------ */

/*
 * In a pool, allow and deny make its permit list (dhcpd.conf(5), "ALLOW AND
 * DENY WITHIN POOL DECLARATIONS"): gathered in b, put in the pool when it
 * ends (conf_isc_block.c). Every client here is unauthenticated (nor does
 * ISC authenticate any).
 */
static int pool_permit(struct isc_parser *p, struct isc_block *b, enum conf_access a,
	const struct isc_token *w)
{
	static const struct { char word[3][16]; uint8_t kind; } permits[] = {
		{ { "known-clients" }, PERMIT_KIND_KNOWN },
		{ { "unknown-clients" }, PERMIT_KIND_UNKNOWN },
		{ { "all", "clients" }, PERMIT_KIND_ALL },
		{ { "unauthenticated", "clients" }, PERMIT_KIND_ALL },
		{ { "dynamic", "bootp", "clients" }, PERMIT_KIND_BOOTP },
		{ { "members", "of" }, PERMIT_KIND_MEMBERS },
	};
	struct conf_permit permit = { 0, a != CONF_ALLOW, NULL };
	struct isc_token t;
	size_t i;

	for (i = 0; i < sizeof(permits) / sizeof(permits[0]); i++)
		if (isc_is(w, permits[i].word[0]))
			break;
	if (i == sizeof(permits) / sizeof(permits[0])) {
		if (isc_is(w, "after") || isc_is(w, "authenticated"))
			return isc_fail(p, w, "not supported (no client is authenticated here, nor "
				"are permits by date)");
		return isc_fail(p, w, "expected a pool permit: known-clients, unknown-clients, "
			"all clients, dynamic bootp clients, members of \"CLASS\"");
	}
	for (int j = 1; j < 3 && permits[i].word[j][0]; j++) {
		char what[sizeof(permits[0].word[0]) + 2];

		snprintf(what, sizeof(what), "'%s'", permits[i].word[j]);
		if (isc_expect(p, T_WORD, what, &t) < 0)
			return -1;
		if (!isc_is(&t, permits[i].word[j]))
			return isc_fail(p, &t, "expected '%s'", permits[i].word[j]);
	}
	permit.kind = permits[i].kind;
	if (permit.kind == PERMIT_KIND_MEMBERS) {
		char name[ISC_STRING_MAX + 1];
		size_t len;

		t = *isc_peek(p->lx);
		if (isc_string(p, name, sizeof(name), &len) < 0)
			return -1;
		if (!(permit.cls = isc_class_ref(p, &t, name, len)))
			return -1;
	}
	if (isc_semi(p) < 0)
		return -1;
	if (b->npermits == ISC_PERMITS_MAX)
		return isc_fail(p, w, "more than %d allow and deny statements in one pool",
			ISC_PERMITS_MAX);
	b->permits[b->npermits++] = permit;
	return 0;
}

enum access_what { AW_UNKNOWN, AW_BOOTING, AW_DECLINES, AW_BOOTP, AW_DUPLICATES, AW_UPDATES,
	AW_LEASEQUERY };

static int access_what(const struct isc_token *w)
{
	return isc_word_index(w, "unknown-clients\0booting\0declines\0bootp\0duplicates\0"
		"client-updates\0leasequery\0");
}

static void access_not_done(struct isc_parser *p, enum access_what what, enum conf_access a,
	const struct isc_token *w)
{
	const char *verb = nth_string("allow\0deny\0ignore\0", a);

	if (what == AW_UPDATES) {
		if (isc_once(p, ONCE_DDNS))
			isc_warn(p, w, "no DDNS: '%s client-updates' and the other DDNS statements "
				"of this file are ignored", verb);
	} else if (what == AW_DUPLICATES) {
		/* allow: what the lease table does, a lease per client identifier */
		if (a != CONF_ALLOW)
			isc_warn(p, w, "'%s duplicates' is not implemented (a MAC keeps a lease per "
				"client identifier); ignored", verb);
	} else if (a == CONF_ALLOW) {
		/* leasequery: denied is what the server does */
		isc_warn(p, w, "no leasequery here; 'allow leasequery' ignored");
	}
}

static int access_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *verb)
{
	enum conf_access a = isc_is(verb, "allow") ? CONF_ALLOW
		: isc_is(verb, "deny") ? CONF_DENY : CONF_IGNORE;
	static const enum conf_param params[] = { CP_UNKNOWN_CLIENTS, CP_BOOTING, CP_DECLINES,
		CP_BOOTP };
	struct isc_token w;
	int what;

	if (isc_expect(p, T_WORD, "what to allow or deny", &w) < 0)
		return -1;
	set_stmt_tok(p, a == CONF_ALLOW ? "allow" : a == CONF_DENY ? "deny" : "ignore", &w);
	if (b->kind == K_POOL && a != CONF_IGNORE)
		return pool_permit(p, b, a, &w);
	if ((what = access_what(&w)) < 0)
		return isc_fail(p, &w, "expected unknown-clients, booting, declines, bootp, "
			"duplicates or client-updates");
	if (isc_semi(p) < 0)
		return -1;
	if (what <= AW_BOOTP)
		conf_set_param(b->scope, params[what], a);
	else
		access_not_done(p, (enum access_what)what, a, &w);
	return 0;
}

/* ---- include ----------------------------------------------------------------------------- */

static int include_statement(struct isc_parser *p, struct isc_block *b)
{
	char path[ISC_STRING_MAX + 1];
	struct isc_lexer sub, *outer = p->lx;
	struct isc_token at = *isc_peek(p->lx);
	const char *cut, *shown;
	char *text;
	size_t len;
	int rc;

	if (isc_string(p, path, sizeof(path), &len) < 0 || isc_semi(p) < 0)
		return -1;
	if (len == 0 || memchr(path, '\0', len))
		return isc_fail(p, &at, "expected a file name");
	/* shown by its end, after its problem: a long path would hide that */
	shown = conf_path_end(path, ISC_PATH_SHOWN, &cut);
	if (!p->io || !p->io->read_file)
		return isc_fail(p, &at, "no files can be read here (%s'%s')", cut, shown);
	if (p->nincludes == ISC_INCLUDE_MAX)
		return isc_fail(p, &at, "more than %d files deep (%s'%s')", ISC_INCLUDE_MAX, cut, shown);
	for (unsigned i = 0; i <= p->nincludes; i++)
		if (strcmp(p->files[i], path) == 0)
			return isc_fail(p, &at, "%s'%s' includes itself", cut, shown);
	errno = 0;
	text = p->io->read_file(p->io->ctx, path);
	if (!text) {
		int e = errno;

		return isc_fail(p, &at, "can't read%s%s: %s'%s'", e ? ": " : "", e ? strerror(e) : "",
			cut, shown);
	}
	isc_lex_init(&sub, text, path, &p->errs);
	p->files[++p->nincludes] = path;
	p->lx = &sub;
	rc = isc_statements(p, b, true);
	p->lx = outer;
	p->nincludes--;
	free(text);
	return rc;
}

/* ---- Statements ------------------------------------------------------------------------------ */

/* ISC's, beyond this parser: named in the error. */
static bool unsupported(const struct isc_token *t)
{
	static const char names[] =
	"on\0set\0unset\0eval\0execute\0define\0switch\0spawn\0failover\0key\0zone\0lease\0"
	"subnet6\0range6\0prefix6\0pool6\0fixed-address6\0fixed-prefix6\0server-duid\0"
	"site-option-space\0local-port\0remote-port\0adaptive-lease-time-threshold\0"
	"limit-addrs-per-ia\0release-on-roam\0delayed-ack\0max-ack-delay\0dhcp-cache-threshold\0"
	"use-lease-addr-for-default-route\0lease-id-format\0server-id-check\0preferred-lifetime\0"
	"dhcpv6-lease-file-name\0dhcpv6-pid-file-name\0local-address6\0authoring-byte-order\0";

	return isc_word_index(t, names) >= 0;
}

static int authoritative(struct isc_parser *p, struct isc_block *b, const struct isc_token *t)
{
	struct isc_token w;
	bool on = isc_is(t, "authoritative");

	if (!on && isc_expect(p, T_WORD, "'authoritative'", &w) < 0)
		return -1;
	if (!on && !isc_is(&w, "authoritative"))
		return isc_fail(p, &w, "expected 'not authoritative'");
	if (isc_semi(p) < 0)
		return -1;
	conf_set_param(b->scope, CP_AUTHORITATIVE, on);
	return 0;
}

/* Does the word t start a statement that this parser knows? */
static bool keyword(const struct isc_token *t)
{
	struct isc_param pa;

	return isc_word_index(t, "include\0option\0authoritative\0not\0allow\0deny\0ignore\0") >= 0
		|| isc_is_declaration(t) || isc_is_class_statement(t) || find_param(t, &pa)
		|| unsupported(t);
}

static int statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *t)
{
	struct isc_param pa;
	int rc;

	set_stmt_tok(p, "", t);
	if ((rc = isc_declaration(p, b, t)) <= 0 || (rc = isc_class_statement(p, b, t)) <= 0)
		return rc;
	if (isc_is(t, "include"))
		return include_statement(p, b);
	if (isc_is(t, "option"))
		return option_statement(p, b);
	if (isc_is(t, "authoritative") || isc_is(t, "not"))
		return authoritative(p, b, t);
	if (isc_is(t, "allow") || isc_is(t, "deny") || isc_is(t, "ignore"))
		return access_statement(p, b, t);
	if (find_param(t, &pa))
		return parameter(p, b, &pa, t);
	if (unsupported(t))
		return isc_fail(p, t, "not supported yet");
	if (isc_peek(p->lx)->type == T_SEMI) {
		/* ISC takes a lone word for a statement that does nothing */
		isc_next(p->lx);
		isc_warn(p, t, "'%.*s' does nothing (a typo?)", (int)t->len, t->text);
		return 0;
	}
	p->stmt[0] = '\0';
	return isc_fail(p, t, "unknown statement '%.*s'", (int)t->len, t->text);
}

/* A token t (taken) where a statement starts that is not a word: 1 when it
 * ends the block b, 0 when there is nothing to skip, -1 in error. */
static int not_a_statement(struct isc_parser *p, const struct isc_block *b,
	const struct isc_token *t, bool in_file)
{
	char got[64];

	if ((t->type == T_EOF && in_file) || (t->type == T_RBRACE && !in_file))
		return 1;
	if (t->type == T_EOF) {
		/* said once: the blocks around end there too */
		if (!p->lx->eof_said)
			isc_fail(p, t, "the file ends in the %s block of line %u ('}' missing)",
				b->what, b->line);
		return 1;
	}
	if (t->type == T_ERROR)
		return 0;
	if (t->type == T_RBRACE && b->kind != K_GLOBAL)
		return isc_fail(p, t, "'}' closes the %s block of line %u in another file",
			b->what, b->line);
	return isc_fail(p, t, "expected a statement, not %s", isc_tok_text(t, got, sizeof(got)));
}

/*
 * After a statement in error, begun at brace depth depth: on to its end,
 * as dhcpd's skip_to_semi() does, to read the next statement. The end is
 * a ';' or a '}' back at that depth (a block's, or a record type's, with
 * a ';' after it), taken, or the '}' of the block around, left for it.
 * Tokens already taken may have got there: the error was at the ';'
 * ("option routers ;"), after the block ("a pool needs a range"), or at
 * the '}' of the block around ("expected ';', not '}'"). A word that
 * isc_semi gave back (resync) starts the next statement.
 */
static void recover(struct isc_parser *p, unsigned depth)
{
	struct isc_lexer *lx = p->lx;

	if (p->resync) {
		p->resync = false;
		return;
	}
	while (lx->depth >= depth) {
		const struct isc_token *t;

		if (lx->depth == depth && (lx->last == T_SEMI || lx->last == T_RBRACE)) {
			if (lx->last == T_RBRACE && isc_peek(lx)->type == T_SEMI)
				isc_next(lx);
			return;
		}
		t = isc_peek(lx);
		if (t->type == T_EOF || (t->type == T_RBRACE && lx->depth == depth))
			return;
		isc_next(lx);
	}
}

int isc_statements(struct isc_parser *p, struct isc_block *b, bool in_file)
{
	unsigned depth = p->lx->depth;

	for (;;) {
		struct isc_token t = isc_next(p->lx);
		unsigned long fails = p->fails;
		int rc;

		p->stmt[0] = '\0';
		p->resync = false;
		if (t.type == T_WORD)
			rc = statement(p, b, &t);
		else if ((rc = not_a_statement(p, b, &t, in_file)) > 0)
			return 0;
		if (p->fatal)
			return -1;
		if (rc < 0 && p->fails == fails)	/* never skip in silence */
			isc_fail(p, &t, "internal: an error without a message");
		if (rc < 0) {
			recover(p, depth);
			if (p->lx->depth < depth)
				return 0;	/* the block's '}' was taken */
		}
	}
}

static void parser_init(struct isc_parser *p, struct isc_lexer *lx, struct isc_block *global,
	const char *filename)
{
	memset(p, 0, sizeof(*p));
	memset(global, 0, sizeof(*global));
	global->kind = K_GLOBAL;
	global->what = "global";
	p->lx = lx;
	p->files[0] = filename;
}

int conf_isc_parse_all(const char *text, const char *filename, const struct conf_isc_io *io,
	struct server_config *cfg, struct udhcp_error *err, struct conf_errors *all)
{
	struct isc_parser p;
	struct isc_lexer lx;
	struct isc_block global;
	struct udhcp_error check;

	parser_init(&p, &lx, &global, filename);
	p.cfg = cfg;
	p.io = io;
	p.errs.first = err;
	p.errs.all = all;
	if (all)
		all->count = 0;
	isc_lex_init(&lx, text, filename, &p.errs);
	if (!(global.scope = conf_root(cfg))
	    || !(p.agent_space = conf_space_named(cfg, "agent", 5, true)))
		isc_oom(&p, NULL);
	else {
		cfg->spaces[p.agent_space]->container = DHCP_RELAY_AGENT;
		isc_statements(&p, &global, true);
	}
	free(p.defs);
	free(p.host_names);
	/* the checks of the whole model: what was read holds only good values */
	if (!p.fatal && conf_check(cfg, filename, &check) < 0)
		add_error(&p.errs, check.msg);
	if (p.errs.count)
		return -1;
	cfg->isc = true;
	return 0;
}
