/* SPDX-License-Identifier: MIT */
/*
 * cmds.h - one entry point per sub-command. argv[0] is the sub-command
 * name; the return value is the process exit code (core/exitcode.h): each
 * entry point maps its module's outcome to one.
 */
#ifndef ALGOFF_CMDS_H
#define ALGOFF_CMDS_H

#include "core/exitcode.h"

int cmd_vendors(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_wizard(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_reflector(int argc, char **argv);
int cmd_demo(int argc, char **argv);

/* usage_error - print "algoff CMD: msg" and a hint; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
