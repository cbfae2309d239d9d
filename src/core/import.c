/* SPDX-License-Identifier: MIT */
/*
 * import.c - the device model of "algoff import" and the checks of every
 * value against its type in schema/batch.xsd (patterns, ranges, lists).
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/import.h"
#include "core/xmalloc.h"

enum kind { K_TEXT, K_VENDOR, K_NAME, K_PORT, K_ENV, K_BOOL, K_POLICY,
	K_STEPS, K_TIMEOUT, K_TAGS };

static const struct {
	const char *name;
	enum kind kind;
} attrs[IA_COUNT] = {
	[IA_VENDOR] = { "vendor", K_VENDOR },
	[IA_VARIANT] = { "variant", K_NAME },
	[IA_HOST] = { "host", K_TEXT },
	[IA_PORT] = { "port", K_PORT },
	[IA_USER] = { "user", K_TEXT },
	[IA_PASSWORD_ENV] = { "password-env", K_ENV },
	[IA_PASSWORD_FILE] = { "password-file", K_TEXT },
	[IA_IDENTITY] = { "identity", K_TEXT },
	[IA_PASSPHRASE_ENV] = { "passphrase-env", K_ENV },
	[IA_AGENT] = { "agent", K_BOOL },
	[IA_ENABLE_ENV] = { "enable-password-env", K_ENV },
	[IA_KNOWN_HOSTS] = { "known-hosts", K_TEXT },
	[IA_HOST_KEY_POLICY] = { "host-key-policy", K_POLICY },
	[IA_LEGACY_CRYPTO] = { "legacy-crypto", K_BOOL },
	[IA_STEPS] = { "steps", K_STEPS },
	[IA_ROLLBACK_ON_FAILURE] = { "rollback-on-failure", K_BOOL },
	[IA_TIMEOUT] = { "timeout", K_TIMEOUT },
	[IA_CONNECT_TIMEOUT] = { "connect-timeout", K_TIMEOUT },
	[IA_BACKUP_DIR] = { "backup-dir", K_TEXT },
	[IA_TRANSCRIPT_DIR] = { "transcript-dir", K_TEXT },
	[IA_TAGS] = { "tags", K_TAGS },
};

static const char *const step_names[] = { "precheck", "backup", "disable",
	"verify", "save", "rollback" };

void
import_error(struct import_errors *e, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (e->n >= IMPORT_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) < 0)
		m = xstrdup("(out of memory)");
	va_end(ap);
	e->msg = xreallocarray(e->msg, e->n + 1, sizeof(*e->msg));
	e->msg[e->n++] = m;
}

void
import_errors_free(struct import_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->msg[i]);
	free(e->msg);
	memset(e, 0, sizeof(*e));
}

int
import_attr_find(const char *name)
{
	int i;

	for (i = 0; i < IA_COUNT; i++)
		if (strcmp(attrs[i].name, name) == 0)
			return i;
	return -1;
}

const char *
import_attr_name(enum import_attr a)
{
	return attrs[a].name;
}

int
import_secret_name(const char *name)
{
	static const char *const secrets[] = { "password", "passphrase",
	    "enable-password", "enable-secret", "secret", "enable_password",
	    "enable_secret" };
	size_t i;

	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		if (strcasecmp(name, secrets[i]) == 0)
			return 1;
	return 0;
}

/* utf8_len - length of the UTF-8 sequence at p, or 0 when invalid. */
static size_t
utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

const char *
import_text_check(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f)
			return "contains a control character (newline, tab, "
			    "...); refused";
		if ((n = utf8_len(p)) == 0)
			return "is not UTF-8 (Latin-1 or another 8-bit "
			    "encoding?); save the file as UTF-8";
		p += n;
	}
	return NULL;
}

/* match - s is 1..max characters of first, then of rest (ASCII sets). */
static int
match(const char *s, const char *first, const char *rest, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max || strchr(first, s[0]) == NULL)
		return 0;
	return strspn(s + 1, rest) == n - 1;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"
#define ALNUM_ LOWER UPPER DIGIT "_"

const char *
import_name_check(const char *s)
{
	return match(s, ALNUM_, ALNUM_ ".-", 64) ? NULL : "must be 1-64 "
	    "letters, digits, '_', '.' or '-' (not starting with '.' or '-')";
}

const char *
import_var_name_check(const char *s)
{
	return match(s, LOWER UPPER "_", ALNUM_ "-", 64) ? NULL : "must be "
	    "1-64 letters, digits, '_' or '-', starting with a letter or '_'";
}

/* check_int - decimal in [lo, hi]; normalised into *out. */
static int
check_int(const char *v, long lo, long hi, char **out)
{
	char *end;
	long n;

	if (*v == '\0' || strspn(v, DIGIT) != strlen(v) || strlen(v) > 9)
		return -1;
	n = strtol(v, &end, 10);
	if (n < lo || n > hi)
		return -1;
	xasprintf(out, "%ld", n);
	return 0;
}

static int
check_bool(const char *v, char **out)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcmp(v, "1") == 0)
		*out = xstrdup("true");
	else if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 ||
	    strcmp(v, "0") == 0)
		*out = xstrdup("false");
	else
		return -1;
	return 0;
}

/* check_list - words split on spaces, ',' or ';', each checked; joined
 * with one space. */
static int
check_list(const char *v, int steps, char **out)
{
	char *copy = xstrdup(v), *w, *save = NULL, *res = NULL, *tmp;
	size_t i;
	int bad = 0, ok;

	for (w = strtok_r(copy, " ,;", &save); w != NULL && !bad;
	    w = strtok_r(NULL, " ,;", &save)) {
		ok = 0;
		if (steps) {
			for (i = 0; i < sizeof(step_names) /
			    sizeof(step_names[0]); i++)
				ok |= strcmp(w, step_names[i]) == 0;
		} else
			ok = match(w, ALNUM_ ".:-", ALNUM_ ".:-", 64);
		bad = !ok;
		xasprintf(&tmp, "%s%s%s", res ? res : "", res ? " " : "", w);
		free(res);
		res = tmp;
	}
	free(copy);
	if (bad || (steps && res == NULL)) {
		free(res);
		return -1;
	}
	*out = res != NULL ? res : xstrdup("");
	return 0;
}

static const char *
kind_rule(enum kind k)
{
	switch (k) {
	case K_VENDOR: return "a vendor id: lower-case letters, digits and "
	    "'-' (see 'algoff vendors')";
	case K_NAME: return "1-64 letters, digits, '_', '.' or '-'";
	case K_PORT: return "a port number from 1 to 65535";
	case K_ENV: return "the NAME of an environment variable (letters, "
	    "digits, '_'), never the secret itself";
	case K_BOOL: return "true or false";
	case K_POLICY: return "strict or accept-new";
	case K_STEPS: return "a list of precheck, backup, disable, verify, "
	    "save, rollback";
	case K_TIMEOUT: return "a number of seconds from 1 to 3600";
	case K_TAGS: return "tags of 1-64 letters, digits, '_', '.', ':' or "
	    "'-', separated by spaces, ',' or ';'";
	case K_TEXT: break;
	}
	return "1-1024 characters";
}

static int
check_value(enum kind k, const char *v, char **out)
{
	switch (k) {
	case K_VENDOR:
		if (!match(v, LOWER DIGIT, LOWER DIGIT "-", 64))
			return -1;
		break;
	case K_NAME:
		if (import_name_check(v) != NULL)
			return -1;
		break;
	case K_ENV:
		if (!match(v, LOWER UPPER "_", ALNUM_, 128))
			return -1;
		break;
	case K_PORT: return check_int(v, 1, 65535, out);
	case K_TIMEOUT: return check_int(v, 1, 3600, out);
	case K_BOOL: return check_bool(v, out);
	case K_STEPS: return check_list(v, 1, out);
	case K_TAGS: return check_list(v, 0, out);
	case K_POLICY:
		if (strcmp(v, "strict") != 0 && strcmp(v, "accept-new") != 0)
			return -1;
		break;
	case K_TEXT:
		if (*v == '\0' || strlen(v) > 1024)
			return -1;
		break;
	}
	*out = xstrdup(v);
	return 0;
}

int
import_set_attr(struct import_device *d, enum import_attr a,
    const char *value, char *why, size_t whylen)
{
	const char *bad = import_text_check(value);
	char *v = NULL;

	if (bad != NULL) {
		snprintf(why, whylen, "the value %s", bad);
		return -1;
	}
	if (check_value(attrs[a].kind, value, &v) != 0) {
		if (attrs[a].kind == K_ENV)
			snprintf(why, whylen, "must be %s",
			    kind_rule(attrs[a].kind));
		else
			snprintf(why, whylen, "\"%.80s\" is not %s", value,
			    kind_rule(attrs[a].kind));
		return -1;
	}
	free(d->attr[a]);
	d->attr[a] = v;
	return 0;
}

int
import_add_var(struct import_device *d, const char *name, const char *value,
    char *why, size_t whylen)
{
	const char *bad;
	size_t i;

	if ((bad = import_var_name_check(name)) != NULL) {
		snprintf(why, whylen, "name %s", bad);
		return -1;
	}
	if ((bad = import_text_check(value)) != NULL) {
		snprintf(why, whylen, "value %s", bad);
		return -1;
	}
	for (i = 0; i < d->n_vars; i++)
		if (strcmp(d->vars[i].name, name) == 0) {
			free(d->vars[i].value);
			d->vars[i].value = xstrdup(value);
			return 0;
		}
	d->vars = xreallocarray(d->vars, d->n_vars + 1, sizeof(*d->vars));
	d->vars[d->n_vars].name = xstrdup(name);
	d->vars[d->n_vars++].value = xstrdup(value);
	return 0;
}

struct import_device *
import_add_device(struct import_set *s, const char *name)
{
	struct import_device *d;

	s->dev = xreallocarray(s->dev, s->n + 1, sizeof(*s->dev));
	d = &s->dev[s->n++];
	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	return d;
}

static void
device_free(struct import_device *d)
{
	size_t i;

	free(d->name);
	for (i = 0; i < IA_COUNT; i++)
		free(d->attr[i]);
	for (i = 0; i < d->n_vars; i++) {
		free(d->vars[i].name);
		free(d->vars[i].value);
	}
	free(d->vars);
}

void
import_set_free(struct import_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		device_free(&s->dev[i]);
	free(s->dev);
	device_free(&s->defaults);
	free(s->defaults_name);
	memset(s, 0, sizeof(*s));
}
