/* SPDX-License-Identifier: MIT */
/*
 * sshconfig.c - evaluate an OpenSSH client configuration for one host
 * (see sshconfig.h for what is followed). One pass over the text: a Host
 * line decides whether the lines below it apply; each keyword keeps the
 * first value obtained. Every line is checked (control characters, values
 * of the keywords algoff uses), applying or not, as ssh does.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/sshconfig.h"
#include "core/text.h"
#include "core/xmalloc.h"

#define SSHCFG_MAX_ARGS 64

/* glob - '*' and '?', case-insensitive (ssh lowercases host names). */
static int
glob(const char *p, const char *s)
{
	const char *star = NULL, *back = NULL;
	int steps = 0;

	while (*s != '\0' && ++steps < 100000) {
		if (*p == '*') {
			star = ++p;
			back = s;
		} else if (*p == '?' || tolower((unsigned char)*p) ==
		    tolower((unsigned char)*s)) {
			p++;
			s++;
		} else if (star != NULL) {
			p = star;
			s = ++back;
		} else
			return 0;
	}
	while (*p == '*')
		p++;
	return *p == '\0' && *s == '\0';
}

/* One match over whitespace- or comma-separated patterns. */
int
sshcfg_pattern_match(const char *patterns, const char *host)
{
	char pat[SSHCFG_MAX_LINE];
	const char *q = patterns;
	int pos = 0;

	while (*q != '\0') {
		size_t n = strcspn(q, " \t,");

		if (n > 0 && n < sizeof(pat)) {
			int neg = q[0] == '!';

			memcpy(pat, q + neg, n - neg);
			pat[n - neg] = '\0';
			if (glob(pat, host)) {
				if (neg)
					return 0;
				pos = 1;
			}
		}
		q += n;
		q += strspn(q, " \t,");
	}
	return pos;
}

/* Split a line into keyword and arguments ("quoted" allowed), in place. */
static int
split(char *line, char **argv, int *argc)
{
	char *p = line, *out;
	int n = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || (n == 1 && *p == '='))
			p++;
		if (*p == '\0')
			break;
		if (n >= SSHCFG_MAX_ARGS)
			return -1;
		argv[n++] = out = p;
		if (*p == '"') {
			char *e = strchr(p + 1, '"');

			if (e == NULL)
				return -1;
			memmove(out, p + 1, (size_t)(e - p - 1));
			out[e - p - 1] = '\0';
			p = e + 1;
			if (*p != '\0' && *p != ' ' && *p != '\t')
				return -1;
			continue;
		}
		p += strcspn(p, n == 1 ? " \t=" : " \t");
		if (*p != '\0') {
			int eq = *p == '=';

			*p++ = '\0';
			if (eq)	/* "Keyword=value": the = was the separator */
				while (*p == ' ' || *p == '\t')
					p++;
		}
	}
	*argc = n;
	return 0;
}

struct ctx {
	const char *fname, *home, *host;
	int line;
	struct errbuf *eb;
};

static enum algoff_err
bad(const struct ctx *C, const char *what, const char *why)
{
	return errbuf_set(C->eb, ALGOFF_ERR_INPUT, "%s:%d: %s: %s", C->fname,
	    C->line, what, why);
}

/* expand - ~ and %d (home), %h (host), %% in a path-like value. */
static enum algoff_err
expand(const struct ctx *C, const char *kw, const char *v, char **out)
{
	struct buf b;
	const char *p = v;
	enum algoff_err r = ALGOFF_OK;

	*out = NULL;
	buf_init(&b, SSHCFG_MAX_LINE * 2);
	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		if (C->home == NULL)
			r = bad(C, kw, "~ but HOME is not set");
		buf_printf(&b, "%s", C->home != NULL ? C->home : "");
		p++;
	} else if (p[0] == '~')
		r = bad(C, kw, "~user is not supported");
	for (; *p != '\0' && r == ALGOFF_OK; p++) {
		if (*p != '%') {
			buf_append(&b, p, 1);
			continue;
		}
		p++;
		if (*p == '%')
			buf_append(&b, "%", 1);
		else if (*p == 'h')
			buf_printf(&b, "%s", C->host);
		else if (*p == 'd' && C->home != NULL)
			buf_printf(&b, "%s", C->home);
		else
			r = bad(C, kw, "unsupported %-token (algoff expands "
			    "%d, %h and %%)");
		if (*p == '\0')
			break;
	}
	if (r == ALGOFF_OK)
		*out = xstrdup(b.data != NULL ? b.data : "");
	buf_free(&b);
	return r;
}

static enum algoff_err
parse_timeout(const struct ctx *C, const char *v, int *out)
{
	char num[16];
	size_t n = strspn(v, "0123456789");
	int mult = 1, s;

	if (strcasecmp(v, "none") == 0) {
		*out = 0;
		return ALGOFF_OK;
	}
	if (v[n] == 's' || v[n] == 'S')
		mult = 1;
	else if (v[n] == 'm' || v[n] == 'M')
		mult = 60;
	else if (v[n] != '\0')
		return bad(C, "ConnectTimeout", "not a number of seconds");
	if (n == 0 || n >= sizeof(num) || (v[n] != '\0' && v[n + 1] != '\0'))
		return bad(C, "ConnectTimeout", "not a number of seconds");
	memcpy(num, v, n);
	num[n] = '\0';
	if (num_parse_int(num, 1, 3600, &s) != 0 || s * mult > 3600)
		return bad(C, "ConnectTimeout", "out of range (1-3600 s)");
	*out = s * mult;
	return ALGOFF_OK;
}

static void
set_str(int active, char **dst, char *v)
{
	if (active && *dst == NULL)
		*dst = v;
	else
		free(v);
}

/* One keyword line: check its value, keep it when active and unset. */
static enum algoff_err
keyword(const struct ctx *C, int active, char **av, int ac,
    struct sshcfg_host *h)
{
	const char *k = av[0], *v = ac > 1 ? av[1] : NULL;
	char *s = NULL;
	enum algoff_err r = ALGOFF_OK;
	int n;

	if (strcasecmp(k, "hostname") == 0 || strcasecmp(k, "user") == 0 ||
	    strcasecmp(k, "hostkeyalias") == 0 || strcasecmp(k, "port") == 0 ||
	    strcasecmp(k, "identityfile") == 0 ||
	    strcasecmp(k, "userknownhostsfile") == 0 ||
	    strcasecmp(k, "identitiesonly") == 0 ||
	    strcasecmp(k, "connecttimeout") == 0 ||
	    strcasecmp(k, "proxyjump") == 0) {
		if (v == NULL)
			return bad(C, k, "missing value");
	} else
		return ALGOFF_OK;	/* not used by algoff: ignored */
	if (strcasecmp(k, "port") == 0) {
		if (num_parse_int(v, 1, 65535, &n) != 0)
			return bad(C, k, "not a port number (1-65535)");
		if (active && h->port == 0)
			h->port = n;
	} else if (strcasecmp(k, "identitiesonly") == 0) {
		if (strcasecmp(v, "yes") != 0 && strcasecmp(v, "no") != 0)
			return bad(C, k, "not yes or no");
		if (active && h->identities_only < 0)
			h->identities_only = strcasecmp(v, "yes") == 0;
	} else if (strcasecmp(k, "connecttimeout") == 0) {
		if ((r = parse_timeout(C, v, &n)) == ALGOFF_OK && active &&
		    h->connect_timeout_s == 0)
			h->connect_timeout_s = n;
	} else if (strcasecmp(k, "proxyjump") == 0) {
		struct sshcfg_hop hops[SSHCFG_MAX_HOPS];
		int i;

		char why[ERRBUF_SIZE];

		if (strcasecmp(v, "none") != 0 && sshcfg_parse_jump(v, hops,
		    SSHCFG_MAX_HOPS, &n, C->eb) != ALGOFF_OK) {
			snprintf(why, sizeof(why), "%s", C->eb->msg);
			return bad(C, k, why);
		}
		for (i = 0; strcasecmp(v, "none") != 0 && i < n; i++)
			sshcfg_hop_free(&hops[i]);
		if (active && h->proxy_jump == NULL)
			h->proxy_jump = xstrdup(v);
	} else if (strcasecmp(k, "hostname") == 0) {
		if ((r = expand(C, k, v, &s)) == ALGOFF_OK)
			set_str(active, &h->hostname, s);
	} else if (strcasecmp(k, "user") == 0)
		set_str(active, &h->user, xstrdup(v));
	else if (strcasecmp(k, "hostkeyalias") == 0)
		set_str(active, &h->hostkey_alias, xstrdup(v));
	else if ((r = expand(C, k, v, &s)) == ALGOFF_OK)
		set_str(active, strcasecmp(k, "identityfile") == 0 ?
		    &h->identity : &h->known_hosts, s);
	return r;
}

/* One line; *active tracks the current Host/Match block. */
static enum algoff_err
line_eval(const struct ctx *C, char *line, int *active,
    struct sshcfg_host *h)
{
	char *av[SSHCFG_MAX_ARGS];
	int ac = 0, c, i;
	size_t len = strlen(line);

	if (len > 0 && line[len - 1] == '\r')	/* CRLF files, as ssh */
		line[len - 1] = '\0';
	if ((c = text_control(line)) >= 0 && c != '\t')
		return errbuf_set(C->eb, ALGOFF_ERR_INPUT, "%s:%d: the line "
		    "contains a %s character", C->fname, C->line,
		    text_control_name(c));
	if (split(line, av, &ac) != 0)
		return bad(C, "line", "unbalanced quotes or too many "
		    "arguments");
	if (ac == 0 || av[0][0] == '#')
		return ALGOFF_OK;
	if (strcasecmp(av[0], "host") == 0) {
		int pos = 0, neg = 0;

		if (ac < 2)
			return bad(C, "Host", "no pattern");
		for (i = 1; i < ac; i++) {
			int m = sshcfg_pattern_match(av[i][0] == '!' ?
			    av[i] + 1 : av[i], C->host);

			if (m && av[i][0] == '!')
				neg = 1;
			else if (m)
				pos = 1;
		}
		*active = pos && !neg;
		return ALGOFF_OK;
	}
	if (strcasecmp(av[0], "match") == 0) {
		*active = ac == 2 && strcasecmp(av[1], "all") == 0;
		return ALGOFF_OK;
	}
	return keyword(C, *active, av, ac, h);
}

enum algoff_err
sshcfg_lookup_text(const char *text, size_t len, const char *fname,
    const char *home, const char *host, struct sshcfg_host *out,
    struct errbuf *eb)
{
	struct ctx C = { fname, home, host, 0, eb };
	char line[SSHCFG_MAX_LINE + 2];
	size_t pos = 0;
	int active = 1;
	enum algoff_err r = ALGOFF_OK;

	memset(out, 0, sizeof(*out));
	out->identities_only = -1;
	if (len > SSHCFG_MAX_FILE)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: larger than %u "
		    "bytes", fname, SSHCFG_MAX_FILE);
	if (memchr(text, '\0', len) != NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s: contains a NUL "
		    "byte (not a text file)", fname);
	while (pos < len && r == ALGOFF_OK) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;

		C.line++;
		if (n > SSHCFG_MAX_LINE)
			return errbuf_set(eb, ALGOFF_ERR_INPUT, "%s:%d: line "
			    "longer than %d bytes", fname, C.line,
			    SSHCFG_MAX_LINE);
		memcpy(line, text + pos, n);
		line[n] = '\0';
		r = line_eval(&C, line, &active, out);
		pos += n + 1;
	}
	return r;
}

enum algoff_err
sshcfg_lookup(const char *path, int must_exist, const char *home,
    const char *host, struct sshcfg_host *out, struct errbuf *eb)
{
	struct buf b;
	enum algoff_err r;
	FILE *f;
	char chunk[8192];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->identities_only = -1;
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT && !must_exist)
			return ALGOFF_OK;
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "cannot read SSH "
		    "configuration %s: %s", path, strerror(errno));
	}
	buf_init(&b, SSHCFG_MAX_FILE + 1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    b.len <= SSHCFG_MAX_FILE)
		buf_append(&b, chunk, n);
	fclose(f);
	r = sshcfg_lookup_text(b.data != NULL ? b.data : "", b.len, path, home,
	    host, out, eb);
	buf_free(&b);
	return r;
}

void
sshcfg_host_free(struct sshcfg_host *h)
{
	free(h->hostname);
	free(h->user);
	free(h->identity);
	free(h->known_hosts);
	free(h->hostkey_alias);
	free(h->proxy_jump);
	memset(h, 0, sizeof(*h));
	h->identities_only = -1;
}

void
sshcfg_hop_free(struct sshcfg_hop *h)
{
	free(h->user);
	free(h->host);
	memset(h, 0, sizeof(*h));
}

/* One hop: [ssh://][user@]host[:port], host may be [IPv6]. */
static enum algoff_err
parse_hop(const char *s, size_t len, struct sshcfg_hop *h, struct errbuf *eb)
{
	char *w = xstrndup(s, len), *p = w, *at, *colon;
	enum algoff_err r = ALGOFF_OK;

	memset(h, 0, sizeof(*h));
	if (strncmp(p, "ssh://", 6) == 0)
		p += 6;
	if ((at = strrchr(p, '@')) != NULL) {
		*at = '\0';
		h->user = xstrdup(p);
		p = at + 1;
	}
	if (*p == '[') {
		char *e = strchr(p, ']');

		if (e == NULL || (e[1] != '\0' && e[1] != ':')) {
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "bad hop \"%s\"", w);
			goto out;
		}
		*e = '\0';
		colon = e[1] == ':' ? e + 1 : NULL;
		p++;
	} else if ((colon = strchr(p, ':')) != NULL && strchr(colon + 1, ':'))
		colon = NULL;	/* a bare IPv6 address */
	if (colon != NULL) {
		*colon = '\0';
		if (num_parse_int(colon + 1, 1, 65535, &h->port) != 0)
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "bad port in hop");
	}
	if (r == ALGOFF_OK && (*p == '\0' || (h->user != NULL &&
	    h->user[0] == '\0') || strpbrk(p, " \t/") != NULL))
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "bad hop (want "
		    "[user@]host[:port])");
	if (r == ALGOFF_OK)
		h->host = xstrdup(p);
out:
	free(w);
	if (r != ALGOFF_OK)
		sshcfg_hop_free(h);
	return r;
}

enum algoff_err
sshcfg_parse_jump(const char *spec, struct sshcfg_hop *hops, int max, int *n,
    struct errbuf *eb)
{
	const char *p = spec;
	enum algoff_err r;

	*n = 0;
	for (;;) {
		size_t len = strcspn(p, ",");

		if (*n >= max) {
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "more than %d "
			    "hops", max);
			goto fail;
		}
		if (len == 0) {
			r = errbuf_set(eb, ALGOFF_ERR_INPUT, "empty hop");
			goto fail;
		}
		if ((r = parse_hop(p, len, &hops[*n], eb)) != ALGOFF_OK)
			goto fail;
		(*n)++;
		if (p[len] == '\0')
			return ALGOFF_OK;
		p += len + 1;
	}
fail:
	while (*n > 0)
		sshcfg_hop_free(&hops[--(*n)]);
	return r;
}
