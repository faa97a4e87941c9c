/*
 * conf_dump.h: the scoped model as stable text (conf_dump.c), for tests.
 */
#ifndef DHCPBOX_TEST_CONF_DUMP_H
#define DHCPBOX_TEST_CONF_DUMP_H

#include "server/conf.h"

#include <stdio.h>
#include <stdlib.h>

/* -1 when out of memory. */
int conf_dump(const struct server_config *cfg, FILE *out);

#endif
