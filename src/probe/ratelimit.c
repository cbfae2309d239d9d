/* SPDX-License-Identifier: MIT */
/* ratelimit.c - per-source token buckets (see ratelimit.h). */
#include "config.h"

#include <netinet/in.h>
#include <string.h>

#include "probe/ratelimit.h"

void
ratelimit_init(struct ratelimit *rl, double rate, double burst)
{
	memset(rl, 0, sizeof(*rl));
	rl->rate = rate;
	rl->burst = burst < 1 ? 1 : burst;
}

static void
ratelimit_key(const struct sockaddr *sa, unsigned char key[16])
{
	memset(key, 0, 16);
	if (sa->sa_family == AF_INET6)
		memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr, 16);
	else {
		/* Same key as the v4-mapped form a dual-stack socket sees. */
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
	}
}

static struct rl_slot *
ratelimit_slot(struct ratelimit *rl, const unsigned char key[16],
    double now_ms)
{
	struct rl_slot *s, *oldest = &rl->slot[0];
	size_t i;

	for (i = 0; i < RATELIMIT_SLOTS; i++) {
		s = &rl->slot[i];
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
	double dt;

	ratelimit_key(sa, key);
	s = ratelimit_slot(rl, key, now_ms);
	dt = now_ms - s->last_ms;
	if (dt > 0)
		s->tokens += dt * rl->rate / 1000.0;
	if (s->tokens > rl->burst)
		s->tokens = rl->burst;
	s->last_ms = now_ms;
	if (s->tokens < 1.0)
		return 0;
	s->tokens -= 1.0;
	return 1;
}
