/* SPDX-License-Identifier: MIT */
/*
 * ratelimit.h - per-source-address token buckets with a fixed-size table
 * (least recently used entry evicted), for the reflector. No I/O.
 */
#ifndef ALGOFF_RATELIMIT_H
#define ALGOFF_RATELIMIT_H

#include <sys/socket.h>

#define RATELIMIT_SLOTS 256

struct rl_slot {
	unsigned char key[16];
	int used;
	double tokens;
	double last_ms;
};

struct ratelimit {
	double rate;		/* tokens per second */
	double burst;		/* bucket size */
	struct rl_slot slot[RATELIMIT_SLOTS];
};

void ratelimit_init(struct ratelimit *rl, double rate, double burst);
/* ratelimit_allow - 1 if the source IP of sa may send one more at now_ms. */
int ratelimit_allow(struct ratelimit *rl, const struct sockaddr *sa,
    double now_ms);

#endif
