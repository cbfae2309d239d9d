/* SPDX-License-Identifier: MIT */
/*
 * exitcode.h - the process exit codes of the interface contract, defined
 * once. Every front end (src/cli) maps its outcome to one of these; the
 * modules below return outcomes or errors, never exit codes. A child
 * process's status is read against these names too.
 */
#ifndef ALGOFF_EXITCODE_H
#define ALGOFF_EXITCODE_H

#include "core/err.h"

enum exit_code {
	EXIT_ALG_ABSENT = 0,    /* success; the ALG is off / absent */
	EXIT_CHECK_FAILED = 1,  /* a check failed / ALG present */
	EXIT_USAGE = 2,         /* usage or input error, nothing sent */
	EXIT_CONNECT = 3,       /* connection, authentication, host key;
	                           probe: ALG unknown; reflector: cannot bind */
	EXIT_BATCH_FAILED = 4,  /* batch: some devices failed */
	EXIT_INTERRUPTED = 130, /* stopped by SIGINT or SIGTERM */
};

/* exit_code_for - the one mapping from errors to exit codes (ALGOFF_OK is
 * EXIT_ALG_ABSENT). */
enum exit_code exit_code_for(enum algoff_err e);

#endif
