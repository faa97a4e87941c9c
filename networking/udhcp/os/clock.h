/*
 * clock.h: the two clocks (os/clock.c). Time in memory runs on
 * CLOCK_MONOTONIC, which NTP cannot step; the wall clock is read only to
 * convert at the edges (the lease file, logs). Tests link a fake clock.
 */
#ifndef DHCPBOX_UDHCP_OS_CLOCK_H
#define DHCPBOX_UDHCP_OS_CLOCK_H

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC. */
int64_t os_mono_ms(void);
/* Seconds since the epoch, UTC (the wall clock; may jump). */
int64_t os_wall_s(void);

#endif
