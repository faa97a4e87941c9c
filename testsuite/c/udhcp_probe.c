/*
 * udhcp_probe: the codec (networking/udhcp) from the command line, for the
 * codec suite and for people reading packets.
 *
 *	decode FILE		a BOOTP/DHCP message in hex (see below) to text
 *	scriptenv FILE		the hook script's environment for it (interface eth0)
 *	frame HEX PORT [offload]	verify IPv4+UDP, then decode the payload
 *	mkframe FILE		the message in an IPv4+UDP frame, as hex
 *	build TYPE [ITEM...]	build a message, print it as hex; items:
 *		max=N  opt=NAME:VALUE  clientid=MAC  fqdn=NAME  userclass=A,B
 *		prl=CODE,CODE  raw=CODE:HEX (any length, split per RFC 3396)
 *		req=CODE,CODE (option 55 with udhcpc's defaults)  noreq=CODE,CODE
 *		u16=CODE:N  u32=CODE:N  ip=CODE:A.B.C.D  ciaddr=A.B.C.D
 *	serve IFACE COUNT [ITEM...]	a rogue server for the client suites: answers
 *		COUNT requests on IFACE (port 67), a DISCOVER with an OFFER, a
 *		REQUEST with an ACK, broadcast, with the request's xid and chaddr
 *		and the items (as for build; also yiaddr=IP, reqtype=TYPE to
 *		answer a REQUEST with TYPE, 6 for a NAK); gives up after 60 s
 *	exchange SERVER FILE [SECONDS]	send FILE's message by UDP from port 68 (67
 *				when it has a giaddr: a relay's) to
 *				SERVER:67, decode the reply ("no reply" if none),
 *				then "last_option=N" and "wire= CODE:HEX ..." (the
 *				options as sent, in order, pads left out, one entry
 *				per instance: a split option shows its parts; those
 *				in file/sname after "|file", "|sname" when overloaded)
 *	send SRC:PORT DST:PORT FILE	send FILE's message by UDP from SRC:PORT
 *	capture IFACE PORT COUNT [SECONDS]	print "listening on IFACE", then
 *		decode COUNT messages to PORT heard on IFACE ("from IP" before
 *		each); gives up after SECONDS (30)
 * build also takes hops=N yiaddr=IP flags=HEX (and giaddr, xid, chaddr),
 * file=TEXT sname=TEXT, and overload=1: options that do not fit may go
 * into the file and sname fields still empty (option 52), as udhcpd's.
 * build 0 builds a BOOTP request: the cookie, no option 53 (RFC 1497).
 * exchange also prints the reply's length (len=N) and its vendor area's
 * bytes after the cookie, padding included (vend=HEX).
 *	get FILE CODE u8|u16|u32|ip	a typed getter
 *	table			the option table: code name alias type flags
 *	text NAME VALUE | arg NAME:VALUE	text to option: "code=N len=L hex=..."
 *	render CODE HEX		option to script text
 *	dnsdec HEX | dnsenc NAMES	RFC 1035 lists
 *	mask IP			prefix length of a netmask
 *	agent HEX		option 82's data through udhcp_agent_parse: "circuit=HEX
 *				remote=HEX link=IP override=IP" (- for absent)
 *	csum HEX		RFC 1071 checksum of the bytes, in hex
 *
 * Hex input: byte pairs; "zN" stands for N zero bytes; '#' starts a comment.
 * Errors print "error: REASON" and exit 1.
 */
#include "libbb.h"
#include "codec/agent.h"
#include "codec/arp.h"
#include "codec/common.h"
#include "codec/scriptenv.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <poll.h>
#include <sys/socket.h>

static uint8_t *read_hex(const char *text, size_t *len)
{
	uint8_t *buf = xmalloc(strlen(text) / 2 + 65536);
	size_t n = 0;
	const char *p = text;

	while (*p) {
		if (*p == '#') {
			p += strcspn(p, "\n");
		} else if (*p == 'z') {
			unsigned count = (unsigned)strtoul(p + 1, (char **)&p, 10);

			if (count > 65536 - n)
				bb_error_msg_and_die("zero run too long");
			memset(buf + n, 0, count);
			n += count;
		} else if (isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1])) {
			char byte[3] = { p[0], p[1], 0 };

			buf[n++] = (uint8_t)strtoul(byte, NULL, 16);
			p += 2;
		} else if (strchr(" \t\r\n:", *p)) {
			p++;
		} else {
			bb_error_msg_and_die("bad hex input at '%.10s'", p);
		}
	}
	*len = n;
	return buf;
}

static uint8_t *read_hex_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *text = xzalloc(1 << 20);
	uint8_t *buf;

	if (!f)
		bb_perror_msg_and_die("can't open '%s'", path);
	if (fread(text, 1, (1 << 20) - 1, f) == 0 && ferror(f))
		bb_perror_msg_and_die("can't read '%s'", path);
	if (f != stdin)
		fclose(f);
	buf = read_hex(text, len);
	free(text);
	return buf;
}

static void print_hex(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static const char *ip_text(uint32_t nip)
{
	static char buf[4][16];
	static int i;
	struct in_addr a = { nip };

	i = (i + 1) % 4;
	inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
	return buf[i];
}

static int fail(const struct udhcp_error *err)
{
	printf("error: %s\n", err->msg);
	return 1;
}

/* Every option as the script would see it, in code order. */
static void print_options(const struct dhcp_optset *set)
{
	for (unsigned code = 1; code < 255; code++) {
		const struct udhcp_optdef *d = udhcp_option_by_code(code);
		struct udhcp_error err;
		char text[16384];
		const uint8_t *data;
		size_t len;

		data = udhcp_opt_get(set, code, &len);
		if (!data)
			continue;
		if (d)
			printf("%s=", d->name);
		else
			printf("opt%u=", code);
		if (udhcp_option_to_text(code, data, len, text, sizeof(text), &err) < 0)
			printf("(dropped: %s)\n", err.msg);
		else
			printf("%s\n", text);
	}
}

/* BOOTP text fields, shown as the script would get them. */
static void print_field(const char *name, const char *value)
{
	if (udhcp_safe_string(value, strlen(value)))
		printf("%s=%s\n", name, value);
	else
		printf("%s=(dropped: unsafe characters)\n", name);
}

static int decode(const uint8_t *buf, size_t len)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	unsigned type;
	uint32_t mask;

	if (udhcp_parse_message(buf, len, 0, &m, &err) < 0)
		return fail(&err);
	printf("op=%u htype=%u hlen=%u hops=%u xid=0x%08x secs=%u flags=0x%04x\n",
		m.op, m.htype, m.hlen, m.hops, m.xid, m.secs, m.flags);
	printf("ciaddr=%s yiaddr=%s siaddr=%s giaddr=%s\n", ip_text(m.ciaddr),
		ip_text(m.yiaddr), ip_text(m.siaddr), ip_text(m.giaddr));
	printf("chaddr=");
	for (unsigned i = 0; i < m.hlen; i++)
		printf("%s%02x", i ? ":" : "", m.chaddr[i]);
	printf("\n");
	print_field("sname", m.sname);
	print_field("file", m.file);
	printf("overload=%u\n", m.overload);
	type = udhcp_message_type(&m.opts);
	printf("type=%s\n", type ? udhcp_message_type_name(type) : "(none)");
	if (udhcp_opt_get_ip(&m.opts, DHCP_SUBNET, &mask) == UDHCP_OPT_OK)
		printf("mask=%d\n", udhcp_mask_to_prefix(mask));
	print_options(&m.opts);
	return 0;
}

static int script_env(const uint8_t *buf, size_t len)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	char **env;

	if (udhcp_parse_message(buf, len, 0, &m, &err) < 0)
		return fail(&err);
	env = udhcp_script_env("eth0", &m);
	for (char **v = env; *v; v++)
		printf("%s\n", *v);
	udhcp_script_env_free(env);
	return 0;
}

static int frame(const char *hex, const char *port, bool offload)
{
	const uint8_t *payload;
	size_t len, plen;
	uint8_t *buf = read_hex(hex, &len);
	struct udhcp_error err;
	int r;

	if (udhcp_verify_ip_udp(buf, len, (uint16_t)atoi(port), offload, &payload, &plen, &err) < 0)
		r = fail(&err);
	else
		r = decode(payload, plen);
	free(buf);
	return r;
}

static int mkframe(const char *path)
{
	size_t len;
	uint8_t *msg = read_hex_file(path, &len);
	uint8_t out[DHCP_MAX_RECV + 64];
	size_t n = udhcp_build_ip_udp(out, sizeof(out), msg, len, inet_addr("10.0.0.1"),
		DHCP_SERVER_PORT, inet_addr("255.255.255.255"), DHCP_CLIENT_PORT);

	free(msg);
	if (n == 0) {
		printf("error: frame too big\n");
		return 1;
	}
	print_hex(out, n);
	return 0;
}

/* The BOOTP header's items (and the size limit); false: not one of them. */
static bool header_item(struct dhcp_builder *b, const char *item, const char *value)
{
	if (strcmp(item, "chaddr") == 0) {	/* hex, 6 bytes */
		size_t n;
		uint8_t *mac = read_hex(value, &n);

		memcpy(b->pkt.chaddr, mac, n < 6 ? n : 6);
		free(mac);
	} else if (strcmp(item, "giaddr") == 0) {
		b->pkt.gateway_nip = inet_addr(value);
	} else if (strcmp(item, "xid") == 0) {
		b->pkt.xid = htonl((uint32_t)strtoul(value, NULL, 16));
	} else if (strcmp(item, "ciaddr") == 0) {
		b->pkt.ciaddr = inet_addr(value);
	} else if (strcmp(item, "yiaddr") == 0) {
		b->pkt.yiaddr = inet_addr(value);
	} else if (strcmp(item, "hops") == 0) {
		b->pkt.hops = (uint8_t)xatou(value);
	} else if (strcmp(item, "flags") == 0) {
		b->pkt.flags = htons((uint16_t)strtoul(value, NULL, 16));
	} else if (strcmp(item, "max") == 0) {
		udhcp_builder_set_max_size(b, xatou(value));
	} else if (strcmp(item, "file") == 0 || strcmp(item, "sname") == 0) {
		char *field = (char *)(item[0] == 'f' ? b->pkt.file : b->pkt.sname);

		strncpy(field, value, (item[0] == 'f' ? sizeof(b->pkt.file) : sizeof(b->pkt.sname)) - 1);
	} else if (strcmp(item, "overload") == 0) {
		udhcp_builder_allow_overload(b);	/* as a server's reply: after file, sname */
	} else {
		return false;
	}
	return true;
}

static int build_item(struct dhcp_builder *b, char *item)
{
	struct udhcp_optval v;
	struct udhcp_error err = { "" };
	char *value = strchr(item, '=');
	int r = -1;

	if (!value)
		bb_error_msg_and_die("bad item '%s'", item);
	*value++ = '\0';
	if (header_item(b, item, value))
		return 0;
	if (strcmp(item, "opt") == 0) {
		if (udhcp_option_from_arg(value, &v, &err) < 0)
			return fail(&err);
		r = udhcp_add_option(b, v.code, v.data, v.len);
	} else if (strcmp(item, "u16") == 0 || strcmp(item, "u32") == 0 || strcmp(item, "ip") == 0) {
		uint8_t code = (uint8_t)atoi(value);
		const char *arg = strchr(value, ':') + 1;

		if (item[0] == 'i')
			r = udhcp_add_ip(b, code, inet_addr(arg));
		else if (item[1] == '1')
			r = udhcp_add_u16(b, code, (uint16_t)xatou(arg));
		else
			r = udhcp_add_u32(b, code, xatou(arg));
	} else if (strcmp(item, "raw") == 0) {
		size_t len;
		uint8_t *data = read_hex(strchr(value, ':') + 1, &len);

		r = udhcp_add_option(b, (uint8_t)atoi(value), data, len);
		free(data);
	} else if (strcmp(item, "clientid") == 0) {
		uint8_t mac[16];
		int n = 0;

		for (char *p = strtok(value, ":"); p && n < 17; p = strtok(NULL, ":"))
			mac[n < 16 ? n : 15] = (uint8_t)strtoul(p, NULL, 16), n++;
		r = udhcp_add_client_id(b, DHCP_HTYPE_ETHERNET, mac, (size_t)n);
	} else if (strcmp(item, "fqdn") == 0) {
		r = udhcp_add_fqdn(b, value, 0x01, &err);
	} else if (strcmp(item, "userclass") == 0) {
		const char *classes[8];
		size_t n = 0;

		for (char *p = strtok(value, ","); p && n < 8; p = strtok(NULL, ","))
			classes[n++] = p;
		r = udhcp_add_user_class(b, classes, n);
	} else if (strcmp(item, "req") == 0 || strcmp(item, "noreq") == 0) {
		uint8_t codes[255];
		size_t n = 0;

		for (char *p = strtok(value, ","); p && n < 255; p = strtok(NULL, ","))
			codes[n++] = (uint8_t)atoi(p);
		r = udhcp_add_param_req(b, item[0] == 'r', codes, n);
	} else if (strcmp(item, "prl") == 0) {
		uint8_t codes[255];
		size_t n = 0;

		for (char *p = strtok(value, ","); p && n < 255; p = strtok(NULL, ","))
			codes[n++] = (uint8_t)atoi(p);
		r = udhcp_add_option(b, DHCP_PARAM_REQ, codes, n);
	}
	if (r < 0) {
		printf("error: %s: %s\n", item, err.msg[0] ? err.msg : "does not fit");
		return 1;
	}
	return 0;
}

static int build(char **argv)
{
	static const uint8_t mac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static struct dhcp_builder b;
	size_t len;

	udhcp_builder_init(&b, (uint8_t)xatou(argv[0]), 0x12345678, DHCP_HTYPE_ETHERNET, mac, 6);
	if (b.pkt.options[2] == 0)
		b.used = 0;	/* type 0: BOOTP, no option 53 */
	for (argv++; *argv; argv++)
		if (build_item(&b, *argv))
			return 1;
	len = udhcp_builder_finish(&b);
	print_hex((const uint8_t *)&b.pkt, len);
	return 0;
}

/* A test client for udhcpd: one message out, one reply decoded. */
/* One answer of the rogue server to a request it read. */
static void serve_one(int fd, const uint8_t *req, size_t len, char **items)
{
	static struct dhcp_message m;
	static struct dhcp_builder b;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(DHCP_CLIENT_PORT),
		.sin_addr.s_addr = INADDR_BROADCAST };
	struct udhcp_error err;
	unsigned type;
	uint8_t answer;

	if (udhcp_parse_message(req, len, BOOTREQUEST, &m, &err) < 0)
		return;
	type = udhcp_message_type(&m.opts);
	answer = type == DHCPDISCOVER ? DHCPOFFER : DHCPACK;
	if (type != DHCPDISCOVER && type != DHCPREQUEST)
		return;
	for (char **i = items; *i; i++)
		if (type == DHCPREQUEST && strncmp(*i, "reqtype=", 8) == 0)
			answer = (uint8_t)atoi(*i + 8);
	udhcp_builder_init(&b, answer, m.xid, m.htype, m.chaddr, m.hlen);
	b.pkt.op = BOOTREPLY;
	for (char **i = items; *i; i++) {
		char item[512];

		snprintf(item, sizeof(item), "%s", *i);
		if (strncmp(item, "yiaddr=", 7) == 0)
			b.pkt.yiaddr = answer == DHCPNAK ? 0 : inet_addr(item + 7);
		else if (strncmp(item, "reqtype=", 8) != 0 && build_item(&b, item))
			exit(1);
	}
	len = udhcp_builder_finish(&b);
	if (sendto(fd, &b.pkt, len, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)len)
		bb_perror_msg("sendto");
	printf("answered %s with %s\n", udhcp_message_type_name(type), udhcp_message_type_name(answer));
	fflush(stdout);
}

/* A UDP socket on ifname:port, broadcast allowed; says "listening on IFACE". */
static int listen_on(const char *ifname, unsigned port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int one = 1, fd = xsocket(AF_INET, SOCK_DGRAM, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname) + 1) < 0)
		bb_perror_msg_and_die("can't bind to %s", ifname);
	xbind(fd, &sin, sizeof(sin));
	printf("listening on %s\n", ifname);
	fflush(stdout);
	return fd;
}

static int serve(const char *ifname, unsigned count, char **items)
{
	static uint8_t req[DHCP_MAX_RECV];
	struct pollfd pfd;
	int fd = listen_on(ifname, DHCP_SERVER_PORT);

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (count && poll(&pfd, 1, 60000) == 1) {
		ssize_t n = recv(fd, req, sizeof(req), 0);

		if (n > 0) {
			serve_one(fd, req, (size_t)n, items);
			count--;
		}
	}
	return 0;
}

/* The code of the last option in a message's options field, or 0. */
static unsigned last_option(const uint8_t *msg, size_t len)
{
	size_t at = offsetof(struct dhcp_packet, options);
	unsigned last = 0;

	while (at < len && msg[at] != DHCP_END) {
		if (msg[at] == DHCP_PADDING) {
			at++;
			continue;
		}
		last = msg[at];
		at += at + 1 < len ? 2u + msg[at + 1] : 1u;
	}
	return last;
}

/* One field's options as they came: " CODE:HEX" each, pads left out; the
 * value of option 52 (overload) is kept in *overload. */
static void print_wire_field(const uint8_t *p, size_t len, unsigned *overload)
{
	size_t at = 0;

	while (at < len && p[at] != DHCP_END) {
		size_t n;

		if (p[at] == DHCP_PADDING) {
			at++;
			continue;
		}
		if (at + 1 >= len) {
			printf(" %u:(truncated)", p[at]);
			break;
		}
		n = p[at + 1];
		printf(" %u:", p[at]);
		for (size_t i = 0; i < n && at + 2 + i < len; i++)
			printf("%02x", p[at + 2 + i]);
		if (p[at] == DHCP_OPTION_OVERLOAD && n == 1 && at + 2 < len && overload)
			*overload = p[at + 2];
		at += 2 + n;
	}
}

/* The options as they came, in order: "wire= CODE:HEX ...", then those
 * in the file and sname fields when option 52 says so, after "|file" and
 * "|sname" (RFC 3396's order). */
static void print_wire(const uint8_t *msg, size_t len)
{
	const struct dhcp_packet *pkt = (const void *)msg;
	size_t at = offsetof(struct dhcp_packet, options);
	unsigned overload = 0;

	printf("wire=");
	if (at < len)
		print_wire_field(msg + at, len - at, &overload);
	if ((overload & 1) && len >= at) {
		printf(" |file");
		print_wire_field(pkt->file, sizeof(pkt->file), NULL);
	}
	if ((overload & 2) && len >= at) {
		printf(" |sname");
		print_wire_field(pkt->sname, sizeof(pkt->sname), NULL);
	}
	printf("\n");
}

static void print_sub(const char *name, const uint8_t *p, size_t n)
{
	printf("%s=", name);
	if (!p)
		printf("-");
	for (size_t i = 0; p && i < n; i++)
		printf("%02x", p[i]);
	printf(" ");
}

static int agent(const char *hex)
{
	size_t len;
	uint8_t *data = read_hex(hex, &len);
	struct udhcp_agent a;
	struct udhcp_error err;

	if (udhcp_agent_parse(data, len, &a, &err) < 0) {
		free(data);
		return fail(&err);
	}
	print_sub("circuit", a.circuit_id, a.circuit_len);
	print_sub("remote", a.remote_id, a.remote_len);
	printf("link=%s ", a.link_nip ? ip_text(a.link_nip) : "-");
	printf("override=%s\n", a.server_id_nip ? ip_text(a.server_id_nip) : "-");
	free(data);
	return 0;
}

static int exchange(const char *server, const char *path, const char *seconds)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(DHCP_CLIENT_PORT) };
	struct pollfd pfd;
	static uint8_t reply[DHCP_MAX_RECV];
	size_t len;
	uint8_t *msg = read_hex_file(path, &len);
	int one = 1, fd = xsocket(AF_INET, SOCK_DGRAM, 0);
	ssize_t n;
	int rc;

	/* a relay's request: the server answers the relay, at port 67 (RFC 2131 4.1) */
	if (len >= offsetof(struct dhcp_packet, chaddr) && memcmp(msg + 24, "\0\0\0\0", 4) != 0)
		sin.sin_port = htons(DHCP_SERVER_PORT);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	xbind(fd, &sin, sizeof(sin));
	sin.sin_port = htons(DHCP_SERVER_PORT);
	sin.sin_addr.s_addr = inet_addr(server);
	if (sendto(fd, msg, len, 0, (struct sockaddr *)&sin, sizeof(sin)) != (ssize_t)len)
		bb_perror_msg_and_die("sendto");
	free(msg);
	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, seconds ? atoi(seconds) * 1000 : 5000) != 1) {
		printf("no reply\n");
		return 0;
	}
	n = recv(fd, reply, sizeof(reply), 0);
	if (n < 0 || (rc = decode(reply, (size_t)n)) != 0)
		return 1;
	printf("last_option=%u\n", last_option(reply, (size_t)n));
	print_wire(reply, (size_t)n);
	printf("len=%zd\nvend=", n);
	print_hex(reply + DHCP_HEADER_LEN, (size_t)n - DHCP_HEADER_LEN);
	return 0;
}

/* "A.B.C.D:PORT" into sin. */
static void addr_port(const char *text, struct sockaddr_in *sin)
{
	char ip[32];
	const char *colon = strchr(text, ':');

	if (!colon || (size_t)(colon - text) >= sizeof(ip))
		bb_error_msg_and_die("bad address:port '%s'", text);
	memcpy(ip, text, (size_t)(colon - text));
	ip[colon - text] = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)xatou(colon + 1));
	if (inet_pton(AF_INET, ip, &sin->sin_addr) != 1)
		bb_error_msg_and_die("bad address '%s'", ip);
}

static int send_msg(const char *src, const char *dst, const char *path)
{
	struct sockaddr_in from, to;
	size_t len;
	uint8_t *msg = read_hex_file(path, &len);
	int one = 1, fd = xsocket(AF_INET, SOCK_DGRAM, 0);

	addr_port(src, &from);
	addr_port(dst, &to);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	xbind(fd, &from, sizeof(from));
	if (sendto(fd, msg, len, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)len)
		bb_perror_msg_and_die("sendto");
	free(msg);
	close(fd);
	return 0;
}

static int capture(const char *ifname, unsigned port, unsigned count, unsigned seconds)
{
	struct sockaddr_in sin;
	static uint8_t buf[DHCP_MAX_RECV];
	struct pollfd pfd;
	int fd = listen_on(ifname, port);

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (count && poll(&pfd, 1, (int)seconds * 1000) == 1) {
		socklen_t sl = sizeof(sin);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&sin, &sl);

		if (n < 0)
			continue;
		printf("from %s\n", ip_text(sin.sin_addr.s_addr));
		decode(buf, (size_t)n);
		fflush(stdout);
		count--;
	}
	printf("%s\n", count ? "capture: timed out" : "capture: done");
	return count ? 1 : 0;
}

static int get(const char *path, unsigned code, const char *type)
{
	static struct dhcp_message m;
	struct udhcp_error err;
	size_t len;
	uint8_t *buf = read_hex_file(path, &len);
	uint8_t u8 = 0;
	uint16_t u16 = 0;
	uint32_t u32 = 0;
	int r;

	r = udhcp_parse_message(buf, len, 0, &m, &err);
	free(buf);
	if (r < 0)
		return fail(&err);
	if (strcmp(type, "u8") == 0)
		r = udhcp_opt_get_u8(&m.opts, code, &u8), u32 = u8;
	else if (strcmp(type, "u16") == 0)
		r = udhcp_opt_get_u16(&m.opts, code, &u16), u32 = u16;
	else if (strcmp(type, "u32") == 0)
		r = udhcp_opt_get_u32(&m.opts, code, &u32);
	else
		r = udhcp_opt_get_ip(&m.opts, code, &u32);
	if (r == UDHCP_OPT_OK && strcmp(type, "ip") == 0)
		printf("%s\n", ip_text(u32));
	else if (r == UDHCP_OPT_OK)
		printf("%lu\n", (unsigned long)u32);
	else
		printf("%s\n", r == UDHCP_OPT_ABSENT ? "absent" : "invalid");
	return 0;
}

static int text(const char *name, const char *value, bool arg)
{
	struct udhcp_optval v;
	struct udhcp_error err;

	if ((arg ? udhcp_option_from_arg(name, &v, &err) : udhcp_option_from_text(name, value, &v, &err)) < 0)
		return fail(&err);
	printf("code=%u len=%u hex=", v.code, v.len);
	print_hex(v.data, v.len);
	return 0;
}

static int render(const char *code, const char *hex)
{
	struct udhcp_error err;
	char out[16384];
	size_t len;
	uint8_t *data = read_hex(hex, &len);
	int r = udhcp_option_to_text((unsigned)atoi(code), data, len, out, sizeof(out), &err);

	free(data);
	if (r < 0)
		return fail(&err);
	printf("%s\n", out);
	return 0;
}

static int dns(const char *cmd, const char *arg)
{
	struct udhcp_error err;
	char out[16384];
	uint8_t enc[1024];
	size_t len;
	int r;

	if (strcmp(cmd, "dnsenc") == 0) {
		r = udhcp_dns_encode(arg, enc, sizeof(enc), &err);
		if (r < 0)
			return fail(&err);
		print_hex(enc, (size_t)r);
		return 0;
	}
	uint8_t *data = read_hex(arg, &len);

	r = udhcp_dns_decode(data, len, out, sizeof(out), &err);
	free(data);
	if (r < 0)
		return fail(&err);
	printf("%s\n", out);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argv[1];

	applet_name = "udhcp_probe";
	if (argc < 3)
		bb_error_msg_and_die("usage: see testsuite/c/udhcp_probe.c");
	if (strcmp(cmd, "decode") == 0 || strcmp(cmd, "scriptenv") == 0) {
		size_t len;
		uint8_t *buf = read_hex_file(argv[2], &len);
		int r = cmd[0] == 'd' ? decode(buf, len) : script_env(buf, len);

		free(buf);
		return r;
	}
	if (strcmp(cmd, "frame") == 0 && argc >= 4)
		return frame(argv[2], argv[3], argc > 4);
	if (strcmp(cmd, "mkframe") == 0)
		return mkframe(argv[2]);
	if (strcmp(cmd, "build") == 0)
		return build(argv + 2);
	if (strcmp(cmd, "serve") == 0 && argc >= 4)
		return serve(argv[2], xatou(argv[3]), argv + 4);
	if (strcmp(cmd, "exchange") == 0 && argc >= 4)
		return exchange(argv[2], argv[3], argv[4]);
	if (strcmp(cmd, "send") == 0 && argc >= 5)
		return send_msg(argv[2], argv[3], argv[4]);
	if (strcmp(cmd, "capture") == 0 && argc >= 5)
		return capture(argv[2], xatou(argv[3]), xatou(argv[4]), argc > 5 ? xatou(argv[5]) : 30);
	if (strcmp(cmd, "get") == 0 && argc >= 5)
		return get(argv[2], xatou(argv[3]), argv[4]);
	if (strcmp(cmd, "text") == 0 && argc >= 4)
		return text(argv[2], argv[3], false);
	if (strcmp(cmd, "arg") == 0)
		return text(argv[2], NULL, true);
	if (strcmp(cmd, "render") == 0 && argc >= 4)
		return render(argv[2], argv[3]);
	if (strcmp(cmd, "dnsenc") == 0 || strcmp(cmd, "dnsdec") == 0)
		return dns(cmd, argv[2]);
	if (strcmp(cmd, "table") == 0) {
		size_t n;
		const struct udhcp_optdef *t = udhcp_option_table(&n);

		for (size_t i = 0; i < n; i++)
			printf("%u %s %s %u %u\n", t[i].code, t[i].name, t[i].alias[0] ? t[i].alias : "-",
				t[i].type, t[i].flags);
		return 0;
	}
	if (strcmp(cmd, "csum") == 0) {
		size_t len;
		uint8_t *data = read_hex(argv[2], &len);

		printf("%04x\n", udhcp_checksum(data, len, 0));
		free(data);
		return 0;
	}
	if (strcmp(cmd, "arpprobe") == 0 && argc >= 4) {	/* MAC-HEX IP: the probe's bytes */
		uint8_t pkt[ARP_PACKET_LEN], *mac = read_hex(argv[2], &(size_t){ 0 });

		arp_build_probe(pkt, mac, inet_addr(argv[3]));
		print_hex(pkt, sizeof(pkt));
		free(mac);
		return 0;
	}
	if (strcmp(cmd, "arpconflict") == 0 && argc >= 5) {	/* PKT-HEX OUR-MAC-HEX IP */
		size_t len, n;
		uint8_t *pkt = read_hex(argv[2], &len), *mac = read_hex(argv[3], &n);

		puts(arp_is_conflict(pkt, len, mac, inet_addr(argv[4])) ? "conflict" : "none");
		free(pkt);
		free(mac);
		return 0;
	}
	if (strcmp(cmd, "agent") == 0 && argc >= 3)
		return agent(argv[2]);
	if (strcmp(cmd, "mask") == 0) {
		printf("%d\n", udhcp_mask_to_prefix(inet_addr(argv[2])));
		return 0;
	}
	bb_error_msg_and_die("unknown command '%s'", cmd);
}
