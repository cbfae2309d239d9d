/* SPDX-License-Identifier: MIT */
/* plan_json.c - the dry-run plan as an "algoff.plan/1" JSON document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/plan.h"
#include "core/xmalloc.h"

/* sources - the cited sources of a space separated id list. */
static json_t *
sources(const struct vendor *v, const char *list)
{
	json_t *a = json_array(), *o;
	char *copy, *tok, *save = NULL;
	const struct vsource *s;

	if (list == NULL)
		return a;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if ((s = vendor_source(v, tok)) == NULL)
			continue;
		o = json_object();
		json_set_text(o, "id", s->id);
		json_set_text(o, "label", s->label);
		json_set_text(o, "title", s->title);
		json_set_text(o, "url", s->url);
		json_array_append_new(a, o);
	}
	free(copy);
	return a;
}

static json_t *
regexes(const struct vregex *rx, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_text(rx[i].src));
	return a;
}

static json_t *
patterns(const struct vstep *vs)
{
	json_t *o = json_object(), *caps = json_array(), *c;
	size_t i;

	json_object_set_new(o, "alg_on", regexes(vs->on, vs->n_on));
	json_object_set_new(o, "alg_off", regexes(vs->off, vs->n_off));
	json_object_set_new(o, "success", regexes(vs->success, vs->n_success));
	for (i = 0; i < vs->n_cap; i++) {
		c = json_object();
		json_set_text(c, "variable", vs->cap[i].var);
		json_set_text(c, "regex", vs->cap[i].rx.src);
		json_array_append_new(caps, c);
	}
	json_object_set_new(o, "captures", caps);
	for (i = 0; i < vs->n_req; i++) {
		const struct vstate *st = vs->req[i].state;

		if (st == NULL)
			continue;
		c = json_object();
		json_set_text(c, "json_pointer", st->json);
		json_set_text(c, "on", st->on);
		json_set_text(c, "off", st->off);
		json_set_text(c, "absent", st->absent == 1 ? "on" :
		    st->absent == 0 ? "off" : NULL);
		json_object_set_new(o, "state", c);
	}
	return o;
}

static json_t *
step_json(const struct plan *p, int k)
{
	const struct vendor *v = p->v;
	const struct plan_step *s = &p->steps[k];
	json_t *o = json_object(), *cmds = json_array(), *c;
	char *cond;
	size_t i;

	json_object_set_new(o, "step", json_string(step_name((enum step_kind)k)));
	json_set_text(o, "title", p->rollback_only && k == STEP_ROLLBACK ?
	    "rollback: restore what an earlier run's backup step kept" :
	    plan_step_titles[k]);
	json_set_text(o, "description", s->vs->desc);
	for (i = 0; i < s->n; i++) {
		c = json_object();
		json_set_text(c, "command", s->cmds[i].text);
		cond = s->cmds[i].cond != NULL ?
		    plan_cond_text(v, s->cmds[i].cond) : NULL;
		json_set_text(c, "condition", cond);
		free(cond);
		json_array_append_new(cmds, c);
	}
	json_object_set_new(o, "commands", cmds);
	json_object_set_new(o, "patterns", patterns(s->vs));
	json_object_set_new(o, "sources", sources(v, s->vs->sources));
	return o;
}

static json_t *
plan_head(const struct vendor *v, const char *host)
{
	json_t *doc = json_doc("algoff.plan/1");

	json_set_text(doc, "vendor", v->id);
	json_set_text(doc, "name", v->name);
	json_object_set_new(doc, "method",
	    json_string(vendor_method_name(v->method)));
	json_set_text(doc, "evidence", vendor_evidence_name(v->evidence));
	json_set_text(doc, "host", host);
	json_object_set_new(doc, "dry_run", json_true());
	json_set_text(doc, "versions", v->versions);
	return doc;
}

/* plan_steps - the steps the runner sends, in its order, and the skipped
 * ones. */
static void
plan_steps(const struct plan *p, json_t *doc)
{
	static const enum step_kind rollback_order[] = {
		STEP_ROLLBACK, STEP_VERIFY
	};
	json_t *a = json_array(), *skipped = json_array();
	int k;
	size_t i;

	if (p->rollback_only) {
		for (i = 0; i < 2; i++)
			if (plan_runs(p, rollback_order[i]))
				json_array_append_new(a, step_json(p,
				    (int)rollback_order[i]));
	} else {
		for (k = 0; k < STEP_COUNT; k++)
			if (plan_runs(p, plan_order(p->v, k)))
				json_array_append_new(a, step_json(p,
				    (int)plan_order(p->v, k)));
	}
	for (k = 0; k < STEP_COUNT; k++)
		if (p->steps[k].vs != NULL && !plan_runs(p, (enum step_kind)k))
			json_array_append_new(skipped,
			    json_string(step_name((enum step_kind)k)));
	json_object_set_new(doc, "steps", a);
	json_object_set_new(doc, "skipped", skipped);
}

/* login_json - one line sent around the steps ("METHOD PATH" for an https
 * request, whose credentials travel in a header and are never shown). */
static json_t *
login_json(const char *method, const char *text, const char *note)
{
	json_t *o = json_object();
	char *t = NULL;

	if (method != NULL)
		xasprintf(&t, "%s %s", method, text);
	json_set_text(o, "command", t != NULL ? t : text);
	json_set_text(o, "condition", note);
	free(t);
	return o;
}

json_t *
plan_json(const struct plan *p, const char *host)
{
	const struct vendor *v = p->v;
	struct plan_login_line login[PLAN_LOGIN_MAX];
	json_t *doc = plan_head(v, host), *a = json_array(), *o;
	size_t i, n = plan_login(v, login, PLAN_LOGIN_MAX);

	json_set_text(doc, "variant", p->variant);
	json_object_set_new(doc, "variant_forced",
	    json_boolean(p->variant_forced));
	json_object_set_new(doc, "rollback_only",
	    json_boolean(p->rollback_only));
	json_set_text(doc, "commit_model", v->cli.commit_model);
	for (i = 0; i < n; i++) {
		if (p->variant_forced && login[i].text == v->version_cmd)
			continue;   /* not sent: the variant is given */
		json_array_append_new(a, login_json(login[i].method,
		    login[i].text, login[i].note));
	}
	json_object_set_new(doc, "login", a);
	if (v->method == VENDOR_HTTPS) {
		a = json_array();
		for (i = 0; i < v->https.n_logout; i++)
			json_array_append_new(a, login_json(
			    v->https.logout[i].method, v->https.logout[i].path,
			    "always, also after a failure"));
		json_object_set_new(doc, "logout", a);
	}
	plan_steps(p, doc);
	a = json_array();
	for (i = 0; i < v->n_vars; i++) {
		if (!v->vars[i].from_device)
			continue;
		o = json_object();
		json_set_text(o, "variable", v->vars[i].name);
		json_set_text(o, "description", v->vars[i].desc);
		json_array_append_new(a, o);
	}
	json_object_set_new(doc, "from_device", a);
	return doc;
}

void
plan_print_json(FILE *f, const struct plan *p, const char *host)
{
	(void)json_print(f, plan_json(p, host));
}

void
manual_print_json(FILE *f, const struct vendor *v, const char *host)
{
	json_t *doc = plan_head(v, host), *a = json_array(), *o;
	size_t i;

	for (i = 0; i < v->n_manual; i++) {
		o = json_object();
		json_object_set_new(o, "number", json_integer(v->manual[i].n));
		json_set_text(o, "menu_path", v->manual[i].path);
		json_set_text(o, "text", v->manual[i].text);
		json_object_set_new(o, "sources",
		    sources(v, v->manual[i].sources));
		json_array_append_new(a, o);
	}
	json_object_set_new(doc, "steps", a);
	json_set_text(doc, "notes", v->notes);
	json_set_text(doc, "then", "algoff probe --reflector HOST");
	(void)json_print(f, doc);
}
