/*
 * conf_isc.h: the inside of the ISC dhcpd.conf parser (conf_isc*.c), which
 * compiles a dhcpd.conf into the scoped model of conf.h. Internal to
 * server/; the entry point, conf_isc_parse(), is declared in conf.h.
 *
 *	conf_isc_lex.c	the text as tokens: words, "strings" (ISC escapes),
 *			punctuation, # comments; lines and columns
 *	conf_isc_val.c	values: numbers as ISC reads them, addresses (or
 *			host names through io->resolve), flags, colon-hex,
 *			one option value of a format -> wire bytes
 *	conf_isc_opt.c	option names: ISC's table (dhcp-options(5)) and
 *			the file's own "option NAME code N = TYPE;"
 *	conf_isc_block.c subnet, shared-network, pool, group, host, range
 *	conf_isc.c	statements, parameters, include, conf_isc_parse()
 *
 * Pure code: no OS calls. An error says "FILE:LINE:COLUMN: STATEMENT:
 * problem" (columns count bytes from 1). After one the parse goes on, as
 * ISC's does, to find the others (isc_statements: recovery); what was
 * built is only freed then (the parse fails).
 */
#ifndef DHCPBOX_UDHCP_CONF_ISC_H
#define DHCPBOX_UDHCP_CONF_ISC_H

#include "libbb.h"
#include "server/conf.h"

enum {
	ISC_STRING_MAX = 1024,		/* a quoted string, decoded */
	ISC_WORD_MAX = 255,		/* a word (names, numbers, addresses) */
	ISC_VALUE_MAX = 1024,		/* one option's value, encoded */
	ISC_INCLUDE_MAX = 8,		/* nested include files */
	ISC_PATH_SHOWN = 60,		/* of an include's path in its errors, "..." and the end */
	ISC_RECORD_MAX = 16,		/* elements of a { ... } record */
	ISC_STMT_MAX = 48,		/* the statement named in errors */
};

/* ---- Errors ------------------------------------------------------------------- */

/* Where a parse's errors go: the first to first, all of them to all. */
struct isc_errors {
	struct udhcp_error *first;
	struct conf_errors *all;	/* or NULL */
	unsigned count;
	char file[ISC_STRING_MAX + 1];	/* where the last one was */
	unsigned line, col;
};

/* "FILE:LINE:COLUMN: ..." unless the error before was at that place
 * (a second complaint about one token only follows from the first). */
void isc_report(struct isc_errors *e, const char *file, unsigned line, unsigned col,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- conf_isc_lex.c -------------------------------------------------------- */

enum isc_tok {
	T_EOF,
	T_ERROR,	/* a lexer error (reported already); the next token follows it */
	T_WORD,		/* names, numbers, addresses, keywords: [^ \t\r\n;{},=:()"#]+ */
	T_STRING,	/* "..." decoded: may hold any byte, NUL included */
	T_SEMI, T_LBRACE, T_RBRACE, T_COMMA, T_EQUAL, T_COLON, T_LPAREN, T_RPAREN,
};

struct isc_token {
	enum isc_tok type;
	const char *text;	/* T_WORD: in the source; T_STRING: the lexer's buffer */
	size_t len;
	unsigned line, col;
};

struct isc_lexer {
	const char *filename;
	const char *src;	/* NUL-terminated text */
	size_t pos;
	unsigned line, col;
	bool have;		/* tok is a peeked token not yet taken */
	struct isc_token tok;
	struct isc_errors *errs;
	uint32_t warned;	/* 1 << enum isc_once: said once per file */
	/* what has been taken, for the recovery after an error */
	unsigned depth;		/* '{' taken less '}' taken (a '}' too many counts none) */
	enum isc_tok last;	/* the type of the last token taken */
	unsigned last_line;	/* its line */
	bool eof_said;		/* an error at the end of the file said (once is enough) */
	char buf[ISC_STRING_MAX + 1];
};

void isc_lex_init(struct isc_lexer *lx, const char *text, const char *filename,
	struct isc_errors *errs);
/* The next token, left in place (the pointer is good until the next call). */
const struct isc_token *isc_peek(struct isc_lexer *lx);
/* The next token, taken. A string's text is good until the next token is
 * read (isc_peek included); a word's while the source text lives. */
struct isc_token isc_next(struct isc_lexer *lx);
/* The word just taken by isc_next, given back (nothing peeked since). */
void isc_unget(struct isc_lexer *lx);
/* Is t the word w (ASCII case-insensitive)? */
bool isc_is(const struct isc_token *t, const char *w);
/* The index of the word t in a packed list ("a\0b\0", libbb/strings.c),
 * ASCII case ignored; -1 when t is not one of them. */
int isc_word_index(const struct isc_token *t, const char *words);
/* A token as text for messages: the word, "quoted", or the punctuation. */
const char *isc_tok_text(const struct isc_token *t, char *buf, size_t cap);

/* ---- the parser's state ---------------------------------------------------- */

/* A user definition: option NAME code N = TYPE; */
struct isc_def {
	char name[64];		/* without its space's name */
	uint8_t space, encap;	/* see struct isc_optname */
	uint8_t code;
	char fmt[ISC_RECORD_MAX + 3];	/* see conf_isc_val.c */
};

/* Warnings said once per file. */
enum isc_once { ONCE_DDNS, ONCE_HOSTNAMES };

enum { ISC_PERMITS_MAX = 32 };	/* allow and deny statements in one pool */

struct isc_parser {
	struct server_config *cfg;
	const struct conf_isc_io *io;
	struct isc_errors errs;
	bool fatal;			/* out of memory: the parse stops */
	unsigned long fails;		/* failures, said or not (isc_fail calls, CONF_NOT_ASKED) */
	bool resolve_failed;		/* a name did not resolve: the read's CONF_NOT_ASKED follow */
	bool resync;			/* a ';' missing before a keyword: it is next */
	struct isc_lexer *lx;		/* the file being read */
	char stmt[ISC_STMT_MAX];	/* the statement being read, for errors */
	unsigned depth;			/* nested blocks */
	unsigned nincludes;		/* include files open */
	const char *files[ISC_INCLUDE_MAX + 1];	/* the files open, outermost first */
	struct isc_def *defs;		/* malloc'ed, freed at the end */
	unsigned ndefs, defs_cap;
	unsigned expr_depth;		/* expressions being read, nested */
	unsigned agent_space;		/* the space "agent" (option 82's sub-options) */
	unsigned *host_names;		/* hash of cfg->hosts by name: index + 1, 0 free */
	unsigned host_names_cap;	/* a power of two over twice the hosts; malloc'ed */
};

/* The block being read. */
enum isc_kind { K_GLOBAL, K_GROUP, K_SHARED, K_SUBNET, K_POOL, K_HOST, K_CLASS, K_COND };

struct isc_block {
	enum isc_kind kind;
	const char *what;		/* "subnet"... for messages */
	unsigned line;			/* where it opened */
	struct conf_scope *scope;
	struct conf_shared *shared;	/* the shared-network around, or NULL */
	struct conf_subnet *subnet;	/* the subnet around, or NULL */
	struct conf_pool *pool;
	struct conf_host *host;
	struct conf_class *cls;		/* a class or subclass block's */
	unsigned nsubnets, nranges;	/* declared directly in it */
	struct conf_permit permits[ISC_PERMITS_MAX];	/* pool: its allow and deny, in order */
	unsigned npermits;
	bool has_fixed, has_uid, has_client_id;	/* host: statements seen */
	bool has_interface;		/* shared-network, or a subnet of its own */
	bool has_match;			/* class: its match read */
	struct isc_block *net;		/* the block whose interface counts */
};

/* Fails at token t (NULL: the current position) with "FILE:L:C: STMT: ...";
 * a T_ERROR token has had its error said by the lexer. Returns -1. */
int isc_fail(struct isc_parser *p, const struct isc_token *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Out of memory at t: the parse stops there. Returns -1. */
int isc_oom(struct isc_parser *p, const struct isc_token *t);
/* A warning "FILE:LINE: ..." in cfg->warnings, at token t (NULL: the
 * current position). */
void isc_warn(struct isc_parser *p, const struct isc_token *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Is this the first time in this file for what? */
bool isc_once(struct isc_parser *p, enum isc_once what);
/* Takes the next token, which must be of the type; what names it in the error. */
int isc_expect(struct isc_parser *p, enum isc_tok type, const char *what,
	struct isc_token *out);
/* The statement's ';'. A statement's keyword instead, on a later line than
 * the token before it, is taken for the next statement (resync): a ';'
 * forgotten at the end of a line costs one error. */
int isc_semi(struct isc_parser *p);
void isc_set_stmt(struct isc_parser *p, const char *a, const char *b);

/* ---- conf_isc_val.c: values ------------------------------------------------- */

/*
 * Formats, as strings of element letters (the record, in order):
 *	I ip-address	b/B int8/uint8	s/S int16/uint16	l/L int32/uint32
 *	f flag		t text ("quoted", or a word without dots that is no number)
 *	X string ("quoted" or colon-hex)
 *	D domain-list	C domain-list, compressed (RFC 1035 4.1.4)
 * then optionally 'A' (the record repeats, comma-separated: "IA" is an
 * array of addresses, "IIA" of address pairs) or 'a' (the last element
 * repeats: "fIa"). t, X and D/C can only end a record and not repeat.
 */
int isc_number(struct isc_parser *p, unsigned bits, uint32_t *value);
int isc_lease_time(struct isc_parser *p, uint32_t *value);
/* An address or a host name resolved now (host order). */
int isc_address(struct isc_parser *p, uint32_t *ip);
/* A dotted quad only (subnet, netmask, range: ISC takes no names there). */
int isc_dotted_quad(struct isc_parser *p, uint32_t *ip);
/* true/on 1, false/off 0, ignore 2 (as ISC stores flags). */
int isc_flag(struct isc_parser *p, unsigned *value);
/* A "quoted string" into buf (NUL-terminated, cap includes the NUL). */
int isc_string(struct isc_parser *p, char *buf, size_t cap, size_t *len);
/* Text: a "quoted string", or a word ISC takes for one (no dot, no number). */
int isc_text(struct isc_parser *p, char *buf, size_t cap, size_t *len);
/* Colon-separated hex octets (1 or 2 digits ... 0xff each), at least min. */
int isc_colon_hex(struct isc_parser *p, uint8_t *out, size_t cap, size_t *len);
/* One option's value in format fmt, up to ';' (not taken). */
int isc_value(struct isc_parser *p, const char *fmt, uint8_t *out, size_t *len);

/* ---- conf_isc_opt.c: option names -------------------------------------------- */

/* An entry of ISC's tables of names. */
struct isc_optent {
	const char *name;
	uint8_t code;
	const char *fmt;
};

struct isc_optname {
	const char *name;
	uint8_t code;
	const char *fmt;	/* "E": made of the options of space encap */
	uint8_t space;		/* 0: DHCP's; else cfg->spaces[] */
	uint8_t encap;
};

/* By name (case-insensitive): the file's definitions, latest first, then
 * ISC's table. False when unknown. */
bool isc_option_find(const struct isc_parser *p, const char *name, size_t len,
	struct isc_optname *out);
/* ISC's table, in code order (for tests): the entry after *at, NULL for
 * the first; false past the last. */
bool isc_option_next(const char **at, struct isc_optent *e);
/* One of ISC's options that is not supported here (fqdn, relay-agent-information...). */
bool isc_option_not_done(const char *name, size_t len);
/* option NAME code N = TYPE; the name taken, "code" next. */
int isc_option_define(struct isc_parser *p, const struct isc_token *name);

/* ---- conf_isc_block.c -------------------------------------------------------- */

/* The declaration starting with the word t (taken) in block b: 1 when t
 * is none of subnet, shared-network, pool, group, host, range, hardware,
 * fixed-address, uid; 0 done; -1 failed. */
int isc_declaration(struct isc_parser *p, struct isc_block *b, const struct isc_token *t);
/* Is t one of those words? */
bool isc_is_declaration(const struct isc_token *t);
/* '{' statements '}' of the block inner (isc_new_block'ed): -1 when one
 * was in error. */
int isc_block_body(struct isc_parser *p, struct isc_block *inner);
void isc_new_block(struct isc_block *inner, enum isc_kind kind, const char *what,
	struct conf_scope *scope);
/* The host's client identifier (option 61 to match), 1 to CONF_KEY_MAX bytes. */
int isc_host_uid(struct isc_parser *p, struct isc_block *b, const struct isc_token *at,
	const uint8_t *data, size_t len);

/* ---- conf_isc_expr.c: expressions (expr.h) ------------------------------------ */

struct conf_expr;
int isc_bool_expr(struct isc_parser *p, const struct conf_expr **out);
int isc_data_expr(struct isc_parser *p, const struct conf_expr **out);

/* ---- conf_isc_class.c: classes, if, log, option spaces -------------------------- */

/* The class declared with that name; NULL after an error (none is). */
struct conf_class *isc_class_ref(struct isc_parser *p, const struct isc_token *at,
	const char *name, size_t len);
/* The statement starting with the word t (taken) when it is one of
 * class, subclass, match, if, log, vendor-option-space: 0 done, -1
 * failed; 1 when it is none of them. */
int isc_class_statement(struct isc_parser *p, struct isc_block *b, const struct isc_token *t);
bool isc_is_class_statement(const struct isc_token *t);
/* option space NAME ...; ("option space" taken) */
int isc_option_space(struct isc_parser *p, const struct isc_token *at);

/* ---- conf_isc.c ------------------------------------------------------------- */

/* Statements up to '}' (taken) or, at file level (in_file), the end of
 * the text. A statement in error is skipped to its end, and the next one
 * read: -1 only when out of memory. */
int isc_statements(struct isc_parser *p, struct isc_block *b, bool in_file);

#endif
