/* SPDX-License-Identifier: MIT */
/*
 * refl_load.c - load generator for bench/reflector (not part of algoff).
 *
 *   refl_load valid   SRC DST PORT COUNT WINDOW MAXSEC
 *       REGISTERs shaped like the probe's (padded to 600 bytes), at most
 *       WINDOW unanswered at a time, each answer checked: status 200, the
 *       request's Call-ID and CSeq, X-Algoff-Echo-Length and a base64 body
 *       that is exactly the request. Prints one line:
 *       "sent N answered N correct N bad N lost N seconds S rate R".
 *   refl_load garbage SRC DST PORT COUNT MAXSEC
 *       random bytes and truncated SIP, as fast as sendto() goes; prints
 *       "sent N answered N seconds S".
 *
 * SRC is the local IPv4 address to send from (127.0.0.x), DST the
 * reflector's. Every loop is bounded by COUNT and MAXSEC.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define REQ_LEN 600

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
open_udp(const char *src, const char *dst, int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), sz = 4 << 20;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	inet_pton(AF_INET, src, &a.sin_addr);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	a.sin_port = htons((unsigned short)port);
	inet_pton(AF_INET, dst, &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	return fd;
}

static size_t
b64(const unsigned char *s, size_t n, char *out)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		out[o++] = t[v >> 18]; out[o++] = t[v >> 12 & 63];
		out[o++] = t[v >> 6 & 63]; out[o++] = t[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
		out[o++] = t[v >> 18]; out[o++] = t[v >> 12 & 63];
		out[o++] = i + 1 < n ? t[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

/* A REGISTER with sequence number seq, padded to exactly REQ_LEN bytes. */
static size_t
make_req(char *buf, const char *src, int port, unsigned long seq)
{
	char head[REQ_LEN];
	int n = snprintf(head, sizeof(head),
	    "REGISTER sip:%s:%d SIP/2.0\r\n"
	    "Via: SIP/2.0/UDP %s:5060;branch=z9hG4bK-bench-%lu;rport\r\n"
	    "Max-Forwards: 70\r\n"
	    "From: \"algoff\" <sip:algoff@%s:%d>;tag=bench\r\n"
	    "To: <sip:algoff@%s:%d>\r\n"
	    "Call-ID: bench-%lu@%s\r\n"
	    "CSeq: %lu REGISTER\r\n"
	    "Contact: <sip:algoff@%s:5060;transport=udp>\r\n"
	    "Expires: 60\r\n"
	    "X-Algoff-Pad: ",
	    src, port, src, seq, src, port, src, port, seq, src, seq, src);
	size_t pad = REQ_LEN - (size_t)n - strlen("\r\nContent-Length: 0\r\n\r\n");

	memcpy(buf, head, (size_t)n);
	memset(buf + n, '.', pad);
	return (size_t)n + pad + (size_t)sprintf(buf + n + pad,
	    "\r\nContent-Length: 0\r\n\r\n");
}

/* 1 when resp is a correct echo of req (sequence seq). */
static int
check(const char *resp, size_t rlen, const char *req, size_t qlen,
    unsigned long seq)
{
	char want[128], enc[REQ_LEN * 2];
	const char *body;

	if (rlen < 16 || memcmp(resp, "SIP/2.0 200 OK\r\n", 16) != 0)
		return 0;
	snprintf(want, sizeof(want), "\r\nCSeq: %lu REGISTER\r\n", seq);
	if (memmem(resp, rlen, want, strlen(want)) == NULL)
		return 0;
	snprintf(want, sizeof(want), "\r\nX-Algoff-Echo-Length: %zu\r\n", qlen);
	if (memmem(resp, rlen, want, strlen(want)) == NULL)
		return 0;
	body = memmem(resp, rlen, "\r\n\r\n", 4);
	if (body == NULL)
		return 0;
	body += 4;
	b64((const unsigned char *)req, qlen, enc);
	return (size_t)(resp + rlen - body) == strlen(enc) &&
	    memcmp(body, enc, strlen(enc)) == 0;
}

/* Sequence number from "CSeq: N REGISTER" in resp, 0 if none. */
static unsigned long
resp_seq(const char *resp, size_t rlen)
{
	const char *p = memmem(resp, rlen, "\r\nCSeq: ", 8);

	return p != NULL ? strtoul(p + 8, NULL, 10) : 0;
}

static int
run_valid(const char *src, const char *dst, int port, unsigned long count,
    unsigned window, double maxsec)
{
	static char resp[70000];
	char *reqs;
	size_t *lens;
	unsigned char *state;	/* 0 unsent, 1 outstanding, 2 done */
	unsigned long next = 1, answered = 0, correct = 0, bad = 0, lost = 0;
	unsigned long out = 0, i;
	int fd = open_udp(src, dst, port);
	double t0, t;

	if (fd < 0) {
		perror("refl_load: socket");
		return 2;
	}
	reqs = malloc((count + 1) * REQ_LEN);
	lens = calloc(count + 1, sizeof(*lens));
	state = calloc(count + 1, 1);
	if (reqs == NULL || lens == NULL || state == NULL)
		return 2;
	for (i = 1; i <= count; i++)
		lens[i] = make_req(reqs + i * REQ_LEN, src, port, i);
	t0 = now_s();
	/* Sending stops at MAXSEC; what is in flight then gets 1 s more. */
	while ((t = now_s()) - t0 < maxsec + 1.0 &&
	    ((next <= count && t - t0 < maxsec) || out > 0)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;
		unsigned long s;

		while (next <= count && out < window && t - t0 < maxsec) {
			if (send(fd, reqs + next * REQ_LEN, lens[next], 0) < 0)
				break;
			state[next++] = 1;
			out++;
		}
		if (poll(&p, 1, 200) <= 0) {
			/* 200 ms with nothing: what is outstanding is lost */
			for (i = 1; i < next; i++)
				if (state[i] == 1) {
					state[i] = 2;
					lost++;
				}
			out = 0;
			continue;
		}
		while ((n = recv(fd, resp, sizeof(resp), MSG_DONTWAIT)) > 0) {
			s = resp_seq(resp, (size_t)n);
			answered++;
			if (s == 0 || s >= next || state[s] != 1) {
				bad++;
				continue;
			}
			state[s] = 2;
			out--;
			if (check(resp, (size_t)n, reqs + s * REQ_LEN, lens[s], s))
				correct++;
			else
				bad++;
		}
	}
	t = now_s() - t0;
	for (i = 1; i < next; i++)
		lost += state[i] == 1;
	printf("sent %lu answered %lu correct %lu bad %lu lost %lu seconds %.3f "
	    "rate %.0f\n", next - 1, answered, correct, bad, lost, t,
	    (double)correct / t);
	return 0;
}

static int
run_garbage(const char *src, const char *dst, int port, unsigned long count,
    double maxsec)
{
	static const char trunc[] = "INVITE sip:x@127.0.0.1 SIP/2.0\r\n"
	    "Via: SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bK-g\r\nCall-ID: g\r\n";
	char buf[1500], rb[70000];
	unsigned long sent = 0, answered = 0, x = 88172645463325252UL;
	int fd = open_udp(src, dst, port);
	double t0 = now_s();
	size_t n, j;

	if (fd < 0) {
		perror("refl_load: socket");
		return 2;
	}
	while (sent < count && now_s() - t0 < maxsec) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		if (x % 4 == 0) {
			n = sizeof(trunc) - 1 - x % 20;
			memcpy(buf, trunc, n);
		} else {
			n = 1 + x % 1400;
			for (j = 0; j < n; j++)
				buf[j] = (char)(x >> (j % 56));
		}
		if (send(fd, buf, n, 0) >= 0)
			sent++;
		while (recv(fd, rb, sizeof(rb), MSG_DONTWAIT) > 0)
			answered++;
	}
	printf("sent %lu answered %lu seconds %.3f\n", sent, answered,
	    now_s() - t0);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 8 && strcmp(argv[1], "valid") == 0)
		return run_valid(argv[2], argv[3], atoi(argv[4]),
		    strtoul(argv[5], NULL, 10), (unsigned)atoi(argv[6]),
		    atof(argv[7]));
	if (argc == 7 && strcmp(argv[1], "garbage") == 0)
		return run_garbage(argv[2], argv[3], atoi(argv[4]),
		    strtoul(argv[5], NULL, 10), atof(argv[6]));
	fputs("usage: refl_load valid SRC DST PORT COUNT WINDOW MAXSEC\n"
	    "       refl_load garbage SRC DST PORT COUNT MAXSEC\n", stderr);
	return 2;
}
