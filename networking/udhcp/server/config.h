/* config.h: udhcpd's configuration is the scoped model of conf.h. */
#ifndef DHCPBOX_UDHCP_CONFIG_H
#define DHCPBOX_UDHCP_CONFIG_H

#include "server/conf.h"

#endif
