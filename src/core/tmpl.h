/* SPDX-License-Identifier: MIT */
/*
 * tmpl.h - render a step template with declared variables only.
 *
 * Template syntax (templates/ID/STEP.tmpl), one command per line:
 *   {{name}}        the value of a declared variable
 *   %if name        the following lines only when name has a value
 *   %unless name    the following lines only when name has no value
 *   %endif
 *   %# comment      ignored; blank lines are ignored too
 * Values are refused when they hold any control character (newline, CR,
 * NUL, ESC, DEL ...) or do not match the variable's declared pattern, so a
 * value can never add a command line.
 */
#ifndef ALGOFF_TMPL_H
#define ALGOFF_TMPL_H

#include <stddef.h>

#include "core/err.h"
#include "core/buf.h"
#include "core/vendor.h"

struct varset {
	char **name;
	char **value;
	size_t n;
};

void varset_set(struct varset *vs, const char *name, const char *value);
const char *varset_get(const struct varset *vs, const char *name);
void varset_free(struct varset *vs);

/* tmpl_check_value - control characters and the declared pattern. */
enum algoff_err tmpl_check_value(const struct vvar *vv, const char *value,
    struct errbuf *eb);
/*
 * tmpl_check_user_vars - every variable in vs must be declared by v, be a
 * user variable (from="user") and hold a valid value.
 */
enum algoff_err tmpl_check_user_vars(const struct vendor *v,
    const struct varset *vs, struct errbuf *eb);

struct tmpl_line {
	char *text;
	char *cond;        /* dry-run: only sent when this device variable is
	                      set ("name") or not set ("!name") */
	int placeholder;   /* dry-run: holds a <device value> placeholder */
};

/*
 * tmpl_render - render st->text. With dry set, device variables without a
 * value become "<name>" placeholders and %if blocks on them are kept with
 * cond set; without dry, a missing value is an error.
 */
enum algoff_err tmpl_render(const struct vendor *v, const struct vstep *st,
    const struct varset *vars, int dry, struct tmpl_line **out, size_t *n,
    struct errbuf *eb);
void tmpl_lines_free(struct tmpl_line *l, size_t n);

/*
 * tmpl_escape - append val to b escaped by filter: "json" (a JSON string
 * with its quotes), "form" (application/x-www-form-urlencoded, space as
 * +), "url" (RFC 3986 percent-encoding of everything but unreserved
 * characters). In a template: {{name|json}}, {{name|form}}, {{name|url}}.
 * ALGOFF_ERR_USAGE for an unknown filter.
 */
enum algoff_err tmpl_escape(const char *filter, const char *val,
    struct buf *b);

#endif
