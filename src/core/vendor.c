/* SPDX-License-Identifier: MIT */
/*
 * vendor.c - the vendor catalogue: the shipped profiles in DATADIR/vendors
 * (listing, loading the set or one id), lookups in a loaded profile (step,
 * variable, source, variant), pattern matching and freeing. Reading one
 * file is vendor_load.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/datadir.h"
#include "core/vendor.h"
#include "core/vendor_int.h"
#include "core/xmalloc.h"

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
vregex_exec(const regex_t *re, const char *s, size_t nmatch, regmatch_t *m,
    int eflags)
{
	regmatch_t one[1], *w = nmatch > 0 ? m : one;
	size_t len = strnlen(s, VREGEX_TEXT_MAX);

	/* REG_STARTEND (glibc, BSD): the text is s[w[0].rm_so, w[0].rm_eo) */
	w[0].rm_so = 0;
	w[0].rm_eo = (regoff_t)len;
	return regexec(re, s, nmatch, w, eflags | REG_STARTEND);
}

int
vregex_match(const struct vregex *rx, const char *s)
{
	return rx->compiled && vregex_exec(&rx->re, s, 0, NULL, 0) == 0;
}

char *
vregex_capture(const struct vregex *rx, const char *s, int group)
{
	regmatch_t m[10];

	if (!rx->compiled || group < 0 || group > 9 ||
	    vregex_exec(&rx->re, s, 10, m, 0) != 0 || m[group].rm_so < 0)
		return NULL;
	return xstrndup(s + m[group].rm_so,
	    (size_t)(m[group].rm_eo - m[group].rm_so));
}

const char *
vendor_method_name(enum vendor_method m)
{
	return m == VENDOR_SSH ? "ssh" : m == VENDOR_HTTPS ? "https" :
	    "manual";
}

const char *
vendor_evidence_name(enum vendor_evidence e)
{
	return e == EVIDENCE_DOCUMENTED ? "documented" :
	    e == EVIDENCE_COMMUNITY ? "community" : NULL;
}

int
alg_state(const struct vstep *s, const char *output, const char **why)
{
	size_t i, recognised = 0;

	*why = NULL;
	if (s->n_on + s->n_off == 0)
		return -1;
	for (i = 0; i < s->n_on; i++) {
		if (vregex_match(&s->on[i], output)) {
			*why = s->on[i].desc ? s->on[i].desc : s->on[i].src;
			return 1;
		}
	}
	for (i = 0; i < s->n_off; i++)
		if (vregex_match(&s->off[i], output))
			recognised++;
	if (s->n_on > 0 && s->n_off > 0 && recognised == 0)
		return -1;	/* patterns for both states, and none matches */
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
	vrequests_free(s->req, s->n_req);
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
	vhttps_free(&v->https);
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
