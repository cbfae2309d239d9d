/* SPDX-License-Identifier: MIT */
/*
 * buf.h - a growable byte buffer with a hard upper bound. Everything that
 * holds bytes from a device, a file or the network lives in one, so a
 * misbehaving peer produces ALGOFF_ERR_TOOBIG rather than exhausting memory.
 * The contents are always NUL-terminated (the NUL is not counted in len).
 */
#ifndef ALGOFF_BUF_H
#define ALGOFF_BUF_H

#include <stddef.h>

#include "core/err.h"

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
enum algoff_err buf_append(struct buf *b, const void *p, size_t n);
enum algoff_err buf_puts(struct buf *b, const char *s);
enum algoff_err buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* buf_consume - drop the first n bytes. */
void buf_consume(struct buf *b, size_t n);
/* buf_take - hand the data to the caller (who frees it) and reset. */
char *buf_take(struct buf *b);

#endif
