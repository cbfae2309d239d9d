/* SPDX-License-Identifier: MIT */
/*
 * batch_fleet.c - "algoff batch" options for large fleets: selecting
 * devices (--limit, --shard), pacing (--max-fail, --serial) and one line
 * per device (--brief). See doc/fleet.md.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch_fleet.h"
#include "cli/cmds.h"
#include "core/exitcode.h"
#include "core/plan.h"
#include "runner/recap.h"
#include "runner/select.h"

int
fleet_check(const struct fleet_opts *f)
{
	struct errbuf eb;
	unsigned k, n;
	size_t mf, *ends = NULL, ns;
	int bad = 0;

	errbuf_clear(&eb);
	if (f->limit != NULL && select_check_limit(f->limit, &eb) != 0)
		bad = 1;
	else if (f->shard != NULL &&
	    select_parse_shard(f->shard, &k, &n, &eb) != 0)
		bad = 1;
	else if (f->max_fail != NULL &&
	    select_parse_max_fail(f->max_fail, 1, &mf, &eb) != 0)
		bad = 1;
	else if (f->serial != NULL &&
	    select_parse_serial(f->serial, 1, &ends, &ns, &eb) != 0)
		bad = 1;
	free(ends);
	if (!bad)
		return 0;
	return usage_error("batch", "%s", eb.msg);
}

int
fleet_select(const struct answer *b, const struct fleet_opts *f,
    size_t **sel, size_t *n)
{
	unsigned k = 0, ns = 0;
	size_t *out, m;

	if (f->limit == NULL && f->shard == NULL)
		return 0;
	if (f->shard != NULL)
		(void)select_parse_shard(f->shard, &k, &ns, NULL);
	if (f->limit != NULL) {
		out = select_filter(b, *sel, *n, f->limit, 0, 0, &m);
		free(out);
		if (m == 0)
			return cli_fail("batch", EXIT_USAGE, "input", "--limit "
			    "%s matches no device of %s", f->limit, b->file);
	}
	out = select_filter(b, *sel, *n, f->limit, k, ns, &m);
	free(*sel);
	*sel = out;
	*n = m;
	return 0;
}

void
fleet_pacing(const struct fleet_opts *f, size_t n, struct batch_run_opts *o,
    size_t **ends)
{
	*ends = NULL;
	if (f->max_fail != NULL)
		(void)select_parse_max_fail(f->max_fail, n, &o->max_fail,
		    NULL);
	if (f->serial != NULL) {
		(void)select_parse_serial(f->serial, n, ends, &o->n_stages,
		    NULL);
		o->stage_ends = *ends;
	}
}

/* commas - s with its spaces as commas, in buf. */
static const char *
commas(const char *s, char *buf, size_t len)
{
	size_t i;

	snprintf(buf, len, "%s", s);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == ' ')
			buf[i] = ',';
	return buf;
}

void
fleet_brief_plan(const struct answer_device *d, const struct plan *p)
{
	char steps[128], st[128], tags[512];
	size_t n = 0;
	int k;

	for (k = 0; k < STEP_COUNT; k++)
		if (k != STEP_ROLLBACK && (d->steps & (1u << k)) != 0)
			n += p->steps[k].n;
	printf("%s %s %s:%d steps=%s commands=%zu%s%s\n", d->name, d->v->id,
	    d->host, d->port, commas(answer_steps_str(d->steps, steps,
	    sizeof(steps)), st, sizeof(st)), n, d->tags != NULL ? " tags=" : "",
	    d->tags != NULL ? commas(d->tags, tags, sizeof(tags)) : "");
}

void
fleet_brief_result(FILE *f, const struct answer_device *d,
    const struct batch_result *r)
{
	const char *why = batch_failure_key(r);

	fprintf(f, "%s %s", d->name, batch_status_name(r->status));
	if (why != NULL)
		fprintf(f, " (%s)", why);
	if (r->status != BATCH_NOT_STARTED)
		fprintf(f, " %.1fs", r->seconds);
}
