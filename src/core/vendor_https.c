/* SPDX-License-Identifier: MIT */
/*
 * vendor_https.c - the HTTPS part of a vendor profile (method="https"):
 * loading <https> and the <request> lists of the steps, deciding on/off
 * from a JSON answer (<state json>, an RFC 6901 pointer) or an XML answer
 * (<state xpath>, XPath 1.0 with libxml2), freeing. The format
 * is described in transport/https.h and doc/VENDOR-FORMAT.md.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "core/vendor_int.h"
#include "core/xmlload.h"
#include "core/xmalloc.h"

/* opt_sources - the ids of an optional source= are declared. */
static enum algoff_err
opt_sources(struct loadctx *L, xmlNodePtr n)
{
	char *src = xml_attr(n, "source");
	enum algoff_err r = src != NULL ? vload_sources(L, n, src) : ALGOFF_OK;

	free(src);
	return r;
}

/* check_xpath - an XPath expression libxml2 compiles (NULL is fine). */
static enum algoff_err
check_xpath(struct loadctx *L, xmlNodePtr n, const char *xpath)
{
	xmlXPathCompExprPtr c;

	if (xpath == NULL)
		return ALGOFF_OK;
	c = xmlXPathCompile((const xmlChar *)xpath);
	if (c == NULL)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: xpath=\"%s\""
		    " is not an XPath 1.0 expression", L->file, xml_line(n),
		    xpath);
	xmlXPathFreeCompExpr(c);
	return ALGOFF_OK;
}

static enum algoff_err
load_state(struct loadctx *L, xmlNodePtr n, struct vrequest *rq)
{
	struct vstate *s = xcalloc(1, sizeof(*s));
	char *absent = xml_attr(n, "absent");
	enum algoff_err r;

	rq->state = s;
	s->json = xml_attr(n, "json");
	s->xpath = xml_attr(n, "xpath");
	s->on = xml_attr(n, "on");
	s->off = xml_attr(n, "off");
	s->absent = absent == NULL ? -1 : strcmp(absent, "on") == 0 ? 1 : 0;
	free(absent);
	if ((r = opt_sources(L, n)) != ALGOFF_OK)
		return r;
	if ((s->json == NULL) == (s->xpath == NULL))
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: state needs "
		    "exactly one of json= and xpath=", L->file, xml_line(n));
	if (s->json != NULL && s->json[0] != '/')
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: state json="
		    "\"%s\" is not a JSON pointer (RFC 6901: starts with /)",
		    L->file, xml_line(n), s->json);
	return check_xpath(L, n, s->xpath);
}

static int
attr_yes(xmlNodePtr n, const char *name)
{
	char *v = xml_attr(n, name);
	int yes = v != NULL && strcmp(v, "yes") == 0;

	free(v);
	return yes;
}

/* load_capture - <capture json|xpath as [secret]>. */
static enum algoff_err
load_capture(struct loadctx *L, xmlNodePtr n, struct vrequest *rq)
{
	struct vreqcap *c = xcalloc(1, sizeof(*c));
	enum algoff_err r;

	rq->capture = c;
	c->json = xml_attr(n, "json");
	c->xpath = xml_attr(n, "xpath");
	c->as = xml_attr(n, "as");
	c->secret = attr_yes(n, "secret");
	c->optional = attr_yes(n, "optional");
	if ((c->json == NULL) == (c->xpath == NULL) || c->as == NULL)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: capture "
		    "needs as= and exactly one of json= and xpath=", L->file,
		    xml_line(n));
	if ((r = opt_sources(L, n)) != ALGOFF_OK)
		return r;
	return check_xpath(L, n, c->xpath);
}

/* load_poll - <poll until-xpath until ok-xpath ok interval-ms max>. */
static enum algoff_err
load_poll(struct loadctx *L, xmlNodePtr n, struct vrequest *rq)
{
	struct vpoll *p = xcalloc(1, sizeof(*p));
	enum algoff_err r;

	rq->poll = p;
	p->until_xpath = xml_attr(n, "until-xpath");
	p->until = xml_attr(n, "until");
	p->ok_xpath = xml_attr(n, "ok-xpath");
	p->ok = xml_attr(n, "ok");
	if (p->until_xpath == NULL || p->until == NULL || p->ok_xpath ==
	    NULL || p->ok == NULL ||
	    xml_int_attr(n, "interval-ms", 1, 60000, &p->interval_ms) != 0 ||
	    xml_int_attr(n, "max", 1, 1000, &p->max) != 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: poll needs "
		    "until-xpath, until, ok-xpath, ok, interval-ms (1-60000) "
		    "and max (1-1000)", L->file, xml_line(n));
	if ((r = check_xpath(L, n, p->until_xpath)) != ALGOFF_OK ||
	    (r = opt_sources(L, n)) != ALGOFF_OK)
		return r;
	return check_xpath(L, n, p->ok_xpath);
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
	rq->if_set = xml_attr(n, "if");
	rq->auth_basic = auth != NULL && strcmp(auth, "basic") == 0;
	rq->auth_form = auth != NULL && strcmp(auth, "form") == 0;
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
	for (c = n->children; c != NULL; c = c->next) {
		r = ALGOFF_OK;
		if (xml_is(c, "state"))
			r = load_state(L, c, rq);
		else if (xml_is(c, "capture"))
			r = load_capture(L, c, rq);
		else if (xml_is(c, "poll"))
			r = load_poll(L, c, rq);
		if (r != ALGOFF_OK)
			return r;
	}
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

/* load_ok - <ok json|xpath value [message-json|message-xpath]>. */
static enum algoff_err
load_ok(struct loadctx *L, xmlNodePtr c, struct vhttps *h)
{
	enum algoff_err r;

	h->ok_json = xml_attr(c, "json");
	h->ok_xpath = xml_attr(c, "xpath");
	h->ok_value = xml_attr(c, "value");
	h->msg_json = xml_attr(c, "message-json");
	h->msg_xpath = xml_attr(c, "message-xpath");
	if ((h->ok_json == NULL) == (h->ok_xpath == NULL))
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: ok needs "
		    "exactly one of json= and xpath=", L->file, xml_line(c));
	if ((r = check_xpath(L, c, h->ok_xpath)) != ALGOFF_OK)
		return r;
	return check_xpath(L, c, h->msg_xpath);
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
			r = load_ok(L, c, h);
		} else if (xml_is(c, "header")) {
			h->header_name = xml_attr(c, "name");
			h->header_var = xml_attr(c, "var");
			h->header_secret = attr_yes(c, "secret");
			r = opt_sources(L, c);
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
		free(a[i].if_set);
		if (a[i].capture != NULL) {
			free(a[i].capture->json);
			free(a[i].capture->xpath);
			free(a[i].capture->as);
			free(a[i].capture);
		}
		if (a[i].poll != NULL) {
			free(a[i].poll->until_xpath);
			free(a[i].poll->until);
			free(a[i].poll->ok_xpath);
			free(a[i].poll->ok);
			free(a[i].poll);
		}
		if (a[i].state != NULL) {
			free(a[i].state->json);
			free(a[i].state->xpath);
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
	free(h->ok_xpath);
	free(h->msg_xpath);
	free(h->header_name);
	free(h->header_var);
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

/* xpath_literal - an XPath result as text; 0 when nothing was selected. */
static int
xpath_literal(xmlXPathObjectPtr o, char *dst, size_t len)
{
	xmlChar *t;

	switch (o->type) {
	case XPATH_NODESET:
		if (o->nodesetval == NULL || o->nodesetval->nodeNr == 0)
			return 0;
		t = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
		snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
		xmlFree(t);
		return 1;
	case XPATH_STRING:
	case XPATH_NUMBER:
	case XPATH_BOOLEAN:
		t = xmlXPathCastToString(o);
		snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
		xmlFree(t);
		return 1;
	default:
		return -1;
	}
}

static void
quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

int
vxml_value(const char *body, const char *xpath, char *dst, size_t len)
{
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	size_t blen = body != NULL ? strlen(body) : 0;
	int r = -1;

	if (blen == 0 || blen > INT_MAX)
		return -1;
	doc = xmlReadMemory(body, (int)blen, "answer.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return -1;
	ctx = xmlXPathNewContext(doc);
	if (ctx != NULL)
		ctx->error = quiet;	/* a bad expression answers -1 */
	o = ctx != NULL ? xmlXPathEvalExpression((const xmlChar *)xpath, ctx) :
	    NULL;
	if (o != NULL)
		r = xpath_literal(o, dst, len);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return r;
}

int
vanswer_value(const char *body, const char *json, const char *xpath,
    char *dst, size_t len)
{
	if (json != NULL)
		return vjson_value(body, json, dst, len);
	return xpath != NULL ? vxml_value(body, xpath, dst, len) : -1;
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
	got = vanswer_value(body, st->json, st->xpath, val, sizeof(val));
	if (got == 0) {
		*why = st->absent == 1 ? "the setting is absent, which means "
		    "on" : NULL;
		return st->absent;
	}
	if (got < 0)
		return -1;
	if (strcmp(val, st->on) == 0) {
		*why = st->json != NULL ? st->json : st->xpath;
		return 1;
	}
	return strcmp(val, st->off) == 0 ? 0 : -1;
}
