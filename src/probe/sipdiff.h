/* SPDX-License-Identifier: MIT */
/*
 * sipdiff.h - field-by-field comparison of a SIP message as sent with the
 * same message as it arrived: start line, each header (by canonical name
 * and occurrence), SDP lines (o=, c=, m=, ...) or the raw body, and
 * formatting-only changes. No I/O.
 */
#ifndef ALGOFF_SIPDIFF_H
#define ALGOFF_SIPDIFF_H

#include <stddef.h>

#include "probe/sipmsg.h"

#define SIPDIFF_MAX 32
#define SIPDIFF_TEXT 200

struct sipdiff_item {
	char field[48];		/* "request-line", "Via", "SDP c=", ... */
	char sent[SIPDIFF_TEXT];	/* "(absent)" when added on the way */
	char got[SIPDIFF_TEXT];		/* "(removed)" when dropped */
};

struct sipdiff {
	struct sipdiff_item item[SIPDIFF_MAX];
	size_t n;
	size_t more;		/* differences beyond SIPDIFF_MAX */
};

/* sipdiff_run - fill *d with every difference between sent and got. */
void sipdiff_run(const struct sipmsg *sent, const struct sipmsg *got,
    struct sipdiff *d);
/* sipdiff_has - 1 when d has an item whose field starts with prefix. */
int sipdiff_has(const struct sipdiff *d, const char *prefix);

#endif
