/* SPDX-License-Identifier: MIT */
/*
 * reflector.c - SIP echo reflector and UDP echo service (see reflector.h).
 *
 * It faces the internet, so every answer is budgeted: at most
 * SIP_ECHO_AMP (3) times the bytes of the request that caused it (an echo
 * that would be larger becomes a short error, or nothing), per source
 * (IPv4 address or IPv6 /64) --rate answers per second, and over all
 * sources together a global bucket. UDP is read and answered in batches
 * (recvmmsg/sendmmsg) from a 4 MiB receive buffer where the system allows.
 *
 * Memory is bounded whatever arrives (about 24 MiB at most):
 *   static: UDP batch REFL_BATCH x 64 KiB in + REFL_BATCH x 64 KiB out
 *           (2 MiB), two source tables (2 x 160 KiB), the answer buffer
 *           (at most REFL_OUT_MAX = 256 KiB);
 *   per TCP client (at most REFL_MAX_CLIENTS = 64): input up to
 *           SIP_MAX_MSG + 4 KiB, queued answers up to REFL_OUT_MAX
 *           (then the client is dropped), so 64 x 324 KiB = 20.3 MiB;
 *   per message: the parser's two copies (2 x 64 KiB), freed at once.
 * Idle TCP clients (a Content-Length larger than the body that never
 * arrives, or nothing at all) hold a slot only until --idle-timeout or
 * until a new connection evicts the least recently active one; a client
 * never blocks the loop, which serves UDP between every TCP event.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "os/os.h"
#include "probe/echo.h"
#include "probe/ratelimit.h"
#include "probe/reflector.h"
#include "probe/sipbuild.h"
#include "probe/sipmsg.h"

#define REFL_MAX_CLIENTS 64
#define REFL_OUT_MAX (SIP_MAX_MSG * 4)
#define REFL_UDP_MAX 65507
#define REFL_FRAMES_PER_READ 32
#define REFL_BATCH 16		/* datagrams per recvmmsg */
#define REFL_UDP_ROUNDS 8	/* batches per wake-up, then TCP gets a turn */
#define REFL_ACCEPTS 16		/* connections accepted per wake-up */
#define REFL_RCVBUF (4 << 20)
#define REFL_BACKLOG 128
#define REFL_GLOBAL_PER_SOURCE 100	/* default global rate: 100 x --rate */

struct rclient {
	int fd;
	struct sockaddr_storage ss;
	char src[NETADDR_STRLEN];
	struct buf in;
	struct buf out;
	double last_ms;
	int pending;		/* whole frames left in in (frame limit hit) */
};

struct reflector {
	const struct reflector_opts *o;
	int udp, tcp, echo;
	struct rclient cl[REFL_MAX_CLIENTS];
	size_t maxcl;
	struct ratelimit rl_sip, rl_echo;
	struct tbucket global;	/* answers per second, all sources */
	long answered;
	struct buf resp;	/* one answer, reused */
	struct os_dgram in[REFL_BATCH], out[REFL_BATCH];
	char rx[REFL_BATCH][SIP_MAX_MSG + 1];
	char tx[REFL_BATCH][REFL_UDP_MAX];
};

static volatile sig_atomic_t refl_stop;

static void
refl_on_signal(int sig)
{
	(void)sig;
	refl_stop = 1;
}

void
reflector_defaults(struct reflector_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->rate = 50;
	o->echo_rate = 1000;
	o->max_clients = 32;
	o->idle_seconds = 30;
}

unsigned
reflector_global_rate(const struct reflector_opts *o)
{
	unsigned long g = o->global_rate > 0 ? o->global_rate :
	    (unsigned long)o->rate * REFL_GLOBAL_PER_SOURCE;

	return g > 100000000ul ? 100000000u : (unsigned)g;
}

static int
refl_socket(const struct netaddr *a, int type, struct errbuf *eb)
{
	int fd = socket(a->ss.ss_family, type, 0);
	char s[NETADDR_STRLEN];

	netaddr_format((const struct sockaddr *)&a->ss, s, sizeof(s));
	if (fd < 0) {
		errbuf_set(eb, ALGOFF_ERR_IO, "socket: %s", strerror(errno));
		return -1;
	}
	if ((type == SOCK_STREAM && os_set_reuseaddr(fd) < 0) ||
	    bind(fd, (const struct sockaddr *)&a->ss, a->len) < 0 ||
	    (type == SOCK_STREAM && listen(fd, REFL_BACKLOG) < 0) ||
	    os_set_nonblock(fd) < 0) {
		errbuf_set(eb, ALGOFF_ERR_IO, "%s %s: %s",
		    type == SOCK_STREAM ? "TCP" : "UDP", s, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * refl_fit - keep the answer in out within SIP_ECHO_AMP x len (and one
 * datagram for UDP): an echo that is too large becomes a bodiless error,
 * and when even that is too large there is no answer (0).
 */
static int
refl_fit(const struct sipmsg *m, size_t len, int udp, struct buf *out)
{
	size_t budget = SIP_ECHO_AMP * len;

	if (udp && budget > REFL_UDP_MAX)
		budget = REFL_UDP_MAX;
	if (out->len <= budget)
		return 1;
	if (out->len > SIP_ECHO_AMP * len) {
		buf_reset(out);
		if (sipbuild_error(m, 400, "Too Small To Echo", out) != ALGOFF_OK)
			return 0;
	} else {
		buf_reset(out);
		if (sipbuild_error(m, 513, "Message Too Large", out) != ALGOFF_OK)
			return 0;
	}
	return out->len <= budget;
}

/* Answer one SIP message; 1 when a response was written into out. */
static int
refl_sip(struct reflector *r, const char *data, size_t len,
    const struct sockaddr *from, const char *tp, struct buf *out)
{
	struct sipmsg m;
	char src[NETADDR_STRLEN];
	int ok = 0;

	if (sipmsg_parse(data, len, &m, NULL) != ALGOFF_OK || m.is_response)
		goto out;
	if (strcmp(m.method, "ACK") == 0)
		goto out;	/* ACK has no response (RFC 3261 17.1.1) */
	if (!tbucket_take(&r->global, mono_ms()))
		goto out;	/* over the global budget */
	netaddr_format(from, src, sizeof(src));
	buf_reset(out);
	if (sipbuild_echo(&m, src, tp, out) != ALGOFF_OK ||
	    !refl_fit(&m, len, strcmp(tp, "UDP") == 0, out))
		goto out;
	ok = 1;
	r->answered++;
	if (r->o->verbose)
		fprintf(stderr, "reflector: %s %s %s %zu bytes\n", tp, src,
		    m.method, len);
out:
	sipmsg_free(&m);
	return ok;
}

/* One recvmmsg batch answered with one sendmmsg; the count read. */
static int
refl_udp_batch(struct reflector *r)
{
	struct os_dgram *d;
	double now = mono_ms();
	unsigned nout = 0;
	int i, n;

	n = os_recv_batch(r->udp, r->in, REFL_BATCH);
	for (i = 0; i < n; i++) {
		d = &r->in[i];
		if (d->len == 0 || d->truncated || d->len > SIP_MAX_MSG)
			continue;	/* empty or truncated: ignore */
		if (!ratelimit_allow(&r->rl_sip, (struct sockaddr *)&d->addr,
		    now) || !refl_sip(r, d->buf, d->len,
		    (struct sockaddr *)&d->addr, "UDP", &r->resp))
			continue;
		memcpy(r->tx[nout], r->resp.data, r->resp.len);
		r->out[nout].len = r->resp.len;
		r->out[nout].addr = d->addr;
		r->out[nout].addrlen = d->addrlen;
		nout++;
	}
	if (nout > 0)
		(void)os_send_batch(r->udp, r->out, nout);
	return n;
}

static void
refl_udp_read(struct reflector *r)
{
	int i;

	for (i = 0; i < REFL_UDP_ROUNDS; i++)
		if (refl_udp_batch(r) < REFL_BATCH)
			break;
}

static void
refl_echo_read(struct reflector *r)
{
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	unsigned char pkt[ECHO_MAX_LEN + 1];
	ssize_t n;
	int tos;

	n = os_recv_tos(r->echo, pkt, sizeof(pkt), &from, &fl, &tos);
	if (n < ECHO_MIN_LEN || n > ECHO_MAX_LEN ||
	    memcmp(pkt, ECHO_MAGIC, 4) != 0)
		return;
	if (!ratelimit_allow(&r->rl_echo, (struct sockaddr *)&from,
	    mono_ms()) || !tbucket_take(&r->global, mono_ms()))
		return;
	pkt[ECHO_OFF_TOS] = tos < 0 ? ECHO_TOS_UNKNOWN : (unsigned char)tos;
	(void)sendto(r->echo, pkt, (size_t)n, MSG_DONTWAIT,
	    (struct sockaddr *)&from, fl);
}

static void
refl_client_close(struct rclient *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_free(&c->in);
	buf_free(&c->out);
}

static void
refl_accept_one(struct reflector *r, int fd, struct sockaddr_storage *ssp)
{
	struct sockaddr_storage ss = *ssp;
	struct rclient *c = NULL;
	size_t i;

	for (i = 0; i < r->maxcl && (c == NULL || c->fd >= 0); i++)
		if (c == NULL || r->cl[i].fd < 0 ||
		    r->cl[i].last_ms < c->last_ms)
			c = &r->cl[i];
	if (c == NULL || os_set_nonblock(fd) < 0 ||
	    !ratelimit_allow(&r->rl_sip, (struct sockaddr *)&ss, mono_ms())) {
		close(fd);	/* this source is too fast */
		return;
	}
	if (c->fd >= 0)
		refl_client_close(c);	/* full: the least recently active goes */
	c->fd = fd;
	c->ss = ss;
	netaddr_format((struct sockaddr *)&ss, c->src, sizeof(c->src));
	buf_init(&c->in, SIP_MAX_MSG + 4096);
	buf_init(&c->out, REFL_OUT_MAX);
	c->last_ms = mono_ms();
	c->pending = 0;
}

static void
refl_accept(struct reflector *r)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int i, fd;

	for (i = 0; i < REFL_ACCEPTS; i++) {
		sl = sizeof(ss);
		fd = accept(r->tcp, (struct sockaddr *)&ss, &sl);
		if (fd < 0)
			return;
		refl_accept_one(r, fd, &ss);
	}
}

/*
 * Answer the whole messages in c->in, at most REFL_FRAMES_PER_READ of them
 * (c->pending says more may be there); -1 to drop the client.
 */
static int
refl_client_frames(struct reflector *r, struct rclient *c)
{
	struct buf *resp = &r->resp;
	size_t skip, len;
	int i, f, rc = 0;

	c->pending = 0;
	for (i = 0; i < REFL_FRAMES_PER_READ && c->in.len > 0; i++) {
		f = sip_frame(c->in.data, c->in.len, SIP_MAX_MSG, &skip, &len);
		buf_consume(&c->in, skip);
		if (f <= 0) {
			rc = f;
			break;
		}
		if (ratelimit_allow(&r->rl_sip, (struct sockaddr *)&c->ss,
		    mono_ms()) &&
		    refl_sip(r, c->in.data, len, (struct sockaddr *)&c->ss, "TCP",
		    resp) && buf_append(&c->out, resp->data, resp->len) !=
		    ALGOFF_OK)
			rc = -1;
		buf_consume(&c->in, len);
		if (rc < 0)
			break;
	}
	if (rc == 0 && i == REFL_FRAMES_PER_READ && c->in.len > 0)
		c->pending = 1;
	return rc;
}

static void
refl_client_read(struct reflector *r, struct rclient *c)
{
	char tmp[16384];
	ssize_t n = recv(c->fd, tmp, sizeof(tmp), 0);

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0 || buf_append(&c->in, tmp, (size_t)n) != ALGOFF_OK) {
		refl_client_close(c);
		return;
	}
	c->last_ms = mono_ms();
	if (refl_client_frames(r, c) < 0)
		refl_client_close(c);
}

static void
refl_client_write(struct rclient *c)
{
	ssize_t n = send(c->fd, c->out.data, c->out.len, MSG_NOSIGNAL);

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		refl_client_close(c);
		return;
	}
	buf_consume(&c->out, (size_t)n);
	c->last_ms = mono_ms();
}

/* Build the poll set: udp, tcp, echo, then one per client. */
static size_t
refl_pollset(struct reflector *r, struct pollfd *p, size_t *map)
{
	size_t i, n = 0;
	int fds[3] = { r->udp, r->tcp, r->echo };

	for (i = 0; i < 3; i++) {
		p[n].fd = fds[i];
		p[n].events = POLLIN;
		p[n].revents = 0;
		map[n++] = (size_t)-1;
	}
	for (i = 0; i < r->maxcl; i++) {
		if (r->cl[i].fd < 0)
			continue;
		p[n].fd = r->cl[i].fd;
		p[n].events = POLLIN | (r->cl[i].out.len > 0 ? POLLOUT : 0);
		p[n].revents = 0;
		map[n++] = i;
	}
	return n;
}

static void
refl_dispatch(struct reflector *r, struct pollfd *p, size_t n, size_t *map)
{
	size_t i;
	struct rclient *c;

	if (p[0].revents & POLLIN)
		refl_udp_read(r);
	if (p[1].revents & POLLIN)
		refl_accept(r);
	if (p[2].fd >= 0 && (p[2].revents & POLLIN))
		refl_echo_read(r);
	for (i = 3; i < n; i++) {
		c = &r->cl[map[i]];
		if (c->fd >= 0 && (p[i].revents & POLLOUT))
			refl_client_write(c);
		if (c->fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR)))
			refl_client_read(r, c);
		else if (c->fd >= 0 && c->pending &&
		    refl_client_frames(r, c) < 0)
			refl_client_close(c);
	}
}

/* 1 when a client has whole frames waiting (poll must not sleep). */
static int
refl_any_pending(const struct reflector *r)
{
	size_t i;

	for (i = 0; i < r->maxcl; i++)
		if (r->cl[i].fd >= 0 && r->cl[i].pending)
			return 1;
	return 0;
}

static void
refl_expire(struct reflector *r, double now)
{
	size_t i;

	for (i = 0; i < r->maxcl; i++)
		if (r->cl[i].fd >= 0 &&
		    now - r->cl[i].last_ms > r->o->idle_seconds * 1000.0)
			refl_client_close(&r->cl[i]);
}

static int
refl_flushed(const struct reflector *r)
{
	size_t i;

	for (i = 0; i < r->maxcl; i++)
		if (r->cl[i].fd >= 0 && r->cl[i].out.len > 0)
			return 0;
	return 1;
}

static void
refl_loop(struct reflector *r)
{
	struct pollfd p[3 + REFL_MAX_CLIENTS];
	size_t map[3 + REFL_MAX_CLIENTS], n;
	double start = mono_ms(), now;
	int timeout;

	while (!refl_stop) {
		now = mono_ms();
		if (r->o->max_seconds > 0 &&
		    now - start >= r->o->max_seconds * 1000.0)
			break;
		if (r->o->max_requests > 0 && r->answered >= r->o->max_requests &&
		    refl_flushed(r))
			break;
		refl_expire(r, now);
		n = refl_pollset(r, p, map);
		timeout = refl_any_pending(r) ? 0 : 200;
		if (poll(p, n, timeout) < 0)
			continue;
		refl_dispatch(r, p, n, map);
	}
}

static void
refl_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = refl_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static enum algoff_err
refl_open(struct reflector *r, struct errbuf *eb)
{
	struct netaddr ea = r->o->listen;
	char s[NETADDR_STRLEN];

	int rcv;

	if ((r->udp = refl_socket(&r->o->listen, SOCK_DGRAM, eb)) < 0 ||
	    (r->tcp = refl_socket(&r->o->listen, SOCK_STREAM, eb)) < 0)
		return ALGOFF_ERR_IO;
	rcv = os_set_rcvbuf(r->udp, REFL_RCVBUF);	/* best effort */
	if (r->o->verbose)
		fprintf(stderr, "reflector: UDP receive buffer %d bytes, "
		    "global budget %u answers/s\n", rcv,
		    reflector_global_rate(r->o));
	if (r->o->echo_port > 0) {
		netaddr_set_port((struct sockaddr *)&ea.ss, r->o->echo_port);
		if ((r->echo = refl_socket(&ea, SOCK_DGRAM, eb)) < 0)
			return ALGOFF_ERR_IO;
		(void)os_enable_recvtos(r->echo, ea.ss.ss_family);
		(void)os_set_tos(r->echo, ea.ss.ss_family, ECHO_TOS_EF);
	}
	netaddr_format((const struct sockaddr *)&r->o->listen.ss, s, sizeof(s));
	printf("reflector: SIP on UDP+TCP %s", s);
	if (r->o->echo_port > 0)
		printf(", echo on UDP port %u", r->o->echo_port);
	printf("\n");
	fflush(stdout);
	return ALGOFF_OK;
}

enum algoff_err
reflector_run(const struct reflector_opts *o, struct errbuf *eb)
{
	static struct reflector r;
	enum algoff_err err;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.udp = r.tcp = r.echo = -1;
	r.maxcl = o->max_clients < REFL_MAX_CLIENTS ? o->max_clients :
	    REFL_MAX_CLIENTS;
	for (i = 0; i < REFL_MAX_CLIENTS; i++)
		r.cl[i].fd = -1;
	ratelimit_init(&r.rl_sip, o->rate, o->rate * 2.0);
	ratelimit_init(&r.rl_echo, o->echo_rate, o->echo_rate * 2.0);
	tbucket_init(&r.global, reflector_global_rate(o),
	    reflector_global_rate(o) * 2.0);
	buf_init(&r.resp, REFL_OUT_MAX);
	for (i = 0; i < REFL_BATCH; i++) {
		r.in[i].buf = r.rx[i];
		r.in[i].cap = sizeof(r.rx[i]);
		r.out[i].buf = r.tx[i];
		r.out[i].cap = sizeof(r.tx[i]);
	}
	refl_stop = 0;
	refl_signals();
	if ((err = refl_open(&r, eb)) == ALGOFF_OK)
		refl_loop(&r);
	for (i = 0; i < REFL_MAX_CLIENTS; i++)
		refl_client_close(&r.cl[i]);
	if (r.udp >= 0)
		close(r.udp);
	if (r.tcp >= 0)
		close(r.tcp);
	if (r.echo >= 0)
		close(r.echo);
	buf_free(&r.resp);
	return err;
}
