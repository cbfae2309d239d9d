/* SPDX-License-Identifier: MIT */
/* num.h - read numbers people and files write. */
#ifndef ALGOFF_NUM_H
#define ALGOFF_NUM_H

/*
 * num_parse_int - s is a decimal integer (optional '-', then digits and
 * nothing else) from lo to hi: 0 and *out set. -1 otherwise (*out
 * unchanged).
 */
int num_parse_int(const char *s, int lo, int hi, int *out);

#endif
