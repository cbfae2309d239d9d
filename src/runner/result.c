/* SPDX-License-Identifier: MIT */
/* result.c - a run's result as JSON. */
#include "config.h"

#include <stdio.h>

#include "core/json.h"
#include "runner/runner.h"

static const char *
status_name(enum cmd_status s)
{
	switch (s) {
	case CMD_CONFIRMED: return "confirmed";
	case CMD_REJECTED: return "rejected";
	case CMD_UNCONFIRMED: return "unconfirmed";
	}
	return "?";
}

static const char *
alg_name(int on)
{
	return on == 1 ? "\"on\"" : on == 0 ? "\"off\"" : "null";
}

/* is_change - a step that changes the configuration. */
static int
is_change(enum step_kind k)
{
	return k == STEP_DISABLE || k == STEP_SAVE || k == STEP_ROLLBACK;
}

void
runner_result_json(FILE *f, const struct runner_opts *o,
    const struct runner_result *res)
{
	size_t i;
	int first = 1;

	fprintf(f, "{\"vendor\":");
	json_str(f, o->v->id);
	fprintf(f, ",\"host\":");
	json_str(f, o->target.host);
	fprintf(f, ",\"port\":%d,\"outcome\":\"%s\",\"ok\":%s,\"message\":",
	    o->target.port, run_outcome_name(res->outcome),
	    res->err == 0 ? "true" : "false");
	json_str(f, res->msg);
	fprintf(f, ",\"error\":");
	json_str(f, res->err ? algoff_strerror(res->err) : NULL);
	fprintf(f, ",\"variant\":");
	json_str(f, res->variant);
	fprintf(f, ",\"alg_before\":%s,\"alg_after\":%s,\"backup\":",
	    alg_name(res->alg_before), alg_name(res->alg_after));
	json_str(f, res->backup_path);
	fprintf(f, ",\"seconds\":%.3f,\"commands\":[", res->seconds);
	for (i = 0; i < res->n_cmds; i++) {
		fprintf(f, "%s{\"step\":\"%s\",\"command\":", i ? "," : "",
		    step_name(res->cmds[i].step));
		json_str(f, res->cmds[i].text);
		fprintf(f, ",\"status\":\"%s\"}",
		    status_name(res->cmds[i].status));
	}
	fprintf(f, "],\"applied\":[");
	for (i = 0; i < res->n_cmds; i++) {
		if (!is_change(res->cmds[i].step) ||
		    res->cmds[i].status != CMD_CONFIRMED)
			continue;
		fputs(first ? "" : ",", f);
		first = 0;
		json_str(f, res->cmds[i].text);
	}
	fprintf(f, "],\"unconfirmed\":[");
	first = 1;
	for (i = 0; i < res->n_cmds; i++) {
		if (res->cmds[i].status != CMD_UNCONFIRMED)
			continue;
		fputs(first ? "" : ",", f);
		first = 0;
		json_str(f, res->cmds[i].text);
	}
	fprintf(f, "]}\n");
}
