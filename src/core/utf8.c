/* SPDX-License-Identifier: MIT */
/* utf8.c - valid UTF-8 for reports (see utf8.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned long c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

char *
utf8_clean(const char *s, int xml)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0, k;
	char *out = xmalloc(n * 3 + 1);

	while (i < n) {
		k = utf8_seq(p + i, n - i);
		if (k == 0 || (xml && p[i] < 0x20 && p[i] != '\t' &&
		    p[i] != '\n' && p[i] != '\r')) {
			memcpy(out + o, "\xef\xbf\xbd", 3);   /* U+FFFD */
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, p + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return out;
}

void
utf8_fit(char *s, size_t size)
{
	size_t n = strnlen(s, size), start;

	if (n + 1 < size || n == 0)
		return;   /* not truncated */
	/* find the start of the last character and check it is whole */
	start = n - 1;
	while (start > 0 && n - start < 4 &&
	    ((unsigned char)s[start] & 0xc0) == 0x80)
		start--;
	if (utf8_seq((const unsigned char *)s + start, n - start) !=
	    n - start && ((unsigned char)s[start] & 0x80))
		s[start] = '\0';
}

void
utf8_copy(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return;
	snprintf(dst, size, "%s", src);
	utf8_fit(dst, size);
}
