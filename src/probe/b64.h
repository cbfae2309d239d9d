/* SPDX-License-Identifier: MIT */
/* b64.h - RFC 4648 base64, used to carry echoed SIP bytes opaquely. */
#ifndef ALGOFF_B64_H
#define ALGOFF_B64_H

#include <stddef.h>

#include "core/buf.h"

/* b64_encode - append the encoding of p[0..n) to out. */
enum algoff_err b64_encode(struct buf *out, const void *p, size_t n);
/* b64_decode - append decoded bytes; whitespace skipped; INPUT on junk. */
enum algoff_err b64_decode(struct buf *out, const char *s, size_t n);

#endif
