/* SPDX-License-Identifier: MIT */
/*
 * batch_fleet.h - the fleet options of "algoff batch": --limit, --shard,
 * --max-fail, --serial, --brief (logic in runner/select.c, runner/recap.c).
 */
#ifndef ALGOFF_BATCH_FLEET_H
#define ALGOFF_BATCH_FLEET_H

#include <stdio.h>

#include "core/plan.h"
#include "runner/batch.h"

struct fleet_opts {
	const char *limit, *shard, *max_fail, *serial;
	int brief;
};

/* fleet_check - syntax of the options, before the answer file is read;
 * prints the problem and returns EXIT_USAGE, or 0. */
int fleet_check(const struct fleet_opts *f);

/*
 * fleet_select - narrow *sel (n devices; NULL: all of b) to --limit and
 * --shard. *sel is replaced by a new array. Returns EXIT_USAGE when
 * --limit matches no device (printed), else 0.
 */
int fleet_select(const struct answer *b, const struct fleet_opts *f,
    size_t **sel, size_t *n);

/* fleet_pacing - --max-fail and --serial for n selected devices into o
 * (*ends is allocated for o->stage_ends: free() it). */
void fleet_pacing(const struct fleet_opts *f, size_t n,
    struct batch_run_opts *o, size_t **ends);

/* fleet_brief_plan - one dry-run line for device d and its plan p. */
void fleet_brief_plan(const struct answer_device *d, const struct plan *p);

/* fleet_brief_result - one result line (no newline). */
void fleet_brief_result(FILE *f, const struct answer_device *d,
    const struct batch_result *r);

#endif
