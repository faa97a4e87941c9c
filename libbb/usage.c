/*
 * Usage text. An applet's usage string holds its synopsis on the first line
 * and, after a blank line, one line per option; see libbb.h.
 */
#include "libbb.h"

const char *applet_usage;

static void print_synopsis(FILE *out, const char *name, const char *usage)
{
	size_t len = usage ? strcspn(usage, "\n") : 0;

	fprintf(out, "Usage: %s%s%.*s\n", name, len ? " " : "", (int)len, usage ? usage : "");
}

void bb_print_full_usage(FILE *out, const char *name, const char *usage)
{
	const char *details = usage ? usage + strcspn(usage, "\n") : "";

	print_synopsis(out, name, usage);
	/* without FEATURE_VERBOSE_USAGE the texts hold only the synopsis
	 * (IF_FEATURE_VERBOSE_USAGE around the rest): what is left is printed */
	if (*details && details[1]) {
		details++;
		fputs(details, out);
		if (details[strlen(details) - 1] != '\n')
			fputc('\n', out);
	}
	fflush(out);
}

void bb_show_usage(void)
{
	fflush(stdout);
	print_synopsis(stderr, applet_name, applet_usage);
	xfunc_die();
}
