/* SPDX-License-Identifier: MIT */
/* text.c - control characters: find, name, escape. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

int
text_control(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return *p;
	return -1;
}

const char *
text_control_name(int c)
{
	switch (c) {
	case 0: return "NUL";
	case '\t': return "tab";
	case '\n': return "newline";
	case '\r': return "carriage return";
	case 0x1b: return "escape";
	case 0x7f: return "DEL";
	}
	return "control";
}

char *
text_escape(const char *s)
{
	const unsigned char *p;
	struct buf b;
	char hex[8];

	buf_init(&b, (size_t)-1 / 2);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			buf_puts(&b, "\\n");
		else if (*p == '\r')
			buf_puts(&b, "\\r");
		else if (*p == '\t')
			buf_puts(&b, "\\t");
		else if (*p < 0x20 || *p == 0x7f) {
			snprintf(hex, sizeof(hex), "\\x%02x", *p);
			buf_puts(&b, hex);
		} else
			buf_append(&b, (const char *)p, 1);
	}
	return buf_take(&b);
}
