/* SPDX-License-Identifier: MIT */
/* netcheck.c - RTT/jitter/loss/DSCP and reachability measurements. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "os/os.h"
#include "probe/echo.h"
#include "probe/netcheck.h"
#include "probe/voip.h"

struct echo_run {
	int fd;
	unsigned count;
	double *sent_ms;	/* per sequence number */
	double *rtt_ms;		/* < 0 until answered */
	struct jitter_est je;
};

void
netcheck_defaults(struct netcheck_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->count = 100;
	o->interval_ms = 20;
	o->size = 172;
	o->rtp_lo = 10000;
	o->rtp_hi = 20000;
	o->rtp_sample = 8;
	o->timeout_ms = 1000;
	o->max_rtt_ms = 150.0;
	o->max_jitter_ms = 30.0;
	o->max_loss_pct = 1.0;
}

static void
nc_echo_addr(const struct netcheck_opts *o, struct netaddr *ea)
{
	*ea = o->dst;
	netaddr_set_port((struct sockaddr *)&ea->ss, o->echo_port ? o->echo_port :
	    (netaddr_port((const struct sockaddr *)&o->dst.ss) + 1) & 0xffff);
}

/* A connected UDP socket to the echo service from local_port (0: any). */
static int
nc_echo_socket(const struct netcheck_opts *o, unsigned local_port)
{
	struct netaddr ea, any;
	int fd, fam = o->dst.ss.ss_family;

	nc_echo_addr(o, &ea);
	netaddr_any(fam, local_port, &any);
	fd = socket(fam, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	(void)os_set_tos(fd, fam, ECHO_TOS_EF);
	(void)os_enable_recvtos(fd, fam);
	if (bind(fd, (struct sockaddr *)&any.ss, any.len) < 0 ||
	    connect(fd, (struct sockaddr *)&ea.ss, ea.len) < 0 ||
	    os_set_nonblock(fd) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
nc_send(int fd, unsigned seq, unsigned size, double now)
{
	unsigned char pkt[ECHO_MAX_LEN];
	uint32_t s = htonl(seq);
	uint64_t us = (uint64_t)(now * 1000.0);

	memset(pkt, 0, size);
	memcpy(pkt, ECHO_MAGIC, 4);
	memcpy(pkt + ECHO_OFF_SEQ, &s, 4);
	memcpy(pkt + ECHO_OFF_TIME, &us, 8);
	(void)send(fd, pkt, size, MSG_DONTWAIT);
}

/* Read every pending answer; returns the number taken. */
static unsigned
nc_drain(struct echo_run *er, struct netcheck_result *r)
{
	unsigned char pkt[ECHO_MAX_LEN + 1];
	struct sockaddr_storage from;
	socklen_t fl;
	uint32_t seq;
	ssize_t n;
	unsigned got = 0, i;
	int tos;

	for (i = 0; i < 1024; i++) {
		fl = sizeof(from);
		n = os_recv_tos(er->fd, pkt, sizeof(pkt), &from, &fl, &tos);
		if (n < ECHO_MIN_LEN || memcmp(pkt, ECHO_MAGIC, 4) != 0)
			break;
		memcpy(&seq, pkt + ECHO_OFF_SEQ, 4);
		seq = ntohl(seq);
		if (seq >= er->count || er->rtt_ms[seq] >= 0) {
			r->late_dup++;
			continue;
		}
		er->rtt_ms[seq] = mono_ms() - er->sent_ms[seq];
		jitter_update(&er->je, er->rtt_ms[seq]);
		r->tos_fwd = pkt[ECHO_OFF_TOS] == ECHO_TOS_UNKNOWN ? -1 :
		    pkt[ECHO_OFF_TOS];
		r->tos_back = tos;
		got++;
	}
	return got;
}

static void
nc_echo_loop(const struct netcheck_opts *o, struct echo_run *er,
    struct netcheck_result *r)
{
	struct pollfd p = { .fd = er->fd, .events = POLLIN };
	double start = mono_ms(), now, next, end;
	unsigned seq = 0;
	int wait;

	end = start + (double)o->count * o->interval_ms + o->timeout_ms;
	while ((now = mono_ms()) < end && r->received < o->count) {
		next = start + (double)seq * o->interval_ms;
		if (seq < o->count && now >= next) {
			er->sent_ms[seq] = now;
			nc_send(er->fd, seq++, o->size, now);
			r->sent++;
			continue;
		}
		wait = (int)((seq < o->count ? next : end) - now) + 1;
		p.revents = 0;
		if (poll(&p, 1, wait) > 0)
			r->received += nc_drain(er, r);
	}
}

static void
nc_echo_stats(struct echo_run *er, struct netcheck_result *r)
{
	unsigned i, n = 0;
	double sum = 0;

	r->rtt_min = r->rtt_max = 0;
	for (i = 0; i < er->count; i++) {
		if (er->rtt_ms[i] < 0)
			continue;
		if (n == 0 || er->rtt_ms[i] < r->rtt_min)
			r->rtt_min = er->rtt_ms[i];
		if (er->rtt_ms[i] > r->rtt_max)
			r->rtt_max = er->rtt_ms[i];
		sum += er->rtt_ms[i];
		n++;
	}
	r->rtt_avg = n ? sum / n : 0;
	r->jitter_ms = er->je.j;
	r->lost = r->sent - n;
	r->loss_pct = r->sent ? 100.0 * (r->sent - n) / r->sent : 100.0;
}

static int
nc_echo(const struct netcheck_opts *o, struct netcheck_result *r)
{
	struct echo_run er;
	unsigned i;

	memset(&er, 0, sizeof(er));
	er.count = o->count;
	jitter_init(&er.je);
	if ((er.fd = nc_echo_socket(o, 0)) < 0)
		return -1;
	er.sent_ms = xcalloc(o->count, sizeof(double));
	er.rtt_ms = xcalloc(o->count, sizeof(double));
	for (i = 0; i < o->count; i++)
		er.rtt_ms[i] = -1;
	nc_echo_loop(o, &er, r);
	nc_echo_stats(&er, r);
	close(er.fd);
	free(er.sent_ms);
	free(er.rtt_ms);
	return r->received > 0 ? 0 : -1;
}

/* Up to three echo packets from local port; 1 when one came back. */
static int
nc_rtp_port(const struct netcheck_opts *o, unsigned port)
{
	struct pollfd p;
	unsigned char buf[ECHO_MAX_LEN];
	int fd = nc_echo_socket(o, port), i, ok = 0;

	if (fd < 0)
		return -1;	/* port busy here: not tested */
	p.fd = fd;
	p.events = POLLIN;
	for (i = 0; i < 3 && !ok; i++) {
		nc_send(fd, 0, o->size, mono_ms());
		p.revents = 0;
		if (poll(&p, 1, o->timeout_ms / 3 + 1) > 0 &&
		    recv(fd, buf, sizeof(buf), 0) >= ECHO_MIN_LEN)
			ok = 1;
	}
	close(fd);
	return ok;
}

static void
nc_rtp(const struct netcheck_opts *o, struct netcheck_result *r)
{
	unsigned i, port, span = o->rtp_hi - o->rtp_lo;
	int ok;

	for (i = 0; i < o->rtp_sample; i++) {
		port = o->rtp_sample > 1 ?
		    o->rtp_lo + (unsigned)((double)span * i / (o->rtp_sample - 1)) :
		    o->rtp_lo;
		port &= ~1u;	/* RTP uses even ports (RFC 3550 11) */
		if (port < o->rtp_lo)
			port += 2;
		if ((ok = nc_rtp_port(o, port)) < 0)
			continue;
		r->rtp_tested++;
		if (ok)
			r->rtp_ok++;
		else if (r->rtp_tested - r->rtp_ok <= 16)
			r->rtp_bad[r->rtp_tested - r->rtp_ok - 1] = port;
	}
}

static int
nc_sip_udp(const struct netcheck_opts *o, unsigned *tries)
{
	static const char req[] = "OPTIONS sip:reachability@algoff.invalid "
	    "SIP/2.0\r\nVia: SIP/2.0/UDP algoff.invalid;branch=z9hG4bK-reach\r\n"
	    "From: <sip:algoff@algoff.invalid>;tag=reach\r\n"
	    "To: <sip:reachability@algoff.invalid>\r\nCall-ID: reach@algoff\r\n"
	    "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
	struct pollfd p;
	char buf[2048];
	int fd = socket(o->dst.ss.ss_family, SOCK_DGRAM, 0), i, ok = 0;
	ssize_t n;

	if (fd < 0)
		return 0;
	if (connect(fd, (const struct sockaddr *)&o->dst.ss, o->dst.len) < 0) {
		close(fd);
		return 0;
	}
	p.fd = fd;
	p.events = POLLIN;
	for (i = 0; i < 3 && !ok; i++) {
		(*tries)++;
		(void)send(fd, req, sizeof(req) - 1, 0);
		p.revents = 0;
		if (poll(&p, 1, o->timeout_ms / 3 + 1) > 0 &&
		    (n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 8 &&
		    memcmp(buf, "SIP/2.0 ", 8) == 0)
			ok = 1;
	}
	close(fd);
	return ok;
}

static int
nc_sip_tcp(const struct netcheck_opts *o)
{
	struct pollfd p;
	int fd = socket(o->dst.ss.ss_family, SOCK_STREAM, 0), err = 0, ok = 0;
	socklen_t el = sizeof(err);

	if (fd < 0 || os_set_nonblock(fd) < 0)
		goto out;
	if (connect(fd, (const struct sockaddr *)&o->dst.ss, o->dst.len) == 0) {
		ok = 1;
		goto out;
	}
	if (errno != EINPROGRESS)
		goto out;
	p.fd = fd;
	p.events = POLLOUT;
	p.revents = 0;
	if (poll(&p, 1, o->timeout_ms) > 0 &&
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && err == 0)
		ok = 1;
out:
	if (fd >= 0)
		close(fd);
	return ok;
}

static void
nc_mos(struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);
	double ta;

	for (i = 0; i < n && i < 2; i++) {
		ta = voip_mouth_to_ear(r->rtt_avg, r->jitter_ms, &c[i]);
		r->r[i] = emodel_r(ta, r->loss_pct, &c[i]);
		r->mos[i] = emodel_mos(r->r[i]);
	}
}

int
netcheck_run(const struct netcheck_opts *o, struct netcheck_result *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->tos_fwd = r->tos_back = -1;
	rc = nc_echo(o, r);
	r->tries = r->sent + 1;		/* + the TCP connect */
	if (r->received > 0)
		nc_mos(r);
	r->sip_udp = nc_sip_udp(o, &r->tries);
	r->sip_tcp = nc_sip_tcp(o);
	if (r->received > 0)
		nc_rtp(o, r);
	return rc;
}

int
netcheck_silent(const struct netcheck_result *r)
{
	return r->received == 0 && !r->sip_udp && !r->sip_tcp;
}

enum netcheck_outcome
netcheck_main(const struct netcheck_opts *o, int json)
{
	struct netcheck_result r;

	(void)netcheck_run(o, &r);
	netcheck_print(stdout, o, &r, json);
	if (netcheck_silent(&r))
		return NC_UNREACHABLE;
	return netcheck_failed(o, &r) > 0 ? NC_FAILED : NC_PASSED;
}
