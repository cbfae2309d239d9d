/* SPDX-License-Identifier: MIT */
/*
 * import_xml.c - read an import source file whole; write the answer file
 * with libxml2's xmlTextWriter (it escapes &, <, > and quotes; every value
 * was checked to be UTF-8 without control characters before it got here).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "core/import.h"
#include "core/xmalloc.h"
#include "core/xmlload.h"

enum algoff_err
import_read_file(const char *path, char **out, size_t *len,
    struct errbuf *eb)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *data;
	size_t n = 0, got;

	*out = NULL;
	*len = 0;
	if (f == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: %s", path,
		    strerror(errno));
	data = xmalloc(IMPORT_MAX_FILE + 1);
	while ((got = fread(data + n, 1, IMPORT_MAX_FILE + 1 - n, f)) > 0 &&
	    n + got <= IMPORT_MAX_FILE)
		n += got;
	if (ferror(f) || got > 0) {
		int e = errno;

		free(data);
		if (f != stdin)
			fclose(f);
		return got > 0 ? errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: larger "
		    "than %d MiB", path, IMPORT_MAX_FILE / (1024 * 1024)) :
		    errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: %s", path,
		    strerror(e));
	}
	if (f != stdin)
		fclose(f);
	data[n] = '\0';
	*out = data;
	*len = n;
	return ALGOFF_OK;
}

#define X(call) do { if ((call) < 0) goto out; } while (0)
#define XS(s) ((const xmlChar *)(s))

static int
write_settings(xmlTextWriterPtr w, const struct import_device *d)
{
	size_t i;
	int rc = -1;

	for (i = 0; i < IA_COUNT; i++)
		if (d->attr[i] != NULL)
			X(xmlw_attr(w, import_attr_name(i), d->attr[i]));
	for (i = 0; i < d->n_vars; i++) {
		X(xmlTextWriterStartElement(w, XS("var")));
		X(xmlw_attr(w, "name", d->vars[i].name));
		X(xmlw_attr(w, "value", d->vars[i].value));
		X(xmlTextWriterEndElement(w));
	}
	rc = 0;
out:
	return rc;
}

static int
write_doc(xmlTextWriterPtr w, const struct import_set *s)
{
	size_t i;
	int rc = -1;

	X(xmlTextWriterSetIndent(w, 1));
	X(xmlTextWriterSetIndentString(w, XS("  ")));
	X(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	X(xmlTextWriterStartElement(w, XS("algoff-batch")));
	X(xmlTextWriterWriteAttribute(w, XS("version"), XS("1")));
	if (s->have_defaults) {
		X(xmlTextWriterStartElement(w, XS("defaults")));
		if (s->defaults_name != NULL)
			X(xmlw_attr(w, "name", s->defaults_name));
		X(write_settings(w, &s->defaults));
		X(xmlTextWriterEndElement(w));
	}
	for (i = 0; i < s->n; i++) {
		X(xmlTextWriterStartElement(w, XS("device")));
		X(xmlw_attr(w, "name", s->dev[i].name));
		X(write_settings(w, &s->dev[i]));
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterEndDocument(w));
	rc = 0;
out:
	return rc;
}

enum algoff_err
import_write_xml(const struct import_set *s, char **out, struct errbuf *eb)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b != NULL ? xmlNewTextWriterMemory(b, 0) : NULL;
	int rc;

	*out = NULL;
	if (w == NULL) {
		xmlBufferFree(b);
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "cannot create an "
		    "XML writer");
	}
	rc = write_doc(w, s);
	xmlFreeTextWriter(w);    /* flushes into b */
	if (rc == 0)
		*out = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return rc == 0 ? ALGOFF_OK : errbuf_set(eb, ALGOFF_ERR_INTERNAL,
	    "writing the answer file failed");
}
