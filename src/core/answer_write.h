/* SPDX-License-Identifier: MIT */
/*
 * answer_write.h - write answer files (schema/batch.xsd) with libxml2's
 * xmlTextWriter: a new file with one device, or one device added to an
 * existing, valid file. Values are escaped by libxml2; callers pass
 * secrets only as the names of environment variables.
 */
#ifndef ALGOFF_ANSWER_WRITE_H
#define ALGOFF_ANSWER_WRITE_H

#include <stddef.h>

#include "core/err.h"

/* One attribute of a <device> element (name= is passed apart). */
struct answer_attr {
	const char *name;
	const char *value;
};

/*
 * answer_doc_xml - the text of a new answer file: an XML comment, then
 * <algoff-batch version="1"> with one <device name=NAME .../>. The comment
 * must not contain "--". Caller frees.
 */
char *answer_doc_xml(const char *comment, const char *name,
    const struct answer_attr *a, size_t n);

/*
 * answer_append_device - parse path and validate it against the schema,
 * add <device name=.../> with the first free name of base, base-2, ...
 * and replace the file atomically (a new file, then rename). The name
 * used goes to name_out (size name_sz).
 */
enum algoff_err answer_append_device(const char *path, const char *base,
    const struct answer_attr *a, size_t n, char *name_out, size_t name_sz,
    struct errbuf *eb);

#endif
