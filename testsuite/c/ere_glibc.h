/*
 * ere_glibc.h: where glibc's regexec is not the reference for server/ere.c
 * (ere_probe and fuzz_ere compare the two).
 */
#ifndef DHCPBOX_TESTSUITE_ERE_GLIBC_H
#define DHCPBOX_TESTSUITE_ERE_GLIBC_H

#include <stdbool.h>

/* Whether the pattern has an anchor in a repeated group, whose test glibc
 * 2.36 drops: its answers are wrong there. */
bool glibc_drops_anchor(const char *pattern);

/* Whether regcomp is sure to be quick on the pattern (fuzz_ere asks it
 * only then: libFuzzer's timeout is the whole run's). */
bool glibc_cheap(const char *pattern);

#endif
