/*
 * config.h: udhcpd's configuration (config.c parses udhcpd.conf, pure).
 * Several ranges are allowed so one server can serve several subnets.
 */
#ifndef DHCPBOX_UDHCP_CONFIG_H
#define DHCPBOX_UDHCP_CONFIG_H

#include "codec/common.h"

enum { MAX_RANGES = 32, MAX_CONF_OPTIONS = 64, MAX_STATIC_LEASES = 256 };

struct server_range {
	uint32_t start, end;	/* host byte order, inclusive */
};

struct static_lease {
	uint8_t mac[6];
	uint32_t ip;		/* host byte order */
	char hostname[64];
};

struct server_config {
	char interface[16];
	struct server_range ranges[MAX_RANGES];
	unsigned nranges;
	unsigned max_leases, auto_time, decline_time, conflict_time, offer_time, min_lease;
	uint32_t lease_time;	/* option 51 ("opt lease"), else 10 days */
	bool rapid_commit;	/* answer a DISCOVER with option 80 by an ACK */
	char lease_file[256], pidfile[256], notify_file[256];
	uint32_t siaddr;	/* network order */
	char sname[64], boot_file[128];
	struct static_lease statics[MAX_STATIC_LEASES];
	unsigned nstatics;
	struct udhcp_optval options[MAX_CONF_OPTIONS];
	unsigned noptions;
	char warnings[512];	/* non-fatal remarks, one per line */
};

/* BusyBox's defaults (start 192.168.0.20, end 192.168.0.254, eth0 ...). */
void udhcpd_config_defaults(struct server_config *cfg);
/*
 * Parses udhcpd.conf text. Errors say "FILE:LINE: problem"; an unknown
 * keyword is an error, "remaining" (obsolete) a warning.
 */
int udhcpd_config_parse(const char *text, const char *filename, struct server_config *cfg,
	struct udhcp_error *err);
/* The option a client gets for code, or NULL. */
const struct udhcp_optval *udhcpd_config_option(const struct server_config *cfg, unsigned code);

#endif
