/* SPDX-License-Identifier: MIT */
/*
 * xmlload.c - the XML helpers vendor files and answer files share: parse
 * (no network, no entity expansion) and validate against an XSD with
 * file:line errors, read attributes, text, lines and numbers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "core/num.h"
#include "core/xmalloc.h"
#include "core/utf8.h"
#include "core/xmlload.h"

/* Routes libxml2's errors (not warnings) to the caller with the file. */
struct xv_route {
	xml_report_fn report;
	void *arg;
	const char *file;
	int reported;
};

static void
xv_error(void *arg, xmlErrorPtr e)
{
	struct xv_route *x = arg;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	x->reported++;
	x->report(x->arg, x->file, e->line,
	    e->message ? e->message : "XML error");
}

enum xv_status
xml_parse_validate(const char *path, const char *xsd, int options,
    xml_report_fn report, void *arg, xmlDocPtr *out, int *reported)
{
	struct xv_route x = { report, arg, path, 0 };
	xmlSchemaParserCtxtPtr pctx = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctx = NULL;
	enum xv_status st = XV_PARSE;

	xmlSetStructuredErrorFunc(&x, xv_error);
	*out = xmlReadFile(path, NULL, XML_PARSE_NONET | options);
	if (*out == NULL)
		goto out;
	x.file = xsd;
	st = XV_SCHEMA;
	pctx = xmlSchemaNewParserCtxt(xsd);
	if (pctx == NULL || (schema = xmlSchemaParse(pctx)) == NULL)
		goto out;
	x.file = path;
	vctx = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vctx, xv_error, &x);
	st = xmlSchemaValidateDoc(vctx, *out) == 0 ? XV_OK : XV_INVALID;
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctx != NULL)
		xmlSchemaFreeValidCtxt(vctx);
	if (schema != NULL)
		xmlSchemaFree(schema);
	if (pctx != NULL)
		xmlSchemaFreeParserCtxt(pctx);
	*reported = x.reported;
	return st;
}

/* Keeps the first error, one line, as "file:line: message". */
static void
first_error(void *arg, const char *file, int line, const char *msg)
{
	struct errbuf *eb = arg;
	char m[600];

	if (eb == NULL || eb->msg[0] != '\0')
		return;
	snprintf(m, sizeof(m), "%s", msg);
	m[strcspn(m, "\n")] = '\0';
	errbuf_set(eb, ALGOFF_ERR_INPUT, "%s:%d: %s", file, line, m);
}

enum algoff_err
xml_load_validated(const char *path, const char *xsd, xmlDocPtr *out,
    struct errbuf *eb)
{
	xmlDocPtr doc;
	int seen;
	enum algoff_err r = ALGOFF_ERR_INPUT;

	*out = NULL;
	errbuf_clear(eb);
	switch (xml_parse_validate(path, xsd, XML_PARSE_NOCDATA, first_error,
	    eb, &doc, &seen)) {
	case XV_OK:
		*out = doc;
		return ALGOFF_OK;
	case XV_PARSE:
		if (!seen)
			errbuf_set(eb, r, "%s: cannot read file", path);
		break;
	case XV_SCHEMA:
		if (!seen)
			errbuf_set(eb, r, "%s: cannot load schema", xsd);
		r = ALGOFF_ERR_INTERNAL;
		break;
	case XV_INVALID:
		if (!seen)
			errbuf_set(eb, r, "%s: does not match the schema %s",
			    path, xsd);
		break;
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	return r;
}

char *
xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int
xml_bool_attr(xmlNodePtr n, const char *name)
{
	char *v = xml_attr(n, name);
	int r = -1;

	if (v != NULL)
		r = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
	free(v);
	return r;
}

int
xml_int_attr(xmlNodePtr n, const char *name, int lo, int hi, int *out)
{
	char *v = xml_attr(n, name);
	int r;

	if (v == NULL)
		return 1;
	r = num_parse_int(v, lo, hi, out);
	free(v);
	return r;
}

char *
xml_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v != NULL ? (const char *)v : "");

	xmlFree(v);
	return s;
}

int
xml_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

int
xml_line(xmlNodePtr n)
{
	return n != NULL ? (int)xmlGetLineNo(n) : 0;
}

char *
file_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	char *s, *dot;

	s = xstrdup(base != NULL ? base + 1 : path);
	dot = strrchr(s, '.');
	if (dot != NULL && dot != s)
		*dot = '\0';
	return s;
}

int
xmlw_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *v = utf8_clean(value != NULL ? value : "", 1);
	int r = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST v);

	free(v);
	return r;
}

int
xmlw_text(xmlTextWriterPtr w, const char *text)
{
	char *v = utf8_clean(text != NULL ? text : "", 1);
	int r = xmlTextWriterWriteString(w, BAD_CAST v);

	free(v);
	return r;
}
