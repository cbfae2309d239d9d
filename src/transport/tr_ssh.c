/* SPDX-License-Identifier: MIT */
/*
 * tr_ssh.c - the SSH connection: TCP connect with a deadline, the libssh2
 * handshake (with the diagnosis of a failed negotiation), the host key
 * check, and teardown. Authentication is in tr_auth.c, channels and the
 * stream in tr_chan.c, the primitives all three use (wait, deadline,
 * trace, last error, banner) in tr_base.c.
 *
 * libssh2 runs non-blocking. Every LIBSSH2_ERROR_EAGAIN goes through
 * tr_wait(), which polls the socket for one slice and never past the
 * phase's CLOCK_MONOTONIC deadline. libssh2 gets our own allocator (it
 * wipes every block it frees, so password packets do not linger) and our
 * own send/recv (MSG_NOSIGNAL; and a copy of the first bytes received,
 * from which a failed negotiation is explained).
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "transport/knownhosts.h"
#include "transport/tr_algs.h"
#include "transport/tr_int.h"

static pthread_once_t tr_once = PTHREAD_ONCE_INIT;
static int tr_init_rc = -1;

static void
tr_init_once(void)
{
	tr_init_rc = libssh2_init(0);
}

/* Allocator for libssh2: wipe what is freed (passwords pass through). */
static LIBSSH2_ALLOC_FUNC(tr_alloc)
{
	(void)abstract;
	return malloc(count > 0 ? count : 1);
}

static LIBSSH2_FREE_FUNC(tr_free)
{
	(void)abstract;
	if (ptr != NULL)
		freezero(ptr, malloc_usable_size(ptr));
}

static LIBSSH2_REALLOC_FUNC(tr_realloc)
{
	size_t old;
	void *n;

	(void)abstract;
	if (ptr == NULL)
		return malloc(count > 0 ? count : 1);
	n = malloc(count > 0 ? count : 1);
	if (n == NULL)
		return NULL;
	old = malloc_usable_size(ptr);
	memcpy(n, ptr, old < count ? old : count);
	freezero(ptr, old);
	return n;
}

static LIBSSH2_SEND_FUNC(tr_send)
{
	ssize_t n;
	int tries = 0;

	(void)abstract;
	do
		n = send(socket, buffer, length, flags | MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR && ++tries < 100);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return n;
}

static LIBSSH2_RECV_FUNC(tr_recv)
{
	struct ssh_conn *c = *abstract;
	ssize_t n;
	int tries = 0;

	do
		n = recv(socket, buffer, length, flags);
	while (n < 0 && errno == EINTR && ++tries < 100);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (n > 0 && c->tapping) {
		size_t room = c->tap.max - c->tap.len;

		buf_append(&c->tap, buffer, (size_t)n < room ? (size_t)n : room);
		if (c->tap.len >= c->tap.max)
			c->tapping = 0;
	}
	return n;
}

/* Try one address; *timedout is set when the deadline ran out. */
static int
tcp_try(const struct addrinfo *ai, int64_t deadline, int *timedout,
    int *err)
{
	struct pollfd pfd;
	socklen_t sl = sizeof(*err);
	int fd, one = 1;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    ai->ai_protocol);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		if (errno != EINPROGRESS) {
			*err = errno;
			goto fail;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		for (;;) {
			int64_t left = deadline - mono_ms_i();
			int rc;

			if (left <= 0) {
				*timedout = 1;
				goto fail;
			}
			rc = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
			if (rc > 0)
				break;
			if (rc < 0 && errno != EINTR) {
				*err = errno;
				goto fail;
			}
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &sl) != 0)
			*err = errno;
		if (*err != 0)
			goto fail;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
fail:
	close(fd);
	return -1;
}

/* tcp_connect - resolve and connect, trying each address in turn. */
static enum algoff_err
tcp_connect(struct ssh_conn *c, int timeout_ms, struct errbuf *eb)
{
	struct addrinfo hints, *res = NULL, *ai;
	char port[16], addr[NI_MAXHOST];
	int64_t deadline = tr_deadline(timeout_ms);
	int rc, err = 0, timedout = 0;

	tr_to(c, TS_RESOLVE);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%d", c->port);
	rc = getaddrinfo(c->host, port, &hints, &res);
	if (rc != 0)
		return errbuf_set(eb, ALGOFF_ERR_CONNECT,
		    "cannot resolve host %s: %s", c->host, gai_strerror(rc));
	tr_to(c, TS_TCP);
	for (ai = res; ai != NULL && !timedout; ai = ai->ai_next) {
		int fd = tcp_try(ai, deadline, &timedout, &err);

		if (fd < 0)
			continue;
		c->fd = fd;
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, addr,
		    sizeof(addr), NULL, 0, NI_NUMERICHOST) == 0 &&
		    strcmp(addr, c->host) != 0) {
			size_t l = strlen(c->peer);

			snprintf(c->peer + l, sizeof(c->peer) - l, " (%s)",
			    addr);
		}
		freeaddrinfo(res);
		tr_trace(c, "ssh %s: TCP connected", c->peer);
		return ALGOFF_OK;
	}
	freeaddrinfo(res);
	if (timedout)
		return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
		    "connecting to %s timed out after %d ms", c->peer,
		    timeout_ms);
	return errbuf_set(eb, ALGOFF_ERR_CONNECT, "cannot connect to %s: %s",
	    c->peer, strerror(err != 0 ? err : ECONNREFUSED));
}

/* Cache of libssh2_session_supported_algs() for tr_offer_build(). */
struct supported {
	LIBSSH2_SESSION *s;
	const char **algs[TR_NMETHODS];
	int n[TR_NMETHODS];
};

static int
supported_cb(void *arg, int method, const char *name)
{
	struct supported *sp = arg;
	int i;

	if (sp->algs[method] == NULL) {
		sp->n[method] = libssh2_session_supported_algs(sp->s, method,
		    &sp->algs[method]);
		if (sp->n[method] <= 0) {
			sp->algs[method] = NULL;
			return 0;
		}
	}
	for (i = 0; i < sp->n[method]; i++)
		if (strcmp(sp->algs[method][i], name) == 0)
			return 1;
	return 0;
}

static void
supported_free(struct supported *sp)
{
	int m;

	for (m = 0; m < TR_NMETHODS; m++)
		if (sp->algs[m] != NULL)
			libssh2_free(sp->s, sp->algs[m]);
}

/* Explain a failed handshake from the captured server bytes. */
static enum algoff_err
handshake_failed(struct ssh_conn *c, const struct tr_lists *offer,
    int legacy, int rc, struct errbuf *eb)
{
	struct tr_lists srv;
	struct buf msg;
	enum algoff_err r;
	int parsed, bad;

	buf_init(&msg, 4096);
	parsed = tr_kexinit_parse((const unsigned char *)c->tap.data,
	    c->tap.len, &srv) == ALGOFF_OK;
	if (c->tap.len < 4 || memmem(c->tap.data, c->tap.len, "SSH-", 4)
	    == NULL) {
		r = errbuf_set(eb, ALGOFF_ERR_CONNECT, "SSH handshake with %s "
		    "failed: the peer sent no SSH identification (is it an "
		    "SSH server?): %s", c->peer, tr_lasterr(c));
		goto out;
	}
	bad = tr_negotiation_explain(offer, parsed ? &srv : NULL, legacy,
	    &msg);
	if (bad > 0)
		r = errbuf_set(eb, ALGOFF_ERR_CONNECT, "SSH negotiation with "
		    "%s failed.%s", c->peer, msg.data);
	else if (!parsed)
		r = errbuf_set(eb, ALGOFF_ERR_CONNECT, "SSH handshake with %s "
		    "failed (%s, libssh2 error %d).%s", c->peer,
		    tr_lasterr(c), rc, msg.data != NULL ? msg.data : "");
	else
		r = errbuf_set(eb, ALGOFF_ERR_CONNECT, "SSH handshake with %s "
		    "failed: %s (libssh2 error %d)", c->peer, tr_lasterr(c),
		    rc);
out:
	if (parsed)
		tr_lists_free(&srv);
	buf_free(&msg);
	return r;
}

static enum algoff_err
handshake(struct ssh_conn *c, const struct tr_lists *offer, int legacy,
    struct errbuf *eb)
{
	int64_t deadline = tr_deadline(c->timeout_ms);
	char neg[512];
	int rc;

	tr_to(c, TS_HANDSHAKE);
	c->tapping = 1;
	for (;;) {
		rc = libssh2_session_handshake(c->session, c->fd);
		if (rc != LIBSSH2_ERROR_EAGAIN)
			break;
		if (tr_wait(c, deadline) != ALGOFF_OK) {
			c->tapping = 0;
			if (c->tap.len == 0)
				return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
				    "%s accepted the TCP connection but sent "
				    "nothing for %d ms (no SSH banner)",
				    c->peer, c->timeout_ms);
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
			    "SSH handshake with %s timed out after %d ms",
			    c->peer, c->timeout_ms);
		}
	}
	c->tapping = 0;
	if (rc != 0)
		return handshake_failed(c, offer, legacy, rc, eb);
	tr_trace(c, "ssh %s: server %s", c->peer, ssh_server_banner(c));
	ssh_describe(c, neg, sizeof(neg));
	tr_trace(c, "ssh %s: negotiated %s", c->peer, neg);
	return ALGOFF_OK;
}

static enum algoff_err
hostkey_changed(struct ssh_conn *c, const char *path, const char *entry,
    const char *type, const char *fp, int line, struct errbuf *eb)
{
	return errbuf_set(eb, ALGOFF_ERR_HOSTKEY,
	    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
	    "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
	    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
	    "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
	    "The %s host key of %s (%s) does not match the key recorded "
	    "for %s in %s, line %d.\n"
	    "The server presented: %s\n"
	    "Someone could be intercepting the connection "
	    "(man-in-the-middle), or the device's host key was replaced.\n"
	    "Nothing was sent. algoff never accepts a changed host key; if "
	    "the change is expected, remove the old entry with\n"
	    "  ssh-keygen -R '%s' -f '%s'\n"
	    "and connect again to check the new key.",
	    kh_type_label(type), c->host, c->peer, entry, path, line, fp,
	    entry, path);
}

static enum algoff_err
hostkey_record(struct ssh_conn *c, const char *path, const char *entry,
    const unsigned char *blob, size_t len, const char *type,
    struct errbuf *eb)
{
	struct buf line;
	enum algoff_err r;

	buf_init(&line, 32768);
	r = kh_format_line(entry, blob, len, &line, eb);
	if (r == ALGOFF_OK)
		r = kh_append(path, line.data, eb);
	if (r == ALGOFF_OK)
		tr_trace(c, "ssh %s: added %s (%s) to %s", c->peer, entry,
		    kh_type_label(type), path);
	buf_free(&line);
	return r;
}

static void
types_list(int bits, char *dst, size_t n)
{
	int b;

	dst[0] = '\0';
	for (b = 1; b <= KH_T_OTHER; b <<= 1) {
		const char *alg = (bits & b) ? kh_bit_alg(b) : NULL;

		if ((bits & b) == 0)
			continue;
		if (dst[0] != '\0')
			strncat(dst, ", ", n - strlen(dst) - 1);
		strncat(dst, alg != NULL ? alg : "other", n - strlen(dst) - 1);
	}
}

static enum algoff_err
check_hostkey(struct ssh_conn *c, const struct ssh_opts *o,
    const char *path, const char *entry, struct errbuf *eb)
{
	const unsigned char *blob, *hash;
	char type[KH_TYPE_SIZE], fp[KH_FP_SIZE], known[160];
	struct ssh_hostkey_info ki;
	struct kh_result res;
	size_t len = 0;
	int ktype = 0;
	enum algoff_err r;

	tr_to(c, TS_HOSTKEY);
	blob = (const unsigned char *)libssh2_session_hostkey(c->session,
	    &len, &ktype);
	hash = (const unsigned char *)libssh2_hostkey_hash(c->session,
	    LIBSSH2_HOSTKEY_HASH_SHA256);
	if (blob == NULL || hash == NULL || kh_blob_type(blob, len, type))
		return errbuf_set(eb, ALGOFF_ERR_HOSTKEY,
		    "%s sent no usable host key", c->peer);
	kh_fingerprint(hash, fp);
	r = kh_check(c->session, path, entry, blob, len, &res, eb);
	if (r != ALGOFF_OK)
		return r;
	ki.host = c->host;
	ki.port = c->port;
	ki.host_entry = entry;
	ki.key_type = type;
	ki.fingerprint = fp;
	ki.known_hosts = path;
	ki.changed = res.status == KH_CHANGED || res.status == KH_OTHER_TYPE;
	if (ki.changed && o->confirm_hostkey != NULL)
		(void)o->confirm_hostkey(o->arg, &ki);	/* refused anyway */
	switch (res.status) {
	case KH_MATCH:
		tr_trace(c, "ssh %s: %s host key %s matches %s line %d",
		    c->peer, kh_type_label(type), fp, path, res.line);
		return ALGOFF_OK;
	case KH_REVOKED:
		return errbuf_set(eb, ALGOFF_ERR_HOSTKEY, "the %s host key "
		    "of %s (%s) is marked @revoked in %s, line %d; nothing "
		    "was sent", kh_type_label(type), c->peer, fp, path,
		    res.line);
	case KH_CHANGED:
		return hostkey_changed(c, path, entry, type, fp, res.line, eb);
	case KH_OTHER_TYPE:
		types_list(res.known_types, known, sizeof(known));
		return errbuf_set(eb, ALGOFF_ERR_HOSTKEY, "WARNING: %s "
		    "presented an %s host key (%s), but %s records only other "
		    "key types for %s (%s). The device's keys may have "
		    "changed; nothing was sent. If this is expected, remove "
		    "the old entries with ssh-keygen -R '%s' -f '%s' and "
		    "connect again.%s", c->peer, kh_type_label(type), fp, path,
		    entry, known, entry, path, (res.known_types & KH_T_RSA) ?
		    " (An ssh-rsa key can be used with --legacy-crypto.)" :
		    "");
	case KH_NEW:
		break;
	}
	if (o->policy == SSH_HOSTKEY_ACCEPT_NEW ||
	    (o->confirm_hostkey != NULL && o->confirm_hostkey(o->arg, &ki)))
		return hostkey_record(c, path, entry, blob, len, type, eb);
	return errbuf_set(eb, ALGOFF_ERR_HOSTKEY,
	    "the host key of %s is not known: %s has no entry for %s.\n"
	    "  %s key fingerprint is %s\n"
	    "Nothing was sent. Check the fingerprint with the device's "
	    "administrator (on the device or with ssh-keygen -lf on its "
	    "key), then re-run with --accept-new-host-key to add it.",
	    c->peer, res.exists ? path : "the known_hosts file (missing)",
	    entry, kh_type_label(type), fp);
}

/* The known_hosts path: the option, or $HOME/.ssh/known_hosts. */
static enum algoff_err
known_hosts_path(const struct ssh_opts *o, char **out, struct errbuf *eb)
{
	const char *home;

	*out = NULL;
	if (o->known_hosts != NULL && o->known_hosts[0] != '\0') {
		*out = xstrdup(o->known_hosts);
		return ALGOFF_OK;
	}
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "HOME is not set; "
		    "give the known_hosts file with --known-hosts");
	xasprintf(out, "%s/.ssh/known_hosts", home);
	return ALGOFF_OK;
}

static enum algoff_err
check_args(const struct ssh_target *t, const struct ssh_auth *a,
    struct errbuf *eb)
{
	if (t->user == NULL || t->user[0] == '\0' || strlen(t->user) > 255 ||
	    strpbrk(t->user, "\r\n") != NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "invalid user name");
	if (a->identity != NULL && access(a->identity, R_OK) != 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "cannot read identity file %s: %s", a->identity,
		    strerror(errno));
	return ALGOFF_OK;
}

/* session_new - a non-blocking libssh2 session with our callbacks. */
static enum algoff_err
session_new(struct ssh_conn *c, struct errbuf *eb)
{
	pthread_once(&tr_once, tr_init_once);
	if (tr_init_rc != 0)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "libssh2_init failed (%d)", tr_init_rc);
	c->session = libssh2_session_init_ex(tr_alloc, tr_free, tr_realloc,
	    c);
	if (c->session == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "libssh2_session_init failed");
	libssh2_session_set_blocking(c->session, 0);
	libssh2_session_callback_set(c->session, LIBSSH2_CALLBACK_SEND,
	    (void *)tr_send);
	libssh2_session_callback_set(c->session, LIBSSH2_CALLBACK_RECV,
	    (void *)tr_recv);
	return ALGOFF_OK;
}

static struct ssh_conn *
conn_new(const struct ssh_target *t, const struct ssh_opts *o)
{
	struct ssh_conn *c = xcalloc(1, sizeof(*c));

	c->fd = -1;
	c->state = TS_INIT;
	c->host = xstrdup(t->host);
	c->port = t->port > 0 ? t->port : SSH_DEFAULT_PORT;
	c->user = xstrdup(t->user);
	c->timeout_ms = t->timeout_ms > 0 ? t->timeout_ms :
	    SSH_DEFAULT_TIMEOUT_MS;
	snprintf(c->peer, sizeof(c->peer), "%s port %d", c->host, c->port);
	buf_init(&c->tap, TR_TAP_MAX);
	c->trace = o->trace;
	c->trace_arg = o->arg;
	return c;
}

/* Give up a socket and the jump chain behind it (not yet owned). */
static void
release_path(int fd, struct tr_jump *jump)
{
	if (fd >= 0)
		close(fd);
	if (jump != NULL)
		ssh_disconnect(tr_jump_stop(jump));
}

/* The known_hosts name: HostKeyAlias as is (as ssh), else host:port. */
static enum algoff_err
hostkey_entry(const struct ssh_target *t, const struct ssh_opts *o,
    char *entry, struct errbuf *eb)
{
	if (o->hostkey_alias != NULL && o->hostkey_alias[0] != '\0')
		return kh_host_entry(o->hostkey_alias, SSH_DEFAULT_PORT, entry,
		    eb);
	return kh_host_entry(t->host, t->port > 0 ? t->port :
	    SSH_DEFAULT_PORT, entry, eb);
}

/*
 * connect_one - one SSH session: over TCP (fd < 0) or over fd, the
 * socket of the jump pump jump (both then owned by the connection, and
 * released on failure).
 */
static enum algoff_err
connect_one(const struct ssh_target *t, const struct ssh_auth *a,
    const struct ssh_opts *o, int fd, struct tr_jump *jump,
    struct ssh_conn **out, struct errbuf *eb)
{
	struct ssh_conn *c = NULL;
	struct tr_lists offer = { { NULL } };
	struct supported sp;
	struct kh_result kh;
	char entry[KH_ENTRY_SIZE], *path = NULL;
	enum algoff_err r = ALGOFF_ERR_INTERNAL;

	*out = NULL;
	memset(&sp, 0, sizeof(sp));
	if ((r = hostkey_entry(t, o, entry, eb)) != ALGOFF_OK ||
	    (r = check_args(t, a, eb)) != ALGOFF_OK ||
	    (r = known_hosts_path(o, &path, eb)) != ALGOFF_OK) {
		release_path(fd, jump);
		goto out;
	}
	c = conn_new(t, o);
	c->fd = fd;
	c->jump = jump;
	if (fd >= 0)
		snprintf(c->peer + strlen(c->peer), sizeof(c->peer) -
		    strlen(c->peer), " (through the jump host)");
	if ((r = session_new(c, eb)) != ALGOFF_OK)
		goto out;
	/* Offer the key types the file records first, as OpenSSH does. */
	if ((r = kh_check(c->session, path, entry, NULL, 0, &kh, eb)) !=
	    ALGOFF_OK)
		goto out;
	sp.s = c->session;
	tr_offer_build(o->legacy_crypto, kh.known_types, supported_cb, &sp,
	    &offer);
	if ((r = tr_offer_apply(c->session, &offer, eb)) != ALGOFF_OK)
		goto out;
	if (fd < 0 && (r = tcp_connect(c, t->connect_timeout_ms > 0 ?
	    t->connect_timeout_ms : SSH_DEFAULT_CONNECT_TIMEOUT_MS, eb)) !=
	    ALGOFF_OK)
		goto out;
	if ((r = handshake(c, &offer, o->legacy_crypto, eb)) != ALGOFF_OK ||
	    (r = check_hostkey(c, o, path, entry, eb)) != ALGOFF_OK)
		goto out;
	tr_to(c, TS_AUTH);
	if ((r = tr_authenticate(c, a, eb)) != ALGOFF_OK)
		goto out;
	tr_to(c, TS_READY);
	*out = c;
	c = NULL;
	r = ALGOFF_OK;
out:
	supported_free(&sp);
	tr_lists_free(&offer);
	free(path);
	ssh_disconnect(c);
	return r;
}

/*
 * ssh_connect - connect, negotiate, check the host key, authenticate;
 * through the ProxyJump hosts of o first, each over the previous one.
 * @retval ALGOFF_OK with *out set (the caller owns it), or an error with
 * the reason in eb.
 */
enum algoff_err
ssh_connect(const struct ssh_target *t, const struct ssh_auth *a,
    const struct ssh_opts *o, struct ssh_conn **out, struct errbuf *eb)
{
	struct tr_jump *jump = NULL;
	enum algoff_err r;
	int fd = -1, i;

	*out = NULL;
	errbuf_clear(eb);
	if (t == NULL || a == NULL || o == NULL || t->host == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "no host given");
	if (o->n_jumps < 0 || o->n_jumps > TARGET_MAX_HOPS)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "at most %d jump "
		    "hosts", TARGET_MAX_HOPS);
	for (i = 0; i < o->n_jumps; i++) {
		const struct target_hop *h = &o->jumps[i];
		const struct target_hop *next = i + 1 < o->n_jumps ?
		    &o->jumps[i + 1] : NULL;
		struct ssh_target ht = {
			.host = h->host, .port = h->port, .user = h->user,
			.connect_timeout_ms = t->connect_timeout_ms,
			.timeout_ms = t->timeout_ms,
		};
		struct ssh_auth ha = {
			.identity = h->identity, .use_agent = h->agent,
		};
		struct ssh_opts ho = *o;
		struct ssh_conn *hop;
		int nport = next != NULL ? next->port : t->port;

		ho.jumps = NULL;
		ho.n_jumps = 0;
		ho.hostkey_alias = h->hostkey_alias;
		if (h->known_hosts != NULL)
			ho.known_hosts = h->known_hosts;
		r = connect_one(&ht, &ha, &ho, fd, jump, &hop, eb);
		fd = -1;
		jump = NULL;
		if (r != ALGOFF_OK)
			return r;
		r = tr_jump_start(hop, next != NULL ? next->host : t->host,
		    nport > 0 ? nport : SSH_DEFAULT_PORT, &fd, &jump, eb);
		if (r != ALGOFF_OK) {
			ssh_disconnect(hop);
			return r;
		}
	}
	return connect_one(t, a, o, fd, jump, out, eb);
}

void
ssh_describe(struct ssh_conn *c, char *dst, size_t dstlen)
{
	const char *m[4];
	int i;

	if (dstlen == 0)
		return;
	dst[0] = '\0';
	if (c == NULL || c->session == NULL)
		return;
	m[0] = libssh2_session_methods(c->session, LIBSSH2_METHOD_KEX);
	m[1] = libssh2_session_methods(c->session, LIBSSH2_METHOD_HOSTKEY);
	m[2] = libssh2_session_methods(c->session, LIBSSH2_METHOD_CRYPT_CS);
	m[3] = libssh2_session_methods(c->session, LIBSSH2_METHOD_MAC_CS);
	for (i = 0; i < 4; i++)
		if (m[i] == NULL)
			m[i] = "?";
	snprintf(dst, dstlen, "kex=%s hostkey=%s cipher=%s mac=%s", m[0],
	    m[1], m[2], m[3]);
}

/* ssh_disconnect - bounded goodbye, then free everything. */
void
ssh_disconnect(struct ssh_conn *c)
{
	int i;

	if (c == NULL)
		return;
	tr_chans_detach(c);
	if (c->session != NULL) {
		if (c->state >= TS_HOSTKEY && c->state != TS_DEAD &&
		    c->fd >= 0) {
			int64_t deadline = tr_deadline(1000);

			tr_to(c, TS_CLOSING);
			while (libssh2_session_disconnect(c->session,
			    "algoff done") == LIBSSH2_ERROR_EAGAIN &&
			    tr_wait(c, deadline) == ALGOFF_OK)
				;
		}
		/* With the socket shut, nothing in free can block. */
		if (c->fd >= 0)
			shutdown(c->fd, SHUT_RDWR);
		for (i = 0; i < 100; i++)
			if (libssh2_session_free(c->session) !=
			    LIBSSH2_ERROR_EAGAIN)
				break;
		c->session = NULL;
	}
	if (c->fd >= 0)
		close(c->fd);
	if (c->jump != NULL)	/* then the hops, from the last one back */
		ssh_disconnect(tr_jump_stop(c->jump));
	buf_free(&c->tap);
	free(c->host);
	free(c->user);
	free(c);
}
