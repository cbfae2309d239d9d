/* SPDX-License-Identifier: MIT */
/* stream_fd.c - struct stream over file descriptors, with poll() timeouts. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "session/stream_fd.h"

#define MAX_EINTR 100

struct fdctx {
	int rfd, wfd;
};

/* wait_fd - 1 ready, 0 timeout, -1 error (errno set). */
static int
wait_fd(int fd, short ev, int timeout_ms)
{
	struct pollfd p;
	int64_t deadline = mono_ms_i() + timeout_ms, left;
	int i, n;

	for (i = 0; i < MAX_EINTR; i++) {
		left = deadline - mono_ms_i();
		p.fd = fd;
		p.events = ev;
		p.revents = 0;
		n = poll(&p, 1, left > 0 ? (int)left : 0);
		if (n >= 0)
			return n > 0;
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

static ssize_t
fd_read(void *ctx, void *buf, size_t n, int timeout_ms, struct errbuf *eb)
{
	struct fdctx *c = ctx;
	ssize_t r;
	int w;

	w = wait_fd(c->rfd, POLLIN, timeout_ms);
	if (w == 0)
		return 0;
	if (w < 0)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED, "poll: %s",
		    strerror(errno));
	r = read(c->rfd, buf, n);
	if (r > 0)
		return r;
	if (r == 0)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED,
		    "the peer closed the connection");
	if (errno == EAGAIN || errno == EINTR)
		return 0;
	return errbuf_set(eb, ALGOFF_ERR_DROPPED, "read: %s", strerror(errno));
}

static ssize_t
put(int fd, const char *p, size_t n)
{
	ssize_t r = send(fd, p, n, MSG_NOSIGNAL);

	if (r < 0 && errno == ENOTSOCK)
		r = write(fd, p, n);
	return r;
}

static enum algoff_err
fd_write(void *ctx, const void *buf, size_t n, int timeout_ms,
    struct errbuf *eb)
{
	struct fdctx *c = ctx;
	const char *p = buf;
	int64_t deadline = mono_ms_i() + timeout_ms, left;
	ssize_t r;
	int w;

	while (n > 0) {
		left = deadline - mono_ms_i();
		if (left <= 0)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
			    "write blocked for %d ms", timeout_ms);
		w = wait_fd(c->wfd, POLLOUT, (int)left);
		if (w < 0)
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "poll: %s",
			    strerror(errno));
		if (w == 0)
			continue;
		r = put(c->wfd, p, n);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r < 0)
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "write: %s",
			    strerror(errno));
		p += r;
		n -= (size_t)r;
	}
	return ALGOFF_OK;
}

static void
fd_close(void *ctx)
{
	struct fdctx *c = ctx;

	if (c == NULL)
		return;
	close(c->rfd);
	if (c->wfd != c->rfd)
		close(c->wfd);
	free(c);
}

static const struct stream_ops fd_ops = {
	.read = fd_read,
	.write = fd_write,
	.close = fd_close,
};

void
stream_fd_open(struct stream *st, int rfd, int wfd)
{
	struct fdctx *c = xcalloc(1, sizeof(*c));

	c->rfd = rfd;
	c->wfd = wfd;
	st->ops = &fd_ops;
	st->ctx = c;
}
