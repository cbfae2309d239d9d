/* SPDX-License-Identifier: MIT */
/*
 * json_scan.c - hand every scalar of a JSON text to a callback with its
 * path ("messages[0].changes[1].field"). Parsed with jansson (which checks
 * the text and its UTF-8); bounded in depth.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/xmalloc.h"

#define JSON_MAX_DEPTH 8

static void js_walk(json_t *j, const char *path, int depth,
    json_emit_fn emit, void *arg);

static void
js_scalar(json_t *j, const char *path, json_emit_fn emit, void *arg)
{
	char num[64], *s, *p;

	switch (json_typeof(j)) {
	case JSON_STRING:
		s = xstrdup(json_string_value(j));
		for (p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
		emit(arg, path, s, 1);
		free(s);
		return;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
		break;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.17g", json_real_value(j));
		break;
	case JSON_TRUE: snprintf(num, sizeof(num), "true"); break;
	case JSON_FALSE: snprintf(num, sizeof(num), "false"); break;
	default: snprintf(num, sizeof(num), "null"); break;
	}
	emit(arg, path, num, 0);
}

static void
js_walk(json_t *j, const char *path, int depth, json_emit_fn emit,
    void *arg)
{
	const char *key;
	json_t *v;
	size_t i;
	char *sub;

	if (json_is_object(j) && depth < JSON_MAX_DEPTH) {
		json_object_foreach(j, key, v) {
			xasprintf(&sub, "%s%s%s", path, *path ? "." : "", key);
			js_walk(v, sub, depth + 1, emit, arg);
			free(sub);
		}
	} else if (json_is_array(j) && depth < JSON_MAX_DEPTH) {
		json_array_foreach(j, i, v) {
			xasprintf(&sub, "%s[%zu]", path, i);
			js_walk(v, sub, depth + 1, emit, arg);
			free(sub);
		}
	} else if (!json_is_object(j) && !json_is_array(j))
		js_scalar(j, path, emit, arg);
}

int
json_scan(const char *text, json_emit_fn emit, void *arg)
{
	json_error_t err;
	json_t *root = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
	    &err);

	if (root == NULL)
		return -1;
	js_walk(root, "", 0, emit, arg);
	json_decref(root);
	return 0;
}
