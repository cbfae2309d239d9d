/* SPDX-License-Identifier: MIT */
/*
 * tr_algs.h - which algorithms algoff offers (modern by default, legacy
 * SHA-1 / ssh-rsa / CBC only on request), and why a negotiation failed:
 * the server's SSH_MSG_KEXINIT is parsed from the bytes libssh2 received
 * (captured by the transport's receive callback), compared with our offer,
 * and explained. Internal to src/transport/ (and its unit tests).
 */
#ifndef ALGOFF_TR_ALGS_H
#define ALGOFF_TR_ALGS_H

#include <stddef.h>

#include <libssh2.h>

#include "core/buf.h"
#include "core/err.h"

/* The same order as LIBSSH2_METHOD_KEX .. LIBSSH2_METHOD_MAC_SC. */
enum tr_method {
	TR_KEX, TR_HOSTKEY, TR_CIPHER_CS, TR_CIPHER_SC, TR_MAC_CS, TR_MAC_SC,
	TR_NMETHODS
};

/* Name lists, each a malloc'd comma-separated string (or NULL). */
struct tr_lists {
	char *list[TR_NMETHODS];
};

void tr_lists_free(struct tr_lists *l);

/* tr_method_name - "key exchange", "host key", "cipher", "MAC". */
const char *tr_method_name(enum tr_method m);

/*
 * tr_offer_build - what algoff offers: the modern names, plus the legacy
 * ones if legacy, each kept only if supported(method, name) says so (NULL
 * keeps all). Host key types whose bit is set in known_types (KH_T_*) go
 * first, as OpenSSH does, so a recorded key is the one negotiated.
 */
void tr_offer_build(int legacy, int known_types,
    int (*supported)(void *arg, int method, const char *name), void *arg,
    struct tr_lists *out);

/* tr_offer_apply - libssh2_session_method_pref() for every list. */
enum algoff_err tr_offer_apply(LIBSSH2_SESSION *s, const struct tr_lists *o,
    struct errbuf *eb);

/* tr_is_legacy - 1 if name is one of the legacy algorithms of method. */
int tr_is_legacy(int method, const char *name);

/* tr_names_common - 1 if the comma lists a and b share a name. */
int tr_names_common(const char *a, const char *b);

/*
 * tr_kexinit_parse - find the server's identification line and its first
 * binary packet in raw received bytes, check that it is SSH_MSG_KEXINIT,
 * and extract its name lists. ALGOFF_ERR_INPUT if absent or malformed.
 */
enum algoff_err tr_kexinit_parse(const unsigned char *p, size_t n,
    struct tr_lists *out);

/*
 * tr_negotiation_explain - append to out, for every method with no name
 * in common, what the server offered and what algoff offered, and a hint
 * about --legacy-crypto when it would help. srv may be NULL (the server's
 * lists were not received): then our offer is listed. Returns the number
 * of methods with no common name (0: the lists agree, so the failure lies
 * elsewhere).
 */
int tr_negotiation_explain(const struct tr_lists *ours,
    const struct tr_lists *srv, int legacy, struct buf *out);

#endif
