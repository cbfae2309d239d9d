/* SPDX-License-Identifier: MIT */
/*
 * fuzz_vendor.c - the vendor-file loader (src/core/vendor_load.c): the
 * input is a vendor file, saved under the name its id= asks for (so a
 * valid file loads); the real templates/ are used. A loaded vendor has
 * each of its steps rendered (dry run and with default values) and its
 * patterns run on a line of text, as the runner does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tmpl.h"
#include "core/vendor.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

/* file_name - "ID.xml" from the first id="..." (a-z, 0-9, -), or x.xml. */
static void
file_name(const uint8_t *data, size_t size, char *out, size_t n)
{
	const char *d = (const char *)data, *p;
	size_t i = 0;

	p = memmem(d, size, " id=\"", 5);
	if (p != NULL)
		for (p += 5; p < d + size && i + 5 < n && i < 40 &&
		    ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'); p++)
			out[i++] = *p;
	if (i == 0)
		out[i++] = 'x';
	snprintf(out + i, n - i, ".xml");
}

static void
exercise(const struct vendor *v)
{
	static const char text[] = "config system settings\n"
	    "    set sip-expectation disable\nend\nR1# ";
	struct errbuf eb;
	struct varset vs;
	struct tmpl_line *l;
	size_t i, n;

	memset(&vs, 0, sizeof(vs));
	for (i = 0; i < v->n_vars; i++)
		if (v->vars[i].def != NULL && *v->vars[i].def != '\0')
			varset_set(&vs, v->vars[i].name, v->vars[i].def);
	for (i = 0; i < v->n_steps; i++) {
		const struct vstep *st = &v->steps[i];
		const char *why;
		size_t k;

		if (tmpl_render(v, st, &vs, 1, &l, &n, &eb) == ALGOFF_OK)
			tmpl_lines_free(l, n);
		if (tmpl_render(v, st, &vs, 0, &l, &n, &eb) == ALGOFF_OK)
			tmpl_lines_free(l, n);
		(void)alg_state(st, text, &why);
		for (k = 0; k < st->n_cap; k++)
			free(vregex_capture(&st->cap[k].rx, text,
			    st->cap[k].group));
	}
	for (i = 0; i < v->cli.n_prompts; i++)
		(void)vregex_match(&v->cli.prompts[i].rx, text);
	varset_free(&vs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vendor *v = NULL;
	struct errbuf eb;
	char name[64];
	char *tdir;

	if (size > 256 * 1024)
		return 0;
	file_name(data, size, name, sizeof(name));
	if (asprintf(&tdir, "%s/templates", vendor_datadir()) < 0)
		abort();
	if (vendor_load_file(fuzz_named_file(name, data, size), tdir, &v,
	    &eb) == ALGOFF_OK)
		exercise(v);
	vendor_free(v);
	free(tdir);
	return 0;
}
