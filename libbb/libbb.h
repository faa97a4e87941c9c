/*
 * libbb.h: the one header every applet includes.
 *
 * The tiny shared library of dhcpbox: option parsing (getopt32), messages
 * prefixed with the applet name (stderr, and syslog with -S), x-functions
 * that die on failure, a pidfile, a signal-to-pipe helper for poll loops and
 * a singly linked string list.
 */
#ifndef DHCPBOX_LIBBB_H
#define DHCPBOX_LIBBB_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "autoconf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NORETURN __attribute__((noreturn))
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

/* ---- Packed string lists (strings.c) -------------------------------------
 * "one\0two\0" : strings end to end, ended by an empty one. A const table
 * of pointers costs, in a PIE, a 24-byte relocation per string; this, none.
 */
/* The nth string, 0 the first; "" past the end. */
const char *nth_string(const char *strings, unsigned n);
/* The index of the len bytes at key (ASCII case ignored), or -1. */
int index_in_strings(const char *strings, const char *key, size_t len);

/* ---- The running applet ------------------------------------------------
 * Set by the dispatcher before the applet's main runs. The usage text is the
 * applet's synopsis on its first line ("[-fS] [-I ADDR] [CONFFILE]"), then
 * an empty line and the option descriptions.
 */
extern const char *applet_name;
extern const char *applet_usage;

/* "Usage: NAME SYNOPSIS" on stderr, exit 1. */
void bb_show_usage(void) NORETURN;
/* The whole usage text on stdout (help that was asked for). */
void bb_print_full_usage(FILE *out, const char *name, const char *usage);

/* ---- Messages -----------------------------------------------------------
 * "APPLET: message" on stderr; with LOGMODE_SYSLOG also to syslog (facility
 * daemon). bb_perror_* append ": strerror(errno)". *_and_die exit with
 * xfunc_error_retval (1 unless an applet changes it).
 */
enum {
	LOGMODE_NONE = 0,
	LOGMODE_STDIO = 1 << 0,
	LOGMODE_SYSLOG = 1 << 1,
};
extern unsigned logmode;
extern unsigned bb_verbose;	/* -v count: debug messages up to this level */
extern int xfunc_error_retval;

void bb_logmode_syslog(void);	/* -S: open syslog and log there as well */
void bb_logmode_syslog_facility(int facility);	/* the same, as LOG_LOCAL7 etc. */
void bb_error_msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
void bb_perror_msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
void bb_info_msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
void bb_debug_msg(unsigned level, const char *fmt, ...) PRINTF_LIKE(2, 3);
#if !ENABLE_FEATURE_DEBUG_MESSAGES
/* -v's messages left out (FEATURE_DEBUG_MESSAGES=n): the call stays for
 * the compiler to check, and is dropped with its strings as dead code */
#define bb_debug_msg(level, ...) do { if (0) bb_debug_msg(level, __VA_ARGS__); } while (0)
#endif
/* Room for one more message about a client's packet (rate-limited, the
 * drops counted and logged later): call before such a bb_*_msg. */
bool bb_client_msg_allowed(void);
void bb_error_msg_and_die(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
void bb_perror_msg_and_die(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
void xfunc_die(void) NORETURN;

/* ---- getopt32 -------------------------------------------------------------
 * uint32_t getopt32(char **argv, const char *spec, ...);
 *
 * One option string describes every option; the result is a bitmask with
 * bit N set when the Nth option of the string was given. Keep an enum of
 * OPT_x = 1 << N right next to the string, in the same order.
 *
 * Grammar of the option string:
 *	spec   = option*
 *	option = CHAR [type] ["(" LONGNAME ")"]...
 *	type   = ":"   takes a string             va_arg: char **
 *	       | "::"  optional string, attached only (-a500, --arping=500)
 *	                                          va_arg: char **  (NULL if absent)
 *	       | ":+"  unsigned decimal number    va_arg: unsigned *
 *	       | ":*"  string, repeatable, kept in order
 *	                                          va_arg: llist_t **  (appended)
 *	       | "+"   flag counted each time given (-vv)
 *	                                          va_arg: unsigned *  (incremented)
 * CHAR is any printable character but one of ":+*()-". Options without a
 * type take no pointer. Pointers are passed in the order of their options.
 * LONGNAME gives a long form (--interface eth0, --interface=eth0); several
 * may follow one option. Long names are ignored without CONFIG_LONG_OPTS.
 *
 * Parsing: short options cluster (-fq, -ieth0, -i eth0); a unique prefix of
 * a long name is accepted; "--" ends the options; "-" alone is an argument.
 * Arguments that are not options are moved after the options, in their
 * order, and optind indexes the first of them: `argv += optind`.
 * Repeating a ":" or ":+" option keeps the last value.
 *
 * Usage errors print one of
 *	APPLET: invalid option -- 'z'
 *	APPLET: option requires an argument -- 'i'
 *	APPLET: invalid number 'abc'
 *	APPLET: unrecognized option '--foo'
 *	APPLET: option '--interface' requires an argument
 *	APPLET: option '--foreground' doesn't allow an argument
 *	APPLET: option '--re' is ambiguous
 * then the short usage, on stderr, and exit 1. "--help" prints the full
 * usage on stdout and exits 0. A malformed spec is a bug: it dies.
 */
uint32_t getopt32(char **argv, const char *spec, ...);

/* ---- Lists --------------------------------------------------------------- */
typedef struct llist {
	struct llist *next;
	char *data;
} llist_t;

void llist_add_to_end(llist_t **list, char *data);
char *llist_pop(llist_t **list);	/* first item, or NULL */
unsigned llist_count(const llist_t *list);
void llist_free(llist_t *list, void (*free_data)(void *));

/* ---- Numbers --------------------------------------------------------------
 * Strict unsigned decimal: digits only, no sign, no spaces, no overflow.
 * Returns 0 and stores the value, or -1 (EINVAL, ERANGE).
 */
int bb_strtou(const char *s, unsigned max, unsigned *value);
unsigned xatou(const char *s);	/* dies "invalid number 's'" */

/* ---- Die-on-failure helpers ---------------------------------------------- */
void *xmalloc(size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int xsocket(int domain, int type, int protocol);
void xbind(int fd, const void *addr, unsigned addrlen);
void xsetsockopt(int fd, int level, int name, const void *val, unsigned len);
int xopen(const char *path, int flags);
int xopen3(const char *path, int flags, int mode);
void xpipe(int fds[2]);
void xdup2(int from, int to);
/* Whole-buffer I/O that retries after EINTR and short writes. */
ssize_t safe_read(int fd, void *buf, size_t len);
ssize_t full_write(int fd, const void *buf, size_t len);
void xwrite(int fd, const void *buf, size_t len);
void close_on_exec(int fd);
/* A whole file as a NUL-terminated string (malloc'd), or NULL with errno. */
char *bb_read_text_file(const char *path);
/* The same with its length (the text may hold NUL bytes). */
char *bb_read_file(const char *path, size_t *len);
void set_nonblocking(int fd);

/* ---- Pidfile ----------------------------------------------------------------
 * Writes "PID\n" to path and removes the file when the process exits
 * normally (exit, return from main, a *_and_die). Call again after a fork
 * (daemonizing) so the file holds the new PID; only the process whose PID is
 * in the file removes it.
 */
void write_pidfile(const char *path);
void remove_pidfile(void);
void rewrite_pidfile(void);	/* the same file, our PID (after a fork) */

/* Into the background: fork (parent _exits), setsid, stdio to /dev/null,
 * pidfile rewritten. */
void bb_daemonize(void);

/* ---- Signal pipe ------------------------------------------------------------
 * Turns the listed signals (a 0-terminated array) into bytes on a pipe, so a
 * poll() loop sees them as an ordinary readable fd and handles them at once,
 * in order, outside the handler. Returns the fd to poll for POLLIN.
 */
int bb_signalpipe_open(const int *signals);
/* The next pending signal number, or 0 when none is pending. */
int bb_signalpipe_read(void);

#endif
