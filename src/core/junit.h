/* SPDX-License-Identifier: MIT */
/*
 * junit.h - a JUnit XML report written with libxml2's xmlTextWriter, from
 * plain structs (the runner fills them; only core includes libxml2). Text is
 * made valid UTF-8 and XML first (core/utf8.h).
 */
#ifndef ALGOFF_JUNIT_H
#define ALGOFF_JUNIT_H

#include <stddef.h>
#include <stdio.h>

enum junit_kind {
	JUNIT_PASSED,
	JUNIT_FAILURE,    /* a check failed, or the change was rolled back */
	JUNIT_ERROR,      /* connection, authentication, host key */
	JUNIT_SKIPPED,    /* not started */
};

struct junit_cmd {
	const char *step, *text, *status;
};

struct junit_case {
	const char *classname, *name;
	double seconds;
	enum junit_kind kind;
	const char *type, *message;     /* of <failure>, <error>, <skipped> */
	/* the body: one text, in <failure>/<error> or else <system-out> */
	const char *status, *host, *backup;
	int port;
	const struct junit_cmd *cmds;
	size_t n_cmds;
};

struct junit_suite {
	const char *name, *file, *started;
	double seconds;
	int interrupted;
	const struct junit_case *cases;
	size_t n;
};

/* junit_write - the document on f. Returns 0, or -1 on an error. */
int junit_write(FILE *f, const struct junit_suite *s);

#endif
