/* SPDX-License-Identifier: MIT */
/*
 * batch_sched.c - run the devices of a batch with at most N in flight: a
 * pool of worker threads takes the next device index under a mutex, runs
 * the device function and queues the finished index; the calling thread
 * reports finished devices and progress, and stops handing out devices
 * when interrupted. All shared state is behind one mutex.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "runner/batch.h"

static const char *status_names[] = {
	[BATCH_PENDING] = "pending",
	[BATCH_DISABLED] = "disabled",
	[BATCH_ALREADY_OFF] = "already-disabled",
	[BATCH_VERIFIED_OFF] = "verified-off",
	[BATCH_STILL_ON] = "still-on",
	[BATCH_ROLLED_BACK] = "rolled-back",
	[BATCH_FAILED] = "failed",
	[BATCH_NOT_STARTED] = "not-started",
};

const char *
batch_status_name(enum batch_status s)
{
	if ((size_t)s < sizeof(status_names) / sizeof(status_names[0]))
		return status_names[s];
	return "?";
}

int
batch_status_ok(enum batch_status s)
{
	return s == BATCH_DISABLED || s == BATCH_ALREADY_OFF ||
	    s == BATCH_VERIFIED_OFF;
}

void
batch_result_add_cmd(struct batch_result *r, const char *step,
    const char *text, const char *status)
{
	struct batch_cmd *c;

	r->cmds = xreallocarray(r->cmds, r->n_cmds + 1, sizeof(*r->cmds));
	c = &r->cmds[r->n_cmds++];
	c->step = xstrdup(step);
	c->text = xstrdup(text);
	c->status = xstrdup(status);
}

int
batch_cmd_applied(const struct batch_cmd *c)
{
	return strcmp(c->status, "confirmed") == 0 &&
	    (strcmp(c->step, "disable") == 0 || strcmp(c->step, "save") == 0 ||
	    strcmp(c->step, "rollback") == 0);
}

size_t
batch_result_applied(const struct batch_result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_cmds; i++)
		n += (size_t)batch_cmd_applied(&r->cmds[i]);
	return n;
}

void
batch_result_free(struct batch_result *r)
{
	size_t i;

	for (i = 0; i < r->n_cmds; i++) {
		free(r->cmds[i].step);
		free(r->cmds[i].text);
		free(r->cmds[i].status);
	}
	free(r->cmds);
	free(r->error);
	free(r->reason);
	free(r->variant);
	free(r->backup_path);
	memset(r, 0, sizeof(*r));
}

struct sched {
	pthread_mutex_t mu;
	pthread_cond_t cv;            /* a device finished */
	pthread_cond_t go;            /* a stage started, or stopping */
	const struct answer *b;
	const struct batch_run_opts *o;
	struct batch_result *results;
	const size_t *sel;
	size_t n_sel;
	size_t next;                  /* next position in sel */
	size_t *finished;             /* queue of finished indexes */
	size_t n_finished;
	size_t inflight, done, failed;
	size_t failed_w;              /* failures counted by the workers */
	size_t stage, stage_end;      /* current --serial stage, its end */
	size_t stage_failed0;         /* failed_w when the stage started */
	int stopping;                 /* interrupted */
	int halted;                   /* --max-fail reached or stage failed */
	const char *halt_reason;
};

/* take - the next device index, waiting for the next stage; 0: none. */
static int
take(struct sched *S, size_t *idx)
{
	for (;;) {
		if (S->stopping || S->halted || S->next >= S->n_sel)
			return 0;
		if (S->next < S->stage_end)
			break;
		pthread_cond_wait(&S->go, &S->mu);
	}
	*idx = S->sel[S->next++];
	S->inflight++;
	return 1;
}

static void *
worker(void *arg)
{
	struct sched *S = arg;
	struct batch_result r;
	size_t idx;

	for (;;) {
		pthread_mutex_lock(&S->mu);
		if (!take(S, &idx)) {
			pthread_mutex_unlock(&S->mu);
			break;
		}
		pthread_mutex_unlock(&S->mu);

		memset(&r, 0, sizeof(r));
		r.alg_before = r.alg_after = -1;
		S->o->device(S->o->device_arg, S->b, idx, S->o->stop, &r);
		if (r.status == BATCH_PENDING)
			r.status = BATCH_FAILED;

		pthread_mutex_lock(&S->mu);
		S->results[idx] = r;
		S->inflight--;
		if (!batch_status_ok(r.status) &&
		    ++S->failed_w == S->o->max_fail && !S->halted) {
			S->halted = 1;
			S->halt_reason = "not started: --max-fail was reached";
		}
		S->finished[S->n_finished++] = idx;
		pthread_cond_signal(&S->cv);
		pthread_mutex_unlock(&S->mu);
	}
	return NULL;
}

/*
 * next_stage - the current stage is over (mutex held): start the next one,
 * or halt when every device of the stage failed (no max_fail given).
 */
static void
next_stage(struct sched *S)
{
	size_t size;

	if (S->halted || S->stopping || S->stage_end >= S->n_sel ||
	    S->done < S->stage_end || S->inflight > 0)
		return;
	size = S->stage_end - (S->stage > 0 ?
	    S->o->stage_ends[S->stage - 1] : 0);
	if (S->o->max_fail == 0 && size > 0 &&
	    S->failed_w - S->stage_failed0 == size) {
		S->halted = 1;
		S->halt_reason = "not started: every device of the previous "
		    "--serial stage failed";
		return;
	}
	S->stage++;
	S->stage_end = S->o->stage_ends[S->stage];
	S->stage_failed0 = S->failed_w;
	pthread_cond_broadcast(&S->go);
}

/* wait_tick - wait for a finished device or tick_ms (mutex held). */
static void
wait_tick(struct sched *S, int tick_ms)
{
	struct timespec ts;

	if (S->n_finished > 0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += tick_ms / 1000;
	ts.tv_nsec += (long)(tick_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	(void)pthread_cond_timedwait(&S->cv, &S->mu, &ts);
}

/* mark_not_started - devices never handed out (mutex held). */
static void
mark_not_started(struct sched *S, const char *reason)
{
	struct batch_result *r;

	while (S->next < S->n_sel) {
		r = &S->results[S->sel[S->next]];
		memset(r, 0, sizeof(*r));
		r->status = BATCH_NOT_STARTED;
		r->alg_before = r->alg_after = -1;
		r->reason = xstrdup(reason);
		S->finished[S->n_finished++] = S->sel[S->next++];
	}
}

/* drain - report finished devices (called with the mutex held). */
static void
drain(struct sched *S, double t0)
{
	const struct batch_run_opts *o = S->o;
	struct batch_progress p;
	size_t k, idx;

	for (k = 0; k < S->n_finished; k++) {
		idx = S->finished[k];
		S->done++;
		if (!batch_status_ok(S->results[idx].status))
			S->failed++;
		p.total = S->n_sel;
		p.done = S->done;
		p.failed = S->failed;
		p.inflight = S->inflight;
		p.elapsed = (mono_ms() / 1000.0) - t0;
		p.stopping = S->stopping;
		if (o->finished != NULL) {
			/* the result is final: no thread writes it again */
			pthread_mutex_unlock(&S->mu);
			o->finished(o->ui_arg, idx, &S->results[idx], &p);
			pthread_mutex_lock(&S->mu);
		}
	}
	S->n_finished = 0;
}

static size_t *
select_all(const struct answer *b)
{
	size_t *sel = xcalloc(b->n + 1, sizeof(*sel));
	size_t i;

	for (i = 0; i < b->n; i++)
		sel[i] = i;
	return sel;
}

static void
tick(struct sched *S, double t0)
{
	struct batch_progress p;

	if (S->o->tick == NULL)
		return;
	p.total = S->n_sel;
	p.done = S->done;
	p.failed = S->failed;
	p.inflight = S->inflight;
	p.elapsed = (mono_ms() / 1000.0) - t0;
	p.stopping = S->stopping;
	pthread_mutex_unlock(&S->mu);
	S->o->tick(S->o->ui_arg, &p);
	pthread_mutex_lock(&S->mu);
}

int
batch_run(const struct answer *b, const struct batch_run_opts *o,
    struct batch_result *results)
{
	struct sched S;
	pthread_t *th = NULL;
	size_t *all = NULL, i, nth, started = 0;
	int tick_ms = o->tick_ms > 0 ? o->tick_ms : 100, rc = -1, stop;
	double t0 = (mono_ms() / 1000.0);

	memset(&S, 0, sizeof(S));
	S.b = b;
	S.o = o;
	S.results = results;
	if (o->sel != NULL) {
		S.sel = o->sel;
		S.n_sel = o->n_sel;
	} else {
		S.sel = all = select_all(b);
		S.n_sel = b->n;
	}
	S.finished = xcalloc(S.n_sel + 1, sizeof(*S.finished));
	nth = o->jobs > 0 ? (size_t)o->jobs : BATCH_DEFAULT_JOBS;
	if (nth > S.n_sel)
		nth = S.n_sel;
	S.stage_end = o->stage_ends != NULL && o->n_stages > 0 ?
	    o->stage_ends[0] : S.n_sel;
	pthread_mutex_init(&S.mu, NULL);
	pthread_cond_init(&S.cv, NULL);
	pthread_cond_init(&S.go, NULL);
	th = xcalloc(nth + 1, sizeof(*th));
	for (i = 0; i < nth; i++) {
		if (pthread_create(&th[i], NULL, worker, &S) != 0)
			break;
		started++;
	}
	if (started == 0 && S.n_sel > 0)
		goto out;
	pthread_mutex_lock(&S.mu);
	while (S.done < S.n_sel) {
		wait_tick(&S, tick_ms);
		if (!S.stopping && o->interrupted != NULL) {
			pthread_mutex_unlock(&S.mu);
			stop = o->interrupted(o->ui_arg);
			pthread_mutex_lock(&S.mu);
			if (stop != 0) {
				S.stopping = 1;
				/*
				 * XXX runner.h takes a volatile sig_atomic_t
				 * flag that runners read without the mutex: a
				 * single 0 -> 1 store, benign, but a strict
				 * TSan run reports it. An atomic_int in
				 * runner_opts would remove the report.
				 */
				if (o->stop != NULL)
					*o->stop = 1;
				mark_not_started(&S, "not started: the run "
				    "was interrupted");
				pthread_cond_broadcast(&S.go);
			}
		}
		if (S.halted && S.next < S.n_sel) {
			mark_not_started(&S, S.halt_reason);
			pthread_cond_broadcast(&S.go);
		}
		drain(&S, t0);
		next_stage(&S);
		tick(&S, t0);
	}
	rc = S.stopping ? 1 : S.halted ? 2 : 0;
	pthread_cond_broadcast(&S.go);
	pthread_mutex_unlock(&S.mu);
out:
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_cond_destroy(&S.cv);
	pthread_cond_destroy(&S.go);
	pthread_mutex_destroy(&S.mu);
	free(th);
	free(S.finished);
	free(all);
	return rc;
}
