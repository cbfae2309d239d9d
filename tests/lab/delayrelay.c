/* SPDX-License-Identifier: MIT */
/*
 * delayrelay.c - a UDP relay that adds a seeded, repeatable delay and
 * jitter, for lab tests on a kernel without netem. Each datagram from a
 * client is forwarded to --to after DELAY + uniform(0, JITTER) ms (an
 * xorshift generator seeded with --seed); answers go straight back to that
 * client. One upstream socket per client (at most RELAY_CLIENTS, least
 * recently used replaced); at most RELAY_QUEUE datagrams in flight.
 *
 * usage: delayrelay --listen IP:PORT --to IP:PORT [--delay MS]
 *            [--jitter MS] [--seed N] [--max-seconds N]
 * IPv4 only (the lab is IPv4).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RELAY_CLIENTS 32
#define RELAY_QUEUE 4096
#define RELAY_MTU 1500

struct pending {
	double due_ms;
	int fd;			/* upstream socket of the client */
	size_t len;
	unsigned char data[RELAY_MTU];
};

struct client {
	struct sockaddr_in addr;
	int fd;
	double last_ms;
};

struct relay {
	int lfd;
	struct sockaddr_in to;
	double delay, jitter;
	unsigned long long rng;
	struct client cl[RELAY_CLIENTS];
	struct pending *q;
	size_t nq;
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double
rnd01(struct relay *r)
{
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 7;
	r->rng ^= r->rng << 17;
	return (double)(r->rng >> 11) / 9007199254740992.0;
}

static int
parse_addr(const char *s, struct sockaddr_in *a)
{
	char ip[64];
	const char *c = strrchr(s, ':');
	long port;

	if (c == NULL || (size_t)(c - s) >= sizeof(ip))
		return -1;
	memcpy(ip, s, (size_t)(c - s));
	ip[c - s] = '\0';
	port = strtol(c + 1, NULL, 10);
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_port = htons((unsigned short)port);
	return port > 0 && port < 65536 && inet_pton(AF_INET, ip, &a->sin_addr) == 1 ?
	    0 : -1;
}

static struct client *
client_for(struct relay *r, const struct sockaddr_in *from)
{
	struct client *c, *old = &r->cl[0];
	size_t i;

	for (i = 0; i < RELAY_CLIENTS; i++) {
		c = &r->cl[i];
		if (c->fd >= 0 && c->addr.sin_addr.s_addr == from->sin_addr.s_addr &&
		    c->addr.sin_port == from->sin_port)
			return c;
		if (c->fd < 0 || (old->fd >= 0 && c->last_ms < old->last_ms))
			old = c;
	}
	if (old->fd >= 0)
		close(old->fd);
	old->fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (old->fd < 0 || connect(old->fd, (struct sockaddr *)&r->to,
	    sizeof(r->to)) < 0) {
		if (old->fd >= 0)
			close(old->fd);
		old->fd = -1;
		return NULL;
	}
	old->addr = *from;
	return old;
}

static void
from_client(struct relay *r)
{
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct pending *p;
	struct client *c;
	ssize_t n;

	if (r->nq >= RELAY_QUEUE) {
		(void)recv(r->lfd, r->q[0].data, RELAY_MTU, MSG_DONTWAIT);
		return;		/* queue full: drop */
	}
	p = &r->q[r->nq];
	n = recvfrom(r->lfd, p->data, RELAY_MTU, MSG_DONTWAIT,
	    (struct sockaddr *)&from, &fl);
	if (n <= 0 || (c = client_for(r, &from)) == NULL)
		return;
	c->last_ms = now_ms();
	p->len = (size_t)n;
	p->fd = c->fd;
	p->due_ms = c->last_ms + r->delay + r->jitter * rnd01(r);
	r->nq++;
}

static void
from_upstream(struct relay *r, struct client *c)
{
	unsigned char buf[RELAY_MTU];
	ssize_t n = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);

	if (n > 0)
		(void)sendto(r->lfd, buf, (size_t)n, MSG_DONTWAIT,
		    (struct sockaddr *)&c->addr, sizeof(c->addr));
}

/* Send what is due; returns ms until the next due datagram (max 100). */
static int
flush_due(struct relay *r)
{
	double now = now_ms(), next = now + 100;
	size_t i = 0;

	while (i < r->nq) {
		if (r->q[i].due_ms <= now) {
			(void)send(r->q[i].fd, r->q[i].data, r->q[i].len,
			    MSG_DONTWAIT);
			r->q[i] = r->q[--r->nq];
			continue;
		}
		if (r->q[i].due_ms < next)
			next = r->q[i].due_ms;
		i++;
	}
	return (int)(next - now) + 1;
}

static void
loop(struct relay *r, double end)
{
	struct pollfd p[1 + RELAY_CLIENTS];
	struct client *map[1 + RELAY_CLIENTS];
	size_t i, n;
	int wait;

	while (!stop && now_ms() < end) {
		wait = flush_due(r);
		n = 0;
		p[n].fd = r->lfd;
		p[n].events = POLLIN;
		map[n++] = NULL;
		for (i = 0; i < RELAY_CLIENTS; i++)
			if (r->cl[i].fd >= 0) {
				p[n].fd = r->cl[i].fd;
				p[n].events = POLLIN;
				map[n++] = &r->cl[i];
			}
		if (poll(p, n, wait) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			if (map[i] == NULL)
				from_client(r);
			else
				from_upstream(r, map[i]);
		}
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: delayrelay --listen IP:PORT --to IP:PORT "
	    "[--delay MS] [--jitter MS] [--seed N] [--max-seconds N]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static struct relay r;
	struct sockaddr_in la;
	const char *listen_on = NULL, *to = NULL;
	double secs = 60;
	int i;

	memset(&r, 0, sizeof(r));
	r.rng = 1;
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--listen")) listen_on = argv[i + 1];
		else if (!strcmp(argv[i], "--to")) to = argv[i + 1];
		else if (!strcmp(argv[i], "--delay")) r.delay = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--jitter")) r.jitter = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed")) r.rng = strtoull(argv[i + 1], NULL, 10) * 2654435761ULL + 1;
		else if (!strcmp(argv[i], "--max-seconds")) secs = atof(argv[i + 1]);
		else return usage();
	}
	if (i != argc || listen_on == NULL || to == NULL ||
	    parse_addr(listen_on, &la) < 0 || parse_addr(to, &r.to) < 0 ||
	    secs <= 0 || secs > 3600)
		return usage();
	for (i = 0; i < RELAY_CLIENTS; i++)
		r.cl[i].fd = -1;
	r.q = calloc(RELAY_QUEUE, sizeof(*r.q));
	r.lfd = socket(AF_INET, SOCK_DGRAM, 0);
	if (r.q == NULL || r.lfd < 0 ||
	    bind(r.lfd, (struct sockaddr *)&la, sizeof(la)) < 0) {
		fprintf(stderr, "delayrelay: %s: %s\n", listen_on, strerror(errno));
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("delayrelay: %s -> %s delay %.1f ms + jitter U(0,%.1f) ms\n",
	    listen_on, to, r.delay, r.jitter);
	fflush(stdout);
	loop(&r, now_ms() + secs * 1000.0);
	for (i = 0; i < RELAY_CLIENTS; i++)
		if (r.cl[i].fd >= 0)
			close(r.cl[i].fd);
	close(r.lfd);
	free(r.q);
	return 0;
}
