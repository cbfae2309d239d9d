/* SPDX-License-Identifier: MIT */
/*
 * tr_jump.c - one ProxyJump hop: a direct-tcpip channel on an
 * authenticated jump session, carried to the next SSH session through a
 * socketpair (libssh2 needs a socket to run a session over).
 *
 * Design: after the channel is open, a helper thread owns the jump
 * session (ssh_conn) alone and pumps bytes both ways between the channel
 * and its end of the socketpair; the next session runs over the other
 * end as over a TCP socket, with its own deadlines. The helper never
 * blocks: it moves what it can, then polls both descriptors for at most
 * TR_JUMP_SLICE_MS and checks its stop flag, so tr_jump_stop() returns
 * within one slice. Each direction holds at most one buffer. It ends on
 * the stop flag, on EOF from either side, or on an error; it then shuts
 * the socketpair down, so the session above sees a dropped connection.
 * Hops chain: the next jump session runs over this socketpair and may
 * itself carry a channel to the hop after it (tr_ssh.c builds the chain,
 * and ssh_disconnect() takes it down from the device back to the first
 * hop).
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "transport/tr_int.h"

#define TR_JUMP_SLICE_MS 100
#define TR_JUMP_BUF 16384

struct tr_jump {
	struct ssh_conn *hop;	/* owned by the thread while it runs */
	LIBSSH2_CHANNEL *ch;
	int fd;			/* the pump's end of the socketpair */
	pthread_t th;
	atomic_int stop;
};

struct pipe_dir {
	char b[TR_JUMP_BUF];
	size_t n, off;
};

/* channel -> socket; 1 moved, 0 nothing, -1 end */
static int
pump_down(struct tr_jump *j, struct pipe_dir *d)
{
	ssize_t n;
	int moved = 0;

	if (d->off == d->n) {
		d->n = d->off = 0;
		n = libssh2_channel_read(j->ch, d->b, sizeof(d->b));
		if (n > 0) {
			d->n = (size_t)n;
			moved = 1;
		} else if (n == 0 && libssh2_channel_eof(j->ch))
			return -1;
		else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
			return -1;
	}
	if (d->off < d->n) {
		n = send(j->fd, d->b + d->off, d->n - d->off,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			d->off += (size_t)n;
			moved = 1;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
	return moved;
}

/* socket -> channel */
static int
pump_up(struct tr_jump *j, struct pipe_dir *u)
{
	ssize_t n;
	int moved = 0;

	if (u->off == u->n) {
		u->n = u->off = 0;
		n = recv(j->fd, u->b, sizeof(u->b), MSG_DONTWAIT);
		if (n == 0)
			return -1;	/* the session above closed */
		if (n > 0) {
			u->n = (size_t)n;
			moved = 1;
		} else if (errno != EAGAIN && errno != EINTR)
			return -1;
	}
	if (u->off < u->n) {
		n = libssh2_channel_write(j->ch, u->b + u->off, u->n - u->off);
		if (n > 0) {
			u->off += (size_t)n;
			moved = 1;
		} else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
			return -1;
	}
	return moved;
}

static void *
pump(void *arg)
{
	struct tr_jump *j = arg;
	struct pipe_dir *up = xcalloc(1, sizeof(*up));
	struct pipe_dir *down = xcalloc(1, sizeof(*down));

	while (!atomic_load(&j->stop)) {
		struct pollfd p[2];
		int a = pump_down(j, down), b = a < 0 ? -1 : pump_up(j, up);
		int dir;

		if (a < 0 || b < 0)
			break;
		if (a > 0 || b > 0)
			continue;
		dir = libssh2_session_block_directions(j->hop->session);
		p[0].fd = j->hop->fd;
		p[0].events = POLLIN | ((dir & LIBSSH2_SESSION_BLOCK_OUTBOUND) ?
		    POLLOUT : 0);
		p[1].fd = j->fd;
		p[1].events = (up->off == up->n ? POLLIN : 0) |
		    (down->off < down->n ? POLLOUT : 0);
		p[0].revents = p[1].revents = 0;
		if (poll(p, 2, TR_JUMP_SLICE_MS) < 0 && errno != EINTR)
			break;
	}
	shutdown(j->fd, SHUT_RDWR);
	free(up);
	free(down);
	return NULL;
}

/* Open the direct-tcpip channel on hop to host:port (bounded). */
static enum algoff_err
open_channel(struct ssh_conn *hop, const char *host, int port,
    LIBSSH2_CHANNEL **out, struct errbuf *eb)
{
	int64_t deadline = tr_deadline(hop->timeout_ms);

	for (;;) {
		*out = libssh2_channel_direct_tcpip_ex(hop->session, host, port,
		    "127.0.0.1", 22);
		if (*out != NULL)
			break;
		if (libssh2_session_last_errno(hop->session) !=
		    LIBSSH2_ERROR_EAGAIN)
			return errbuf_set(eb, ALGOFF_ERR_CONNECT, "jump host "
			    "%s did not forward a connection to %s port %d: "
			    "%s", hop->peer, host, port, tr_lasterr(hop));
		if (tr_wait(hop, deadline) != ALGOFF_OK)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "jump host "
			    "%s: forwarding to %s port %d timed out after %d "
			    "ms", hop->peer, host, port, hop->timeout_ms);
	}
	tr_trace(hop, "ssh %s: direct-tcpip channel to %s port %d open",
	    hop->peer, host, port);
	return ALGOFF_OK;
}

enum algoff_err
tr_jump_start(struct ssh_conn *hop, const char *host, int port, int *fd,
    struct tr_jump **out, struct errbuf *eb)
{
	struct tr_jump *j;
	LIBSSH2_CHANNEL *ch = NULL;
	sigset_t all, old;
	int sv[2], rc;
	enum algoff_err r;

	*out = NULL;
	*fd = -1;
	if ((r = open_channel(hop, host, port, &ch, eb)) != ALGOFF_OK)
		return r;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) != 0)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "socketpair: %s",
		    strerror(errno));
	j = xcalloc(1, sizeof(*j));
	j->hop = hop;
	j->ch = ch;
	j->fd = sv[0];
	atomic_init(&j->stop, 0);
	/* the pump takes no signal: they stay with the main thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->th, NULL, pump, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		close(sv[0]);
		close(sv[1]);
		free(j);
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "pthread_create: %s", strerror(rc));
	}
	*fd = sv[1];
	*out = j;
	return ALGOFF_OK;
}

struct ssh_conn *
tr_jump_stop(struct tr_jump *j)
{
	struct ssh_conn *hop;

	if (j == NULL)
		return NULL;
	atomic_store(&j->stop, 1);
	pthread_join(j->th, NULL);
	close(j->fd);
	hop = j->hop;	/* the channel goes with the session */
	free(j);
	return hop;
}
