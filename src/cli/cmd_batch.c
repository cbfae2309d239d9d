/* SPDX-License-Identifier: MIT */
/*
 * cmd_batch.c - "algoff batch FILE.xml": check the whole answer file, then
 * print every device's plan (--dry-run) or run the devices with at most
 * --jobs in flight, print one line per finished device (and a live
 * progress line on a terminal), and write the JSON / JUnit reports.
 * SIGINT / SIGTERM: no new device starts, devices in flight finish (the
 * runner may stop them early and roll back), reports are written, exit 130.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


#include "cli/batch_fleet.h"
#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/exitcode.h"
#include "core/json.h"
#include "core/num.h"
#include "core/plan.h"
#include "core/xmalloc.h"
#include "runner/batch.h"
#include "runner/recap.h"
#include "runner/report.h"


static const char batch_help[] =
"Usage: algoff batch FILE.xml [--dry-run [--no-secrets]] [--jobs N]\n"
"                    [--json FILE] [--junit FILE] [--only-failed REPORT]\n"
"                    [--limit PATTERNS] [--shard K/N] [--brief]\n"
"                    [--max-fail N|P%] [--serial STAGES] [-F FILE] [-v]\n"
"\n"
"Turn the SIP ALG off on every device of an answer file (schema:\n"
"schema/batch.xsd; see 'man algoff', ANSWER FILE). The whole file is\n"
"checked first; any problem is reported with file:line and nothing is sent.\n"
"\n"
"  --dry-run             make every check of a real run and print each\n"
"                        device's plan; no network\n"
"  --no-secrets          with --dry-run: do not check that secrets are\n"
"                        there (password, passphrase and enable variables\n"
"                        set, password files and identities readable), to\n"
"                        lint a file in CI; everything else is checked\n"
"  --jobs N              at most N devices at once (default 10, max 256)\n"
"  --json FILE           write the algoff.batch/1 JSON report (with\n"
"                        --dry-run, algoff.batch-plan/1: each device's\n"
"                        plan); '-': standard output (the text goes to\n"
"                        standard error; an error is then one\n"
"                        algoff.error/1 document)\n"
"  --junit FILE          write a JUnit XML report (one testcase per device;\n"
"                        with --dry-run each is skipped, \"dry run\"); '-':\n"
"                        standard output\n"
"  --only-failed REPORT  run only the devices that failed in REPORT (a JSON\n"
"                        report of an earlier run of this file)\n"
"  --limit PATTERNS      only the devices matching one of the comma-separated\n"
"                        globs: NAME, tag:TAG or vendor:VENDOR\n"
"  --shard K/N           only shard K of N (1 <= K <= N): FNV-1a 64 hash of\n"
"                        the device name modulo N, plus 1, equals K\n"
"  --max-fail N|P%       once N devices (P% of the selected ones) have\n"
"                        failed, start no new device (the rest: not-started)\n"
"  --serial STAGES       run in stages of these sizes (N or P%, e.g.\n"
"                        1,10%,100%; the last size repeats); a stage starts\n"
"                        when the previous one finished under --max-fail (no\n"
"                        --max-fail: when not every device of it failed)\n"
"  --brief               one line per device (dry run and results)\n"
"  -F, --ssh-config FILE OpenSSH client configuration for every device\n"
"                        (overrides ssh-config= of the file; default\n"
"                        ~/.ssh/config; 'none': read none)\n"
"  -v, --verbose         trace each connection on stderr (negotiation,\n"
"                        authentication, prompts matched, timing;\n"
"                        secrets redacted)\n"
"\n"
"The run ends with a recap: devices per outcome, failures per reason.\n"
"\n"
"Exit codes: 0 every device succeeded, 2 input error (nothing sent),\n"
"4 some devices failed or did not start (--max-fail, --serial),\n"
"130 interrupted (SIGINT/SIGTERM; devices in flight finished or rolled\n"
"back, reports written).\n";

enum {
	OPT_DRY = 256, OPT_JOBS, OPT_JSON, OPT_JUNIT, OPT_ONLY, OPT_HELP,
	OPT_NOSECRETS, OPT_LIMIT, OPT_SHARD, OPT_MAXFAIL, OPT_SERIAL, OPT_BRIEF,
	OPT_SSHCFG
};

static const struct option batch_longopts[] = {
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "no-secrets", no_argument, NULL, OPT_NOSECRETS },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "only-failed", required_argument, NULL, OPT_ONLY },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "max-fail", required_argument, NULL, OPT_MAXFAIL },
	{ "serial", required_argument, NULL, OPT_SERIAL },
	{ "brief", no_argument, NULL, OPT_BRIEF },
	{ "ssh-config", required_argument, NULL, OPT_SSHCFG },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

struct batch_args {
	const char *file, *json, *junit, *only_failed, *ssh_config;
	int dry, jobs, no_secrets, verbose;
	struct fleet_opts f;
};

/* The terminal side of a run (used on the calling thread only). */
struct ui {
	const struct answer *b;
	int tty, brief;
	int progress_shown;
	int signo;
	sigset_t sigs;
};

static int
parse_args(int argc, char **argv, struct batch_args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	a->jobs = BATCH_DEFAULT_JOBS;
	optind = 1;
	while ((c = cli_getopt("batch", argc, argv, "hvF:", batch_longopts)) !=
	    -1) {
		switch (c) {
		case CLI_OPT_ERR:
			return EXIT_USAGE;
		case 'h': case OPT_HELP:
			fputs(batch_help, stdout);
			return -1;
		case OPT_DRY: a->dry = 1; break;
		case OPT_NOSECRETS: a->no_secrets = 1; break;
		case OPT_JSON: a->json = optarg; break;
		case OPT_JUNIT: a->junit = optarg; break;
		case OPT_ONLY: a->only_failed = optarg; break;
		case OPT_LIMIT: a->f.limit = optarg; break;
		case OPT_SHARD: a->f.shard = optarg; break;
		case OPT_MAXFAIL: a->f.max_fail = optarg; break;
		case OPT_SERIAL: a->f.serial = optarg; break;
		case OPT_BRIEF: a->f.brief = 1; break;
		case 'F': case OPT_SSHCFG: a->ssh_config = optarg; break;
		case 'v': a->verbose++; break;
		case OPT_JOBS:
			if (num_parse_int(optarg, 1, BATCH_MAX_JOBS,
			    &a->jobs) != 0)
				return usage_error("batch", "--jobs: not a "
				    "number from 1 to %d", BATCH_MAX_JOBS);
			break;
		}
	}
	if (optind >= argc)
		return usage_error("batch", "FILE.xml is required");
	if (cli_operands("batch", argc, argv, 1) != 0)
		return EXIT_USAGE;
	a->file = argv[optind];
	if (a->no_secrets && !a->dry)
		return usage_error("batch", "--no-secrets needs --dry-run (a "
		    "real run needs the secrets)");
	if (a->only_failed != NULL && strcmp(a->only_failed, "-") == 0)
		return usage_error("batch", "--only-failed: give a file name "
		    "(\"-\" is not supported here)");
	if (a->json != NULL && a->junit != NULL &&
	    strcmp(a->json, "-") == 0 && strcmp(a->junit, "-") == 0)
		return usage_error("batch", "--json - and --junit -: only one "
		    "report can go to standard output");
	return fleet_check(&a->f);
}

/* writable - can a report be written there? Checked before any device. */
static int
writable(const char *what, const char *path)
{
	char *tmp;
	FILE *f;
	int ok;

	if (path == NULL || strcmp(path, "-") == 0)
		return 1;
	xasprintf(&tmp, "%s.tmp", path);
	f = fopen(tmp, "w");
	ok = f != NULL;
	if (f != NULL) {
		fclose(f);
		unlink(tmp);
	} else
		cli_fail("batch", EXIT_USAGE, "io", "%s %s: %s; nothing was "
		    "sent", what, path, strerror(errno));
	free(tmp);
	return ok;
}

/* select_failed - indexes of the devices that failed in a report. */
static int
select_failed(const struct answer *b, const char *report, size_t **sel,
    size_t *n)
{
	struct errbuf eb;
	char **names = NULL, *file = NULL, *seen;
	size_t i, k = 0, nn = 0;
	long idx;
	int bad = 0;

	*sel = NULL;
	*n = 0;
	if (report_read_failed(report, &names, &nn, &file, &eb) != ALGOFF_OK) {
		cli_fail("batch", EXIT_USAGE, "input", "--only-failed: %s",
		    eb.msg);
		return -1;
	}
	if (file != NULL && strcmp(file, b->abspath) != 0)
		fprintf(stderr, "algoff batch: note: %s was written for %s\n",
		    report, file);
	*sel = xcalloc(nn + 1, sizeof(**sel));
	seen = xcalloc(b->n + 1, 1);
	for (i = 0; i < nn; i++) {
		idx = answer_find(b, names[i]);
		if (idx < 0) {
			if (!bad)
				cli_fail("batch", EXIT_USAGE, "input",
				    "--only-failed: device \"%s\" of %s is "
				    "not in %s", names[i], report, b->file);
			bad = 1;
		} else if (!seen[idx]) {
			/* a device listed twice runs once */
			seen[idx] = 1;
			(*sel)[k++] = (size_t)idx;
		}
		free(names[i]);
	}
	free(seen);
	free(names);
	free(file);
	*n = k;
	return bad ? -1 : 0;
}

static void iso_now(char *buf, size_t len);
static int write_reports(const struct batch_args *a, const char *json,
    const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n, const struct report_meta *m);

/* Where a report given as "-" goes (the text then goes to stderr). */
static FILE *report_stdout;

static json_t *
dry_json_device(const struct answer_device *d)
{
	json_t *o = json_object();
	int port = d->port > 0 ? d->port : 22;

	json_set_text(o, "name", d->name);
	json_object_set_new(o, "line", json_integer(d->line));
	json_set_text(o, "vendor", d->v->id);
	json_set_text(o, "host", d->host);
	json_object_set_new(o, "port", json_integer(port));
	json_object_set_new(o, "address", json_hostport(d->host, port));
	json_set_text(o, "user", d->user);
	json_object_set_new(o, "steps", json_steps(d->steps));
	return o;
}

/* write_dry_json - the "algoff.batch-plan/1" document into path. */
static int
write_dry_json(const char *path, const struct answer *b, json_t *devs)
{
	json_t *doc = json_doc("algoff.batch-plan/1");
	FILE *f = report_stdout;
	char *tmp = NULL;
	int r;

	json_set_text(doc, "file", b->abspath);
	json_set_text(doc, "name", b->name);
	json_object_set_new(doc, "dry_run", json_true());
	json_object_set_new(doc, "sent", json_false());
	json_object_set_new(doc, "devices", json_incref(devs));
	if (strcmp(path, "-") != 0) {
		xasprintf(&tmp, "%s.tmp", path);
		f = fopen(tmp, "w");
	}
	r = f != NULL ? json_print(f, doc) : (json_decref(doc), -1);
	if (tmp != NULL && f != NULL && (fclose(f) != 0 ||
	    (r == 0 && rename(tmp, path) != 0)))
		r = -1;
	if (tmp != NULL && r != 0)
		(void)unlink(tmp);
	if (r != 0)
		fprintf(stderr, "algoff batch: JSON report %s: cannot write\n",
		    path);
	free(tmp);
	return r == 0;
}

static void
dry_device(const struct answer *b, const struct answer_device *d,
    json_t *devs, int brief, int *rc)
{
	struct plan p;
	struct errbuf eb;
	char steps[128];
	json_t *o;

	if (!brief)
		printf("=== device %s (%s:%d, user %s, steps: %s)\n", d->name,
		    d->host, d->port, d->user,
		    answer_steps_str(d->steps, steps, sizeof(steps)));
	errbuf_clear(&eb);
	if (plan_build(d->v, d->variant, &d->vars, 1, &p, &eb) != ALGOFF_OK) {
		fprintf(stderr, "%s:%d: device \"%s\": %s\n", b->file,
		    d->line, d->name, eb.msg);
		if (*rc == 0 && cli_json())
			json_error_print(report_stdout, "batch", "input",
			    eb.msg);
		*rc = EXIT_USAGE;
		return;
	}
	p.run = d->steps;
	if (brief)
		fleet_brief_plan(d, &p);
	else
		plan_print(stdout, &p, d->host);
	o = dry_json_device(d);
	json_object_set_new(o, "plan", plan_json(&p, d->host));
	json_array_append_new(devs, o);
	plan_free(&p);
	if (!brief)
		putchar('\n');
}

static int
dry_run(const struct batch_args *a, const struct answer *b,
    const size_t *sel, size_t n)
{
	struct batch_result *res = xcalloc(b->n + 1, sizeof(*res));
	struct report_meta m;
	json_t *devs = json_array();
	char started[32];
	size_t i;
	int rc = 0;

	iso_now(started, sizeof(started));
	for (i = 0; i < n; i++) {
		dry_device(b, &b->dev[sel != NULL ? sel[i] : i], devs,
		    a->f.brief, &rc);
		res[sel != NULL ? sel[i] : i].status = BATCH_NOT_STARTED;
		res[sel != NULL ? sel[i] : i].reason = xstrdup("dry run");
	}
	printf("Dry run: %zu device%s, nothing was sent%s.\n", n,
	    n == 1 ? "" : "s", a->no_secrets ? " (secrets not checked: "
	    "--no-secrets)" : "");
	fflush(stdout);
	memset(&m, 0, sizeof(m));
	m.started = started;
	m.jobs = a->jobs;
	m.only_failed = a->only_failed;
	if (rc == 0 && a->json != NULL && !write_dry_json(a->json, b, devs))
		rc = EXIT_BATCH_FAILED;
	if (rc == 0 && !write_reports(a, NULL, b, res, sel, n, &m))
		rc = EXIT_BATCH_FAILED;
	json_decref(devs);
	for (i = 0; i < b->n; i++)
		batch_result_free(&res[i]);
	free(res);
	return rc;
}

static void
progress(struct ui *u, const struct batch_progress *p)
{
	double rate = p->elapsed > 0 ? (double)p->done / p->elapsed : 0;

	if (!u->tty)
		return;
	printf("\r\033[K%s%zu/%zu done, %zu failed, %zu in flight, "
	    "%.1f devices/s, %.0f s", p->stopping ? "STOPPING: " : "",
	    p->done, p->total, p->failed, p->inflight, rate, p->elapsed);
	fflush(stdout);
	u->progress_shown = 1;
}

static void
ui_finished(void *arg, size_t idx, const struct batch_result *r,
    const struct batch_progress *p)
{
	struct ui *u = arg;
	const struct answer_device *d = &u->b->dev[idx];
	size_t applied = batch_result_applied(r);

	if (u->tty && u->progress_shown)
		fputs("\r\033[K", stdout);
	if (u->brief) {
		fleet_brief_result(stdout, d, r);
		putchar('\n');
		progress(u, p);
		return;
	}
	printf("[%*zu/%zu] %-16s %-10s %s:%d  ", p->total >= 100 ? 3 : 2,
	    p->done, p->total, d->name, d->v->id, d->host, d->port);
	switch (r->status) {
	case BATCH_ALREADY_OFF:
		printf("already disabled: nothing changed");
		break;
	case BATCH_DISABLED:
		printf("disabled: %zu command%s applied", applied,
		    applied == 1 ? "" : "s");
		break;
	case BATCH_VERIFIED_OFF:
		printf("verified off");
		break;
	case BATCH_NOT_STARTED:
		printf("%s", r->reason != NULL ? r->reason : "not started");
		break;
	default:
		printf("%s: %s (%zu command%s applied)",
		    r->status == BATCH_ROLLED_BACK ? "ROLLED BACK" :
		    r->status == BATCH_STILL_ON ? "STILL ON" : "FAILED",
		    r->reason != NULL ? r->reason : "?", applied,
		    applied == 1 ? "" : "s");
	}
	if (r->backup_path != NULL)
		printf(", backup %s", r->backup_path);
	if (r->status != BATCH_NOT_STARTED)
		printf(" (%.1f s)", r->seconds);
	if (d->v->evidence == EVIDENCE_COMMUNITY)
		printf("; evidence: community - prove it with algoff probe");
	putchar('\n');
	progress(u, p);
	if (!u->tty)
		fflush(stdout);
}

static void
ui_tick(void *arg, const struct batch_progress *p)
{
	progress(arg, p);
}

/* ui_interrupted - SIGINT / SIGTERM are blocked; take a pending one. */
static int
ui_interrupted(void *arg)
{
	struct ui *u = arg;
	struct timespec zero = { 0, 0 };
	int s = sigtimedwait(&u->sigs, NULL, &zero);

	if (s <= 0)
		return 0;
	u->signo = s;
	if (u->tty)
		fputs("\r\033[K", stdout);
	fprintf(stderr, "algoff batch: %s: starting no new device; waiting "
	    "for the devices in flight\n", s == SIGINT ? "SIGINT" : "SIGTERM");
	return 1;
}

static void
iso_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
write_one(const char *what, const char *path,
    void (*fn)(FILE *, const struct answer *, const struct batch_result *,
    const size_t *, size_t, const struct report_meta *),
    const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n, const struct report_meta *m)
{
	struct errbuf eb;

	if (path == NULL)
		return 1;
	if (strcmp(path, "-") == 0) {
		fn(report_stdout, b, res, sel, n, m);
		return fflush(report_stdout) == 0;
	}
	if (report_write(path, fn, b, res, sel, n, m, &eb) == ALGOFF_OK)
		return 1;
	fprintf(stderr, "algoff batch: %s report: %s\n", what, eb.msg);
	return 0;
}

/* write_reports - JSON to json (NULL: none), JUnit to --junit. */
static int
write_reports(const struct batch_args *a, const char *json,
    const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n, const struct report_meta *m)
{
	int ok = write_one("JSON", json, report_json, b, res, sel, n, m);

	return write_one("JUnit", a->junit, report_junit, b, res, sel, n, m) &&
	    ok;
}

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;    /* never runs: the signals are blocked and waited for */
}

static int
run(const struct batch_args *a, const struct answer *b, const size_t *sel,
    size_t n)
{
	struct batch_result *res = xcalloc(b->n + 1, sizeof(*res));
	struct batch_run_opts o;
	struct report_meta m;
	struct ui u;
	struct timespec t0, t1;
	struct sigaction sa, old_int, old_term;
	sigset_t old;
	char started[32];
	size_t i, ok = 0, *ends = NULL;
	int r, rc;

	memset(&u, 0, sizeof(u));
	u.b = b;
	u.tty = isatty(STDOUT_FILENO);
	u.brief = a->f.brief;
	sigemptyset(&u.sigs);
	sigaddset(&u.sigs, SIGINT);
	sigaddset(&u.sigs, SIGTERM);
	/*
	 * A handler (even one that does nothing) so that a signal a shell
	 * set to "ignore" for a background job still becomes pending; blocked
	 * here, so every worker thread inherits the mask and the calling
	 * thread takes it with sigtimedwait().
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	pthread_sigmask(SIG_BLOCK, &u.sigs, &old);
	memset(&o, 0, sizeof(o));
	o.jobs = a->jobs;
	o.sel = sel;
	o.n_sel = n;
	o.device = batch_exec_device;
	o.device_arg = (void *)&a->verbose;
	o.finished = ui_finished;
	o.tick = ui_tick;
	o.interrupted = ui_interrupted;
	o.ui_arg = &u;
	o.stop = &stop_flag;
	fleet_pacing(&a->f, n, &o, &ends);
	iso_now(started, sizeof(started));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("algoff batch: %zu device%s from %s, at most %d at once\n", n,
	    n == 1 ? "" : "s", b->file, a->jobs);
	fflush(stdout);
	r = batch_run(b, &o, res);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (u.tty && u.progress_shown)
		fputs("\r\033[K", stdout);
	memset(&m, 0, sizeof(m));
	m.started = started;
	m.seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	m.interrupted = r == 1;
	m.jobs = a->jobs;
	m.only_failed = a->only_failed;
	for (i = 0; i < n; i++)
		ok += batch_status_ok(res[sel != NULL ? sel[i] : i].status);
	printf("algoff batch: %zu succeeded, %zu failed%s, %.1f s\n", ok,
	    n - ok, r == 1 ? " or not started (interrupted)" : r == 2 ?
	    " or not started (--max-fail / --serial)" : "", m.seconds);
	batch_recap(stdout, b, res, sel, n);
	rc = write_reports(a, a->json, b, res, sel, n, &m) ? 0 :
	    EXIT_BATCH_FAILED;
	if (r < 0) {
		fprintf(stderr, "algoff batch: cannot start worker threads\n");
		rc = EXIT_BATCH_FAILED;
	} else if (r == 1)
		rc = EXIT_INTERRUPTED;
	else if (ok < n)
		rc = EXIT_BATCH_FAILED;
	for (i = 0; i < b->n; i++)
		batch_result_free(&res[i]);
	free(res);
	free(ends);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return rc;
}

/*
 * report_to_stdout - a report goes to standard output: keep that in
 * report_stdout and send the text (stdout) to standard error.
 */
static void
report_to_stdout(void)
{
	int fd;

	fflush(stdout);
	fd = dup(STDOUT_FILENO);
	if (fd < 0 || (report_stdout = fdopen(fd, "w")) == NULL) {
		report_stdout = stdout;
		if (fd >= 0)
			close(fd);
		return;
	}
	(void)dup2(STDERR_FILENO, STDOUT_FILENO);
}

static int
report_errors(const char *file, struct answer_errors *errs)
{
	struct buf all;
	size_t i, n = errs->n + errs->dropped;

	buf_init(&all, 1u << 20);
	for (i = 0; i < errs->n; i++) {
		fprintf(stderr, "%s\n", errs->msg[i]);
		buf_printf(&all, "%s\n", errs->msg[i]);
	}
	if (errs->dropped > 0) {
		fprintf(stderr, "... and %zu more\n", errs->dropped);
		buf_printf(&all, "... and %zu more\n", errs->dropped);
	}
	fprintf(stderr, "algoff batch: %zu error%s in %s; nothing was sent\n",
	    n, n == 1 ? "" : "s", file);
	buf_printf(&all, "%zu error%s in %s; nothing was sent", n,
	    n == 1 ? "" : "s", file);
	if (cli_json())
		json_error_print(report_stdout, "batch", "input", all.data);
	buf_free(&all);
	return EXIT_USAGE;
}

int
cmd_batch(int argc, char **argv)
{
	struct batch_args a;
	struct answer_errors errs;
	struct answer *b = NULL;
	size_t *sel = NULL, n;
	int rc;

	cli_json_scan("batch", argc, argv, 1);
	rc = parse_args(argc, argv, &a);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	memset(&errs, 0, sizeof(errs));
	report_stdout = stdout;
	if ((a.json != NULL && strcmp(a.json, "-") == 0) ||
	    (a.junit != NULL && strcmp(a.junit, "-") == 0))
		report_to_stdout();
	cli_json_out(report_stdout);
	if (answer_load(a.file, !a.dry ? ANSWER_LOAD_SECRETS : a.no_secrets ?
	    ANSWER_NO_SECRETS : 0, a.ssh_config, &b, &errs) != ALGOFF_OK) {
		rc = report_errors(a.file, &errs);
		goto out;
	}
	n = b->n;
	if (a.only_failed != NULL) {
		if (select_failed(b, a.only_failed, &sel, &n) != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
		if (n == 0) {
			printf("algoff batch: no failed device in %s; nothing "
			    "to do\n", a.only_failed);
			if (a.json != NULL && strcmp(a.json, "-") == 0)
				report_json(report_stdout, b, NULL, sel, 0,
				    &(struct report_meta){ .jobs = a.jobs,
				    .only_failed = a.only_failed });
			rc = 0;
			goto out;
		}
	}
	rc = fleet_select(b, &a.f, &sel, &n);
	if (rc != 0)
		goto out;
	if (n == 0)    /* still run: the reports say 0 devices */
		printf("algoff batch: shard %s of %s has no device\n",
		    a.f.shard, b->file);
	if (!writable("--json", a.json) || !writable("--junit", a.junit)) {
		rc = EXIT_USAGE;
		goto out;
	}
	rc = a.dry ? dry_run(&a, b, sel, n) : run(&a, b, sel, n);
out:
	answer_errors_free(&errs);
	answer_free(b);
	free(sel);
	if (report_stdout != stdout)
		fclose(report_stdout);
	return rc;
}
