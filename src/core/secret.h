/* SPDX-License-Identifier: MIT */
/*
 * secret.h - passwords and passphrases as a type. A secret is read from an
 * environment variable or a file (never argv), wiped on release, and every
 * text that leaves algoff (transcripts, logs, reports) goes through
 * secrets_redact() first.
 */
#ifndef ALGOFF_SECRET_H
#define ALGOFF_SECRET_H

#include <stddef.h>

#include "core/err.h"

struct secret {
	char *value;
	size_t len;
};

/* secret_from_env - read $name; an unset or empty variable is an error. */
enum algoff_err secret_from_env(const char *name, struct secret **out,
    struct errbuf *eb);
/*
 * secret_file_check - refuse a file that holds a secret (password file,
 * private key) when group or others may access it or another user owns
 * it, as OpenSSH refuses such keys: ALGOFF_ERR_INPUT with a message that
 * names the file and the "chmod 600 FILE" fix.
 */
enum algoff_err secret_file_check(const char *path, struct errbuf *eb);
/* secret_from_file - first line of path, without the newline (after
 * secret_file_check). */
enum algoff_err secret_from_file(const char *path, struct secret **out,
    struct errbuf *eb);
struct secret *secret_new(const char *value);
void secret_free(struct secret *s);

#define SECRETS_MAX 8
struct secrets {
	const struct secret *s[SECRETS_MAX];
	size_t n;
};

void secrets_add(struct secrets *set, const struct secret *s);
/*
 * secrets_redact - return a newly allocated copy of text[0..len) in which
 * every occurrence of every secret is replaced by "<redacted>".
 */
char *secrets_redact(const struct secrets *set, const char *text, size_t len,
    size_t *outlen);

#endif
