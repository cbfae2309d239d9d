/* SPDX-License-Identifier: MIT */
/* sipdiff.c - compare a sent and a received SIP message field by field. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "probe/sipdiff.h"

static void
sipdiff_add(struct sipdiff *d, const char *field, const char *sent,
    const char *got)
{
	struct sipdiff_item *it;

	if (d->n >= SIPDIFF_MAX) {
		d->more++;
		return;
	}
	it = &d->item[d->n++];
	snprintf(it->field, sizeof(it->field), "%s", field);
	snprintf(it->sent, sizeof(it->sent), "%s", sent);
	snprintf(it->got, sizeof(it->got), "%s", got);
}

static size_t
sipdiff_count(const struct sipmsg *m, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < m->nhdr; i++)
		if (strcasecmp(m->hdr[i].name, name) == 0)
			n++;
	return n;
}

/* 1 when an earlier header of m has the same canonical name as hdr[i]. */
static int
sipdiff_seen(const struct sipmsg *m, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcasecmp(m->hdr[j].name, m->hdr[i].name) == 0)
			return 1;
	return 0;
}

static void
sipdiff_header(const struct sipmsg *a, const struct sipmsg *b,
    const char *name, struct sipdiff *d)
{
	size_t na = sipdiff_count(a, name), nb = sipdiff_count(b, name);
	size_t k, n = na > nb ? na : nb;
	const char *va, *vb;
	char field[48];

	for (k = 0; k < n; k++) {
		va = sipmsg_get(a, name, k);
		vb = sipmsg_get(b, name, k);
		if (va != NULL && vb != NULL && strcmp(va, vb) == 0)
			continue;
		if (n > 1)
			snprintf(field, sizeof(field), "%s[%zu]", name, k + 1);
		else
			snprintf(field, sizeof(field), "%s", name);
		sipdiff_add(d, field, va ? va : "(absent)", vb ? vb : "(removed)");
	}
}

static void
sipdiff_headers(const struct sipmsg *a, const struct sipmsg *b,
    struct sipdiff *d)
{
	size_t i;

	for (i = 0; i < a->nhdr; i++)
		if (!sipdiff_seen(a, i))
			sipdiff_header(a, b, a->hdr[i].name, d);
	for (i = 0; i < b->nhdr; i++)
		if (!sipdiff_seen(b, i) && sipdiff_count(a, b->hdr[i].name) == 0)
			sipdiff_header(a, b, b->hdr[i].name, d);
}

static size_t
sdp_count(const struct sdp *s, char type)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += s->line[i].type == type;
	return n;
}

static const char *
sdp_get(const struct sdp *s, char type, size_t idx)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->line[i].type == type && idx-- == 0)
			return s->line[i].value;
	return NULL;
}

static void
sipdiff_sdp_type(const struct sdp *a, const struct sdp *b, char type,
    struct sipdiff *d)
{
	size_t na = sdp_count(a, type), nb = sdp_count(b, type);
	size_t k, n = na > nb ? na : nb;
	const char *va, *vb;
	char field[48];

	for (k = 0; k < n; k++) {
		va = sdp_get(a, type, k);
		vb = sdp_get(b, type, k);
		if (va != NULL && vb != NULL && strcmp(va, vb) == 0)
			continue;
		if (n > 1)
			snprintf(field, sizeof(field), "SDP %c=[%zu]", type, k + 1);
		else
			snprintf(field, sizeof(field), "SDP %c=", type);
		sipdiff_add(d, field, va ? va : "(absent)", vb ? vb : "(removed)");
	}
}

static void
sipdiff_body(const struct sipmsg *a, const struct sipmsg *b,
    struct sipdiff *d)
{
	const char *ct = sipmsg_get(a, "Content-Type", 0);
	struct sdp sa, sb;
	const char *types = "vosicbtmakrz";
	char seen[256];
	size_t i;

	if (a->blen == b->blen && memcmp(a->body, b->body, a->blen) == 0)
		return;
	if (ct == NULL || strncasecmp(ct, "application/sdp", 15) != 0 ||
	    sdp_parse(a->body, a->blen, &sa) != ALGOFF_OK) {
		sipdiff_add(d, "body", "(sent body)", "(changed)");
		return;
	}
	if (sdp_parse(b->body, b->blen, &sb) != ALGOFF_OK) {
		sdp_free(&sa);
		sipdiff_add(d, "body", "(sent SDP)", "(not SDP any more)");
		return;
	}
	memset(seen, 0, sizeof(seen));
	for (i = 0; types[i] != '\0'; i++) {
		seen[(unsigned char)types[i]] = 1;
		sipdiff_sdp_type(&sa, &sb, types[i], d);
	}
	for (i = 0; i < sa.n; i++)
		if (!seen[(unsigned char)sa.line[i].type]++)
			sipdiff_sdp_type(&sa, &sb, sa.line[i].type, d);
	for (i = 0; i < sb.n; i++)
		if (!seen[(unsigned char)sb.line[i].type]++)
			sipdiff_sdp_type(&sa, &sb, sb.line[i].type, d);
	sdp_free(&sa);
	sdp_free(&sb);
}

void
sipdiff_run(const struct sipmsg *sent, const struct sipmsg *got,
    struct sipdiff *d)
{
	memset(d, 0, sizeof(*d));
	if (strcmp(sent->start, got->start) != 0)
		sipdiff_add(d, sent->is_response ? "status-line" : "request-line",
		    sent->start, got->start);
	sipdiff_headers(sent, got, d);
	sipdiff_body(sent, got, d);
	if (d->n == 0 && d->more == 0 && (sent->wire_len != got->wire_len ||
	    memcmp(sent->wire, got->wire, sent->wire_len) != 0))
		sipdiff_add(d, "formatting", "(fields equal)", "(bytes differ)");
}

int
sipdiff_has(const struct sipdiff *d, const char *prefix)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strncmp(d->item[i].field, prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}
