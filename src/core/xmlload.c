/* SPDX-License-Identifier: MIT */
/*
 * xmlload.c - the XML helpers vendor files and answer files share: parse
 * (no network, no entity expansion) and validate against an XSD with
 * file:line errors, read attributes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "core/xmalloc.h"
#include "core/xmlload.h"

/* Collects the first libxml2 error with its line. */
struct xml_errs {
	struct errbuf *eb;
	const char *file;
	int seen;
};

static void
xml_structured_error(void *arg, xmlErrorPtr e)
{
	struct xml_errs *x = arg;
	char msg[600];
	size_t n;

	if (x->seen++ > 0 || e == NULL)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strcspn(msg, "\n");
	msg[n] = '\0';
	errbuf_set(x->eb, ALGOFF_ERR_INPUT, "%s:%d: %s", x->file, e->line, msg);
}

enum algoff_err
xml_load_validated(const char *path, const char *xsd, xmlDocPtr *out,
    struct errbuf *eb)
{
	struct xml_errs x = { eb, path, 0 };
	xmlSchemaParserCtxtPtr pctx = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctx = NULL;
	xmlDocPtr doc = NULL;
	enum algoff_err r = ALGOFF_ERR_INPUT;

	*out = NULL;
	xmlSetStructuredErrorFunc(&x, xml_structured_error);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc == NULL) {
		if (!x.seen)
			errbuf_set(eb, r, "%s: cannot read file", path);
		goto out;
	}
	x.file = xsd;
	pctx = xmlSchemaNewParserCtxt(xsd);
	if (pctx == NULL || (schema = xmlSchemaParse(pctx)) == NULL) {
		if (!x.seen)
			errbuf_set(eb, r, "%s: cannot load schema", xsd);
		r = ALGOFF_ERR_INTERNAL;
		goto out;
	}
	x.file = path;
	vctx = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vctx, xml_structured_error, &x);
	if (xmlSchemaValidateDoc(vctx, doc) != 0) {
		if (!x.seen)
			errbuf_set(eb, r, "%s: does not match the schema %s",
			    path, xsd);
		goto out;
	}
	*out = doc;
	doc = NULL;
	r = ALGOFF_OK;
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctx != NULL)
		xmlSchemaFreeValidCtxt(vctx);
	if (schema != NULL)
		xmlSchemaFree(schema);
	if (pctx != NULL)
		xmlSchemaFreeParserCtxt(pctx);
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
