/*
 * libFuzzer target: ISC dhcpd.conf text through conf_isc_parse_all().
 *
 * The input is the main file, then optionally "\n%%\n" and the text of
 * the files "a", "b", "c" that include may open (in that order); host
 * names of up to 8 bytes resolve (to an address made from the name),
 * longer ones do not. What parses is checked against the model's promises
 * (every range inside its subnet, values within their caps, a scope chain
 * that ends at global) and resolved for each host and range as the server
 * would. What fails has its errors listed: the first in err, each line
 * a string, no two in a row at one place (the parse goes on after each
 * error: a second complaint about the same token only follows from the
 * first).
 */
#include "server/conf.h"

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

	assert(cfg->isc && memchr(cfg->warnings, '\0', sizeof(cfg->warnings)));
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
