/* SPDX-License-Identifier: MIT */
/* exitcode.h - the process exit codes of the interface contract. */
#ifndef ALGOFF_EXITCODE_H
#define ALGOFF_EXITCODE_H

#include "core/err.h"

enum exit_code {
	EXIT_ALG_ABSENT = 0,    /* success */
	EXIT_CHECK_FAILED = 1,  /* a check failed / ALG present */
	EXIT_USAGE = 2,         /* usage or input error, nothing sent */
	EXIT_CONNECT = 3,       /* connection, authentication, host key */
	EXIT_BATCH_FAILED = 4,  /* batch: some devices failed */
};

/* exit_code_for - the one mapping from errors to exit codes. */
int exit_code_for(enum algoff_err e);

/* usage_error - print "algoff CMD: msg" and a hint; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
