/*
 * scriptenv.h: the hook script's environment (scriptenv.c), pure.
 */
#ifndef DHCPBOX_UDHCP_SCRIPTENV_H
#define DHCPBOX_UDHCP_SCRIPTENV_H

#include "codec/common.h"

/* The script's environment for a lease (m), or for "interface" alone (m NULL). */
char **udhcp_script_env(const char *ifname, const struct dhcp_message *m);
void udhcp_script_env_free(char **env);

#endif
