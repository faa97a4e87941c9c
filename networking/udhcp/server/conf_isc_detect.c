/*
 * conf_isc_detect.c: which language a configuration file is written in.
 * Linked whether or not ISC dhcpd.conf support is built, so a server
 * without it can say so instead of failing on the first ISC line.
 *
 * The rule: ISC dhcpd.conf if some line, its comment taken off, ends in
 * ';' or holds a '{' or '}'. BusyBox udhcpd.conf lines are "keyword value"
 * and never do; '#' starts a comment in both (outside "quotes" in ISC).
 * Blank and comment lines say nothing, so an empty file is BusyBox's.
 */
#include "server/conf.h"

bool conf_text_is_isc(const char *text)
{
	while (*text) {
		bool quoted = false;
		char last = '\0';

		for (; *text && *text != '\n'; text++) {
			char c = *text;

			if (quoted) {
				if (c == '\\' && text[1] && text[1] != '\n')
					text++;
				else if (c == '"')
					quoted = false;
				continue;
			}
			if (c == '#') {
				while (text[1] && text[1] != '\n')
					text++;
				continue;
			}
			if (c == '{' || c == '}')
				return true;
			if (c == '"')
				quoted = true;
			if (c != ' ' && c != '\t' && c != '\r')
				last = c;
		}
		if (last == ';')
			return true;
		if (*text)
			text++;
	}
	return false;
}
