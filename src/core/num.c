/* SPDX-License-Identifier: MIT */
/* num.c - strict, bounded decimal numbers (see num.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "core/num.h"

int
num_parse_int(const char *s, int lo, int hi, int *out)
{
	const char *d = s != NULL && *s == '-' ? s + 1 : s;
	char *end;
	long v;

	if (d == NULL || !isdigit((unsigned char)*d))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}
