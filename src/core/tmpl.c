/* SPDX-License-Identifier: MIT */
/* tmpl.c - template rendering with injection-proof variable values. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/tmpl.h"
#include "core/xmalloc.h"

#define LINE_MAX_LEN 4096
#define IF_DEPTH 8

void
varset_set(struct varset *vs, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		if (strcmp(vs->name[i], name) == 0) {
			free(vs->value[i]);
			vs->value[i] = xstrdup(value);
			return;
		}
	}
	vs->name = xreallocarray(vs->name, vs->n + 1, sizeof(char *));
	vs->value = xreallocarray(vs->value, vs->n + 1, sizeof(char *));
	vs->name[vs->n] = xstrdup(name);
	vs->value[vs->n++] = xstrdup(value);
}

const char *
varset_get(const struct varset *vs, const char *name)
{
	size_t i;

	for (i = 0; vs != NULL && i < vs->n; i++)
		if (strcmp(vs->name[i], name) == 0)
			return vs->value[i];
	return NULL;
}

void
varset_free(struct varset *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->name[i]);
		free(vs->value[i]);
	}
	free(vs->name);
	free(vs->value);
	memset(vs, 0, sizeof(*vs));
}

enum algoff_err
tmpl_check_value(const struct vvar *vv, const char *value, struct errbuf *eb)
{
	const unsigned char *p;
	static const char *names[32] = {
		[0] = "NUL", [9] = "tab", [10] = "newline",
		[13] = "carriage return", [27] = "escape"
	};

	for (p = (const unsigned char *)value; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			const char *what = *p < 0x20 ? names[*p] : "DEL";

			if (what != NULL)
				return errbuf_set(eb, ALGOFF_ERR_INPUT,
				    "variable %s: value contains a %s "
				    "character; refused", vv->name, what);
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "variable %s: value contains control character "
			    "0x%02x; refused", vv->name, *p);
		}
	}
	if (strlen(value) > 1024)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "variable %s: value longer than 1024 bytes", vv->name);
	if (regexec(&vv->re, value, 0, NULL, 0) != 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "variable %s: value \"%s\" does not match the pattern %s",
		    vv->name, value, vv->pattern);
	return ALGOFF_OK;
}

enum algoff_err
tmpl_check_user_vars(const struct vendor *v, const struct varset *vs,
    struct errbuf *eb)
{
	size_t i;
	const struct vvar *vv;
	enum algoff_err r;

	for (i = 0; i < vs->n; i++) {
		vv = vendor_var(v, vs->name[i]);
		if (vv == NULL)
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "variable %s: not declared by vendor %s", vs->name[i],
			    v->id);
		if (vv->from_device)
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "variable %s: read from the device by vendor %s, "
			    "it cannot be set", vs->name[i], v->id);
		if ((r = tmpl_check_value(vv, vs->value[i], eb)) != ALGOFF_OK)
			return r;
	}
	return ALGOFF_OK;
}

struct rctx {
	const struct vendor *v;
	const struct vstep *st;
	const struct varset *vars;
	int dry;
	int lineno;
	struct errbuf *eb;
};

/* lookup - value of name, "" for none; *unknown set for a dry placeholder. */
static enum algoff_err
lookup(struct rctx *R, const char *name, const char **val, int *unknown)
{
	const struct vvar *vv = vendor_var(R->v, name);
	const char *s;
	enum algoff_err r;

	*val = NULL;
	*unknown = 0;
	if (vv == NULL)
		return errbuf_set(R->eb, ALGOFF_ERR_INPUT, "template %s:%d: "
		    "variable \"%s\" is not declared in the vendor file",
		    R->st->tmpl_path, R->lineno, name);
	s = varset_get(R->vars, name);
	if (s == NULL && !vv->from_device)
		s = vv->def;
	if (s == NULL && vv->from_device && R->dry) {
		*unknown = 1;
		return ALGOFF_OK;
	}
	if (s == NULL)
		s = "";
	if (*s != '\0' && (r = tmpl_check_value(vv, s, R->eb)) != ALGOFF_OK)
		return r;
	*val = s;
	return ALGOFF_OK;
}

enum algoff_err
tmpl_escape(const char *filter, const char *val, struct buf *b)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)val;
	enum algoff_err r = ALGOFF_OK;
	int form = strcmp(filter, "form") == 0;

	if (strcmp(filter, "json") == 0) {
		for (r = buf_puts(b, "\""); *p && r == ALGOFF_OK; p++) {
			if (*p == '"' || *p == '\\')
				r = buf_printf(b, "\\%c", *p);
			else if (*p < 0x20 || *p == 0x7f)
				r = buf_printf(b, "\\u%04x", *p);
			else
				r = buf_append(b, (const char *)p, 1);
		}
		return r == ALGOFF_OK ? buf_puts(b, "\"") : r;
	}
	if (!form && strcmp(filter, "url") != 0)
		return ALGOFF_ERR_USAGE;
	for (; *p && r == ALGOFF_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			r = buf_append(b, (const char *)p, 1);
		else if (form && *p == ' ')
			r = buf_puts(b, "+");
		else
			r = buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	return r;
}

static enum algoff_err
expand_line(struct rctx *R, const char *line, struct tmpl_line *out)
{
	struct buf b;
	const char *p = line, *open, *close;
	char name[64], *filter;
	const char *val;
	int unknown;
	size_t len;
	enum algoff_err r = ALGOFF_OK;

	buf_init(&b, LINE_MAX_LEN);
	while (r == ALGOFF_OK && (open = strstr(p, "{{")) != NULL) {
		close = strstr(open + 2, "}}");
		len = close ? (size_t)(close - open - 2) : 0;
		if (close == NULL || len == 0 || len >= sizeof(name)) {
			r = errbuf_set(R->eb, ALGOFF_ERR_INPUT, "template %s:%d: "
			    "malformed {{variable}}", R->st->tmpl_path,
			    R->lineno);
			break;
		}
		memcpy(name, open + 2, len);
		name[len] = '\0';
		if ((filter = strchr(name, '|')) != NULL)
			*filter++ = '\0';
		r = buf_append(&b, p, (size_t)(open - p));
		if (r == ALGOFF_OK)
			r = lookup(R, name, &val, &unknown);
		if (r == ALGOFF_OK && unknown) {
			r = buf_printf(&b, "<%s>", name);
			out->placeholder = 1;
		} else if (r == ALGOFF_OK && *val == '\0') {
			r = errbuf_set(R->eb, ALGOFF_ERR_INPUT, "template %s:%d:"
			    " variable %s has no value", R->st->tmpl_path,
			    R->lineno, name);
		} else if (r == ALGOFF_OK && filter != NULL) {
			if (tmpl_escape(filter, val, &b) == ALGOFF_ERR_USAGE)
				r = errbuf_set(R->eb, ALGOFF_ERR_INPUT, "template "
				    "%s:%d: unknown filter |%s (json, form, url)",
				    R->st->tmpl_path, R->lineno, filter);
		} else if (r == ALGOFF_OK) {
			r = buf_puts(&b, val);
		}
		p = close + 2;
	}
	if (r == ALGOFF_OK)
		r = buf_puts(&b, p);
	if (r == ALGOFF_ERR_TOOBIG)
		r = errbuf_set(R->eb, ALGOFF_ERR_INPUT, "template %s:%d: line "
		    "longer than %d bytes", R->st->tmpl_path, R->lineno,
		    LINE_MAX_LEN);
	if (r != ALGOFF_OK) {
		buf_free(&b);
		return r;
	}
	out->text = buf_take(&b);
	return ALGOFF_OK;
}

/* cond_value - 1 true, 0 false, -1 unknown (dry run, device variable). */
static enum algoff_err
cond_value(struct rctx *R, const char *name, int *truth)
{
	const char *val;
	int unknown;
	enum algoff_err r = lookup(R, name, &val, &unknown);

	if (r != ALGOFF_OK)
		return r;
	*truth = unknown ? -1 : (*val != '\0');
	return ALGOFF_OK;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

enum algoff_err
tmpl_render(const struct vendor *v, const struct vstep *st,
    const struct varset *vars, int dry, struct tmpl_line **out, size_t *n,
    struct errbuf *eb)
{
	struct rctx R = { v, st, vars, dry, 0, eb };
	char *copy, *line, *save = NULL, *t;
	int truth[IF_DEPTH], negated[IF_DEPTH];
	const char *condname[IF_DEPTH];
	int depth = 0, i, active;
	struct tmpl_line *lines = NULL;
	size_t nl = 0;
	enum algoff_err r = ALGOFF_OK;

	*out = NULL;
	*n = 0;
	copy = xstrdup(st->text);
	for (line = copy; line != NULL && r == ALGOFF_OK; line = save) {
		save = strchr(line, '\n');
		if (save != NULL)
			*save++ = '\0';
		R.lineno++;
		t = trim(line);
		if (*t == '\0' || strncmp(t, "%#", 2) == 0)
			continue;
		if (strncmp(t, "%if ", 4) == 0 ||
		    strncmp(t, "%unless ", 8) == 0) {
			int neg = t[1] == 'u';

			if (depth == IF_DEPTH) {
				r = errbuf_set(eb, ALGOFF_ERR_INPUT, "template "
				    "%s:%d: %%if nested too deep", st->tmpl_path,
				    R.lineno);
				break;
			}
			condname[depth] = trim(t + (neg ? 8 : 4));
			r = cond_value(&R, condname[depth], &truth[depth]);
			if (neg && truth[depth] >= 0)
				truth[depth] = !truth[depth];
			negated[depth] = neg;
			depth++;
			continue;
		}
		if (strcmp(t, "%endif") == 0) {
			if (depth == 0)
				r = errbuf_set(eb, ALGOFF_ERR_INPUT, "template "
				    "%s:%d: %%endif without %%if", st->tmpl_path,
				    R.lineno);
			depth--;
			continue;
		}
		if (*t == '%') {
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "template %s:%d: "
			    "unknown directive \"%s\"", st->tmpl_path, R.lineno,
			    t);
			break;
		}
		active = 1;
		for (i = 0; i < depth; i++)
			if (truth[i] == 0)
				active = 0;
		if (!active)
			continue;
		lines = xreallocarray(lines, nl + 1, sizeof(*lines));
		memset(&lines[nl], 0, sizeof(*lines));
		r = expand_line(&R, t, &lines[nl]);
		if (r != ALGOFF_OK)
			break;
		for (i = 0; i < depth; i++)
			if (truth[i] < 0 && lines[nl].cond == NULL)
				xasprintf(&lines[nl].cond, "%s%s",
				    negated[i] ? "!" : "", condname[i]);
		nl++;
	}
	if (r == ALGOFF_OK && depth != 0)
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "template %s: %%if without "
		    "%%endif", st->tmpl_path);
	free(copy);
	if (r != ALGOFF_OK) {
		tmpl_lines_free(lines, nl);
		return r;
	}
	*out = lines;
	*n = nl;
	return ALGOFF_OK;
}

void
tmpl_lines_free(struct tmpl_line *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(l[i].text);
		free(l[i].cond);
	}
	free(l);
}
