/* SPDX-License-Identifier: MIT */
/* sipmsg.c - bounded SIP and SDP parsing (no I/O). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xmalloc.h"
#include "probe/sipmsg.h"

static const struct {
	const char *compact;
	const char *full;
} sip_names[] = {
	{ "i", "Call-ID" }, { "m", "Contact" }, { "e", "Content-Encoding" },
	{ "l", "Content-Length" }, { "c", "Content-Type" }, { "f", "From" },
	{ "s", "Subject" }, { "k", "Supported" }, { "t", "To" }, { "v", "Via" },
	{ NULL, "CSeq" }, { NULL, "Max-Forwards" }, { NULL, "Expires" },
	{ NULL, "User-Agent" }, { NULL, "Allow" }, { NULL, "Record-Route" },
	{ NULL, "Route" },
};

const char *
sip_canon_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sip_names) / sizeof(sip_names[0]); i++) {
		if ((sip_names[i].compact != NULL &&
		    strcasecmp(name, sip_names[i].compact) == 0) ||
		    strcasecmp(name, sip_names[i].full) == 0)
			return sip_names[i].full;
	}
	return name;
}

/* Offset just past the blank line ending the headers, or 0 if none. */
static size_t
sip_header_end(const char *d, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (d[i] != '\n')
			continue;
		if (d[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && d[i + 1] == '\r' && d[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

static char *
sip_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int
sip_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("-.!%*_+`'~", *s) == NULL)
			return 0;
	return 1;
}

static enum algoff_err
sip_start_line(struct sipmsg *m, char *line, struct errbuf *eb)
{
	char *sp1, *sp2, *end;
	long code;

	m->start = line;
	sp1 = strchr(line, ' ');
	if (sp1 == NULL || (sp2 = strchr(sp1 + 1, ' ')) == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad start line");
	if (strncmp(line, "SIP/2.0 ", 8) == 0) {
		code = strtol(sp1 + 1, &end, 10);
		if (end != sp2 || code < 100 || code > 699)
			return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad status line");
		m->is_response = 1;
		m->status = (int)code;
		return ALGOFF_OK;
	}
	if ((size_t)(sp1 - line) >= sizeof(m->method) || sp2 == sp1 + 1 ||
	    strcmp(sp2 + 1, "SIP/2.0") != 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad request line");
	memcpy(m->method, line, (size_t)(sp1 - line));
	m->method[sp1 - line] = '\0';
	if (!sip_token(m->method))
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad method");
	return ALGOFF_OK;
}

static enum algoff_err
sip_add_header(struct sipmsg *m, char *line, struct errbuf *eb)
{
	char *colon = strchr(line, ':'), *name;

	if (colon == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "header without ':'");
	if (m->nhdr >= SIP_MAX_HDRS)
		return errbuf_set(eb, ALGOFF_ERR_TOOBIG, "too many headers");
	*colon = '\0';
	name = sip_trim(line);
	if (!sip_token(name))
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad header name");
	m->hdr[m->nhdr].rawname = name;
	m->hdr[m->nhdr].name = sip_canon_name(name);
	m->hdr[m->nhdr].value = sip_trim(colon + 1);
	m->nhdr++;
	return ALGOFF_OK;
}

/* Join continuation lines: a line starting with SP/HT continues the last. */
static void
sip_unfold(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p != '\n' || (p[1] != ' ' && p[1] != '\t'))
			continue;
		*p = ' ';
		if (p > s && p[-1] == '\r')
			p[-1] = ' ';
	}
}

static enum algoff_err
sip_headers(struct sipmsg *m, struct errbuf *eb)
{
	char *line = m->raw, *nl;
	enum algoff_err r;
	int first = 1;

	sip_unfold(m->raw);
	while (*line != '\0') {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*line == '\0')
			break;	/* the blank line */
		r = first ? sip_start_line(m, line, eb) :
		    sip_add_header(m, line, eb);
		if (r != ALGOFF_OK)
			return r;
		first = 0;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return first ? errbuf_set(eb, ALGOFF_ERR_INPUT, "empty message") :
	    ALGOFF_OK;
}

static long
sip_parse_clen(const char *v)
{
	char *end;
	long n;

	if (v == NULL)
		return -1;
	if (!isdigit((unsigned char)*v))
		return -2;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 0 || n > SIP_MAX_MSG)
		return -2;
	return n;
}

enum algoff_err
sipmsg_parse(const char *data, size_t len, struct sipmsg *m,
    struct errbuf *eb)
{
	size_t hend;
	enum algoff_err r;

	memset(m, 0, sizeof(*m));
	m->clen = -1;
	if (len > SIP_MAX_MSG)
		return errbuf_set(eb, ALGOFF_ERR_TOOBIG, "message over %d bytes",
		    SIP_MAX_MSG);
	if (memchr(data, '\0', len) != NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "NUL byte in message");
	hend = sip_header_end(data, len);
	if (hend == 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "no end of headers");
	m->wire_len = len;
	m->raw = xstrndup(data, hend);
	m->wire = xmalloc(len + 1);
	memcpy(m->wire, data, len);
	m->wire[len] = '\0';
	m->body = m->wire + hend;
	m->blen = len - hend;
	if ((r = sip_headers(m, eb)) != ALGOFF_OK)
		return r;
	m->clen = sip_parse_clen(sipmsg_get(m, "Content-Length", 0));
	if (m->clen == -2)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "bad Content-Length");
	return ALGOFF_OK;
}

void
sipmsg_free(struct sipmsg *m)
{
	free(m->raw);
	free(m->wire);
	memset(m, 0, sizeof(*m));
}

const char *
sipmsg_get(const struct sipmsg *m, const char *name, size_t idx)
{
	const char *canon = sip_canon_name(name);
	size_t i;

	for (i = 0; i < m->nhdr; i++) {
		if (strcasecmp(m->hdr[i].name, canon) != 0)
			continue;
		if (idx-- == 0)
			return m->hdr[i].value;
	}
	return NULL;
}

/* Content-Length from a raw header block (not NUL-terminated). */
static long
sip_frame_clen(const char *d, size_t hlen)
{
	size_t i = 0, j, k;
	char num[16];

	while (i < hlen) {
		j = i;
		while (j < hlen && d[j] != '\n')
			j++;
		if ((j - i >= 15 && strncasecmp(d + i, "Content-Length", 14) == 0) ||
		    (j - i >= 2 && (d[i] == 'l' || d[i] == 'L') &&
		    (d[i + 1] == ':' || d[i + 1] == ' ' || d[i + 1] == '\t'))) {
			k = i;
			while (k < j && d[k] != ':')
				k++;
			for (k++; k < j && (d[k] == ' ' || d[k] == '\t'); k++)
				;
			if (j - k == 0 || j - k >= sizeof(num))
				return -2;
			memcpy(num, d + k, j - k);
			num[j - k] = '\0';
			return sip_parse_clen(sip_trim(num));
		}
		i = j + 1;
	}
	return 0;
}

int
sip_frame(const char *d, size_t n, size_t max, size_t *skip, size_t *msglen)
{
	size_t s = 0, hend, lim;
	long cl;

	while (s < n && (d[s] == '\r' || d[s] == '\n'))
		s++;
	*skip = s;
	d += s;
	n -= s;
	lim = n < max ? n : max;
	hend = sip_header_end(d, lim);
	if (hend == 0)
		return n >= max ? -1 : 0;
	cl = sip_frame_clen(d, hend);
	if (cl < 0 || hend + (size_t)cl > max)
		return -1;
	if (n < hend + (size_t)cl)
		return 0;
	*msglen = hend + (size_t)cl;
	return 1;
}

enum algoff_err
sdp_parse(const char *body, size_t len, struct sdp *s)
{
	char *line, *nl;
	enum algoff_err r;

	memset(s, 0, sizeof(*s));
	s->raw = xstrndup(body, len);
	for (line = s->raw; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (line[0] != '\0') {
			if (s->n >= SDP_MAX_LINES || line[1] != '=') {
				r = s->n >= SDP_MAX_LINES ? ALGOFF_ERR_TOOBIG :
				    ALGOFF_ERR_INPUT;
				sdp_free(s);   /* nothing for the caller to free */
				return r;
			}
			s->line[s->n].type = line[0];
			s->line[s->n].value = line + 2;
			s->n++;
		}
		if (nl == NULL)
			break;
	}
	return ALGOFF_OK;
}

void
sdp_free(struct sdp *s)
{
	free(s->raw);
	memset(s, 0, sizeof(*s));
}
