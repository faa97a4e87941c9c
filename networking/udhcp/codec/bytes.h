/*
 * bytes.h: big-endian access to wire bytes (any alignment, any host byte
 * order) and the error helper of the codec. Internal to networking/udhcp.
 */
#ifndef DHCPBOX_UDHCP_BYTES_H
#define DHCPBOX_UDHCP_BYTES_H

#include "codec/common.h"

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Network-order IPv4 address (as stored in struct in_addr) <-> wire bytes:
 * both are the same four bytes in memory. */
static inline uint32_t get_nip(const uint8_t *p)
{
	uint32_t nip;

	__builtin_memcpy(&nip, p, 4);
	return nip;
}

/* Fills err (may be NULL) and returns -1, for "return udhcp_fail(...)". */
int udhcp_fail(struct udhcp_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
