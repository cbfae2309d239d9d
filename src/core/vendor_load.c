/* SPDX-License-Identifier: MIT */
/*
 * vendor_load.c - load one vendor profile: parse with libxml2 (no network,
 * no entity expansion), validate against schema/vendor.xsd, then build the
 * in-memory model, compiling regular expressions and reading templates.
 * Every error names file:line. The set of vendors, lookups and freeing
 * are in vendor.c.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/vendor.h"
#include "core/vendor_int.h"
#include "core/xmlload.h"
#include "core/xmalloc.h"

#define TEMPLATE_MAX (64 * 1024)

/* One level of parentheses while bounding a pattern: its expanded size,
 * the repetition depth inside it, and the last atom (for a quantifier). */
struct rxlevel {
	unsigned long size, last_size;
	int depth, last_depth;
};

/* rx_count - parse "{m}", "{m,}" or "{m,n}" at p; *mult the copies glibc
 * makes. Returns the length, 0 if p does not start a valid count. */
static size_t
rx_count(const char *p, unsigned long *mult, const char **why)
{
	char *e;
	unsigned long m, n;
	const char *q = p + 1;

	if (*q < '0' || *q > '9')
		return 0;
	m = n = strtoul(q, &e, 10);
	if (*e == ',') {
		e++;
		n = m + 1;   /* "{m,}": m copies and a star */
		if (*e >= '0' && *e <= '9')
			n = strtoul(e, &e, 10);
	}
	if (*e != '}')
		return 0;
	if (m > VREGEX_MAX_COUNT || n > VREGEX_MAX_COUNT + 1)
		*why = "a repetition count {m,n} over " "255";
	*mult = n > m ? n : m;
	return (size_t)(e - p) + 1;
}

/* rx_bracket - length of the bracket expression at p ('['), 0 if open. */
static size_t
rx_bracket(const char *p)
{
	const char *q = p + 1;

	if (*q == '^')
		q++;
	if (*q == ']')
		q++;
	for (; *q != '\0' && *q != ']'; q++)
		if (*q == '[' && (q[1] == ':' || q[1] == '=' || q[1] == '.')) {
			const char *e = strchr(q + 2, q[1]);

			while (e != NULL && e[1] != ']')
				e = strchr(e + 1, q[1]);
			if (e == NULL)
				return 0;
			q = e + 1;
		}
	return *q == ']' ? (size_t)(q - p) + 1 : 0;
}

/* rx_quantify - apply a quantifier making mult copies to the last atom. */
static const char *
rx_quantify(struct rxlevel *lv, unsigned long mult)
{
	lv->size += lv->last_size * (mult > 1 ? mult - 1 : 0);
	lv->last_size *= mult > 1 ? mult : 1;
	lv->last_depth++;
	if (lv->last_depth > lv->depth)
		lv->depth = lv->last_depth;
	if (lv->last_depth > VREGEX_MAX_NEST)
		return "repetitions nested more than 2 deep";
	if (lv->size > VREGEX_MAX_SIZE)
		return "more than 4096 elements once its repetitions are "
		    "expanded";
	return NULL;
}

const char *
vregex_bounds(const char *src)
{
	struct rxlevel *st, *lv;
	const char *p, *why = NULL;
	unsigned long mult = 1;
	size_t k;

	if (strlen(src) > VREGEX_MAX_LEN)
		return "longer than 2048 bytes";
	st = lv = xcalloc(strlen(src) + 1, sizeof(*st));  /* one per '(' */
	for (p = src; *p != '\0' && why == NULL; p += k) {
		k = 1;
		if (*p == '*' || *p == '+' || *p == '?' || (*p == '{' &&
		    (k = rx_count(p, &mult, &why)) > 0)) {
			why = why != NULL ? why : rx_quantify(lv,
			    *p == '*' || *p == '?' ? 1 : *p == '+' ? 2 : mult);
			continue;
		}
		k = 1;
		if (*p == '(') {
			memset(++lv, 0, sizeof(*lv));
			continue;
		}
		if (*p == ')' && lv > st) {
			lv--;
			lv->last_size = lv[1].size;
			lv->last_depth = lv[1].depth;
			lv->size += lv->last_size;
			continue;
		}
		if (*p == '[' && (k = rx_bracket(p)) == 0)
			k = 1;
		else if (*p == '\\' && p[1] != '\0')
			k = 2;
		lv->last_size = 1;
		lv->last_depth = 0;
		lv->size++;
	}
	if (why == NULL && st[0].size > VREGEX_MAX_SIZE)
		why = "more than 4096 elements once its repetitions are expanded";
	free(st);
	return why;
}

/* check_rx - refuse a pattern beyond the bounds of vregex_bounds(). */
static enum algoff_err
check_rx(struct loadctx *L, int line, const char *what, const char *src)
{
	const char *why = vregex_bounds(src);

	if (why == NULL)
		return ALGOFF_OK;
	return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: %s refused: %s "
	    "(bounds: %d bytes, repetitions nested %d deep, counts up to "
	    "%d, %d elements expanded)", L->file, line, what, why,
	    VREGEX_MAX_LEN, VREGEX_MAX_NEST, VREGEX_MAX_COUNT,
	    VREGEX_MAX_SIZE);
}

static enum algoff_err
compile_rx(struct loadctx *L, xmlNodePtr n, const char *src,
    struct vregex *rx)
{
	char err[256];
	int rc;

	rx->src = xstrdup(src);
	rx->line = xml_line(n);
	if (check_rx(L, rx->line, "regular expression", src) != ALGOFF_OK)
		return ALGOFF_ERR_INPUT;
	rc = regcomp(&rx->re, src, REG_EXTENDED | REG_NEWLINE);
	if (rc != 0) {
		regerror(rc, &rx->re, err, sizeof(err));
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: invalid regular expression \"%s\": %s",
		    L->file, rx->line, src, err);
	}
	rx->compiled = 1;
	return ALGOFF_OK;
}

static enum algoff_err
pattern_node(struct loadctx *L, xmlNodePtr n, struct vregex *rx)
{
	char *src = xml_attr(n, "regex");
	enum algoff_err r = compile_rx(L, n, src, rx);

	free(src);
	rx->desc = xml_attr(n, "description");
	return r;
}

static enum algoff_err
push_pattern(struct loadctx *L, xmlNodePtr n, struct vregex **arr,
    size_t *len)
{
	*arr = xreallocarray(*arr, *len + 1, sizeof(**arr));
	memset(&(*arr)[*len], 0, sizeof(**arr));
	return pattern_node(L, n, &(*arr)[(*len)++]);
}

static enum algoff_err
load_cli(struct loadctx *L, xmlNodePtr cli)
{
	struct vcli *c = &L->v->cli;
	xmlNodePtr n;
	enum algoff_err r = ALGOFF_OK;
	char *s;

	c->newline = xstrdup("\n");
	c->timeout_ms = 30000;
	for (n = cli->children; n != NULL && r == ALGOFF_OK; n = n->next) {
		if (xml_is(n, "prompt")) {
			struct vprompt *p;

			c->prompts = xreallocarray(c->prompts,
			    c->n_prompts + 1, sizeof(*c->prompts));
			p = &c->prompts[c->n_prompts++];
			memset(p, 0, sizeof(*p));
			s = xml_attr(n, "mode");
			p->mode = strcmp(s, "unprivileged") == 0 ? PROMPT_UNPRIV :
			    strcmp(s, "config") == 0 ? PROMPT_CONFIG : PROMPT_PRIV;
			free(s);
			r = pattern_node(L, n, &p->rx);
		} else if (xml_is(n, "paging-disable")) {
			c->paging_disable = xreallocarray(c->paging_disable,
			    c->n_paging + 1, sizeof(char *));
			c->paging_disable[c->n_paging++] = xml_text(n);
		} else if (xml_is(n, "pager")) {
			r = pattern_node(L, n, &c->pager);
			c->has_pager = 1;
			c->pager_answer = xml_attr(n, "answer");
		} else if (xml_is(n, "enable")) {
			c->enable_cmd = xml_attr(n, "command");
			s = xml_attr(n, "password-prompt");
			r = compile_rx(L, n, s, &c->enable_prompt);
			free(s);
		} else if (xml_is(n, "config-mode")) {
			c->config_enter = xml_attr(n, "enter");
			c->config_exit = xml_attr(n, "exit");
		} else if (xml_is(n, "commit")) {
			c->commit_model = xml_attr(n, "model");
		} else if (xml_is(n, "error")) {
			r = push_pattern(L, n, &c->errors, &c->n_errors);
		} else if (xml_is(n, "confirm")) {
			struct vconfirm *cf;

			c->confirms = xreallocarray(c->confirms,
			    c->n_confirms + 1, sizeof(*c->confirms));
			cf = &c->confirms[c->n_confirms++];
			memset(cf, 0, sizeof(*cf));
			r = pattern_node(L, n, &cf->rx);
			cf->answer = xml_attr(n, "answer");
		} else if (xml_is(n, "newline")) {
			s = xml_text(n);
			free(c->newline);
			c->newline = xstrdup(strcmp(s, "crlf") == 0 ? "\r\n" :
			    strcmp(s, "cr") == 0 ? "\r" : "\n");
			free(s);
		} else if (xml_is(n, "timeout")) {
			/* the schema bounds it to 1..600000 */
			(void)xml_int_attr(n, "ms", 1, 600000, &c->timeout_ms);
		}
	}
	return r;
}

static enum algoff_err
load_vars(struct loadctx *L, xmlNodePtr vars)
{
	xmlNodePtr n;
	char *from, *anchored, err[256];
	int rc;

	for (n = vars->children; n != NULL; n = n->next) {
		struct vvar *vv;

		if (!xml_is(n, "variable"))
			continue;
		L->v->vars = xreallocarray(L->v->vars, L->v->n_vars + 1,
		    sizeof(*L->v->vars));
		vv = &L->v->vars[L->v->n_vars++];
		memset(vv, 0, sizeof(*vv));
		vv->name = xml_attr(n, "name");
		vv->pattern = xml_attr(n, "pattern");
		vv->def = xml_attr(n, "default");
		vv->desc = xml_attr(n, "description");
		from = xml_attr(n, "from");
		vv->from_device = from != NULL && strcmp(from, "device") == 0;
		free(from);
		if (vendor_var(L->v, vv->name) != vv)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: variable \"%s\" declared twice", L->file,
			    xml_line(n), vv->name);
		if (check_rx(L, xml_line(n), "variable pattern", vv->pattern)
		    != ALGOFF_OK)
			return ALGOFF_ERR_INPUT;
		xasprintf(&anchored, "^(%s)$", vv->pattern);
		rc = regcomp(&vv->re, anchored, REG_EXTENDED | REG_NOSUB);
		free(anchored);
		if (rc != 0) {
			regerror(rc, &vv->re, err, sizeof(err));
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: variable \"%s\": invalid pattern: %s",
			    L->file, xml_line(n), vv->name, err);
		}
		vv->compiled = 1;
		if (vv->def != NULL && *vv->def != '\0' &&
		    regexec(&vv->re, vv->def, 0, NULL, 0) != 0)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: variable \"%s\": default \"%s\" does not "
			    "match its pattern", L->file, xml_line(n),
			    vv->name, vv->def);
	}
	return ALGOFF_OK;
}

/* check_sources - every id in a space separated list must be declared. */
enum algoff_err
vload_sources(struct loadctx *L, xmlNodePtr n, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	enum algoff_err r = ALGOFF_OK;

	for (tok = strtok_r(copy, " \t\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\n", &save)) {
		if (vendor_source(L->v, tok) == NULL) {
			r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: source \"%s\" is not declared in <sources>",
			    L->file, xml_line(n), tok);
			break;
		}
	}
	free(copy);
	return r;
}

enum algoff_err
vload_template(struct loadctx *L, xmlNodePtr n, const char *rel, char **out)
{
	char *path;
	FILE *f;
	struct buf b;
	char chunk[4096];
	size_t got;
	enum algoff_err r = ALGOFF_OK;

	if (strstr(rel, "..") != NULL || rel[0] == '/')
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: template path \"%s\" must stay inside templates/",
		    L->file, xml_line(n), rel);
	xasprintf(&path, "%s/%s", L->tdir, rel);
	f = fopen(path, "r");
	if (f == NULL) {
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: template %s: %s", L->file, xml_line(n), path,
		    strerror(errno));
		free(path);
		return r;
	}
	buf_init(&b, TEMPLATE_MAX);
	while (r == ALGOFF_OK && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		r = buf_append(&b, chunk, got);
	fclose(f);
	if (r != ALGOFF_OK)
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s: larger than %d "
		    "bytes", path, TEMPLATE_MAX);
	else if (memchr(b.data ? b.data : "", '\0', b.len) != NULL)
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s: contains a NUL "
		    "byte", path);
	free(path);
	if (r != ALGOFF_OK) {
		buf_free(&b);
		return r;
	}
	*out = buf_take(&b);
	return ALGOFF_OK;
}

/* https_step - the requests of a step of an https vendor. */
static enum algoff_err
https_step(struct loadctx *L, xmlNodePtr n, struct vstep *st)
{
	enum algoff_err r = vload_requests(L, n, &st->req, &st->n_req);
	size_t i, nstate = 0;

	if (r != ALGOFF_OK)
		return r;
	for (i = 0; i < st->n_req; i++)
		nstate += st->req[i].state != NULL;
	if (st->tmpl_path != NULL || st->n_req == 0 || st->n_on + st->n_off +
	    st->n_success + st->n_cap > 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: a step of "
		    "an https vendor holds <request> elements only",
		    L->file, xml_line(n));
	if ((st->kind == STEP_PRECHECK || st->kind == STEP_VERIFY) ?
	    nstate != 1 : nstate != 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: step %s "
		    "needs %s <state>", L->file, xml_line(n),
		    step_name(st->kind), nstate ? "no" : "exactly one");
	return ALGOFF_OK;
}

static enum algoff_err
load_step(struct loadctx *L, xmlNodePtr n, struct vstep *st)
{
	xmlNodePtr c;
	char *s;
	enum algoff_err r;

	s = xml_attr(n, "name");
	step_from_name(s, &st->kind);
	free(s);
	st->variant = xml_attr(n, "variant");
	st->tmpl_path = xml_attr(n, "template");
	st->sources = xml_attr(n, "source");
	st->config = (xml_bool_attr(n, "config") == 1);
	if ((r = vload_sources(L, n, st->sources)) != ALGOFF_OK)
		return r;
	for (c = n->children; c != NULL; c = c->next) {
		r = ALGOFF_OK;
		if (xml_is(c, "description")) {
			st->desc = xml_text(c);
		} else if (xml_is(c, "alg-on")) {
			r = push_pattern(L, c, &st->on, &st->n_on);
		} else if (xml_is(c, "alg-off")) {
			r = push_pattern(L, c, &st->off, &st->n_off);
		} else if (xml_is(c, "success")) {
			r = push_pattern(L, c, &st->success, &st->n_success);
		} else if (xml_is(c, "capture")) {
			struct vcapture *cp;
			const struct vvar *vv;

			st->cap = xreallocarray(st->cap, st->n_cap + 1,
			    sizeof(*st->cap));
			cp = &st->cap[st->n_cap++];
			memset(cp, 0, sizeof(*cp));
			cp->var = xml_attr(c, "var");
			cp->group = 1;
			if (xml_int_attr(c, "group", 0, INT_MAX, &cp->group) < 0)
				return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%d: capture group: not a number from 0 "
				    "to %d", L->file, xml_line(c), INT_MAX);
			vv = vendor_var(L->v, cp->var);
			if (vv == NULL || !vv->from_device)
				return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%d: capture into \"%s\", which is not "
				    "a variable with from=\"device\"", L->file,
				    xml_line(c), cp->var);
			r = pattern_node(L, c, &cp->rx);
			if (r == ALGOFF_OK &&
			    (size_t)cp->group > cp->rx.re.re_nsub)
				r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%d: capture group %d but the regex "
				    "has %zu groups", L->file, xml_line(c),
				    cp->group, cp->rx.re.re_nsub);
		}
		if (r != ALGOFF_OK)
			return r;
	}
	if (L->v->method == VENDOR_HTTPS)
		return https_step(L, n, st);
	if ((st->kind == STEP_PRECHECK || st->kind == STEP_VERIFY) &&
	    st->n_on + st->n_off == 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: step %s needs at least one <alg-on> or <alg-off> "
		    "pattern that decides", L->file, xml_line(n),
		    step_name(st->kind));
	if (st->config && L->v->cli.config_enter == NULL)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: step %s has config=\"true\" but <cli> has no "
		    "<config-mode>", L->file, xml_line(n),
		    step_name(st->kind));
	if (st->tmpl_path == NULL)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: step %s "
		    "needs template=\"...\"", L->file, xml_line(n),
		    step_name(st->kind));
	return vload_template(L, n, st->tmpl_path, &st->text);
}

static enum algoff_err
load_steps(struct loadctx *L, xmlNodePtr steps)
{
	xmlNodePtr n;
	enum algoff_err r;
	size_t i;

	for (n = steps->children; n != NULL; n = n->next) {
		struct vstep *st;

		if (!xml_is(n, "step"))
			continue;
		L->v->steps = xreallocarray(L->v->steps, L->v->n_steps + 1,
		    sizeof(*L->v->steps));
		st = &L->v->steps[L->v->n_steps++];
		memset(st, 0, sizeof(*st));
		if ((r = load_step(L, n, st)) != ALGOFF_OK)
			return r;
		for (i = 0; i + 1 < L->v->n_steps; i++) {
			const struct vstep *o = &L->v->steps[i];

			if (o->kind == st->kind && ((o->variant == NULL &&
			    st->variant == NULL) || (o->variant != NULL &&
			    st->variant != NULL &&
			    strcmp(o->variant, st->variant) == 0)))
				return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%d: step %s declared twice", L->file,
				    xml_line(n), step_name(st->kind));
		}
	}
	return ALGOFF_OK;
}

static enum algoff_err
load_manual(struct loadctx *L, xmlNodePtr man)
{
	xmlNodePtr n;
	enum algoff_err r;

	for (n = man->children; n != NULL; n = n->next) {
		struct vmanual *m;

		if (!xml_is(n, "step"))
			continue;
		L->v->manual = xreallocarray(L->v->manual, L->v->n_manual + 1,
		    sizeof(*L->v->manual));
		m = &L->v->manual[L->v->n_manual++];
		memset(m, 0, sizeof(*m));
		if (xml_int_attr(n, "n", 1, INT_MAX, &m->n) != 0)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: manual step n: not a number from 1 to %d",
			    L->file, xml_line(n), INT_MAX);
		m->path = xml_attr(n, "path");
		m->text = xml_text(n);
		m->sources = xml_attr(n, "source");
		if (m->n != (int)L->v->n_manual)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: manual step n=\"%d\" out of order "
			    "(expected %zu)", L->file, xml_line(n), m->n,
			    L->v->n_manual);
		if ((r = vload_sources(L, n, m->sources)) != ALGOFF_OK)
			return r;
	}
	return ALGOFF_OK;
}

static enum algoff_err
load_variants(struct loadctx *L, xmlNodePtr vd)
{
	xmlNodePtr n;
	enum algoff_err r;
	char *src;
	int defaults = 0;

	L->v->version_cmd = xml_attr(vd, "command");
	src = xml_attr(vd, "source");
	r = vload_sources(L, vd, src);
	free(src);
	for (n = vd->children; n != NULL && r == ALGOFF_OK; n = n->next) {
		struct vvariant *va;

		if (!xml_is(n, "variant"))
			continue;
		L->v->variants = xreallocarray(L->v->variants,
		    L->v->n_variants + 1, sizeof(*L->v->variants));
		va = &L->v->variants[L->v->n_variants++];
		memset(va, 0, sizeof(*va));
		va->name = xml_attr(n, "name");
		va->is_default = (xml_bool_attr(n, "default") == 1);
		defaults += va->is_default;
		r = pattern_node(L, n, &va->rx);
		va->desc = xml_attr(n, "description");
	}
	if (r == ALGOFF_OK && defaults != 1)
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%d: "
		    "<version-detect> needs exactly one variant with "
		    "default=\"true\"", L->file, xml_line(vd));
	return r;
}

static enum algoff_err
check_complete(struct loadctx *L, xmlNodePtr root)
{
	struct vendor *v = L->v;
	static const enum step_kind required[] = {
		STEP_PRECHECK, STEP_BACKUP, STEP_DISABLE, STEP_VERIFY,
		STEP_ROLLBACK
	};
	size_t i, j;

	if (v->method == VENDOR_MANUAL) {
		if (v->n_manual == 0)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: a manual vendor needs <manual> steps",
			    L->file, xml_line(root));
		return ALGOFF_OK;
	}
	if (v->method == VENDOR_HTTPS && v->https.n_login == 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: an https vendor needs <https> with <login>",
		    L->file, xml_line(root));
	if (v->method == VENDOR_SSH && v->cli.n_prompts == 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%d: an ssh vendor needs <cli> with prompts", L->file,
		    xml_line(root));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (vendor_step(v, required[i], NULL) == NULL)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%d: an %s vendor needs a \"%s\" step",
			    L->file, xml_line(root),
			    vendor_method_name(v->method),
			    step_name(required[i]));
		for (j = 0; j < v->n_variants; j++)
			if (vendor_step(v, required[i], v->variants[j].name)
			    == NULL)
				return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s: variant %s has no \"%s\" step",
				    L->file, v->variants[j].name,
				    step_name(required[i]));
	}
	return ALGOFF_OK;
}

static enum algoff_err
load_doc(struct loadctx *L, xmlNodePtr root)
{
	struct vendor *v = L->v;
	xmlNodePtr n;
	enum algoff_err r = ALGOFF_OK;
	char *s;

	v->id = xml_attr(root, "id");
	s = xml_attr(root, "method");
	v->method = strcmp(s, "manual") == 0 ? VENDOR_MANUAL :
	    strcmp(s, "https") == 0 ? VENDOR_HTTPS : VENDOR_SSH;
	free(s);
	s = xml_attr(root, "evidence");
	v->evidence = s == NULL ? EVIDENCE_UNSTATED :
	    strcmp(s, "documented") == 0 ? EVIDENCE_DOCUMENTED :
	    EVIDENCE_COMMUNITY;
	free(s);
	for (n = root->children; n != NULL && r == ALGOFF_OK; n = n->next) {
		if (xml_is(n, "name")) {
			v->name = xml_text(n);
		} else if (xml_is(n, "family")) {
			v->family = xml_text(n);
		} else if (xml_is(n, "versions")) {
			v->versions = xml_text(n);
		} else if (xml_is(n, "notes")) {
			v->notes = xml_text(n);
		} else if (xml_is(n, "sources")) {
			xmlNodePtr c;

			for (c = n->children; c != NULL; c = c->next) {
				struct vsource *so;

				if (!xml_is(c, "source"))
					continue;
				v->sources = xreallocarray(v->sources,
				    v->n_sources + 1, sizeof(*v->sources));
				so = &v->sources[v->n_sources++];
				so->id = xml_attr(c, "id");
				so->url = xml_attr(c, "url");
				so->title = xml_attr(c, "title");
				so->label = xml_attr(c, "label");
			}
		} else if (xml_is(n, "cli")) {
			r = load_cli(L, n);
		} else if (xml_is(n, "https")) {
			r = vload_https(L, n);
		} else if (xml_is(n, "variables")) {
			r = load_vars(L, n);
		} else if (xml_is(n, "version-detect")) {
			r = load_variants(L, n);
		} else if (xml_is(n, "steps")) {
			r = load_steps(L, n);
		} else if (xml_is(n, "manual")) {
			r = load_manual(L, n);
		}
	}
	if (r == ALGOFF_OK)
		r = check_complete(L, root);
	return r;
}

enum algoff_err
vendor_load_file(const char *path, const char *templates_dir,
    struct vendor **out, struct errbuf *eb)
{
	struct loadctx L;
	xmlDocPtr doc = NULL;
	char *xsd = NULL, *tdir = NULL, *stem = NULL;
	enum algoff_err r;

	*out = NULL;
	xasprintf(&xsd, "%s/schema/vendor.xsd", vendor_datadir());
	if (templates_dir == NULL)
		xasprintf(&tdir, "%s/templates", vendor_datadir());
	else
		tdir = xstrdup(templates_dir);
	r = xml_load_validated(path, xsd, &doc, eb);
	if (r != ALGOFF_OK)
		goto out;
	L.v = xcalloc(1, sizeof(*L.v));
	L.v->file = xstrdup(path);
	L.file = path;
	L.tdir = tdir;
	L.eb = eb;
	r = load_doc(&L, xmlDocGetRootElement(doc));
	stem = file_stem(path);
	if (r == ALGOFF_OK && strcmp(stem, L.v->id) != 0)
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "%s:%d: id \"%s\" does "
		    "not match the file name (expected id=\"%s\")", path,
		    xml_line(xmlDocGetRootElement(doc)), L.v->id, stem);
	if (r != ALGOFF_OK) {
		vendor_free(L.v);
		goto out;
	}
	*out = L.v;
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(stem);
	free(xsd);
	free(tdir);
	return r;
}

