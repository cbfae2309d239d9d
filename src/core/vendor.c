/* SPDX-License-Identifier: MIT */
/*
 * vendor.c - load vendor profiles: parse with libxml2 (no network, no
 * entity expansion), validate against schema/vendor.xsd, then build the
 * in-memory model, compiling regular expressions and reading templates.
 * Every error names file:line.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/datadir.h"
#include "core/vendor.h"
#include "core/xmlload.h"
#include "core/xmalloc.h"

#define TEMPLATE_MAX (64 * 1024)

static const char *step_names[STEP_COUNT] = {
	"precheck", "backup", "disable", "verify", "save", "rollback"
};

const char *
step_name(enum step_kind k)
{
	return (k >= 0 && k < STEP_COUNT) ? step_names[k] : "?";
}

int
step_from_name(const char *s, enum step_kind *out)
{
	int i;

	for (i = 0; i < STEP_COUNT; i++) {
		if (strcmp(s, step_names[i]) == 0) {
			*out = (enum step_kind)i;
			return 0;
		}
	}
	return -1;
}

/* Helpers over libxml2 nodes. */

static char *
text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}


struct loadctx {
	struct vendor *v;
	const char *file;
	const char *tdir;
	struct errbuf *eb;
};

static enum algoff_err
compile_rx(struct loadctx *L, xmlNodePtr n, const char *src,
    struct vregex *rx)
{
	char err[256];
	int rc;

	rx->src = xstrdup(src);
	rx->line = (int)xmlGetLineNo(n);
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
		if (is(n, "prompt")) {
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
		} else if (is(n, "paging-disable")) {
			c->paging_disable = xreallocarray(c->paging_disable,
			    c->n_paging + 1, sizeof(char *));
			c->paging_disable[c->n_paging++] = text(n);
		} else if (is(n, "pager")) {
			r = pattern_node(L, n, &c->pager);
			c->has_pager = 1;
			c->pager_answer = xml_attr(n, "answer");
		} else if (is(n, "enable")) {
			c->enable_cmd = xml_attr(n, "command");
			s = xml_attr(n, "password-prompt");
			r = compile_rx(L, n, s, &c->enable_prompt);
			free(s);
		} else if (is(n, "config-mode")) {
			c->config_enter = xml_attr(n, "enter");
			c->config_exit = xml_attr(n, "exit");
		} else if (is(n, "commit")) {
			c->commit_model = xml_attr(n, "model");
		} else if (is(n, "error")) {
			r = push_pattern(L, n, &c->errors, &c->n_errors);
		} else if (is(n, "confirm")) {
			struct vconfirm *cf;

			c->confirms = xreallocarray(c->confirms,
			    c->n_confirms + 1, sizeof(*c->confirms));
			cf = &c->confirms[c->n_confirms++];
			memset(cf, 0, sizeof(*cf));
			r = pattern_node(L, n, &cf->rx);
			cf->answer = xml_attr(n, "answer");
		} else if (is(n, "newline")) {
			s = text(n);
			free(c->newline);
			c->newline = xstrdup(strcmp(s, "crlf") == 0 ? "\r\n" :
			    strcmp(s, "cr") == 0 ? "\r" : "\n");
			free(s);
		} else if (is(n, "timeout")) {
			s = xml_attr(n, "ms");
			c->timeout_ms = atoi(s);
			free(s);
		}
	}
	return r;
}

static enum algoff_err
load_vars(struct loadctx *L, xmlNodePtr vars)
{
	xmlNodePtr n;
	char *from, anchored[1100], err[256];
	int rc;

	for (n = vars->children; n != NULL; n = n->next) {
		struct vvar *vv;

		if (!is(n, "variable"))
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
			    "%s:%ld: variable \"%s\" declared twice", L->file,
			    xmlGetLineNo(n), vv->name);
		snprintf(anchored, sizeof(anchored), "^(%s)$", vv->pattern);
		rc = regcomp(&vv->re, anchored, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			regerror(rc, &vv->re, err, sizeof(err));
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%ld: variable \"%s\": invalid pattern: %s",
			    L->file, xmlGetLineNo(n), vv->name, err);
		}
		vv->compiled = 1;
		if (vv->def != NULL && *vv->def != '\0' &&
		    regexec(&vv->re, vv->def, 0, NULL, 0) != 0)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%ld: variable \"%s\": default \"%s\" does not "
			    "match its pattern", L->file, xmlGetLineNo(n),
			    vv->name, vv->def);
	}
	return ALGOFF_OK;
}

/* check_sources - every id in a space separated list must be declared. */
static enum algoff_err
check_sources(struct loadctx *L, xmlNodePtr n, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	enum algoff_err r = ALGOFF_OK;

	for (tok = strtok_r(copy, " \t\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\n", &save)) {
		if (vendor_source(L->v, tok) == NULL) {
			r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%ld: source \"%s\" is not declared in <sources>",
			    L->file, xmlGetLineNo(n), tok);
			break;
		}
	}
	free(copy);
	return r;
}

static enum algoff_err
read_template(struct loadctx *L, xmlNodePtr n, struct vstep *st)
{
	char *path;
	FILE *f;
	struct buf b;
	char chunk[4096];
	size_t got;
	enum algoff_err r = ALGOFF_OK;

	if (strstr(st->tmpl_path, "..") != NULL || st->tmpl_path[0] == '/')
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%ld: template path \"%s\" must stay inside templates/",
		    L->file, xmlGetLineNo(n), st->tmpl_path);
	xasprintf(&path, "%s/%s", L->tdir, st->tmpl_path);
	f = fopen(path, "r");
	if (f == NULL) {
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%ld: template %s: %s", L->file, xmlGetLineNo(n), path,
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
	st->text = buf_take(&b);
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
	if ((r = check_sources(L, n, st->sources)) != ALGOFF_OK)
		return r;
	for (c = n->children; c != NULL; c = c->next) {
		r = ALGOFF_OK;
		if (is(c, "description")) {
			st->desc = text(c);
		} else if (is(c, "alg-on")) {
			r = push_pattern(L, c, &st->on, &st->n_on);
		} else if (is(c, "alg-off")) {
			r = push_pattern(L, c, &st->off, &st->n_off);
		} else if (is(c, "success")) {
			r = push_pattern(L, c, &st->success, &st->n_success);
		} else if (is(c, "capture")) {
			struct vcapture *cp;
			const struct vvar *vv;

			st->cap = xreallocarray(st->cap, st->n_cap + 1,
			    sizeof(*st->cap));
			cp = &st->cap[st->n_cap++];
			memset(cp, 0, sizeof(*cp));
			cp->var = xml_attr(c, "var");
			s = xml_attr(c, "group");
			cp->group = s ? atoi(s) : 1;
			free(s);
			vv = vendor_var(L->v, cp->var);
			if (vv == NULL || !vv->from_device)
				return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%ld: capture into \"%s\", which is not "
				    "a variable with from=\"device\"", L->file,
				    xmlGetLineNo(c), cp->var);
			r = pattern_node(L, c, &cp->rx);
			if (r == ALGOFF_OK &&
			    (size_t)cp->group > cp->rx.re.re_nsub)
				r = errbuf_set(L->eb, ALGOFF_ERR_INPUT,
				    "%s:%ld: capture group %d but the regex "
				    "has %zu groups", L->file, xmlGetLineNo(c),
				    cp->group, cp->rx.re.re_nsub);
		}
		if (r != ALGOFF_OK)
			return r;
	}
	if ((st->kind == STEP_PRECHECK || st->kind == STEP_VERIFY) &&
	    st->n_on + st->n_off == 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%ld: step %s needs at least one <alg-on> or <alg-off> "
		    "pattern that decides", L->file, xmlGetLineNo(n),
		    step_name(st->kind));
	if (st->config && L->v->cli.config_enter == NULL)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%ld: step %s has config=\"true\" but <cli> has no "
		    "<config-mode>", L->file, xmlGetLineNo(n),
		    step_name(st->kind));
	return read_template(L, n, st);
}

static enum algoff_err
load_steps(struct loadctx *L, xmlNodePtr steps)
{
	xmlNodePtr n;
	enum algoff_err r;
	size_t i;

	for (n = steps->children; n != NULL; n = n->next) {
		struct vstep *st;

		if (!is(n, "step"))
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
				    "%s:%ld: step %s declared twice", L->file,
				    xmlGetLineNo(n), step_name(st->kind));
		}
	}
	return ALGOFF_OK;
}

static enum algoff_err
load_manual(struct loadctx *L, xmlNodePtr man)
{
	xmlNodePtr n;
	enum algoff_err r;
	char *s;

	for (n = man->children; n != NULL; n = n->next) {
		struct vmanual *m;

		if (!is(n, "step"))
			continue;
		L->v->manual = xreallocarray(L->v->manual, L->v->n_manual + 1,
		    sizeof(*L->v->manual));
		m = &L->v->manual[L->v->n_manual++];
		memset(m, 0, sizeof(*m));
		s = xml_attr(n, "n");
		m->n = atoi(s);
		free(s);
		m->path = xml_attr(n, "path");
		m->text = text(n);
		m->sources = xml_attr(n, "source");
		if (m->n != (int)L->v->n_manual)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%ld: manual step n=\"%d\" out of order "
			    "(expected %zu)", L->file, xmlGetLineNo(n), m->n,
			    L->v->n_manual);
		if ((r = check_sources(L, n, m->sources)) != ALGOFF_OK)
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
	r = check_sources(L, vd, src);
	free(src);
	for (n = vd->children; n != NULL && r == ALGOFF_OK; n = n->next) {
		struct vvariant *va;

		if (!is(n, "variant"))
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
		r = errbuf_set(L->eb, ALGOFF_ERR_INPUT, "%s:%ld: "
		    "<version-detect> needs exactly one variant with "
		    "default=\"true\"", L->file, xmlGetLineNo(vd));
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
			    "%s:%ld: a manual vendor needs <manual> steps",
			    L->file, xmlGetLineNo(root));
		return ALGOFF_OK;
	}
	if (v->cli.n_prompts == 0)
		return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
		    "%s:%ld: an ssh vendor needs <cli> with prompts", L->file,
		    xmlGetLineNo(root));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (vendor_step(v, required[i], NULL) == NULL)
			return errbuf_set(L->eb, ALGOFF_ERR_INPUT,
			    "%s:%ld: an ssh vendor needs a \"%s\" step",
			    L->file, xmlGetLineNo(root),
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
	v->method = strcmp(s, "manual") == 0 ? VENDOR_MANUAL : VENDOR_SSH;
	free(s);
	for (n = root->children; n != NULL && r == ALGOFF_OK; n = n->next) {
		if (is(n, "name")) {
			v->name = text(n);
		} else if (is(n, "family")) {
			v->family = text(n);
		} else if (is(n, "versions")) {
			v->versions = text(n);
		} else if (is(n, "notes")) {
			v->notes = text(n);
		} else if (is(n, "sources")) {
			xmlNodePtr c;

			for (c = n->children; c != NULL; c = c->next) {
				struct vsource *so;

				if (!is(c, "source"))
					continue;
				v->sources = xreallocarray(v->sources,
				    v->n_sources + 1, sizeof(*v->sources));
				so = &v->sources[v->n_sources++];
				so->id = xml_attr(c, "id");
				so->url = xml_attr(c, "url");
				so->title = xml_attr(c, "title");
				so->label = xml_attr(c, "label");
			}
		} else if (is(n, "cli")) {
			r = load_cli(L, n);
		} else if (is(n, "variables")) {
			r = load_vars(L, n);
		} else if (is(n, "version-detect")) {
			r = load_variants(L, n);
		} else if (is(n, "steps")) {
			r = load_steps(L, n);
		} else if (is(n, "manual")) {
			r = load_manual(L, n);
		}
	}
	if (r == ALGOFF_OK)
		r = check_complete(L, root);
	return r;
}

/* file_stem - "dir/fortigate.xml" -> "fortigate" (caller frees). */
static char *
file_stem(const char *path)
{
	const char *b = strrchr(path, '/');
	const char *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return xstrndup(b, dot ? (size_t)(dot - b) : strlen(b));
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
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "%s:%ld: id \"%s\" does "
		    "not match the file name (expected id=\"%s\")", path,
		    xmlGetLineNo(xmlDocGetRootElement(doc)), L.v->id, stem);
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

static int
cmp_vendor(const void *a, const void *b)
{
	const struct vendor *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

/* list_ids - sorted vendor file stems in DATADIR/vendors. */
static enum algoff_err
list_ids(char ***ids, size_t *n, struct errbuf *eb)
{
	char *dir;
	DIR *d;
	struct dirent *e;
	size_t len;

	*ids = NULL;
	*n = 0;
	xasprintf(&dir, "%s/vendors", vendor_datadir());
	d = opendir(dir);
	if (d == NULL) {
		if (datadir_check(eb) == ALGOFF_OK)
			errbuf_set(eb, ALGOFF_ERR_IO, "%s: %s", dir,
			    strerror(errno));
		free(dir);
		return ALGOFF_ERR_IO;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0 ||
		    e->d_name[0] == '.')
			continue;
		*ids = xreallocarray(*ids, *n + 1, sizeof(char *));
		(*ids)[(*n)++] = xstrndup(e->d_name, len - 4);
	}
	closedir(d);
	free(dir);
	return ALGOFF_OK;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
vendor_ids(void)
{
	char **ids;
	size_t n, i;
	struct buf b;

	if (list_ids(&ids, &n, NULL) != ALGOFF_OK)
		return xstrdup("");
	qsort(ids, n, sizeof(char *), cmp_str);
	buf_init(&b, 1 << 20);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
		free(ids[i]);
	}
	free(ids);
	return buf_take(&b);
}

enum algoff_err
vendor_load_all(struct vendor_set *set, struct errbuf *eb)
{
	char **ids, *path;
	size_t n, i;
	enum algoff_err r;
	struct vendor *v;

	set->v = NULL;
	set->n = 0;
	if ((r = list_ids(&ids, &n, eb)) != ALGOFF_OK)
		return r;
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/vendors/%s.xml", vendor_datadir(), ids[i]);
		if (r == ALGOFF_OK)
			r = vendor_load_file(path, NULL, &v, eb);
		if (r == ALGOFF_OK) {
			set->v = xreallocarray(set->v, set->n + 1,
			    sizeof(*set->v));
			set->v[set->n++] = v;
		}
		free(path);
		free(ids[i]);
	}
	free(ids);
	if (r != ALGOFF_OK) {
		vendor_set_free(set);
		return r;
	}
	qsort(set->v, set->n, sizeof(*set->v), cmp_vendor);
	return ALGOFF_OK;
}

static int
valid_id(const char *id)
{
	const char *p;

	if (*id == '\0' || strlen(id) > 40)
		return 0;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return 1;
}

enum algoff_err
vendor_load_id(const char *id, struct vendor **out, struct errbuf *eb)
{
	char *path, *ids;
	FILE *f;
	enum algoff_err r;

	*out = NULL;
	if (!valid_id(id)) {
		ids = vendor_ids();
		r = errbuf_set(eb, ALGOFF_ERR_USAGE, "unknown vendor \"%s\" "
		    "(known: %s)", id, ids);
		free(ids);
		return r;
	}
	xasprintf(&path, "%s/vendors/%s.xml", vendor_datadir(), id);
	f = fopen(path, "r");
	if (f == NULL && datadir_check(eb) != ALGOFF_OK) {
		free(path);
		return ALGOFF_ERR_IO;
	}
	if (f == NULL) {
		ids = vendor_ids();
		r = errbuf_set(eb, ALGOFF_ERR_USAGE, "unknown vendor \"%s\" "
		    "(known: %s)", id, ids);
		free(ids);
		free(path);
		return r;
	}
	fclose(f);
	r = vendor_load_file(path, NULL, out, eb);
	free(path);
	return r;
}

const struct vendor *
vendor_set_find(const struct vendor_set *set, const char *id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->id, id) == 0)
			return set->v[i];
	return NULL;
}

const struct vvar *
vendor_var(const struct vendor *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n_vars; i++)
		if (strcmp(v->vars[i].name, name) == 0)
			return &v->vars[i];
	return NULL;
}

const char *
vendor_default_variant(const struct vendor *v)
{
	size_t i;

	for (i = 0; i < v->n_variants; i++)
		if (v->variants[i].is_default)
			return v->variants[i].name;
	return NULL;
}

const struct vstep *
vendor_step(const struct vendor *v, enum step_kind k, const char *variant)
{
	const struct vstep *generic = NULL;
	size_t i;

	if (variant == NULL)
		variant = vendor_default_variant(v);
	for (i = 0; i < v->n_steps; i++) {
		const struct vstep *s = &v->steps[i];

		if (s->kind != k)
			continue;
		if (s->variant == NULL)
			generic = s;
		else if (variant != NULL && strcmp(s->variant, variant) == 0)
			return s;
	}
	return generic;
}

const struct vsource *
vendor_source(const struct vendor *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->n_sources; i++)
		if (strcmp(v->sources[i].id, id) == 0)
			return &v->sources[i];
	return NULL;
}

int
vregex_match(const struct vregex *rx, const char *s)
{
	return rx->compiled && regexec(&rx->re, s, 0, NULL, 0) == 0;
}

char *
vregex_capture(const struct vregex *rx, const char *s, int group)
{
	regmatch_t m[10];

	if (!rx->compiled || group < 0 || group > 9 ||
	    regexec(&rx->re, s, 10, m, 0) != 0 || m[group].rm_so < 0)
		return NULL;
	return xstrndup(s + m[group].rm_so,
	    (size_t)(m[group].rm_eo - m[group].rm_so));
}

int
alg_state(const struct vstep *s, const char *output, const char **why)
{
	size_t i;

	*why = NULL;
	if (s->n_on + s->n_off == 0)
		return -1;
	for (i = 0; i < s->n_on; i++) {
		if (vregex_match(&s->on[i], output)) {
			*why = s->on[i].desc ? s->on[i].desc : s->on[i].src;
			return 1;
		}
	}
	for (i = 0; i < s->n_off; i++) {
		if (!vregex_match(&s->off[i], output)) {
			*why = s->off[i].desc ? s->off[i].desc : s->off[i].src;
			return 1;
		}
	}
	return 0;
}

static void
vregex_free(struct vregex *rx)
{
	if (rx->compiled)
		regfree(&rx->re);
	free(rx->src);
	free(rx->desc);
}

static void
vregex_array_free(struct vregex *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		vregex_free(&a[i]);
	free(a);
}

static void
cli_free(struct vcli *c)
{
	size_t i;

	for (i = 0; i < c->n_prompts; i++)
		vregex_free(&c->prompts[i].rx);
	free(c->prompts);
	for (i = 0; i < c->n_paging; i++)
		free(c->paging_disable[i]);
	free(c->paging_disable);
	vregex_free(&c->pager);
	free(c->pager_answer);
	free(c->enable_cmd);
	vregex_free(&c->enable_prompt);
	free(c->config_enter);
	free(c->config_exit);
	free(c->commit_model);
	vregex_array_free(c->errors, c->n_errors);
	for (i = 0; i < c->n_confirms; i++) {
		vregex_free(&c->confirms[i].rx);
		free(c->confirms[i].answer);
	}
	free(c->confirms);
	free(c->newline);
}

static void
step_free(struct vstep *s)
{
	size_t i;

	free(s->variant);
	free(s->tmpl_path);
	free(s->text);
	free(s->desc);
	free(s->sources);
	vregex_array_free(s->on, s->n_on);
	vregex_array_free(s->off, s->n_off);
	vregex_array_free(s->success, s->n_success);
	for (i = 0; i < s->n_cap; i++) {
		free(s->cap[i].var);
		vregex_free(&s->cap[i].rx);
	}
	free(s->cap);
}

void
vendor_free(struct vendor *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n_sources; i++) {
		free(v->sources[i].id);
		free(v->sources[i].url);
		free(v->sources[i].title);
		free(v->sources[i].label);
	}
	free(v->sources);
	cli_free(&v->cli);
	for (i = 0; i < v->n_vars; i++) {
		free(v->vars[i].name);
		free(v->vars[i].pattern);
		free(v->vars[i].def);
		free(v->vars[i].desc);
		if (v->vars[i].compiled)
			regfree(&v->vars[i].re);
	}
	free(v->vars);
	for (i = 0; i < v->n_steps; i++)
		step_free(&v->steps[i]);
	free(v->steps);
	for (i = 0; i < v->n_manual; i++) {
		free(v->manual[i].path);
		free(v->manual[i].text);
		free(v->manual[i].sources);
	}
	free(v->manual);
	free(v->version_cmd);
	for (i = 0; i < v->n_variants; i++) {
		free(v->variants[i].name);
		vregex_free(&v->variants[i].rx);
		free(v->variants[i].desc);
	}
	free(v->variants);
	free(v->file);
	free(v->id);
	free(v->name);
	free(v->family);
	free(v->versions);
	free(v->notes);
	free(v);
}

void
vendor_set_free(struct vendor_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		vendor_free(set->v[i]);
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
