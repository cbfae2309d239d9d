/* SPDX-License-Identifier: MIT */
/*
 * reflector.h - the far end of the SIP ALG probe. One poll loop serves SIP
 * over UDP and TCP on one port (each request answered with a 200 OK whose
 * base64 body is the exact bytes received, plus the source address seen)
 * and a UDP echo service for the network checks. Single-threaded; every
 * input is bounded; no answer is larger than 3 times its request; per-
 * source (IPv4 address, IPv6 /64) and global rate limits; idle TCP
 * clients are dropped.
 */
#ifndef ALGOFF_REFLECTOR_H
#define ALGOFF_REFLECTOR_H

#include "core/err.h"
#include "probe/netaddr.h"

struct reflector_opts {
	struct netaddr listen;
	unsigned echo_port;	/* 0: no echo service */
	long max_seconds;	/* 0: run until SIGINT/SIGTERM */
	long max_requests;	/* 0: unlimited */
	unsigned rate;		/* SIP messages per second per source IP */
	unsigned echo_rate;	/* echo packets per second per source IP */
	unsigned global_rate;	/* answers per second, all sources (SIP and
				 * echo); 0: 100 x rate */
	unsigned max_clients;	/* concurrent TCP clients */
	unsigned idle_seconds;	/* TCP idle timeout */
	int verbose;
};

void reflector_defaults(struct reflector_opts *o);
/* reflector_global_rate - the global budget o gives (answers/s). */
unsigned reflector_global_rate(const struct reflector_opts *o);
enum algoff_err reflector_run(const struct reflector_opts *o,
    struct errbuf *eb);

#endif
