/*
 * expr.h: ISC dhcpd's expressions (dhcp-eval(5)), the part that network
 * boot configurations use: a tree the parser (conf_isc_expr.c) builds in
 * the configuration's arena and eval.c evaluates for one request. Pure.
 *
 * Three kinds, as in ISC: boolean (match if, if), data (option values,
 * substring...) and numeric (offsets, lengths, bases). A data expression
 * may be null (an option the client did not send): ISC's rules for null
 * are kept (eval.c).
 */
#ifndef DHCPBOX_UDHCP_EXPR_H
#define DHCPBOX_UDHCP_EXPR_H

#include "server/conf.h"
#include "server/ere.h"

enum conf_expr_op {
	/* data */
	EX_CONST,		/* data, len */
	EX_OPTION,		/* space, code: the request's option (a sub-option for a space) */
	EX_HARDWARE,		/* htype, then chaddr (hlen bytes) */
	EX_SUBSTRING,		/* a, from b, c bytes */
	EX_SUFFIX,		/* the last b bytes of a */
	EX_CONCAT,		/* a then b */
	EX_PICK_FIRST,		/* a, else b (a chain: b is another EX_PICK_FIRST or the last) */
	EX_BIN_TO_ASCII,	/* base a, width b, separator c, data d */
	EX_LCASE, EX_UCASE,	/* a */
	/* numeric */
	EX_NUMBER,		/* number */
	/* boolean */
	EX_EXISTS,		/* space, code */
	EX_KNOWN, EX_STATIC,
	EX_EQUAL, EX_NOT_EQUAL,	/* a, b */
	EX_REGEX, EX_IREGEX,	/* a against re */
	EX_AND, EX_OR,		/* a, b */
	EX_NOT,			/* a */
};

struct conf_expr {
	uint8_t op;		/* enum conf_expr_op */
	uint8_t space, code;	/* EX_OPTION, EX_EXISTS */
	uint32_t number;	/* EX_NUMBER */
	const uint8_t *data;	/* EX_CONST, in the arena */
	size_t len;
	const struct conf_expr *a, *b, *c, *d;
	struct ere *re;		/* EX_REGEX, EX_IREGEX: in the arena (ere_match keeps scratch in it) */
};

/* A data value: bytes somewhere (the request, the tree, the scratch
 * buffer), or null. */
struct conf_value {
	const uint8_t *data;
	size_t len;
	bool null;
};

/* Where computed values (substring is a view; concat, binary-to-ascii and
 * case changes are written) are kept during one evaluation. */
enum { CONF_EVAL_SCRATCH = 2048 };
struct conf_eval {
	const struct server_config *cfg;
	const struct conf_request *rq;
	uint8_t scratch[CONF_EVAL_SCRATCH];
	size_t used;
	unsigned depth;		/* nesting, bounded like the parser's */
};

#if ENABLE_FEATURE_UDHCPD_ISC_CONF
/* A boolean expression for rq: false also when it cannot be evaluated
 * (ISC: a failed test is not taken). */
bool conf_eval_bool(const struct server_config *cfg, const struct conf_request *rq,
	const struct conf_expr *e);
/* A data expression into ev's scratch (ev->cfg and ev->rq set, used 0). */
struct conf_value conf_eval_data(struct conf_eval *ev, const struct conf_expr *e);
#else
/* Only the dhcpd.conf reader makes expressions (a udhcpd.conf has none):
 * without it there is no evaluator (eval.c), and the class, condition
 * and computed-option code that calls it goes with it. */
static inline bool conf_eval_bool(const struct server_config *cfg, const struct conf_request *rq,
	const struct conf_expr *e)
{
	(void)cfg, (void)rq, (void)e;
	return false;
}
static inline struct conf_value conf_eval_data(struct conf_eval *ev, const struct conf_expr *e)
{
	(void)ev, (void)e;
	return (struct conf_value){ NULL, 0, true };
}
#endif

/* The sub-option code of a relay agent's or vendor's option data (RFC
 * 2132 section 8.4 format): its bytes, the pieces of a repeated one
 * concatenated into buf (cap bytes) as RFC 3396 does for options; NULL
 * when absent or malformed. */
const uint8_t *conf_sub_option(const uint8_t *data, size_t len, unsigned code, uint8_t *buf,
	size_t cap, size_t *out_len);

#endif
