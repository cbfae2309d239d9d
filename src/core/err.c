/* SPDX-License-Identifier: MIT */
/* err.c - error strings and the errbuf helper. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/err.h"
#include "core/utf8.h"

const char *
algoff_strerror(enum algoff_err e)
{
	switch (e) {
	case ALGOFF_OK: return "success";
	case ALGOFF_ERR_INTERNAL: return "internal error";
	case ALGOFF_ERR_USAGE: return "usage error";
	case ALGOFF_ERR_INPUT: return "invalid input";
	case ALGOFF_ERR_IO: return "file error";
	case ALGOFF_ERR_CONNECT: return "connection failed";
	case ALGOFF_ERR_HOSTKEY: return "host key not trusted";
	case ALGOFF_ERR_AUTH: return "authentication failed";
	case ALGOFF_ERR_TIMEOUT: return "timed out";
	case ALGOFF_ERR_DEVICE: return "device rejected a command";
	case ALGOFF_ERR_DROPPED: return "connection lost";
	case ALGOFF_ERR_VERIFY: return "verification failed";
	case ALGOFF_ERR_TOOBIG: return "data too large";
	case ALGOFF_ERR_INTERRUPTED: return "interrupted";
	}
	return "unknown error";
}

enum algoff_err
errbuf_set(struct errbuf *eb, enum algoff_err e, const char *fmt, ...)
{
	va_list ap;

	if (eb == NULL)
		return e;
	va_start(ap, fmt);
	vsnprintf(eb->msg, sizeof(eb->msg), fmt, ap);
	va_end(ap);
	utf8_fit(eb->msg, sizeof(eb->msg));
	return e;
}

void
errbuf_clear(struct errbuf *eb)
{
	if (eb != NULL)
		eb->msg[0] = '\0';
}
