/* SPDX-License-Identifier: MIT */
/*
 * sshconfig.h - the part of OpenSSH's client configuration (ssh_config(5))
 * algoff follows: Host blocks (patterns with '*', '?' and '!negation'),
 * HostName, Port, User, IdentityFile, IdentitiesOnly, UserKnownHostsFile,
 * HostKeyAlias, ConnectTimeout and ProxyJump. As in ssh, the first value
 * obtained for a keyword wins, and keywords algoff does not use are
 * ignored. A Match block is skipped (algoff does not evaluate Match
 * criteria), and so is Include (not followed).
 *
 * Pure and bounded: at most SSHCFG_MAX_FILE bytes, lines of at most
 * SSHCFG_MAX_LINE bytes; a control character or a value that cannot be
 * parsed is an error naming file:line.
 */
#ifndef ALGOFF_SSHCONFIG_H
#define ALGOFF_SSHCONFIG_H

#include <stddef.h>

#include "core/err.h"

#define SSHCFG_MAX_FILE (1u << 20)
#define SSHCFG_MAX_LINE 4096
#define SSHCFG_MAX_HOPS 8

/* What the configuration says about one host; NULL / 0 / -1: not set. */
struct sshcfg_host {
	char *hostname;          /* %h expanded */
	int port;                /* 0: not set */
	char *user;
	char *identity;          /* the first IdentityFile, ~ expanded */
	int identities_only;     /* -1 not set, 0 no, 1 yes */
	char *known_hosts;       /* the first UserKnownHostsFile */
	char *hostkey_alias;
	int connect_timeout_s;   /* 0: not set */
	char *proxy_jump;        /* as written; "none" is kept as NULL */
};

/* One ProxyJump hop: [user@]host[:port] or ssh://[user@]host[:port]. */
struct sshcfg_hop {
	char *user;              /* NULL: not given */
	char *host;
	int port;                /* 0: not given */
};

/*
 * sshcfg_lookup_text - evaluate the text of a configuration file (named
 * fname in messages) for host. ~ and %d expand with home (may be NULL:
 * then ~ is an error).
 */
enum algoff_err sshcfg_lookup_text(const char *text, size_t len,
    const char *fname, const char *home, const char *host,
    struct sshcfg_host *out, struct errbuf *eb);

/*
 * sshcfg_lookup - the same for a file. A missing file is fine (all unset)
 * unless must_exist.
 */
enum algoff_err sshcfg_lookup(const char *path, int must_exist,
    const char *home, const char *host, struct sshcfg_host *out,
    struct errbuf *eb);

/* sshcfg_host_free - free the strings (out of a lookup, even failed). */
void sshcfg_host_free(struct sshcfg_host *h);

/* sshcfg_pattern_match - ssh's Host rule: a pattern list against host. */
int sshcfg_pattern_match(const char *patterns, const char *host);

/*
 * sshcfg_parse_jump - split a ProxyJump value into at most max hops.
 * Free each hop with sshcfg_hop_free.
 */
enum algoff_err sshcfg_parse_jump(const char *spec, struct sshcfg_hop *hops,
    int max, int *n, struct errbuf *eb);
void sshcfg_hop_free(struct sshcfg_hop *h);

#endif
