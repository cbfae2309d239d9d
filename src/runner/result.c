/* SPDX-License-Identifier: MIT */
/* result.c - a run's result as an "algoff.apply/1" JSON document. */
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

/* is_change - a step that changes the configuration. */
static int
is_change(enum step_kind k)
{
	return k == STEP_DISABLE || k == STEP_SAVE || k == STEP_ROLLBACK;
}

/* cmd_lists - "commands", "applied" and "unconfirmed" from the commands
 * sent. */
static void
cmd_lists(json_t *doc, const struct runner_result *res)
{
	json_t *cmds = json_array(), *applied = json_array(),
	    *unconf = json_array(), *c;
	size_t i;

	for (i = 0; i < res->n_cmds; i++) {
		const char *step = step_name(res->cmds[i].step);

		c = json_object();
		json_object_set_new(c, "step", json_string(step));
		json_set_text(c, "command", res->cmds[i].text);
		json_object_set_new(c, "status",
		    json_string(status_name(res->cmds[i].status)));
		json_array_append_new(cmds, c);
		if (is_change(res->cmds[i].step) &&
		    res->cmds[i].status == CMD_CONFIRMED)
			json_array_append_new(applied,
			    json_text(res->cmds[i].text));
		if (res->cmds[i].status == CMD_UNCONFIRMED)
			json_array_append_new(unconf,
			    json_text(res->cmds[i].text));
	}
	json_object_set_new(doc, "commands", cmds);
	json_object_set_new(doc, "applied", applied);
	json_object_set_new(doc, "unconfirmed", unconf);
}

void
runner_result_json(FILE *f, const struct runner_opts *o,
    const struct runner_result *res)
{
	json_t *doc = json_doc("algoff.apply/1");
	int port = o->target.port > 0 ? o->target.port : 22;

	json_set_text(doc, "vendor", o->v->id);
	json_set_text(doc, "evidence", vendor_evidence_name(o->v->evidence));
	json_set_text(doc, "host", o->target.host);
	json_object_set_new(doc, "port", json_integer(port));
	json_object_set_new(doc, "address",
	    json_hostport(o->target.host, port));
	json_set_text(doc, "user", o->target.user);
	json_object_set_new(doc, "outcome",
	    json_string(run_outcome_name(res->outcome)));
	json_object_set_new(doc, "ok", json_boolean(res->err == 0));
	json_set_text(doc, "reason", res->msg);
	json_set_text(doc, "error", res->err ? algoff_strerror(res->err) :
	    NULL);
	json_set_text(doc, "variant", res->variant);
	json_object_set_new(doc, "alg_before", json_alg(res->alg_before));
	json_object_set_new(doc, "alg_after", json_alg(res->alg_after));
	json_set_text(doc, "backup", res->backup_path);
	json_object_set_new(doc, "seconds", json_real(res->seconds));
	json_object_set_new(doc, "steps",
	    json_steps(o->steps != 0 ? o->steps : RUN_ALL));
	cmd_lists(doc, res);
	(void)json_print(f, doc);
}
