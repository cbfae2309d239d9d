/* SPDX-License-Identifier: MIT */
/*
 * import_csv.c - devices from a CSV file (RFC 4180: fields separated by
 * ',', records by CRLF or LF, "quoted" fields with "" for a quote and line
 * breaks inside). The header row names the columns: "name", the attribute
 * names of schema/batch.xsd, and "var:NAME" for a template variable. An
 * empty cell leaves the attribute out; blank lines are skipped; a UTF-8 byte
 * order mark is ignored. A column that would hold a secret is refused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/xmalloc.h"

#define CSV_MAX_FIELDS 256

struct field {
	char *text;
	int line;                     /* where the field starts */
};

struct record {
	struct field f[CSV_MAX_FIELDS];
	size_t n;
	int line;
};

struct csv {
	const char *file;
	const char *p, *end;
	int line;
	struct import_errors *errs;
};

static void
record_clear(struct record *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i].text);
	r->n = 0;
}

/* quoted - a field starting at '"'; -1 on a syntax error. */
static int
quoted(struct csv *c, char **out)
{
	int start = c->line;
	size_t len = 0, cap = 64;
	char *t = xmalloc(cap);

	for (c->p++;; c->p++) {
		if (c->p >= c->end) {
			import_error(c->errs, "%s:%d: a quoted field is not "
			    "closed (a missing '\"')", c->file, start);
			free(t);
			return -1;
		}
		if (*c->p == '"' && c->p + 1 < c->end && c->p[1] == '"')
			c->p++;
		else if (*c->p == '"')
			break;
		if (*c->p == '\n')
			c->line++;
		if (len + 2 > cap)
			t = xrealloc(t, cap *= 2);
		t[len++] = *c->p;
	}
	c->p++;
	t[len] = '\0';
	if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
	    !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
		import_error(c->errs, "%s:%d: text after the closing quote of "
		    "a field (a quote inside a field is written \"\")",
		    c->file, c->line);
		free(t);
		return -1;
	}
	*out = t;
	return 0;
}

static int
plain(struct csv *c, char **out)
{
	const char *s = c->p;

	while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
	    !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
		if (*c->p == '"') {
			import_error(c->errs, "%s:%d: a '\"' inside a field "
			    "that is not quoted (quote the whole field and "
			    "write the quote as \"\")", c->file, c->line);
			return -1;
		}
		c->p++;
	}
	*out = xstrndup(s, (size_t)(c->p - s));
	return 0;
}

/* next_record - 1 a record, 0 end of file, -1 a syntax error (the rest of
 * the file is not read: after a broken quote nothing can be trusted). */
static int
next_record(struct csv *c, struct record *r)
{
	char *t;
	int rc;

	record_clear(r);
	if (c->p >= c->end)
		return 0;
	r->line = c->line;
	for (;;) {
		if (r->n == CSV_MAX_FIELDS) {
			import_error(c->errs, "%s:%d: more than %d fields",
			    c->file, c->line, CSV_MAX_FIELDS);
			return -1;
		}
		r->f[r->n].line = c->line;
		rc = c->p < c->end && *c->p == '"' ? quoted(c, &t) :
		    plain(c, &t);
		if (rc != 0)
			return -1;
		r->f[r->n++].text = t;
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end)
			c->p += *c->p == '\r' ? 2 : 1;
		c->line++;
		return 1;
	}
}

enum col_kind { COL_NAME, COL_ATTR, COL_VAR };

struct column {
	enum col_kind kind;
	int attr;
	const char *var;
};

static int
header_column(struct csv *c, const struct field *f, struct column *col)
{
	const char *h = f->text, *bad;

	if ((bad = import_text_check(h)) != NULL) {
		import_error(c->errs, "%s:%d: a column name %s", c->file,
		    f->line, bad);
		return -1;
	}
	if (strcmp(h, "name") == 0) {
		col->kind = COL_NAME;
	} else if (strncmp(h, "var:", 4) == 0) {
		col->kind = COL_VAR;
		col->var = h + 4;
		if ((bad = import_var_name_check(col->var)) != NULL) {
			import_error(c->errs, "%s:%d: column \"%s\": the "
			    "variable name %s", c->file, f->line, h, bad);
			return -1;
		}
	} else if ((col->attr = import_attr_find(h)) >= 0) {
		col->kind = COL_ATTR;
	} else if (import_secret_name(h)) {
		import_error(c->errs, "%s:%d: column \"%s\" would hold a "
		    "secret; algoff never imports secrets: keep it in an "
		    "environment variable and give its name in a column "
		    "\"%s-env\" (or use password-file, identity)", c->file,
		    f->line, h, strcmp(h, "secret") == 0 ? "password" : h);
		return -1;
	} else {
		import_error(c->errs, "%s:%d: unknown column \"%s\" (columns: "
		    "name, the attributes of schema/batch.xsd such as vendor, "
		    "host, port, user, password-env, known-hosts, tags, and "
		    "var:NAME)", c->file, f->line, h);
		return -1;
	}
	return 0;
}

static int
read_header(struct csv *c, const struct record *r, struct column *cols)
{
	size_t i, j;
	int bad = 0, have_name = 0;

	for (i = 0; i < r->n; i++) {
		if (header_column(c, &r->f[i], &cols[i]) != 0) {
			bad = 1;
			continue;
		}
		have_name |= cols[i].kind == COL_NAME;
		for (j = 0; j < i; j++)
			if (strcmp(r->f[i].text, r->f[j].text) == 0) {
				import_error(c->errs, "%s:%d: column \"%s\" "
				    "appears twice", c->file, r->line,
				    r->f[i].text);
				bad = 1;
			}
	}
	if (!have_name && !bad) {
		import_error(c->errs, "%s:%d: the header has no column \"name\" "
		    "(every device needs one)", c->file, r->line);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static const char *
row_name(struct csv *c, const struct record *r, const struct column *cols)
{
	const char *bad;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (cols[i].kind != COL_NAME)
			continue;
		if (r->f[i].text[0] == '\0')
			import_error(c->errs, "%s:%d: column \"name\" is empty "
			    "(every device needs a name)", c->file, r->line);
		else if ((bad = import_text_check(r->f[i].text)) != NULL ||
		    (bad = import_name_check(r->f[i].text)) != NULL)
			import_error(c->errs, "%s:%d: column \"name\": the "
			    "device name %s", c->file, r->f[i].line, bad);
		else
			return r->f[i].text;
	}
	return NULL;
}

static void
read_row(struct csv *c, const struct record *r, const struct column *cols,
    const char *header_text[], struct import_set *s)
{
	struct import_device *d;
	const char *name;
	char why[256];
	size_t i;
	int rc;

	if ((name = row_name(c, r, cols)) == NULL)
		return;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->dev[i].name, name) == 0) {
			import_error(c->errs, "%s:%d: device name \"%s\" is "
			    "used twice", c->file, r->line, name);
			return;
		}
	d = import_add_device(s, name);
	for (i = 0; i < r->n; i++) {
		if (cols[i].kind == COL_NAME || r->f[i].text[0] == '\0')
			continue;
		if (cols[i].kind == COL_VAR)
			rc = import_add_var(d, cols[i].var, r->f[i].text, why,
			    sizeof(why));
		else
			rc = import_set_attr(d, cols[i].attr, r->f[i].text,
			    why, sizeof(why));
		if (rc != 0)
			import_error(c->errs, "%s:%d: column \"%s\": %s",
			    c->file, r->f[i].line, header_text[i], why);
	}
}

static void
read_rows(struct csv *c, struct record *r, const struct column *cols,
    const char *header_text[], size_t ncols, struct import_set *s)
{
	int rc;

	while ((rc = next_record(c, r)) == 1) {
		if (r->n == 1 && r->f[0].text[0] == '\0')
			continue;                       /* a blank line */
		if (r->n != ncols) {
			import_error(c->errs, "%s:%d: %zu field%s, the header "
			    "has %zu", c->file, r->line, r->n, r->n == 1 ? "" :
			    "s", ncols);
			continue;
		}
		if (s->n == IMPORT_MAX_DEVICES) {
			import_error(c->errs, "%s:%d: more than %d devices",
			    c->file, r->line, IMPORT_MAX_DEVICES);
			break;
		}
		read_row(c, r, cols, header_text, s);
	}
}

enum algoff_err
import_csv(const char *path, struct import_set *s, struct import_errors *errs)
{
	struct csv c = { path, NULL, NULL, 1, errs };
	struct record *hdr = xcalloc(1, sizeof(*hdr));
	struct record *r = xcalloc(1, sizeof(*r));
	struct column cols[CSV_MAX_FIELDS];
	const char *htext[CSV_MAX_FIELDS];
	struct errbuf eb;
	char *data = NULL;
	size_t len, i;

	if (import_read_file(path, &data, &len, &eb) != ALGOFF_OK) {
		import_error(errs, "%s", eb.msg);
		goto out;
	}
	c.p = data;
	c.end = data + len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;
	if (next_record(&c, hdr) != 1) {
		if (errs->n == 0)
			import_error(errs, "%s:1: the file is empty (the first "
			    "line names the columns: name,vendor,host,...)",
			    path);
		goto out;
	}
	if (read_header(&c, hdr, cols) != 0)
		goto out;
	for (i = 0; i < hdr->n; i++)
		htext[i] = hdr->f[i].text;
	read_rows(&c, r, cols, htext, hdr->n, s);
	if (errs->n == 0 && s->n == 0)
		import_error(errs, "%s:%d: no device (only the header row)",
		    path, c.line);
out:
	record_clear(hdr);
	record_clear(r);
	free(hdr);
	free(r);
	free(data);
	return errs->n > 0 || errs->dropped > 0 ? ALGOFF_ERR_INPUT : ALGOFF_OK;
}
