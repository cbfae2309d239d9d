/* SPDX-License-Identifier: MIT */
/*
 * session_int.h - internals of the session module shared between its files
 * (not for other modules): the terminal-output cleaner and the redacting
 * transcript writer.
 */
#ifndef ALGOFF_SESSION_INT_H
#define ALGOFF_SESSION_INT_H

#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/secret.h"

/*
 * tclean - turns raw terminal output into plain text, incrementally (an
 * escape sequence or a CR LF may be split between reads): CR LF -> LF, a
 * lone CR returns to the start of the line (what follows replaces the line),
 * backspace removes the previous character of the line, ANSI CSI / OSC /
 * charset sequences are removed (CSI n D moves back like n backspaces), NUL
 * and other control characters except TAB and LF are dropped.
 */
struct tclean {
	struct buf *out;
	size_t line_start;  /* offset in out of the current line */
	int state;
	int cr;             /* a CR not yet followed by anything */
	unsigned param;     /* numeric CSI parameter */
};

void tclean_init(struct tclean *t, struct buf *out);
/* tclean_reset - empty out and forget any partial sequence. */
void tclean_reset(struct tclean *t);
enum algoff_err tclean_feed(struct tclean *t, const char *p, size_t n);
/* tclean_truncate - cut out at len (len <= out->len). */
void tclean_truncate(struct tclean *t, size_t len);
/* tclean_last_line - start of the current (unterminated) line. */
const char *tclean_last_line(const struct tclean *t);

/*
 * transcript - every byte exchanged, one line per line of data, prefixed
 * "< " (received) or "> " (sent), C-escaped (a line feed in the data is
 * written as \n and ends the transcript line). Secrets are replaced by
 * <redacted> with secrets_redact(); received bytes that could be the start
 * of a secret are held back until the rest arrives, so an echoed secret is
 * redacted even when it comes in pieces. A line "! ..." is a note of
 * algoff's own (e.g. a received line too long to match in full).
 */
struct transcript {
	FILE *f;
	const struct secrets *sec;
	struct buf held;    /* received, not yet written */
	int dir;            /* '<', '>' or 0 */
	int bol;            /* at the beginning of a transcript line */
};

void transcript_init(struct transcript *t, FILE *f, const struct secrets *sec);
void transcript_recv(struct transcript *t, const char *p, size_t n);
void transcript_send(struct transcript *t, const char *p, size_t n);
/* transcript_note - a line "! msg" of algoff's own (held bytes stay held). */
void transcript_note(struct transcript *t, const char *msg);
/* transcript_flush - write what is held back; ends the current line. */
void transcript_flush(struct transcript *t);
void transcript_free(struct transcript *t);

struct session;
/* session_match_work - bytes handed to regexec so far (for the tests). */
size_t session_match_work(const struct session *s);

/*
 * redact_cut - length of the longest prefix of p[0..n) that can be redacted
 * now: the rest starts a partial match of some secret.
 */
size_t redact_cut(const struct secrets *sec, const char *p, size_t n);

/*
 * quote_tail - append to b at most max bytes of the end of text (len
 * bytes), redacted and C-escaped, between double quotes.
 */
void quote_text(struct buf *b, const struct secrets *sec, const char *text,
    size_t len, size_t max, int tail);

#endif
