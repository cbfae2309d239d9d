/* SPDX-License-Identifier: MIT */
/* runner_int.h - state of one run, shared by the runner's files. */
#ifndef ALGOFF_RUNNER_INT_H
#define ALGOFF_RUNNER_INT_H

#include <stdint.h>
#include <stdio.h>

#include "runner/runner.h"
#include "session/stream.h"

struct ssh_conn;
struct https_conn;
struct session;

struct run {
	const struct runner_opts *o;
	const struct runner_cb *cb;
	struct runner_result *res;
	struct varset vars;          /* user values + captures */
	struct secrets secrets;
	int64_t trace_t0;	/* -v: when the connection began */
	const char *variant;
	struct ssh_conn *conn;
	struct stream stream;
	int stream_open;
	struct session *sess;
	FILE *tfile;                 /* transcript file */
	FILE *tee;                   /* writes to tfile and cb->transcript */
	char why[512];               /* what decided "on" */
	struct https_conn *hc;       /* method https: the API connection */
	int logged_in;               /* https: the login requests passed */
	char precheck_out[512];      /* the precheck's answer (its start) */
};

/* run_record - keep a sent line (command or request) with its status from
 * r, and tell the callback (output: the device's answer or NULL). */
void run_record(struct run *R, enum step_kind k, const char *text,
    const char *output, enum algoff_err r);

/* run_https.c: the same for vendors with method="https". */
enum algoff_err run_https_connect(struct run *R, struct errbuf *eb);
void run_https_disconnect(struct run *R);
enum algoff_err run_https_step(struct run *R, const struct vstep *vs,
    char **out, struct errbuf *eb);

enum algoff_err run_connect(struct run *R, struct errbuf *eb);
void run_disconnect(struct run *R);
enum algoff_err run_step(struct run *R, enum step_kind k, char **out,
    struct errbuf *eb);

/*
 * backup_write - write text to BACKUP_DIR/HOST-UTCSTAMP.txt (mode 0600,
 * folders 0700, never overwriting); *path gets the file name.
 */
enum algoff_err backup_write(const struct runner_opts *o, const char *text,
    char **path, struct errbuf *eb);
/* backup_default_dir - $XDG_STATE_HOME/algoff/backups (caller frees). */
char *backup_default_dir(void);

#endif
