/*
 * ere.c: POSIX extended regular expressions compiled to a Thompson NFA
 * (ere.h says what and why). The parser follows glibc's regcomp in the C
 * locale, so that a dhcpd.conf means here what it means to ISC dhcpd:
 *
 *	alternation	a|b, empty branches too ("(|a)", "a|")
 *	repetition	* + ? {m} {m,} {m,n} {,n} {,}, several in a row ("a+*");
 *			after nothing ('(' '|' or the start) or after an
 *			anchor it is an error (REG_BADRPT)
 *	atoms		c, '.', [ ], ( ), ')' alone and '}' as characters
 *	anchors		^ $ \` \' \< \> \b \B (no REG_NEWLINE: ^ and \` are
 *			the text's start, $ and \' its end)
 *	escapes		\w \W \s \S; \1 to \9 refused; any other \c is c
 *	[ ]		ranges by byte value, [:class:], [=c=], [.c.]; a ']'
 *			first and a '-' first or last are themselves
 *	REG_ICASE	glibc upper-cases the pattern and the text: so here,
 *			but not the byte after a backslash nor a class name
 *			(so "\a" never matches under ~~, as in glibc),
 *			and [:upper:] and [:lower:] are [:alpha:]
 *
 * The program: a consuming instruction (a byte, any byte, a set), an
 * assertion, or a jump (JMP, or SPLIT that goes on both ways). Jumps are
 * relative, so that a repetition copies its operand's code as it is, and
 * an insertion moves code without touching it. ere_match runs the program
 * over all positions at once (Thompson; Pike's one-list-per-position form).
 */
#include "server/ere.h"
#include "libbb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { OP_CHAR, OP_ANY, OP_SET, OP_ASSERT, OP_SPLIT, OP_JMP, OP_MATCH };
enum { AT_BEGIN, AT_END, AT_TEXT_BEGIN, AT_TEXT_END, AT_WORD_BEGIN, AT_WORD_END, AT_WORD_EDGE, AT_NOT_WORD_EDGE };
enum { REPEAT_ANY = -1, BRACKET_NAME_MAX = 32 };

struct ere_insn {
	uint8_t op;
	uint8_t c;	/* OP_CHAR's byte, OP_ASSERT's AT_ */
	int16_t arg;	/* a jump's offset, OP_SET's set */
};

typedef uint8_t ere_set[32];

struct ere {
	const struct ere_insn *code;
	const ere_set *sets;
	unsigned n;
	bool icase;
	/* matching's scratch: two marks per instruction (which position's
	 * list holds it, in each mode of follow), two lists, follow's stack */
	uint32_t generation, *mark;
	uint16_t *list[2], *stack;
};

struct ere_build {
	const unsigned char *s;
	bool icase;
	struct ere_insn *code;
	unsigned n;
	ere_set *sets;
	unsigned nsets;
	enum ere_error err;
};

/* --- bytes ---------------------------------------------------------------- */

static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool is_blank(int c) { return c == ' ' || c == '\t'; }
static bool is_graph(int c) { return c > ' ' && c < 0x7f; }
static bool is_print(int c) { return c >= ' ' && c < 0x7f; }
static bool is_punct(int c) { return is_graph(c) && !is_alnum(c); }
static bool is_cntrl(int c) { return c < ' ' || c == 0x7f; }
static bool is_xdigit(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
/* glibc's IS_WORD_CHAR, for \w and the word anchors */
static bool is_word(int c) { return is_alnum(c) || c == '_'; }

/* The C locale's classes (POSIX.1-2017 XBD 7.3.1), in CL_ order (a packed
 * list: libbb/strings.c says why), and \w's. */
static const char class_names[] =
	"alpha\0digit\0alnum\0upper\0lower\0space\0blank\0punct\0print\0graph\0cntrl\0xdigit\0";
enum { CL_ALPHA, CL_DIGIT, CL_ALNUM, CL_UPPER, CL_LOWER, CL_SPACE, CL_BLANK, CL_PUNCT, CL_PRINT,
	CL_GRAPH, CL_CNTRL, CL_XDIGIT, CL_WORD };

static bool class_has(unsigned class, int c)
{
	switch (class) {
	case CL_ALPHA: return is_alpha(c);
	case CL_DIGIT: return is_digit(c);
	case CL_ALNUM: return is_alnum(c);
	case CL_UPPER: return is_upper(c);
	case CL_LOWER: return is_lower(c);
	case CL_SPACE: return is_space(c);
	case CL_BLANK: return is_blank(c);
	case CL_PUNCT: return is_punct(c);
	case CL_PRINT: return is_print(c);
	case CL_GRAPH: return is_graph(c);
	case CL_CNTRL: return is_cntrl(c);
	case CL_XDIGIT: return is_xdigit(c);
	default: return is_word(c);
	}
}

static unsigned char upper(unsigned char c)
{
	return is_lower(c) ? (unsigned char)(c - 'a' + 'A') : c;
}

/* A pattern's byte as REG_ICASE reads it. */
static unsigned char fold(const struct ere_build *b, unsigned char c)
{
	return b->icase ? upper(c) : c;
}

static void set_add(uint8_t *set, unsigned c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static void set_add_class(uint8_t *set, unsigned class, bool negate)
{
	for (unsigned c = 0; c < 256; c++)
		if (class_has(class, (int)c) != negate)
			set_add(set, c);
}

/* --- emitting --------------------------------------------------------------- */

static bool fail(struct ere_build *b, enum ere_error err)
{
	if (b->err == ERE_OK)
		b->err = err;
	return false;
}

/* Room for more instructions, the final OP_MATCH kept. */
static bool room(struct ere_build *b, unsigned long long more)
{
	if (more > ERE_INSNS_MAX - 1 - b->n)
		return fail(b, ERE_SIZE);
	return true;
}

static bool emit(struct ere_build *b, unsigned op, unsigned c, int arg)
{
	if (!room(b, 1))
		return false;
	b->code[b->n++] = (struct ere_insn){ (uint8_t)op, (uint8_t)c, (int16_t)arg };
	return true;
}

/* An instruction at pc, the code from there on moved up (room checked). */
static void insert(struct ere_build *b, unsigned pc, unsigned op, int arg)
{
	memmove(b->code + pc + 1, b->code + pc, (b->n - pc) * sizeof(*b->code));
	b->code[pc] = (struct ere_insn){ (uint8_t)op, 0, (int16_t)arg };
	b->n++;
}

/* A copy of the len instructions at from, appended (room checked). */
static void copy(struct ere_build *b, unsigned from, unsigned len)
{
	memcpy(b->code + b->n, b->code + from, len * sizeof(*b->code));
	b->n += len;
}

/* OP_SET of set, one stored copy per distinct set. */
static bool emit_set(struct ere_build *b, const uint8_t *set)
{
	unsigned i = 0;

	while (i < b->nsets && memcmp(b->sets[i], set, sizeof(ere_set)) != 0)
		i++;
	if (i == b->nsets)
		memcpy(b->sets[b->nsets++], set, sizeof(ere_set));
	return emit(b, OP_SET, 0, (int)i);
}

/* --- repetitions ------------------------------------------------------------ */

/*
 * The code from start on (the operand, len instructions) repeated least to
 * most times (REPEAT_ANY: no most), written out: x{2,4} is x x (x (x)?)?,
 * each optional copy's SPLIT going past them all (nested, not x? x?: a
 * thread that skips one skips the rest, so following it costs one step,
 * not one per copy left); x{2,} is x x+, x+ the operand and a SPLIT back,
 * x* a SPLIT over it and a JMP back.
 */
static bool repeat(struct ere_build *b, unsigned start, long least, long most)
{
	unsigned len = b->n - start, from = start, end;
	unsigned long long size = most == REPEAT_ANY ? (least ? (unsigned long long)least * len + 1 : len + 2)
		: (unsigned long long)least * len + (unsigned long long)(most - least) * (len + 1);
	long optional = most == REPEAT_ANY ? 0 : most - least;

	if (len == 0)
		return true;	/* copies of nothing ("(){0,32767}") are nothing */
	if (size > len && !room(b, size - len))
		return false;
	end = start + (unsigned)size;
	if (most == 0) {
		b->n = start;	/* x{0}: nothing */
		return true;
	}
	if (least == 0 && most == REPEAT_ANY) {
		insert(b, start, OP_SPLIT, (int)len + 2);
		return emit(b, OP_JMP, 0, -(int)len - 1);
	}
	if (least == 0) {
		insert(b, start, OP_SPLIT, (int)(end - start));	/* the first optional copy */
		from = start + 1;
		optional--;
	}
	for (long i = 1; i < least; i++)
		copy(b, from, len);
	if (most == REPEAT_ANY)
		return emit(b, OP_SPLIT, 0, -(int)len);	/* back over the last copy */
	for (; optional > 0; optional--) {
		b->code[b->n] = (struct ere_insn){ OP_SPLIT, 0, (int16_t)(end - b->n) };
		b->n++;
		copy(b, from, len);
	}
	return true;
}

/* A bound's number as glibc's fetch_number reads it: digits up to '}' or
 * ',' (*end; 0 at the pattern's end), -1 if none, -2 if anything else,
 * saturating past ERE_DUP_MAX. */
static long bound_number(struct ere_build *b, unsigned char *end)
{
	long number = -1;

	for (;;) {
		unsigned char c = *b->s;

		if (c == '\0' || c == '\\') {
			*end = c;
			return -2;
		}
		b->s++;
		if (c == '}' || c == ',') {
			*end = c;
			return number;
		}
		if (!is_digit(c) || number == -2)
			number = -2;
		else if (number == -1)
			number = c - '0';
		else if ((number = number * 10 + (c - '0')) > ERE_DUP_MAX)
			number = ERE_DUP_MAX + 1;	/* no overflow: refused as over 32767 */
	}
}

/* {m}, {m,}, {m,n}, {,n} or {,} after its '{', as glibc's parse_dup_op. */
static bool bound(struct ere_build *b, long *least, long *most)
{
	unsigned char end;

	*least = bound_number(b, &end);
	*most = -2;
	if (end == '\\')
		return fail(b, ERE_BOUND_ESCAPE);
	if (*least == -1) {
		if (end != ',')
			return fail(b, ERE_BADBR);	/* "{}" */
		*least = 0;
	}
	if (*least != -2)
		*most = end == '}' ? *least : end == ',' ? bound_number(b, &end) : -2;
	if (end == '\\')
		return fail(b, ERE_BOUND_ESCAPE);
	if (*least == -2 || *most == -2)
		return fail(b, end == '\0' ? ERE_BRACE : ERE_BADBR);
	if ((*most != -1 && *least > *most) || end != '}')
		return fail(b, ERE_BADBR);
	if ((*most == -1 ? *least : *most) > ERE_DUP_MAX)
		return fail(b, ERE_DUP_BIG);
	if (*most == -1)
		*most = REPEAT_ANY;
	return true;
}

static bool is_repetition(unsigned char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/* The repetition at b->s over the code from start on. */
static bool repetition(struct ere_build *b, unsigned start)
{
	unsigned char c = *b->s++;
	long least = c == '+', most = c == '?' ? 1 : REPEAT_ANY;

	if (c == '{' && !bound(b, &least, &most))
		return false;
	if (least == 1 && most == 1)
		return true;
	return repeat(b, start, least, most);
}

/* --- bracket expressions ---------------------------------------------------- */

enum { EL_CHAR, EL_COLLATE, EL_EQUIV, EL_CLASS };

struct bracket_element {
	unsigned kind;
	unsigned char c;	/* EL_CHAR, EL_COLLATE, EL_EQUIV */
	unsigned class;		/* EL_CLASS: CL_ */
};

/* [. .], [= =] or [: :] after its opening two bytes: the name runs to the
 * delimiter followed by ']', as glibc's parse_bracket_symbol reads it. */
static bool bracket_symbol(struct ere_build *b, unsigned char delim, struct bracket_element *e)
{
	char name[BRACKET_NAME_MAX + 1];
	unsigned len = 0;

	for (;;) {
		unsigned char c;

		if (*b->s == '\0' || len >= BRACKET_NAME_MAX)
			return fail(b, ERE_BRACKET);
		c = *b->s++;
		if (delim != ':')
			c = fold(b, c);
		if (*b->s == '\0')
			return fail(b, ERE_BRACKET);
		if (c == delim && *b->s == ']')
			break;
		name[len++] = (char)c;
	}
	b->s++;
	name[len] = '\0';
	e->kind = delim == '.' ? EL_COLLATE : delim == '=' ? EL_EQUIV : EL_CLASS;
	if (e->kind != EL_CLASS) {
		e->c = (unsigned char)name[0];	/* the C locale collates single bytes only */
		return len == 1 || fail(b, ERE_COLLATE);
	}
	if (b->icase && (!strcmp(name, "upper") || !strcmp(name, "lower")))
		strcpy(name, "alpha");
	e->class = 0;
	for (const char *known = class_names; *known; known += strlen(known) + 1, e->class++)
		if (!strcmp(name, known))
			return true;
	return fail(b, ERE_CTYPE);
}

/* One element of a bracket expression; a '-' is one only first, at a
 * range's end or before the ']' (glibc: REG_ERANGE elsewhere). */
static bool bracket_element(struct ere_build *b, struct bracket_element *e, bool hyphen_ok)
{
	unsigned char c = b->s[0];

	if (c == '[' && (b->s[1] == '.' || b->s[1] == '=' || b->s[1] == ':')) {
		b->s += 2;
		return bracket_symbol(b, b->s[-1], e);
	}
	if (c == '-' && !hyphen_ok && b->s[1] != ']')
		return fail(b, ERE_RANGE);
	b->s++;
	e->kind = EL_CHAR;
	e->c = fold(b, c);
	return true;
}

static bool bracket_range(struct ere_build *b, uint8_t *set, const struct bracket_element *lo,
	const struct bracket_element *hi)
{
	if (hi->kind == EL_CLASS || hi->kind == EL_EQUIV || lo->c > hi->c)
		return fail(b, ERE_RANGE);
	for (unsigned c = lo->c; c <= hi->c; c++)
		set_add(set, c);
	return true;
}

/* [...] at b->s into set, as glibc's parse_bracket_exp. */
static bool bracket(struct ere_build *b, uint8_t *set)
{
	bool negate = false, first = true;

	memset(set, 0, sizeof(ere_set));
	if (*++b->s == '^') {
		negate = true;
		b->s++;
	}
	for (;; first = false) {
		struct bracket_element lo, hi;

		if (*b->s == '\0')
			return fail(b, ERE_BRACKET);
		if (*b->s == ']' && !first)
			break;
		if (!bracket_element(b, &lo, first))
			return false;
		if (lo.kind == EL_CLASS || lo.kind == EL_EQUIV || b->s[0] != '-' || b->s[1] == ']') {
			if (lo.kind == EL_CLASS)
				set_add_class(set, lo.class, false);
			else
				set_add(set, lo.c);
			continue;
		}
		if (*++b->s == '\0')
			return fail(b, ERE_BRACKET);
		if (!bracket_element(b, &hi, true) || !bracket_range(b, set, &lo, &hi))
			return false;
	}
	b->s++;
	if (negate)
		for (unsigned i = 0; i < sizeof(ere_set); i++)
			set[i] = (uint8_t)~set[i];
	return true;
}

/* --- the grammar ------------------------------------------------------------ */

static bool alternation(struct ere_build *b, unsigned depth);

/* \c at b->s; *anchor if it is one. */
static bool escape(struct ere_build *b, bool *anchor)
{
	static const char anchors[] = "`'<>bB";
	unsigned char c = b->s[1];
	const char *at;
	ere_set set = { 0 };

	if (c == '\0')
		return fail(b, ERE_ESCAPE);
	b->s += 2;
	if (is_digit(c) && c != '0')
		return fail(b, ERE_BACKREF);
	if ((at = strchr(anchors, c)) != NULL) {
		static const uint8_t kinds[] = { AT_TEXT_BEGIN, AT_TEXT_END, AT_WORD_BEGIN, AT_WORD_END,
			AT_WORD_EDGE, AT_NOT_WORD_EDGE };

		*anchor = true;
		return emit(b, OP_ASSERT, kinds[at - anchors], 0);
	}
	if (c == 'w' || c == 'W' || c == 's' || c == 'S') {
		set_add_class(set, c == 'w' || c == 'W' ? CL_WORD : CL_SPACE, c == 'W' || c == 'S');
		return emit_set(b, set);
	}
	return emit(b, OP_CHAR, c, 0);	/* as written, not folded: glibc's */
}

/* One atom at b->s; *anchor if it is one (no repetition may follow). */
static bool atom(struct ere_build *b, unsigned depth, bool *anchor)
{
	unsigned char c = *b->s;
	ere_set set;

	*anchor = false;
	if (is_repetition(c))
		return fail(b, ERE_BADRPT);
	if (c == '(') {
		if (depth >= ERE_DEPTH_MAX)
			return fail(b, ERE_DEPTH);
		b->s++;
		if (!alternation(b, depth + 1))
			return false;
		if (*b->s != ')')
			return fail(b, ERE_PAREN);
		b->s++;
		return true;
	}
	if (c == '[')
		return bracket(b, set) && emit_set(b, set);
	if (c == '\\')
		return escape(b, anchor);
	b->s++;
	if (c == '.')
		return emit(b, OP_ANY, 0, 0);
	if (c == '^' || c == '$') {
		*anchor = true;
		return emit(b, OP_ASSERT, c == '^' ? AT_BEGIN : AT_END, 0);
	}
	return emit(b, OP_CHAR, fold(b, c), 0);	/* ')' at depth 0 and '}' too */
}

/* Atoms and their repetitions, up to '|', the group's ')' or the end. */
static bool branch(struct ere_build *b, unsigned depth)
{
	while (*b->s != '\0' && *b->s != '|' && !(*b->s == ')' && depth > 0)) {
		unsigned start = b->n;
		bool anchor;

		if (!atom(b, depth, &anchor))
			return false;
		while (is_repetition(*b->s)) {
			if (anchor)
				return fail(b, ERE_BADRPT);
			if (!repetition(b, start))
				return false;
		}
	}
	return true;
}

/* Branches: each '|' puts a SPLIT before those so far (to them, or to the
 * next) and a JMP after them, past the next branch. */
static bool alternation(struct ere_build *b, unsigned depth)
{
	unsigned start = b->n, jump;

	if (!branch(b, depth))
		return false;
	while (*b->s == '|') {
		b->s++;
		if (!room(b, 2))
			return false;
		insert(b, start, OP_SPLIT, 0);
		jump = b->n;
		b->code[b->n++] = (struct ere_insn){ OP_JMP, 0, 0 };
		b->code[start].arg = (int16_t)(b->n - start);
		if (!branch(b, depth))
			return false;
		b->code[jump].arg = (int16_t)(b->n - jump);
	}
	return true;
}

/* --- compiling -------------------------------------------------------------- */

static struct ere *program(const struct ere_build *b, ere_alloc_fn *alloc, void *ctx)
{
	struct ere *re = alloc(ctx, sizeof(*re));
	struct ere_insn *code = re ? alloc(ctx, b->n * sizeof(*code)) : NULL;
	ere_set *sets = code && b->nsets ? alloc(ctx, b->nsets * sizeof(*sets)) : NULL;

	if (!code || (b->nsets && !sets))
		return NULL;
	memcpy(code, b->code, b->n * sizeof(*code));
	if (b->nsets)
		memcpy(sets, b->sets, b->nsets * sizeof(*sets));
	*re = (struct ere){ .code = code, .sets = sets, .n = b->n, .icase = b->icase };
	re->mark = alloc(ctx, 2 * b->n * sizeof(*re->mark));
	re->list[0] = alloc(ctx, b->n * sizeof(*re->list[0]));
	re->list[1] = alloc(ctx, b->n * sizeof(*re->list[1]));
	re->stack = alloc(ctx, (4 * b->n + 1) * sizeof(*re->stack));	/* follow's bound */
	if (!re->mark || !re->list[0] || !re->list[1] || !re->stack)
		return NULL;
	memset(re->mark, 0, 2 * b->n * sizeof(*re->mark));
	return re;
}

enum ere_error ere_compile(const char *pattern, bool icase, ere_alloc_fn *alloc, void *ctx,
	struct ere **out)
{
	size_t len = strlen(pattern);
	struct ere_build b = { (const unsigned char *)pattern, icase, NULL, 0, NULL, 0, ERE_OK };

	*out = NULL;
	if (len > ERE_PATTERN_MAX)
		return ERE_SIZE;
	b.code = malloc(ERE_INSNS_MAX * sizeof(*b.code));
	b.sets = malloc((len + 1) * sizeof(*b.sets));	/* a set takes a byte of pattern at least */
	if (!b.code || !b.sets)
		b.err = ERE_NOMEM;
	else if (alternation(&b, 0)) {
		b.code[b.n++] = (struct ere_insn){ OP_MATCH, 0, 0 };	/* room() kept it */
		if (!(*out = program(&b, alloc, ctx)))
			b.err = ERE_NOMEM;
	}
	free(b.code);
	free(b.sets);
	return b.err;
}

const char *ere_error_text(enum ere_error err)
{
	/* in enum ere_error's order */
	static const char texts[] =
		"no error\0"
		"a backslash at the end\0"
		"a '[' (or '[:', '[.', '[=') not closed\0"
		"a '(' not closed\0"
		"a repetition that follows nothing or an anchor\0"
		"a '{' not closed\0"
		"a bound that is not {m}, {m,}, {m,n} or {,n} with m <= n\0"
		"a range in [ ] that is backwards or ends in a class\0"
		"an unknown [:class:]\0"
		"a [.c.] or [=c=] of other than one byte\0"
		"a bound over 32767\0"
		"a back-reference (\\1 to \\9): not supported\0"
		"a backslash in a bound: write {m,n} plainly\0"
		"groups nested over 64 deep\0"
		"over 8192 instructions with its repetitions written out (or 4096 bytes)\0"
		"out of memory\0";
	const char *text = nth_string(texts, (unsigned)err);

	return *text ? text : "unknown error";
}

unsigned ere_insns(const struct ere *re)
{
	return re->n;
}

/* --- matching --------------------------------------------------------------- */

/*
 * glibc without REG_NEWLINE still takes a '\n' a match consumes as a line's
 * end (its DFA's transitions ignore newline_anchor; only the start of a
 * search and the end of a match honour it): '^' holds after a '\n' the
 * thread consumed ("x\n^y" and ".^y" match "x\ny", "^y" does not), and '$'
 * before a '\n' the thread goes on to consume ("x$\n" matches "x\n", "x$"
 * does not). So a thread carries where it came from (consumed: it stepped
 * over text[at - 1]) and, after such a '$', that it must consume next.
 */
enum { NORMAL, MUST_CONSUME };

static bool word_anchor_holds(unsigned kind, const unsigned char *text, size_t len, size_t at)
{
	bool before = at > 0 && is_word(text[at - 1]), after = at < len && is_word(text[at]);

	switch (kind) {
	case AT_WORD_BEGIN:
		return !before && after;
	case AT_WORD_END:
		return before && !after;
	case AT_WORD_EDGE:
		return before != after;
	default:
		return before == after;
	}
}

/* Where a thread at pc goes on after an assertion, as (pc + 1) * 2 + mode,
 * or 0 where it does not hold. */
static unsigned assertion(unsigned kind, unsigned pc, unsigned mode, bool consumed,
	const unsigned char *text, size_t len, size_t at)
{
	bool holds;

	if (kind == AT_BEGIN && at > 0)
		holds = consumed && text[at - 1] == '\n';
	else if (kind == AT_BEGIN)
		holds = true;
	else if (kind == AT_END && at < len && text[at] == '\n')
		return (pc + 1) * 2 + MUST_CONSUME;
	else if (kind == AT_END || kind == AT_TEXT_END)
		holds = at == len;
	else if (kind == AT_TEXT_BEGIN)
		holds = at == 0;
	else
		holds = word_anchor_holds(kind, text, len, at);
	return holds ? (pc + 1) * 2 + mode : 0;
}

/*
 * The threads from pc on into the list of position at: the jumps
 * followed, the assertions checked there, each instruction once per
 * position and mode (its marks; a consuming one once). True when one
 * reaches OP_MATCH and may end there. Each (instruction, mode) pushes two
 * at most, so the stack holds 4n + 1.
 */
static bool follow(struct ere *re, uint16_t *list, unsigned *count, unsigned pc, bool consumed,
	const unsigned char *text, size_t len, size_t at)
{
	uint32_t g = re->generation;
	unsigned top = 0;

	re->stack[top++] = (uint16_t)(pc * 2 + NORMAL);
	while (top) {
		unsigned mode = re->stack[--top] & 1, next;
		const struct ere_insn *in;

		pc = re->stack[top] >> 1;
		if (re->mark[2 * pc] == g || (mode == MUST_CONSUME && re->mark[2 * pc + 1] == g))
			continue;
		re->mark[2 * pc + mode] = g;
		in = &re->code[pc];
		switch (in->op) {
		case OP_MATCH:
			if (mode == NORMAL)
				return true;
			break;
		case OP_SPLIT:
			re->stack[top++] = (uint16_t)((pc + 1) * 2 + mode);
			/* fall through */
		case OP_JMP:
			re->stack[top++] = (uint16_t)(((unsigned)((int)pc + in->arg)) * 2 + mode);
			break;
		case OP_ASSERT:
			if ((next = assertion(in->c, pc, mode, consumed, text, len, at)) != 0)
				re->stack[top++] = (uint16_t)next;
			break;
		default:
			re->mark[2 * pc] = re->mark[2 * pc + 1] = g;	/* listed once */
			list[(*count)++] = (uint16_t)pc;
		}
	}
	return false;
}

/* A new position: the marks of the last one no longer count. */
static void next_generation(struct ere *re)
{
	if (++re->generation == 0) {
		memset(re->mark, 0, 2 * re->n * sizeof(*re->mark));
		re->generation = 1;
	}
}

static bool consumes(const struct ere *re, const struct ere_insn *in, unsigned char c)
{
	if (in->op == OP_CHAR)
		return in->c == c;
	if (in->op == OP_ANY)
		return true;
	return re->sets[in->arg][c >> 3] & (1u << (c & 7));
}

bool ere_match(struct ere *re, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	uint16_t *now = re->list[0], *next = re->list[1], *swap;
	unsigned count = 0;

	next_generation(re);
	for (size_t at = 0;; at++) {
		unsigned next_count = 0;
		unsigned char c;

		if (follow(re, now, &count, 0, false, t, len, at))	/* a match may start anywhere */
			return true;
		if (at == len)
			return false;
		c = re->icase ? upper(t[at]) : t[at];
		next_generation(re);
		for (unsigned i = 0; i < count; i++)
			if (consumes(re, &re->code[now[i]], c)
					&& follow(re, next, &next_count, now[i] + 1u, true, t, len, at + 1))
				return true;
		swap = now, now = next, next = swap;
		count = next_count;
	}
}
