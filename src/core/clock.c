/* SPDX-License-Identifier: MIT */
/* clock.c - monotonic time for deadlines and measurements. */
#include "config.h"

#include <time.h>

#include "core/clock.h"

double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int64_t
mono_ms_i(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
