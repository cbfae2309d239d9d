/* SPDX-License-Identifier: MIT */
/* exitcode.c - mapping errors to exit codes, usage errors. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli/exitcode.h"

int
exit_code_for(enum algoff_err e)
{
	switch (e) {
	case ALGOFF_OK:
		return EXIT_ALG_ABSENT;
	case ALGOFF_ERR_USAGE:
	case ALGOFF_ERR_INPUT:
		return EXIT_USAGE;
	case ALGOFF_ERR_CONNECT:
	case ALGOFF_ERR_HOSTKEY:
	case ALGOFF_ERR_AUTH:
		return EXIT_CONNECT;
	default:
		return EXIT_CHECK_FAILED;
	}
}

int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "algoff %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'algoff %s --help'.\n", cmd);
	return EXIT_USAGE;
}
