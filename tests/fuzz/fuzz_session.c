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
 *
 * With ALGOFF_FUZZ_RECORD=DIR the target instead runs the same steps
 * against each vendor CLI emulator of tests/emulators/ (a child process on
 * pipes), writes what each one sent as the seed DIR/ID and exits.
 */
#include "../../src/runner/runner.c"

#include <signal.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "session/stream_fd.h"

static struct vendor_set set;
static struct secret *enable_pw;

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

static void record_all(const char *dir);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct errbuf eb;
	const char *rec = getenv("ALGOFF_FUZZ_RECORD");

	(void)argc;
	(void)argv;
	fuzz_init();
	if (vendor_load_all(&set, &eb) != ALGOFF_OK)
		abort();
	if (rec != NULL)
		record_all(rec);
	enable_pw = secret_new("enable-secret-emu");
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
	so.enable_password = enable_pw;
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

/* Recording: a stream that keeps a copy of every byte read. */
struct tee {
	struct stream in;
	struct buf seen;
};

static ssize_t
rec_read(void *ctx, void *buf, size_t n, int timeout_ms, struct errbuf *eb)
{
	struct tee *t = ctx;
	ssize_t r = t->in.ops->read(t->in.ctx, buf, n, timeout_ms, eb);

	if (r > 0)
		buf_append(&t->seen, buf, (size_t)r);
	return r;
}

static enum algoff_err
rec_write(void *ctx, const void *buf, size_t n, int timeout_ms,
    struct errbuf *eb)
{
	struct tee *t = ctx;

	return t->in.ops->write(t->in.ctx, buf, n, timeout_ms, eb);
}

static const struct stream_ops rec_ops = { rec_read, rec_write, fs_close };

/* rec_vendor - run the steps against emulator emu for vendor v into DIR/ID. */
static void
rec_vendor(const char *dir, const struct vendor *v, const char *emu)
{
	char state[] = "/tmp/algoff-fuzz-emu-XXXXXX", path[512];
	int in[2], out[2], st;
	struct runner_opts o;
	struct runner_result res;
	struct session_opts so;
	struct tee t;
	struct errbuf eb;
	struct run R;
	struct secret *en;
	pid_t pid;
	FILE *f;

	if (mkdtemp(state) == NULL || pipe(in) != 0 || pipe(out) != 0)
		abort();
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execl("/usr/bin/python3", "python3", emu, "--vendor", v->id,
		    "--state", state, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	memset(&o, 0, sizeof(o));
	o.v = v;
	o.target.host = "198.18.0.1";
	memset(&res, 0, sizeof(res));
	memset(&R, 0, sizeof(R));
	R.o = &o;
	R.res = &res;
	memset(&t, 0, sizeof(t));
	stream_fd_open(&t.in, out[0], in[1]);
	buf_init(&t.seen, 1u << 22);
	R.stream.ops = &rec_ops;
	R.stream.ctx = &t;
	memset(&so, 0, sizeof(so));
	so.cli = &v->cli;
	so.redact = &R.secrets;
	/* the emulators' default enable secrets (tests/emulators/) */
	en = secret_new(strcmp(v->id, "cisco-asa") == 0 ? "asa-enable-emu" :
	    "enable-secret-emu");
	so.enable_password = en;
	so.timeout_ms = 5000;
	if (session_open(&R.stream, &so, &R.sess, &eb) == ALGOFF_OK)
		steps(&R, &eb);
	session_close(R.sess);
	t.in.ops->close(t.in.ctx);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	snprintf(path, sizeof(path), "%s/%s", dir, v->id);
	f = fopen(path, "w");
	if (f == NULL)
		abort();
	fprintf(f, "%s\n", v->id);
	fwrite(t.seen.data, 1, t.seen.len, f);
	fclose(f);
	fprintf(stderr, "%s: %zu bytes, %zu commands\n", v->id, t.seen.len,
	    res.n_cmds);
	buf_free(&t.seen);
	secret_free(en);
	varset_free(&R.vars);
	runner_result_free(&res);
	snprintf(path, sizeof(path), "rm -rf '%s'", state);
	if (system(path) != 0)
		abort();
}

static void
record_all(const char *dir)
{
	char emu[512], mod[512], *p;
	size_t i;

	signal(SIGPIPE, SIG_IGN);
	snprintf(emu, sizeof(emu), "%s/tests/emulators/emu.py",
	    vendor_datadir());
	for (i = 0; i < set.n; i++) {
		snprintf(mod, sizeof(mod), "%s/tests/emulators/%s.py",
		    vendor_datadir(), set.v[i]->id);
		for (p = strrchr(mod, '/'); *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
		if (set.v[i]->method == VENDOR_SSH && access(mod, R_OK) == 0)
			rec_vendor(dir, set.v[i], emu);
	}
	exit(0);
}
