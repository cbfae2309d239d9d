/* SPDX-License-Identifier: MIT */
/*
 * wiz_run.c - the wizard's side of the runner: options from the form, the
 * callbacks (progress, the preview as the confirm callback, the redacted
 * transcript pane) and the SIP probe, run in this process through the
 * probe API (probe_run, bounded by its timeout and retries). The UI never
 * opens a connection itself: the runner and the probe do.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "probe/probe.h"
#include "ui/wiz.h"

#define TRANSCRIPT_MAX (256 * 1024)

static void
opts_fill(struct wiz *w, struct runner_opts *o, unsigned steps)
{
	int enable = w->v->cli.enable_cmd != NULL && w->conn.enable != NULL &&
	    w->conn.enable->len > 0;

	*o = (struct runner_opts){
		.v = w->v,
		.target = {
			.host = w->conn.host,
			.port = wiz_port_num(w->conn.port),
			.user = w->conn.user,
			.password = w->conn.auth == WA_PASSWORD ?
			    w->conn.password : NULL,
			.identity = w->conn.auth == WA_KEY ?
			    w->conn.identity : NULL,
			.passphrase = w->conn.auth == WA_KEY &&
			    w->conn.passphrase != NULL &&
			    w->conn.passphrase->len > 0 ?
			    w->conn.passphrase : NULL,
			.agent = w->conn.auth == WA_AGENT,
			.enable_password = enable ? w->conn.enable : NULL,
			.known_hosts = w->conn.known_hosts[0] ?
			    w->conn.known_hosts : NULL,
		},
		.steps = steps,
		.rollback_on_failure = 1,
		.stop = &wiz_sig,
	};
}

/* ---- progress screen ---------------------------------------------------- */

static const char *
state_tag(enum step_state s)
{
	switch (s) {
	case SS_RUNNING: return "[ .. ]";
	case SS_OK: return "[ ok ]";
	case SS_FAILED: return "[FAIL]";
	default: return "[    ]";
	}
}

/* the last rows lines of the transcript, control characters removed */
static void
transcript_lines(const struct buf *b, int rows, int width,
    struct wiz_lines *out)
{
	const char *end = b->data != NULL ? b->data + b->len : NULL;
	const char *p = end, *start;
	char *line;
	size_t k;
	int n = 0, i;

	if (b->data == NULL || rows <= 0)
		return;
	/* walk back over rows newlines */
	while (p > b->data && n <= rows) {
		p--;
		if (*p == '\n')
			n++;
	}
	if (*p == '\n')
		p++;
	for (i = 0; i < rows + 1 && p < end; i++) {
		start = p;
		while (p < end && *p != '\n')
			p++;
		line = xmalloc((size_t)(p - start) + 1);
		for (k = 0; start < p; start++)
			if ((unsigned char)*start >= ' ' && *start != 0x7f)
				line[k++] = *start;
		line[k] = '\0';
		/* the runner writes line ends as \r\n escapes: drop them */
		while (k >= 2 && line[k - 2] == '\\' &&
		    (line[k - 1] == 'n' || line[k - 1] == 'r'))
			line[k -= 2] = '\0';
		wl_wrap(out, WST_DIM, 0, width, line[0] ? line : " ");
		free(line);
		if (p < end)
			p++;
	}
	while (out->n > (size_t)rows) {
		free(out->l[0].text);
		memmove(out->l, out->l + 1, (out->n - 1) * sizeof(*out->l));
		out->n--;
	}
}

void
wiz_draw_progress(struct wiz *w)
{
	struct wiz_lines tl = { 0 };
	int k, row = WIZ_BODY_TOP, rows;
	char line[256];

	wiz_frame(w, WS_PROGRESS, w->finished ?
	    "Enter=Verification  F1=Help  q=Quit" : "Working... (Ctrl-C stops)");
	attrset(A_BOLD);
	mvaddstr(row++, 1, "Steps");
	attrset(A_NORMAL);
	for (k = 0; k < STEP_COUNT; k++) {
		if (vendor_step(w->v, (enum step_kind)k, NULL) == NULL)
			continue;
		snprintf(line, sizeof(line), "  %s %-9s %s", state_tag(w->sstate[k]),
		    step_name((enum step_kind)k), w->smsg[k][0] ? w->smsg[k] :
		    k == STEP_ROLLBACK && w->sstate[k] == SS_PENDING ?
		    "only if verification fails" : "");
		attrset(wiz_style_attr(w->sstate[k] == SS_FAILED ? WST_BAD :
		    w->sstate[k] == SS_OK ? WST_OK : WST_TEXT));
		mvaddnstr(row++, 1, line, COLS - 2);
	}
	attrset(A_NORMAL);
	row++;
	attrset(A_BOLD);
	mvaddnstr(row, 1, "Transcript (passwords shown as <redacted>)", COLS - 2);
	attrset(A_NORMAL);
	move(row + 1, 1);
	hline(ACS_HLINE, COLS - 2);
	row += 2;
	rows = LINES - 2 - row;
	transcript_lines(&w->transcript, rows, COLS - 2, &tl);
	wiz_draw_lines(&tl, row, rows, 0);
	wl_free(&tl);
	if (w->finished && w->have_run && w->status[0] == '\0') {
		snprintf(w->status, sizeof(w->status), "Finished: %s%s%s",
		    wiz_outcome_text(w->run.outcome), w->run.msg[0] ? " - " :
		    "", w->run.msg);
		w->status_bad = w->run.err != ALGOFF_OK;
	}
	wiz_status_line(w);
	refresh();
}

/* ---- runner callbacks --------------------------------------------------- */

static void
cb_step_begin(void *arg, const struct plan_step *s)
{
	struct wiz *w = arg;

	if (s->kind < STEP_COUNT) {
		w->sstate[s->kind] = SS_RUNNING;
		snprintf(w->smsg[s->kind], sizeof(w->smsg[0]), "running, %zu "
		    "line%s", s->n, s->n == 1 ? "" : "s");
	}
	if (w->confirmed) {
		wiz_poll_resize();
		wiz_draw_progress(w);
	}
}

static void
cb_command_done(void *arg, enum step_kind k, const char *cmd,
    enum cmd_status st, const char *output)
{
	struct wiz *w = arg;

	(void)cmd;
	(void)output;
	if (k < STEP_COUNT) {
		w->scount[k]++;
		if (st == CMD_REJECTED)
			w->sstate[k] = SS_FAILED;
	}
}

static void
cb_step_end(void *arg, enum step_kind k, enum algoff_err r, const char *msg)
{
	struct wiz *w = arg;

	if (k < STEP_COUNT) {
		w->sstate[k] = r == ALGOFF_OK ? SS_OK : SS_FAILED;
		snprintf(w->smsg[k], sizeof(w->smsg[0]), "%s", msg != NULL &&
		    *msg ? msg : r == ALGOFF_OK ? "done" : algoff_strerror(r));
	}
	if (w->confirmed) {
		wiz_poll_resize();
		wiz_draw_progress(w);
	}
}

static int
cb_confirm(void *arg, const struct plan_step *disable)
{
	struct wiz *w = arg;
	int k;

	w->confirm_step = disable;
	w->status[0] = '\0';
	k = wiz_text_screen(w, WS_PREVIEW, wiz_preview_build,
	    "Enter/y=Apply now  Esc=Back, change nothing  PgDn=Scroll  "
	    "F1=Help  q=Quit", "yY");
	w->confirm_step = NULL;
	if (k == '\n' || k == 'y' || k == 'Y') {
		w->confirmed = 1;
		wiz_draw_progress(w);
		return 1;
	}
	if (k == NAV_QUIT)
		w->quit = 1;
	return 0;
}

static void
cb_transcript(void *arg, const char *bytes, size_t n)
{
	static double last;
	struct wiz *w = arg;
	struct secrets set = { 0 };
	char *red;
	size_t rn;
	double t;

	/* the runner redacts; redact again with the secrets of this form */
	secrets_add(&set, w->conn.password);
	secrets_add(&set, w->conn.enable);
	secrets_add(&set, w->conn.passphrase);
	red = secrets_redact(&set, bytes, n, &rn);
	/* keep the newest bytes: drop the oldest half when full */
	if (rn > TRANSCRIPT_MAX / 2) {
		memmove(red, red + rn - TRANSCRIPT_MAX / 2, TRANSCRIPT_MAX / 2);
		rn = TRANSCRIPT_MAX / 2;
	}
	if (w->transcript.len + rn >= TRANSCRIPT_MAX)
		buf_consume(&w->transcript, w->transcript.len / 2 + rn >
		    w->transcript.len ? w->transcript.len :
		    w->transcript.len / 2 + rn);
	buf_append(&w->transcript, red, rn);
	free(red);
	t = mono_ms();
	if (w->confirmed && t - last > 50) {
		last = t;
		wiz_poll_resize();
		wiz_draw_progress(w);
	}
}

/* ---- runs ----------------------------------------------------------------- */

enum algoff_err
wiz_precheck_run(struct wiz *w)
{
	struct runner_opts o;
	struct runner_cb cb = { .hostkey = wiz_hostkey_cb, .arg = w };
	enum algoff_err r;

	if (w->have_pre)
		runner_result_free(&w->pre);
	w->have_pre = 0;
	w->hostkey_changed = 0;
	opts_fill(w, &o, RUN_PRECHECK);
	memset(&w->pre, 0, sizeof(w->pre));
	r = runner_apply(&o, &cb, &w->pre);
	if (w->pre.err == ALGOFF_ERR_HOSTKEY || r == ALGOFF_ERR_HOSTKEY) {
		snprintf(w->hostkey_msg, sizeof(w->hostkey_msg), "%s",
		    w->pre.msg);
		w->hostkey_changed |= wiz_hostkey_changed(w->pre.msg);
		if (!w->hostkey_changed) {
			snprintf(w->status, sizeof(w->status), "The host key "
			    "was not trusted; nothing was sent.");
			w->status_bad = 1;
		}
		runner_result_free(&w->pre);
		w->outcome = WIZ_FAILED;
		w->err = ALGOFF_ERR_HOSTKEY;
		return ALGOFF_ERR_HOSTKEY;
	}
	if (w->pre.outcome == RUN_FAILED) {
		snprintf(w->status, sizeof(w->status), "%s: %s",
		    algoff_strerror(w->pre.err), w->pre.msg);
		w->status_bad = 1;
		r = w->pre.err != ALGOFF_OK ? w->pre.err : ALGOFF_ERR_INTERNAL;
		w->outcome = WIZ_FAILED;
		w->err = r;
		runner_result_free(&w->pre);
		return r;
	}
	w->have_pre = 1;
	w->status[0] = '\0';
	w->outcome = WIZ_QUIT;
	return ALGOFF_OK;
}

enum algoff_err
wiz_apply_run(struct wiz *w)
{
	struct runner_opts o;
	struct runner_cb cb = {
		.step_begin = cb_step_begin, .command_done = cb_command_done,
		.step_end = cb_step_end, .confirm = cb_confirm,
		.transcript = cb_transcript, .hostkey = wiz_hostkey_cb,
		.arg = w,
	};
	enum algoff_err r;
	int k;

	if (w->have_run)
		runner_result_free(&w->run);
	w->have_run = 0;
	w->confirmed = 0;
	w->finished = 0;
	for (k = 0; k < STEP_COUNT; k++) {
		w->sstate[k] = SS_PENDING;
		w->smsg[k][0] = '\0';
		w->scount[k] = 0;
	}
	buf_reset(&w->transcript);
	opts_fill(w, &o, RUN_ALL);
	snprintf(w->status, sizeof(w->status), "Reading %s again to show the "
	    "exact commands...", w->conn.host);
	w->status_bad = 0;
	wiz_draw_progress(w);
	memset(&w->run, 0, sizeof(w->run));
	r = runner_apply(&o, &cb, &w->run);
	w->have_run = 1;
	w->finished = 1;
	if (!w->confirmed && w->run.outcome != RUN_ALREADY_OFF) {
		/* the person went back: nothing was changed */
		if (w->run.outcome == RUN_FAILED && !w->quit &&
		    w->run.err != ALGOFF_ERR_INTERRUPTED) {
			snprintf(w->status, sizeof(w->status), "%s: %s",
			    algoff_strerror(w->run.err), w->run.msg);
			w->status_bad = 1;
			w->outcome = WIZ_FAILED;   /* e.g. a changed host key */
			w->err = w->run.err;
		}
		runner_result_free(&w->run);
		w->have_run = 0;
		return r;
	}
	w->confirmed = 1;
	w->outcome = r == ALGOFF_OK ? WIZ_DONE : WIZ_FAILED;
	w->err = r;
	snprintf(w->status, sizeof(w->status), "Finished: %s%s%s",
	    wiz_outcome_text(w->run.outcome), w->run.msg[0] ? " - " : "",
	    w->run.msg);
	w->status_bad = r != ALGOFF_OK;
	return r;
}

void
wiz_run_free(struct wiz *w)
{
	if (w->have_pre)
		runner_result_free(&w->pre);
	if (w->have_run)
		runner_result_free(&w->run);
	w->have_pre = w->have_run = 0;
}

/* ---- the SIP probe, in this process ------------------------------------ */

void
wiz_probe_run(struct wiz *w)
{
	struct probe_opts o;
	struct errbuf eb;

	wiz_probe_free(&w->probe);
	if (wiz_wait_size() == WK_SIGNAL)
		return;
	wiz_frame(w, WS_VERIFY, "Working...");
	attrset(A_BOLD);
	mvaddnstr(WIZ_BODY_TOP, 1, "Running the SIP probe through the router "
	    "to the reflector...", COLS - 2);
	attrset(A_NORMAL);
	refresh();
	probe_defaults(&o);	/* as "algoff probe": from port 5060, a phone's */
	w->probe.ran = 1;
	errbuf_clear(&eb);
	if (netaddr_parse(w->conn.reflector, 5060, &o.dst, &eb) != ALGOFF_OK) {
		w->probe.err = xstrdup(eb.msg);
		return;
	}
	w->probe.res = xcalloc(1, sizeof(*w->probe.res));
	probe_run(&o, w->probe.res);
	if (w->probe.res->verdict == PROBE_PRESENT)
		w->outcome = WIZ_CHECK_FAILED;
}
