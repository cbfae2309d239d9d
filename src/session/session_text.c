/* SPDX-License-Identifier: MIT */
/*
 * session_text.c - text handling for the session engine: the incremental
 * terminal-output cleaner, the redacting transcript and quoting of device
 * text in error messages. No I/O except writing the transcript FILE.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "session/session_int.h"

enum { TS_NORMAL, TS_ESC, TS_CSI, TS_OSC, TS_OSC_ESC, TS_SKIP1 };

#define OSC_MAX 512       /* an OSC longer than this is given up on */
#define CSI_PARAM_MAX 10000u

void
tclean_init(struct tclean *t, struct buf *out)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
}

void
tclean_reset(struct tclean *t)
{
	buf_reset(t->out);
	t->line_start = 0;
	t->state = TS_NORMAL;
	t->cr = 0;
	t->param = 0;
}

void
tclean_truncate(struct tclean *t, size_t len)
{
	struct buf *b = t->out;

	if (len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
	if (t->line_start > len) {
		while (len > 0 && b->data[len - 1] != '\n')
			len--;
		t->line_start = len;
	}
}

const char *
tclean_last_line(const struct tclean *t)
{
	if (t->out->data == NULL)
		return "";
	return t->out->data + t->line_start;
}

/* back - move back n characters, never into the previous line. */
static void
back(struct tclean *t, unsigned n)
{
	size_t len = t->out->len;

	if (n > len - t->line_start)
		n = (unsigned)(len - t->line_start);
	tclean_truncate(t, len - n);
}

static enum algoff_err
normal(struct tclean *t, unsigned char c)
{
	enum algoff_err r;

	if (t->cr) {
		if (c == '\r')
			return ALGOFF_OK;
		t->cr = 0;
		if (c != '\n')
			tclean_truncate(t, t->line_start);
	}
	switch (c) {
	case '\r':
		t->cr = 1;
		return ALGOFF_OK;
	case '\n':
		r = buf_append(t->out, "\n", 1);
		if (r == ALGOFF_OK)
			t->line_start = t->out->len;
		return r;
	case '\b':
		back(t, 1);
		return ALGOFF_OK;
	case 0x1b:
		t->state = TS_ESC;
		return ALGOFF_OK;
	case '\t':
		return buf_append(t->out, &c, 1);
	default:
		if (c < 0x20 || c == 0x7f)
			return ALGOFF_OK;
		return buf_append(t->out, &c, 1);
	}
}

static void
esc(struct tclean *t, unsigned char c)
{
	t->param = 0;
	switch (c) {
	case '[':
		t->state = TS_CSI;
		break;
	case ']':
		t->state = TS_OSC;
		break;
	case '(': case ')': case '*': case '+': case '#': case '%':
		t->state = TS_SKIP1;
		break;
	default:
		t->state = TS_NORMAL;
		break;
	}
}

/* csi - returns 1 when c ended the sequence abnormally (reprocess it). */
static int
csi(struct tclean *t, unsigned char c)
{
	if (c >= '0' && c <= '9') {
		if (t->param < CSI_PARAM_MAX)
			t->param = t->param * 10 + (unsigned)(c - '0');
		return 0;
	}
	if (c >= 0x20 && c <= 0x3f)
		return 0;
	t->state = TS_NORMAL;
	if (c >= 0x40 && c <= 0x7e) {
		if (c == 'D')
			back(t, t->param ? t->param : 1);
		return 0;
	}
	return 1;
}

enum algoff_err
tclean_feed(struct tclean *t, const char *p, size_t n)
{
	enum algoff_err r = ALGOFF_OK;
	size_t i;

	for (i = 0; i < n && r == ALGOFF_OK; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (t->state) {
		case TS_NORMAL:
			r = normal(t, c);
			break;
		case TS_ESC:
			esc(t, c);
			break;
		case TS_CSI:
			if (csi(t, c))
				r = normal(t, c);
			break;
		case TS_OSC:
			if (c == 0x07 || ++t->param > OSC_MAX)
				t->state = TS_NORMAL;
			else if (c == 0x1b)
				t->state = TS_OSC_ESC;
			break;
		case TS_OSC_ESC:
			t->state = c == '\\' ? TS_NORMAL : TS_OSC;
			break;
		default:
			t->state = TS_NORMAL;
			break;
		}
	}
	return r;
}

size_t
redact_cut(const struct secrets *sec, const char *p, size_t n)
{
	size_t i = 0, k;

	if (sec == NULL)
		return n;
	/* The same greedy left-to-right scan as secrets_redact(). */
	while (i < n) {
		size_t skip = 1;

		for (k = 0; k < sec->n; k++) {
			const struct secret *s = sec->s[k];

			if (s->len <= n - i) {
				if (memcmp(p + i, s->value, s->len) == 0) {
					skip = s->len;
					break;
				}
			} else if (memcmp(p + i, s->value, n - i) == 0)
				return i;
		}
		i += skip;
	}
	return n;
}

static void
escape_byte(FILE *f, unsigned char c)
{
	switch (c) {
	case '\n': fputs("\\n", f); break;
	case '\r': fputs("\\r", f); break;
	case '\t': fputs("\\t", f); break;
	case '\\': fputs("\\\\", f); break;
	default:
		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

static void
tput(struct transcript *t, int dir, const char *p, size_t n)
{
	size_t i;

	if (t->f == NULL || n == 0)
		return;
	if (t->dir != dir && !t->bol) {
		fputc('\n', t->f);
		t->bol = 1;
	}
	t->dir = dir;
	for (i = 0; i < n; i++) {
		if (t->bol) {
			fputc(dir, t->f);
			fputc(' ', t->f);
			t->bol = 0;
		}
		escape_byte(t->f, (unsigned char)p[i]);
		if (p[i] == '\n') {
			fputc('\n', t->f);
			t->bol = 1;
		}
	}
}

void
transcript_init(struct transcript *t, FILE *f, const struct secrets *sec)
{
	t->f = f;
	t->sec = sec;
	buf_init(&t->held, (size_t)1 << 30);
	t->dir = 0;
	t->bol = 1;
}

static void
write_redacted(struct transcript *t, int dir, const char *p, size_t n)
{
	size_t rl;
	char *red;

	if (n == 0)
		return;
	red = secrets_redact(t->sec, p, n, &rl);
	tput(t, dir, red, rl);
	free(red);
}

void
transcript_recv(struct transcript *t, const char *p, size_t n)
{
	size_t cut;

	if (t->f == NULL)
		return;
	if (buf_append(&t->held, p, n) != ALGOFF_OK) {
		transcript_flush(t);
		write_redacted(t, '<', p, n);
		return;
	}
	cut = redact_cut(t->sec, t->held.data, t->held.len);
	write_redacted(t, '<', t->held.data, cut);
	buf_consume(&t->held, cut);
}

void
transcript_send(struct transcript *t, const char *p, size_t n)
{
	if (t->f == NULL)
		return;
	write_redacted(t, '>', p, n);
	fflush(t->f);
}

void
transcript_note(struct transcript *t, const char *msg)
{
	if (t->f == NULL)
		return;
	if (!t->bol)
		fputc('\n', t->f);	/* held bytes stay held (a secret?) */
	t->bol = 1;
	fprintf(t->f, "! %s\n", msg);
	fflush(t->f);
}

void
transcript_flush(struct transcript *t)
{
	if (t->f == NULL)
		return;
	write_redacted(t, '<', t->held.data, t->held.len);
	buf_reset(&t->held);
	if (!t->bol) {
		fputc('\n', t->f);
		t->bol = 1;
	}
	fflush(t->f);
}

void
transcript_free(struct transcript *t)
{
	transcript_flush(t);
	buf_free(&t->held);
}

void
quote_text(struct buf *b, const struct secrets *sec, const char *text,
    size_t len, size_t max, int tail)
{
	size_t rl, i, from = 0, to;
	char *red = secrets_redact(sec, text, len, &rl);

	to = rl;
	buf_puts(b, "\"");
	if (rl > max) {
		if (tail) {
			from = rl - max;
			buf_puts(b, "...");
		} else
			to = max;
	}
	for (i = from; i < to; i++) {
		unsigned char c = (unsigned char)red[i];

		if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_append(b, &c, 1);
	}
	if (to < rl)
		buf_puts(b, "...");
	buf_puts(b, "\"");
	free(red);
}
