/* SPDX-License-Identifier: MIT */
/*
 * usage.c - errors of the sub-commands: a line on stderr, and with --json
 * also the one "algoff.error/1" document on stdout.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/json.h"

static const char *json_cmd;   /* set by cli_json_scan: --json was given */
static FILE *json_out;         /* where the error document goes */

void
cli_json_out(FILE *f)
{
	json_out = f;
}

void
cli_json_scan(const char *cmd, int argc, char **argv, int takes_value)
{
	int i;

	json_cmd = NULL;
	json_out = stdout;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (!takes_value && strcmp(argv[i], "--json") == 0)
			json_cmd = cmd;
		if (takes_value && (strcmp(argv[i], "--json=-") == 0 ||
		    (strcmp(argv[i], "--json") == 0 && i + 1 < argc &&
		    strcmp(argv[i + 1], "-") == 0)))
			json_cmd = cmd;
	}
}

int
cli_json(void)
{
	return json_cmd != NULL;
}

static int vfail(const char *cmd, int code, const char *name,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static int
vfail(const char *cmd, int code, const char *name, const char *fmt,
    va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(stderr, "algoff %s: %s\n", cmd, msg);
	if (code == EXIT_USAGE && strcmp(name, "usage") == 0)
		fprintf(stderr, "Try 'algoff %s --help'.\n", cmd);
	if (json_cmd != NULL)
		json_error_print(json_out != NULL ? json_out : stdout, cmd,
		    name, msg);
	return code;
}

int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfail(cmd, EXIT_USAGE, "usage", fmt, ap);
	va_end(ap);
	return r;
}

int
cli_fail(const char *cmd, int code, const char *name, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfail(cmd, code, name, fmt, ap);
	va_end(ap);
	return r;
}
