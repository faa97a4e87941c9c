/*
 * ere_probe: our regular expressions (server/ere.c) against glibc's
 * regcomp/regexec, which ISC dhcpd uses, on the same patterns and texts.
 *
 *	ere_probe table FILE	each row: FLAGS PATTERN TEXT EXPECT, tab
 *				separated; FLAGS '-' or 'i' (REG_ICASE);
 *				EXPECT 1 (matches), 0, or !NAME (refused
 *				with that error, ERE_ dropped); a field
 *				"0x:HEX..." is those bytes. Each row is
 *				also put to glibc, which must agree unless
 *				the refusal is one only ours makes.
 *	ere_probe random SEED N	N random patterns (half token soup, half
 *				grown from the grammar), each with texts
 *				made from its own bytes, against glibc
 *
 * With ERE_PROBE_NO_GLIBC set, glibc is not asked (the rows' answers are
 * still checked): for patterns on which glibc runs out of memory.
 *
 * Prints what it compared and every disagreement; exits 1 on any.
 */
#include "server/ere.h"
#include "ere_glibc.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const names[] = {
	"OK", "ESCAPE", "BRACKET", "PAREN", "BADRPT", "BRACE", "BADBR", "RANGE", "CTYPE", "COLLATE",
	"DUP_BIG", "BACKREF", "BOUND_ESCAPE", "DEPTH", "SIZE", "NOMEM",
};

static unsigned long compared, texts, skipped, both_refused, gave_up, glibc_bug, disagreements;

/* The programs' blocks, freed after each pattern (as the arena is). */
static void **blocks;

static void *alloc(void *ctx, size_t size)
{
	void **block = malloc(sizeof(void *) + size);

	(void)ctx;
	if (!block)
		return NULL;
	block[0] = blocks;
	blocks = block;
	return block + 1;
}

static void free_programs(void)
{
	while (blocks) {
		void **next = blocks[0];

		free(blocks);
		blocks = next;
	}
}

static enum ere_error ours(const char *pattern, bool icase, struct ere **re)
{
	return ere_compile(pattern, icase, alloc, NULL, re);
}

enum { TEXTS_MAX = 16, GLIBC_GAVE_UP = -2, GLIBC_REFUSED = -1 };

/* The address space this process maps, from /proc/self/statm. */
static rlim_t mapped_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;

	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
}

/*
 * glibc's answers to the texts, in a child: regcomp's cost grows past
 * any bound on some patterns (repetitions over anchors and empty parts,
 * which is why ere.c exists), so a child that runs out of its memory or
 * CPU rlimit is a pattern glibc gives up on, not compared.
 */
static int glibc(const char *pattern, bool icase, const char *const *text, unsigned ntext,
	char answer[TEXTS_MAX], char *why, size_t why_len)
{
	int fd[2], status;
	pid_t pid;
	char buf[TEXTS_MAX + 100];
	ssize_t got;

	if (pipe(fd) < 0 || (pid = fork()) < 0) {
		perror("ere_probe");
		exit(2);
	}
	if (pid == 0) {
		struct rlimit mem, cpu = { 2, 2 };
		regex_t g;
		int rc;

		close(fd[0]);
		/* 256 MB past what is mapped now (a sanitizer build maps terabytes) */
		mem.rlim_cur = mem.rlim_max = mapped_bytes() + (256u << 20);
		setrlimit(RLIMIT_AS, &mem);
		setrlimit(RLIMIT_CPU, &cpu);
		rc = regcomp(&g, pattern, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
		if (rc) {
			buf[0] = 'E';
			regerror(rc, &g, buf + 1, sizeof(buf) - 1);
		} else {
			for (unsigned i = 0; i < ntext; i++)
				buf[i] = (char)('0' + (regexec(&g, text[i], 0, NULL, 0) == 0));
			buf[ntext] = '\0';
		}
		if (write(fd[1], buf, strlen(buf)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	got = read(fd[0], buf, sizeof(buf) - 1);
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got <= 0)
		return GLIBC_GAVE_UP;
	buf[got] = '\0';
	if (buf[0] == 'E') {
		snprintf(why, why_len, "%.*s", (int)why_len - 1, buf + 1);
		return GLIBC_REFUSED;
	}
	memcpy(answer, buf, ntext);
	return 0;
}

static bool only_ours_refuse(enum ere_error err)
{
	return err >= ERE_BACKREF && err <= ERE_SIZE;
}

static void show(const char *what, const char *s)
{
	fprintf(stderr, "%s \"", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fprintf(stderr, *p < ' ' || *p >= 0x7f || *p == '"' ? "\\x%02x" : "%c", *p);
	fprintf(stderr, "\"");
}

static void disagree(const char *pattern, bool icase, const char *text, const char *why)
{
	if (++disagreements <= 20) {
		show("disagree: pattern", pattern);
		fprintf(stderr, "%s", icase ? " (icase)" : "");
		if (text)
			show(" text", text);
		fprintf(stderr, ": %s\n", why);
	}
}

/* Compares one pattern on ntext texts; returns our error. */
static enum ere_error compare(const char *pattern, bool icase, const char *const *text, unsigned ntext)
{
	struct ere *re;
	enum ere_error err = ours(pattern, icase, &re);
	char answer[TEXTS_MAX], gwhy[128] = "", why[256];
	int grc;

	if (getenv("ERE_PROBE_NO_GLIBC"))
		return err;	/* ours alone: the rows' answers */
	if (only_ours_refuse(err)) {
		skipped++;
		return err;
	}
	if (err == ERE_OK && glibc_drops_anchor(pattern)) {
		glibc_bug++;
		return err;
	}
	grc = glibc(pattern, icase, text, ntext, answer, gwhy, sizeof(gwhy));
	if (grc == GLIBC_GAVE_UP) {
		gave_up++;
		return err;
	}
	compared++;
	if ((err != ERE_OK) != (grc == GLIBC_REFUSED)) {
		snprintf(why, sizeof(why), "ours %s (%s), glibc %s", names[err], ere_error_text(err),
			grc ? gwhy : "takes it");
		disagree(pattern, icase, NULL, why);
	} else if (err != ERE_OK) {
		both_refused++;
	} else {
		for (unsigned i = 0; i < ntext; i++) {
			bool a = ere_match(re, text[i], strlen(text[i])), b = answer[i] == '1';

			texts++;
			if (a != b)
				disagree(pattern, icase, text[i], a ? "ours matches, glibc not" : "glibc matches, ours not");
		}
	}
	return err;
}

/* --- the table -------------------------------------------------------------- */

/* A field as written, or the bytes of "0x:HEX..." (decoded in place). */
static char *field(char *s)
{
	char *out = s, *in = s + 3;

	if (strncmp(s, "0x:", 3) != 0)
		return s;
	for (; in[0] && in[1]; in += 2) {
		unsigned v = 0;

		sscanf(in, "%2x", &v);
		*out++ = (char)v;
	}
	*out = '\0';
	return s;
}

static int table(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[8192];
	unsigned rows = 0, line_no = 0;

	if (!f) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char *flags, *pattern, *text, *expect;
		struct ere *re;
		enum ere_error err;

		free_programs();
		line_no++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		flags = line;
		if (!(pattern = strchr(flags, '\t')) || !(text = strchr(++pattern, '\t'))
				|| !(expect = strchr(++text, '\t'))) {
			fprintf(stderr, "%s:%u: not FLAGS PATTERN TEXT EXPECT\n", path, line_no);
			return 2;
		}
		pattern[-1] = text[-1] = *expect++ = '\0';
		rows++;
		pattern = field(pattern);
		text = field(text);
		err = compare(pattern, flags[0] == 'i', (const char *[]){ text }, 1);
		if (expect[0] == '!') {
			if (strcmp(names[err], expect + 1) != 0) {
				fprintf(stderr, "%s:%u: refused with %s, not %s\n", path, line_no, names[err], expect + 1);
				disagreements++;
			}
			continue;
		}
		if (ours(pattern, flags[0] == 'i', &re) != ERE_OK) {
			fprintf(stderr, "%s:%u: refused (%s), not %s\n", path, line_no, names[err], expect);
			disagreements++;
		} else if (ere_match(re, text, strlen(text)) != (expect[0] == '1')) {
			fprintf(stderr, "%s:%u: match is not %s\n", path, line_no, expect);
			disagreements++;
		}
	}
	fclose(f);
	free_programs();
	printf("rows=%u compared=%lu texts=%lu both_refused=%lu only_ours_refused=%lu glibc_gave_up=%lu "
		"glibc_drops_anchor=%lu disagreements=%lu\n", rows, compared, texts, both_refused, skipped, gave_up,
		glibc_bug, disagreements);
	return disagreements ? 1 : 0;
}

/* --- random patterns ---------------------------------------------------------- */

static uint64_t rng;

static unsigned roll(unsigned n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const soup[] = {
	"a", "b", "A", "B", "_", "-", " ", "z", "Z", "9", "~", ".", "^", "$", "*", "+", "?", "{", "}", ",",
	"0", "1", "2", "(", ")", "|", "[", "]", "[^", "[:alpha:]", "[:upper:]", "[:lower:]", "[:digit:]",
	"[:space:]", "[:punct:]", "[:xdigit:]", "[=a=]", "[.-.]", "[.a.]", "[:", ":]", "\\", "\\w", "\\W",
	"\\s", "\\S", "\\b", "\\B", "\\<", "\\>", "\\`", "\\'", "\\.", "\\a", "\\A", "\\(", "\\{", "\\0",
	"{1}", "{0,2}", "{2,}", "{,2}", "{1,3}", "{,}", "\x80", "\xe9", "\n", "\t",
	"[]", "[^]", "-]", "[a-", "[[.", "[=", "=]", ".]", "[[:alpha:]", "[z-a]", "[--z]", "[a-c-e]", "[\x80-\xff]",
	"[[.].]]", "[[..]]", "[[=]=]]", "[!--]", "[a-[.z.]]", "[[:alpha:]-z]", "[_-a]", "[Z-a]", "[^-]",
	"{0}", "{1,1}", "{2,1}", "{x}", "{1,2,3}", "{}", "{32768}", "{99999}", "{1,0}", "{0,0}", "\{1}",
};

static void cat(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	if (n + strlen(s) < cap)
		strcpy(out + n, s);
}

/* A pattern from the grammar, depth levels deep at most. */
static void grow(char *out, size_t cap, unsigned depth)
{
	static const char *const atoms[] = {
		"a", "b", "A", "_", "-", " ", ".", "\\w", "\\W", "\\s", "\\.", "[ab]", "[^a]", "[a-c]", "[[:alpha:]]",
		"[[:upper:]_]", "[]a-]", "[^[:digit:]]", "[A-Z]", "\\a", "\\A", "z", "\xe9",
	};
	static const char *const anchors[] = { "^", "$", "\\b", "\\B", "\\<", "\\>", "\\`", "\\'" };
	static const char *const reps[] = { "*", "+", "?", "{2}", "{0,2}", "{1,}", "{,1}", "*?", "+*" };
	unsigned parts = 1 + roll(4);

	for (unsigned i = 0; i < parts; i++) {
		unsigned kind = roll(10);

		if (kind < 5) {
			cat(out, cap, atoms[roll(sizeof(atoms) / sizeof(atoms[0]))]);
		} else if (kind < 7) {
			cat(out, cap, anchors[roll(sizeof(anchors) / sizeof(anchors[0]))]);
			continue;
		} else if (depth) {
			cat(out, cap, "(");
			grow(out, cap, depth - 1);
			while (roll(3) == 0) {
				cat(out, cap, "|");
				grow(out, cap, depth - 1);
			}
			cat(out, cap, ")");
		} else {
			cat(out, cap, "()");
		}
		if (roll(3) == 0)
			cat(out, cap, reps[roll(sizeof(reps) / sizeof(reps[0]))]);
	}
}

/* Texts from the pattern's own bytes and a few others. */
static void make_text(char *out, size_t cap, const char *pattern)
{
	static const char others[] = "aAbB_- z.\n\x80\xe9";
	size_t len = strlen(pattern), n = roll(9);

	for (size_t i = 0; i < n && i + 1 < cap; i++) {
		char c = len && roll(2) ? pattern[roll((unsigned)len)] : others[roll(sizeof(others) - 1)];

		out[i] = c == '\0' ? 'a' : c;
		out[i + 1] = '\0';
	}
	if (n == 0)
		out[0] = '\0';
}

static int random_patterns(unsigned long seed, unsigned long n)
{
	enum { TEXTS = 8 };

	rng = seed * 2654435761u + 1;
	for (unsigned long k = 0; k < n; k++) {
		char pattern[128] = "", buf[TEXTS][16];
		const char *text[TEXTS];

		if (roll(2)) {
			for (unsigned i = 1 + roll(8); i; i--)
				cat(pattern, sizeof(pattern), soup[roll(sizeof(soup) / sizeof(soup[0]))]);
		} else {
			grow(pattern, sizeof(pattern), 2);
		}
		for (unsigned i = 0; i < TEXTS; i++) {
			make_text(buf[i], sizeof(buf[i]), pattern);
			text[i] = buf[i];
		}
		compare(pattern, roll(4) == 0, text, TEXTS);
		free_programs();
	}
	printf("patterns=%lu compared=%lu texts=%lu both_refused=%lu only_ours_refused=%lu glibc_gave_up=%lu "
		"glibc_drops_anchor=%lu disagreements=%lu\n", n, compared, texts, both_refused, skipped, gave_up,
		glibc_bug, disagreements);
	return disagreements ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "table"))
		return table(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "random"))
		return random_patterns(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
	fprintf(stderr, "usage: ere_probe table FILE | random SEED N\n");
	return 2;
}
