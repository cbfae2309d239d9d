/* SPDX-License-Identifier: MIT */
/*
 * session.h - drive an interactive vendor CLI over a byte stream: prompt
 * detection, pager answers, confirmations, enable, config mode, per-command
 * error detection, timeouts and a redacted transcript. The session knows
 * nothing about SSH; it talks to a struct stream (session/stream.h), so it is
 * unit-tested on scripted bytes and on child processes.
 */
#ifndef ALGOFF_SESSION_H
#define ALGOFF_SESSION_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "core/secret.h"
#include "core/vendor.h"
#include "session/stream.h"

#define SESSION_TIMEOUT_MS 30000          /* when cli->timeout_ms is 0 */
#define SESSION_SETTLE_MS 40              /* quiet time after a prompt */
#define SESSION_MAX_OUTPUT (4u << 20)     /* per command, after cleaning */

struct session_opts {
	const struct vcli *cli;
	const struct secret *enable_password;  /* NULL: none */
	const struct secrets *redact;  /* other secrets (login password) */
	FILE *transcript;              /* NULL: none; not closed by us */
	int timeout_ms;                /* per command; 0: cli->timeout_ms */
	int settle_ms;                 /* 0: SESSION_SETTLE_MS; <0: none */
	size_t max_output;             /* 0: SESSION_MAX_OUTPUT */
	/* trace - what was matched (prompt, pager, confirmation) and when;
	 * device text only, never a secret sent; NULL: silent */
	void (*trace)(void *arg, const char *line);
	void *trace_arg;
};

struct session;

/*
 * session_open - wait for the first prompt (answering the vendor's
 * confirmations, e.g. a post-login banner), run the enable step when the
 * prompt is unprivileged and the vendor has one, then send the
 * paging-disable commands. st is borrowed: it must outlive the session and
 * is not closed by session_close(). o is copied (the pointers it holds are
 * borrowed).
 */
enum algoff_err session_open(const struct stream *st,
    const struct session_opts *o, struct session **out, struct errbuf *eb);

/*
 * session_cmd - send one line (no control characters) and collect its
 * output up to the next prompt. *output (may be NULL when not wanted) gets
 * the cleaned output: LF line ends, no echo, no prompt, no pager text, no
 * ANSI escapes. Errors: DEVICE (a vendor error pattern matched: eb names
 * the command and quotes the line), TIMEOUT, DROPPED, TOOBIG, INPUT.
 */
enum algoff_err session_cmd(struct session *s, const char *line,
    char **output, struct errbuf *eb);

/* session_config_enter / _exit - the vendor's config-mode commands. */
enum algoff_err session_config_enter(struct session *s, struct errbuf *eb);
enum algoff_err session_config_exit(struct session *s, struct errbuf *eb);

/* session_mode - mode of the last prompt seen. */
enum prompt_mode session_mode(const struct session *s);
/* session_prompt - text of the last prompt seen (owned by the session). */
const char *session_prompt(const struct session *s);

/* session_close - flush the transcript and free (NULL is fine). */
void session_close(struct session *s);

#endif
