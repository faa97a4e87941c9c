/*
 * getopt32_probe SPECNAME [ARGS...]: parses ARGS with one of the option
 * strings below through getopt32() and prints what it returned, one
 * "name=value" line per option given, then the remaining arguments.
 * The option_tests suite drives it.
 */
#include "libbb.h"

/* udhcpc's options, BusyBox-compatible, with its long names. */
static const char udhcpc_spec[] =
	"C(clientid-none)V:(vendorclass)F:(fqdn)i:(interface)n(now)p:(pidfile)"
	"q(quit)R(release)r:(request)s:(script)T:+(timeout)t:+(retries)S(syslog)"
	"A:+(tryagain)O:*(request-option)o(no-default-options)x:*f(foreground)"
	"B(broadcast)b(background)a::(arping)P:+(client-port)v+";

static const char probe_usage[] =
	"[-CnqRSofBbv] [-i IFACE] [-s PROG] [-T SEC] [-t N] [-x OPT:VAL]...\n"
	IF_FEATURE_VERBOSE_USAGE(
	"\n"
	"\t-i,--interface IFACE\tInterface to use\n"
	);

union slot {
	char *str;
	unsigned num;
	llist_t *list;
};

static void print_result(const char *spec, uint32_t opts, union slot *slots)
{
	const char *s = spec;
	unsigned bit = 0, n = 0;

	printf("opts=0x%x\n", opts);
	while (*s) {
		char name = *s++;
		bool is_count = *s == '+';
		bool has_value = *s == ':' || is_count;
		char type = is_count ? 'c' : (*s == ':' ? s[1] : 0);

		s += strspn(s, ":+*");
		while (*s == '(')
			s = strchr(s, ')') + 1;
		if (has_value) {
			union slot *v = &slots[n++];

			if (!(opts & (1u << bit)))
				;
			else if (type == '+' || type == 'c')
				printf("%c=%u\n", name, v->num);
			else if (type == '*') {
				printf("%c=", name);
				for (llist_t *l = v->list; l; l = l->next)
					printf("%s%s", l->data, l->next ? "|" : "\n");
			} else
				printf("%c=%s\n", name, v->str ? v->str : "(none)");
		} else if (opts & (1u << bit))
			printf("%c\n", name);
		bit++;
	}
}

int main(int argc, char **argv)
{
	union slot v[16];
	uint32_t opts;

	memset(v, 0, sizeof(v));
	applet_name = "probe";
	applet_usage = probe_usage;
	if (argc < 2) {
		fprintf(stderr, "usage: getopt32_probe udhcpc|multi|flags|bad [ARGS]\n");
		return 2;
	}
	if (strcmp(argv[1], "--config") == 0) {
		printf("LONG_OPTS=%d\nFEATURE_VERBOSE_USAGE=%d\n",
			ENABLE_LONG_OPTS, ENABLE_FEATURE_VERBOSE_USAGE);
		return 0;
	}
	if (strcmp(argv[1], "udhcpc") == 0) {
		opts = getopt32(argv + 1, udhcpc_spec, &v[0].str, &v[1].str, &v[2].str,
			&v[3].str, &v[4].str, &v[5].str, &v[6].num, &v[7].num, &v[8].num,
			&v[9].list, &v[10].list, &v[11].str, &v[12].num, &v[13].num);
		print_result(udhcpc_spec, opts, v);
		llist_free(v[9].list, NULL);
		llist_free(v[10].list, NULL);
	} else if (strcmp(argv[1], "multi") == 0) {
		/* one option with two long names; a counted flag with a long name */
		opts = getopt32(argv + 1, "a(all)(every)v+(verbose)", &v[0].num);
		print_result("a(all)(every)v+(verbose)", opts, v);
	} else if (strcmp(argv[1], "flags") == 0) {
		opts = getopt32(argv + 1, "abc");
		print_result("abc", opts, v);
	} else if (strcmp(argv[1], "bad") == 0) {
		opts = getopt32(argv + 1, "a:(unclosed");
	} else {
		fprintf(stderr, "getopt32_probe: unknown spec %s\n", argv[1]);
		return 2;
	}
	argv += 1 + optind;
	for (; *argv; argv++)
		printf("arg=%s\n", *argv);
	return 0;
}
