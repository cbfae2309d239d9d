/* SPDX-License-Identifier: MIT */
/* vendor_int.h - the loader's state, shared by vendor_load.c and
 * vendor_https.c (the <https> part of a vendor file). */
#ifndef ALGOFF_VENDOR_INT_H
#define ALGOFF_VENDOR_INT_H

#include <libxml/tree.h>

#include "core/vendor.h"

struct loadctx {
	struct vendor *v;
	const char *file;
	const char *tdir;
	struct errbuf *eb;
};

/* vload_sources - every id of the space separated list is declared. */
enum algoff_err vload_sources(struct loadctx *L, xmlNodePtr n,
    const char *list);
/* vload_template - the contents of templates/rel (inside templates/). */
enum algoff_err vload_template(struct loadctx *L, xmlNodePtr n,
    const char *rel, char **out);
/* vload_https - the <https> element: port, content type, ok, login and
 * logout requests. */
enum algoff_err vload_https(struct loadctx *L, xmlNodePtr n);
/* vload_requests - the <request> children of a https step. */
enum algoff_err vload_requests(struct loadctx *L, xmlNodePtr n,
    struct vrequest **out, size_t *nout);
void vrequests_free(struct vrequest *a, size_t n);
void vhttps_free(struct vhttps *h);

#endif
