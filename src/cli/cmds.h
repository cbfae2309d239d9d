/* SPDX-License-Identifier: MIT */
/*
 * cmds.h - one entry point per sub-command. argv[0] is the sub-command
 * name; the return value is the process exit code (core/exitcode.h): each
 * entry point maps its module's outcome to one.
 */
#ifndef ALGOFF_CMDS_H
#define ALGOFF_CMDS_H

#include <stdio.h>

#include "core/exitcode.h"

int cmd_vendors(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_wizard(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_reflector(int argc, char **argv);
int cmd_demo(int argc, char **argv);

/*
 * cli_json_scan - note whether argv asks for JSON on stdout ("--json"; with
 * takes_value, "--json -"), before the options are parsed, so that every
 * error, usage errors included, is also one "algoff.error/1" document on
 * stdout. cli_json - was it asked for?
 */
void cli_json_scan(const char *cmd, int argc, char **argv, int takes_value);
int cli_json(void);
/* cli_json_out - send the error document to f (default stdout). */
void cli_json_out(FILE *f);
/* usage_error - print "algoff CMD: msg" and a hint (and the JSON error
 * "usage"); returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* cli_fail - print "algoff CMD: msg" (and the JSON error name); returns
 * code. */
int cli_fail(const char *cmd, int code, const char *name, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

#endif
