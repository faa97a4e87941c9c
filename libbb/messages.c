/*
 * Messages: "APPLET: text" on stderr and, after -S, in syslog.
 *
 * Each message goes out in a single write(2) so lines from several
 * processes (an applet and its hook script) do not interleave.
 */
#include "libbb.h"

#include <syslog.h>
#include <time.h>

const char *applet_name = "dhcpbox";
unsigned logmode = LOGMODE_STDIO;
unsigned bb_verbose;
int xfunc_error_retval = 1;

void bb_logmode_syslog(void)
{
	bb_logmode_syslog_facility(LOG_DAEMON);
}

void bb_logmode_syslog_facility(int facility)
{
	if (!ENABLE_FEATURE_SYSLOG)
		return;
	if (logmode & LOGMODE_SYSLOG)
		closelog();
	openlog(applet_name, LOG_PID, facility);
	logmode |= LOGMODE_SYSLOG;
}

/*
 * Every byte outside printable ASCII becomes \ooo: a message may carry
 * what came from the network (a host name, a vendor class, an option
 * dump), and a newline or an escape sequence in it must not forge a log
 * line or drive the terminal. The text is cut, never overrun.
 */
static void escape_text(const char *in, char *out, size_t cap)
{
	size_t n = 0;

	for (; *in && n + 5 < cap; in++) {
		unsigned char c = (unsigned char)*in;

		if (c >= 0x20 && c < 0x7f) {
			out[n++] = (char)c;
		} else {
			out[n++] = '\\';
			out[n++] = (char)('0' + (c >> 6));
			out[n++] = (char)('0' + ((c >> 3) & 7));
			out[n++] = (char)('0' + (c & 7));
		}
	}
	out[n] = '\0';
}

static void log_message(int priority, const char *fmt, va_list ap, const char *strerr)
{
	char raw[1024];
	char text[1024];
	char line[1200];
	int len;

	vsnprintf(raw, sizeof(raw), fmt, ap);
	escape_text(raw, text, sizeof(text));
	if (logmode & LOGMODE_STDIO) {
		len = snprintf(line, sizeof(line), "%s: %s%s%s\n", applet_name, text,
			strerr ? ": " : "", strerr ? strerr : "");
		if (len >= (int)sizeof(line)) {
			len = sizeof(line) - 1;
			line[len - 1] = '\n';
		}
		fflush(stdout);
		if (len > 0 && full_write(STDERR_FILENO, line, len) < 0) {
			/* stderr is gone: syslog may still work */
		}
	}
	if (ENABLE_FEATURE_SYSLOG && (logmode & LOGMODE_SYSLOG))
		syslog(priority, "%s%s%s", text, strerr ? ": " : "", strerr ? strerr : "");
}

void bb_error_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_message(LOG_ERR, fmt, ap, NULL);
	va_end(ap);
}

void bb_perror_msg(const char *fmt, ...)
{
	const char *strerr = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	log_message(LOG_ERR, fmt, ap, strerr);
	va_end(ap);
}

void bb_info_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_message(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

/*
 * Messages about one client's packets come at the rate clients send them:
 * a flood of bad packets must not flood syslog. A bucket of CLIENT_BURST
 * messages refills at one a second; what it drops is counted and said
 * with the next message let through.
 */
enum { CLIENT_BURST = 20 };

bool bb_client_msg_allowed(void)
{
	static struct timespec last;
	static unsigned tokens = CLIENT_BURST, dropped;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (last.tv_sec == 0 || now.tv_sec - last.tv_sec >= CLIENT_BURST)
		tokens = CLIENT_BURST;
	else
		tokens += (unsigned)(now.tv_sec - last.tv_sec);
	if (tokens > CLIENT_BURST)
		tokens = CLIENT_BURST;
	if (now.tv_sec != last.tv_sec || last.tv_sec == 0)
		last = now;
	if (tokens == 0) {
		dropped++;
		return false;
	}
	tokens--;
	if (dropped) {
		bb_error_msg("%u messages about clients not logged (more than %u in a burst, then 1 a second)",
			dropped, (unsigned)CLIENT_BURST);
		dropped = 0;
	}
	return true;
}

#undef bb_debug_msg
void bb_debug_msg(unsigned level, const char *fmt, ...)
{
	va_list ap;

	if (bb_verbose < level)
		return;
	va_start(ap, fmt);
	log_message(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void xfunc_die(void)
{
	exit(xfunc_error_retval);
}

void bb_error_msg_and_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_message(LOG_ERR, fmt, ap, NULL);
	va_end(ap);
	xfunc_die();
}

void bb_perror_msg_and_die(const char *fmt, ...)
{
	const char *strerr = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	log_message(LOG_ERR, fmt, ap, strerr);
	va_end(ap);
	xfunc_die();
}
