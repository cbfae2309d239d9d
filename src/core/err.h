/* SPDX-License-Identifier: MIT */
/*
 * err.h - the one error type of algoff and the caller-owned message buffer.
 * Every fallible function returns enum algoff_err and, on failure, writes a
 * human-readable reason into a struct errbuf supplied by the caller.
 */
#ifndef ALGOFF_ERR_H
#define ALGOFF_ERR_H

#include <stddef.h>

enum algoff_err {
	ALGOFF_OK = 0,
	ALGOFF_ERR_INTERNAL = -1,
	ALGOFF_ERR_USAGE = -2,      /* bad flag, unknown vendor: exit 2 */
	ALGOFF_ERR_INPUT = -3,      /* invalid file or value: exit 2 */
	ALGOFF_ERR_IO = -4,         /* local file system */
	ALGOFF_ERR_CONNECT = -5,    /* TCP / resolve: exit 3 */
	ALGOFF_ERR_HOSTKEY = -6,    /* unknown or changed host key: exit 3 */
	ALGOFF_ERR_AUTH = -7,       /* authentication: exit 3 */
	ALGOFF_ERR_TIMEOUT = -8,    /* device stopped answering */
	ALGOFF_ERR_DEVICE = -9,     /* device rejected a command */
	ALGOFF_ERR_DROPPED = -10,   /* connection lost mid-way */
	ALGOFF_ERR_VERIFY = -11,    /* verification failed: exit 1 */
	ALGOFF_ERR_TOOBIG = -12,    /* a bounded buffer overflowed */
	ALGOFF_ERR_INTERRUPTED = -13,
};

#define ERRBUF_SIZE 1024

struct errbuf {
	char msg[ERRBUF_SIZE];
};

const char *algoff_strerror(enum algoff_err e);

/* errbuf_set - format a message into eb (eb may be NULL); returns e. */
enum algoff_err errbuf_set(struct errbuf *eb, enum algoff_err e,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* errbuf_clear - empty the message. */
void errbuf_clear(struct errbuf *eb);

#endif
