/* SPDX-License-Identifier: MIT */
/*
 * batch_exec.c - the device function of a real batch run: one device of an
 * answer file through runner_apply(), its result copied into a
 * batch_result. Called on a worker thread; touches only its own device and
 * result (the batch and the vendors are read-only while devices run).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "runner/batch.h"
#include "runner/runner.h"

static const char *
cmd_status_name(enum cmd_status s)
{
	switch (s) {
	case CMD_CONFIRMED: return "confirmed";
	case CMD_REJECTED: return "rejected";
	case CMD_UNCONFIRMED: return "unconfirmed";
	}
	return "?";
}

static enum batch_status
status_of(enum run_outcome o)
{
	switch (o) {
	case RUN_DISABLED: return BATCH_DISABLED;
	case RUN_ALREADY_OFF: return BATCH_ALREADY_OFF;
	case RUN_VERIFIED_OFF: return BATCH_VERIFIED_OFF;
	case RUN_STILL_ON: return BATCH_STILL_ON;
	case RUN_ROLLED_BACK: return BATCH_ROLLED_BACK;
	case RUN_FAILED: return BATCH_FAILED;
	}
	return BATCH_FAILED;
}

static void
opts_from(const struct answer_device *d, volatile sig_atomic_t *stop,
    char *transcript, struct runner_opts *o)
{
	*o = (struct runner_opts){
		.v = d->v,
		.variant = d->variant,
		.target = answer_device_target(d),
		.backup_dir = d->backup_dir,
		.transcript = transcript,
		.vars = &d->vars,
		.steps = d->steps,
		.rollback_on_failure = d->rollback_on_failure,
		.stop = stop,
	};
}

/*
 * batch_exec_device - run device idx of b with runner_apply() and fill res
 * (see struct batch_run_opts.device).
 */
void
batch_exec_device(void *arg, const struct answer *b, size_t idx,
    volatile sig_atomic_t *stop, struct batch_result *res)
{
	const struct answer_device *d = &b->dev[idx];
	struct runner_opts o;
	struct runner_result rr;
	char *transcript = NULL;
	size_t i;

	if (d->transcript_dir != NULL)
		xasprintf(&transcript, "%s/%s.log", d->transcript_dir, d->name);
	opts_from(d, stop, transcript, &o);
	o.verbose = arg != NULL ? *(const int *)arg : 0;
	memset(&rr, 0, sizeof(rr));
	(void)runner_apply(&o, NULL, &rr);
	res->status = status_of(rr.outcome);
	if (rr.outcome == RUN_FAILED || rr.err != ALGOFF_OK)
		res->error = xstrdup(algoff_strerror(rr.err));
	res->reason = rr.msg[0] != '\0' ? xstrdup(rr.msg) : NULL;
	res->variant = rr.variant != NULL ? xstrdup(rr.variant) : NULL;
	res->backup_path = rr.backup_path != NULL ?
	    xstrdup(rr.backup_path) : NULL;
	res->alg_before = rr.alg_before;
	res->alg_after = rr.alg_after;
	res->seconds = rr.seconds;
	for (i = 0; i < rr.n_cmds; i++)
		batch_result_add_cmd(res, step_name(rr.cmds[i].step),
		    rr.cmds[i].text, cmd_status_name(rr.cmds[i].status));
	runner_result_free(&rr);
	free(transcript);
}
