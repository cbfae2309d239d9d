/* SPDX-License-Identifier: MIT */
/*
 * import.h - "algoff import": devices read from another tool's file (CSV,
 * the JSON of ansible-inventory --list) and written as an answer file
 * (schema/batch.xsd). The readers (import_csv.c, import_inventory.c) only
 * read their file; every value is checked here against the attribute's type
 * in the schema, so the answer file written is one algoff batch accepts
 * (what needs the vendor profiles or the environment, batch checks later).
 * Secrets are never imported: only names of environment variables or files.
 */
#ifndef ALGOFF_IMPORT_H
#define ALGOFF_IMPORT_H

#include <stddef.h>

#include "core/err.h"

#define IMPORT_MAX_DEVICES 10000      /* as BATCH_MAX_DEVICES */
#define IMPORT_MAX_ERRORS  100
#define IMPORT_MAX_FILE    (16 * 1024 * 1024)

/* The attributes of schema/batch.xsd's "settings" group, in its order. */
enum import_attr {
	IA_VENDOR, IA_VARIANT, IA_HOST, IA_PORT, IA_USER, IA_PASSWORD_ENV,
	IA_PASSWORD_FILE, IA_IDENTITY, IA_PASSPHRASE_ENV, IA_AGENT,
	IA_ENABLE_ENV, IA_KNOWN_HOSTS, IA_HOST_KEY_POLICY, IA_LEGACY_CRYPTO,
	IA_STEPS, IA_ROLLBACK_ON_FAILURE, IA_TIMEOUT, IA_CONNECT_TIMEOUT,
	IA_BACKUP_DIR, IA_TRANSCRIPT_DIR, IA_TAGS,
	IA_COUNT
};

struct import_var {
	char *name, *value;
};

struct import_device {
	char *name;
	char *attr[IA_COUNT];         /* normalised values or NULL */
	struct import_var *vars;
	size_t n_vars;
};

struct import_set {
	char *defaults_name;          /* <defaults name=...> or NULL */
	struct import_device defaults;    /* name unused */
	int have_defaults;
	struct import_device *dev;
	size_t n;
};

/* Every problem found, "file:line: reason" (or "file: host "x": ..."). */
struct import_errors {
	char **msg;
	size_t n, dropped;
};

void import_error(struct import_errors *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void import_errors_free(struct import_errors *e);

/* import_attr_find - index of an attribute name ("password-env"), or -1. */
int import_attr_find(const char *name);
const char *import_attr_name(enum import_attr a);
/* import_secret_name - the name of a secret's value, not of a variable
 * holding it ("password", "passphrase", ...): never imported. */
int import_secret_name(const char *name);
/* import_text_check - NULL when s is UTF-8 without control characters,
 * else a reason (static; it never quotes s). */
const char *import_text_check(const char *s);
/* import_name_check / import_var_name_check - NULL or a static reason. */
const char *import_name_check(const char *s);
const char *import_var_name_check(const char *s);
/*
 * import_set_attr - check value against the attribute's type and store it
 * normalised (booleans true/false, tags space separated, steps); on a bad
 * value returns -1 with the reason in why (the value is quoted only when it
 * is printable and not a secret).
 */
int import_set_attr(struct import_device *d, enum import_attr a,
    const char *value, char *why, size_t whylen);
/* import_add_var - set <var name value>; -1 with the reason in why. */
int import_add_var(struct import_device *d, const char *name,
    const char *value, char *why, size_t whylen);

struct import_device *import_add_device(struct import_set *s,
    const char *name);
void import_set_free(struct import_set *s);

/* import_read_file - the whole file ("-": standard input), at most
 * IMPORT_MAX_FILE bytes; NUL-terminated; *len without the NUL. */
enum algoff_err import_read_file(const char *path, char **out, size_t *len,
    struct errbuf *eb);

/*
 * import_csv / import_inventory - read path (display name shown in
 * errors) into s. ALGOFF_ERR_INPUT with every problem in errs; warnings
 * (ignored secret variables) are added to warn.
 */
enum algoff_err import_csv(const char *path, struct import_set *s,
    struct import_errors *errs);
enum algoff_err import_inventory(const char *path, struct import_set *s,
    struct import_errors *errs, struct import_errors *warn);

/* import_write_xml - the answer file as a NUL-terminated string. */
enum algoff_err import_write_xml(const struct import_set *s, char **out,
    struct errbuf *eb);

#endif
