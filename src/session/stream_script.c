/* SPDX-License-Identifier: MIT */
/* stream_script.c - a scripted struct stream for the unit tests. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"
#include "session/stream_script.h"

struct script {
	const struct script_step *steps;
	size_t n, cur, pos, chunk;
	int waited;           /* ms already spent in the current delay */
	char err[512];
};

static void
sleep_ms(int ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

static void
advance(struct script *sc)
{
	sc->cur++;
	sc->pos = 0;
	sc->waited = 0;
}

static ssize_t
sc_read(void *ctx, void *buf, size_t n, int timeout_ms, struct errbuf *eb)
{
	struct script *sc = ctx;
	const struct script_step *st;
	size_t left;
	int d;

	/* A delay that ends within timeout_ms goes on to the next step. */
	while (sc->cur < sc->n) {
		st = &sc->steps[sc->cur];
		switch (st->kind) {
		case SC_RECV:
			left = strlen(st->data) - sc->pos;
			if (sc->chunk != 0 && left > sc->chunk)
				left = sc->chunk;
			if (left > n)
				left = n;
			memcpy(buf, st->data + sc->pos, left);
			sc->pos += left;
			if (st->data[sc->pos] == '\0')
				advance(sc);
			return (ssize_t)left;
		case SC_DELAY:
			d = st->ms - sc->waited;
			if (d > timeout_ms)
				d = timeout_ms;
			sleep_ms(d);
			sc->waited += d;
			timeout_ms -= d;
			if (sc->waited < st->ms)
				return 0;
			advance(sc);
			break;
		case SC_CLOSE:
			return errbuf_set(eb, ALGOFF_ERR_DROPPED,
			    "script: closed");
		case SC_SEND:
		default:
			sleep_ms(timeout_ms);
			return 0;
		}
	}
	sleep_ms(timeout_ms);
	return 0;
}

static enum algoff_err
sc_write(void *ctx, const void *buf, size_t n, int timeout_ms,
    struct errbuf *eb)
{
	struct script *sc = ctx;
	const char *p = buf;
	const struct script_step *st;
	size_t i;

	(void)timeout_ms;
	for (i = 0; i < n; i++) {
		if (sc->cur >= sc->n || sc->steps[sc->cur].kind != SC_SEND) {
			if (sc->err[0] == '\0')
				snprintf(sc->err, sizeof(sc->err), "unexpected "
				    "write at step %zu: \"%.*s\"", sc->cur,
				    (int)(n - i), p + i);
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "%s",
			    sc->err);
		}
		st = &sc->steps[sc->cur];
		if (st->data[sc->pos] != p[i]) {
			if (sc->err[0] == '\0')
				snprintf(sc->err, sizeof(sc->err), "step %zu: "
				    "expected \"%s\" (at %zu), got \"%.*s\"",
				    sc->cur, st->data, sc->pos, (int)n, p);
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "%s",
			    sc->err);
		}
		if (st->data[++sc->pos] == '\0')
			advance(sc);
	}
	return ALGOFF_OK;
}

static void
sc_close(void *ctx)
{
	free(ctx);
}

static const struct stream_ops script_ops = {
	.read = sc_read,
	.write = sc_write,
	.close = sc_close,
};

struct script *
stream_script_open(struct stream *st, const struct script_step *steps,
    size_t n, size_t chunk)
{
	struct script *sc = xcalloc(1, sizeof(*sc));

	sc->steps = steps;
	sc->n = n;
	sc->chunk = chunk;
	st->ops = &script_ops;
	st->ctx = sc;
	return sc;
}

const char *
stream_script_error(const struct script *sc)
{
	return sc->err;
}

int
stream_script_done(const struct script *sc)
{
	return sc->cur >= sc->n;
}
