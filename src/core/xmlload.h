/* SPDX-License-Identifier: MIT */
/*
 * xmlload.h - parse an XML file and validate it against an XSD schema, and
 * the node helpers the vendor and answer loaders share. Only src/core
 * includes libxml2.
 */
#ifndef ALGOFF_XMLLOAD_H
#define ALGOFF_XMLLOAD_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "core/err.h"

/* xml_report_fn - one libxml2 error: the file it is about, line, message. */
typedef void (*xml_report_fn)(void *arg, const char *file, int line,
    const char *msg);

enum xv_status {
	XV_OK,          /* parsed and valid */
	XV_PARSE,       /* not readable or not well-formed: *out is NULL */
	XV_SCHEMA,      /* the schema itself could not be loaded */
	XV_INVALID,     /* parsed, but does not match the schema */
};

/*
 * xml_parse_validate - parse path (no network, no entity expansion, plus
 * options) and validate it against xsd, handing every error (not
 * warnings) to report. *out is the document whenever it parsed (caller
 * frees), *reported the number of errors handed over.
 */
enum xv_status xml_parse_validate(const char *path, const char *xsd,
    int options, xml_report_fn report, void *arg, xmlDocPtr *out,
    int *reported);

/*
 * xml_load_validated - parse path (no network, no entity expansion) and
 * validate it against the schema file xsd. On failure eb holds
 * "path:line: reason" for the first problem.
 */
enum algoff_err xml_load_validated(const char *path, const char *xsd,
    xmlDocPtr *out, struct errbuf *eb);

/* xml_attr - a copy of attribute name (caller frees), NULL when absent. */
char *xml_attr(xmlNodePtr n, const char *name);
/* xml_bool_attr - 1 for "true"/"1", 0 for other values, -1 when absent. */
int xml_bool_attr(xmlNodePtr n, const char *name);

/*
 * xml_int_attr - attribute name as a decimal integer from lo to hi: 0 and
 * *out set; 1 when absent, -1 when it is no such number (*out unchanged).
 */
int xml_int_attr(xmlNodePtr n, const char *name, int lo, int hi, int *out);
/* xml_text - the text content of n (caller frees; "" when empty). */
char *xml_text(xmlNodePtr n);
/* xml_is - is n an element called name? */
int xml_is(xmlNodePtr n, const char *name);
/* xml_line - the line n starts on, 0 for NULL. */
int xml_line(xmlNodePtr n);
/* file_stem - "dir/fortigate.xml" -> "fortigate" (caller frees). */
char *file_stem(const char *path);
/* xmlw_attr / xmlw_text - write an attribute or text made valid UTF-8 and
 * XML first (invalid bytes and control characters become U+FFFD); value
 * NULL writes "". Return what xmlTextWriter returned. */
int xmlw_attr(xmlTextWriterPtr w, const char *name, const char *value);
int xmlw_text(xmlTextWriterPtr w, const char *text);

#endif
