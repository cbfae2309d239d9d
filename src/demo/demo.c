/* SPDX-License-Identifier: MIT */
/*
 * demo.c - the demo's table of steps and its run: set up, each step in
 * order (stopping at the first that fails or at Ctrl-C), the before/after,
 * and the teardown on every way out. Children run in their own process
 * group (os/proc.h), so Ctrl-C reaches only the demo, which then stops
 * them by PID and tears the lab down. Every wait is bounded.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo/demo.h"
#include "demo/demo_int.h"
#include "os/proc.h"

volatile sig_atomic_t demo_stop;

struct demo_step {
	const char *name;
	int (*fn)(struct demo *);   /* 0: go on */
};

static const struct demo_step steps[] = {
	{ .name = "Bringing up the lab", .fn = step_lab_up },
	{ .name = "Starting the reflector in wan", .fn = step_reflector },
	{ .name = "Probing from lan with the router as it is (BEFORE)",
	  .fn = step_probe_before },
	{ .name = "Turning the SIP ALG off on the router over SSH",
	  .fn = step_apply },
	{ .name = "Probing again (AFTER)", .fn = step_probe_after },
};

#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static void
on_signal(int sig)
{
	(void)sig;
	demo_stop = 1;
}

/* run every step; DEMO_SHOWN when the probes saw the ALG go */
static enum demo_outcome
run_steps(struct demo *d)
{
	size_t i;

	printf("algoff demo: a real SIP ALG (the Linux kernel's SIP helper) "
	    "in network namespaces, turned off over SSH and proven off.\n");
	for (i = 0; i < NSTEPS; i++) {
		printf("\n[%zu/%zu] %s\n", i + 1, NSTEPS, steps[i].name);
		fflush(stdout);
		if (steps[i].fn(d) != 0 || demo_stop)
			return DEMO_FAILED;
	}
	demo_summary(d);
	if (d->before.ran && d->before.res.verdict == PROBE_PRESENT &&
	    d->apply_rc == 0 && d->after.ran &&
	    d->after.res.verdict == PROBE_ABSENT) {
		printf("Result: the SIP ALG was on, algoff turned it off over "
		    "SSH and the probe proves it is off.\n\n");
		return DEMO_SHOWN;
	}
	printf("Result: the demo did not show the expected change (probe "
	    "before: %s, apply exit %d, probe after: %s).\n\n",
	    d->before.ran ? probe_verdict_str(d->before.res.verdict) :
	    "no report", d->apply_rc, d->after.ran ?
	    probe_verdict_str(d->after.res.verdict) : "no report");
	return DEMO_FAILED;
}

static void
teardown(struct demo *d)
{
	char log[PATH_MAX + 32];

	fflush(stdout);
	if (d->refl > 0)
		proc_stop(d->refl, STOP_GRACE_MS, NULL);
	lab_down(d);
	if (d->tmp[0] != '\0') {
		snprintf(log, sizeof(log), "%s/reflector.log", d->tmp);
		unlink(log);
		rmdir(d->tmp);
	}
	labenv_free(&d->env);
	fflush(stdout);
}

/* the lab's temporary folder, under $TMPDIR when it is short enough */
static int
make_tmp(struct demo *d)
{
	const char *t = getenv("TMPDIR");

	snprintf(d->tmp, sizeof(d->tmp), "%s/algoff-demo.XXXXXX",
	    t != NULL && *t == '/' && strlen(t) < 40 ? t : "/tmp");
	if (mkdtemp(d->tmp) == NULL) {
		fprintf(stderr, "algoff demo: mkdtemp: %s\n", strerror(errno));
		d->tmp[0] = '\0';
		return -1;
	}
	return 0;
}

enum demo_outcome
demo_run(const struct demo_opts *o)
{
	struct demo *d = calloc(1, sizeof(*d));
	struct sigaction sa, old_int, old_term;
	enum demo_outcome rc = DEMO_FAILED;
	const char *why;
	ssize_t n;

	if (d == NULL)
		return DEMO_FAILED;
	d->apply_rc = -1;
	n = readlink("/proc/self/exe", d->self, sizeof(d->self) - 1);
	if (n <= 0) {
		fprintf(stderr, "algoff demo: cannot find my own executable: "
		    "%s\n", strerror(errno));
		goto out;
	}
	d->self[n] = '\0';
	why = lab_unavailable(d, o->lab_script,
	    lab_find(d, o->lab_script) == 0);
	if (why != NULL) {
		rc = demo_fallback(d, why) == 0 ? DEMO_DRY_RUN : DEMO_FAILED;
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (make_tmp(d) == 0)
		rc = run_steps(d);
	if (demo_stop) {
		printf("\nalgoff demo: interrupted; tearing the lab down.\n");
		rc = DEMO_INTERRUPTED;
	}
	teardown(d);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
out:
	free(d);
	return rc;
}
