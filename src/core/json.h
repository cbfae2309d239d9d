/* SPDX-License-Identifier: MIT */
/*
 * json.h - algoff's JSON documents, built and read with jansson. Every
 * document is one object with a "format" key ("algoff.apply/1", ...) and
 * has a JSON Schema in schema/. Strings go in through json_text(), which
 * makes them valid UTF-8 first (jansson refuses invalid UTF-8).
 */
#ifndef ALGOFF_JSON_H
#define ALGOFF_JSON_H

#include <stdio.h>

#include <jansson.h>

/* json_text - a JSON string of s made valid UTF-8 (NULL -> null). */
json_t *json_text(const char *s);
/* json_set_text - o[key] = json_text(s). */
void json_set_text(json_t *o, const char *key, const char *s);
/* json_doc - a new object holding only "format": format. */
json_t *json_doc(const char *format);
/* json_print - write doc compact plus a newline to f and release it.
 * Returns 0, or -1 on a write error. */
int json_print(FILE *f, json_t *doc);
/* json_error_print - the document {"format":"algoff.error/1","command":
 * cmd,"error":{"code":code,"message":msg}} on f. */
void json_error_print(FILE *f, const char *cmd, const char *code,
    const char *msg);
/* json_alg - "on", "off" or null for an ALG state 1, 0, -1. */
json_t *json_alg(int on);
/* json_words - an array of the words (space separated) of s. */
json_t *json_words(const char *s);
/* json_steps - the names of the steps in a (1 << step_kind) mask. */
json_t *json_steps(unsigned mask);
/* json_hostport - "host:port", with IPv6 hosts in brackets. */
json_t *json_hostport(const char *host, int port);


#endif
