/* SPDX-License-Identifier: MIT */
/*
 * report.c - the JSON ("algoff.batch/1") and JUnit reports of a batch run,
 * and the reader for --only-failed (jansson; it looks for "file" and
 * devices[].name / devices[].ok).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/json.h"
#include "core/junit.h"
#include "core/xmalloc.h"
#include "runner/report.h"

static void
report_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* is_infra_error - a connection, authentication or host-key failure: the
 * device was not reached or not trusted (JUnit <error>, not a failure). */
static int
is_infra_error(const char *error)
{
	static const enum algoff_err infra[] = { ALGOFF_ERR_CONNECT,
	    ALGOFF_ERR_HOSTKEY, ALGOFF_ERR_AUTH };
	size_t i;

	for (i = 0; i < sizeof(infra) / sizeof(infra[0]); i++)
		if (strcmp(error, algoff_strerror(infra[i])) == 0)
			return 1;
	return 0;
}

static size_t
sel_at(const size_t *sel, size_t i)
{
	return sel != NULL ? sel[i] : i;
}

static json_t *
json_device(const struct answer_device *d, const struct batch_result *r)
{
	json_t *o = json_object(), *applied = json_array(),
	    *unconf = json_array(), *cmds = json_array(), *c;
	size_t i;
	int port = d->port > 0 ? d->port : 22;

	json_set_text(o, "name", d->name);
	json_object_set_new(o, "line", json_integer(d->line));
	json_set_text(o, "vendor", d->v != NULL ? d->v->id : NULL);
	json_set_text(o, "evidence", d->v != NULL ?
	    vendor_evidence_name(d->v->evidence) : NULL);
	json_set_text(o, "host", d->host);
	json_object_set_new(o, "port", json_integer(port));
	json_object_set_new(o, "address", json_hostport(d->host, port));
	json_set_text(o, "user", d->user);
	json_object_set_new(o, "tags", json_words(d->tags));
	json_object_set_new(o, "steps", json_steps(d->steps));
	json_object_set_new(o, "outcome",
	    json_string(batch_status_name(r->status)));
	json_object_set_new(o, "ok", json_boolean(batch_status_ok(r->status)));
	json_set_text(o, "reason", r->reason);
	json_set_text(o, "error", r->error);
	json_set_text(o, "variant", r->variant);
	json_object_set_new(o, "alg_before", json_alg(r->alg_before));
	json_object_set_new(o, "alg_after", json_alg(r->alg_after));
	json_set_text(o, "backup", r->backup_path);
	json_object_set_new(o, "seconds", json_real(r->seconds));
	for (i = 0; i < r->n_cmds; i++) {
		c = json_object();
		json_set_text(c, "step", r->cmds[i].step);
		json_set_text(c, "command", r->cmds[i].text);
		json_set_text(c, "status", r->cmds[i].status);
		json_array_append_new(cmds, c);
		if (batch_cmd_applied(&r->cmds[i]))
			json_array_append_new(applied,
			    json_text(r->cmds[i].text));
		if (strcmp(r->cmds[i].status, "unconfirmed") == 0)
			json_array_append_new(unconf,
			    json_text(r->cmds[i].text));
	}
	json_object_set_new(o, "commands", cmds);
	json_object_set_new(o, "applied", applied);
	json_object_set_new(o, "unconfirmed", unconf);
	return o;
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
	json_t *doc = json_doc("algoff.batch/1"), *sum = json_object(),
	    *devs = json_array();

	count(res, sel, n, &ok, &failed, &skipped);
	json_set_text(doc, "file", b->abspath);
	json_set_text(doc, "name", b->name);
	json_set_text(doc, "started", m->started);
	json_object_set_new(doc, "seconds", json_real(m->seconds));
	json_object_set_new(doc, "jobs", json_integer(m->jobs));
	json_object_set_new(doc, "interrupted", json_boolean(m->interrupted));
	json_set_text(doc, "only_failed", m->only_failed);
	json_object_set_new(sum, "total", json_integer((json_int_t)n));
	json_object_set_new(sum, "succeeded", json_integer((json_int_t)ok));
	json_object_set_new(sum, "failed", json_integer((json_int_t)failed));
	json_object_set_new(sum, "not_started",
	    json_integer((json_int_t)skipped));
	json_object_set_new(doc, "summary", sum);
	for (i = 0; i < n; i++)
		json_array_append_new(devs, json_device(&b->dev[sel_at(sel, i)],
		    &res[sel_at(sel, i)]));
	json_object_set_new(doc, "devices", devs);
	(void)json_print(f, doc);
}

/* junit_put - one device as a JUnit test case (core/junit.h). */
static void
junit_put(struct junit_case *jc, const struct answer_device *d,
    const struct batch_result *r)
{
	struct junit_cmd *cmds = xcalloc(r->n_cmds ? r->n_cmds : 1,
	    sizeof(*cmds));
	size_t i;

	for (i = 0; i < r->n_cmds; i++) {
		cmds[i].step = r->cmds[i].step;
		cmds[i].text = r->cmds[i].text;
		cmds[i].status = r->cmds[i].status;
	}
	memset(jc, 0, sizeof(*jc));
	jc->classname = d->v != NULL ? d->v->id : "unknown";
	jc->name = d->name;
	jc->seconds = r->seconds;
	jc->host = d->host;
	jc->port = d->port > 0 ? d->port : 22;
	jc->status = batch_status_name(r->status);
	jc->backup = r->backup_path;
	jc->cmds = cmds;
	jc->n_cmds = r->n_cmds;
	if (r->status == BATCH_NOT_STARTED || r->status == BATCH_PENDING)
		jc->kind = JUNIT_SKIPPED;
	else if (batch_status_ok(r->status))
		jc->kind = JUNIT_PASSED;
	else if (r->error != NULL && is_infra_error(r->error))
		jc->kind = JUNIT_ERROR;
	else
		jc->kind = JUNIT_FAILURE;
	jc->message = r->reason != NULL ? r->reason : jc->status;
	jc->type = r->error != NULL ? r->error : jc->status;
}

void
report_junit(FILE *f, const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n_sel, const struct report_meta *m)
{
	size_t i, n = sel != NULL ? n_sel : b->n;
	struct junit_suite s;
	struct junit_case *cases = xcalloc(n ? n : 1, sizeof(*cases));

	for (i = 0; i < n; i++)
		junit_put(&cases[i], &b->dev[sel_at(sel, i)],
		    &res[sel_at(sel, i)]);
	memset(&s, 0, sizeof(s));
	s.name = b->name;
	s.file = b->abspath;
	s.started = m->started;
	s.seconds = m->seconds;
	s.interrupted = m->interrupted;
	s.cases = cases;
	s.n = n;
	(void)junit_write(f, &s);
	for (i = 0; i < n; i++)
		free((void *)cases[i].cmds);
	free(cases);
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

enum algoff_err
report_read_failed(const char *path, char ***names, size_t *n, char **file,
    struct errbuf *eb)
{
	json_error_t je;
	json_t *root, *devs, *d, *name, *ok, *fj;
	size_t i;

	*names = NULL;
	*n = 0;
	*file = NULL;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: not a batch JSON "
		    "report: %s (line %d)", path, je.text, je.line);
	devs = json_object_get(root, "devices");
	if (!json_is_array(devs)) {
		json_decref(root);
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: not a batch JSON "
		    "report: no \"devices\" array", path);
	}
	json_array_foreach(devs, i, d) {
		name = json_object_get(d, "name");
		ok = json_object_get(d, "ok");
		if (!json_is_string(name) || !json_is_boolean(ok)) {
			report_names_free(*names, *n);
			*names = NULL;
			*n = 0;
			json_decref(root);
			return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: not a "
			    "batch JSON report: device %zu without name or ok",
			    path, i);
		}
		if (json_is_true(ok))
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof(char *));
		(*names)[(*n)++] = xstrdup(json_string_value(name));
	}
	fj = json_object_get(root, "file");
	if (json_is_string(fj))
		*file = xstrdup(json_string_value(fj));
	json_decref(root);
	return ALGOFF_OK;
}
