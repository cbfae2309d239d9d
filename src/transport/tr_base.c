/* SPDX-License-Identifier: MIT */
/*
 * tr_base.c - the primitives every transport file uses: deadlines, the one
 * wait on the socket after LIBSSH2_ERROR_EAGAIN, tracing and state changes,
 * libssh2's last error and the server's banner. It calls no other file of
 * src/transport/, so the files above it (tr_ssh.c, tr_auth.c, tr_chan.c)
 * never call each other in a circle.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>

#include "transport/tr_int.h"

static const char *const state_names[] = {
	[TS_INIT] = "init", [TS_RESOLVE] = "resolve", [TS_TCP] = "tcp",
	[TS_HANDSHAKE] = "handshake", [TS_HOSTKEY] = "hostkey",
	[TS_AUTH] = "auth", [TS_READY] = "ready", [TS_CLOSING] = "closing",
	[TS_DEAD] = "dead",
};

int64_t
tr_deadline(int ms)
{
	return mono_ms_i() + (ms > 0 ? ms : 0);
}

enum algoff_err
tr_wait(struct ssh_conn *c, int64_t deadline)
{
	struct pollfd pfd;
	int64_t left = deadline - mono_ms_i();
	int dir, slice;

	if (left <= 0)
		return ALGOFF_ERR_TIMEOUT;
	slice = left < TR_POLL_SLICE_MS ? (int)left : TR_POLL_SLICE_MS;
	dir = libssh2_session_block_directions(c->session);
	pfd.fd = c->fd;
	pfd.events = 0;
	pfd.revents = 0;
	if (dir & LIBSSH2_SESSION_BLOCK_INBOUND)
		pfd.events |= POLLIN;
	if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
		pfd.events |= POLLOUT;
	if (pfd.events == 0) {
		/* libssh2 is not blocked on the socket: retry soon. */
		pfd.events = POLLIN;
		if (slice > 10)
			slice = 10;
	}
	if (poll(&pfd, 1, slice) < 0 && errno != EINTR)
		return ALGOFF_ERR_INTERNAL;
	return ALGOFF_OK;
}

void
tr_trace(struct ssh_conn *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (c->trace == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->trace(c->trace_arg, line);
}

void
tr_to(struct ssh_conn *c, enum tr_state s)
{
	tr_trace(c, "ssh %s: %s -> %s", c->peer, state_names[c->state],
	    state_names[s]);
	c->state = s;
}

const char *
tr_lasterr(struct ssh_conn *c)
{
	char *msg = NULL;

	if (c->session == NULL)
		return "no session";
	libssh2_session_last_error(c->session, &msg, NULL, 0);
	return msg != NULL && *msg != '\0' ? msg : "unknown libssh2 error";
}

const char *
ssh_server_banner(struct ssh_conn *c)
{
	const char *b;

	if (c == NULL || c->session == NULL)
		return "";
	b = libssh2_session_banner_get(c->session);
	return b != NULL ? b : "";
}
