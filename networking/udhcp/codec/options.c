/*
 * options.c: the option table, the one option walker, typed getters and
 * the adders that respect the receiver's size limit.
 * RFC 2132 (options), RFC 2131 section 4.1 (overload order), RFC 3396
 * (long options split and concatenated).
 */
#include "codec/bytes.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

/*
 * BusyBox's names, so udhcpd.conf lines, -x/-O arguments and script
 * variables keep working. Sorted by code. REQ marks udhcpc's default
 * parameter request list: BusyBox's (1 3 6 12 15 28 42) plus 119 and 121,
 * which default.script uses.
 */
static const struct udhcp_optdef option_table[] = {
	{ 0x01, OPT_TYPE_IP, OPT_FLAG_REQ, "subnet", "" },
	{ 0x02, OPT_TYPE_S32, 0, "timezone", "" },
	{ 0x03, OPT_TYPE_IP, OPT_FLAG_LIST | OPT_FLAG_REQ, "router", "" },
	{ 0x04, OPT_TYPE_IP, OPT_FLAG_LIST, "timesvr", "" },
	{ 0x05, OPT_TYPE_IP, OPT_FLAG_LIST, "namesvr", "" },
	{ 0x06, OPT_TYPE_IP, OPT_FLAG_LIST | OPT_FLAG_REQ, "dns", "" },
	{ 0x07, OPT_TYPE_IP, OPT_FLAG_LIST, "logsvr", "" },
	{ 0x08, OPT_TYPE_IP, OPT_FLAG_LIST, "cookiesvr", "" },
	{ 0x09, OPT_TYPE_IP, OPT_FLAG_LIST, "lprsvr", "lprsrv" },
	{ 0x0c, OPT_TYPE_HOST, OPT_FLAG_REQ, "hostname", "" },
	{ 0x0d, OPT_TYPE_U16, 0, "bootsize", "" },
	{ 0x0f, OPT_TYPE_HOST, OPT_FLAG_REQ, "domain", "" },
	{ 0x10, OPT_TYPE_IP, 0, "swapsvr", "swapsrv" },
	{ 0x11, OPT_TYPE_STRING, 0, "rootpath", "" },
	{ 0x17, OPT_TYPE_U8, 0, "ipttl", "" },
	{ 0x1a, OPT_TYPE_U16, 0, "mtu", "" },
	{ 0x1c, OPT_TYPE_IP, OPT_FLAG_REQ, "broadcast", "" },
	{ 0x21, OPT_TYPE_IP_PAIR, OPT_FLAG_LIST, "routes", "" },
	{ 0x28, OPT_TYPE_HOST, 0, "nisdomain", "" },
	{ 0x29, OPT_TYPE_IP, OPT_FLAG_LIST, "nissrv", "" },
	{ 0x2a, OPT_TYPE_IP, OPT_FLAG_LIST | OPT_FLAG_REQ, "ntpsrv", "" },
	{ 0x2c, OPT_TYPE_IP, OPT_FLAG_LIST, "wins", "" },
	{ 0x33, OPT_TYPE_U32, 0, "lease", "" },
	{ 0x36, OPT_TYPE_IP, 0, "serverid", "" },
	{ 0x38, OPT_TYPE_STRING, 0, "message", "" },
	{ 0x3c, OPT_TYPE_STRING, 0, "vendor", "" },
	{ 0x42, OPT_TYPE_HOST, 0, "tftp", "" },
	{ 0x43, OPT_TYPE_STRING, 0, "bootfile", "" },
	{ 0x4d, OPT_TYPE_USER_CLASS, 0, "userclass", "" },
	{ 0x64, OPT_TYPE_STRING, 0, "tzstr", "" },
	{ 0x65, OPT_TYPE_STRING, 0, "tzdbstr", "" },
	{ 0x77, OPT_TYPE_DNS_LIST, OPT_FLAG_LIST | OPT_FLAG_REQ, "search", "" },
	{ 0x78, OPT_TYPE_SIP_SERVERS, 0, "sipsrv", "" },
	{ 0x79, OPT_TYPE_ROUTES, OPT_FLAG_LIST | OPT_FLAG_REQ, "staticroutes", "" },
	{ 0x84, OPT_TYPE_U16, 0, "vlanid", "" },
	{ 0x85, OPT_TYPE_U8, 0, "vlanpriority", "" },
	{ 0xd1, OPT_TYPE_STRING, 0, "pxeconffile", "" },
	{ 0xd2, OPT_TYPE_STRING, 0, "pxepathprefix", "" },
	{ 0xd3, OPT_TYPE_U32, 0, "reboottime", "" },
	{ 0xd4, OPT_TYPE_6RD, 0, "ip6rd", "" },
	{ 0xf9, OPT_TYPE_ROUTES, OPT_FLAG_LIST, "msstaticroutes", "" },
	{ 0xfc, OPT_TYPE_STRING, 0, "wpad", "" },
};

const struct udhcp_optdef *udhcp_option_table(size_t *count)
{
	*count = sizeof(option_table) / sizeof(option_table[0]);
	return option_table;
}

const struct udhcp_optdef *udhcp_option_by_code(unsigned code)
{
	size_t lo = 0, hi = sizeof(option_table) / sizeof(option_table[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (option_table[mid].code == code)
			return &option_table[mid];
		if (option_table[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct udhcp_optdef *udhcp_option_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(option_table) / sizeof(option_table[0]); i++) {
		const struct udhcp_optdef *d = &option_table[i];

		if (strcasecmp(d->name, name) == 0 || (d->alias[0] && strcasecmp(d->alias, name) == 0))
			return d;
	}
	return NULL;
}

/* ---- The walker ------------------------------------------------------------ */

struct area {
	const uint8_t *p;
	size_t len;
	const char *name;
};

/*
 * One field's options. Pass 0 adds up each code's length and finds option
 * 52; pass 1 copies the data to each code's place in set->data.
 */
static int walk_area(const struct area *a, int pass, struct dhcp_optset *set,
	uint16_t *cursor, uint8_t *overload, struct udhcp_error *err)
{
	size_t i = 0;

	while (i < a->len) {
		uint8_t code = a->p[i], len;

		if (code == DHCP_PADDING) {
			i++;
			continue;
		}
		if (code == DHCP_END)
			return 0;
		if (i + 1 >= a->len)
			return udhcp_fail(err, "option %u at the end of %s has no length", code, a->name);
		len = a->p[i + 1];
		if (i + 2 + len > a->len)
			return udhcp_fail(err, "option %u of length %u runs past the end of %s",
				code, len, a->name);
		if (pass == 0 && code == DHCP_OPTION_OVERLOAD) {
			if (overload == NULL)
				return udhcp_fail(err, "option overload (52) inside %s", a->name);
			if (*overload)
				return udhcp_fail(err, "option overload (52) repeated");
			if (len != 1 || a->p[i + 2] < 1 || a->p[i + 2] > 3)
				return udhcp_fail(err, "bad option overload (52) value");
			*overload = a->p[i + 2];
		}
		if (pass == 0) {
			set->present[code / 8] |= (uint8_t)(1u << (code % 8));
			set->len[code] = (uint16_t)(set->len[code] + len);
		} else {
			memcpy(set->data + cursor[code], a->p + i + 2, len);
			cursor[code] = (uint16_t)(cursor[code] + len);
		}
		i += 2u + len;
	}
	return 0;
}

int udhcp_scan_options(const uint8_t *opts, size_t opts_len, const uint8_t *file,
	const uint8_t *sname, struct dhcp_optset *set, uint8_t *overload,
	struct udhcp_error *err)
{
	struct area areas[3] = {
		{ opts, opts_len, "the options" },
		{ file, 128, "the file field" },	/* RFC 2131 4.1: file, then sname */
		{ sname, 64, "the sname field" },
	};
	uint16_t cursor[256];
	size_t total = 0;
	int n = 1;

	memset(set->present, 0, sizeof(set->present));
	memset(set->len, 0, sizeof(set->len));
	*overload = 0;
	if (walk_area(&areas[0], 0, set, NULL, overload, err) < 0)
		return -1;
	if (*overload & 1)
		areas[n++] = areas[1];
	if (*overload & 2)
		areas[n++] = areas[2];
	for (int i = 1; i < n; i++)
		if (areas[i].p == NULL)
			return udhcp_fail(err, "option overload (52) without %s", areas[i].name);
		else if (walk_area(&areas[i], 0, set, NULL, NULL, err) < 0)
			return -1;
	for (int code = 0; code < 256; code++) {
		set->off[code] = (uint16_t)total;
		cursor[code] = (uint16_t)total;
		total += set->len[code];
	}
	if (total > sizeof(set->data))
		return udhcp_fail(err, "options too long: %zu bytes", total);
	for (int i = 0; i < n; i++)
		walk_area(&areas[i], 1, set, cursor, NULL, NULL);
	return 0;
}

/* ---- Getters ------------------------------------------------------------------ */

bool udhcp_opt_present(const struct dhcp_optset *set, unsigned code)
{
	return code < 256 && (set->present[code / 8] & (1u << (code % 8)));
}

const uint8_t *udhcp_opt_get(const struct dhcp_optset *set, unsigned code, size_t *len)
{
	if (!udhcp_opt_present(set, code))
		return NULL;
	*len = set->len[code];
	return set->data + set->off[code];
}

static int get_exact(const struct dhcp_optset *set, unsigned code, size_t want,
	const uint8_t **data)
{
	size_t len;

	*data = udhcp_opt_get(set, code, &len);
	if (!*data)
		return UDHCP_OPT_ABSENT;
	return len == want ? UDHCP_OPT_OK : UDHCP_OPT_INVALID;
}

int udhcp_opt_get_u8(const struct dhcp_optset *set, unsigned code, uint8_t *value)
{
	const uint8_t *p;
	int r = get_exact(set, code, 1, &p);

	if (r == UDHCP_OPT_OK)
		*value = p[0];
	return r;
}

int udhcp_opt_get_u16(const struct dhcp_optset *set, unsigned code, uint16_t *value)
{
	const uint8_t *p;
	int r = get_exact(set, code, 2, &p);

	if (r == UDHCP_OPT_OK)
		*value = get_be16(p);
	return r;
}

int udhcp_opt_get_u32(const struct dhcp_optset *set, unsigned code, uint32_t *value)
{
	const uint8_t *p;
	int r = get_exact(set, code, 4, &p);

	if (r == UDHCP_OPT_OK)
		*value = get_be32(p);
	return r;
}

int udhcp_opt_get_ip(const struct dhcp_optset *set, unsigned code, uint32_t *nip)
{
	const uint8_t *p;
	int r = get_exact(set, code, 4, &p);

	if (r == UDHCP_OPT_OK)
		*nip = get_nip(p);
	return r;
}

unsigned udhcp_message_type(const struct dhcp_optset *set)
{
	uint8_t type;

	if (udhcp_opt_get_u8(set, DHCP_MESSAGE_TYPE, &type) != UDHCP_OPT_OK)
		return 0;
	return type >= DHCPDISCOVER && type <= DHCPFORCERENEW ? type : 0;
}

/* ---- Adders -------------------------------------------------------------------- */

/* Option bytes still free, keeping one for END. */
static size_t option_room(const struct dhcp_builder *b)
{
	size_t limit = b->max_size - IP_UDP_HEADER_LEN;

	if (limit > DHCP_MAX_SEND)
		limit = DHCP_MAX_SEND;
	limit -= DHCP_HEADER_LEN + 1;
	return limit > b->used + b->reserved ? limit - b->used - b->reserved : 0;
}

/* The areas an option may go into, in RFC 2131 4.1's order (options,
 * file, sname), with the bytes free in each. */
struct spill {
	uint8_t *area[3];
	size_t *used[3];
	size_t room[3];
};

static void spill_areas(struct dhcp_builder *b, struct spill *sp)
{
	size_t main_room = option_room(b);

	/* option 52 takes 3 bytes of the options field the first time */
	sp->area[0] = b->pkt.options;
	sp->used[0] = &b->used;
	sp->room[0] = b->overload ? main_room : main_room - 3;	/* add_overloaded: >= 3 */
	sp->area[1] = b->pkt.file;
	sp->used[1] = &b->file_used;
	sp->room[1] = (b->overload_ok & 1) ? sizeof(b->pkt.file) - 1 - b->file_used : 0;
	sp->area[2] = b->pkt.sname;
	sp->used[2] = &b->sname_used;
	sp->room[2] = (b->overload_ok & 2) ? sizeof(b->pkt.sname) - 1 - b->sname_used : 0;
}

/*
 * Writes (or, write false, tries) len bytes of code in pieces of at most
 * 255 across the areas (RFC 3396: the pieces of one option are joined in
 * that order); true when all of it goes in.
 */
static bool spill(struct dhcp_builder *b, struct spill *sp, uint8_t code, const uint8_t *p,
	size_t len, bool write)
{
	for (int i = 0; i < 3 && len; i++) {
		size_t room = sp->room[i];

		while (len && room >= 3) {
			size_t n = len < 255 ? len : 255;

			if (n > room - 2)
				n = room - 2;
			if (write) {
				uint8_t *out = sp->area[i] + *sp->used[i];

				out[0] = code;
				out[1] = (uint8_t)n;
				memcpy(out + 2, p, n);
				*sp->used[i] += 2 + n;
				if (i)
					b->overload |= (uint8_t)i;
			}
			p += n;
			len -= n;
			room -= 2 + n;
		}
	}
	return len == 0;
}

/* An option too long for the options field, into file and sname too
 * (RFC 2132 9.3) when they may hold options; -1 when it does not fit. */
static int add_overloaded(struct dhcp_builder *b, uint8_t code, const uint8_t *p, size_t len)
{
	struct spill sp;
	bool first = !b->overload;

	/* option 52 itself must fit in the options field */
	if (!b->overload_ok || len == 0 || (first && option_room(b) < 3))
		return -1;
	spill_areas(b, &sp);
	if (!spill(b, &sp, code, p, len, false))
		return -1;
	if (first) {
		b->pkt.options[b->used] = DHCP_OPTION_OVERLOAD;
		b->pkt.options[b->used + 1] = 1;
		b->overload_at = b->used + 2;
		b->used += 3;	/* the room tried kept these 3 bytes out */
	}
	spill(b, &sp, code, p, len, true);
	b->pkt.options[b->overload_at] = b->overload;
	return 0;
}

int udhcp_add_option(struct dhcp_builder *b, uint8_t code, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t pieces = len ? (len + 254) / 255 : 1;

	if (code == DHCP_PADDING || code == DHCP_END)
		return -1;
	if (len + 2 * pieces > option_room(b))
		return add_overloaded(b, code, p, len);
	do {
		size_t n = len > 255 ? 255 : len;
		uint8_t *out = b->pkt.options + b->used;

		out[0] = code;
		out[1] = (uint8_t)n;
		if (n) {	/* data may be NULL for an empty option (80) */
			memcpy(out + 2, p, n);
			p += n;
		}
		b->used += 2 + n;
		len -= n;
	} while (len);
	return 0;
}

int udhcp_add_u8(struct dhcp_builder *b, uint8_t code, uint8_t value)
{
	return udhcp_add_option(b, code, &value, 1);
}

int udhcp_add_u16(struct dhcp_builder *b, uint8_t code, uint16_t value)
{
	uint8_t v[2];

	put_be16(v, value);
	return udhcp_add_option(b, code, v, 2);
}

int udhcp_add_u32(struct dhcp_builder *b, uint8_t code, uint32_t value)
{
	uint8_t v[4];

	put_be32(v, value);
	return udhcp_add_option(b, code, v, 4);
}

int udhcp_add_ip(struct dhcp_builder *b, uint8_t code, uint32_t nip)
{
	return udhcp_add_option(b, code, &nip, 4);
}

int udhcp_add_param_req(struct dhcp_builder *b, bool defaults, const uint8_t *extra, size_t n)
{
	uint8_t codes[256], seen[256] = { 0 };
	size_t count = 0;

	for (size_t i = 0; defaults && i < sizeof(option_table) / sizeof(option_table[0]); i++) {
		if (option_table[i].flags & OPT_FLAG_REQ) {
			codes[count++] = option_table[i].code;
			seen[option_table[i].code] = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (extra[i] != DHCP_PADDING && extra[i] != DHCP_END && !seen[extra[i]]) {
			codes[count++] = extra[i];
			seen[extra[i]] = 1;
		}
	}
	return count ? udhcp_add_option(b, DHCP_PARAM_REQ, codes, count) : 0;
}

int udhcp_add_client_id(struct dhcp_builder *b, uint8_t htype, const uint8_t *hwaddr, size_t len)
{
	uint8_t id[1 + 16];

	if (len > 16)
		return -1;
	id[0] = htype;
	memcpy(id + 1, hwaddr, len);
	return udhcp_add_option(b, DHCP_CLIENT_ID, id, 1 + len);
}

int udhcp_add_fqdn(struct dhcp_builder *b, const char *name, uint8_t flags,
	struct udhcp_error *err)
{
	uint8_t v[3 + 256];
	int n;

	/* RFC 4702 2.1: a name with a dot is fully qualified, one label is partial */
	n = udhcp_dns_encode_name(name, v + 3, sizeof(v) - 3, strchr(name, '.') != NULL, err);
	if (n < 0)
		return -1;
	v[0] = flags | 0x04;	/* E: canonical wire format */
	v[1] = v[2] = 0;	/* RCODE1, RCODE2: deprecated, 0 (RFC 4702 2.2) */
	if (udhcp_add_option(b, DHCP_FQDN, v, 3 + (size_t)n) < 0)
		return udhcp_fail(err, "option fqdn does not fit in the message");
	return 0;
}

int udhcp_add_user_class(struct dhcp_builder *b, const char *const *classes, size_t n)
{
	uint8_t v[1024];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(classes[i]);

		if (l == 0 || l > 255 || len + 1 + l > sizeof(v))
			return -1;
		v[len++] = (uint8_t)l;
		memcpy(v + len, classes[i], l);
		len += l;
	}
	return udhcp_add_option(b, DHCP_USER_CLASS, v, len);
}
