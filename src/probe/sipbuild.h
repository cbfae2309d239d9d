/* SPDX-License-Identifier: MIT */
/*
 * sipbuild.h - the SIP messages algoff sends: a REGISTER and an INVITE with
 * SDP as a desk phone would write them (its own local address in Via,
 * Contact, Call-ID and SDP), and the reflector's echo response. No I/O.
 */
#ifndef ALGOFF_SIPBUILD_H
#define ALGOFF_SIPBUILD_H

#include "core/buf.h"
#include "probe/sipmsg.h"

struct sip_ua {
	int family;		/* AF_INET or AF_INET6 */
	char local_ip[64];	/* as the client sees itself */
	unsigned local_port;
	char remote_ip[64];
	unsigned remote_port;
	const char *transport;	/* "UDP" or "TCP" */
	unsigned rtp_port;
	char tag[24];		/* From tag */
	char id[24];		/* random part of Call-ID and branch */
};

/*
 * The reflector never answers with more than SIP_ECHO_AMP times the bytes
 * of the request (QUIC's anti-amplification rule, RFC 9000 sec. 8), so a
 * small spoofed request cannot make it a traffic amplifier. The probe's
 * requests are padded (an X-Algoff-Pad header) where needed so that their
 * full echo always fits.
 */
#define SIP_ECHO_AMP 3

/* sipbuild_register / _invite - append the request to out (padded). */
enum algoff_err sipbuild_register(const struct sip_ua *ua, unsigned cseq,
    struct buf *out);
enum algoff_err sipbuild_invite(const struct sip_ua *ua, unsigned cseq,
    struct buf *out);
/*
 * sipbuild_echo - the reflector's 200 OK to req: Via/From/To/Call-ID/CSeq
 * copied, X-Algoff-Source: source, X-Algoff-Transport: transport, and a
 * base64 body holding wire[0..len) exactly.
 */
enum algoff_err sipbuild_echo(const struct sipmsg *req, const char *source,
    const char *transport, struct buf *out);
/* sipbuild_echo_bound - bytes of the largest echo of req (any source). */
size_t sipbuild_echo_bound(const struct sipmsg *req);
/* sipbuild_error - a bodiless response (e.g. 513) to req. */
enum algoff_err sipbuild_error(const struct sipmsg *req, int code,
    const char *reason, struct buf *out);

#endif
