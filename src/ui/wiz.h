/* SPDX-License-Identifier: MIT */
/*
 * wiz.h - the wizard's state and the functions shared by its curses files:
 * wiz_curses.c (terminal, frame, overlays, input), wiz_screens.c (one
 * function per screen) and wiz_run.c (runner callbacks, probe). Only these
 * files include curses.h.
 */
#ifndef ALGOFF_WIZ_H
#define ALGOFF_WIZ_H

#include <signal.h>

#include "core/buf.h"
#include "core/plan.h"
#include "core/vendor.h"
#include "runner/runner.h"
#include "ui/wiz_model.h"

#define WIZ_STACK 32

/* screen functions return a screen to push, or one of these */
#define NAV_BACK    (-1)
#define NAV_QUIT    (-2)   /* the person chose to quit (or a signal) */
#define NAV_FAIL    (-3)   /* the screen cannot go on: not a success */
#define NAV_REPLACE 0x100   /* or'ed with a screen: replace the top */
#define NAV_STAY    (-1000) /* inside a screen: keep going */

enum step_state { SS_PENDING, SS_RUNNING, SS_OK, SS_FAILED };

/* how the wizard ended; the front end (cli/cmd_wizard.c) maps it to an
 * exit code */
enum wiz_outcome {
	WIZ_QUIT,          /* the person quit before anything was done */
	WIZ_DONE,          /* finished: ALG off, or the dry run / steps shown */
	WIZ_CHECK_FAILED,  /* the probe saw SIP rewritten: an ALG is still on */
	WIZ_FAILED,        /* the last run failed; wiz.err says why (connection,
	                      authentication, host key, input, verification) */
	WIZ_INTERRUPTED,   /* SIGINT, SIGTERM or SIGHUP */
};

struct wiz {
	int dry;
	struct vendor_set vs;
	const struct vendor *v;
	struct wiz_conn conn;
	char filter[64];
	char sel_id[64];
	enum wiz_screen stack[WIZ_STACK];
	int depth;
	int scroll;
	int cur_field;
	int touched[WF_COUNT];
	int edited[WF_COUNT];        /* typed in by the person (not a default) */
	char status[1400];
	int status_bad;

	struct plan plan;            /* dry plan (placeholders) */
	int have_plan;

	char hostkey_msg[1024];      /* what the host key screen shows */
	int hostkey_changed;         /* the key differs from known_hosts */
	struct runner_result pre;    /* precheck-only run */
	int have_pre;
	struct runner_result run;    /* the full run */
	int have_run;
	const struct plan_step *confirm_step;  /* during confirm() only */
	int confirmed;               /* the person confirmed the preview */
	int finished;                /* the full run returned */

	enum step_state sstate[STEP_COUNT];
	char smsg[STEP_COUNT][160];
	size_t scount[STEP_COUNT];
	struct buf transcript;       /* redacted, bounded (oldest dropped) */

	struct wiz_probe probe;
	char saved[1024];            /* the answer file written in this run */
	char saved_for[400];         /* ... for this device (wiz_device_key) */
	enum wiz_outcome outcome;    /* so far (wiz_main returns it) */
	enum algoff_err err;         /* with WIZ_FAILED */
	int quit;                    /* q confirmed inside a callback */
};

extern volatile sig_atomic_t wiz_sig;

/* terminal */
int wiz_term_init(void);     /* 0 or -1 (message printed) */
void wiz_term_end(void);
int wiz_color(void);
/* wiz_getkey - next key; KEY_RESIZE passes through; WK_SIGNAL on a signal */
#define WK_SIGNAL (-100)
#define WK_NONE   (-101)    /* an escape sequence dropped whole */
int wiz_getkey(void);
/* the smallest usable terminal; below it the wizard waits for a resize */
#define WIZ_MIN_COLS 64
#define WIZ_MIN_LINES 16
int wiz_size_ok(void);
/* wiz_wait_size - "Terminal too small" until it is not; WK_SIGNAL or 0 */
int wiz_wait_size(void);
/* wiz_poll_resize - non-blocking: handle a pending resize; 1 if resized */
int wiz_poll_resize(void);

/* drawing */
int wiz_style_attr(enum wiz_style st);
void wiz_frame(const struct wiz *w, enum wiz_screen s, const char *keys);
/* wiz_frame_keep - title and key bar without erasing the body */
void wiz_frame_keep(const struct wiz *w, enum wiz_screen s,
    const char *keys);
void wiz_draw_lines(const struct wiz_lines *l, int top, int rows, int scroll);
/* wiz_status_line - the status, wrapped, on the rows above the key bar */
void wiz_status_line(const struct wiz *w);
int wiz_status_rows(const struct wiz *w);     /* rows it takes (0-3) */
/* wiz_more_marks - "more above" / "more below" where content continues */
void wiz_more_marks(int above_row, int below_row, int above, int below);
int wiz_body_rows(void);     /* rows between title and key bar */
#define WIZ_BODY_TOP 2

/* overlays (panels) */
void wiz_help(const struct wiz *w, enum wiz_screen s);
int wiz_ask(const char *question);              /* 1 yes, 0 no */
/* wiz_choose - one of keys (lower case), 0 for Esc, WK_SIGNAL */
int wiz_choose(const char *question, const char *hint, const char *keys);
/* wiz_input - a one-line form; 1 entered, 0 cancelled */
int wiz_input(const char *title, const char *prompt, char *buf, size_t len);

/*
 * wiz_text_screen - show lines (scrollable); returns the key that ends it:
 * '\n', 27 (Esc), NAV_QUIT (q confirmed or a signal) or one of extra.
 */
int wiz_text_screen(struct wiz *w, enum wiz_screen s,
    void (*build)(struct wiz *, int, struct wiz_lines *),
    const char *keys, const char *extra);

/* screens */
enum wiz_outcome wiz_main(struct wiz *w);
int scr_vendor(struct wiz *w);
int scr_conn(struct wiz *w);

/* runner and probe */
/*
 * wiz_hostkey_cb - the runner's hostkey callback: shows the fingerprint of
 * the key presented on the connection in use and asks; 1 trusts it (the
 * same connection goes on). A changed key is only noted (refused).
 */
int wiz_hostkey_cb(void *arg, const struct hostkey_info *k);
/* wiz_precheck_run - precheck-only run; ALGOFF_ERR_HOSTKEY: refused (the
 * person said no, or w->hostkey_changed) */
enum algoff_err wiz_precheck_run(struct wiz *w);
/* wiz_apply_run - the full run with the confirm (preview) callback */
enum algoff_err wiz_apply_run(struct wiz *w);
void wiz_probe_run(struct wiz *w);
void wiz_draw_progress(struct wiz *w);
void wiz_preview_build(struct wiz *w, int width, struct wiz_lines *out);
void wiz_run_free(struct wiz *w);

#endif
