/*
 * libFuzzer target: a lease file through the reader udhcpd and dumpleases
 * use; every record read is formatted back and must read again the same.
 */
#include "server/leasefile.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void free_nothing(const struct lease_record *r, void *ctx)
{
	(void)r;
	(void)ctx;
}

static void check_record(const struct lease_record *r, void *ctx)
{
	char text[2048];
	unsigned bad, *count = ctx;

	(*count)++;
	if (leasefile_format(r, text, sizeof(text)) < 0)
		abort();
	if (leasefile_parse(text, free_nothing, NULL, &bad) != 1
	    || bad != 0)
		abort();	/* what we write, we read */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[65536];
	unsigned bad, count = 0;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	leasefile_parse(text, check_record, &count, &bad);
	return 0;
}
