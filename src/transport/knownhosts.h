/* SPDX-License-Identifier: MIT */
/*
 * knownhosts.h - OpenSSH known_hosts handling for the SSH transport:
 * fingerprints in OpenSSH's "SHA256:..." form, host entries in the
 * "host" / "[host]:port" form, checking a host key against the file
 * (plain and hashed "|1|" entries, through libssh2_knownhost_*) with the
 * line number of the entry that matched or conflicted, and appending a
 * new entry. Internal to src/transport/ (and its unit tests).
 */
#ifndef ALGOFF_KNOWNHOSTS_H
#define ALGOFF_KNOWNHOSTS_H

#include <stddef.h>

#include <libssh2.h>

#include "core/buf.h"
#include "core/err.h"

/* "SHA256:" + 43 base64 characters + NUL */
#define KH_FP_SIZE 64
#define KH_ENTRY_SIZE 300
#define KH_TYPE_SIZE 64
#define KH_WARN_SIZE 4200

/* kh_base64 - encode n bytes into dst (NUL-terminated); pad adds '='.
 * Returns the length, or 0 if dst is too small. */
size_t kh_base64(const unsigned char *src, size_t n, int pad, char *dst,
    size_t dstlen);

/* kh_unbase64 - decode base64 (whitespace and '=' skipped, stops at NUL
 * or '-'). Returns the decoded length, or -1 (bad character, too long). */
long kh_unbase64(const char *src, unsigned char *dst, size_t dstlen);

/* kh_fingerprint - format a SHA-256 digest like OpenSSH: "SHA256:...". */
void kh_fingerprint(const unsigned char digest[32], char dst[KH_FP_SIZE]);

/*
 * kh_host_entry - the name OpenSSH records for host and port: the host in
 * lower case for port 22, "[host]:port" otherwise. Returns ALGOFF_ERR_INPUT
 * for a host that is empty, too long or holds spaces, commas or controls.
 */
enum algoff_err kh_host_entry(const char *host, int port,
    char dst[KH_ENTRY_SIZE], struct errbuf *eb);

/*
 * kh_blob_type - the key type name that starts an SSH public key blob
 * ("ssh-ed25519"). Returns 0, or -1 for a malformed blob.
 */
int kh_blob_type(const unsigned char *blob, size_t len,
    char dst[KH_TYPE_SIZE]);

/* kh_type_label - "ED25519", "ECDSA", "RSA", "DSA" or the type itself. */
const char *kh_type_label(const char *type);

/*
 * kh_format_line - append "entry type base64\n" (the line OpenSSH itself
 * writes) for a public key blob to out.
 */
enum algoff_err kh_format_line(const char *entry, const unsigned char *blob,
    size_t len, struct buf *out, struct errbuf *eb);

/* kh_append - append line to path (created 0600), after a newline if the
 * file does not end with one. */
enum algoff_err kh_append(const char *path, const char *line,
    struct errbuf *eb);

enum kh_status {
	KH_NEW,		/* no entry for this host */
	KH_MATCH,	/* an entry with this very key */
	KH_CHANGED,	/* an entry of the same type with another key */
	KH_OTHER_TYPE,	/* entries only for other key types */
	KH_REVOKED,	/* the key is marked @revoked */
};

/* Bits of kh_result.known_types, in preference order. */
#define KH_T_ED25519	0x01
#define KH_T_ECDSA256	0x02
#define KH_T_ECDSA384	0x04
#define KH_T_ECDSA521	0x08
#define KH_T_RSA	0x10
#define KH_T_DSS	0x20
#define KH_T_OTHER	0x40

struct kh_result {
	enum kh_status status;
	int line;		/* of the match, conflict or revocation */
	int known_types;	/* KH_T_* of every entry for this host */
	int exists;		/* the file exists */
	int bad_lines;		/* malformed hashed lines skipped */
	int bad_line;		/* the first of them, 0: none */
	char warning[KH_WARN_SIZE];	/* "file:line: ..." or "" */
};

/* kh_type_bit - KH_T_* for an algorithm name, 0 if unknown. */
int kh_type_bit(const char *type);
/* kh_bit_alg - the host key algorithm name of one KH_T_* bit, or NULL. */
const char *kh_bit_alg(int bit);

/*
 * kh_check - look entry up in path. blob may be NULL to only learn
 * known_types (before the handshake). A missing file is an empty one.
 * session supplies libssh2's allocator and HMAC for hashed names. A hashed
 * name whose salt or hash is not 20 bytes is skipped and named in
 * res->warning, which is also written to stderr when blob is given (once
 * a connection, not on the key-types-only look-up).
 */
enum algoff_err kh_check(LIBSSH2_SESSION *session, const char *path,
    const char *entry, const unsigned char *blob, size_t len,
    struct kh_result *res, struct errbuf *eb);

#endif
