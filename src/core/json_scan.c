/* SPDX-License-Identifier: MIT */
/*
 * json_scan.c - a small JSON reader: walks a text and hands every scalar to
 * a callback with its path ("messages[0].changes[1].field"). Enough for
 * reading algoff's own reports (probe --json) back; bounded in depth.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/xmalloc.h"

#define JSON_MAX_DEPTH 8

struct jscan {
	const char *p;
	json_emit_fn emit;
	void *arg;
};

static void
js_ws(struct jscan *j)
{
	while (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')
		j->p++;
}

/* append code point c as UTF-8; control characters become a space */
static size_t
js_utf8(char *r, unsigned long c)
{
	if (c < 0x20 || c == 0x7f) {
		r[0] = ' ';
		return 1;
	}
	if (c < 0x80) {
		r[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		r[0] = (char)(0xc0 | (c >> 6));
		r[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	r[0] = (char)(0xe0 | (c >> 12));
	r[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	r[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* one escape after the backslash at *s; advances *s past it */
static size_t
js_escape(const char **s, const char *end, char *r)
{
	char hex[5];
	const char *e = *s + 1;

	*s = e + 1;
	switch (*e) {
	case 'n': case 'r': case 't': case 'b': case 'f':
		r[0] = ' ';
		return 1;
	case 'u':
		if (end - e < 5)
			break;
		memcpy(hex, e + 1, 4);
		hex[4] = '\0';
		*s = e + 5;
		return js_utf8(r, strtoul(hex, NULL, 16));
	default:
		break;
	}
	r[0] = *e;
	return 1;
}

/* js_string - read "..." unescaped, caller frees; NULL when not a string */
static char *
js_string(struct jscan *j)
{
	const char *s, *end;
	char *r;
	size_t k = 0;

	if (*j->p != '"')
		return NULL;
	s = ++j->p;
	while (*j->p != '\0' && *j->p != '"')
		j->p += (*j->p == '\\' && j->p[1] != '\0') ? 2 : 1;
	end = j->p;
	r = xmalloc((size_t)(end - s) * 3 + 1);
	while (s < end) {
		if (*s == '\\' && s + 1 < end)
			k += js_escape(&s, end, r + k);
		else {
			if ((unsigned char)*s >= ' ')
				r[k++] = *s;
			s++;
		}
	}
	r[k] = '\0';
	if (*j->p == '"')
		j->p++;
	return r;
}

static int js_value(struct jscan *j, const char *path, int depth);

static int
js_container(struct jscan *j, const char *path, int depth, char close)
{
	char *key = NULL, *sub;
	int idx = 0, r = 0;

	j->p++;
	while (r == 0) {
		js_ws(j);
		if (*j->p == close) {
			j->p++;
			break;
		}
		if (close == '}') {
			key = js_string(j);
			js_ws(j);
			if (key == NULL || *j->p != ':') {
				free(key);
				return -1;
			}
			j->p++;
			xasprintf(&sub, "%s%s%s", path, *path ? "." : "", key);
			free(key);
		} else
			xasprintf(&sub, "%s[%d]", path, idx++);
		r = js_value(j, sub, depth + 1);
		free(sub);
		js_ws(j);
		if (*j->p == ',')
			j->p++;
		else if (*j->p != close)
			r = -1;
	}
	return r;
}

static int
js_value(struct jscan *j, const char *path, int depth)
{
	const char *s;
	char *v;

	if (depth > JSON_MAX_DEPTH)
		return -1;
	js_ws(j);
	if (*j->p == '{')
		return js_container(j, path, depth, '}');
	if (*j->p == '[')
		return js_container(j, path, depth, ']');
	if (*j->p == '"') {
		v = js_string(j);
		j->emit(j->arg, path, v, 1);
		free(v);
		return 0;
	}
	s = j->p;
	while (*j->p != '\0' && strchr(",}] \n\r\t", *j->p) == NULL)
		j->p++;
	if (j->p == s)
		return -1;
	v = xstrndup(s, (size_t)(j->p - s));
	j->emit(j->arg, path, v, 0);
	free(v);
	return 0;
}

int
json_scan(const char *text, json_emit_fn emit, void *arg)
{
	struct jscan j = { .p = text, .emit = emit, .arg = arg };

	if (text == NULL || js_value(&j, "", 0) != 0)
		return -1;
	js_ws(&j);
	return *j.p == '\0' ? 0 : -1;
}
