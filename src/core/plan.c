/* SPDX-License-Identifier: MIT */
/* plan.c - build and print plans. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/plan.h"
#include "core/xmalloc.h"

static void
push_fixed(struct plan_step *s, const char *text)
{
	s->cmds = xreallocarray(s->cmds, s->n + 1, sizeof(*s->cmds));
	memset(&s->cmds[s->n], 0, sizeof(*s->cmds));
	s->cmds[s->n++].text = xstrdup(text);
}

/* render_text - one template text (a request path or body) joined into one
 * line; where names it in messages. */
static enum algoff_err
render_text(const struct vendor *v, const char *where, const char *text,
    const struct varset *vars, int dry, struct buf *b, int *placeholder,
    struct errbuf *eb)
{
	struct vstep tmp = { .tmpl_path = (char *)where, .text = (char *)text };
	struct tmpl_line *lines;
	size_t n, i;
	enum algoff_err r = tmpl_render(v, &tmp, vars, dry, &lines, &n, eb);

	if (r != ALGOFF_OK)
		return r;
	for (i = 0; r == ALGOFF_OK && i < n; i++) {
		r = buf_puts(b, lines[i].text);
		*placeholder |= lines[i].placeholder;
	}
	tmpl_lines_free(lines, n);
	return r;
}

enum algoff_err
plan_request(const struct vendor *v, const struct vrequest *rq,
    const struct varset *vars, int dry, struct tmpl_line *out,
    struct errbuf *eb)
{
	struct buf b;
	enum algoff_err r;

	memset(out, 0, sizeof(*out));
	buf_init(&b, 1u << 20);
	r = buf_printf(&b, "%s ", rq->method);
	if (r == ALGOFF_OK)
		r = render_text(v, "request path", rq->path, vars, dry, &b,
		    &out->placeholder, eb);
	if (r == ALGOFF_OK && rq->body != NULL && buf_puts(&b, " ") ==
	    ALGOFF_OK)
		r = render_text(v, rq->body_path, rq->body, vars, dry, &b,
		    &out->placeholder, eb);
	if (r != ALGOFF_OK) {
		buf_free(&b);
		return r;
	}
	out->text = buf_take(&b);
	buf_free(&b);
	return ALGOFF_OK;
}

/* https_build_step - one line per request: "METHOD PATH [BODY]". */
static enum algoff_err
https_build_step(const struct vendor *v, const struct vstep *vs,
    const struct varset *vars, int dry, struct plan_step *out,
    struct errbuf *eb)
{
	enum algoff_err r = ALGOFF_OK;
	size_t i;

	out->cmds = xcalloc(vs->n_req, sizeof(*out->cmds));
	for (i = 0; i < vs->n_req && r == ALGOFF_OK; i++) {
		r = plan_request(v, &vs->req[i], vars, dry, &out->cmds[i], eb);
		if (r == ALGOFF_OK)
			out->n++;
	}
	return r;
}

enum algoff_err
plan_build_step(const struct vendor *v, const char *variant, enum step_kind k,
    const struct varset *vars, int dry, struct plan_step *out,
    struct errbuf *eb)
{
	const struct vstep *vs = vendor_step(v, k, variant);
	struct tmpl_line *lines;
	size_t n, i;
	enum algoff_err r;

	memset(out, 0, sizeof(*out));
	out->kind = k;
	out->vs = vs;
	if (vs == NULL)
		return ALGOFF_OK;
	if (v->method == VENDOR_HTTPS)
		return https_build_step(v, vs, vars, dry, out, eb);
	r = tmpl_render(v, vs, vars, dry, &lines, &n, eb);
	if (r != ALGOFF_OK)
		return r;
	if (vs->config && n > 0)
		push_fixed(out, v->cli.config_enter);
	for (i = 0; i < n; i++) {
		out->cmds = xreallocarray(out->cmds, out->n + 1,
		    sizeof(*out->cmds));
		out->cmds[out->n++] = lines[i];
	}
	free(lines);
	if (vs->config && n > 0)
		push_fixed(out, v->cli.config_exit);
	return ALGOFF_OK;
}

enum algoff_err
plan_build(const struct vendor *v, const char *variant,
    const struct varset *vars, int dry, struct plan *out, struct errbuf *eb)
{
	int k;
	enum algoff_err r;

	memset(out, 0, sizeof(*out));
	out->v = v;
	out->variant = variant ? variant : vendor_default_variant(v);
	out->variant_forced = variant != NULL;
	if (variant != NULL) {
		size_t i;

		for (i = 0; i < v->n_variants; i++)
			if (strcmp(v->variants[i].name, variant) == 0)
				break;
		if (i == v->n_variants)
			return errbuf_set(eb, ALGOFF_ERR_USAGE, "vendor %s has "
			    "no version variant \"%s\"", v->id, variant);
	}
	if (v->method == VENDOR_MANUAL)
		return ALGOFF_OK;
	for (k = 0; k < STEP_COUNT; k++) {
		r = plan_build_step(v, out->variant, (enum step_kind)k, vars,
		    dry, &out->steps[k], eb);
		if (r != ALGOFF_OK) {
			plan_free(out);
			return r;
		}
	}
	return ALGOFF_OK;
}

void
plan_step_free(struct plan_step *s)
{
	tmpl_lines_free(s->cmds, s->n);
	s->cmds = NULL;
	s->n = 0;
}

int
plan_runs(const struct plan *p, enum step_kind k)
{
	unsigned m = p->run ? p->run : (1u << STEP_COUNT) - 1u;

	if (p->rollback_only)
		m = (1u << STEP_ROLLBACK) | (1u << STEP_VERIFY);
	else if (!(m & (1u << STEP_DISABLE)))   /* the runner checks only */
		m &= ~((1u << STEP_BACKUP) | (1u << STEP_SAVE) |
		    (1u << STEP_ROLLBACK));
	return p->steps[k].vs != NULL && (m & (1u << k)) != 0;
}

void
plan_free(struct plan *p)
{
	int k;

	for (k = 0; k < STEP_COUNT; k++)
		plan_step_free(&p->steps[k]);
}

const char *const plan_step_titles[STEP_COUNT] = {
	"precheck: is the SIP ALG on?",
	"backup: save the running configuration",
	"disable: turn the SIP ALG off",
	"verify: prove the SIP ALG is off",
	"save: make the change persistent",
	"rollback: only if verification fails or you ask for it",
};

static void
print_patterns(FILE *f, const struct vstep *vs)
{
	size_t i;

	for (i = 0; i < vs->n_on; i++)
		fprintf(f, "       ALG is on if the output matches   /%s/\n",
		    vs->on[i].src);
	for (i = 0; i < vs->n_off; i++)
		fprintf(f, "       ALG is off only if output matches /%s/\n",
		    vs->off[i].src);
	for (i = 0; i < vs->n_success; i++)
		fprintf(f, "       succeeds only if output matches   /%s/\n",
		    vs->success[i].src);
	for (i = 0; i < vs->n_cap; i++)
		fprintf(f, "       reads <%s> from the output with    /%s/\n",
		    vs->cap[i].var, vs->cap[i].rx.src);
	for (i = 0; i < vs->n_req; i++) {
		const struct vstate *st = vs->req[i].state;

		if (st == NULL)
			continue;
		fprintf(f, "       ALG is on if JSON %s is %s, off if it is "
		    "%s%s\n", st->json, st->on, st->off, st->absent == 1 ?
		    " (absent: on)" : st->absent == 0 ? " (absent: off)" :
		    "; any other answer stops the run");
	}
}

size_t
plan_login(const struct vendor *v, struct plan_login_line *out, size_t max)
{
	size_t n = 0, i;

	memset(out, 0, max * sizeof(*out));
	for (i = 0; i < v->https.n_login && n < max; i++) {
		out[n].text = v->https.login[i].path;
		out[n].method = v->https.login[i].method;
		out[n++].note = v->https.login[i].auth_basic ? "HTTP Basic "
		    "authentication with the user and <password>; the "
		    "password is never shown" : NULL;
	}
	if (v->cli.enable_cmd != NULL && n < max) {
		out[n].text = v->cli.enable_cmd;
		out[n++].note = "only at an unprivileged prompt; the enable "
		    "password follows and is never shown";
	}
	for (i = 0; i < v->cli.n_paging && n < max; i++) {
		out[n].text = v->cli.paging_disable[i];
		out[n++].note = NULL;
	}
	if (v->version_cmd != NULL && n < max) {
		out[n].text = v->version_cmd;
		out[n++].note = "reads the version to pick the commands";
	}
	return n;
}

char *
plan_cond_text(const struct vendor *v, const char *cond)
{
	int neg = cond[0] == '!';
	const struct vvar *vv = vendor_var(v, cond + neg);
	char *t;

	if (vv != NULL && vv->desc != NULL && *vv->desc != '\0')
		xasprintf(&t, "sent only if the precheck %s the %s",
		    neg ? "does not find" : "finds", vv->desc);
	else
		xasprintf(&t, "sent only if the device %s a value for %s",
		    neg ? "does not report" : "reports", cond + neg);
	return t;
}

/* print_cond - announce a block of lines that depends on the device. */
static void
print_cond(FILE *f, const struct vendor *v, const struct plan_step *s,
    size_t i)
{
	const char *c = s->cmds[i].cond;
	const char *prev = i > 0 ? s->cmds[i - 1].cond : NULL;
	char *t;

	if (c == NULL || (prev != NULL && strcmp(c, prev) == 0))
		return;
	t = plan_cond_text(v, c);
	fprintf(f, "       %s:\n", t);
	free(t);
}

static void
print_sources(FILE *f, const struct vendor *v, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	const struct vsource *s;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		s = vendor_source(v, tok);
		if (s != NULL)
			fprintf(f, "       source [%s] %s\n", s->label, s->url);
	}
	free(copy);
}

static void
manual_steps(FILE *f, const struct vendor *v)
{
	size_t i;

	for (i = 0; i < v->n_manual; i++) {
		fprintf(f, "%d. %s\n", v->manual[i].n, v->manual[i].path);
		fprintf(f, "   %s\n", v->manual[i].text);
		print_sources(f, v, v->manual[i].sources);
	}
}

enum step_kind
plan_order(const struct vendor *v, int i)
{
	static const enum step_kind https_order[STEP_COUNT] = {
		STEP_PRECHECK, STEP_BACKUP, STEP_DISABLE, STEP_SAVE,
		STEP_VERIFY, STEP_ROLLBACK
	};

	return v->method == VENDOR_HTTPS ? https_order[i] : (enum step_kind)i;
}

static void
print_header(FILE *f, const struct plan *p, const char *host)
{
	const struct vendor *v = p->v;
	struct plan_login_line login[PLAN_LOGIN_MAX];
	size_t i, n_login, shown;

	fprintf(f, "Plan for %s (%s)%s%s\n", v->name, v->id,
	    host ? " on " : "", host ? host : "");
	fprintf(f, "Covers: %s\n", v->versions);
	if (p->variant != NULL && p->variant_forced)
		fprintf(f, "Version variant: %s (forced; the version is not "
		    "read from the device)\n", p->variant);
	else if (p->variant != NULL && v->version_cmd != NULL)
		fprintf(f, "Version variant: %s (the device's reply to \"%s\" "
		    "picks the variant at run time)\n", p->variant,
		    v->version_cmd);
	else if (p->variant != NULL)
		fprintf(f, "Version variant: %s\n", p->variant);
	if (vendor_evidence_name(v->evidence) != NULL)
		fprintf(f, "Evidence: %s%s\n", vendor_evidence_name(v->evidence),
		    v->evidence == EVIDENCE_COMMUNITY ? " (some steps rest on "
		    "community sources: prove the result with algoff probe)" :
		    "");
	if (v->method == VENDOR_HTTPS)
		fprintf(f, "Method: HTTPS requests to the device's API (port "
		    "%d by default). Nothing below was sent: this is a dry "
		    "run.\n\n", v->https.port);
	else
		fprintf(f, "Commit model: %s. Nothing below was sent: this is "
		    "a dry run.\n\n", v->cli.commit_model ?
		    v->cli.commit_model : "?");
	n_login = plan_login(v, login, PLAN_LOGIN_MAX);
	for (i = 0, shown = 0; i < n_login; i++) {
		if (p->variant_forced && login[i].text == v->version_cmd)
			continue;   /* not sent: the variant is given */
		fprintf(f, "%s       > %s%s%s%s%s%s\n", shown++ ? "" :
		    "On login:\n", login[i].method ? login[i].method : "",
		    login[i].method ? " " : "", login[i].text, login[i].note ? "   (" : "",
		    login[i].note ? login[i].note : "",
		    login[i].note ? ")" : "");
	}
	if (shown)
		fputc('\n', f);
}

static void
print_step(FILE *f, const struct plan *p, enum step_kind k, int num)
{
	const struct plan_step *s = &p->steps[k];
	size_t i;

	fprintf(f, "%d. %s\n", num, p->rollback_only && k == STEP_ROLLBACK ?
	    "rollback: restore what an earlier run's backup step kept" :
	    plan_step_titles[k]);
	if (s->vs->desc)
		fprintf(f, "       %s\n", s->vs->desc);
	for (i = 0; i < s->n; i++) {
		print_cond(f, p->v, s, i);
		fprintf(f, "   %2zu> %s\n", i + 1, s->cmds[i].text);
	}
	if (s->n == 0)
		fprintf(f, "       (no command for this family)\n");
	print_patterns(f, s->vs);
	print_sources(f, p->v, s->vs->sources);
	fputc('\n', f);
}

void
plan_print(FILE *f, const struct plan *p, const char *host)
{
	static const enum step_kind rollback_order[] = {
		STEP_ROLLBACK, STEP_VERIFY
	};
	const struct vendor *v = p->v;
	int k, num = 0, skipped = 0;
	size_t i;

	print_header(f, p, host);
	if (p->rollback_only) {
		for (i = 0; i < 2; i++)
			if (plan_runs(p, rollback_order[i]))
				print_step(f, p, rollback_order[i], ++num);
	} else {
		for (k = 0; k < STEP_COUNT; k++)
			if (plan_runs(p, plan_order(v, k)))
				print_step(f, p, plan_order(v, k), ++num);
	}
	for (k = 0; k < STEP_COUNT; k++) {
		if (p->steps[k].vs == NULL || plan_runs(p, (enum step_kind)k))
			continue;
		fprintf(f, "%s%s", skipped++ ? " " : "Skipped (not run): ",
		    step_name((enum step_kind)k));
	}
	if (skipped)
		fprintf(f, "%s\n", p->rollback_only ? " (--rollback runs the "
		    "rollback step, then verify)" : "");
	for (i = 0; i < v->n_vars; i++)
		if (v->vars[i].from_device)
			fprintf(f, "<%s> is read from the device: %s\n",
			    v->vars[i].name, v->vars[i].desc);
	for (i = 0; i < v->https.n_logout; i++)
		fprintf(f, "%s       > %s %s\n", i ? "" : "On exit (always):\n",
		    v->https.logout[i].method, v->https.logout[i].path);
	if (v->method == VENDOR_HTTPS && v->n_manual > 0) {
		fprintf(f, "\nWithout the API, in the web interface:\n");
		manual_steps(f, v);
	}
}

void
manual_print(FILE *f, const struct vendor *v)
{
	fprintf(f, "%s (%s): algoff guides you through these steps; it does "
	    "not\nconfigure this family over SSH.\n", v->name, v->id);
	fprintf(f, "Covers: %s\n\n", v->versions);
	manual_steps(f, v);
	if (v->notes)
		fprintf(f, "\nNote: %s\n", v->notes);
	fprintf(f, "\nThen prove it: algoff probe --reflector HOST\n");
}
