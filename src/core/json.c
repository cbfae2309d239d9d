/* SPDX-License-Identifier: MIT */
/* json.c - string escaping for JSON and XML reports. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/json.h"

void
json_buf_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "\"");
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_append(b, p, 1);
		}
	}
	buf_puts(b, "\"");
}

void
json_str(FILE *f, const char *s)
{
	struct buf b;

	buf_init(&b, (size_t)-1 / 2);
	json_buf_str(&b, s);
	fputs(b.data, f);
	buf_free(&b);
}

void
xml_escape_buf(struct buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; s != NULL && *p; p++) {
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
				buf_puts(b, "\xef\xbf\xbd"); /* U+FFFD */
			else
				buf_append(b, p, 1);
		}
	}
}
