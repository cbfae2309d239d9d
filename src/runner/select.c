/* SPDX-License-Identifier: MIT */
/*
 * select.c - device selection (--limit, --shard) and pacing (--max-fail,
 * --serial) for "algoff batch". See select.h and doc/fleet.md.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/xmalloc.h"
#include "runner/select.h"

uint64_t
select_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

unsigned
select_shard_of(const char *name, unsigned n)
{
	return n == 0 ? 1 : (unsigned)(select_hash(name) % n) + 1;
}

int
select_parse_shard(const char *spec, unsigned *k, unsigned *n,
    struct errbuf *eb)
{
	const char *slash = strchr(spec, '/');
	char kbuf[16];
	int kk, nn;

	if (slash == NULL || (size_t)(slash - spec) >= sizeof(kbuf))
		goto bad;
	memcpy(kbuf, spec, (size_t)(slash - spec));
	kbuf[slash - spec] = '\0';
	if (num_parse_int(slash + 1, 1, SELECT_MAX_SHARDS, &nn) != 0 ||
	    num_parse_int(kbuf, 1, nn, &kk) != 0)
		goto bad;
	*k = (unsigned)kk;
	*n = (unsigned)nn;
	return 0;
bad:
	errbuf_set(eb, ALGOFF_ERR_INPUT, "--shard: \"%s\" is not K/N with "
	    "1 <= K <= N <= %d", spec, SELECT_MAX_SHARDS);
	return -1;
}

int
select_check_limit(const char *spec, struct errbuf *eb)
{
	const char *p = spec, *c;

	for (;;) {
		c = strchr(p, ',');
		if ((c != NULL ? (size_t)(c - p) : strlen(p)) == 0 ||
		    strcmp(p, "tag:") == 0 || strncmp(p, "tag:,", 5) == 0 ||
		    strcmp(p, "vendor:") == 0 || strncmp(p, "vendor:,", 8) == 0) {
			errbuf_set(eb, ALGOFF_ERR_INPUT, "--limit: \"%s\" has "
			    "an empty pattern", spec);
			return -1;
		}
		if (c == NULL)
			return 0;
		p = c + 1;
	}
}

/* tag_match - glob against each space-separated tag. */
static int
tag_match(const char *tags, const char *glob)
{
	char *copy, *t, *save = NULL;
	int hit = 0;

	if (tags == NULL)
		return 0;
	copy = xstrdup(tags);
	for (t = strtok_r(copy, " \t", &save); t != NULL && !hit;
	    t = strtok_r(NULL, " \t", &save))
		hit = fnmatch(glob, t, 0) == 0;
	free(copy);
	return hit;
}

static int
one_match(const struct answer_device *d, const char *pat)
{
	if (strncmp(pat, "tag:", 4) == 0)
		return tag_match(d->tags, pat + 4);
	if (strncmp(pat, "vendor:", 7) == 0)
		return d->v != NULL && fnmatch(pat + 7, d->v->id, 0) == 0;
	return fnmatch(pat, d->name, 0) == 0;
}

int
select_limit_match(const struct answer_device *d, const char *spec)
{
	char *copy = xstrdup(spec), *p, *save = NULL;
	int hit = 0;

	for (p = strtok_r(copy, ",", &save); p != NULL && !hit;
	    p = strtok_r(NULL, ",", &save))
		hit = one_match(d, p);
	free(copy);
	return hit;
}

size_t *
select_filter(const struct answer *b, const size_t *sel, size_t n,
    const char *limit, unsigned k, unsigned n_shards, size_t *out_n)
{
	size_t *out = xcalloc(n + 1, sizeof(*out)), i, idx, m = 0;
	const struct answer_device *d;

	for (i = 0; i < n; i++) {
		idx = sel != NULL ? sel[i] : i;
		d = &b->dev[idx];
		if (limit != NULL && !select_limit_match(d, limit))
			continue;
		if (n_shards > 0 && select_shard_of(d->name, n_shards) != k)
			continue;
		out[m++] = idx;
	}
	*out_n = m;
	return out;
}

/* parse_size - "N" or "P%" of total: 0 and *pct set, -1 when bad. */
static int
parse_size(const char *s, size_t len, int *val, int *pct)
{
	char buf[16];

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*pct = buf[len - 1] == '%';
	if (*pct)
		buf[len - 1] = '\0';
	return num_parse_int(buf, 1, *pct ? 100 : ANSWER_MAX_DEVICES, val);
}

int
select_parse_max_fail(const char *spec, size_t total, size_t *out,
    struct errbuf *eb)
{
	int v, pct;

	if (parse_size(spec, strlen(spec), &v, &pct) != 0) {
		errbuf_set(eb, ALGOFF_ERR_INPUT, "--max-fail: \"%s\" is not "
		    "a count from 1 to %d or a percentage from 1%% to 100%%",
		    spec, ANSWER_MAX_DEVICES);
		return -1;
	}
	*out = pct ? (total * (size_t)v + 99) / 100 : (size_t)v;
	if (*out == 0)
		*out = 1;
	return 0;
}

int
select_parse_serial(const char *spec, size_t total, size_t **ends,
    size_t *n_stages, struct errbuf *eb)
{
	size_t sizes[SELECT_MAX_STAGES], n = 0, len, end = 0, i = 0, m = 0;
	const char *p = spec, *c;
	int v, pct;

	do {
		c = strchr(p, ',');
		len = c != NULL ? (size_t)(c - p) : strlen(p);
		if (n == SELECT_MAX_STAGES || parse_size(p, len, &v, &pct)) {
			errbuf_set(eb, ALGOFF_ERR_INPUT, "--serial: \"%s\" is "
			    "not up to %d sizes (N or P%%) separated by \",\"",
			    spec, SELECT_MAX_STAGES);
			return -1;
		}
		sizes[n] = pct ? total * (size_t)v / 100 : (size_t)v;
		if (sizes[n] == 0)
			sizes[n] = 1;
		n++;
		p = c + 1;
	} while (c != NULL);
	*ends = xcalloc(total + 1, sizeof(**ends));
	while (end < total) {
		end += sizes[i < n ? i : n - 1];
		if (end > total)
			end = total;
		(*ends)[m++] = end;
		i++;
	}
	*n_stages = m;
	return 0;
}
