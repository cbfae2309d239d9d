/* SPDX-License-Identifier: MIT */
/*
 * recap.c - outcome and failure-reason counts at the end of a batch run.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "runner/recap.h"

/* Connection failures, by the system's message in the reason. */
static const struct {
	const char *needle, *key;
} conn_keys[] = {
	{ "refused", "connection refused" },
	{ "timed out", "connection timed out" },
	{ "No route to host", "no route to host" },
	{ "unreachable", "network unreachable" },
	{ "resolve", "host name not resolved" },
	{ "Name or service not known", "host name not resolved" },
};

const char *
batch_failure_key(const struct batch_result *r)
{
	size_t i;

	if (batch_status_ok(r->status) || r->status == BATCH_PENDING)
		return NULL;
	if (r->status == BATCH_NOT_STARTED)
		return NULL;
	if (r->status == BATCH_STILL_ON)
		return "ALG still on";
	if (r->error != NULL && strcmp(r->error, "connection failed") == 0 &&
	    r->reason != NULL)
		for (i = 0; i < sizeof(conn_keys) / sizeof(conn_keys[0]); i++)
			if (strstr(r->reason, conn_keys[i].needle) != NULL)
				return conn_keys[i].key;
	return r->error != NULL ? r->error : "unknown error";
}

struct group {
	const char *key;
	size_t n;
};

static int
by_count(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* groups - failure keys and counts, most frequent first. */
static struct group *
groups(const struct batch_result *res, const size_t *sel, size_t n,
    size_t *ng)
{
	struct group *g = xcalloc(n + 1, sizeof(*g));
	const char *k;
	size_t i, j, m = 0;

	for (i = 0; i < n; i++) {
		k = batch_failure_key(&res[sel != NULL ? sel[i] : i]);
		if (k == NULL)
			continue;
		for (j = 0; j < m && strcmp(g[j].key, k) != 0; j++)
			;
		if (j == m)
			g[m++].key = k;
		g[j].n++;
	}
	qsort(g, m, sizeof(*g), by_count);
	*ng = m;
	return g;
}

void
batch_recap(FILE *f, const struct answer *b,
    const struct batch_result *res, const size_t *sel, size_t n)
{
	size_t count[BATCH_NOT_STARTED + 1] = { 0 }, i, ng;
	struct group *g;
	const char *sep = "";
	int s;

	for (i = 0; i < n; i++) {
		s = (int)res[sel != NULL ? sel[i] : i].status;
		if (s >= 0 && s <= BATCH_NOT_STARTED)
			count[s]++;
	}
	fprintf(f, "RECAP %s: %zu device%s:", b->name, n, n == 1 ? "" : "s");
	for (s = BATCH_DISABLED; s <= BATCH_NOT_STARTED; s++)
		if (count[s] > 0) {
			fprintf(f, "%s %zu %s", sep, count[s],
			    batch_status_name((enum batch_status)s));
			sep = ",";
		}
	fputc('\n', f);
	g = groups(res, sel, n, &ng);
	if (ng > 0) {
		fprintf(f, "RECAP failures:");
		for (i = 0; i < ng; i++)
			fprintf(f, "%s %zu %s", i > 0 ? "," : "", g[i].n,
			    g[i].key);
		fputc('\n', f);
	}
	free(g);
}
