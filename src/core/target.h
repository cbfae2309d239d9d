/* SPDX-License-Identifier: MIT */
/*
 * target.h - a device to reach: where it is, whom to log in as, how to
 * authenticate, how to treat its host key, and how long to wait. apply,
 * batch (each answer-file device, answer_device_target()) and the wizard
 * fill one with designated initializers; it travels to the runner inside
 * struct runner_opts, and the runner hands its parts to the transport.
 * The strings and secrets are borrowed, never owned.
 */
#ifndef ALGOFF_TARGET_H
#define ALGOFF_TARGET_H

#include "core/secret.h"

/*
 * target_hop - a ProxyJump host on the way to the device. Its host key is
 * checked against known_hosts (NULL: the device's file) with the device's
 * policy; it authenticates with identity and/or the agent.
 */
struct target_hop {
	const char *host;
	int port;                           /* 0: 22 */
	const char *user;
	const char *identity;               /* NULL: none */
	int agent;
	const char *known_hosts;            /* NULL: as the device */
	const char *hostkey_alias;          /* NULL: host */
};

#define TARGET_MAX_HOPS 8

struct target {
	const char *host;                   /* name, IPv4 or IPv6 literal */
	int port;                           /* 0: 22 */
	const char *user;
	/* authentication: any of these, tried as the server allows */
	const struct secret *password;      /* NULL: none */
	const char *identity;               /* private key file or NULL */
	const struct secret *passphrase;    /* for identity, or NULL */
	int agent;                          /* try the keys of $SSH_AUTH_SOCK */
	const struct secret *enable_password;   /* NULL: none */
	/* host key */
	const char *known_hosts;            /* NULL: ~/.ssh/known_hosts */
	const char *hostkey_alias;          /* known_hosts name; NULL: host */
	int accept_new_hostkey;             /* trust an unknown key when the
	                                       front end gives no hostkey
	                                       callback (runner.h) */
	int legacy_crypto;                  /* also offer SHA-1 KEX, CBC ... */
	/* time limits */
	int connect_timeout_ms;             /* TCP connect; 0: 10 s */
	int timeout_ms;                     /* per command; 0: the vendor's */
	/* ProxyJump: reached through these hosts, first to last */
	const struct target_hop *jumps;
	int n_jumps;
};

#endif
