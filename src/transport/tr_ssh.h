/* SPDX-License-Identifier: MIT */
/*
 * tr_ssh.h - the SSH transport: one libssh2 session to one device.
 *
 * Responsible for: TCP connect with a deadline (host name, IPv4 or IPv6
 * literal), algorithm negotiation (legacy algorithms only on request),
 * host key checking against an OpenSSH known_hosts file, authentication
 * (agent, identity file, password, keyboard-interactive), and channels:
 * an interactive shell with a PTY exposed as a struct stream, and one-shot
 * exec commands.
 *
 * Not responsible for: prompting, printing, or deciding anything on the
 * user's behalf. Decisions come in as policy values or callbacks.
 *
 * Every call is bounded in time: libssh2 runs non-blocking and every wait
 * is a poll() against a CLOCK_MONOTONIC deadline. One struct ssh_conn must
 * be used by one thread at a time; different connections may live in
 * different threads.
 */
#ifndef ALGOFF_TR_SSH_H
#define ALGOFF_TR_SSH_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/secret.h"
#include "core/target.h"
#include "session/stream.h"

struct ssh_conn;

#define SSH_DEFAULT_PORT 22
#define SSH_DEFAULT_CONNECT_TIMEOUT_MS 10000
#define SSH_DEFAULT_TIMEOUT_MS 20000

struct ssh_target {
	const char *host;	/* name, IPv4 or IPv6 literal (no brackets) */
	int port;		/* 0 means 22 */
	const char *user;
	int connect_timeout_ms;	/* TCP connect; 0 means the default */
	int timeout_ms;		/* each later phase (handshake, auth, channel
				   open); 0 means the default */
};

struct ssh_auth {
	const struct secret *password;	/* password and keyboard-interactive */
	const char *identity;		/* private key file, or NULL */
	const struct secret *passphrase; /* for identity, or NULL */
	int use_agent;			/* try the keys of $SSH_AUTH_SOCK */
	int kbdint;			/* answer keyboard-interactive password
					   prompts with password */
};

enum ssh_hostkey_policy {
	SSH_HOSTKEY_STRICT,	/* unknown key: ask confirm_hostkey, else refuse */
	SSH_HOSTKEY_ACCEPT_NEW,	/* unknown key: record it and go on */
};

struct ssh_hostkey_info {
	const char *host;	 /* the host connected to (device or jump) */
	int port;
	const char *host_entry;	 /* "host" (port 22) or "[host]:port" */
	const char *key_type;	 /* "ssh-ed25519", "ecdsa-sha2-nistp256", ... */
	const char *fingerprint; /* "SHA256:" + base64 without padding */
	const char *known_hosts; /* the file it would be added to */
	int changed;		 /* 0: unknown (may be approved); 1: differs
				    from a recorded key (always refused) */
};

struct ssh_opts {
	const char *known_hosts; /* NULL means $HOME/.ssh/known_hosts */
	enum ssh_hostkey_policy policy;
	int legacy_crypto;	/* also offer SHA-1 key exchange, ssh-rsa host
				   keys, CBC ciphers */
	const char *hostkey_alias; /* known_hosts name instead of host:port */
	/*
	 * jumps - ProxyJump: connect to jumps[0] over TCP, each next hop and
	 * finally the target through a direct-tcpip channel of the previous
	 * one (tr_jump.c). Each hop's key is checked like the target's
	 * (same policy and callback; its own known_hosts if it names one).
	 */
	const struct target_hop *jumps;
	int n_jumps;
	/*
	 * confirm_hostkey - under SSH_HOSTKEY_STRICT, asked during the
	 * handshake of this very connection (before authentication) about a
	 * key the file does not know (ki->changed 0). Return 1 to accept it:
	 * exactly this key is appended to the file and the same connection
	 * goes on. 0 (or NULL) refuses. A key that differs from a recorded
	 * one is only reported (ki->changed 1): it is always refused, the
	 * return value is ignored.
	 */
	int (*confirm_hostkey)(void *arg, const struct ssh_hostkey_info *ki);
	/* trace - progress lines, never containing secrets; NULL is silent. */
	void (*trace)(void *arg, const char *line);
	void *arg;
};

/*
 * ssh_connect - connect, negotiate, check the host key and authenticate.
 * On success *out owns the connection (release with ssh_disconnect).
 * Errors: ALGOFF_ERR_INPUT (bad arguments, unreadable identity; nothing
 * was sent), ALGOFF_ERR_CONNECT (resolve, TCP, negotiation),
 * ALGOFF_ERR_TIMEOUT, ALGOFF_ERR_HOSTKEY, ALGOFF_ERR_AUTH, ALGOFF_ERR_IO
 * (known_hosts could not be written).
 */
enum algoff_err ssh_connect(const struct ssh_target *t,
    const struct ssh_auth *a, const struct ssh_opts *o,
    struct ssh_conn **out, struct errbuf *eb);

/*
 * ssh_open_shell - open a session channel with a PTY ("vt100", 511x24)
 * and start the login shell. *out is filled with a stream whose close
 * releases the channel (not the connection). A stream must be closed
 * before ssh_disconnect, or it fails with ALGOFF_ERR_DROPPED afterwards.
 */
enum algoff_err ssh_open_shell(struct ssh_conn *c, struct stream *out,
    struct errbuf *eb);

/*
 * ssh_exec - run one command without a PTY and collect its standard
 * output and standard error (interleaved, at most out->max bytes) into
 * out, and its exit status into *exit_status (-1 if the server sent none).
 */
enum algoff_err ssh_exec(struct ssh_conn *c, const char *command,
    struct buf *out, int *exit_status, int timeout_ms, struct errbuf *eb);

/* ssh_server_banner - the server's identification string, or "". */
const char *ssh_server_banner(struct ssh_conn *c);

/*
 * ssh_describe - "kex=... hostkey=... cipher=... mac=..." as negotiated,
 * for reports and transcripts.
 */
void ssh_describe(struct ssh_conn *c, char *dst, size_t dstlen);

/* ssh_disconnect - say goodbye (bounded), free everything. NULL is fine. */
void ssh_disconnect(struct ssh_conn *c);

#endif
