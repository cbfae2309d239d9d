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
#include "runner/report.h"
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
static int fake_now, fake_max, fake_calls[64];

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
