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

#endif
