/* SPDX-License-Identifier: MIT */
/* exitcode.c - the one mapping from algoff_err to exit codes. */
#include "config.h"

#include "core/exitcode.h"

enum exit_code
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
