/* SPDX-License-Identifier: MIT */
/* secret.c - loading, wiping and redacting secrets. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/secret.h"
#include "core/xmalloc.h"

#define REDACTED "<redacted>"

struct secret *
secret_new(const char *value)
{
	struct secret *s = xcalloc(1, sizeof(*s));

	s->len = strlen(value);
	s->value = xstrndup(value, s->len);
	return s;
}

void
secret_free(struct secret *s)
{
	if (s == NULL)
		return;
	freezero(s->value, s->len);
	freezero(s, sizeof(*s));
}

enum algoff_err
secret_from_env(const char *name, struct secret **out, struct errbuf *eb)
{
	const char *v;

	*out = NULL;
	v = getenv(name);
	if (v == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "environment variable %s is not set", name);
	if (*v == '\0')
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "environment variable %s is empty", name);
	*out = secret_new(v);
	return ALGOFF_OK;
}

enum algoff_err
secret_file_check(const char *path, struct errbuf *eb)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: not a regular "
		    "file", path);
	if (st.st_uid != geteuid())
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: owned by another "
		    "user (uid %ld); a secret file must be yours: copy it, "
		    "then chmod 600 %s", path, (long)st.st_uid, path);
	if ((st.st_mode & 077) != 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: permissions %04o "
		    "are too open (group or others can access this secret); "
		    "run: chmod 600 %s", path, (unsigned)(st.st_mode & 07777),
		    path);
	return ALGOFF_OK;
}

enum algoff_err
secret_from_file(const char *path, struct secret **out, struct errbuf *eb)
{
	FILE *f;
	char line[1024];
	size_t n;

	*out = NULL;
	if (secret_file_check(path, eb) != ALGOFF_OK)
		return ALGOFF_ERR_INPUT;
	f = fopen(path, "r");
	if (f == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: %s", path,
		    strerror(errno));
	if (fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: empty file", path);
	}
	fclose(f);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	*out = secret_new(line);
	explicit_bzero(line, sizeof(line));
	return ALGOFF_OK;
}

void
secrets_add(struct secrets *set, const struct secret *s)
{
	if (s == NULL || s->len == 0 || set->n >= SECRETS_MAX)
		return;
	set->s[set->n++] = s;
}

static const struct secret *
match_at(const struct secrets *set, const char *p, size_t left)
{
	size_t i;

	for (i = 0; set != NULL && i < set->n; i++) {
		const struct secret *s = set->s[i];

		if (s->len <= left && memcmp(p, s->value, s->len) == 0)
			return s;
	}
	return NULL;
}

char *
secrets_redact(const struct secrets *set, const char *text, size_t len,
    size_t *outlen)
{
	struct buf b;
	size_t i = 0, start = 0;
	const struct secret *s;

	buf_init(&b, (size_t)-1 / 2);
	while (i < len) {
		s = match_at(set, text + i, len - i);
		if (s == NULL) {
			i++;
			continue;
		}
		buf_append(&b, text + start, i - start);
		buf_puts(&b, REDACTED);
		i += s->len;
		start = i;
	}
	buf_append(&b, text + start, len - start);
	if (outlen != NULL)
		*outlen = b.len;
	return buf_take(&b);
}
