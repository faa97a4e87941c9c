/*
 * conf.h: udhcpd's configuration, one scoped model for both languages.
 * config.c reads BusyBox's udhcpd.conf into it, conf_isc.c ISC's
 * dhcpd.conf; conf.c holds the model (memory, scopes, the resolution of
 * one client's options and parameters). All of it is pure: text in,
 * model out, errors returned.
 *
 * Scopes nest as in ISC dhcpd: global > group > shared-network > subnet >
 * pool, and hosts (declared at any level, their parent the enclosing
 * block). A client's value for an option or parameter is found in its
 * most specific scope that sets it: host (and the groups around it), then
 * pool, subnet, shared-network, the groups around those, global.
 *
 * A BusyBox udhcpd.conf is the global scope and its ranges; its subnets
 * are made at start from the interface's address (conf_bb_subnets), as
 * BusyBox does.
 *
 * Everything is sized from the file: the model lives in one arena that
 * conf_free releases (no fixed tables).
 */
#ifndef DHCPBOX_UDHCP_CONF_H
#define DHCPBOX_UDHCP_CONF_H

#include "codec/agent.h"
#include "codec/bytes.h"
#include "codec/common.h"

#include "autoconf.h"

#include <stdarg.h>
#include <string.h>

enum {
	CONF_DEPTH_MAX = 16,	/* nested blocks */
	CONF_HOST_NAME_MAX = 64,
	CONF_KEY_MAX = 64,	/* a host's client identifier (uid) */
	CONF_INTERFACES_MAX = 16,
};

/* Parameters a scope may set (the bit 1 << p in conf_scope.set). */
enum conf_param {
	CP_DEFAULT_LEASE,	/* seconds; 0xffffffff: infinite */
	CP_MAX_LEASE,
	CP_MIN_LEASE,
	CP_AUTHORITATIVE,	/* bool: NAK what is wrong for the link, else silence */
	CP_NEXT_SERVER,		/* siaddr, network order */
	CP_SERVER_ID,		/* option 54's value, network order */
	CP_PING_CHECK,		/* bool: ARP check before offering a new address */
	CP_PING_TIMEOUT,	/* seconds */
	CP_UNKNOWN_CLIENTS,	/* enum conf_access: clients without a host block */
	CP_BOOTING,		/* enum conf_access */
	CP_DECLINES,		/* enum conf_access: DHCPDECLINE honoured */
	CP_USE_HOST_DECL_NAMES,	/* bool: a host's block name as its option 12 */
	CP_ECHO_CLIENT_ID,	/* bool: option 61 echoed (RFC 6842); ISC's echo-client-id */
	CP_SEND_T1_T2,		/* bool: options 58 and 59 computed from the lease (udhcpd.conf) */
	CP_VENDOR_SPACE,	/* vendor-option-space: option 43 made of that space (index) */
	CP_BOOTP,		/* enum conf_access: BOOTP clients (no option 53) answered */
	CP_BOOTP_LEASE_LENGTH,	/* seconds of a dynamic BOOTP lease; 0xffffffff (unset): infinite */
	CP_BOOTP_LEASE_CUTOFF,	/* the end of every dynamic BOOTP lease, s since the epoch, UTC */
	CP_COUNT_
};

enum conf_access { CONF_ALLOW, CONF_DENY, CONF_IGNORE };

/* Strings a scope may set (bit 1 << s in conf_scope.set_strings). */
enum conf_string { CS_FILENAME, CS_SERVER_NAME, CS_COUNT_ };

struct conf_expr;	/* server/expr.h: the tree and its evaluation (eval.c) */
struct conf_eval;

struct conf_option {
	uint8_t code;
	uint8_t space;		/* 0: DHCP's own options; else cfg->spaces[space] */
	uint16_t len;
	uint8_t *data;		/* in the arena */
	const struct conf_expr *expr;	/* "option NAME = DATA;": computed per request */
};

struct conf_step;

struct conf_scope {
	const struct conf_scope *parent;	/* NULL for global */
	uint32_t set;			/* 1 << enum conf_param */
	uint32_t value[CP_COUNT_];
	uint8_t set_strings;		/* 1 << enum conf_string */
	const char *string[CS_COUNT_];	/* in the arena */
	struct conf_option *options;	/* in the arena */
	unsigned noptions, options_cap;
	/* if statements, in file order, each with the statements after it
	 * (ISC runs a scope's statements in order: a later one wins) */
	struct conf_step *steps, *last_step;
	unsigned nsteps;
	struct conf_log *logs, *last_log;	/* log statements, in file order */
};

/* log (PRIORITY, DATA); run for each reply the scope has a say in. */
struct conf_log {
	const struct conf_expr *expr;
	uint8_t priority;		/* enum conf_log_priority */
	struct conf_log *next;
};
enum conf_log_priority { CONF_LOG_FATAL, CONF_LOG_ERROR, CONF_LOG_INFO, CONF_LOG_DEBUG };

/* ---- Expressions, classes, conditionals (ISC: dhcp-eval(5)) ------------------ */

/* if TEST { body } elsif ... else { ... }: one link of the chain. */
struct conf_cond {
	const struct conf_expr *test;	/* NULL: else */
	struct conf_scope *body;	/* its statements (parent: NULL) */
	struct conf_cond *orelse;	/* the elsif or else after it, or NULL */
};

/* In a scope: an if, then the scope's statements that follow it. */
struct conf_step {
	struct conf_cond *cond;
	struct conf_scope *tail;	/* NULL until a statement follows */
	struct conf_step *next, *prev;
};


/* class "NAME" { match if EXPR; | match EXPR; ... } and subclass "NAME" KEY { ... } */
struct conf_class {
	struct conf_scope scope;	/* its statements (parent: NULL: a class has no enclosing scope) */
	const char *name;		/* in the arena */
	const struct conf_expr *match_if;	/* boolean: who is a member */
	const struct conf_expr *match;	/* data: the key a subclass is found by */
	const struct conf_class *super;	/* a subclass: its class (NULL: a class) */
	const uint8_t *key;		/* a subclass: the value of super->match it takes */
	unsigned key_len;
	unsigned index;			/* in cfg->classes */
	bool declared;			/* seen as class, not only named by a pool permit */
};

/* A pool's allow or deny (dhcpd.conf(5), "ALLOW AND DENY WITHIN POOL DECLARATIONS"). */
enum conf_permit_kind { PERMIT_KIND_KNOWN, PERMIT_KIND_UNKNOWN, PERMIT_KIND_ALL,
	PERMIT_KIND_BOOTP, PERMIT_KIND_MEMBERS };
struct conf_permit {
	uint8_t kind;			/* enum conf_permit_kind */
	bool deny;
	const struct conf_class *cls;	/* PERMIT_KIND_MEMBERS */
};

/* option space NAME; option NAME.SUB code N = TYPE; */
struct conf_space {
	const char *name;		/* in the arena */
	uint8_t container;		/* the option that carries it (43, 82...); 0: none */
};

enum { CONF_REQUEST_CLASSES = 8 };	/* ISC keeps 5 (PACKET_MAX_CLASSES) */

/* What the expressions of a configuration see of one request. */
struct conf_request {
	const struct dhcp_message *m;
	bool known;			/* a host block matched it */
	bool is_static;			/* its host has a fixed address on its link */
	const struct conf_class *classes[CONF_REQUEST_CLASSES];	/* in the order matched */
	unsigned nclasses;
};

/* A shared-network: subnets on one physical link. */
struct conf_shared {
	struct conf_scope scope;
	char name[64];
};

struct conf_subnet {
	struct conf_scope scope;	/* parent: its shared-network, group or global */
	uint32_t net, mask;		/* host order */
	const struct conf_shared *shared;	/* NULL: a link of its own */
};

struct conf_pool {
	struct conf_scope scope;	/* parent: its subnet (or shared-network's) */
	const struct conf_permit *permits;	/* in the arena; NULL: anyone */
	unsigned npermits;
	bool has_allow;			/* some permit allows: only those it names come in */
	bool allows_bootp;		/* "allow dynamic bootp clients": BOOTP clients may draw */
};

struct conf_range {
	uint32_t start, end;		/* host order, inclusive */
	const struct conf_subnet *subnet;	/* NULL until conf_bb_subnets (BusyBox) */
	const struct conf_pool *pool;		/* NULL: the subnet's own range */
	bool dynamic_bootp;		/* ISC's range dynamic-bootp: BOOTP clients too */
};

struct conf_host {
	struct conf_scope scope;	/* parent: the enclosing block */
	char name[CONF_HOST_NAME_MAX];	/* ISC's block name; BusyBox's hostname */
	bool has_mac, any_link;		/* any_link: BusyBox static_lease (no subnet check) */
	uint8_t mac[6];
	uint8_t uid[CONF_KEY_MAX];	/* option 61 to match (uid_len > 0) */
	unsigned uid_len;
	/* ISC's host-identifier option agent.circuit-id|remote-id (a port of
	 * a relay, not a client): the sub-option of 82 (0: none) and its value */
	uint8_t agent_sub;
	uint8_t agent_id[CONF_KEY_MAX];
	unsigned agent_id_len;
	uint32_t *fixed;		/* host order, in the arena */
	unsigned nfixed;
	const struct conf_host *same_mac;	/* conf_index: the next host of this MAC */
};

struct conf_chunk;

/*
 * A read's warnings (what is ignored, what replaces what): the first
 * CONF_WARNINGS_MAX kept, each a line "FILE:LINE: ..." as a conf_errors
 * line, its bytes as the file had them (the log escapes them); count says
 * how many there were ("... and N more warnings").
 */
enum { CONF_WARNINGS_MAX = 8, CONF_LINE_LEN = sizeof(((struct udhcp_error *)0)->msg) };
struct conf_warnings {
	char lines[CONF_WARNINGS_MAX][CONF_LINE_LEN];
	unsigned count;
};

struct server_config {
	/* server-wide (BusyBox's keywords, ISC's file names) */
	char interface[16];		/* the first of interfaces[] */
	char interfaces[CONF_INTERFACES_MAX][16];
	unsigned ninterfaces;
	unsigned max_leases, auto_time, decline_time, conflict_time, offer_time;
	bool rapid_commit;		/* answer a DISCOVER with option 80 by an ACK */
	bool bootp;			/* udhcpd.conf: BOOTP clients with a static_lease answered */
	bool isc;			/* read from ISC dhcpd.conf */
	char lease_file[256], pidfile[256], notify_file[256];
	char user[64], group[64];	/* udhcpd.conf's "user", "group": who runs the server */
	int log_facility;		/* syslog facility (LOG_DAEMON...), -1: default */
	/* the model: every block in the arena, so that the struct may be copied */
	struct conf_scope *global;	/* conf_root makes it */
	struct conf_subnet **subnets;
	unsigned nsubnets;
	struct conf_range *ranges;
	unsigned nranges;
	struct conf_host **hosts;
	unsigned nhosts;
	unsigned nstatics;		/* fixed addresses in all hosts */
	struct conf_warnings warnings;	/* non-fatal remarks, "FILE:LINE: ..." */
	struct conf_chunk *arena;
	/* conf_index's lookups (NULL: lookups scan) */
	uint32_t *fixed_sorted;		/* every fixed address, sorted */
	unsigned nfixed_sorted;
	const struct conf_host **by_mac;	/* open addressing, mac_slots (a power of 2) */
	unsigned mac_slots;
	unsigned uid_hosts;		/* hosts matched by uid: none, no scan for it */
	unsigned agent_hosts;		/* hosts matched by a relay's option 82 */
	const struct conf_host **agent_list;	/* those hosts, in file order */
	/* classes and option spaces (ISC) */
	struct conf_class **classes;	/* classes and subclasses, in file order */
	unsigned nclasses;
	struct conf_space **spaces;	/* [0] unused: space 0 is DHCP's own */
	unsigned nspaces;
	const struct conf_class **sub_index;	/* conf_index: subclasses by class and key */
	unsigned sub_slots;		/* a power of 2 */
	bool has_conds;			/* some scope has an if: views evaluate them */
	bool has_exprs;			/* a computed option or a log: views keep the request */
};

/* ---- conf.c: the model ---------------------------------------------------- */

/* BusyBox's defaults for the server-wide fields; an empty global scope. */
void udhcpd_config_defaults(struct server_config *cfg);
void conf_free(struct server_config *cfg);
/* The global scope, made on first use (parsers call it first); NULL when
 * out of memory. */
struct conf_scope *conf_root(struct server_config *cfg);
/* Zeroed memory that lives as long as cfg; NULL when out of memory. */
void *conf_alloc(struct server_config *cfg, size_t size);
char *conf_strdup(struct server_config *cfg, const char *s);
/* src cut to fit size bytes, on purpose (a copy, not snprintf "%s", which
 * gcc flags as a truncation); the bytes copied. */
size_t conf_copy_cut(char *dst, size_t size, const char *src);
/* path, or its end after *cut = "..." where it is longer than max bytes:
 * "..." and the end fill max (max <= 3: path whole, no room for an end). */
const char *conf_path_end(const char *path, size_t max, const char **cut);
/* An error's or a warning's line "FILE:LINE:COL: MSG" into out
 * (CONF_LINE_LEN bytes; line 0: "FILE: MSG", col 0: no column). Where it
 * is too long the path is shown by its end ("...", at least 24 bytes of
 * it) for the message to be whole, and a message that is still too long
 * ends in "...". */
void conf_vline_at(char *out, const char *file, unsigned line, unsigned col, const char *fmt,
	va_list ap) __attribute__((format(printf, 5, 0)));
/* Such a line (no column) in err->msg; -1. */
int conf_fail_at(struct udhcp_error *err, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A warning about FILE:LINE into cfg->warnings, on such a line. */
void conf_vwarn_at(struct server_config *cfg, const char *file, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/* New blocks, linked to parent (NULL for a subnet's or host's parent means
 * global); NULL when out of memory. */
struct conf_subnet *conf_add_subnet(struct server_config *cfg, const struct conf_scope *parent,
	uint32_t net, uint32_t mask);
struct conf_host *conf_add_host(struct server_config *cfg, const struct conf_scope *parent);
struct conf_shared *conf_add_shared(struct server_config *cfg, const struct conf_scope *parent);
struct conf_pool *conf_add_pool(struct server_config *cfg, const struct conf_scope *parent);
struct conf_scope *conf_add_group(struct server_config *cfg, const struct conf_scope *parent);
int conf_add_range(struct server_config *cfg, uint32_t start, uint32_t end,
	const struct conf_subnet *subnet, const struct conf_pool *pool);
/* The range just added (by conf_add_range), or NULL. */
static inline struct conf_range *conf_last_range(struct server_config *cfg)
{
	return cfg->nranges ? &cfg->ranges[cfg->nranges - 1] : NULL;
}
int conf_host_add_fixed(struct server_config *cfg, struct conf_host *h, uint32_t ip);

/* Scope setters: -1 when out of memory. An option replaces one of the same
 * code in the scope; conf_append_option appends to it (BusyBox's repeated
 * "opt router" lines). */
void conf_set_param(struct conf_scope *sc, enum conf_param p, uint32_t value);
int conf_set_string(struct server_config *cfg, struct conf_scope *sc, enum conf_string which,
	const char *value);
int conf_set_option(struct server_config *cfg, struct conf_scope *sc, unsigned code,
	const uint8_t *data, size_t len);
int conf_append_option(struct server_config *cfg, struct conf_scope *sc, unsigned code,
	const uint8_t *data, size_t len);
/* The option as set in this scope only, or NULL. */
const struct conf_option *conf_scope_option(const struct conf_scope *sc, unsigned code);
const struct conf_option *conf_scope_space_option(const struct conf_scope *sc, unsigned space,
	unsigned code);
int conf_set_space_option(struct server_config *cfg, struct conf_scope *sc, unsigned space,
	unsigned code, const uint8_t *data, size_t len);
/* option NAME = DATA; (expr in the arena) */
int conf_set_option_expr(struct server_config *cfg, struct conf_scope *sc, unsigned space,
	unsigned code, const struct conf_expr *expr);
/* A class (or subclass) of that name made or found; NULL when out of memory. */
struct conf_class *conf_class_named(struct server_config *cfg, const char *name, size_t len);
struct conf_class *conf_add_subclass(struct server_config *cfg, const struct conf_class *super,
	const uint8_t *key, size_t key_len);
/* The space of that name (its index), made when make; 0 when unknown or out of memory. */
unsigned conf_space_named(struct server_config *cfg, const char *name, size_t len, bool make);
/* An if chain's link, and the step putting it in sc; NULL when out of memory. */
struct conf_cond *conf_add_cond(struct server_config *cfg, const struct conf_expr *test);
int conf_add_step(struct server_config *cfg, struct conf_scope *sc, struct conf_cond *cond);
int conf_add_log(struct server_config *cfg, struct conf_scope *sc, const struct conf_expr *expr,
	enum conf_log_priority priority);
/* Where sc's statements go now: sc, or the tail after its last if. */
struct conf_scope *conf_statement_scope(struct server_config *cfg, struct conf_scope *sc);

/* Checks after parsing: ranges overlapping, ranges outside their subnet,
 * one subnet declared twice; -1 with the reason. (Nested subnets and two
 * hosts with one MAC are allowed, as in ISC: the longer mask and the
 * first host win.) */
int conf_check(const struct server_config *cfg, const char *filename, struct udhcp_error *err);

/*
 * BusyBox: a subnet per range, from the interface (ip and mask, host
 * order) for the ranges on its link, else from "opt subnet" (else the
 * interface's mask). ISC files have theirs: nothing done. -1 when out of
 * memory.
 */
int conf_bb_subnets(struct server_config *cfg, uint32_t iface_ip, uint32_t iface_mask);

/* ---- Lookups ---------------------------------------------------------------- */

/* Indexes for the lookups below (a file of thousands of hosts): once the
 * model is complete, before it serves. -1 when out of memory. */
int conf_index(struct server_config *cfg);

/* The subnet holding ip (host order), or NULL. */
const struct conf_subnet *conf_subnet_of(const struct server_config *cfg, uint32_t ip);
/* Do two subnets share a link (the same subnet, or one shared-network)? */
bool conf_same_link(const struct conf_subnet *a, const struct conf_subnet *b);
/* The host block for a client on the link of subnet: of the hosts that
 * match it by uid (option 61) or MAC, the first with a fixed address on
 * that link (ISC: one host block per subnet for a roaming client), else
 * the first by uid, else the first by MAC; none of those, the one its
 * relay agent's option 82 names (agent: NULL when it has none), as ISC's
 * find_hosts_by_option comes after uid and hardware. */
const struct conf_host *conf_host_for(const struct server_config *cfg, const uint8_t *mac,
	const uint8_t *uid, size_t uid_len, const struct udhcp_agent *agent,
	const struct conf_subnet *subnet);
/* The host matched by option 82 (conf_index'ed) with ip as a fixed
 * address, or NULL. */
const struct conf_host *conf_agent_host_of(const struct server_config *cfg, uint32_t ip);
/* h's fixed address on the link of subnet (any, for BusyBox's static
 * leases), or 0. */
uint32_t conf_host_fixed_on(const struct server_config *cfg, const struct conf_host *h,
	const struct conf_subnet *subnet);
/* Some host has ip as a fixed address. */
bool conf_is_fixed_ip(const struct server_config *cfg, uint32_t ip);

/* ---- One client's view: its scopes, most specific first ------------------- */

enum { CONF_VIEW_MAX = 256 };	/* scopes, the branches of ifs and classes included */
enum { CONF_STEPS_MAX = 64 };	/* if statements in one scope (the parser's limit) */

struct conf_view {
	const struct conf_scope *scope[CONF_VIEW_MAX];
	unsigned n;
	bool truncated;			/* more scopes than CONF_VIEW_MAX: the last ones lost */
	const struct server_config *cfg;
	bool has_rq;			/* rq holds the request it was resolved for */
	struct conf_request rq;
};

/*
 * The scopes for a client of host h (NULL: none) with an address of range
 * r (NULL: none yet) on subnet (NULL: none): host and its enclosing groups
 * first, then its classes (conf_classify: the first matched first), pool,
 * subnet and up to global, each scope once. Each scope's if statements
 * are evaluated for rq (NULL: none are) and the branches taken come just
 * before it, the later before the earlier (ISC runs them in file order).
 */
void conf_resolve(const struct server_config *cfg, const struct conf_host *h,
	const struct conf_subnet *subnet, const struct conf_range *r,
	const struct conf_request *rq, struct conf_view *v);

/* The classes of rq's client (rq->m, known and is_static set): every
 * class whose match if holds and, for a class with match, the subclass
 * whose key its value is, in file order, at most CONF_REQUEST_CLASSES. */
void conf_classify(const struct server_config *cfg, struct conf_request *rq);
/* Is rq's client in c (or in a subclass of c)? */
bool conf_request_in_class(const struct conf_request *rq, const struct conf_class *c);
/* May rq's client (bootp: a BOOTP client) have an address of pool pl? No
 * deny names it and, when some allow names anyone, an allow names it. */
bool conf_pool_admits(const struct conf_pool *pl, const struct conf_request *rq, bool bootp);

const struct conf_option *conf_view_option(const struct conf_view *v, unsigned code);
/* An option of space (0: DHCP's) in the most specific scope setting it. */
const struct conf_option *conf_view_space_option(const struct conf_view *v, unsigned space,
	unsigned code);
/* The options of space in v as sub-options (RFC 2132 section 8.4: code,
 * length, data), in code order, each longer than 255 bytes split into
 * several of the same code (RFC 3396 section 6); the bytes written, 0 when
 * none or when they are more than cap. */
size_t conf_view_encapsulate(const struct conf_view *v, unsigned space, uint8_t *out, size_t cap);
/* o's value in v: its bytes, or computed for v's request (into ev's
 * scratch); false when that is null (the option is not sent then). */
bool conf_view_value(const struct conf_view *v, const struct conf_option *o, struct conf_eval *ev,
	const uint8_t **data, size_t *len);
/* The log statements of v for its request, in the order ISC runs them
 * (global first): fn gets each one's text (NUL-terminated, printable). */
void conf_view_logs(const struct conf_view *v,
	void (*fn)(void *ctx, enum conf_log_priority priority, const char *text), void *ctx);
/* The value of p in the most specific scope that sets it, else dflt. */
uint32_t conf_view_param(const struct conf_view *v, enum conf_param p, uint32_t dflt);
const char *conf_view_string(const struct conf_view *v, enum conf_string which);
/* Every option code of DHCP's space in v, most specific first, each once: calls fn. */
void conf_view_each_option(const struct conf_view *v,
	void (*fn)(void *ctx, const struct conf_option *o), void *ctx);

/* ---- The parsers ------------------------------------------------------------ */

/*
 * A file in ISC syntax: some line, its '#' comment taken off, ends in ';'
 * or holds a '{' or '}' (udhcpd.conf lines never do). Comments and blank
 * lines say nothing. conf_isc_detect.c: in every build with udhcpd.
 */
bool conf_text_is_isc(const char *text);

/* udhcpd.conf (config.c). Errors say "FILE:LINE: problem". */
int udhcpd_config_parse(const char *text, const char *filename, struct server_config *cfg,
	struct udhcp_error *err);

/*
 * dhcpd.conf (conf_isc.c). read_file gives an included file's text (ISC:
 * the path relative to the working directory), malloc'ed, or NULL with
 * errno; resolve turns a host name into an address (host order), -1 when
 * it does not resolve, CONF_NOT_ASKED when it was not asked: only after a
 * -1 in the same read, which has failed already and said so (none is said
 * for this one). Both may be NULL
 * (include and names are errors). Errors say "FILE:LINE:COLUMN: STATEMENT:
 * problem".
 */
enum { CONF_NOT_ASKED = -2 };
struct conf_isc_io {
	char *(*read_file)(void *ctx, const char *path);
	int (*resolve)(void *ctx, const char *name, uint32_t *ip);
	void *ctx;
};

/*
 * Every error of a file, as dhcpd -t prints them: the parser goes on after
 * an error (past the statement's ';', or past the '}' of a block whose
 * header was bad). The first CONF_ERRORS_MAX are kept, each a line as
 * err->msg; count says how many there were ("... and N more errors").
 */
enum { CONF_ERRORS_MAX = 20 };
struct conf_errors {
	char lines[CONF_ERRORS_MAX][CONF_LINE_LEN];
	unsigned count;
};

/* The first error in err; conf_isc_parse_all also lists every error in all
 * (NULL: none). -1 when there was any: the caller frees cfg (conf_free). */
#if ENABLE_FEATURE_UDHCPD_ISC_CONF
int conf_isc_parse_all(const char *text, const char *filename, const struct conf_isc_io *io,
	struct server_config *cfg, struct udhcp_error *err, struct conf_errors *all);
#else
static inline int conf_isc_parse_all(const char *text, const char *filename,
	const struct conf_isc_io *io, struct server_config *cfg, struct udhcp_error *err,
	struct conf_errors *all)
{
	(void)text;
	(void)io;
	(void)cfg;
	udhcp_fail(err, "%s: ISC dhcpd.conf support is not in this build", filename);
	if (all) {
		memcpy(all->lines[0], err->msg, sizeof(all->lines[0]));
		all->count = 1;
	}
	return -1;
}
#endif
static inline int conf_isc_parse(const char *text, const char *filename,
	const struct conf_isc_io *io, struct server_config *cfg, struct udhcp_error *err)
{
	return conf_isc_parse_all(text, filename, io, cfg, err, NULL);
}

/* The option a client gets for code from the global scope, or NULL
 * (BusyBox's flat view, for tools and tests). */
const struct conf_option *udhcpd_config_option(const struct server_config *cfg, unsigned code);

#endif
