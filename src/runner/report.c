/* SPDX-License-Identifier: MIT */
/*
 * report.c - the JSON and JUnit reports of a batch run, and a small,
 * bounded JSON reader for --only-failed (it understands any JSON; it looks
 * for "file" and devices[].name / devices[].ok).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/xmalloc.h"
#include "runner/report.h"

#define REPORT_MAX (64u * 1024 * 1024)
#define JSON_DEPTH 32

static size_t
sel_at(const size_t *sel, size_t i)
{
	return sel != NULL ? sel[i] : i;
}

static void
json_tags(FILE *f, const char *tags)
{
	char *copy, *tok, *save = NULL;
	int first = 1;

	fputc('[', f);
	if (tags != NULL) {
		copy = xstrdup(tags);
		for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\r\n", &save)) {
			fputs(first ? "" : ",", f);
			json_str(f, tok);
			first = 0;
		}
		free(copy);
	}
	fputc(']', f);
}

static void
json_alg(FILE *f, const char *key, int v)
{
	fprintf(f, ",\"%s\":%s", key, v < 0 ? "null" : v ? "\"on\"" : "\"off\"");
}

static void
json_device(FILE *f, const struct answer_device *d,
    const struct batch_result *r)
{
	char steps[128];
	size_t i;
	int first;

	fprintf(f, "{\"name\":");
	json_str(f, d->name);
	fprintf(f, ",\"line\":%d,\"vendor\":", d->line);
	json_str(f, d->v != NULL ? d->v->id : NULL);
	fprintf(f, ",\"evidence\":");
	json_str(f, d->v != NULL ? vendor_evidence_name(d->v->evidence) : NULL);
	fprintf(f, ",\"host\":");
	json_str(f, d->host);
	fprintf(f, ",\"port\":%d,\"user\":", d->port);
	json_str(f, d->user);
	fprintf(f, ",\"tags\":");
	json_tags(f, d->tags);
	fprintf(f, ",\"steps\":");
	json_str(f, answer_steps_str(d->steps, steps, sizeof(steps)));
	fprintf(f, ",\"status\":\"%s\",\"outcome\":\"%s\",\"ok\":%s,"
	    "\"error\":", batch_status_name(r->status),
	    batch_status_name(r->status),
	    batch_status_ok(r->status) ? "true" : "false");
	json_str(f, r->error);
	fprintf(f, ",\"reason\":");
	json_str(f, r->reason);
	fprintf(f, ",\"variant\":");
	json_str(f, r->variant);
	fprintf(f, ",\"backup\":");
	json_str(f, r->backup_path);
	json_alg(f, "alg_before", r->alg_before);
	json_alg(f, "alg_after", r->alg_after);
	fprintf(f, ",\"seconds\":%.3f,\"applied\":[", r->seconds);
	for (i = 0, first = 1; i < r->n_cmds; i++) {
		if (!batch_cmd_applied(&r->cmds[i]))
			continue;
		fputs(first ? "" : ",", f);
		json_str(f, r->cmds[i].text);
		first = 0;
	}
	fprintf(f, "],\"commands\":[");
	for (i = 0; i < r->n_cmds; i++) {
		fprintf(f, "%s{\"step\":", i ? "," : "");
		json_str(f, r->cmds[i].step);
		fprintf(f, ",\"command\":");
		json_str(f, r->cmds[i].text);
		fprintf(f, ",\"status\":");
		json_str(f, r->cmds[i].status);
		fputc('}', f);
	}
	fprintf(f, "]}");
}

static void
count(const struct batch_result *res, const size_t *sel, size_t n,
    size_t *ok, size_t *failed, size_t *skipped)
{
	size_t i;
	enum batch_status s;

	*ok = *failed = *skipped = 0;
	for (i = 0; i < n; i++) {
		s = res[sel_at(sel, i)].status;
		if (batch_status_ok(s))
			(*ok)++;
		else if (s == BATCH_NOT_STARTED || s == BATCH_PENDING)
			(*skipped)++;
		else
			(*failed)++;
	}
}

void
report_json(FILE *f, const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n_sel, const struct report_meta *m)
{
	size_t i, n = sel != NULL ? n_sel : b->n, ok, failed, skipped;

	count(res, sel, n, &ok, &failed, &skipped);
	fprintf(f, "{\"algoff_batch_report\":1,\"file\":");
	json_str(f, b->abspath);
	fprintf(f, ",\"name\":");
	json_str(f, b->name);
	fprintf(f, ",\"started\":");
	json_str(f, m->started);
	fprintf(f, ",\"seconds\":%.3f,\"jobs\":%d,\"interrupted\":%s,"
	    "\"only_failed\":", m->seconds, m->jobs,
	    m->interrupted ? "true" : "false");
	json_str(f, m->only_failed);
	fprintf(f, ",\n\"summary\":{\"total\":%zu,\"succeeded\":%zu,"
	    "\"failed\":%zu,\"not_started\":%zu},\n\"devices\":[\n", n, ok,
	    failed, skipped);
	for (i = 0; i < n; i++) {
		json_device(f, &b->dev[sel_at(sel, i)], &res[sel_at(sel, i)]);
		fputs(i + 1 < n ? ",\n" : "\n", f);
	}
	fprintf(f, "]}\n");
}

static void
xml_put(FILE *f, const char *s)
{
	struct buf b;

	buf_init(&b, REPORT_MAX);
	xml_escape_buf(&b, s != NULL ? s : "");
	if (b.data != NULL)
		fputs(b.data, f);
	buf_free(&b);
}

static void
junit_body(FILE *f, const struct answer_device *d,
    const struct batch_result *r)
{
	size_t i;

	fprintf(f, "status: %s\nhost: ", batch_status_name(r->status));
	xml_put(f, d->host);
	fprintf(f, ":%d\nbackup: ", d->port);
	xml_put(f, r->backup_path != NULL ? r->backup_path : "-");
	fprintf(f, "\ncommands sent:\n");
	for (i = 0; i < r->n_cmds; i++) {
		fprintf(f, "  [%s] ", r->cmds[i].step);
		xml_put(f, r->cmds[i].text);
		fprintf(f, " (%s)\n", r->cmds[i].status);
	}
}

static void
junit_case(FILE *f, const struct answer_device *d,
    const struct batch_result *r)
{
	fprintf(f, "    <testcase classname=\"algoff.batch.");
	xml_put(f, d->v != NULL ? d->v->id : "unknown");
	fprintf(f, "\" name=\"");
	xml_put(f, d->name);
	fprintf(f, "\" time=\"%.3f\">\n", r->seconds);
	if (r->status == BATCH_NOT_STARTED || r->status == BATCH_PENDING) {
		fprintf(f, "      <skipped message=\"");
		xml_put(f, r->reason != NULL ? r->reason : "not started");
		fprintf(f, "\"/>\n");
	} else if (!batch_status_ok(r->status)) {
		fprintf(f, "      <failure type=\"%s\" message=\"",
		    batch_status_name(r->status));
		xml_put(f, r->reason != NULL ? r->reason :
		    batch_status_name(r->status));
		fprintf(f, "\">");
		junit_body(f, d, r);
		fprintf(f, "</failure>\n");
	}
	fprintf(f, "      <system-out>");
	junit_body(f, d, r);
	fprintf(f, "</system-out>\n    </testcase>\n");
}

void
report_junit(FILE *f, const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n_sel, const struct report_meta *m)
{
	size_t i, n = sel != NULL ? n_sel : b->n, ok, failed, skipped;

	count(res, sel, n, &ok, &failed, &skipped);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"algoff batch\" tests=\"%zu\" "
	    "failures=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n", n, failed,
	    skipped, m->seconds);
	fprintf(f, "  <testsuite name=\"");
	xml_put(f, b->name);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"%zu\" time=\"%.3f\" timestamp=\"", n, failed, skipped,
	    m->seconds);
	xml_put(f, m->started);
	fprintf(f, "\">\n    <properties>\n      <property name=\"file\" "
	    "value=\"");
	xml_put(f, b->abspath);
	fprintf(f, "\"/>\n      <property name=\"interrupted\" value=\"%s\"/>"
	    "\n    </properties>\n", m->interrupted ? "true" : "false");
	for (i = 0; i < n; i++)
		junit_case(f, &b->dev[sel_at(sel, i)], &res[sel_at(sel, i)]);
	fprintf(f, "  </testsuite>\n</testsuites>\n");
}

enum algoff_err
report_write(const char *path,
    void (*fn)(FILE *, const struct answer *, const struct batch_result *,
    const size_t *, size_t, const struct report_meta *),
    const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n_sel, const struct report_meta *m,
    struct errbuf *eb)
{
	char *tmp = NULL;
	FILE *f;
	enum algoff_err r = ALGOFF_ERR_IO;

	xasprintf(&tmp, "%s.tmp", path);
	f = fopen(tmp, "w");
	if (f == NULL) {
		errbuf_set(eb, r, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	fn(f, b, res, sel, n_sel, m);
	if (ferror(f) | fclose(f)) {
		errbuf_set(eb, r, "%s: write error", tmp);
		(void)unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		errbuf_set(eb, r, "%s: %s", path, strerror(errno));
		(void)unlink(tmp);
		goto out;
	}
	r = ALGOFF_OK;
out:
	free(tmp);
	return r;
}

/* A bounded reader of JSON text (RFC 8259) for --only-failed. */
struct jr {
	const char *start, *p, *end;
	int depth;
	const char *path;
	struct errbuf *eb;
};

static int
j_fail(struct jr *J, const char *what)
{
	errbuf_set(J->eb, ALGOFF_ERR_INPUT, "%s: not a batch JSON report: %s "
	    "at byte %ld", J->path, what, (long)(J->p - J->start));
	return -1;
}

static void
j_ws(struct jr *J)
{
	while (J->p < J->end && (*J->p == ' ' || *J->p == '\t' ||
	    *J->p == '\n' || *J->p == '\r'))
		J->p++;
}

static int
j_lit(struct jr *J, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(J->end - J->p) < n || memcmp(J->p, lit, n) != 0)
		return j_fail(J, "bad literal");
	J->p += n;
	return 0;
}

static int
j_hex4(struct jr *J, unsigned *u)
{
	int i;
	char c;

	*u = 0;
	if (J->end - J->p < 4)
		return j_fail(J, "short \\u escape");
	for (i = 0; i < 4; i++) {
		c = *J->p++;
		*u <<= 4;
		if (c >= '0' && c <= '9') *u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') *u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') *u |= (unsigned)(c - 'A' + 10);
		else return j_fail(J, "bad \\u escape");
	}
	return 0;
}

static void
utf8_put(struct buf *b, unsigned u)
{
	char o[4];

	if (u >= 0xd800 && u <= 0xdfff)
		u = '?';   /* lone or paired surrogate: names never hold them */
	if (u < 0x80) {
		o[0] = (char)u;
		buf_append(b, o, 1);
	} else if (u < 0x800) {
		o[0] = (char)(0xc0 | (u >> 6));
		o[1] = (char)(0x80 | (u & 0x3f));
		buf_append(b, o, 2);
	} else {
		o[0] = (char)(0xe0 | (u >> 12));
		o[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		o[2] = (char)(0x80 | (u & 0x3f));
		buf_append(b, o, 3);
	}
}

/* j_string - a string into out (may be NULL to skip). */
static int
j_string(struct jr *J, struct buf *out)
{
	char c;
	unsigned u;
	struct buf tmp;
	struct buf *b = out;

	if (b == NULL) {
		buf_init(&tmp, REPORT_MAX);
		b = &tmp;
	}
	if (J->p >= J->end || *J->p != '"')
		return j_fail(J, "string expected");
	J->p++;
	while (J->p < J->end && *J->p != '"') {
		c = *J->p++;
		if ((unsigned char)c < 0x20)
			goto bad;
		if (c != '\\') {
			buf_append(b, &c, 1);
			continue;
		}
		if (J->p >= J->end)
			goto bad;
		c = *J->p++;
		switch (c) {
		case 'n': buf_puts(b, "\n"); break;
		case 't': buf_puts(b, "\t"); break;
		case 'r': buf_puts(b, "\r"); break;
		case 'b': buf_puts(b, "\b"); break;
		case 'f': buf_puts(b, "\f"); break;
		case '"': case '\\': case '/': buf_append(b, &c, 1); break;
		case 'u':
			if (j_hex4(J, &u) != 0)
				goto fail;
			utf8_put(b, u);
			break;
		default:
			goto bad;
		}
	}
	if (J->p >= J->end)
		goto bad;
	J->p++;
	if (out == NULL)
		buf_free(&tmp);
	return 0;
bad:
	j_fail(J, "bad string");
fail:
	if (out == NULL)
		buf_free(&tmp);
	return -1;
}

static int j_skip(struct jr *J);

/* j_members - walk an object or array; fn sees each member (key NULL in
 * an array) with the reader positioned at its value. */
static int
j_walk(struct jr *J, int object,
    int (*fn)(struct jr *, const char *key, void *), void *arg)
{
	struct buf key;
	int r = -1;

	buf_init(&key, 4096);
	if (++J->depth > JSON_DEPTH) {
		j_fail(J, "nested too deeply");
		goto out;
	}
	J->p++;   /* { or [ */
	j_ws(J);
	if (J->p < J->end && *J->p == (object ? '}' : ']')) {
		J->p++;
		r = 0;
		goto out;
	}
	for (;;) {
		j_ws(J);
		if (object) {
			buf_reset(&key);
			if (j_string(J, &key) != 0)
				goto out;
			j_ws(J);
			if (J->p >= J->end || *J->p++ != ':') {
				j_fail(J, "':' expected");
				goto out;
			}
			j_ws(J);
		}
		if (fn(J, object ? (key.data ? key.data : "") : NULL, arg) != 0)
			goto out;
		j_ws(J);
		if (J->p < J->end && *J->p == ',') {
			J->p++;
			continue;
		}
		if (J->p < J->end && *J->p == (object ? '}' : ']')) {
			J->p++;
			break;
		}
		j_fail(J, "',' or end expected");
		goto out;
	}
	r = 0;
out:
	J->depth--;
	buf_free(&key);
	return r;
}

static int
skip_member(struct jr *J, const char *key, void *arg)
{
	(void)key;
	(void)arg;
	return j_skip(J);
}

static int
j_skip(struct jr *J)
{
	if (J->p >= J->end)
		return j_fail(J, "value expected");
	switch (*J->p) {
	case '{': return j_walk(J, 1, skip_member, NULL);
	case '[': return j_walk(J, 0, skip_member, NULL);
	case '"': return j_string(J, NULL);
	case 't': return j_lit(J, "true");
	case 'f': return j_lit(J, "false");
	case 'n': return j_lit(J, "null");
	}
	if (*J->p != '-' && (*J->p < '0' || *J->p > '9'))
		return j_fail(J, "value expected");
	while (J->p < J->end && strchr("+-0123456789.eE", *J->p) != NULL)
		J->p++;
	return 0;
}

struct failed_ctx {
	char ***names;
	size_t *n;
	char **file;
	char *name;           /* current device */
	int ok;               /* -1 unknown */
	int seen_devices;
};

static int
device_member(struct jr *J, const char *key, void *arg)
{
	struct failed_ctx *C = arg;
	struct buf b;
	int r;

	if (strcmp(key, "name") == 0 && J->p < J->end && *J->p == '"') {
		buf_init(&b, 4096);
		r = j_string(J, &b);
		free(C->name);
		C->name = r == 0 ? buf_take(&b) : NULL;
		buf_free(&b);
		return r;
	}
	if (strcmp(key, "ok") == 0 && J->p < J->end && *J->p == 't') {
		C->ok = 1;
		return j_lit(J, "true");
	}
	if (strcmp(key, "ok") == 0 && J->p < J->end && *J->p == 'f') {
		C->ok = 0;
		return j_lit(J, "false");
	}
	return j_skip(J);
}

static int
devices_elem(struct jr *J, const char *key, void *arg)
{
	struct failed_ctx *C = arg;

	(void)key;
	if (J->p >= J->end || *J->p != '{')
		return j_fail(J, "device object expected");
	C->name = NULL;
	C->ok = -1;
	if (j_walk(J, 1, device_member, C) != 0) {
		free(C->name);
		return -1;
	}
	if (C->name == NULL || C->ok < 0) {
		free(C->name);
		return j_fail(J, "device without name or ok");
	}
	if (C->ok == 0) {
		*C->names = xreallocarray(*C->names, *C->n + 1,
		    sizeof(char *));
		(*C->names)[(*C->n)++] = C->name;
	} else
		free(C->name);
	C->name = NULL;
	return 0;
}

static int
top_member(struct jr *J, const char *key, void *arg)
{
	struct failed_ctx *C = arg;
	struct buf b;
	int r;

	if (strcmp(key, "devices") == 0 && J->p < J->end && *J->p == '[') {
		C->seen_devices = 1;
		return j_walk(J, 0, devices_elem, C);
	}
	if (strcmp(key, "file") == 0 && J->p < J->end && *J->p == '"') {
		buf_init(&b, 8192);
		r = j_string(J, &b);
		free(*C->file);
		*C->file = r == 0 ? buf_take(&b) : NULL;
		buf_free(&b);
		return r;
	}
	return j_skip(J);
}

static enum algoff_err
read_all(const char *path, struct buf *b, struct errbuf *eb)
{
	FILE *f = fopen(path, "r");
	char chunk[8192];
	size_t n;
	enum algoff_err r = ALGOFF_OK;

	if (f == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: %s", path,
		    strerror(errno));
	while (r == ALGOFF_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) != ALGOFF_OK)
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: larger than "
			    "%u bytes", path, REPORT_MAX);
	if (r == ALGOFF_OK && ferror(f))
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: read error", path);
	fclose(f);
	return r;
}

enum algoff_err
report_read_failed(const char *path, char ***names, size_t *n, char **file,
    struct errbuf *eb)
{
	struct buf b;
	struct jr J;
	struct failed_ctx C;
	enum algoff_err r;
	size_t i;

	*names = NULL;
	*n = 0;
	*file = NULL;
	buf_init(&b, REPORT_MAX);
	if ((r = read_all(path, &b, eb)) != ALGOFF_OK)
		goto out;
	memset(&J, 0, sizeof(J));
	J.p = J.start = b.data != NULL ? b.data : "";
	J.end = J.p + b.len;
	J.path = path;
	J.eb = eb;
	memset(&C, 0, sizeof(C));
	C.names = names;
	C.n = n;
	C.file = file;
	r = ALGOFF_ERR_INPUT;
	j_ws(&J);
	if (J.p >= J.end || *J.p != '{') {
		j_fail(&J, "object expected");
		goto out;
	}
	if (j_walk(&J, 1, top_member, &C) != 0)
		goto out;
	j_ws(&J);
	if (J.p != J.end) {
		j_fail(&J, "trailing data");
		goto out;
	}
	if (!C.seen_devices) {
		errbuf_set(eb, r, "%s: not a batch JSON report: no \"devices\" "
		    "array", path);
		goto out;
	}
	r = ALGOFF_OK;
out:
	if (r != ALGOFF_OK) {
		for (i = 0; i < *n; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*n = 0;
		free(*file);
		*file = NULL;
	}
	buf_free(&b);
	return r;
}
