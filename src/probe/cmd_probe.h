/* SPDX-License-Identifier: MIT */
/* cmd_probe.h - the probe and reflector sub-commands (see src/cli/cmds.h). */
#ifndef ALGOFF_CMD_PROBE_H
#define ALGOFF_CMD_PROBE_H

int cmd_probe(int argc, char **argv);
int cmd_reflector(int argc, char **argv);

#endif
