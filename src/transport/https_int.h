/* SPDX-License-Identifier: MIT */
/*
 * https_int.h - internals of the HTTPS transport shared by https.c and
 * https_pin.c (the known-certificates file and the certificate decision
 * made inside the TLS handshake). Not for use outside src/transport/.
 */
#ifndef ALGOFF_HTTPS_INT_H
#define ALGOFF_HTTPS_INT_H

#include "core/err.h"
#include "transport/https.h"

enum pin_status {
	PIN_NEW,	/* no line for this host:port */
	PIN_MATCH,	/* a line with this very fingerprint */
	PIN_CHANGED,	/* lines for host:port, none with this fingerprint */
};

/* One handshake's certificate decision; reset for each new connection. */
struct https_pin {
	/* set once by https_open */
	char path[4096];		/* known-certificates file */
	char host[256];			/* for the CA path's name check */
	enum https_cert_policy policy;
	char expect_fp[64];		/* https_opts.expect_fp, "" if none */
	const char *cafile;		/* NULL: system store */
	/* per handshake */
	int seen_leaf;			/* the callback saw depth 0 */
	int chain_err;			/* OpenSSL reported a chain error */
	int refused;			/* the decision was no */
	int record;			/* accept-new: append after the handshake */
	enum pin_status status;
	int line;			/* of the match or conflict */
	struct https_cert_info info;	/* entry is set by https_open */
	struct errbuf why;		/* refusal text, or a file error */
	int file_err;			/* the file could not be read */
};

/* pin_entry - "host:port" ("[v6]:port"), lower case; ALGOFF_ERR_INPUT
 * for an unusable host. */
enum algoff_err pin_entry(const char *host, int port, char *dst,
    size_t dstlen, struct errbuf *eb);

/* pin_lookup - entry and fingerprint against the file at path (a missing
 * file is an empty one). *line gets the line of a match or conflict. */
enum algoff_err pin_lookup(const char *path, const char *entry,
    const char *fp, enum pin_status *st, int *line, struct errbuf *eb);

/* pin_record - append "entry fp" to path (created 0600 with a header). */
enum algoff_err pin_record(const char *path, const char *entry,
    const char *fp, struct errbuf *eb);

/* pin_reset - forget the last handshake's decision. */
void pin_reset(struct https_pin *p);

/* pin_init - once per process, before any pin_install. */
void pin_init(void);

/* pin_install - make the handshake on ssl_ctx (an OpenSSL SSL_CTX) call
 * the decision for p. Returns 0, or -1. */
int pin_install(void *ssl_ctx, struct https_pin *p);

#endif
