/* SPDX-License-Identifier: MIT */
/* json.h - minimal JSON writer helpers (string escaping) for reports;
 * reports are read back with jansson. */
#ifndef ALGOFF_JSON_H
#define ALGOFF_JSON_H

#include <stdio.h>

#include "core/buf.h"

/* json_str - write s as a quoted, escaped JSON string (NULL -> null). */
void json_str(FILE *f, const char *s);
void json_buf_str(struct buf *b, const char *s);
/* xml_escape_buf - append s with &<>"' escaped. */
void xml_escape_buf(struct buf *b, const char *s);

#endif
