/*
 * libFuzzer target: ISC dhcpd.conf text through conf_isc_parse_all().
 *
 * The input is the main file, then optionally "\n%%\n" and the text of
 * the files "a", "b", "c" that include may open (in that order); host
 * names of up to 8 bytes resolve (to an address made from the name),
 * longer ones do not. What parses is checked against the model's promises
 * (every range inside its subnet, values within their caps, a scope chain
 * that ends at global) and resolved for each host and range as the server
 * would, and for requests as firmware sends them (PXE, iPXE, a relayed
 * one, none at all, and one whose options are the input's first bytes):
 * their classes, the ifs of their views, computed option values,
 * option spaces encapsulated and log statements, within their bounds.
 * What fails has its errors listed: the first in err, each line
 * a string, no two in a row at one place (the parse goes on after each
 * error: a second complaint about the same token only follows from the
 * first).
 */
#include "server/conf.h"
#include "server/expr.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FILES = 4, TEXT_MAX = 65536 };

struct fuzz_files {
	char *text[FILES];	/* main, a, b, c: in one buffer, NUL-separated */
};

static char *fuzz_read(void *ctx, const char *path)
{
	struct fuzz_files *f = ctx;
	unsigned i = path[0] >= 'a' && path[0] <= 'c' && !path[1] ? (unsigned)(path[0] - 'a' + 1) : 0;
	char *copy;

	if (!i || !f->text[i]) {
		errno = ENOENT;
		return NULL;
	}
	copy = strdup(f->text[i]);
	if (!copy)
		errno = ENOMEM;
	return copy;
}

static int fuzz_resolve(void *ctx, const char *name, uint32_t *ip)
{
	uint32_t h = 0x0a000000;

	(void)ctx;
	if (strlen(name) > 8)
		return -1;
	for (const char *c = name; *c; c++)
		h = (h * 31 + (unsigned char)*c) & 0x00ffffff;
	*ip = 0x0a000000 | h;
	return 0;
}

/* Splits the text at each "\n%%\n" into the files. */
static void split(char *text, struct fuzz_files *f)
{
	memset(f, 0, sizeof(*f));
	f->text[0] = text;
	for (unsigned i = 1; i < FILES; i++) {
		char *sep = strstr(f->text[i - 1], "\n%%\n");

		if (!sep)
			break;
		*sep = '\0';
		f->text[i] = sep + 4;
	}
}

static void check_scope(const struct server_config *cfg, const struct conf_scope *sc)
{
	unsigned depth = 0;

	for (unsigned i = 0; i < sc->noptions; i++)
		assert(sc->options[i].len <= 1024);
	while (sc->parent) {
		sc = sc->parent;
		assert(++depth <= CONF_DEPTH_MAX + 1);
	}
	assert(sc == cfg->global);
}

static void use(const struct server_config *cfg)
{
	struct conf_view v;

	assert(cfg->isc);
	/* every kept warning a line "FILE:LINE: ..." of its slot */
	for (unsigned i = 0; i < cfg->warnings.count && i < CONF_WARNINGS_MAX; i++)
		assert(cfg->warnings.lines[i][0] && strstr(cfg->warnings.lines[i], ": ") &&
			memchr(cfg->warnings.lines[i], '\0', sizeof(cfg->warnings.lines[i])));
	for (unsigned i = 0; i < cfg->nranges; i++) {
		const struct conf_range *r = &cfg->ranges[i];

		assert(r->subnet && r->start <= r->end);
		assert((r->start & r->subnet->mask) == r->subnet->net);
		assert((r->end & r->subnet->mask) == r->subnet->net);
		if (r->pool)
			check_scope(cfg, &r->pool->scope);
		if (i < 8) {
			conf_resolve(cfg, NULL, r->subnet, r, NULL, &v);
			for (unsigned code = 1; code < 255; code++)
				conf_view_option(&v, code);
		}
	}
	for (unsigned i = 0; i < cfg->nsubnets; i++) {
		assert((cfg->subnets[i]->net & ~cfg->subnets[i]->mask) == 0);
		check_scope(cfg, &cfg->subnets[i]->scope);
	}
	for (unsigned i = 0; i < cfg->nhosts; i++) {
		const struct conf_host *h = cfg->hosts[i];

		assert(h->uid_len <= CONF_KEY_MAX && memchr(h->name, '\0', sizeof(h->name)));
		check_scope(cfg, &h->scope);
		if (i < 8) {
			conf_resolve(cfg, h, cfg->nsubnets ? cfg->subnets[0] : NULL, NULL, NULL, &v);
			conf_view_param(&v, CP_DEFAULT_LEASE, 600);
			conf_view_string(&v, CS_FILENAME);
		}
	}
}

/* A request with these options (raw, after the cookie); false when the
 * codec refuses them. */
static bool make_request(struct dhcp_message *m, const uint8_t *opts, size_t len)
{
	static const uint8_t file[128], sname[64];
	struct udhcp_error err;

	memset(m, 0, sizeof(*m));
	m->htype = 1;
	m->hlen = 6;
	memcpy(m->chaddr, "\x02\x00\x00\x00\x0c\x01", 6);
	return udhcp_scan_options(opts, len, file, sname, &m->opts, &m->overload, &err) == 0;
}

static void log_seen(void *ctx, enum conf_log_priority priority, const char *text)
{
	(void)ctx;
	assert(priority <= CONF_LOG_DEBUG && strlen(text) < 256);
}

static void evaluate(const struct server_config *cfg, const struct dhcp_message *m)
{
	static struct conf_view v;
	static struct conf_eval ev;
	struct conf_request rq = { m, m->chaddr[5] & 1, m->chaddr[5] & 2, { NULL }, 0 };
	uint8_t out[1024];

	conf_classify(cfg, &rq);
	assert(rq.nclasses <= CONF_REQUEST_CLASSES);
	for (unsigned i = 0; i < rq.nclasses; i++)
		assert(conf_request_in_class(&rq, rq.classes[i]));
	for (unsigned i = 0; i < cfg->nranges && i < 4; i++) {
		const struct conf_range *r = &cfg->ranges[i];

		if (r->pool)
			conf_pool_admits(r->pool, &rq, false);
		conf_resolve(cfg, i < cfg->nhosts ? cfg->hosts[i] : NULL, r->subnet, r, &rq, &v);
		assert(v.n <= CONF_VIEW_MAX);
		for (unsigned j = 0; j < v.n; j++)
			for (unsigned k = 0; k < v.scope[j]->noptions; k++) {
				const uint8_t *data;
				size_t len;

				ev.used = 0;
				if (conf_view_value(&v, &v.scope[j]->options[k], &ev, &data, &len))
					assert(len <= 0xffff && (len == 0 || data));
			}
		for (unsigned sp = 1; sp < cfg->nspaces; sp++)
			assert(conf_view_encapsulate(&v, sp, out, sizeof(out)) <= sizeof(out));
		conf_view_logs(&v, log_seen, NULL);
	}
}

/* The subclass index finds what the scan finds. */
static void same_classes(struct server_config *cfg, const struct dhcp_message *m)
{
	struct conf_request a = { m, false, false, { NULL }, 0 }, b = a;
	const struct conf_class **index = cfg->sub_index;

	cfg->sub_index = NULL;
	conf_classify(cfg, &a);
	cfg->sub_index = index;
	conf_classify(cfg, &b);
	assert(a.nclasses == b.nclasses);
	for (unsigned i = 0; i < a.nclasses; i++)
		assert(a.classes[i] == b.classes[i]);
}

static void requests(struct server_config *cfg, const uint8_t *data, size_t size)
{
	static const uint8_t pxe[] = { 60, 32, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', ':',
		'A', 'r', 'c', 'h', ':', '0', '0', '0', '0', '7', ':', 'U', 'N', 'D', 'I', ':', '0',
		'0', '3', '0', '1', '6', 93, 2, 0, 7, 55, 4, 1, 3, 43, 67, 255 };
	static const uint8_t ipxe[] = { 77, 4, 'i', 'P', 'X', 'E', 175, 3, 19, 1, 1, 61, 7, 1, 2,
		0, 0, 0, 0x0c, 1, 255 };
	static const uint8_t relayed[] = { 82, 12, 1, 4, 'e', 't', 'h', '0', 2, 4, 1, 2, 3, 4,
		12, 3, 's', 'w', '1', 255 };
	static const uint8_t none[] = { 255 };
	static struct dhcp_message m;

	if (make_request(&m, pxe, sizeof(pxe)))
		evaluate(cfg, &m);
	if (make_request(&m, ipxe, sizeof(ipxe)))
		evaluate(cfg, &m);
	if (make_request(&m, relayed, sizeof(relayed)))
		evaluate(cfg, &m);
	if (make_request(&m, none, sizeof(none)))
		evaluate(cfg, &m);
	if (make_request(&m, data, size < 64 ? size : 64))
		evaluate(cfg, &m);
	if (conf_index(cfg) == 0) {
		if (make_request(&m, ipxe, sizeof(ipxe)))
			same_classes(cfg, &m);
		if (make_request(&m, data, size < 64 ? size : 64))
			same_classes(cfg, &m);
	}
}

/* "FILE:LINE:COLUMN:" of two errors the same? */
static bool same_place(const char *a, const char *b)
{
	size_t n = strcspn(a, " ");

	return n == strcspn(b, " ") && memcmp(a, b, n) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[TEXT_MAX];
	struct server_config cfg;
	struct udhcp_error err;
	static struct conf_errors all;
	struct fuzz_files files;
	struct conf_isc_io io = { fuzz_read, fuzz_resolve, &files };

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	split(text, &files);
	udhcpd_config_defaults(&cfg);
	err.msg[0] = '\0';
	all.count = 12345;
	if (conf_isc_parse_all(files.text[0], "fuzz.conf", &io, &cfg, &err, &all) == 0) {
		assert(all.count == 0);
		use(&cfg);
		requests(&cfg, data, size);
	} else {
		assert(err.msg[0] && memchr(err.msg, '\0', sizeof(err.msg)));
		assert(all.count > 0 && strcmp(all.lines[0], err.msg) == 0);
		for (unsigned i = 0; i < all.count && i < CONF_ERRORS_MAX; i++) {
			assert(all.lines[i][0] && memchr(all.lines[i], '\0', sizeof(all.lines[i])));
			assert(i == 0 || !same_place(all.lines[i - 1], all.lines[i]));
		}
	}
	conf_free(&cfg);
	return 0;
}
