/* SPDX-License-Identifier: MIT */
/*
 * cmd_wizard.c - "algoff wizard [--dry-run]": the interactive ncurses
 * front end. Needs a terminal on stdin and stdout; otherwise it exits 2 and
 * points to "algoff apply" and "algoff batch". The terminal is restored on
 * every way out (normal exit, error, SIGINT/SIGTERM/SIGHUP).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/exitcode.h"
#include "core/xmalloc.h"
#include "ui/wiz.h"

static const char wizard_help[] =
"Usage: algoff wizard [--dry-run]\n"
"\n"
"Step by step in the terminal: pick the vendor, enter the connection,\n"
"preview the exact commands, confirm, watch the progress and read the\n"
"verification. Web-only routers get numbered steps, then the SIP probe.\n"
"With --dry-run the same screens show the commands and nothing is sent.\n"
"\n"
"Keys: arrows and Tab move, Enter selects, Esc goes back one screen,\n"
"F1 or ? shows help, q quits (F10 on screens where you type).\n"
"Needs a terminal; for scripts use 'algoff apply' or 'algoff batch'.\n";

static const char no_terminal[] =
"algoff wizard: needs an interactive terminal (stdin and stdout must be a\n"
"terminal and TERM must name a usable one).\n"
"For one device without a terminal:  algoff apply --vendor ID --host H "
"--user U [--dry-run]\n"
"For many devices:                   algoff batch FILE.xml [--dry-run]\n";

static void
conn_defaults(struct wiz_conn *c)
{
	const char *home = getenv("HOME");
	char *p;

	snprintf(c->port, sizeof(c->port), "22");
	c->auth = WA_PASSWORD;
	if (home != NULL && *home == '/') {
		snprintf(c->known_hosts, sizeof(c->known_hosts),
		    "%s/.ssh/known_hosts", home);
		xasprintf(&p, "%s/.ssh/id_ed25519", home);
		if (access(p, R_OK) == 0)
			snprintf(c->identity, sizeof(c->identity), "%s", p);
		free(p);
	}
	if (getenv("SSH_AUTH_SOCK") != NULL)
		c->auth = WA_AGENT;
}

static enum exit_code
wizard_exit(enum wiz_outcome o, enum algoff_err err)
{
	switch (o) {
	case WIZ_QUIT:
	case WIZ_DONE: return EXIT_ALG_ABSENT;
	case WIZ_CHECK_FAILED: return EXIT_CHECK_FAILED;
	case WIZ_FAILED: return err != ALGOFF_OK ? exit_code_for(err) :
	    EXIT_CHECK_FAILED;
	default: return EXIT_INTERRUPTED;
	}
}

static int
parse_args(int argc, char **argv, int *dry)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*dry = 0;
	optind = 1;
	while ((c = cli_getopt("wizard", argc, argv, "h", longopts)) != -1) {
		if (c == 'n')
			*dry = 1;
		else if (c == 'h') {
			fputs(wizard_help, stdout);
			return -1;
		} else
			return EXIT_USAGE;
	}
	return cli_operands("wizard", argc, argv, 0);
}

int
cmd_wizard(int argc, char **argv)
{
	struct wiz *w;
	struct errbuf eb;
	enum wiz_outcome outcome;
	int dry, rc;

	rc = parse_args(argc, argv, &dry);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	setlocale(LC_ALL, "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(no_terminal, stderr);
		return EXIT_USAGE;
	}
	w = xcalloc(1, sizeof(*w));
	w->dry = dry;
	buf_init(&w->transcript, 512 * 1024);
	conn_defaults(&w->conn);
	errbuf_clear(&eb);
	if (vendor_load_all(&w->vs, &eb) != ALGOFF_OK) {
		fprintf(stderr, "algoff wizard: %s\n", eb.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	if (wiz_term_init() != 0) {
		fputs(no_terminal, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	outcome = wiz_main(w);
	rc = wizard_exit(outcome, w->err);
	wiz_term_end();
	if (wiz_sig)
		fprintf(stderr, "algoff wizard: stopped by signal %d\n",
		    (int)wiz_sig);
	else if (w->saved[0] != '\0')
		printf("Answers saved to %s\n", w->saved);
out:
	wiz_run_free(w);
	if (w->have_plan)
		plan_free(&w->plan);
	wiz_probe_free(&w->probe);
	wiz_conn_clear(&w->conn);
	buf_free(&w->transcript);
	vendor_set_free(&w->vs);
	free(w);
	return rc;
}
