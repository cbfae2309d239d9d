/* SPDX-License-Identifier: MIT */
/* json.h - minimal JSON writer helpers (string escaping) for reports, and
 * a small reader (json_scan) for reading them back. */
#ifndef ALGOFF_JSON_H
#define ALGOFF_JSON_H

#include <stdio.h>

#include "core/buf.h"

/* json_str - write s as a quoted, escaped JSON string (NULL -> null). */
void json_str(FILE *f, const char *s);
void json_buf_str(struct buf *b, const char *s);
/*
 * json_scan - walk a JSON text; emit(arg, path, value, is_string) for every
 * scalar in document order. path: "key", "a.b", "list[2].c" ("" for a
 * top-level scalar); value: strings unescaped (control characters become
 * spaces), numbers, true, false and null as written. Depth is bounded.
 * Returns 0, or -1 when the text is not JSON (emit may have been called for
 * the part before the error).
 */
typedef void (*json_emit_fn)(void *arg, const char *path, const char *value,
    int is_string);
int json_scan(const char *text, json_emit_fn emit, void *arg);

/* xml_escape_buf - append s with &<>"' escaped. */
void xml_escape_buf(struct buf *b, const char *s);

#endif
