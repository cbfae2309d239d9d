/* SPDX-License-Identifier: MIT */
/*
 * batch.h - "algoff batch": the answer file (schema/batch.xsd), its
 * validation before any device is contacted, and the scheduler that runs at
 * most N devices at once (one worker thread per slot, each device run by a
 * device function: runner_apply() in algoff, a fake in the unit tests).
 * Reports (JSON, JUnit) live in report.h. No terminal output here.
 */
#ifndef ALGOFF_BATCH_H
#define ALGOFF_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "core/err.h"
#include "core/secret.h"
#include "core/tmpl.h"
#include "core/vendor.h"

#define BATCH_MAX_DEVICES 10000
#define BATCH_MAX_ERRORS  500
#define BATCH_MAX_JOBS    256
#define BATCH_DEFAULT_JOBS 10

/* One device after merging the defaults; paths are resolved. */
struct batch_device {
	char *name;
	int line;                     /* line of the <device> element */
	const struct vendor *v;
	char *variant;
	char *host;
	int port;
	char *user;
	char *password_env, *password_file;
	char *identity, *passphrase_env, *enable_env;
	int agent;
	char *known_hosts;
	int accept_new;               /* host-key-policy="accept-new" */
	int legacy_crypto;
	unsigned steps;               /* RUN_* mask (runner.h) */
	int rollback_on_failure;
	int timeout_s, connect_timeout_s;   /* 0: the runner's default */
	char *backup_dir, *transcript_dir;
	char *tags;                   /* space separated or NULL */
	struct varset vars;
	struct secret *password, *passphrase, *enable;   /* loaded or NULL */
};

struct batch {
	char *file;                   /* as given */
	char *abspath;                /* absolute path, for reports */
	char *dir;                    /* folder relative paths start from */
	char *name;                   /* defaults name= or the file's stem */
	struct batch_device *dev;
	size_t n;
	struct vendor_set vendors;
};

/* Every problem found in an answer file, "file:line: field: reason". */
struct batch_errors {
	char **msg;
	int *line;                    /* sorted by line before returning */
	size_t n;
	size_t dropped;               /* beyond BATCH_MAX_ERRORS */
};

void batch_errors_add(struct batch_errors *e, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void batch_errors_free(struct batch_errors *e);

/*
 * batch_load - parse, validate against DATADIR/schema/batch.xsd and check
 * the whole answer file (vendor ids, variables, duplicate names, required
 * fields, environment variables, readable files, host sanity). Collects
 * every problem in errs; returns ALGOFF_ERR_INPUT when there is one (and
 * *out stays NULL). With load_secrets, passwords are read into the devices.
 */
enum algoff_err batch_load(const char *path, int load_secrets,
    struct batch **out, struct batch_errors *errs);
void batch_free(struct batch *b);
/* batch_find - index of the device called name, or -1. */
long batch_find(const struct batch *b, const char *name);
/* batch_steps_str - "precheck disable verify" for a RUN_* mask; static. */
const char *batch_steps_str(unsigned steps, char *buf, size_t len);

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
	void (*device)(void *arg, const struct batch *b, size_t idx,
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
	volatile sig_atomic_t *stop;   /* handed to device(); set on stop */
};

/*
 * batch_run - run the selected devices, at most jobs at a time; results
 * has b->n entries (unselected ones stay BATCH_PENDING). Returns 1 when the
 * run was interrupted (unstarted devices are BATCH_NOT_STARTED), 0 when
 * every selected device ran, -1 when no worker could be started.
 */
int batch_run(const struct batch *b, const struct batch_run_opts *o,
    struct batch_result *results);

/* batch_exec_device - the real device function (runner_apply()). */
void batch_exec_device(void *arg, const struct batch *b, size_t idx,
    volatile sig_atomic_t *stop, struct batch_result *res);

#endif
