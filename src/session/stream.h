/* SPDX-License-Identifier: MIT */
/*
 * stream.h - a bidirectional byte stream, the only thing the session engine
 * knows about its peer. The SSH transport (src/transport/) implements it
 * over a libssh2 shell channel; the unit tests implement it over scripted
 * bytes or a pipe.
 */
#ifndef ALGOFF_STREAM_H
#define ALGOFF_STREAM_H

#include <sys/types.h>

#include "core/err.h"

struct stream_ops {
	/*
	 * read - wait at most timeout_ms for bytes. Returns the number of
	 * bytes read (> 0), 0 on timeout, or a negative enum algoff_err
	 * (ALGOFF_ERR_DROPPED when the peer closed or the link broke) with
	 * the reason in eb.
	 */
	ssize_t (*read)(void *ctx, void *buf, size_t n, int timeout_ms,
	    struct errbuf *eb);
	/* write - write all n bytes within timeout_ms, or fail. */
	enum algoff_err (*write)(void *ctx, const void *buf, size_t n,
	    int timeout_ms, struct errbuf *eb);
	/* close - release everything; ctx is invalid afterwards. */
	void (*close)(void *ctx);
};

struct stream {
	const struct stream_ops *ops;
	void *ctx;
};

#endif
