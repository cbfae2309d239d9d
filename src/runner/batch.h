/* SPDX-License-Identifier: MIT */
/*
 * batch.h - "algoff batch": what happened to each device of an answer file
 * (core/answer.h) and the scheduler that runs at most N devices at once
 * (one worker thread per slot, each device run by a device function:
 * runner_apply() in algoff, a fake in the unit tests). Reports (JSON,
 * JUnit) live in report.h. No terminal output here.
 */
#ifndef ALGOFF_BATCH_H
#define ALGOFF_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "core/answer.h"

#define BATCH_MAX_JOBS    256
#define BATCH_DEFAULT_JOBS 10

/* What happened to one device. */
enum batch_status {
	BATCH_PENDING,
	BATCH_DISABLED,          /* was on, now off and verified */
	BATCH_ALREADY_OFF,       /* nothing sent but checks */
	BATCH_VERIFIED_OFF,      /* verify-only run: off */
	BATCH_STILL_ON,          /* no disable step and the ALG is on */
	BATCH_ROLLED_BACK,       /* verify failed, configuration restored */
	BATCH_FAILED,
	BATCH_NOT_STARTED,       /* interrupted before its turn */
};

struct batch_cmd {
	char *step;              /* precheck, backup, disable, ... */
	char *text;
	char *status;            /* confirmed | rejected | unconfirmed */
};

struct batch_result {
	enum batch_status status;
	char *error;             /* short error name ("authentication failed") */
	char *reason;            /* one line for people, or NULL */
	char *variant;
	char *backup_path;
	int alg_before, alg_after;     /* 1 on, 0 off, -1 unknown */
	struct batch_cmd *cmds;
	size_t n_cmds;
	double seconds;
};

const char *batch_status_name(enum batch_status s);
int batch_status_ok(enum batch_status s);
void batch_result_add_cmd(struct batch_result *r, const char *step,
    const char *text, const char *status);
/* batch_cmd_applied - a confirmed disable, save or rollback command. */
int batch_cmd_applied(const struct batch_cmd *c);
/* batch_result_applied - how many commands changed the configuration. */
size_t batch_result_applied(const struct batch_result *r);
void batch_result_free(struct batch_result *r);

struct batch_progress {
	size_t total, done, failed, inflight;
	double elapsed;          /* seconds since the start */
	int stopping;
};

struct batch_run_opts {
	int jobs;                /* at most this many devices at once */
	const size_t *sel;       /* indexes to run, NULL: all */
	size_t n_sel;
	/*
	 * device - run one device (called on a worker thread, several at once):
	 * fill res. stop becomes non-zero when the run is interrupted.
	 */
	void (*device)(void *arg, const struct answer *b, size_t idx,
	    volatile sig_atomic_t *stop, struct batch_result *res);
	void *device_arg;
	/* on the calling thread: a device finished / every tick (may be NULL) */
	void (*finished)(void *arg, size_t idx, const struct batch_result *r,
	    const struct batch_progress *p);
	void (*tick)(void *arg, const struct batch_progress *p);
	/* on the calling thread, each tick: non-zero to stop (signal seen) */
	int (*interrupted)(void *arg);
	void *ui_arg;
	int tick_ms;             /* 0: 100 */
	/*
	 * max_fail - once this many devices have failed, hand out no new
	 * device (the rest become BATCH_NOT_STARTED); 0: no limit.
	 * stage_ends - cumulative ends (positions in the selection) of the
	 * --serial stages, the last one the selection's size; a stage starts
	 * when the previous one has finished, and not at all when max_fail was
	 * reached or (max_fail 0) every device of the previous stage failed.
	 * NULL: one stage.
	 */
	size_t max_fail;
	const size_t *stage_ends;
	size_t n_stages;
	volatile sig_atomic_t *stop;   /* handed to device(); set on stop */
};

/*
 * batch_run - run the selected devices, at most jobs at a time; results
 * has b->n entries (unselected ones stay BATCH_PENDING). Returns 1 when the
 * run was interrupted (unstarted devices are BATCH_NOT_STARTED), 2 when it
 * stopped at max_fail or after a failed stage (likewise), 0 when every
 * selected device ran, -1 when no worker could be started.
 */
int batch_run(const struct answer *b, const struct batch_run_opts *o,
    struct batch_result *results);

/*
 * batch_exec_device - the real device function (runner_apply()); arg:
 * NULL or a const int, the verbosity (-v) of each run.
 */
void batch_exec_device(void *arg, const struct answer *b, size_t idx,
    volatile sig_atomic_t *stop, struct batch_result *res);

#endif
