/* SPDX-License-Identifier: MIT */
/* probe.c - send SIP as a phone would and compare with what arrived. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "os/os.h"
#include "probe/b64.h"
#include "probe/probe.h"
#include "probe/sipbuild.h"
#include "probe/sipmsg.h"

#define PROBE_MAX_STRAY 16	/* unrelated messages skipped per attempt */

struct pconn {
	int fd;
	int tcp;
	struct buf in;		/* TCP stream bytes not yet framed */
};

static int
probe_wait(int fd, short ev, double deadline)
{
	struct pollfd p = { .fd = fd, .events = ev, .revents = 0 };
	double left = deadline - mono_ms();
	int rc;

	if (left <= 0)
		return 0;
	rc = poll(&p, 1, (int)left + 1);
	return rc > 0 ? 1 : rc;
}

void
probe_defaults(struct probe_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->local_port = 5060;
	o->udp = o->tcp = 1;
	o->timeout_ms = 1000;
	o->retries = 2;
	o->rtp_port = 10000;
}

static void
probe_random_hex(char *out, size_t n)
{
	static unsigned long long s;
	struct timespec ts;
	size_t i;

	if (s == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		s = ((unsigned long long)ts.tv_nsec << 20) ^
		    (unsigned long long)ts.tv_sec ^ ((unsigned long long)getpid() << 40);
		s |= 1;
	}
	for (i = 0; i + 1 < n; i++) {
		s ^= s << 13;	/* xorshift64: ids need to be unique, not secret */
		s ^= s >> 7;
		s ^= s << 17;
		out[i] = "0123456789abcdef"[s & 15];
	}
	out[i] = '\0';
}

static int
probe_connect(int fd, const struct probe_opts *o, int tcp)
{
	int err = 0;
	socklen_t el = sizeof(err);

	if (connect(fd, (const struct sockaddr *)&o->dst.ss, o->dst.len) == 0)
		return 0;
	if (!tcp || errno != EINPROGRESS)
		return -1;
	if (probe_wait(fd, POLLOUT, mono_ms() + o->timeout_ms * 2) <= 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err != 0) {
		errno = err ? err : EIO;
		return -1;
	}
	return 0;
}

/* Open and connect a socket from the fixed local port; fill ua's local. */
static int
probe_open(const struct probe_opts *o, int tcp, struct sip_ua *ua,
    char *err, size_t errlen)
{
	struct netaddr any, me;
	int fd;

	netaddr_any(o->dst.ss.ss_family, o->local_port, &any);
	fd = socket(o->dst.ss.ss_family, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (fd < 0 || os_set_reuseaddr(fd) < 0 ||
	    bind(fd, (struct sockaddr *)&any.ss, any.len) < 0) {
		snprintf(err, errlen, "local port %u: %s", o->local_port,
		    strerror(errno));
		goto fail;
	}
	if (os_set_nonblock(fd) < 0 || probe_connect(fd, o, tcp) < 0) {
		snprintf(err, errlen, "connect: %s", strerror(errno));
		goto fail;
	}
	me.len = sizeof(me.ss);
	if (getsockname(fd, (struct sockaddr *)&me.ss, &me.len) < 0) {
		snprintf(err, errlen, "getsockname: %s", strerror(errno));
		goto fail;
	}
	netaddr_ip((struct sockaddr *)&me.ss, ua->local_ip, sizeof(ua->local_ip));
	ua->local_port = netaddr_port((struct sockaddr *)&me.ss);
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

static int
pconn_send(struct pconn *pc, const char *d, size_t n, double deadline)
{
	ssize_t w;
	size_t off = 0;

	while (off < n) {
		w = send(pc->fd, d + off, n - off, MSG_NOSIGNAL);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR)
			return -1;
		if (probe_wait(pc->fd, POLLOUT, deadline) <= 0)
			return -1;
	}
	return 0;
}

/* One message into msg: 1 got one, 0 timed out, -1 error. */
static int
pconn_recv(struct pconn *pc, struct buf *msg, double deadline)
{
	char tmp[SIP_MAX_MSG + 1];
	size_t skip, len;
	ssize_t n;
	int f;

	for (;;) {
		if (pc->tcp && pc->in.len > 0) {
			f = sip_frame(pc->in.data, pc->in.len, SIP_MAX_MSG, &skip,
			    &len);
			buf_consume(&pc->in, skip);
			if (f < 0)
				return -1;
			if (f > 0) {
				buf_reset(msg);
				buf_append(msg, pc->in.data, len);
				buf_consume(&pc->in, len);
				return 1;
			}
		}
		if ((f = probe_wait(pc->fd, POLLIN, deadline)) <= 0)
			return f;
		n = recv(pc->fd, tmp, sizeof(tmp), 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			return -1;
		if (!pc->tcp) {
			buf_reset(msg);
			return buf_append(msg, tmp, (size_t)n) == ALGOFF_OK ? 1 : 0;
		}
		if (buf_append(&pc->in, tmp, (size_t)n) != ALGOFF_OK)
			return -1;
	}
}

/* 1 when resp answers our request with this Call-ID id and CSeq. */
static int
probe_match(const struct sipmsg *resp, const struct sipmsg *sent)
{
	const char *a = sipmsg_get(resp, "CSeq", 0);
	const char *b = sipmsg_get(sent, "CSeq", 0);
	const char *ca = sipmsg_get(resp, "Call-ID", 0);
	const char *cb = sipmsg_get(sent, "Call-ID", 0);

	return resp->is_response && a && b && ca && cb && strcmp(a, b) == 0 &&
	    strncmp(ca, cb, 16) == 0;
}

/* Decode the echo in resp and compare it with sent. */
static void
probe_take(const struct sipmsg *resp, const struct sipmsg *sent,
    struct probe_msg *pm)
{
	const char *src = sipmsg_get(resp, "X-Algoff-Source", 0);
	const char *cte = sipmsg_get(resp, "Content-Transfer-Encoding", 0);
	struct buf raw;
	struct sipmsg got;
	struct errbuf eb;

	pm->status = resp->status;
	snprintf(pm->seen, sizeof(pm->seen), "%s", src ? src : "?");
	if (resp->status != 200 || cte == NULL || strcasecmp(cte, "base64")) {
		snprintf(pm->error, sizeof(pm->error), "reflector answered '%s'"
		    " without an echo (not an algoff reflector?)", resp->start);
		utf8_fit(pm->error, sizeof(pm->error));
		return;
	}
	buf_init(&raw, SIP_MAX_MSG);
	memset(&got, 0, sizeof(got));
	if (b64_decode(&raw, resp->body, resp->blen) != ALGOFF_OK ||
	    sipmsg_parse(raw.data ? raw.data : "", raw.len, &got, &eb) !=
	    ALGOFF_OK) {
		snprintf(pm->error, sizeof(pm->error), "echo unreadable");
		goto out;
	}
	pm->answered = 1;
	sipdiff_run(sent, &got, &pm->diff);
out:
	sipmsg_free(&got);
	buf_free(&raw);
}

/* Wait for the answer to sent until deadline; 1 when taken. */
static int
probe_await(struct pconn *pc, const struct sipmsg *sent, double deadline,
    struct probe_msg *pm)
{
	struct buf msg;
	struct sipmsg resp;
	int i, rc = 0, got;

	buf_init(&msg, SIP_MAX_MSG);
	for (i = 0; i < PROBE_MAX_STRAY && rc == 0; i++) {
		got = pconn_recv(pc, &msg, deadline);
		if (got < 0)
			snprintf(pm->error, sizeof(pm->error), "%s",
			    errno ? strerror(errno) : "connection closed");
		if (got <= 0)
			break;
		if (sipmsg_parse(msg.data, msg.len, &resp, NULL) == ALGOFF_OK &&
		    probe_match(&resp, sent)) {
			probe_take(&resp, sent, pm);
			rc = 1;
		}
		sipmsg_free(&resp);
	}
	buf_free(&msg);
	return rc;
}

static void
probe_exchange(struct pconn *pc, const struct probe_opts *o,
    const struct sip_ua *ua, unsigned cseq, struct probe_msg *pm)
{
	struct buf out;
	struct sipmsg sent;
	int a, tries = pc->tcp ? 1 : 1 + o->retries;
	enum algoff_err r;

	buf_init(&out, SIP_MAX_MSG);
	memset(&sent, 0, sizeof(sent));
	r = strcmp(pm->method, "INVITE") == 0 ?
	    sipbuild_invite(ua, cseq, &out) : sipbuild_register(ua, cseq, &out);
	if (r != ALGOFF_OK ||
	    sipmsg_parse(out.data, out.len, &sent, NULL) != ALGOFF_OK) {
		snprintf(pm->error, sizeof(pm->error), "internal: build failed");
		goto out;
	}
	for (a = 0; a < tries && !pm->answered && pm->status == 0; a++) {
		double deadline = mono_ms() + o->timeout_ms;

		pm->attempts++;
		errno = 0;
		if (pconn_send(pc, out.data, out.len, deadline) < 0) {
			snprintf(pm->error, sizeof(pm->error), "send: %s",
			    strerror(errno));
			break;
		}
		pm->sent = 1;
		if (probe_await(pc, &sent, deadline, pm) == 0 && pm->error[0] &&
		    pc->tcp)
			break;
	}
	if (pm->sent && pm->status == 0 && pm->error[0] == '\0')
		snprintf(pm->error, sizeof(pm->error),
		    "no answer after %d attempt%s", pm->attempts,
		    pm->attempts == 1 ? "" : "s");
out:
	sipmsg_free(&sent);
	buf_free(&out);
}

static void
probe_transport(const struct probe_opts *o, int tcp, struct probe_result *res)
{
	static const char *const methods[] = { "REGISTER", "INVITE" };
	struct sip_ua ua;
	struct pconn pc = { .fd = -1, .tcp = tcp };
	struct probe_msg *pm;
	char err[160] = "";
	size_t i;

	memset(&ua, 0, sizeof(ua));
	ua.family = o->dst.ss.ss_family;
	netaddr_ip((const struct sockaddr *)&o->dst.ss, ua.remote_ip,
	    sizeof(ua.remote_ip));
	ua.remote_port = netaddr_port((const struct sockaddr *)&o->dst.ss);
	ua.transport = tcp ? "TCP" : "UDP";
	ua.rtp_port = o->rtp_port;
	probe_random_hex(ua.tag, 11);
	probe_random_hex(ua.id, 17);
	buf_init(&pc.in, SIP_MAX_MSG * 2);
	pc.fd = probe_open(o, tcp, &ua, err, sizeof(err));
	for (i = 0; i < 2 && res->n < PROBE_MAX_MSGS; i++) {
		pm = &res->msg[res->n++];
		memset(pm, 0, sizeof(*pm));
		snprintf(pm->method, sizeof(pm->method), "%s", methods[i]);
		snprintf(pm->transport, sizeof(pm->transport), "%s", ua.transport);
		if (pc.fd < 0) {
			utf8_copy(pm->error, sizeof(pm->error), err);
			continue;
		}
		snprintf(pm->local, sizeof(pm->local), ua.family == AF_INET6 ?
		    "[%s]:%u" : "%s:%u", ua.local_ip, ua.local_port);
		probe_exchange(&pc, o, &ua, (unsigned)(i + 1), pm);
		res->tries += (unsigned)pm->attempts;
	}
	if (pc.fd < 0 && strncmp(err, "connect:", 8) == 0)
		res->tries++;	/* refused or timed out: the reflector's answer */
	if (tcp)
		os_close_reset(pc.fd);	/* no TIME_WAIT on the fixed port */
	else if (pc.fd >= 0)
		close(pc.fd);
	buf_free(&pc.in);
}

void
probe_run(const struct probe_opts *o, struct probe_result *res)
{
	memset(res, 0, sizeof(*res));
	netaddr_format((const struct sockaddr *)&o->dst.ss, res->reflector,
	    sizeof(res->reflector));
	if (o->udp)
		probe_transport(o, 0, res);
	if (o->tcp)
		probe_transport(o, 1, res);
	probe_verdict(res);
}
