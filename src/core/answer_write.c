/* SPDX-License-Identifier: MIT */
/* answer_write.c - new answer files and devices added to existing ones. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>

#include "core/answer_write.h"
#include "core/datadir.h"
#include "core/xmalloc.h"
#include "core/xmlload.h"

static void
device_write(xmlTextWriterPtr wr, const char *name,
    const struct answer_attr *a, size_t n)
{
	size_t i;

	xmlTextWriterStartElement(wr, BAD_CAST "device");
	xmlw_attr(wr, "name", name);
	for (i = 0; i < n; i++)
		if (a[i].value != NULL)
			xmlw_attr(wr, a[i].name, a[i].value);
	xmlTextWriterEndElement(wr);
}

char *
answer_doc_xml(const char *comment, const char *name,
    const struct answer_attr *a, size_t n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr wr = b != NULL ? xmlNewTextWriterMemory(b, 0) : NULL;
	char *r;

	if (wr == NULL)
		abort();     /* out of memory, as xmalloc */
	xmlTextWriterSetIndent(wr, 1);
	xmlTextWriterSetIndentString(wr, BAD_CAST "  ");
	xmlTextWriterStartDocument(wr, NULL, "UTF-8", NULL);
	if (comment != NULL)
		xmlTextWriterWriteComment(wr, BAD_CAST comment);
	xmlTextWriterStartElement(wr, BAD_CAST "algoff-batch");
	xmlTextWriterWriteAttribute(wr, BAD_CAST "version", BAD_CAST "1");
	device_write(wr, name, a, n);
	xmlTextWriterEndDocument(wr);
	xmlFreeTextWriter(wr);
	r = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return r;
}

/* name_taken - does a device of root already have this name? */
static int
name_taken(xmlNodePtr root, const char *name)
{
	xmlNodePtr n;
	char *v;
	int taken = 0;

	for (n = root->children; n != NULL && !taken; n = n->next) {
		if (!xml_is(n, "device"))
			continue;
		v = xml_attr(n, "name");
		taken = v != NULL && strcmp(v, name) == 0;
		free(v);
	}
	return taken;
}

static void
first_error(void *arg, const char *file, int line, const char *msg)
{
	struct errbuf *eb = arg;

	(void)file;
	if (eb->msg[0] == '\0')
		errbuf_set(eb, ALGOFF_ERR_INPUT, "line %d: %s", line, msg);
}

enum algoff_err
answer_append_device(const char *path, const char *base,
    const struct answer_attr *a, size_t n, char *name_out, size_t name_sz,
    struct errbuf *eb)
{
	xmlDocPtr doc = NULL;
	xmlTextWriterPtr wr;
	char *xsd, *tmp;
	int bad, seen = 0, i;
	enum algoff_err r = ALGOFF_OK;

	errbuf_clear(eb);
	xasprintf(&xsd, "%s/schema/batch.xsd", datadir());
	bad = xml_parse_validate(path, xsd, XML_PARSE_NOBLANKS, first_error,
	    eb, &doc, &seen) != XV_OK;
	free(xsd);
	if (bad) {
		if (eb->msg[0] == '\0')
			errbuf_set(eb, ALGOFF_ERR_INPUT, "not an answer file");
		xmlFreeDoc(doc);
		return ALGOFF_ERR_INPUT;
	}
	snprintf(name_out, name_sz, "%s", base);
	for (i = 2; i < 1000 && name_taken(xmlDocGetRootElement(doc), name_out);
	    i++)
		snprintf(name_out, name_sz, "%s-%d", base, i);
	wr = xmlNewTextWriterTree(doc, xmlDocGetRootElement(doc), 0);
	if (wr == NULL)
		abort();     /* out of memory, as xmalloc */
	device_write(wr, name_out, a, n);
	xmlFreeTextWriter(wr);
	/* a new file next to it, then rename: never a half-written file */
	xasprintf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	if (xmlSaveFormatFileEnc(tmp, doc, "UTF-8", 1) < 0 ||
	    rename(tmp, path) != 0) {
		unlink(tmp);
		r = errbuf_set(eb, ALGOFF_ERR_IO, "cannot write %s", path);
	}
	free(tmp);
	xmlFreeDoc(doc);
	return r;
}
