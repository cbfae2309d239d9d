/* SPDX-License-Identifier: MIT */
/*
 * check_batch.c - unit tests of batch mode: validation messages (file:line,
 * field), the scheduler (at most N in flight, every device once, stop) with
 * a fake device function, and the reports (JSON read back by --only-failed,
 * JUnit). The real runs against emulators are tests/batch-*.sh.
 */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "runner/batch.h"
#include "runner/recap.h"
#include "runner/report.h"
#include "runner/select.h"
#include "testutil.h"


#define HEAD "<?xml version=\"1.0\"?>\n<algoff-batch version=\"1\">\n"

/* load - answer_load on text; returns the error count. */
static size_t
load(const char *text, struct answer **b, struct answer_errors *e)
{
	char *p = write_file("a.xml", text);

	memset(e, 0, sizeof(*e));
	*b = NULL;
	answer_load(p, 1, NULL, b, e);
	free(p);
	return e->n;
}

static int
has_error(const struct answer_errors *e, const char *needle)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strstr(e->msg[i], needle) != NULL)
			return 1;
	for (i = 0; i < e->n; i++)
		fprintf(stderr, "  error: %s\n", e->msg[i]);
	return 0;
}

START_TEST(test_good_file_merges_defaults)
{
	struct answer *b;
	struct answer_errors e;
	char steps[128];

	ck_assert_uint_eq(load(HEAD
	    "<defaults user=\"admin\" password-env=\"CB_PW\" port=\"2200\" "
	    "steps=\"precheck verify\" known-hosts=\"kh\" tags=\"a b\" "
	    "host-key-policy=\"accept-new\"/>\n"
	    "<device name=\"x1\" vendor=\"cisco-ios\" host=\"203.0.113.1\"/>\n"
	    "<device name=\"x2\" vendor=\"fortigate\" host=\"203.0.113.2\" "
	    "port=\"22\" user=\"root\" password-file=\"pw\"/>\n"
	    "</algoff-batch>\n", &b, &e), 0);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(b->n, 2);
	ck_assert_str_eq(b->dev[0].user, "admin");
	ck_assert_int_eq(b->dev[0].port, 2200);
	ck_assert_int_eq(b->dev[1].port, 22);
	ck_assert_str_eq(b->dev[1].user, "root");
	ck_assert_ptr_nonnull(b->dev[0].password);
	ck_assert_str_eq(b->dev[0].password->value, "cb-secret");
	/* the device's password-file overrides the defaults' password-env */
	ck_assert_ptr_null(b->dev[1].password_env);
	ck_assert_str_eq(b->dev[1].password->value, "from-file");
	ck_assert_str_eq(answer_steps_str(b->dev[1].steps, steps,
	    sizeof(steps)), "precheck verify");
	ck_assert_ptr_nonnull(strstr(b->dev[0].known_hosts, testdir()));
	ck_assert_int_eq(answer_find(b, "x2"), 1);
	ck_assert_int_eq(answer_find(b, "nope"), -1);
	answer_free(b);
	answer_errors_free(&e);
}
END_TEST

START_TEST(test_every_error_with_line_and_field)
{
	struct answer *b;
	struct answer_errors e;

	load(HEAD
	    "<defaults user=\"admin\" password-env=\"CB_PW\"/>\n"       /* 3 */
	    "<device name=\"x1\" vendor=\"nosuch\" host=\"203.0.113.1\"/>\n"
	    "<device name=\"x1\" vendor=\"cisco-ios\" host=\"a b\"/>\n"  /* 5 */
	    "<device name=\"x3\" vendor=\"cisco-ios\"/>\n"
	    "<device name=\"x4\" vendor=\"cisco-ios\" host=\"h\" "
	    "password-env=\"CB_UNSET\"/>\n"                               /* 7 */
	    "<device name=\"x5\" vendor=\"netgear\" host=\"h\" "
	    "identity=\"nokey\"/>\n"
	    "<device name=\"x6\" vendor=\"cisco-ios\" host=\"h:22\">\n"   /* 9 */
	    "  <var name=\"udp_was_off\" value=\"x\"/>\n"
	    "  <var name=\"v\" value=\"a&#10;b\"/>\n"                     /* 11 */
	    "</device>\n"
	    "</algoff-batch>\n", &b, &e);
	ck_assert_ptr_null(b);
	ck_assert(has_error(&e, "a.xml:4: device \"x1\": vendor: unknown "
	    "vendor \"nosuch\" (known: "));
	ck_assert(has_error(&e, "a.xml:5: device \"x1\": name: duplicate "
	    "(first on line 4)"));
	ck_assert(has_error(&e, "a.xml:5: device \"x1\": host: \"a b\""));
	ck_assert(has_error(&e, "a.xml:6: device \"x3\": host: missing"));
	ck_assert(has_error(&e, "a.xml:7: device \"x4\": password-env: "
	    "environment variable CB_UNSET is not set"));
	ck_assert(has_error(&e, "a.xml:8: device \"x5\": vendor: netgear is "
	    "configured in its web interface only"));
	ck_assert(has_error(&e, "a.xml:8: device \"x5\": identity: "));
	ck_assert(has_error(&e, "a.xml:9: device \"x6\": host: \"h:22\" holds "
	    "a ':'"));
	ck_assert(has_error(&e, "a.xml:10: device \"x6\": var udp_was_off: "
	    "read from the device by vendor cisco-ios"));
	ck_assert(has_error(&e, "a.xml:11: device \"x6\": var v: value "
	    "contains a newline character (0x0a); refused"));
	ck_assert(has_error(&e, "a.xml:11: device \"x6\": var v: not declared "
	    "by vendor cisco-ios"));
	ck_assert_uint_eq(e.n, 11);
	answer_errors_free(&e);
}
END_TEST

START_TEST(test_xml_and_schema_errors)
{
	struct answer *b;
	struct answer_errors e;

	load(HEAD "<device name=\"x\" vendor=\"cisco-ios\">\n</algoff-batch>\n",
	    &b, &e);
	ck_assert_ptr_null(b);
	ck_assert(has_error(&e, "a.xml:4: "));
	answer_errors_free(&e);
	load(HEAD "<device name=\"x\" vendor=\"cisco-ios\" host=\"h\" "
	    "user=\"u\" agent=\"maybe\"/>\n<device name=\"y\" password=\"p\" "
	    "host=\"h\"/>\n</algoff-batch>\n", &b, &e);
	ck_assert(has_error(&e, "a.xml:3: Element 'device', attribute "
	    "'agent'"));
	ck_assert(has_error(&e, "a.xml:4: Element 'device', attribute "
	    "'password': The attribute 'password' is not allowed."));
	answer_errors_free(&e);
	load("<?xml version=\"1.0\"?>\n<algoff-batch version=\"2\">\n"
	    "<device name=\"x\"/>\n</algoff-batch>\n", &b, &e);
	ck_assert(has_error(&e, "a.xml:2: Element 'algoff-batch', attribute "
	    "'version'"));
	answer_errors_free(&e);
	load("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"v\">]>\n"
	    "<algoff-batch version=\"1\"><device name=\"x\" vendor=\"cisco-ios\" "
	    "host=\"h\" user=\"u\" agent=\"true\"/></algoff-batch>\n", &b, &e);
	ck_assert(has_error(&e, "DOCTYPE is not allowed"));
	answer_errors_free(&e);
}
END_TEST

/* The fake device: sleeps, fails every third, records the concurrency. */
static pthread_mutex_t fake_mu = PTHREAD_MUTEX_INITIALIZER;
static int fake_now, fake_max, fake_calls[4096];

static void
fake_device(void *arg, const struct answer *b, size_t idx,
    volatile sig_atomic_t *stop, struct batch_result *res)
{
	struct timespec ts = { 0, 20 * 1000000L };

	(void)arg;
	(void)b;
	(void)stop;
	pthread_mutex_lock(&fake_mu);
	fake_calls[idx]++;
	if (++fake_now > fake_max)
		fake_max = fake_now;
	pthread_mutex_unlock(&fake_mu);
	nanosleep(&ts, NULL);
	res->status = idx % 3 == 2 ? BATCH_FAILED : BATCH_DISABLED;
	if (res->status == BATCH_FAILED)
		res->reason = xstrdup("fake \"failure\" <&>");
	batch_result_add_cmd(res, "disable", "no ip nat service sip udp "
	    "port 5060", "confirmed");
	res->seconds = 0.02;
	pthread_mutex_lock(&fake_mu);
	fake_now--;
	pthread_mutex_unlock(&fake_mu);
}

static size_t n_finished;

static void
on_finished(void *arg, size_t idx, const struct batch_result *r,
    const struct batch_progress *p)
{
	(void)arg;
	(void)idx;
	(void)r;
	ck_assert_uint_le(p->done, p->total);
	n_finished++;
}

static int n_polls;

static int
stop_after_polls(void *arg)
{
	(void)arg;
	return ++n_polls >= 2;
}

/* fake_batch - n devices without loading a file. */
static struct answer *
fake_batch(size_t n)
{
	struct answer *b = xcalloc(1, sizeof(*b));
	size_t i;

	b->n = n;
	b->dev = xcalloc(n, sizeof(*b->dev));
	b->file = xstrdup("fake.xml");
	b->abspath = xstrdup("/x/fake.xml");
	b->dir = xstrdup("/x");
	b->name = xstrdup("fake");
	for (i = 0; i < n; i++) {
		xasprintf(&b->dev[i].name, "dev-%02zu", i);
		b->dev[i].host = xstrdup("203.0.113.9");
		b->dev[i].port = 22;
		b->dev[i].steps = 0x3f;
	}
	return b;
}

static void
reset_fake(void)
{
	memset(fake_calls, 0, sizeof(fake_calls));
	fake_now = fake_max = 0;
	n_finished = 0;
	n_polls = 0;
}

START_TEST(test_scheduler_bounds_and_runs_all)
{
	struct answer *b = fake_batch(40);
	struct batch_result *res = xcalloc(40, sizeof(*res));
	struct batch_run_opts o;
	size_t i;

	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 4;
	o.device = fake_device;
	o.finished = on_finished;
	o.tick_ms = 5;
	ck_assert_int_eq(batch_run(b, &o, res), 0);
	ck_assert_int_le(fake_max, 4);
	ck_assert_int_ge(fake_max, 2);
	ck_assert_uint_eq(n_finished, 40);
	for (i = 0; i < 40; i++) {
		ck_assert_int_eq(fake_calls[i], 1);
		ck_assert_int_eq(res[i].status, i % 3 == 2 ? BATCH_FAILED :
		    BATCH_DISABLED);
		batch_result_free(&res[i]);
	}
	free(res);
	answer_free(b);
}
END_TEST

START_TEST(test_scheduler_selection_and_stop)
{
	struct answer *b = fake_batch(30);
	struct batch_result *res = xcalloc(30, sizeof(*res));
	struct batch_run_opts o;
	volatile sig_atomic_t stop = 0;
	size_t sel[] = { 3, 7, 11 }, i, started = 0, not_started = 0;

	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 8;
	o.sel = sel;
	o.n_sel = 3;
	o.device = fake_device;
	ck_assert_int_eq(batch_run(b, &o, res), 0);
	for (i = 0; i < 30; i++)
		ck_assert_int_eq(fake_calls[i], i == 3 || i == 7 || i == 11);
	ck_assert_int_eq(res[0].status, BATCH_PENDING);
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);

	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 2;
	o.device = fake_device;
	o.interrupted = stop_after_polls;
	o.tick_ms = 1;
	o.stop = &stop;
	ck_assert_int_eq(batch_run(b, &o, res), 1);
	ck_assert_int_eq(stop, 1);
	for (i = 0; i < 30; i++) {
		if (res[i].status == BATCH_NOT_STARTED) {
			not_started++;
			ck_assert_int_eq(fake_calls[i], 0);
		} else {
			started++;
			ck_assert_int_eq(fake_calls[i], 1);
		}
		batch_result_free(&res[i]);
	}
	ck_assert_uint_ge(not_started, 20);
	ck_assert_uint_eq(started + not_started, 30);
	free(res);
	answer_free(b);
}
END_TEST

START_TEST(test_shard_partition)
{
	static const unsigned ns[] = { 1, 2, 3, 7, 16, 100 };
	struct answer *b = fake_batch(0);
	char name[32];
	size_t i, j, total, *sel, m, *seen, want;
	unsigned k, n, lo, hi;

	/* FNV-1a 64 reference values */
	ck_assert(select_hash("") == UINT64_C(0xcbf29ce484222325));
	ck_assert(select_hash("a") == UINT64_C(0xaf63dc4c8601ec8c));
	ck_assert(select_hash("foobar") == UINT64_C(0x85944171f73967e8));
	answer_free(b);
	b = fake_batch(3000);
	seen = xcalloc(3000, sizeof(*seen));
	for (j = 0; j < sizeof(ns) / sizeof(ns[0]); j++) {
		n = ns[j];
		memset(seen, 0, 3000 * sizeof(*seen));
		total = 0;
		want = 3000 / n;
		lo = hi = 0;
		for (k = 1; k <= n; k++) {
			sel = select_filter(b, NULL, 3000, NULL, k, n, &m);
			for (i = 0; i < m; i++) {
				seen[sel[i]]++;
				ck_assert_uint_eq(select_shard_of(
				    b->dev[sel[i]].name, n), k);
			}
			/* roughly even: within 40% of the mean (n <= 16) */
			if (n <= 16 && (m < want * 6 / 10 || m > want * 14 / 10))
				lo++;
			hi += m > 0;
			total += m;
			free(sel);
		}
		ck_assert_uint_eq(total, 3000);
		for (i = 0; i < 3000; i++)
			ck_assert_uint_eq(seen[i], 1);
		ck_assert_uint_eq(lo, 0);
		ck_assert_uint_ge(hi, n > 16 ? n / 2 : n);
	}
	/* stable: the same name, the same shard, whatever else is there */
	snprintf(name, sizeof(name), "%s", b->dev[17].name);
	ck_assert_uint_eq(select_shard_of(name, 7), select_shard_of(
	    b->dev[17].name, 7));
	ck_assert_int_eq(select_parse_shard("3/4", &k, &n, NULL), 0);
	ck_assert_uint_eq(k, 3);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_ne(select_parse_shard("0/4", &k, &n, NULL), 0);
	ck_assert_int_ne(select_parse_shard("5/4", &k, &n, NULL), 0);
	ck_assert_int_ne(select_parse_shard("1/0", &k, &n, NULL), 0);
	ck_assert_int_ne(select_parse_shard("1", &k, &n, NULL), 0);
	ck_assert_int_ne(select_parse_shard("a/b", &k, &n, NULL), 0);
	free(seen);
	answer_free(b);
}
END_TEST

START_TEST(test_limit_patterns)
{
	struct answer *b = fake_batch(6);
	struct vendor fg, ios;
	size_t *sel, m, i;
	const char *tags[] = { "emea fw", "apac", NULL, "emea core", "lab",
	    "apac core" };

	memset(&fg, 0, sizeof(fg));
	memset(&ios, 0, sizeof(ios));
	fg.id = (char *)"fortigate";
	ios.id = (char *)"cisco-ios";
	for (i = 0; i < 6; i++) {
		b->dev[i].v = i % 2 ? &ios : &fg;
		b->dev[i].tags = tags[i] ? xstrdup(tags[i]) : NULL;
	}
	sel = select_filter(b, NULL, 6, "dev-0[12]", 0, 0, &m);
	ck_assert_uint_eq(m, 2);
	ck_assert_uint_eq(sel[0], 1);
	ck_assert_uint_eq(sel[1], 2);
	free(sel);
	sel = select_filter(b, NULL, 6, "tag:core", 0, 0, &m);
	ck_assert_uint_eq(m, 2);
	ck_assert_uint_eq(sel[0], 3);
	ck_assert_uint_eq(sel[1], 5);
	free(sel);
	sel = select_filter(b, NULL, 6, "vendor:cisco-*", 0, 0, &m);
	ck_assert_uint_eq(m, 3);
	free(sel);
	/* any pattern: tag e* or the name dev-04 */
	sel = select_filter(b, NULL, 6, "tag:e*,dev-04", 0, 0, &m);
	ck_assert_uint_eq(m, 3);
	ck_assert_uint_eq(sel[2], 4);
	free(sel);
	sel = select_filter(b, NULL, 6, "nothing", 0, 0, &m);
	ck_assert_uint_eq(m, 0);
	free(sel);
	ck_assert_int_ne(select_check_limit("a,,b", NULL), 0);
	ck_assert_int_ne(select_check_limit("tag:", NULL), 0);
	ck_assert_int_eq(select_check_limit("a,tag:x,vendor:y*", NULL), 0);
	for (i = 0; i < 6; i++)
		b->dev[i].v = NULL;
	answer_free(b);
}
END_TEST

START_TEST(test_pacing_parse)
{
	size_t v, *ends, n;

	ck_assert_int_eq(select_parse_max_fail("3", 100, &v, NULL), 0);
	ck_assert_uint_eq(v, 3);
	ck_assert_int_eq(select_parse_max_fail("10%", 95, &v, NULL), 0);
	ck_assert_uint_eq(v, 10);
	ck_assert_int_eq(select_parse_max_fail("1%", 5, &v, NULL), 0);
	ck_assert_uint_eq(v, 1);
	ck_assert_int_ne(select_parse_max_fail("0", 5, &v, NULL), 0);
	ck_assert_int_ne(select_parse_max_fail("101%", 5, &v, NULL), 0);
	ck_assert_int_ne(select_parse_max_fail("%", 5, &v, NULL), 0);
	ck_assert_int_eq(select_parse_serial("1,10%,100%", 100, &ends, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(ends[0], 1);
	ck_assert_uint_eq(ends[1], 11);
	ck_assert_uint_eq(ends[2], 100);
	free(ends);
	ck_assert_int_eq(select_parse_serial("2", 5, &ends, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(ends[1], 4);
	ck_assert_uint_eq(ends[2], 5);
	free(ends);
	ck_assert_int_eq(select_parse_serial("1%", 10, &ends, &n, NULL), 0);
	ck_assert_uint_eq(n, 10);
	free(ends);
	ck_assert_int_ne(select_parse_serial("1,x", 10, &ends, &n, NULL), 0);
	ck_assert_int_ne(select_parse_serial("1,,2", 10, &ends, &n, NULL), 0);
	ck_assert_int_ne(select_parse_serial("0", 10, &ends, &n, NULL), 0);
}
END_TEST

/* count_status - how many of res[0..n) have status s; frees them. */
static size_t
count_status(struct batch_result *res, size_t n, enum batch_status s)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += res[i].status == s;
	return c;
}

START_TEST(test_scheduler_max_fail)
{
	struct answer *b = fake_batch(30);
	struct batch_result *res = xcalloc(30, sizeof(*res));
	struct batch_run_opts o;
	size_t i;

	/* one at a time: 0 1 2(fails) 3 4 5(fails), then nothing */
	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 1;
	o.device = fake_device;
	o.max_fail = 2;
	o.tick_ms = 1;
	ck_assert_int_eq(batch_run(b, &o, res), 2);
	for (i = 0; i < 30; i++)
		ck_assert_int_eq(fake_calls[i], i <= 5);
	ck_assert_uint_eq(count_status(res, 30, BATCH_FAILED), 2);
	ck_assert_uint_eq(count_status(res, 30, BATCH_NOT_STARTED), 24);
	ck_assert_ptr_nonnull(strstr(res[29].reason, "--max-fail"));
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);
	/* several at once: in-flight devices finish, never more than jobs */
	reset_fake();
	o.jobs = 4;
	ck_assert_int_eq(batch_run(b, &o, res), 2);
	ck_assert_uint_ge(count_status(res, 30, BATCH_FAILED), 2);
	ck_assert_uint_le(count_status(res, 30, BATCH_FAILED), 5);
	ck_assert_uint_ge(count_status(res, 30, BATCH_NOT_STARTED), 10);
	ck_assert_uint_eq(count_status(res, 30, BATCH_PENDING), 0);
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);
	free(res);
	answer_free(b);
}
END_TEST

START_TEST(test_scheduler_serial)
{
	struct answer *b = fake_batch(30);
	struct batch_result *res = xcalloc(30, sizeof(*res));
	struct batch_run_opts o;
	size_t sel[30], ends[] = { 1, 3, 30 }, i;

	/* stage 1 is device 2, which fails: nothing else starts */
	for (i = 0; i < 30; i++)
		sel[i] = i == 0 ? 2 : i == 2 ? 0 : i;
	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 8;
	o.sel = sel;
	o.n_sel = 30;
	o.device = fake_device;
	o.stage_ends = ends;
	o.n_stages = 3;
	o.tick_ms = 1;
	ck_assert_int_eq(batch_run(b, &o, res), 2);
	ck_assert_uint_eq(count_status(res, 30, BATCH_FAILED), 1);
	ck_assert_uint_eq(count_status(res, 30, BATCH_NOT_STARTED), 29);
	ck_assert_ptr_nonnull(strstr(res[0].reason, "--serial"));
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);
	/* in order: stage 2 (devices 1, 2) fails in part: the run goes on */
	for (i = 0; i < 30; i++)
		sel[i] = i;
	reset_fake();
	ck_assert_int_eq(batch_run(b, &o, res), 0);
	ck_assert_uint_eq(count_status(res, 30, BATCH_NOT_STARTED), 0);
	ck_assert_uint_eq(count_status(res, 30, BATCH_FAILED), 10);
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);
	/* with --max-fail 1, the partial failure of stage 2 stops the run */
	reset_fake();
	o.max_fail = 1;
	ck_assert_int_eq(batch_run(b, &o, res), 2);
	ck_assert_uint_eq(count_status(res, 30, BATCH_FAILED), 1);
	ck_assert_uint_eq(count_status(res, 30, BATCH_NOT_STARTED), 27);
	for (i = 0; i < 30; i++)
		batch_result_free(&res[i]);
	free(res);
	answer_free(b);
}
END_TEST

START_TEST(test_recap_counts)
{
	struct answer *b = fake_batch(10);
	struct batch_result res[10];
	char *text = NULL;
	size_t len = 0, i;
	FILE *f;

	memset(res, 0, sizeof(res));
	for (i = 0; i < 10; i++) {
		res[i].status = i < 3 ? BATCH_DISABLED : i < 8 ? BATCH_FAILED :
		    BATCH_NOT_STARTED;
		if (i >= 3 && i < 6) {
			res[i].error = xstrdup("connection failed");
			res[i].reason = xstrdup("cannot connect to 127.0.0.1 "
			    "port 9: Connection refused");
		} else if (i >= 6 && i < 8)
			res[i].error = xstrdup("authentication failed");
	}
	ck_assert_str_eq(batch_failure_key(&res[4]), "connection refused");
	ck_assert_ptr_null(batch_failure_key(&res[0]));
	ck_assert_ptr_null(batch_failure_key(&res[9]));
	f = open_memstream(&text, &len);
	batch_recap(f, b, res, NULL, 10);
	fclose(f);
	ck_assert_str_eq(text, "RECAP fake: 10 devices: 3 disabled, 5 failed, "
	    "2 not-started\nRECAP failures: 3 connection refused, 2 "
	    "authentication failed\n");
	free(text);
	for (i = 0; i < 10; i++)
		batch_result_free(&res[i]);
	answer_free(b);
}
END_TEST

START_TEST(test_reports_round_trip)
{
	struct answer *b = fake_batch(9);
	struct batch_result *res = xcalloc(9, sizeof(*res));
	struct batch_run_opts o;
	struct report_meta m = { "2026-01-01T00:00:00Z", 1.5, 0, 3, NULL };
	struct errbuf eb;
	char *jp, *xp, **names, *file, buf[8192];
	size_t i, n;
	FILE *f;

	reset_fake();
	memset(&o, 0, sizeof(o));
	o.jobs = 3;
	o.device = fake_device;
	ck_assert_int_eq(batch_run(b, &o, res), 0);
	xasprintf(&jp, "%s/r.json", testdir());
	xasprintf(&xp, "%s/r.xml", testdir());
	ck_assert_int_eq(report_write(jp, report_json, b, res, NULL, 0, &m,
	    &eb), ALGOFF_OK);
	ck_assert_int_eq(report_write(xp, report_junit, b, res, NULL, 0, &m,
	    &eb), ALGOFF_OK);
	ck_assert_int_eq(report_read_failed(jp, &names, &n, &file, &eb),
	    ALGOFF_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(names[0], "dev-02");
	ck_assert_str_eq(names[2], "dev-08");
	ck_assert_str_eq(file, "/x/fake.xml");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(file);
	f = fopen(xp, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "tests=\"9\" failures=\"3\""));
	ck_assert_ptr_nonnull(strstr(buf, "<failure type=\"failed\" "
	    "message=\"fake &quot;failure&quot; &lt;&amp;&gt;\">"));
	for (i = 0; i < 9; i++)
		batch_result_free(&res[i]);
	free(res);
	free(jp);
	free(xp);
	answer_free(b);
}
END_TEST

START_TEST(test_report_reader_refuses_garbage)
{
	struct errbuf eb;
	char **names, *file, *p;
	size_t n;
	static const char *bad[] = {
		"", "[]", "{\"devices\":[{\"name\":\"a\"}]}", "{\"x\":1}",
		"{\"devices\":[{\"name\":\"a\",\"ok\":false}]} trailing",
		"{\"devices\":[{\"name\":\"a\",\"ok\":false]}",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = write_file("bad.json", bad[i]);
		ck_assert_int_eq(report_read_failed(p, &names, &n, &file, &eb),
		    ALGOFF_ERR_INPUT);
		ck_assert_ptr_null(names);
		free(p);
	}
	p = write_file("ok.json", "{\"devices\":[{\"name\":\"a\\u00e9\\n\","
	    "\"ok\":false,\"x\":[1,-2.5e3,null,{\"y\":true}]}],\"file\":null}");
	ck_assert_int_eq(report_read_failed(p, &names, &n, &file, &eb),
	    ALGOFF_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(names[0], "a\xc3\xa9\n");
	free(names[0]);
	free(names);
	free(file);
	free(p);
}
END_TEST

static Suite *
batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("batch");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_good_file_merges_defaults);
	tcase_add_test(tc, test_every_error_with_line_and_field);
	tcase_add_test(tc, test_xml_and_schema_errors);
	tcase_add_test(tc, test_scheduler_bounds_and_runs_all);
	tcase_add_test(tc, test_scheduler_selection_and_stop);
	tcase_add_test(tc, test_shard_partition);
	tcase_add_test(tc, test_limit_patterns);
	tcase_add_test(tc, test_pacing_parse);
	tcase_add_test(tc, test_scheduler_max_fail);
	tcase_add_test(tc, test_scheduler_serial);
	tcase_add_test(tc, test_recap_counts);
	tcase_add_test(tc, test_reports_round_trip);
	tcase_add_test(tc, test_report_reader_refuses_garbage);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;
	char *pw;

	if (testdir_make("check-batch") == NULL)
		return 99;
	setenv("CB_PW", "cb-secret", 1);
	unsetenv("CB_UNSET");
	pw = write_file("pw", "from-file\n");
	if (chmod(pw, 0600) != 0)   /* a password file must be 0600 */
		return 99;
	free(pw);
	sr = srunner_create(batch_suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (testdir_remove() != 0)
		fprintf(stderr, "could not remove the test folder\n");
	return failed == 0 ? 0 : 1;
}
