/* SPDX-License-Identifier: MIT */
/* json.c - building algoff's JSON documents with jansson (see json.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/utf8.h"
#include "core/vendor.h"
#include "core/xmalloc.h"

json_t *
json_text(const char *s)
{
	char *clean;
	json_t *j;

	if (s == NULL)
		return json_null();
	clean = utf8_clean(s, 0);
	j = json_string(clean);
	free(clean);
	return j != NULL ? j : json_null();
}

void
json_set_text(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, json_text(s));
}

json_t *
json_doc(const char *format)
{
	json_t *o = json_object();

	json_object_set_new(o, "format", json_string(format));
	return o;
}

int
json_print(FILE *f, json_t *doc)
{
	int r = json_dumpf(doc, f, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12));

	json_decref(doc);
	if (r != 0 || fputc('\n', f) == EOF || fflush(f) != 0)
		return -1;
	return 0;
}

void
json_error_print(FILE *f, const char *cmd, const char *code,
    const char *msg)
{
	json_t *doc = json_doc("algoff.error/1"), *e = json_object();

	json_set_text(doc, "command", cmd);
	json_set_text(e, "code", code);
	json_set_text(e, "message", msg);
	json_object_set_new(doc, "error", e);
	(void)json_print(f, doc);
}

json_t *
json_alg(int on)
{
	return on == 1 ? json_string("on") : on == 0 ? json_string("off") :
	    json_null();
}

json_t *
json_words(const char *s)
{
	json_t *a = json_array();
	char *copy, *tok, *save = NULL;

	if (s == NULL)
		return a;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, " \t\r\n,", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n,", &save))
		json_array_append_new(a, json_text(tok));
	free(copy);
	return a;
}

json_t *
json_steps(unsigned mask)
{
	json_t *a = json_array();
	int k;

	for (k = 0; k < STEP_COUNT; k++)
		if (mask & (1u << k))
			json_array_append_new(a,
			    json_string(step_name((enum step_kind)k)));
	return a;
}

json_t *
json_hostport(const char *host, int port)
{
	char *s;
	json_t *j;

	if (host == NULL)
		return json_null();
	xasprintf(&s, strchr(host, ':') != NULL ? "[%s]:%d" : "%s:%d", host,
	    port);
	j = json_text(s);
	free(s);
	return j;
}
