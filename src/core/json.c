/* SPDX-License-Identifier: MIT */
/* json.c - string escaping for JSON and XML reports. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/json.h"

/* utf8_len - length of the valid UTF-8 sequence at p (NUL-terminated),
 * 0 when it is not one (RFC 3629: no overlong forms, no surrogates). */
static size_t
utf8_len(const unsigned char *p)
{
	unsigned c = p[0], min;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)   /* the NUL stops here too */
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	return c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ?
	    0 : n;
}

/* Bytes that are not UTF-8 (device output, SIP headers, truncation in the
 * middle of a character) become U+FFFD: JSON text must be UTF-8. */
void
json_buf_str(struct buf *b, const char *s)
{
	const unsigned char *p;
	size_t n;

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
			if (*p < 0x20 || *p == 0x7f) {
				buf_printf(b, "\\u%04x", *p);
			} else if ((n = utf8_len(p)) == 0) {
				buf_puts(b, "\\ufffd");
			} else {
				buf_append(b, p, n);
				p += n - 1;
			}
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
