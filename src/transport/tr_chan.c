/* SPDX-License-Identifier: MIT */
/*
 * tr_chan.c - session channels over an authenticated connection: the
 * interactive shell (with a PTY) as a struct stream for the session
 * engine, and one-shot exec commands. Reads and writes poll against
 * CLOCK_MONOTONIC deadlines; end of file or a broken link is
 * ALGOFF_ERR_DROPPED.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "transport/tr_int.h"

#define PTY_TERM "vt100"
#define PTY_COLS 511
#define PTY_ROWS 24

struct tr_chan {
	struct ssh_conn *c;	/* NULL once the connection is gone */
	LIBSSH2_CHANNEL *ch;
	struct tr_chan *next;
};

static void
chan_link(struct ssh_conn *c, struct tr_chan *tc)
{
	tc->c = c;
	tc->next = c->chans;
	c->chans = tc;
}

static void
chan_unlink(struct tr_chan *tc)
{
	struct tr_chan **pp;

	if (tc->c == NULL)
		return;
	for (pp = &tc->c->chans; *pp != NULL; pp = &(*pp)->next)
		if (*pp == tc) {
			*pp = tc->next;
			break;
		}
	tc->c = NULL;
}

/* tr_chans_detach - the connection is going: its channels die with it. */
void
tr_chans_detach(struct ssh_conn *c)
{
	while (c->chans != NULL) {
		struct tr_chan *tc = c->chans;

		c->chans = tc->next;
		tc->c = NULL;
		tc->ch = NULL;	/* libssh2_session_free frees it */
	}
}

static int
rc_is_eagain(int rc)
{
	return rc == LIBSSH2_ERROR_EAGAIN;
}

static enum algoff_err
chan_error(struct ssh_conn *c, const char *what, struct errbuf *eb)
{
	int e = libssh2_session_last_errno(c->session);

	if (e == LIBSSH2_ERROR_SOCKET_SEND || e == LIBSSH2_ERROR_SOCKET_RECV ||
	    e == LIBSSH2_ERROR_SOCKET_DISCONNECT ||
	    e == LIBSSH2_ERROR_BAD_SOCKET)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED, "connection to %s "
		    "lost while %s: %s", c->peer, what, tr_lasterr(c));
	return errbuf_set(eb, ALGOFF_ERR_CONNECT, "%s refused %s: %s",
	    c->peer, what, tr_lasterr(c));
}

/* Open a session channel and run one request on it (shell or exec). */
static enum algoff_err
chan_open(struct ssh_conn *c, int pty, const char *command, int64_t dl,
    LIBSSH2_CHANNEL **out, struct errbuf *eb)
{
	LIBSSH2_CHANNEL *ch = NULL;
	enum algoff_err r;
	int rc;

	*out = NULL;
	while ((ch = libssh2_channel_open_session(c->session)) == NULL) {
		if (libssh2_session_last_errno(c->session) !=
		    LIBSSH2_ERROR_EAGAIN)
			return chan_error(c, "opening a session channel", eb);
		if (tr_wait(c, dl) != ALGOFF_OK)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s did not "
			    "open a session channel in time", c->peer);
	}
	while (pty && rc_is_eagain(rc = libssh2_channel_request_pty_ex(ch,
	    PTY_TERM, sizeof(PTY_TERM) - 1, NULL, 0, PTY_COLS, PTY_ROWS, 0,
	    0)))
		if (tr_wait(c, dl) != ALGOFF_OK)
			goto timeout;
	if (pty && rc != 0) {
		r = chan_error(c, "a terminal (PTY)", eb);
		goto fail;
	}
	for (;;) {
		rc = command != NULL ?
		    libssh2_channel_process_startup(ch, "exec", 4, command,
		    (unsigned)strlen(command)) :
		    libssh2_channel_process_startup(ch, "shell", 5, NULL, 0);
		if (!rc_is_eagain(rc))
			break;
		if (tr_wait(c, dl) != ALGOFF_OK)
			goto timeout;
	}
	if (rc != 0) {
		r = chan_error(c, command != NULL ? "to run the command" :
		    "to start a shell", eb);
		goto fail;
	}
	*out = ch;
	return ALGOFF_OK;
timeout:
	r = errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s did not answer the "
	    "channel request in time", c->peer);
fail:
	libssh2_channel_free(ch);
	return r;
}

/* Bounded polite close; the channel is freed in any case. */
static void
chan_close(struct ssh_conn *c, LIBSSH2_CHANNEL *ch)
{
	int64_t dl = tr_deadline(TR_CLOSE_MS);
	int i;

	while (rc_is_eagain(libssh2_channel_close(ch)) &&
	    tr_wait(c, dl) == ALGOFF_OK)
		;
	for (i = 0; i < 100; i++)
		if (!rc_is_eagain(libssh2_channel_free(ch)))
			break;
}

/* One read attempt, stdout then stderr. */
static ssize_t
chan_read_once(LIBSSH2_CHANNEL *ch, void *buf, size_t n)
{
	ssize_t rc = libssh2_channel_read(ch, buf, n);

	if (rc == 0 || rc == LIBSSH2_ERROR_EAGAIN) {
		ssize_t e = libssh2_channel_read_stderr(ch, buf, n);

		if (e > 0 || (e < 0 && e != LIBSSH2_ERROR_EAGAIN))
			return e;
	}
	return rc;
}

static ssize_t
st_read(void *ctx, void *buf, size_t n, int timeout_ms, struct errbuf *eb)
{
	struct tr_chan *tc = ctx;
	int64_t dl = tr_deadline(timeout_ms);

	if (tc->c == NULL || tc->ch == NULL)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED,
		    "the SSH connection is closed");
	for (;;) {
		ssize_t rc = chan_read_once(tc->ch, buf, n);

		if (rc > 0)
			return rc;
		if (libssh2_channel_eof(tc->ch))
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "%s closed "
			    "the session", tc->c->peer);
		if (rc < 0 && rc != LIBSSH2_ERROR_EAGAIN)
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "connection "
			    "to %s lost: %s", tc->c->peer, tr_lasterr(tc->c));
		if (tr_wait(tc->c, dl) != ALGOFF_OK)
			return 0;	/* timeout: no bytes */
	}
}

static enum algoff_err
st_write(void *ctx, const void *buf, size_t n, int timeout_ms,
    struct errbuf *eb)
{
	struct tr_chan *tc = ctx;
	const char *p = buf;
	int64_t dl = tr_deadline(timeout_ms);
	size_t off = 0;

	if (tc->c == NULL || tc->ch == NULL)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED,
		    "the SSH connection is closed");
	while (off < n) {
		ssize_t rc = libssh2_channel_write(tc->ch, p + off, n - off);

		if (rc > 0) {
			off += (size_t)rc;
			continue;
		}
		if (rc < 0 && rc != LIBSSH2_ERROR_EAGAIN)
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "connection "
			    "to %s lost while sending: %s", tc->c->peer,
			    tr_lasterr(tc->c));
		if (libssh2_channel_eof(tc->ch))
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "%s closed "
			    "the session", tc->c->peer);
		if (tr_wait(tc->c, dl) != ALGOFF_OK)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s did not "
			    "accept %zu bytes within %d ms", tc->c->peer,
			    n - off, timeout_ms);
	}
	return ALGOFF_OK;
}

static void
st_close(void *ctx)
{
	struct tr_chan *tc = ctx;

	if (tc == NULL)
		return;
	if (tc->c != NULL && tc->ch != NULL)
		chan_close(tc->c, tc->ch);
	chan_unlink(tc);
	free(tc);
}

static const struct stream_ops ssh_stream_ops = {
	.read = st_read,
	.write = st_write,
	.close = st_close,
};

/*
 * ssh_open_shell - a PTY and the login shell, as a stream.
 * @retval ALGOFF_OK with *out filled (close it with out->ops->close).
 */
enum algoff_err
ssh_open_shell(struct ssh_conn *c, struct stream *out, struct errbuf *eb)
{
	LIBSSH2_CHANNEL *ch = NULL;
	struct tr_chan *tc;
	enum algoff_err r;

	out->ops = NULL;
	out->ctx = NULL;
	if (c == NULL || c->session == NULL)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED, "not connected");
	r = chan_open(c, 1, NULL, tr_deadline(c->timeout_ms), &ch, eb);
	if (r != ALGOFF_OK)
		return r;
	tc = xcalloc(1, sizeof(*tc));
	tc->ch = ch;
	chan_link(c, tc);
	tr_trace(c, "ssh %s: shell open (PTY %s %dx%d)", c->peer, PTY_TERM,
	    PTY_COLS, PTY_ROWS);
	out->ops = &ssh_stream_ops;
	out->ctx = tc;
	return ALGOFF_OK;
}

/* Read an exec channel to its end into out. */
static enum algoff_err
exec_collect(struct ssh_conn *c, LIBSSH2_CHANNEL *ch, struct buf *out,
    int64_t dl, struct errbuf *eb)
{
	char chunk[4096];

	for (;;) {
		ssize_t rc = chan_read_once(ch, chunk, sizeof(chunk));

		if (rc > 0) {
			if (buf_append(out, chunk, (size_t)rc) != ALGOFF_OK)
				return errbuf_set(eb, ALGOFF_ERR_TOOBIG,
				    "command output from %s exceeds %zu bytes",
				    c->peer, out->max);
			continue;
		}
		if (libssh2_channel_eof(ch))
			return ALGOFF_OK;
		if (rc < 0 && rc != LIBSSH2_ERROR_EAGAIN)
			return errbuf_set(eb, ALGOFF_ERR_DROPPED, "connection "
			    "to %s lost: %s", c->peer, tr_lasterr(c));
		if (tr_wait(c, dl) != ALGOFF_OK)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "the command "
			    "on %s did not finish in time", c->peer);
	}
}

/*
 * ssh_exec - run command, collect its output and exit status.
 * @retval ALGOFF_OK (whatever the exit status), or an error.
 */
enum algoff_err
ssh_exec(struct ssh_conn *c, const char *command, struct buf *out,
    int *exit_status, int timeout_ms, struct errbuf *eb)
{
	LIBSSH2_CHANNEL *ch = NULL;
	int64_t dl;
	enum algoff_err r;

	*exit_status = -1;
	if (c == NULL || c->session == NULL)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED, "not connected");
	dl = tr_deadline(timeout_ms > 0 ? timeout_ms : c->timeout_ms);
	r = chan_open(c, 0, command, dl, &ch, eb);
	if (r != ALGOFF_OK)
		return r;
	r = exec_collect(c, ch, out, dl, eb);
	if (r == ALGOFF_OK) {
		int64_t cdl = tr_deadline(TR_CLOSE_MS);

		while (rc_is_eagain(libssh2_channel_close(ch)) &&
		    tr_wait(c, cdl) == ALGOFF_OK)
			;
		while (rc_is_eagain(libssh2_channel_wait_closed(ch)) &&
		    tr_wait(c, cdl) == ALGOFF_OK)
			;
		*exit_status = libssh2_channel_get_exit_status(ch);
	}
	chan_close(c, ch);
	return r;
}
