/* SPDX-License-Identifier: MIT */
/* ratelimit.c - global and per-source token buckets (see ratelimit.h). */
#include "config.h"

#include <netinet/in.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probe/ratelimit.h"

/* refill - add what accrued since *last_ms, capped at burst. */
static void
refill(double *tokens, double *last_ms, double rate, double burst,
    double now_ms)
{
	double dt = now_ms - *last_ms;

	if (dt > 0)
		*tokens += dt * rate / 1000.0;
	if (*tokens > burst)
		*tokens = burst;
	*last_ms = now_ms;
}

void
tbucket_init(struct tbucket *b, double rate, double burst)
{
	b->rate = rate;
	b->burst = burst < 1 ? 1 : burst;
	b->tokens = b->burst;
	b->last_ms = -1;
}

int
tbucket_take(struct tbucket *b, double now_ms)
{
	if (b->last_ms < 0)
		b->last_ms = now_ms;
	refill(&b->tokens, &b->last_ms, b->rate, b->burst, now_ms);
	if (b->tokens < 1.0)
		return 0;
	b->tokens -= 1.0;
	return 1;
}

void
ratelimit_init(struct ratelimit *rl, double rate, double burst)
{
	struct timespec ts;

	memset(rl, 0, sizeof(*rl));
	rl->rate = rate;
	rl->burst = burst < 1 ? 1 : burst;
	/* The seed keeps a remote sender from aiming at one set; it needs
	 * to be unpredictable from outside, not secret-grade. */
	clock_gettime(CLOCK_REALTIME, &ts);
	rl->seed = (uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec ^
	    ((uint32_t)getpid() << 16);
}

void
ratelimit_key(const struct sockaddr *sa, unsigned char key[16])
{
	const unsigned char *a6;

	memset(key, 0, 16);
	if (sa->sa_family == AF_INET6) {
		a6 = ((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr.s6_addr;
		/* v4-mapped (::ffff:a.b.c.d) is an IPv4 source: all of it */
		if (memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
			memcpy(key, a6, 16);
		else
			memcpy(key, a6, 8);	/* the /64 */
	} else {
		/* Same key as the v4-mapped form a dual-stack socket sees. */
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
	}
}

static uint32_t
rl_hash(uint32_t seed, const unsigned char key[16])
{
	uint32_t h = 2166136261u ^ seed;	/* FNV-1a */
	size_t i;

	for (i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	return h ^ (h >> 15);
}

static struct rl_slot *
ratelimit_slot(struct ratelimit *rl, const unsigned char key[16],
    double now_ms)
{
	struct rl_slot *set, *s, *oldest;
	size_t i;

	set = &rl->slot[(rl_hash(rl->seed, key) % RATELIMIT_SETS) *
	    RATELIMIT_WAYS];
	oldest = &set[0];
	for (i = 0; i < RATELIMIT_WAYS; i++) {
		s = &set[i];
		if (s->used && memcmp(s->key, key, 16) == 0)
			return s;
		if (!s->used || (oldest->used && s->last_ms < oldest->last_ms))
			oldest = s;
	}
	memcpy(oldest->key, key, 16);
	oldest->used = 1;
	oldest->tokens = rl->burst;
	oldest->last_ms = now_ms;
	return oldest;
}

int
ratelimit_allow(struct ratelimit *rl, const struct sockaddr *sa,
    double now_ms)
{
	unsigned char key[16];
	struct rl_slot *s;

	ratelimit_key(sa, key);
	s = ratelimit_slot(rl, key, now_ms);
	refill(&s->tokens, &s->last_ms, rl->rate, rl->burst, now_ms);
	if (s->tokens < 1.0)
		return 0;
	s->tokens -= 1.0;
	return 1;
}
