/*
 * eval.c: ISC's expressions (expr.h, dhcp-eval(5)) evaluated for one
 * request, and the classes a request belongs to. Pure: the request is a
 * decoded message, the result a value or a truth.
 *
 * ISC's rules for null (an option the client did not send) are kept:
 * substring, suffix, concat, binary-to-ascii and the case changes of null
 * are null; pick-first-value skips nulls; null = null is true and null =
 * "x" false (!= the opposite); ~= and ~~ of null are false; a test that
 * cannot be evaluated is false.
 */
#include "server/expr.h"
#include "codec/bytes.h"

#include <ctype.h>
#include <string.h>

enum { EVAL_DEPTH_MAX = 64 };

static const struct conf_value null_value = { NULL, 0, true };

static struct conf_value value_of(const uint8_t *data, size_t len)
{
	struct conf_value v = { data, len, false };

	return v;
}

/* Room for len more bytes of scratch, or NULL (the value is then null). */
static uint8_t *scratch(struct conf_eval *ev, size_t len)
{
	uint8_t *p;

	if (len > sizeof(ev->scratch) - ev->used)
		return NULL;
	p = ev->scratch + ev->used;
	ev->used += len;
	return p;
}

const uint8_t *conf_sub_option(const uint8_t *data, size_t len, unsigned code, uint8_t *buf,
	size_t cap, size_t *out_len)
{
	size_t pos = 0, got = 0, first_len = 0;
	const uint8_t *first = NULL;
	unsigned pieces = 0;

	while (pos + 2 <= len) {
		unsigned c = data[pos], n = data[pos + 1];

		if (pos + 2 + n > len)
			return NULL;	/* runs past the option: malformed */
		if (c == code) {
			if (pieces++ == 0) {
				first = data + pos + 2;
				first_len = n;
			}
			if (got + n > cap)
				return NULL;
			memcpy(buf + got, data + pos + 2, n);
			got += n;
		}
		pos += 2 + n;
	}
	if (!pieces)
		return NULL;
	*out_len = pieces == 1 ? first_len : got;
	return pieces == 1 ? first : buf;
}

/* The request's option: one of DHCP's, or a sub-option of the option
 * carrying its space (agent: 82; a vendor space: 43 or its encapsulation). */
static struct conf_value request_option(struct conf_eval *ev, unsigned space, unsigned code)
{
	const struct dhcp_message *m = ev->rq ? ev->rq->m : NULL;
	const uint8_t *data, *sub;
	size_t len, sub_len;
	uint8_t *buf;

	if (!m)
		return null_value;
	if (space == 0) {
		data = udhcp_opt_get(&m->opts, code, &len);
		return data ? value_of(data, len) : null_value;
	}
	if (space >= ev->cfg->nspaces || !ev->cfg->spaces[space]->container)
		return null_value;
	data = udhcp_opt_get(&m->opts, ev->cfg->spaces[space]->container, &len);
	if (!data)
		return null_value;
	buf = ev->scratch + ev->used;
	sub = conf_sub_option(data, len, code, buf, sizeof(ev->scratch) - ev->used, &sub_len);
	if (!sub)
		return null_value;
	if (sub == buf)
		ev->used += sub_len;
	return value_of(sub, sub_len);
}

static struct conf_value hardware(struct conf_eval *ev)
{
	const struct dhcp_message *m = ev->rq ? ev->rq->m : NULL;
	size_t hlen;
	uint8_t *p;

	if (!m)
		return null_value;
	hlen = m->hlen > sizeof(m->chaddr) ? sizeof(m->chaddr) : m->hlen;
	if (!(p = scratch(ev, hlen + 1)))
		return null_value;
	p[0] = m->htype;
	memcpy(p + 1, m->chaddr, hlen);
	return value_of(p, hlen + 1);
}

static bool eval_number(struct conf_eval *ev, const struct conf_expr *e, uint32_t *n)
{
	(void)ev;
	if (!e || e->op != EX_NUMBER)
		return false;
	*n = e->number;
	return true;
}

/* binary-to-ascii(base, width, separator, data): each width-bit number of
 * data in base, without leading zeros (ISC's "0:11:22:a:b:c"), separated. */
static struct conf_value bin_to_ascii(struct conf_eval *ev, const struct conf_expr *e)
{
	static const char digits[] = "0123456789abcdef";
	uint32_t base, width;
	struct conf_value sep, data;
	size_t start, step;

	if (!eval_number(ev, e->a, &base) || !eval_number(ev, e->b, &width)
	    || base < 2 || base > 16 || (width != 8 && width != 16 && width != 32))
		return null_value;
	sep = conf_eval_data(ev, e->c);
	data = conf_eval_data(ev, e->d);
	if (sep.null || data.null)
		return null_value;
	step = width / 8;
	start = ev->used;
	for (size_t i = 0; i + step <= data.len; i += step) {
		uint32_t v = 0;
		char text[33];
		size_t n = 0;
		uint8_t *out;

		for (size_t k = 0; k < step; k++)
			v = v << 8 | data.data[i + k];
		do {
			text[n++] = digits[v % base];
			v /= base;
		} while (v);
		if (i) {
			if (!(out = scratch(ev, sep.len)))
				return null_value;
			if (sep.len)
				memcpy(out, sep.data, sep.len);
		}
		if (!(out = scratch(ev, n)))
			return null_value;
		for (size_t k = 0; k < n; k++)
			out[k] = (uint8_t)text[n - 1 - k];
	}
	return value_of(ev->scratch + start, ev->used - start);
}

static struct conf_value concat(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value a = conf_eval_data(ev, e->a), b = conf_eval_data(ev, e->b);
	uint8_t *p;

	if (a.null || b.null || !(p = scratch(ev, a.len + b.len)))
		return null_value;
	if (a.len)
		memcpy(p, a.data, a.len);
	if (b.len)
		memcpy(p + a.len, b.data, b.len);
	return value_of(p, a.len + b.len);
}

static struct conf_value change_case(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value a = conf_eval_data(ev, e->a);
	uint8_t *p;

	if (a.null || !(p = scratch(ev, a.len)))
		return null_value;
	for (size_t i = 0; i < a.len; i++)
		p[i] = (uint8_t)(e->op == EX_LCASE ? tolower(a.data[i]) : toupper(a.data[i]));
	return value_of(p, a.len);
}

static struct conf_value data_op(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value a;
	uint32_t from, count;

	switch (e->op) {
	case EX_CONST:
		return value_of(e->data, e->len);
	case EX_OPTION:
		return request_option(ev, e->space, e->code);
	case EX_HARDWARE:
		return hardware(ev);
	case EX_SUBSTRING:
		a = conf_eval_data(ev, e->a);
		if (a.null || !eval_number(ev, e->b, &from) || !eval_number(ev, e->c, &count))
			return null_value;
		if (from >= a.len)
			return value_of(a.data, 0);
		return value_of(a.data + from, count < a.len - from ? count : a.len - from);
	case EX_SUFFIX:
		a = conf_eval_data(ev, e->a);
		if (a.null || !eval_number(ev, e->b, &count))
			return null_value;
		return count < a.len ? value_of(a.data + a.len - count, count) : a;
	case EX_CONCAT:
		return concat(ev, e);
	case EX_PICK_FIRST:
		a = conf_eval_data(ev, e->a);
		return !a.null || !e->b ? a : conf_eval_data(ev, e->b);
	case EX_BIN_TO_ASCII:
		return bin_to_ascii(ev, e);
	case EX_LCASE: case EX_UCASE:
		return change_case(ev, e);
	default:
		return null_value;	/* not a data expression: the parser keeps them apart */
	}
}

struct conf_value conf_eval_data(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value v;

	if (!e || ev->depth >= EVAL_DEPTH_MAX)
		return null_value;
	ev->depth++;
	v = data_op(ev, e);
	ev->depth--;
	return v;
}

/* ~= and ~~ (server/ere.c: regcomp's REG_EXTENDED, REG_ICASE for ~~): a
 * search in the data up to a NUL in it (ISC hands regexec a C string). */
static bool regex_match(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value a = conf_eval_data(ev, e->a);
	const uint8_t *nul;

	if (a.null || !e->re)
		return false;
	nul = a.len ? memchr(a.data, '\0', a.len) : NULL;
	return ere_match(e->re, (const char *)a.data, nul ? (size_t)(nul - a.data) : a.len);
}

static bool equal(struct conf_eval *ev, const struct conf_expr *e)
{
	struct conf_value a = conf_eval_data(ev, e->a), b = conf_eval_data(ev, e->b);
	bool same = a.null || b.null ? a.null == b.null
		: a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);

	return e->op == EX_EQUAL ? same : !same;
}

static bool eval_bool(struct conf_eval *ev, const struct conf_expr *e)
{
	const struct conf_request *rq = ev->rq;
	size_t mark = ev->used;
	bool r;

	if (!e || ev->depth >= EVAL_DEPTH_MAX)
		return false;
	ev->depth++;
	switch (e->op) {
	case EX_EXISTS:
		r = !request_option(ev, e->space, e->code).null;
		break;
	case EX_KNOWN:
		r = rq && rq->known;
		break;
	case EX_STATIC:
		r = rq && rq->is_static;
		break;
	case EX_EQUAL: case EX_NOT_EQUAL:
		r = equal(ev, e);
		break;
	case EX_REGEX: case EX_IREGEX:
		r = regex_match(ev, e);
		break;
	case EX_AND:
		r = eval_bool(ev, e->a) && eval_bool(ev, e->b);
		break;
	case EX_OR:
		r = eval_bool(ev, e->a) || eval_bool(ev, e->b);
		break;
	case EX_NOT:
		r = !eval_bool(ev, e->a);
		break;
	default:
		r = false;
		break;
	}
	ev->used = mark;	/* a truth keeps nothing of its values */
	ev->depth--;
	return r;
}

bool conf_eval_bool(const struct server_config *cfg, const struct conf_request *rq,
	const struct conf_expr *e)
{
	struct conf_eval ev;

	ev.cfg = cfg;
	ev.rq = rq;
	ev.used = 0;
	ev.depth = 0;
	return eval_bool(&ev, e);
}
