/* SPDX-License-Identifier: MIT */
/*
 * tr_int.h - what the files of src/transport/ share: the connection
 * object, deadlines and the one wait primitive. Not for other modules.
 *
 * Who calls whom (no cycle): tr_ssh.c -> tr_auth.c, tr_chan.c, tr_algs.c,
 * knownhosts.c, tr_base.c; tr_auth.c -> knownhosts.c, tr_base.c;
 * tr_chan.c -> tr_base.c; tr_algs.c -> knownhosts.c; tr_ssh.c -> tr_jump.c
 * -> tr_base.c. tr_base.c and
 * knownhosts.c call no other file of the transport.
 */
#ifndef ALGOFF_TR_INT_H
#define ALGOFF_TR_INT_H

#include <stdint.h>

#include <libssh2.h>

#include "core/clock.h"
#include "core/buf.h"
#include "transport/tr_ssh.h"

#define TR_TAP_MAX 65536	/* bytes kept for the KEXINIT diagnosis */
#define TR_POLL_SLICE_MS 250	/* re-ask libssh2 at least this often */
#define TR_CLOSE_MS 2000	/* bound on polite channel/session close */

/* Connection phases, for tracing and timeout messages. */
enum tr_state {
	TS_INIT, TS_RESOLVE, TS_TCP, TS_HANDSHAKE, TS_HOSTKEY, TS_AUTH,
	TS_READY, TS_CLOSING, TS_DEAD
};

struct tr_chan;

struct ssh_conn {
	LIBSSH2_SESSION *session;
	int fd;
	enum tr_state state;
	char *host;
	int port;
	char *user;
	int timeout_ms;
	char peer[128];		/* "host port N (address)" for messages */
	struct buf tap;		/* first received bytes (KEXINIT) */
	int tapping;
	const struct secret *kbd_password; /* during kbd-int only */
	int kbd_prompts;	/* prompts answered */
	void (*trace)(void *, const char *);
	void *trace_arg;
	struct tr_chan *chans;	/* open channels */
	struct tr_jump *jump;	/* the pump this session runs over, or NULL */
};

/* tr_base.c: the shared primitives. */

/* tr_deadline - now + ms (ms <= 0: now). */
int64_t tr_deadline(int ms);

/*
 * tr_wait - after LIBSSH2_ERROR_EAGAIN: poll the socket in the directions
 * libssh2 is blocked on, for at most one slice and never past deadline.
 * @retval ALGOFF_OK (call libssh2 again), ALGOFF_ERR_TIMEOUT (deadline
 * passed), ALGOFF_ERR_INTERNAL (poll failed).
 */
enum algoff_err tr_wait(struct ssh_conn *c, int64_t deadline);

/* tr_trace - one progress line through the caller's callback. */
void tr_trace(struct ssh_conn *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* tr_to - enter a state (traced). */
void tr_to(struct ssh_conn *c, enum tr_state s);

/* tr_lasterr - libssh2's last error message for the session. */
const char *tr_lasterr(struct ssh_conn *c);

/* tr_authenticate - try the methods the server allows (tr_auth.c). */
enum algoff_err tr_authenticate(struct ssh_conn *c, const struct ssh_auth *a,
    struct errbuf *eb);

/* tr_chans_detach - cut every open channel off the connection. */
void tr_chans_detach(struct ssh_conn *c);

/*
 * tr_jump_start (tr_jump.c) - open a direct-tcpip channel on the
 * authenticated jump session hop to host:port and start the pump; *fd is
 * the socket the next session runs over (the caller owns it). From then
 * on hop belongs to the pump until tr_jump_stop.
 */
enum algoff_err tr_jump_start(struct ssh_conn *hop, const char *host,
    int port, int *fd, struct tr_jump **out, struct errbuf *eb);

/* tr_jump_stop - stop and join the pump; returns hop for disconnect. */
struct ssh_conn *tr_jump_stop(struct tr_jump *j);

#endif
