/* SPDX-License-Identifier: MIT */
/*
 * sipmsg.h - a small, strict, bounded SIP message parser (RFC 3261 sec. 7)
 * and SDP line splitter (RFC 4566), enough to compare what a client sent
 * with what a reflector received. No I/O. Everything untrusted is bounded:
 * SIP_MAX_MSG bytes, SIP_MAX_HDRS headers, SDP_MAX_LINES lines.
 */
#ifndef ALGOFF_SIPMSG_H
#define ALGOFF_SIPMSG_H

#include <stddef.h>

#include "core/err.h"

#define SIP_MAX_MSG 65536
#define SIP_MAX_HDRS 64
#define SDP_MAX_LINES 64

struct sip_hdr {
	const char *name;	/* canonical long form ("Via", "Call-ID") */
	const char *rawname;	/* as written (NUL-terminated, in raw) */
	const char *value;	/* trimmed, continuation lines joined */
};

struct sipmsg {
	char *raw;		/* owned, modified copy of the header part */
	const char *start;	/* start line, NUL-terminated */
	int is_response;
	int status;		/* responses only */
	char method[16];	/* requests only */
	struct sip_hdr hdr[SIP_MAX_HDRS];
	size_t nhdr;
	char *wire;		/* owned exact copy of the message bytes */
	const char *body;	/* the body inside wire */
	size_t blen;
	long clen;		/* Content-Length value, -1 if absent */
	size_t wire_len;	/* bytes of the original message */
};

struct sdp_line {
	char type;		/* 'v', 'o', 'c', 'm', ... */
	const char *value;	/* after "x=", NUL-terminated */
};

struct sdp {
	char *raw;
	struct sdp_line line[SDP_MAX_LINES];
	size_t n;
};

/* sipmsg_parse - parse one message of len bytes into *m (freed by caller
 * with sipmsg_free even on failure). ALGOFF_ERR_INPUT on a malformed
 * message, ALGOFF_ERR_TOOBIG past the limits. */
enum algoff_err sipmsg_parse(const char *data, size_t len, struct sipmsg *m,
    struct errbuf *eb);
void sipmsg_free(struct sipmsg *m);
/* sipmsg_get - value of the idx-th header called name (either form). */
const char *sipmsg_get(const struct sipmsg *m, const char *name, size_t idx);
/* sip_canon_name - long form of a compact header name, else name. */
const char *sip_canon_name(const char *name);

/*
 * sip_frame - find one message in a TCP byte stream (Content-Length
 * framing, RFC 3261 sec. 18.3). Returns 1 and *msglen when a whole message
 * is there, 0 when more bytes are needed, -1 when the stream is invalid or
 * a message would exceed max bytes. Leading CRLFs (keep-alives) are
 * counted in *skip and are not part of the message.
 */
int sip_frame(const char *d, size_t n, size_t max, size_t *skip,
    size_t *msglen);

/* sdp_parse - split an SDP body into typed lines (on failure nothing is
 * left to free). */
enum algoff_err sdp_parse(const char *body, size_t len, struct sdp *s);
void sdp_free(struct sdp *s);

#endif
