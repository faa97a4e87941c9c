/*
 * Messages: "APPLET: text" on stderr and, after -S, in syslog.
 *
 * Each message goes out in a single write(2) so lines from several
 * processes (an applet and its hook script) do not interleave.
 */
#include "libbb.h"

#include <syslog.h>

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

static void log_message(int priority, const char *fmt, va_list ap, const char *strerr)
{
	char text[1024];
	char line[1200];
	int len;

	vsnprintf(text, sizeof(text), fmt, ap);
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
