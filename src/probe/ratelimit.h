/* SPDX-License-Identifier: MIT */
/*
 * ratelimit.h - token buckets for the reflector: one global bucket
 * (struct tbucket) and per-source buckets in a fixed-size, 4-way
 * set-associative table (a seeded hash picks the set; the least recently
 * used entry of the set is evicted), so a lookup costs O(1) whatever the
 * number of sources. Sources are keyed by IPv4 address (v4-mapped IPv6
 * addresses count as IPv4) or by IPv6 /64: one subscriber usually holds a
 * whole /64, so its addresses share one bucket. No I/O.
 * Memory: RATELIMIT_SLOTS x sizeof(struct rl_slot) = 4096 x 40 = 160 KiB.
 */
#ifndef ALGOFF_RATELIMIT_H
#define ALGOFF_RATELIMIT_H

#include <stdint.h>
#include <sys/socket.h>

#define RATELIMIT_WAYS 4
#define RATELIMIT_SETS 1024
#define RATELIMIT_SLOTS (RATELIMIT_WAYS * RATELIMIT_SETS)

struct tbucket {
	double rate;		/* tokens per second */
	double burst;		/* bucket size */
	double tokens;
	double last_ms;
};

struct rl_slot {
	unsigned char key[16];
	int used;
	double tokens;
	double last_ms;
};

struct ratelimit {
	double rate;		/* tokens per second */
	double burst;		/* bucket size */
	uint32_t seed;		/* of the set hash */
	struct rl_slot slot[RATELIMIT_SLOTS];
};

/* tbucket_init - a full bucket of burst tokens refilled at rate/s. */
void tbucket_init(struct tbucket *b, double rate, double burst);
/* tbucket_take - 1 and one token less if one is there at now_ms. */
int tbucket_take(struct tbucket *b, double now_ms);

void ratelimit_init(struct ratelimit *rl, double rate, double burst);
/* ratelimit_allow - 1 if the source of sa may send one more at now_ms. */
int ratelimit_allow(struct ratelimit *rl, const struct sockaddr *sa,
    double now_ms);
/* ratelimit_key - the 16-byte key of sa's source (IPv4 or IPv6 /64). */
void ratelimit_key(const struct sockaddr *sa, unsigned char key[16]);

#endif
