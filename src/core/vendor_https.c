/* SPDX-License-Identifier: MIT */
/*
 * vendor_https.c - the HTTPS part of a vendor profile (method="https"):
 * loading <https> and the <request> lists of the steps, deciding on/off
 * from a JSON answer (<state>, an RFC 6901 pointer), freeing. The format
 * is described in transport/https.h and doc/VENDOR-FORMAT.md.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/vendor_int.h"
#include "core/xmlload.h"
#include "core/xmalloc.h"

static enum algoff_err
load_state(struct loadctx *L, xmlNodePtr n, struct vrequest *rq)
{
	struct vstate *s = xcalloc(1, sizeof(*s));
	char *absent = xml_attr(n, "absent"), *src;
	enum algoff_err r;

	rq->state = s;
	s->json = xml_attr(n, "json");
	s->on = xml_attr(n, "on");
	s->off = xml_attr(n, "off");
	s->absent = absent == NULL ? -1 : strcmp(absent, "on") == 0 ? 1 : 0;
	free(absent);
	src = xml_attr(n, "source");
	r = src != NULL ? vload_sources(L, n, src) : ALGOFF_OK;
	free(src);
	if (r != ALGOFF_OK)
		return r;
	if (s->json[0] != '/')
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: state json="
		    "\"%s\" is not a JSON pointer (RFC 6901: starts with /)",
		    L->file, xml_line(n), s->json);
	return ALGOFF_OK;
}

static enum algoff_err
load_request(struct loadctx *L, xmlNodePtr n, struct vrequest *rq)
{
	xmlNodePtr c;
	char *auth = xml_attr(n, "auth");
	enum algoff_err r;

	rq->method = xml_attr(n, "method");
	rq->path = xml_attr(n, "path");
	rq->body_path = xml_attr(n, "body");
	rq->sources = xml_attr(n, "source");
	rq->auth_basic = auth != NULL && strcmp(auth, "basic") == 0;
	free(auth);
	if (xml_int_attr(n, "expect-status", 100, 599, &rq->expect_status) < 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: "
		    "expect-status: not an HTTP status", L->file, xml_line(n));
	if (strpbrk(rq->path, " \t\r\n") != NULL || rq->path[0] != '/')
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: path must "
		    "start with / and hold no white space", L->file,
		    xml_line(n));
	if ((r = vload_sources(L, n, rq->sources)) != ALGOFF_OK)
		return r;
	for (c = n->children; c != NULL; c = c->next)
		if (xml_is(c, "state") && (r = load_state(L, c, rq)) !=
		    ALGOFF_OK)
			return r;
	if (rq->body_path != NULL)
		return vload_template(L, n, rq->body_path, &rq->body);
	return ALGOFF_OK;
}

enum algoff_err
vload_requests(struct loadctx *L, xmlNodePtr n, struct vrequest **out,
    size_t *nout)
{
	xmlNodePtr c;
	enum algoff_err r;

	for (c = n->children; c != NULL; c = c->next) {
		if (!xml_is(c, "request"))
			continue;
		*out = xreallocarray(*out, *nout + 1, sizeof(**out));
		memset(&(*out)[*nout], 0, sizeof(**out));
		r = load_request(L, c, &(*out)[(*nout)++]);
		if (r != ALGOFF_OK)
			return r;
	}
	return ALGOFF_OK;
}

enum algoff_err
vload_https(struct loadctx *L, xmlNodePtr n)
{
	struct vhttps *h = &L->v->https;
	xmlNodePtr c;
	enum algoff_err r = ALGOFF_OK;

	h->port = 443;
	if (xml_int_attr(n, "port", 1, 65535, &h->port) < 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: port: not "
		    "a number from 1 to 65535", L->file, xml_line(n));
	h->content_type = xml_attr(n, "content-type");
	for (c = n->children; c != NULL && r == ALGOFF_OK; c = c->next) {
		if (xml_is(c, "ok")) {
			h->ok_json = xml_attr(c, "json");
			h->ok_value = xml_attr(c, "value");
			h->msg_json = xml_attr(c, "message-json");
		} else if (xml_is(c, "login")) {
			r = vload_requests(L, c, &h->login, &h->n_login);
		} else if (xml_is(c, "logout")) {
			r = vload_requests(L, c, &h->logout, &h->n_logout);
		}
	}
	return r;
}

void
vrequests_free(struct vrequest *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].method);
		free(a[i].path);
		free(a[i].body_path);
		free(a[i].body);
		free(a[i].sources);
		if (a[i].state != NULL) {
			free(a[i].state->json);
			free(a[i].state->on);
			free(a[i].state->off);
			free(a[i].state);
		}
	}
	free(a);
}

void
vhttps_free(struct vhttps *h)
{
	free(h->content_type);
	free(h->ok_json);
	free(h->ok_value);
	free(h->msg_json);
	vrequests_free(h->login, h->n_login);
	vrequests_free(h->logout, h->n_logout);
}

/* json_at - the value at an RFC 6901 pointer, or NULL. */
static json_t *
json_at(json_t *root, const char *ptr)
{
	char tok[128];
	const char *p = ptr;
	size_t o;
	json_t *cur = root;

	while (cur != NULL && *p == '/') {
		p++;
		for (o = 0; *p != '\0' && *p != '/' && o + 1 < sizeof(tok);
		    p++) {
			if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) {
				tok[o++] = p[1] == '0' ? '~' : '/';
				p++;
			} else {
				tok[o++] = *p;
			}
		}
		tok[o] = '\0';
		if (json_is_object(cur))
			cur = json_object_get(cur, tok);
		else if (json_is_array(cur) && tok[0] >= '0' && tok[0] <= '9')
			cur = json_array_get(cur, strtoul(tok, NULL, 10));
		else
			cur = NULL;
	}
	return cur;
}

/* json_literal - a scalar as its literal text; 0 when not a scalar. */
static int
json_literal(const json_t *j, char *dst, size_t len)
{
	if (json_is_true(j))
		snprintf(dst, len, "true");
	else if (json_is_false(j))
		snprintf(dst, len, "false");
	else if (json_is_string(j))
		snprintf(dst, len, "%s", json_string_value(j));
	else if (json_is_integer(j))
		snprintf(dst, len, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
	else
		return 0;
	return 1;
}

int
vjson_value(const char *body, const char *ptr, char *dst, size_t len)
{
	json_error_t jerr;
	json_t *root = json_loads(body != NULL ? body : "", 0, &jerr);
	json_t *at;
	int r;

	if (root == NULL)
		return -1;
	at = json_at(root, ptr);
	r = at == NULL ? 0 : json_literal(at, dst, len) ? 1 : -1;
	json_decref(root);
	return r;
}

int
https_state(const struct vstep *s, const char *body, const char **why)
{
	const struct vstate *st = NULL;
	char val[256];
	size_t i;
	int got;

	*why = NULL;
	for (i = 0; s != NULL && i < s->n_req && st == NULL; i++)
		st = s->req[i].state;
	if (st == NULL)
		return -1;
	got = vjson_value(body, st->json, val, sizeof(val));
	if (got == 0) {
		*why = st->absent == 1 ? "the setting is absent, which means "
		    "on" : NULL;
		return st->absent;
	}
	if (got < 0)
		return -1;
	if (strcmp(val, st->on) == 0) {
		*why = st->json;
		return 1;
	}
	return strcmp(val, st->off) == 0 ? 0 : -1;
}
