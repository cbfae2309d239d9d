/* SPDX-License-Identifier: MIT */
/*
 * runner.c - one device, start to end: connect, detect the version variant,
 * precheck (stop if already off), backup, disable, verify, save; roll back
 * on a failed verify or a rejected command; after a dropped link report
 * exactly which commands were confirmed and, when asked, reconnect and roll
 * back. Thread-safe: every run owns its state (batch runs several at once).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "runner/runner.h"
#include "runner/runner_int.h"
#include "session/session.h"
#include "transport/tr_ssh.h"

const char *
run_outcome_name(enum run_outcome o)
{
	switch (o) {
	case RUN_DISABLED: return "disabled";
	case RUN_ALREADY_OFF: return "already-disabled";
	case RUN_VERIFIED_OFF: return "verified-off";
	case RUN_STILL_ON: return "still-on";
	case RUN_ROLLED_BACK: return "rolled-back";
	case RUN_FAILED: return "failed";
	}
	return "?";
}

static void
set_msg(struct runner_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
set_msg(struct runner_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	utf8_fit(res->msg, sizeof(res->msg));
}

static void
record(struct run *R, enum step_kind k, const char *text, enum cmd_status st)
{
	struct runner_result *res = R->res;
	struct run_cmd *c;

	res->cmds = xreallocarray(res->cmds, res->n_cmds + 1, sizeof(*c));
	c = &res->cmds[res->n_cmds++];
	c->step = k;
	c->text = xstrdup(text);
	c->status = st;
}

void
run_record(struct run *R, enum step_kind k, const char *text,
    const char *output, enum algoff_err r)
{
	enum cmd_status st = r == ALGOFF_OK ? CMD_CONFIRMED :
	    r == ALGOFF_ERR_DEVICE ? CMD_REJECTED : CMD_UNCONFIRMED;

	record(R, k, text, st);
	if (R->cb && R->cb->command_done)
		R->cb->command_done(R->cb->arg, k, text, st, output);
}

/* Transcript: a FILE that writes to the transcript file and the callback. */
static ssize_t
tee_write(void *cookie, const char *buf, size_t n)
{
	struct run *R = cookie;

	if (R->tfile != NULL)
		fwrite(buf, 1, n, R->tfile);
	if (R->cb != NULL && R->cb->transcript != NULL)
		R->cb->transcript(R->cb->arg, buf, n);
	return (ssize_t)n;
}

static enum algoff_err
open_transcript(struct run *R, struct errbuf *eb)
{
	cookie_io_functions_t io = { NULL, tee_write, NULL, NULL };
	int fd;

	if (R->o->transcript != NULL) {
		fd = open(R->o->transcript, O_WRONLY | O_CREAT | O_APPEND |
		    O_CLOEXEC, 0600);
		if (fd < 0 || (R->tfile = fdopen(fd, "a")) == NULL) {
			if (fd >= 0)
				close(fd);
			return errbuf_set(eb, ALGOFF_ERR_IO, "transcript %s: %s",
			    R->o->transcript, strerror(errno));
		}
	}
	if (R->tfile == NULL && (R->cb == NULL || R->cb->transcript == NULL))
		return ALGOFF_OK;
	R->tee = fopencookie(R, "w", io);
	if (R->tee != NULL)
		setvbuf(R->tee, NULL, _IONBF, 0);
	return ALGOFF_OK;
}

static void
close_transcript(struct run *R)
{
	if (R->tee != NULL)
		fclose(R->tee);
	if (R->tfile != NULL)
		fclose(R->tfile);
	R->tee = R->tfile = NULL;
}

int
runner_hostkey_accept_new(void *arg, const struct hostkey_info *k)
{
	(void)arg;
	return !k->changed;
}

/* The transport's host key question, handed to the front end's policy. */
static int
run_hostkey(void *arg, const struct ssh_hostkey_info *ki)
{
	struct run *R = arg;
	const struct target *d = &R->o->target;
	struct hostkey_info k = {
		.host = ki->host != NULL ? ki->host : d->host,
		.port = ki->port > 0 ? ki->port : SSH_DEFAULT_PORT,
		.key_type = ki->key_type, .fingerprint = ki->fingerprint,
		.known_hosts = ki->known_hosts, .changed = ki->changed,
	};

	if (R->cb != NULL && R->cb->hostkey != NULL)
		return R->cb->hostkey(R->cb->arg, &k);
	if (d->accept_new_hostkey)
		return runner_hostkey_accept_new(NULL, &k);
	return 0;
}

/* -v: the transport's progress lines on stderr, timed and redacted. */
static void
run_trace(void *arg, const char *line)
{
	struct run *R = arg;
	char *red;
	size_t n;

	if (R->o->verbose <= 0)
		return;
	red = secrets_redact(&R->secrets, line, strlen(line), &n);
	for (size_t i = 0; red != NULL && i < n; i++)   /* device text */
		if ((unsigned char)red[i] < 0x20 || red[i] == 0x7f)
			red[i] = '?';
	fprintf(stderr, "algoff: %7.3f s %s %s\n",
	    (double)(mono_ms_i() - R->trace_t0) / 1000.0, R->o->target.host,
	    red != NULL ? red : "");
	free(red);
}

enum algoff_err
run_connect(struct run *R, struct errbuf *eb)
{
	const struct runner_opts *o = R->o;
	const struct target *d = &o->target;
	struct ssh_target t = {
		.host = d->host, .port = d->port, .user = d->user,
		.connect_timeout_ms = d->connect_timeout_ms,
	};
	struct ssh_auth a = {
		.password = d->password, .identity = d->identity,
		.passphrase = d->passphrase, .use_agent = d->agent,
		.kbdint = d->password != NULL,
	};
	struct ssh_opts so = {
		.known_hosts = d->known_hosts,
		.policy = SSH_HOSTKEY_STRICT,
		.confirm_hostkey = run_hostkey, .arg = R,
		.legacy_crypto = d->legacy_crypto,
		.hostkey_alias = d->hostkey_alias,
		.jumps = d->jumps, .n_jumps = d->n_jumps,
		.trace = o->verbose > 0 ? run_trace : NULL,
	};
	struct session_opts sopts = {
		.cli = &o->v->cli, .enable_password = d->enable_password,
		.redact = &R->secrets, .timeout_ms = d->timeout_ms,
		.trace = o->verbose > 0 ? run_trace : NULL, .trace_arg = R,
	};
	enum algoff_err r;

	if (o->v->method == VENDOR_HTTPS)
		return run_https_connect(R, eb);
	R->trace_t0 = mono_ms_i();
	r = ssh_connect(&t, &a, &so, &R->conn, eb);
	if (r == ALGOFF_OK)
		r = ssh_open_shell(R->conn, &R->stream, eb);
	if (r == ALGOFF_OK) {
		R->stream_open = 1;
		sopts.transcript = R->tee;
		r = session_open(&R->stream, &sopts, &R->sess, eb);
	}
	/* lost or silent before the first command: a connection failure */
	if (r == ALGOFF_ERR_TIMEOUT || r == ALGOFF_ERR_DROPPED) {
		char m[ERRBUF_SIZE];

		utf8_copy(m, sizeof(m), eb->msg);
		r = errbuf_set(eb, ALGOFF_ERR_CONNECT, "%s", m);
	}
	return r;
}

void
run_disconnect(struct run *R)
{
	if (R->o->v->method == VENDOR_HTTPS) {
		run_https_disconnect(R);
		return;
	}
	session_close(R->sess);
	R->sess = NULL;
	if (R->stream_open)
		R->stream.ops->close(R->stream.ctx);
	R->stream_open = 0;
	ssh_disconnect(R->conn);
	R->conn = NULL;
}

/*
 * run_step - render and run one step; output of every command is
 * concatenated into *out (may be NULL). Records every command.
 */
enum algoff_err
run_step(struct run *R, enum step_kind k, char **out, struct errbuf *eb)
{
	struct plan_step ps;
	struct buf all;
	char *o1;
	size_t i;
	enum algoff_err r;
	enum cmd_status st;

	if (out != NULL)
		*out = NULL;
	r = plan_build_step(R->o->v, R->variant, k, &R->vars, 0, &ps, eb);
	if (r != ALGOFF_OK)
		return r;
	if (R->cb && R->cb->step_begin)
		R->cb->step_begin(R->cb->arg, &ps);
	if (R->o->v->method == VENDOR_HTTPS) {
		if (ps.vs != NULL)
			r = run_https_step(R, ps.vs, out, eb);
		plan_step_free(&ps);
		return r;
	}
	buf_init(&all, 64u << 20);
	for (i = 0; i < ps.n && r == ALGOFF_OK; i++) {
		o1 = NULL;
		r = session_cmd(R->sess, ps.cmds[i].text, &o1, eb);
		st = r == ALGOFF_OK ? CMD_CONFIRMED : r == ALGOFF_ERR_DEVICE ?
		    CMD_REJECTED : CMD_UNCONFIRMED;
		record(R, k, ps.cmds[i].text, st);
		if (R->cb && R->cb->command_done)
			R->cb->command_done(R->cb->arg, k, ps.cmds[i].text, st,
			    o1);
		if (o1 != NULL && buf_puts(&all, o1) == ALGOFF_OK)
			buf_puts(&all, "\n");
		free(o1);
	}
	if (r == ALGOFF_OK && ps.vs != NULL) {
		for (i = 0; i < ps.vs->n_success; i++) {
			if (!vregex_match(&ps.vs->success[i], all.data ?
			    all.data : "")) {
				r = errbuf_set(eb, ALGOFF_ERR_DEVICE, "%s: the "
				    "device's answer lacks /%s/", step_name(k),
				    ps.vs->success[i].src);
				break;
			}
		}
	}
	plan_step_free(&ps);
	if (out != NULL)
		*out = buf_take(&all);
	buf_free(&all);
	return r;
}

/* capture - read the step's device variables from its output. */
static enum algoff_err
capture(struct run *R, const struct vstep *vs, const char *text,
    struct errbuf *eb)
{
	size_t i;
	char *val;
	const struct vvar *vv;
	enum algoff_err r;

	for (i = 0; vs != NULL && i < vs->n_cap; i++) {
		val = vregex_capture(&vs->cap[i].rx, text, vs->cap[i].group);
		vv = vendor_var(R->o->v, vs->cap[i].var);
		if (val != NULL && vv != NULL &&
		    (r = tmpl_check_value(vv, val, eb)) != ALGOFF_OK) {
			free(val);
			return errbuf_set(eb, ALGOFF_ERR_DEVICE, "the device's "
			    "value for %s is unexpected; refusing to use it",
			    vs->cap[i].var);
		}
		varset_set(&R->vars, vs->cap[i].var, val ? val : "");
		free(val);
	}
	return ALGOFF_OK;
}

/*
 * detect_variant - the version command is reported like any other; when it
 * is refused, lost or not answered the run stops before any change.
 */
static enum algoff_err
detect_variant(struct run *R, struct errbuf *eb)
{
	const struct vendor *v = R->o->v;
	char *out = NULL;
	size_t i;
	enum algoff_err r = ALGOFF_OK;

	R->variant = R->o->variant;
	if (R->variant != NULL || v->version_cmd == NULL)
		goto done;
	r = session_cmd(R->sess, v->version_cmd, &out, eb);
	record(R, STEP_PRECHECK, v->version_cmd, r == ALGOFF_OK ?
	    CMD_CONFIRMED : r == ALGOFF_ERR_DEVICE ? CMD_REJECTED :
	    CMD_UNCONFIRMED);
	for (i = 0; r == ALGOFF_OK && i < v->n_variants &&
	    R->variant == NULL; i++)
		if (vregex_match(&v->variants[i].rx, out))
			R->variant = v->variants[i].name;
	free(out);
	if (r != ALGOFF_OK)
		return r;
	if (R->variant == NULL)
		R->variant = vendor_default_variant(v);
done:
	if (R->variant != NULL)
		R->res->variant = xstrdup(R->variant);
	return r;
}

/* decide - alg_state of a check step's output, reported to the callback. */
static int
decide(struct run *R, enum step_kind k, const char *out)
{
	const struct vstep *vs = vendor_step(R->o->v, k, R->variant);
	const char *why;
	int on = vs == NULL ? -1 : R->o->v->method == VENDOR_HTTPS ?
	    https_state(vs, out, &why) : alg_state(vs, out ? out : "", &why);

	if (R->cb && R->cb->step_end)
		R->cb->step_end(R->cb->arg, k, ALGOFF_OK, on == 1 ?
		    (why ? why : "SIP ALG is on") : on == 0 ? "SIP ALG is off" :
		    "undecided");
	snprintf(R->why, sizeof(R->why), "%s", on == 1 && why ? why : "");
	return on;
}

static void
step_end(struct run *R, enum step_kind k, enum algoff_err r, const char *m)
{
	if (R->cb && R->cb->step_end)
		R->cb->step_end(R->cb->arg, k, r, m);
}

static int
want(const struct run *R, enum step_kind k)
{
	unsigned mask = R->o->steps ? R->o->steps : RUN_ALL;

	return (mask & (1u << k)) != 0 &&
	    vendor_step(R->o->v, k, R->variant) != NULL;
}

/*
 * leave_config - a step failed inside a config context: leave it with the
 * vendor's exit command (bounded) so the rollback starts from the top.
 */
static void
leave_config(struct run *R, enum step_kind k)
{
	const char *ex = R->o->v->cli.config_exit;
	struct errbuf eb;
	int i;

	for (i = 0; i < 3 && ex != NULL && R->sess != NULL &&
	    session_mode(R->sess) == PROMPT_CONFIG; i++) {
		enum algoff_err r = session_cmd(R->sess, ex, NULL, &eb);

		record(R, k, ex, r == ALGOFF_OK ? CMD_CONFIRMED :
		    r == ALGOFF_ERR_DEVICE ? CMD_REJECTED : CMD_UNCONFIRMED);
		if (r != ALGOFF_OK && r != ALGOFF_ERR_DEVICE)
			break;
	}
}

/* rollback - on the current session; reports into res->msg suffix. */
static enum algoff_err
rollback(struct run *R, struct errbuf *eb)
{
	enum algoff_err r;

	if (!want(R, STEP_ROLLBACK))
		return errbuf_set(eb, ALGOFF_ERR_USAGE, "rollback not allowed");
	r = run_step(R, STEP_ROLLBACK, NULL, eb);
	if (r == ALGOFF_ERR_DEVICE)
		leave_config(R, STEP_ROLLBACK);
	step_end(R, STEP_ROLLBACK, r, r == ALGOFF_OK ? "rolled back" : eb->msg);
	return r;
}

static enum algoff_err
check_step(struct run *R, enum step_kind k, int *on, struct errbuf *eb)
{
	char *out = NULL;
	enum algoff_err r = run_step(R, k, &out, eb);

	if (r == ALGOFF_OK && k == STEP_PRECHECK)
		r = capture(R, vendor_step(R->o->v, k, R->variant), out, eb);
	if (r == ALGOFF_OK)
		*on = decide(R, k, out);
	if (r == ALGOFF_OK && k == STEP_PRECHECK)
		snprintf(R->precheck_out, sizeof(R->precheck_out), "%s",
		    out != NULL ? out : "");
	if (r != ALGOFF_OK)
		step_end(R, k, r, eb->msg);
	free(out);
	return r;
}

/*
 * undo - roll back after a failure in step k. A save that failed may still
 * have been done (lost before its prompt), so after a failed save the
 * rolled-back configuration is saved again; *what says what was done.
 */
static enum algoff_err
undo(struct run *R, enum step_kind k, const char **what, struct errbuf *eb)
{
	enum algoff_err r = rollback(R, eb);

	*what = r == ALGOFF_OK ? "rolled back" : "rollback failed too";
	if (r != ALGOFF_OK || k != STEP_SAVE || !want(R, STEP_SAVE) ||
	    R->o->v->method == VENDOR_HTTPS)   /* its rollback commits */
		return r;
	r = run_step(R, STEP_SAVE, NULL, eb);
	step_end(R, STEP_SAVE, r, r == ALGOFF_OK ? "saved" : eb->msg);
	*what = r == ALGOFF_OK ? "rolled back and saved" :
	    "rolled back, but saving the rollback failed";
	return r;
}

/* after_failure - a step failed mid-change: report and maybe roll back. */
static enum algoff_err
after_failure(struct run *R, enum step_kind k, enum algoff_err r,
    struct errbuf *eb)
{
	struct runner_result *res = R->res;
	char first[ERRBUF_SIZE];
	struct errbuf eb2;
	enum algoff_err r2;
	const char *what = "rollback failed too";

	utf8_copy(first, sizeof(first), eb->msg);
	step_end(R, k, r, first);
	res->outcome = RUN_FAILED;
	res->err = r;
	if (r == ALGOFF_ERR_DROPPED || r == ALGOFF_ERR_TIMEOUT) {
		if (!R->o->rollback_on_failure || !want(R, STEP_ROLLBACK)) {
			set_msg(res, "%s: %s; see the applied commands; run "
			    "again with --rollback-on-failure to roll back",
			    step_name(k), first);
			return r;
		}
		run_disconnect(R);
		errbuf_clear(&eb2);
		r2 = run_connect(R, &eb2);
		if (r2 == ALGOFF_OK)
			r2 = undo(R, k, &what, &eb2);
		set_msg(res, "%s: %s; %s%s", step_name(k), first,
		    r2 == ALGOFF_OK ? "reconnected and " : "", what);
		if (r2 == ALGOFF_OK)
			res->outcome = RUN_ROLLED_BACK;
		return r;
	}
	if (want(R, STEP_ROLLBACK)) {
		errbuf_clear(&eb2);
		leave_config(R, k);
		r2 = undo(R, k, &what, &eb2);
		set_msg(res, "%s: %s; %s", step_name(k), first, what);
		if (r2 == ALGOFF_OK)
			res->outcome = RUN_ROLLED_BACK;
	} else {
		set_msg(res, "%s: %s", step_name(k), first);
	}
	return r;
}

static enum algoff_err
do_backup(struct run *R, struct errbuf *eb)
{
	char *out = NULL, *path = NULL;
	enum algoff_err r = run_step(R, STEP_BACKUP, &out, eb);

	if (r == ALGOFF_OK)
		r = backup_write(R->o, out ? out : "", &path, eb);
	if (r == ALGOFF_OK) {
		R->res->backup_path = path;
		step_end(R, STEP_BACKUP, r, path);
	} else {
		step_end(R, STEP_BACKUP, r, eb->msg);
	}
	free(out);
	return r;
}

/*
 * rollback_body - on request: the rollback step alone (it restores what an
 * earlier run's backup step kept on the device), then verify to report the
 * state. The outcome is RUN_ROLLED_BACK when the rollback step succeeded.
 */
static enum algoff_err
rollback_body(struct run *R, struct errbuf *eb)
{
	struct runner_result *res = R->res;
	enum algoff_err r;
	int on = -1;

	if (R->o->stop != NULL && *R->o->stop)
		return errbuf_set(eb, ALGOFF_ERR_INTERRUPTED, "interrupted "
		    "before any change");
	if (R->cb != NULL && R->cb->confirm != NULL) {
		struct plan_step ps;
		int go;

		if (plan_build_step(R->o->v, R->variant, STEP_ROLLBACK,
		    &R->vars, 0, &ps, eb) != ALGOFF_OK)
			return ALGOFF_ERR_INPUT;
		go = R->cb->confirm(R->cb->arg, &ps);
		plan_step_free(&ps);
		if (!go)
			return errbuf_set(eb, ALGOFF_ERR_INTERRUPTED,
			    "cancelled before any change");
	}
	r = rollback(R, eb);
	if (r != ALGOFF_OK) {
		res->outcome = RUN_FAILED;
		set_msg(res, "rollback: %s", eb->msg);
		return r;
	}
	res->outcome = RUN_ROLLED_BACK;
	if (vendor_step(R->o->v, STEP_VERIFY, R->variant) != NULL) {
		if ((r = check_step(R, STEP_VERIFY, &on, eb)) != ALGOFF_OK) {
			set_msg(res, "rolled back, but the verify step failed: "
			    "%s", eb->msg);
			return r;
		}
		res->alg_after = on;
	}
	set_msg(res, "rolled back on request%s", on == 1 ?
	    "; the SIP ALG is on again" : on == 0 ?
	    "; the SIP ALG is still off (the saved configuration had it off)" :
	    "");
	return ALGOFF_OK;
}

/* do_verify - after the change: the verify step must find the ALG off. */
static enum algoff_err
do_verify(struct run *R, struct errbuf *eb)
{
	enum algoff_err r;
	int on = -1;

	if (!want(R, STEP_VERIFY))
		return ALGOFF_OK;
	r = check_step(R, STEP_VERIFY, &on, eb);
	if (r != ALGOFF_OK)
		return after_failure(R, STEP_VERIFY, r, eb);
	R->res->alg_after = on;
	if (on != 0) {
		r = errbuf_set(eb, ALGOFF_ERR_VERIFY, "verification failed: "
		    "%s", R->why[0] ? R->why : "undecided");
		after_failure(R, STEP_VERIFY, r, eb);
	}
	return r;
}

/*
 * do_save - the save step (https vendors: the commit that applies the
 * change). A rejected, lost or unanswered save is a failure of the change:
 * rolled back like a failed disable, so it never stays active unsaved.
 */
static enum algoff_err
do_save(struct run *R, const char *done, struct errbuf *eb)
{
	enum algoff_err r;

	if (!want(R, STEP_SAVE))
		return ALGOFF_OK;
	r = run_step(R, STEP_SAVE, NULL, eb);
	if (r != ALGOFF_OK)
		return after_failure(R, STEP_SAVE, r, eb);
	step_end(R, STEP_SAVE, r, done);
	return r;
}

/* run_body - everything after the connection is up. */
static enum algoff_err
run_body(struct run *R, struct errbuf *eb)
{
	struct runner_result *res = R->res;
	struct plan_step ps;
	enum algoff_err r;
	int on = -1, go;

	if ((r = detect_variant(R, eb)) != ALGOFF_OK)
		return r;
	if (R->o->rollback_only)
		return rollback_body(R, eb);
	if (want(R, STEP_PRECHECK)) {
		if ((r = check_step(R, STEP_PRECHECK, &on, eb)) != ALGOFF_OK)
			return r;
		res->alg_before = on;
		if (on < 0)
			return errbuf_set(eb, ALGOFF_ERR_DEVICE, "precheck: "
			    "the device's answer says neither on nor off; "
			    "nothing was changed. It answered: %.300s",
			    R->precheck_out[0] ? R->precheck_out : "(nothing)");
		if (on == 0) {
			res->outcome = RUN_ALREADY_OFF;
			set_msg(res, "the SIP ALG is already off; no configuration "
			    "command was sent");
			return ALGOFF_OK;
		}
	}
	if (!want(R, STEP_DISABLE)) {
		if (want(R, STEP_VERIFY) &&
		    (r = check_step(R, STEP_VERIFY, &on, eb)) != ALGOFF_OK)
			return r;
		res->alg_after = on;
		res->outcome = on == 0 ? RUN_VERIFIED_OFF : RUN_STILL_ON;
		set_msg(res, on == 0 ? "the SIP ALG is off" :
		    "the SIP ALG is on (%s)", R->why);
		return on == 0 ? ALGOFF_OK : ALGOFF_ERR_VERIFY;
	}
	if (R->o->stop != NULL && *R->o->stop)
		return errbuf_set(eb, ALGOFF_ERR_INTERRUPTED, "interrupted "
		    "before any change");
	if (want(R, STEP_BACKUP) && (r = do_backup(R, eb)) != ALGOFF_OK)
		return r;
	if (R->cb != NULL && R->cb->confirm != NULL) {
		if (plan_build_step(R->o->v, R->variant, STEP_DISABLE, &R->vars,
		    0, &ps, eb) != ALGOFF_OK)
			return ALGOFF_ERR_INPUT;
		go = R->cb->confirm(R->cb->arg, &ps);
		plan_step_free(&ps);
		if (!go)
			return errbuf_set(eb, ALGOFF_ERR_INTERRUPTED,
			    "cancelled before any change");
	}
	r = run_step(R, STEP_DISABLE, NULL, eb);
	if (r != ALGOFF_OK)
		return after_failure(R, STEP_DISABLE, r, eb);
	step_end(R, STEP_DISABLE, r, "sent");
	if (R->o->v->method == VENDOR_HTTPS) {
		/* the API applies on commit: commit, then read back */
		if ((r = do_save(R, "committed", eb)) != ALGOFF_OK ||
		    (r = do_verify(R, eb)) != ALGOFF_OK)
			return r;
	} else if ((r = do_verify(R, eb)) != ALGOFF_OK ||
	    (r = do_save(R, "saved", eb)) != ALGOFF_OK) {
		return r;
	}
	res->outcome = RUN_DISABLED;
	set_msg(res, "the SIP ALG is off%s", want(R, STEP_VERIFY) ?
	    " and verified" : "");
	return ALGOFF_OK;
}

/* safe_text - no control characters; host names: a strict character set. */
static int
safe_text(const char *s, size_t max, int hostname)
{
	const unsigned char *p;

	if (strlen(s) > max)
		return 0;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (hostname && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == ':' || *p == '-' || *p == '_'))
			return 0;
	}
	return 1;
}

/* precheck_plan - render every step before connecting: bad input sends nothing. */
static enum algoff_err
precheck_plan(const struct runner_opts *o, struct errbuf *eb)
{
	struct plan p;
	enum algoff_err r;

	if (o->v->method == VENDOR_MANUAL)
		return errbuf_set(eb, ALGOFF_ERR_USAGE, "vendor %s is configured "
		    "in its web interface; run 'algoff apply --vendor %s "
		    "--dry-run' for the steps", o->v->id, o->v->id);
	if (o->target.host == NULL || *o->target.host == '\0' ||
	    o->target.user == NULL || *o->target.user == '\0')
		return errbuf_set(eb, ALGOFF_ERR_USAGE, "--host and --user are "
		    "required");
	if (!safe_text(o->target.host, 253, 1))
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "host: not a host name "
		    "or IP address (letters, digits, '.', ':', '-', '_' only)");
	if (!safe_text(o->target.user, 64, 0))
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "user: control "
		    "characters or more than 64 bytes; refused");
	if ((r = tmpl_check_user_vars(o->v, o->vars ? o->vars :
	    &(struct varset){ 0 }, eb)) != ALGOFF_OK)
		return r;
	if (o->rollback_only &&
	    (r = runner_rollback_supported(o->v, o->variant, eb)) != ALGOFF_OK)
		return r;
	r = plan_build(o->v, o->variant, o->vars, 1, &p, eb);
	if (r == ALGOFF_OK)
		plan_free(&p);
	return r;
}

enum algoff_err
runner_rollback_supported(const struct vendor *v, const char *variant,
    struct errbuf *eb)
{
	struct plan_step ps;
	struct varset none = { 0 };
	enum algoff_err r;
	size_t i;

	if (vendor_step(v, STEP_ROLLBACK, variant) == NULL)
		return errbuf_set(eb, ALGOFF_ERR_USAGE, "vendor %s has no "
		    "rollback step", v->id);
	r = plan_build_step(v, variant, STEP_ROLLBACK, &none, 1, &ps, eb);
	if (r != ALGOFF_OK)
		return r;
	for (i = 0; i < ps.n; i++) {
		if (ps.cmds[i].placeholder || ps.cmds[i].cond != NULL) {
			r = errbuf_set(eb, ALGOFF_ERR_USAGE, "the rollback of "
			    "%s needs values read from the device before the "
			    "change (\"%s\"), so it runs only inside an apply "
			    "whose verification fails", v->id,
			    ps.cmds[i].text);
			break;
		}
	}
	plan_step_free(&ps);
	return r;
}

enum algoff_err
runner_apply(const struct runner_opts *o, const struct runner_cb *cb,
    struct runner_result *res)
{
	struct run R;
	struct errbuf eb;
	enum algoff_err r;
	size_t i;
	double t0 = (mono_ms() / 1000.0);

	memset(res, 0, sizeof(*res));
	res->alg_before = res->alg_after = -1;
	res->outcome = RUN_FAILED;
	memset(&R, 0, sizeof(R));
	R.o = o;
	R.cb = cb;
	R.res = res;
	errbuf_clear(&eb);
	secrets_add(&R.secrets, o->target.password);
	secrets_add(&R.secrets, o->target.passphrase);
	secrets_add(&R.secrets, o->target.enable_password);
	for (i = 0; o->vars != NULL && i < o->vars->n; i++)
		varset_set(&R.vars, o->vars->name[i], o->vars->value[i]);
	if ((r = precheck_plan(o, &eb)) != ALGOFF_OK)
		goto out;
	if ((r = open_transcript(&R, &eb)) != ALGOFF_OK)
		goto out;
	r = run_connect(&R, &eb);
	if (r == ALGOFF_OK)
		r = run_body(&R, &eb);
	run_disconnect(&R);
	close_transcript(&R);
out:
	if (r != ALGOFF_OK && res->msg[0] == '\0')
		set_msg(res, "%s", eb.msg[0] ? eb.msg : algoff_strerror(r));
	if (r != ALGOFF_OK && res->outcome != RUN_ROLLED_BACK &&
	    res->outcome != RUN_STILL_ON)
		res->outcome = RUN_FAILED;
	res->err = r;
	varset_free(&R.vars);
	res->seconds = (mono_ms() / 1000.0) - t0;
	return r;
}

void
runner_result_free(struct runner_result *res)
{
	size_t i;

	for (i = 0; i < res->n_cmds; i++)
		free(res->cmds[i].text);
	free(res->cmds);
	free(res->variant);
	free(res->backup_path);
	memset(res, 0, sizeof(*res));
}
