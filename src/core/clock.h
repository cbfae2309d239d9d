/* SPDX-License-Identifier: MIT */
/* clock.h - the monotonic clock every deadline and measurement uses. */
#ifndef ALGOFF_CLOCK_H
#define ALGOFF_CLOCK_H

#include <stdint.h>

/* mono_ms - CLOCK_MONOTONIC in milliseconds, with the fraction. */
double mono_ms(void);
/* mono_ms_i - CLOCK_MONOTONIC in whole milliseconds (for deadlines). */
int64_t mono_ms_i(void);

#endif
