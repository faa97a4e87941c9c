/*
 * script.h: the hook script runner (script.c).
 */
#ifndef DHCPBOX_UDHCP_SCRIPT_H
#define DHCPBOX_UDHCP_SCRIPT_H

#include "codec/scriptenv.h"

/* Runs `script event` with env and waits; its exit status, or -1. */
int udhcp_run_script(const char *script, const char *event, char **env);

#endif
