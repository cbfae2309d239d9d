/* SPDX-License-Identifier: MIT */
/* sipbuild.c - SIP requests as a phone writes them, and echo responses. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "probe/b64.h"
#include "probe/netaddr.h"
#include "probe/sipbuild.h"

#define SIPBUILD_PAD_TRIES 4

#define SIPBUILD_UA "algoff-probe/" PACKAGE_VERSION_OR_DEV
#ifdef PACKAGE_VERSION
#define PACKAGE_VERSION_OR_DEV PACKAGE_VERSION
#else
#define PACKAGE_VERSION_OR_DEV "dev"
#endif

/* host part of a SIP URI: IPv6 literals go in brackets (RFC 3261 25.1). */
static void
sipbuild_hostport(int family, const char *ip, unsigned port, int always,
    char *out, size_t n)
{
	const char *l = family == AF_INET6 ? "[" : "";
	const char *r = family == AF_INET6 ? "]" : "";

	if (always || port != 5060)
		snprintf(out, n, "%s%s%s:%u", l, ip, r, port);
	else
		snprintf(out, n, "%s%s%s", l, ip, r);
}

static enum algoff_err
sipbuild_common(const struct sip_ua *ua, const char *method, unsigned cseq,
    const char *ruser, struct buf *out)
{
	char local[96], remote[96];
	const char *tp = ua->transport;

	sipbuild_hostport(ua->family, ua->local_ip, ua->local_port, 1, local,
	    sizeof(local));
	sipbuild_hostport(ua->family, ua->remote_ip, ua->remote_port, 0,
	    remote, sizeof(remote));
	return buf_printf(out,
	    "%s sip:%s%s%s SIP/2.0\r\n"
	    "Via: SIP/2.0/%s %s;branch=z9hG4bK-%s-%u;rport\r\n"
	    "Max-Forwards: 70\r\n"
	    "From: \"algoff\" <sip:algoff@%s>;tag=%s\r\n"
	    "To: <sip:%s@%s>\r\n"
	    "Call-ID: %s-%u@%s\r\n"
	    "CSeq: %u %s\r\n"
	    "Contact: <sip:algoff@%s;transport=%s>\r\n"
	    "User-Agent: %s\r\n",
	    method, ruser ? ruser : "", ruser ? "@" : "", remote,
	    tp, local, ua->id, cseq,
	    remote, ua->tag,
	    ruser ? ruser : "algoff", remote,
	    ua->id, cseq, local,
	    cseq, method,
	    local, strcmp(tp, "TCP") == 0 ? "tcp" : "udp",
	    SIPBUILD_UA);
}

/* A header of pad bytes in all (none for 0), to keep within the echo
 * budget of the reflector (see sipbuild_padded). */
static enum algoff_err
sipbuild_pad(size_t pad, struct buf *out)
{
	static const char dots[] = "................................";
	enum algoff_err r;
	size_t n;

	if (pad == 0)
		return ALGOFF_OK;
	pad = pad < 16 ? 0 : pad - 16;	/* "X-Algoff-Pad: " ... "\r\n" */
	if ((r = buf_puts(out, "X-Algoff-Pad: ")) != ALGOFF_OK)
		return r;
	for (; pad > 0; pad -= n) {
		n = pad < sizeof(dots) - 1 ? pad : sizeof(dots) - 1;
		if ((r = buf_append(out, dots, n)) != ALGOFF_OK)
			return r;
	}
	return buf_puts(out, "\r\n");
}

static enum algoff_err
sipbuild_register_pad(const struct sip_ua *ua, unsigned cseq, size_t pad,
    struct buf *out)
{
	enum algoff_err r;

	if ((r = sipbuild_common(ua, "REGISTER", cseq, NULL, out)) != ALGOFF_OK ||
	    (r = buf_puts(out, "Expires: 60\r\n")) != ALGOFF_OK ||
	    (r = sipbuild_pad(pad, out)) != ALGOFF_OK)
		return r;
	return buf_puts(out, "Content-Length: 0\r\n\r\n");
}

static enum algoff_err
sipbuild_invite_pad(const struct sip_ua *ua, unsigned cseq, size_t pad,
    struct buf *out)
{
	const char *ipv = ua->family == AF_INET6 ? "IP6" : "IP4";
	char sdp[768];
	int n;
	enum algoff_err r;

	n = snprintf(sdp, sizeof(sdp),
	    "v=0\r\n"
	    "o=algoff %u %u IN %s %s\r\n"
	    "s=algoff probe\r\n"
	    "c=IN %s %s\r\n"
	    "t=0 0\r\n"
	    "m=audio %u RTP/AVP 0 8 18 101\r\n"
	    "a=rtpmap:0 PCMU/8000\r\n"
	    "a=rtpmap:8 PCMA/8000\r\n"
	    "a=rtpmap:18 G729/8000\r\n"
	    "a=rtpmap:101 telephone-event/8000\r\n"
	    "a=fmtp:101 0-16\r\n"
	    "a=ptime:20\r\n"
	    "a=sendrecv\r\n",
	    cseq + 1000, cseq + 1000, ipv, ua->local_ip, ipv, ua->local_ip,
	    ua->rtp_port);
	if (n < 0 || (size_t)n >= sizeof(sdp))
		return ALGOFF_ERR_TOOBIG;
	if ((r = sipbuild_common(ua, "INVITE", cseq, "echo", out)) != ALGOFF_OK ||
	    (r = buf_puts(out, "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
	    "Content-Type: application/sdp\r\n")) != ALGOFF_OK ||
	    (r = sipbuild_pad(pad, out)) != ALGOFF_OK)
		return r;
	return buf_printf(out, "Content-Length: %d\r\n\r\n%s", n, sdp);
}

/* Bytes to add to msg[0..len) so that its echo fits; 0 when it does. */
static size_t
sipbuild_pad_needed(const char *msg, size_t len)
{
	struct sipmsg m;
	size_t e = 0;

	if (sipmsg_parse(msg, len, &m, NULL) == ALGOFF_OK)
		e = sipbuild_echo_bound(&m);
	sipmsg_free(&m);
	if (e <= SIP_ECHO_AMP * len)
		return 0;
	/* each byte added buys 3 bytes of budget and costs 4/3 of echo */
	return (e - SIP_ECHO_AMP * len) * 3 / 5 + 16;
}

/*
 * sipbuild_padded - a request whose echo, from any source address, stays
 * within SIP_ECHO_AMP times its size (the reflector answers nothing
 * larger), padded with an X-Algoff-Pad header when it would not.
 */
static enum algoff_err
sipbuild_padded(const struct sip_ua *ua, unsigned cseq, int invite,
    struct buf *out)
{
	size_t start = out->len, pad = 0, more;
	enum algoff_err r;
	int i;

	for (i = 0; i < SIPBUILD_PAD_TRIES; i++) {
		r = invite ? sipbuild_invite_pad(ua, cseq, pad, out) :
		    sipbuild_register_pad(ua, cseq, pad, out);
		if (r != ALGOFF_OK)
			return r;
		more = sipbuild_pad_needed(out->data + start, out->len - start);
		if (more == 0)
			return ALGOFF_OK;
		out->len = start;
		out->data[start] = '\0';
		pad += more + (pad == 0 ? 16 : 0);
	}
	return ALGOFF_ERR_INTERNAL;
}

enum algoff_err
sipbuild_register(const struct sip_ua *ua, unsigned cseq, struct buf *out)
{
	return sipbuild_padded(ua, cseq, 0, out);
}

enum algoff_err
sipbuild_invite(const struct sip_ua *ua, unsigned cseq, struct buf *out)
{
	return sipbuild_padded(ua, cseq, 1, out);
}

static enum algoff_err
sipbuild_copy(const struct sipmsg *req, struct buf *out)
{
	static const char *const names[] = { "Via", "From", "To", "Call-ID",
	    "CSeq" };
	const char *v;
	size_t i, k;
	enum algoff_err r;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (k = 0; k < SIP_MAX_HDRS &&
		    (v = sipmsg_get(req, names[i], k)) != NULL; k++)
			if ((r = buf_printf(out, "%s: %s\r\n", names[i], v)) !=
			    ALGOFF_OK)
				return r;
	return ALGOFF_OK;
}

enum algoff_err
sipbuild_echo(const struct sipmsg *req, const char *source,
    const char *transport, struct buf *out)
{
	struct buf b64;
	enum algoff_err r;

	buf_init(&b64, SIP_MAX_MSG * 2);
	if ((r = b64_encode(&b64, req->wire, req->wire_len)) != ALGOFF_OK)
		goto out;
	if ((r = buf_puts(out, "SIP/2.0 200 OK\r\n")) != ALGOFF_OK ||
	    (r = sipbuild_copy(req, out)) != ALGOFF_OK)
		goto out;
	r = buf_printf(out,
	    "Server: algoff-reflector/%s\r\n"
	    "X-Algoff-Source: %s\r\n"
	    "X-Algoff-Transport: %s\r\n"
	    "X-Algoff-Echo-Length: %zu\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Content-Length: %zu\r\n\r\n",
	    PACKAGE_VERSION_OR_DEV, source, transport, req->wire_len, b64.len);
	if (r == ALGOFF_OK && b64.len > 0)
		r = buf_append(out, b64.data, b64.len);
out:
	buf_free(&b64);
	return r;
}

size_t
sipbuild_echo_bound(const struct sipmsg *req)
{
	char src[NETADDR_STRLEN];
	struct buf out;
	size_t n;

	memset(src, '9', sizeof(src) - 1);	/* the longest source */
	src[sizeof(src) - 1] = '\0';
	buf_init(&out, SIP_MAX_MSG * 4);
	n = sipbuild_echo(req, src, "UDP", &out) == ALGOFF_OK ? out.len :
	    (size_t)-1 / 4;
	buf_free(&out);
	return n;
}

enum algoff_err
sipbuild_error(const struct sipmsg *req, int code, const char *reason,
    struct buf *out)
{
	enum algoff_err r;

	if ((r = buf_printf(out, "SIP/2.0 %d %s\r\n", code, reason)) !=
	    ALGOFF_OK || (r = sipbuild_copy(req, out)) != ALGOFF_OK)
		return r;
	return buf_printf(out, "Server: algoff-reflector/%s\r\n"
	    "Content-Length: 0\r\n\r\n", PACKAGE_VERSION_OR_DEV);
}
