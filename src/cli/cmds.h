/* SPDX-License-Identifier: MIT */
/*
 * cmds.h - one entry point per sub-command. argv[0] is the sub-command
 * name; the return value is the process exit code (see exitcode.h).
 */
#ifndef ALGOFF_CMDS_H
#define ALGOFF_CMDS_H

int cmd_vendors(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_wizard(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_reflector(int argc, char **argv);
int cmd_demo(int argc, char **argv);

#endif
