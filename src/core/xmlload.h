/* SPDX-License-Identifier: MIT */
/* xmlload.h - parse an XML file and validate it against an XSD schema. */
#ifndef ALGOFF_XMLLOAD_H
#define ALGOFF_XMLLOAD_H

#include <libxml/tree.h>

#include "core/err.h"

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

#endif
