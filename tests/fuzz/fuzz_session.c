/* SPDX-License-Identifier: MIT */
/*
 * fuzz_session.c - the session engine (src/session) fed device output
 * through the real vendors/ *.xml, with the runner's own step functions
 * (src/runner/runner.c, included to reach them): version detection, the
 * precheck and its captures (checked, then flowing into the templates of
 * the later steps), backup, disable, verify, and the JSON result, which
 * must be valid JSON.
 *
 * Input: a vendor id, a newline, then every byte the device sends for the
 * whole dialogue (handed out in reads of at most 97 bytes; whatever algoff
 * writes is accepted). When the bytes run out, the link drops.
 */
#include "../../src/runner/runner.c"

#include "fuzz.h"

static struct vendor_set set;

struct fstream {
	const char *p;
	size_t left;
};

static ssize_t
fs_read(void *ctx, void *buf, size_t n, int timeout_ms, struct errbuf *eb)
{
	struct fstream *f = ctx;

	(void)timeout_ms;
	if (f->left == 0)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED, "fuzz: end of input");
	if (n > f->left)
		n = f->left;
	if (n > 97)
		n = 97;
	memcpy(buf, f->p, n);
	f->p += n;
	f->left -= n;
	return (ssize_t)n;
}

static enum algoff_err
fs_write(void *ctx, const void *buf, size_t n, int timeout_ms,
    struct errbuf *eb)
{
	(void)ctx;
	(void)buf;
	(void)n;
	(void)timeout_ms;
	(void)eb;
	return ALGOFF_OK;
}

static void
fs_close(void *ctx)
{
	(void)ctx;
}

static const struct stream_ops fs_ops = { fs_read, fs_write, fs_close };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct errbuf eb;

	(void)argc;
	(void)argv;
	fuzz_init();
	if (vendor_load_all(&set, &eb) != ALGOFF_OK)
		abort();
	return 0;
}

/* steps - the runner's sequence, as far as the device lets it go. */
static void
steps(struct run *R, struct errbuf *eb)
{
	int on = -1;
	char *out = NULL;

	detect_variant(R, eb);
	if (check_step(R, STEP_PRECHECK, &on, eb) != ALGOFF_OK)
		return;
	R->res->alg_before = on;
	if (run_step(R, STEP_BACKUP, &out, eb) == ALGOFF_OK &&
	    run_step(R, STEP_DISABLE, NULL, eb) == ALGOFF_OK &&
	    check_step(R, STEP_VERIFY, &on, eb) == ALGOFF_OK)
		R->res->alg_after = on;
	free(out);
}

static void
check_json(const struct runner_opts *o, const struct runner_result *res)
{
	char *js = NULL;
	size_t jl = 0;
	FILE *f = open_memstream(&js, &jl);

	if (f == NULL)
		abort();
	runner_result_json(f, o, res);
	fclose(f);
	if (!fuzz_json_valid(js, jl))
		abort();	/* --json must always be valid JSON */
	free(js);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct runner_opts o;
	struct runner_result res;
	struct session_opts so;
	struct fstream fst;
	struct errbuf eb;
	struct run R;
	char id[64];
	size_t i, idn;

	if (nl == NULL || size > 512 * 1024)
		return 0;
	idn = (size_t)(nl - (const char *)data);
	if (idn >= sizeof(id))
		return 0;
	memcpy(id, data, idn);
	id[idn] = '\0';
	memset(&o, 0, sizeof(o));
	o.v = vendor_set_find(&set, id);
	if (o.v == NULL || o.v->method != VENDOR_SSH)
		return 0;
	o.target.host = "198.18.0.1";
	o.target.user = "admin";
	o.target.port = 22;
	memset(&res, 0, sizeof(res));
	res.alg_before = res.alg_after = -1;
	memset(&R, 0, sizeof(R));
	R.o = &o;
	R.res = &res;
	for (i = 0; i < o.v->n_vars; i++)
		if (!o.v->vars[i].from_device && o.v->vars[i].def != NULL &&
		    *o.v->vars[i].def != '\0')
			varset_set(&R.vars, o.v->vars[i].name,
			    o.v->vars[i].def);
	fst.p = nl + 1;
	fst.left = size - idn - 1;
	R.stream.ops = &fs_ops;
	R.stream.ctx = &fst;
	memset(&so, 0, sizeof(so));
	so.cli = &o.v->cli;
	so.redact = &R.secrets;
	so.timeout_ms = 100;
	so.settle_ms = -1;
	if (session_open(&R.stream, &so, &R.sess, &eb) == ALGOFF_OK)
		steps(&R, &eb);
	check_json(&o, &res);
	session_close(R.sess);
	varset_free(&R.vars);
	runner_result_free(&res);
	return 0;
}
