/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tmpl.c - the template renderer and the value checks (src/core/
 * tmpl.c) with the real vendors: the first byte picks a vendor (with
 * variables), the text up to the first NUL is a template, and each
 * following NUL-separated "name=value" sets a variable. Values go through
 * tmpl_check_user_vars first, as apply and batch do; device variables are
 * set too, as captures are.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/tmpl.h"
#include "core/vendor.h"
#include "core/xmalloc.h"
#include "fuzz.h"

static struct vendor_set set;
static const struct vendor *with_vars[64];
static size_t n_with_vars;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct errbuf eb;
	size_t i;

	(void)argc;
	(void)argv;
	fuzz_init();
	if (vendor_load_all(&set, &eb) != ALGOFF_OK)
		abort();
	for (i = 0; i < set.n && n_with_vars < 64; i++)
		if (set.v[i]->n_vars > 0)
			with_vars[n_with_vars++] = set.v[i];
	if (n_with_vars == 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct vendor *v;
	struct vstep st;
	struct varset user, all;
	struct tmpl_line *l;
	struct errbuf eb;
	const struct vvar *vv;
	char *s, *p, *end, *eq;
	size_t n;

	if (size < 1 || size > 64 * 1024)
		return 0;
	v = with_vars[data[0] % n_with_vars];
	s = fuzz_str(data + 1, size - 1);
	end = s + size - 1;
	memset(&st, 0, sizeof(st));
	st.kind = STEP_DISABLE;
	st.tmpl_path = "fuzz.tmpl";
	st.text = s;
	memset(&user, 0, sizeof(user));
	memset(&all, 0, sizeof(all));
	for (p = s + strlen(s) + 1; p < end; p += strlen(p) + 1) {
		eq = strchr(p, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		vv = vendor_var(v, p);
		if (vv != NULL && vv->from_device) {
			if (tmpl_check_value(vv, eq + 1, &eb) == ALGOFF_OK)
				varset_set(&all, p, eq + 1);
		} else
			varset_set(&user, p, eq + 1);
	}
	if (tmpl_check_user_vars(v, &user, &eb) == ALGOFF_OK) {
		for (n = 0; n < user.n; n++)
			varset_set(&all, user.name[n], user.value[n]);
		if (tmpl_render(v, &st, &all, 1, &l, &n, &eb) == ALGOFF_OK)
			tmpl_lines_free(l, n);
		if (tmpl_render(v, &st, &all, 0, &l, &n, &eb) == ALGOFF_OK)
			tmpl_lines_free(l, n);
	}
	varset_free(&user);
	varset_free(&all);
	free(s);
	return 0;
}
