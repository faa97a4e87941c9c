/*
 * script.h: the hook script runner (script.c).
 */
#ifndef DHCPBOX_UDHCP_SCRIPT_H
#define DHCPBOX_UDHCP_SCRIPT_H

#include "codec/common.h"

/* The script's environment for a lease (m), or for "interface" alone (m NULL). */
char **udhcp_script_env(const char *ifname, const struct dhcp_message *m);
void udhcp_script_env_free(char **env);
/* Runs `script event` with env and waits; its exit status, or -1. */
int udhcp_run_script(const char *script, const char *event, char **env);

#endif
