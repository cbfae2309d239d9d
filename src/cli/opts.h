/* SPDX-License-Identifier: MIT */
/*
 * opts.h - the one option parser of every sub-command: getopt_long with
 * three rules on top, so hostile or mistyped command lines fail safely:
 *  - long options are never abbreviated ("--vend" is unknown);
 *  - an option that looks like a secret ("--password", "--token", ...) is
 *    refused: secrets are never taken on the command line;
 *  - a value with a control character (below 0x20, or 0x7f) is refused;
 * and no error echoes a value given on the command line (only option
 * names; a control-character value is shown escaped, never raw).
 */
#ifndef ALGOFF_OPTS_H
#define ALGOFF_OPTS_H

#include <getopt.h>

/* returned by cli_getopt after it printed a usage error (exit 2) */
#define CLI_OPT_ERR (-2)

/*
 * cli_getopt - like getopt_long(argc, argv, shortopts, longopts, NULL)
 * (opterr is forced to 0; a leading ':' is implied), but on any error it
 * prints "algoff CMD: ..." and returns CLI_OPT_ERR.
 */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
    const struct option *longopts);
/* cli_option - the option cli_getopt returned last ("--port", "-l"). */
const char *cli_option(void);
/*
 * cli_operands - argv[optind..argc): at most max operands, none with a
 * control character. A refused operand is named by its position, never
 * by its text. Returns 0, or EXIT_USAGE after a usage error.
 */
int cli_operands(const char *cmd, int argc, char **argv, int max);
/* cli_secret_option - nonzero when arg is "--password", "--token=..."... */
int cli_secret_option(const char *arg);
/* cli_secret_refused - the message for such an option; EXIT_USAGE. */
int cli_secret_refused(const char *cmd, const char *arg);

#endif
