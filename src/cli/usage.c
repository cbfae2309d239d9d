/* SPDX-License-Identifier: MIT */
/* usage.c - usage errors of the sub-commands. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli/cmds.h"

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
