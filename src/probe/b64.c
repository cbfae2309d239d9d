/* SPDX-License-Identifier: MIT */
/* b64.c - RFC 4648 section 4 base64 with padding. */
#include "config.h"

#include <string.h>

#include "probe/b64.h"

static const char b64_alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

enum algoff_err
b64_encode(struct buf *out, const void *p, size_t n)
{
	const unsigned char *s = p;
	char q[4];
	size_t i;
	unsigned v;
	enum algoff_err r;

	for (i = 0; i < n; i += 3) {
		v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = b64_alpha[(v >> 18) & 63];
		q[1] = b64_alpha[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64_alpha[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64_alpha[v & 63] : '=';
		if ((r = buf_append(out, q, 4)) != ALGOFF_OK)
			return r;
	}
	return ALGOFF_OK;
}

static int
b64_val(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(b64_alpha, c);
	return p == NULL ? -1 : (int)(p - b64_alpha);
}

enum algoff_err
b64_decode(struct buf *out, const char *s, size_t n)
{
	unsigned v = 0;
	int bits = 0, pad = 0, d;
	unsigned char c;
	size_t i;
	enum algoff_err r;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\r' || s[i] == '\n' || s[i] == '\t')
			continue;
		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad > 0 || (d = b64_val(s[i])) < 0)
			return ALGOFF_ERR_INPUT;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (unsigned char)((v >> bits) & 0xff);
			if ((r = buf_append(out, &c, 1)) != ALGOFF_OK)
				return r;
		}
	}
	return pad > 2 ? ALGOFF_ERR_INPUT : ALGOFF_OK;
}
