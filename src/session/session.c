/* SPDX-License-Identifier: MIT */
/*
 * session.c - the CLI dialogue engine. It sends one line at a time and reads
 * until the vendor's prompt comes back, answering pagers and confirmations
 * on the way, and decides from the vendor's error patterns whether the
 * device accepted the line. It never knows what transport is underneath.
 *
 * How the end of an answer is recognised: received bytes are cleaned
 * (session_text.c) into s->out. Only the last, unterminated line of s->out
 * (and only its part after the last answer we typed) is matched against the
 * pager, confirmation, enable-password and prompt patterns, and a match must
 * end at the end of the data (trailing blanks aside). Nothing is acted on
 * until no further byte arrives within the settle time, so a line that is
 * still arriving, or an output line that merely looks like a prompt, is not
 * taken for one. While the received text is still a prefix of the echo of
 * the line just sent it is not examined at all, so an echoed "... #" is
 * never a prompt even when the device pauses in the middle of the echo.
 *
 * Matching is bounded: prompts, pagers and confirmations are short, so only
 * the last MATCH_WINDOW bytes of the current line are examined (with
 * REG_NOTBOL when the line was cut, so a "^..." prompt cannot match in the
 * middle of a long line), and a pattern is retried past an early match at
 * most MATCH_TRIES times. The work per read is therefore at most
 * (patterns x MATCH_TRIES x MATCH_WINDOW) bytes, whatever the line length;
 * a device that floods one line without a line break costs linear time,
 * and the transcript and a timeout message say that the line was cut.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include "session/session.h"
#include "session/session_int.h"

#define CHUNK 4096
#define MAX_CONFIRMS 16          /* per command */
#define MAX_PAGES 65536          /* per command */
#define MAX_DRAIN 64             /* reads of unsolicited bytes before a line */
#define MAX_WAIT_LOOPS 1000000   /* on top of the deadline */
#define QUOTE_MAX 160
#define MATCH_WINDOW 4096        /* bytes of the current line matched */
#define MATCH_TRIES 16           /* retries past an early match */

struct session {
	struct stream st;
	struct session_opts o;
	const struct vcli *cli;
	struct secrets sec;      /* opts->redact plus the enable password */
	struct transcript tr;
	struct buf out;          /* cleaned text received since the last send */
	struct tclean tc;
	enum prompt_mode mode;
	char *prompt;
	char *last;              /* last line sent, for messages */
	int timeout_ms;
	int settle_ms;
	int dead;
	size_t match_work;       /* bytes handed to regexec, for the tests */
};

/* What the end of the received data looks like. */
enum tail { TAIL_NONE, TAIL_PROMPT, TAIL_PAGER, TAIL_CONFIRM, TAIL_PASSWORD };

struct wait {
	const char *echo;        /* line just sent; NULL: expect no echo */
	int want_pw;             /* stop at the enable password prompt */
	int64_t deadline;
	size_t scan_from;        /* only text past this is examined */
	unsigned confirms, pages;
	size_t raw;              /* bytes received */
	int got_pw;
	enum tail tail;          /* acted on once the data has settled */
	size_t tail_at;          /* offset in s->out where the match starts */
	size_t confirm;          /* index of the confirmation */
	enum prompt_mode mode;   /* of the prompt */
	int cut_noted;           /* a line cut to MATCH_WINDOW was noted */
};

static const char *
what(const struct session *s)
{
	return s->last != NULL ? s->last : "(login)";
}

/* blank_from - is text[i..] only spaces and tabs? */
static int
blank_from(const char *text, size_t i)
{
	return text[i + strspn(text + i, " \t")] == '\0';
}

/*
 * match_end - does rx match text in a way that ends at the end of text
 * (trailing spaces and tabs aside)? Sets *so to the start of that match.
 * Retries past a leftmost match that ends early (at most MATCH_TRIES
 * times), so unanchored patterns work too. flags: REG_NOTBOL when text
 * does not start a line. *work counts the bytes handed to regexec.
 */
static int
match_end(const struct vregex *rx, const char *text, int flags, size_t *so,
    size_t *work)
{
	size_t len = strlen(text), from = 0;
	regmatch_t m;
	int tries;

	if (!rx->compiled)
		return 0;
	for (tries = 0; tries <= MATCH_TRIES && from <= len; tries++) {
		*work += len - from + 1;
		if (vregex_exec(&rx->re, text + from, 1, &m, flags) != 0)
			return 0;
		if (blank_from(text, from + (size_t)m.rm_eo)) {
			*so = from + (size_t)m.rm_so;
			return 1;
		}
		from += (size_t)m.rm_so + 1;
		flags |= REG_NOTBOL;
	}
	return 0;
}

static void
msg_quote(struct buf *b, const struct session *s, const char *t, size_t len,
    int tail)
{
	quote_text(b, &s->sec, t, len, QUOTE_MAX, tail);
}

/* fail - set eb from a buf built by the caller, free it, return e. */
static enum algoff_err
fail(struct errbuf *eb, enum algoff_err e, struct buf *m)
{
	errbuf_set(eb, e, "%s", m->data != NULL ? m->data : "");
	buf_free(m);
	return e;
}

static enum algoff_err
err_timeout(struct session *s, struct errbuf *eb)
{
	struct buf m;

	buf_init(&m, 4 * ERRBUF_SIZE);
	buf_printf(&m, "no prompt within %d ms after ", s->timeout_ms);
	msg_quote(&m, s, what(s), strlen(what(s)), 0);
	buf_puts(&m, "; last received: ");
	if (s->out.len == 0)
		buf_puts(&m, "nothing");
	else
		msg_quote(&m, s, s->out.data, s->out.len, 1);
	if (s->out.len - s->tc.line_start > MATCH_WINDOW)
		buf_printf(&m, " (the last line is %zu bytes long without a line"
		    " break; only its last %d bytes were matched against the"
		    " prompt patterns)", s->out.len - s->tc.line_start,
		    MATCH_WINDOW);
	return fail(eb, ALGOFF_ERR_TIMEOUT, &m);
}

static enum algoff_err
err_stream(struct session *s, enum algoff_err e, const struct errbuf *seb,
    struct errbuf *eb)
{
	struct buf m;

	s->dead = 1;
	buf_init(&m, 4 * ERRBUF_SIZE);
	if (e == ALGOFF_ERR_DROPPED)
		buf_puts(&m, "connection lost after ");
	else
		buf_puts(&m, "stream failed after ");
	msg_quote(&m, s, what(s), strlen(what(s)), 0);
	buf_printf(&m, " (%zu bytes of its output received)", s->out.len);
	if (seb->msg[0] != '\0')
		buf_printf(&m, ": %s", seb->msg);
	return fail(eb, e, &m);
}

static enum algoff_err
err_toobig(struct session *s, struct errbuf *eb)
{
	struct buf m;

	buf_init(&m, 4 * ERRBUF_SIZE);
	buf_puts(&m, "output of ");
	msg_quote(&m, s, what(s), strlen(what(s)), 0);
	buf_printf(&m, " exceeds %zu bytes", s->o.max_output);
	return fail(eb, ALGOFF_ERR_TOOBIG, &m);
}

static int
time_left(int64_t deadline)
{
	int64_t left = deadline - mono_ms_i();

	if (left <= 0)
		return 0;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}

/* send_raw - write p[0..n) (the transcript gets it redacted). */
static enum algoff_err
send_raw(struct session *s, const char *p, size_t n, struct errbuf *eb)
{
	struct errbuf seb;
	enum algoff_err r;

	errbuf_clear(&seb);
	transcript_send(&s->tr, p, n);
	r = s->st.ops->write(s->st.ctx, p, n, s->timeout_ms, &seb);
	if (r != ALGOFF_OK)
		return err_stream(s, r, &seb, eb);
	return ALGOFF_OK;
}

static enum algoff_err
send_line(struct session *s, const char *line, struct errbuf *eb)
{
	struct buf b;
	enum algoff_err r;

	buf_init(&b, (size_t)-1 / 2);
	buf_puts(&b, line);
	buf_puts(&b, s->cli->newline != NULL ? s->cli->newline : "\n");
	r = send_raw(s, b.data, b.len, eb);
	freezero(b.data, b.cap);
	return r;
}

/* echo_pending - is everything received so far a prefix of the echo? */
static int
echo_pending(const struct session *s, const struct wait *w)
{
	if (w->echo == NULL || s->out.len == 0)
		return w->echo != NULL;
	if (memchr(s->out.data, '\n', s->out.len) != NULL)
		return 0;
	return s->out.len <= strlen(w->echo) &&
	    memcmp(s->out.data, w->echo, s->out.len) == 0;
}

static void
find_prompt(struct session *s, struct wait *w, const char *line, int flags)
{
	size_t i, so, best = (size_t)-1;

	for (i = 0; i < s->cli->n_prompts; i++) {
		if (!match_end(&s->cli->prompts[i].rx, line, flags, &so,
		    &s->match_work) || so >= best)
			continue;
		best = so;
		w->mode = s->cli->prompts[i].mode;
	}
	if (best == (size_t)-1)
		return;
	w->tail = TAIL_PROMPT;
	w->tail_at = (size_t)(line - s->out.data) + best;
}

/*
 * match_from - offset in s->out where matching starts: the current line
 * after scan_from, cut to its last MATCH_WINDOW bytes (*flags REG_NOTBOL
 * then; the first cut of a wait is noted in the transcript).
 */
static size_t
match_from(struct session *s, struct wait *w, int *flags)
{
	size_t off = s->tc.line_start;
	char note[160];

	*flags = 0;
	if (w->scan_from > s->out.len)
		w->scan_from = s->out.len;
	if (off < w->scan_from)
		off = w->scan_from;
	if (s->out.len - off <= MATCH_WINDOW)
		return off;
	off = s->out.len - MATCH_WINDOW;
	*flags = REG_NOTBOL;
	if (!w->cut_noted) {
		w->cut_noted = 1;
		snprintf(note, sizeof(note), "line over %d bytes without a "
		    "line break: only its last %d bytes are matched against "
		    "the prompt patterns", MATCH_WINDOW, MATCH_WINDOW);
		transcript_note(&s->tr, note);
	}
	return off;
}

/*
 * examine - classify the end of what was received: a pager, a
 * confirmation, the enable password prompt, a prompt, or nothing known.
 * Nothing is examined while no text was received (a login that sent only
 * control characters or escape sequences leaves s->out empty).
 */
static void
examine(struct session *s, struct wait *w)
{
	const struct vcli *c = s->cli;
	const char *line;
	size_t off, so, i;
	int fl;

	w->tail = TAIL_NONE;
	if (echo_pending(s, w) || s->out.len == 0 || s->out.data == NULL)
		return;
	off = match_from(s, w, &fl);
	line = s->out.data + off;
	if (*line == '\0')
		return;
	if (c->has_pager && match_end(&c->pager, line, fl, &so,
	    &s->match_work)) {
		w->tail = TAIL_PAGER;
		w->tail_at = off + so;
		return;
	}
	for (i = 0; i < c->n_confirms; i++) {
		if (match_end(&c->confirms[i].rx, line, fl, &so,
		    &s->match_work)) {
			w->tail = TAIL_CONFIRM;
			w->confirm = i;
			return;
		}
	}
	if (w->want_pw && match_end(&c->enable_prompt, line, fl, &so,
	    &s->match_work)) {
		w->tail = TAIL_PASSWORD;
		return;
	}
	find_prompt(s, w, line, fl);
}

/* strace - one trace line about the exchange w (see session_opts). */
static void
strace(struct session *s, const struct wait *w, const char *what,
    const char *text)
{
	char line[256];
	int64_t ms = mono_ms_i() - (w->deadline - s->timeout_ms);

	if (s->o.trace == NULL)
		return;
	snprintf(line, sizeof(line), "session: %s matched after %lld ms%s%.80s%s",
	    what, (long long)ms, text != NULL ? ": \"" : "",
	    text != NULL ? text : "", text != NULL ? "\"" : "");
	s->o.trace(s->o.trace_arg, line);
}

/*
 * act - the data has settled on w->tail: answer a pager or confirmation
 * (and go on waiting), or finish on a prompt or password prompt (*done).
 */
static enum algoff_err
act(struct session *s, struct wait *w, int *done, struct errbuf *eb)
{
	const struct vcli *c = s->cli;
	const char *a;

	switch (w->tail) {
	case TAIL_PAGER:
		if (++w->pages > MAX_PAGES)
			return err_toobig(s, eb);
		strace(s, w, "pager", s->out.data + w->tail_at);
		tclean_truncate(&s->tc, w->tail_at);
		w->scan_from = s->out.len;
		w->tail = TAIL_NONE;
		a = c->pager_answer != NULL ? c->pager_answer : " ";
		return send_raw(s, a, strlen(a), eb);
	case TAIL_CONFIRM:
		if (++w->confirms > MAX_CONFIRMS)
			return errbuf_set(eb, ALGOFF_ERR_DEVICE,
			    "more than %d confirmations after \"%s\"",
			    MAX_CONFIRMS, what(s));
		strace(s, w, "confirmation", NULL);
		w->scan_from = s->out.len;
		w->tail = TAIL_NONE;
		a = c->confirms[w->confirm].answer;
		return send_line(s, a != NULL ? a : "", eb);
	case TAIL_PASSWORD:
		strace(s, w, "enable password prompt", NULL);
		w->got_pw = 1;
		*done = 1;
		return ALGOFF_OK;
	case TAIL_PROMPT:
		strace(s, w, "prompt", s->out.data + w->tail_at);
		*done = 1;
		return ALGOFF_OK;
	case TAIL_NONE:
	default:
		return ALGOFF_OK;
	}
}

/* take - feed received bytes to the transcript and the cleaner. */
static enum algoff_err
take(struct session *s, struct wait *w, const char *p, size_t n,
    struct errbuf *eb)
{
	w->raw += n;
	transcript_recv(&s->tr, p, n);
	if (w->raw / 8 > s->o.max_output ||
	    tclean_feed(&s->tc, p, n) != ALGOFF_OK)
		return err_toobig(s, eb);
	return ALGOFF_OK;
}

/*
 * wait_prompt - read until a prompt ends the data and stays there for the
 * settle time (or, with want_pw, until the enable password prompt).
 * Pagers and confirmations are answered once they, too, have settled: a
 * pattern that matches a partly received line must not be acted on.
 */
static enum algoff_err
wait_prompt(struct session *s, struct wait *w, struct errbuf *eb)
{
	char chunk[CHUNK];
	struct errbuf seb;
	enum algoff_err r;
	ssize_t n;
	long loops;
	int left, tmo, done = 0;

	for (loops = 0; loops < MAX_WAIT_LOOPS; loops++) {
		left = time_left(w->deadline);
		if (left == 0)
			return err_timeout(s, eb);
		tmo = left;
		if (w->tail != TAIL_NONE && s->settle_ms < tmo)
			tmo = s->settle_ms;
		errbuf_clear(&seb);
		n = s->st.ops->read(s->st.ctx, chunk, sizeof(chunk), tmo, &seb);
		if (n < 0)
			return err_stream(s, (enum algoff_err)n, &seb, eb);
		if (n > 0) {
			if ((r = take(s, w, chunk, (size_t)n, eb)) != ALGOFF_OK)
				return r;
			examine(s, w);
			if (s->settle_ms > 0)
				continue;
		}
		if ((r = act(s, w, &done, eb)) != ALGOFF_OK || done)
			return r;
	}
	return err_timeout(s, eb);
}

static void
wait_init(struct session *s, struct wait *w, const char *echo)
{
	memset(w, 0, sizeof(*w));
	w->echo = echo;
	w->deadline = mono_ms_i() + s->timeout_ms;
	tclean_reset(&s->tc);
}

/* note_prompt - remember the prompt that ended the exchange. */
static void
note_prompt(struct session *s, const struct wait *w)
{
	free(s->prompt);
	s->prompt = xstrdup(s->out.data + w->tail_at);
	s->mode = w->mode;
}

/* drain - read and log bytes that arrived unasked (syslog lines). */
static enum algoff_err
drain(struct session *s, struct errbuf *eb)
{
	char chunk[CHUNK];
	struct errbuf seb;
	ssize_t n;
	int i;

	for (i = 0; i < MAX_DRAIN; i++) {
		errbuf_clear(&seb);
		n = s->st.ops->read(s->st.ctx, chunk, sizeof(chunk), 0, &seb);
		if (n < 0)
			return err_stream(s, (enum algoff_err)n, &seb, eb);
		if (n == 0)
			break;
		transcript_recv(&s->tr, chunk, (size_t)n);
	}
	return ALGOFF_OK;
}

/* strip_echo - length of the echoed first line of text[0..len), or 0. */
static size_t
strip_echo(const char *text, size_t len, const char *line)
{
	const char *nl = memchr(text, '\n', len);
	size_t l, e = strlen(line);

	if (nl == NULL || e == 0)
		return 0;
	l = (size_t)(nl - text);
	while (l > 0 && (text[l - 1] == ' ' || text[l - 1] == '\t'))
		l--;
	while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t'))
		e--;
	if (l >= e && memcmp(text + l - e, line, e) == 0)
		return (size_t)(nl - text) + 1;
	return 0;
}

/* check_errors - DEVICE when a vendor error pattern matches the output. */
static enum algoff_err
check_errors(struct session *s, const char *out, struct errbuf *eb)
{
	regmatch_t m;
	size_t i, a, z, len = strlen(out);
	struct buf b;

	for (i = 0; i < s->cli->n_errors; i++) {
		const struct vregex *rx = &s->cli->errors[i];

		if (!rx->compiled || vregex_exec(&rx->re, out, 1, &m, 0) != 0)
			continue;
		for (a = (size_t)m.rm_so; a > 0 && out[a - 1] != '\n'; a--)
			;
		for (z = (size_t)m.rm_so; z < len && out[z] != '\n'; z++)
			;
		buf_init(&b, 4 * ERRBUF_SIZE);
		buf_puts(&b, "device rejected ");
		msg_quote(&b, s, what(s), strlen(what(s)), 0);
		buf_puts(&b, ": ");
		msg_quote(&b, s, out + a, z - a, 0);
		return fail(eb, ALGOFF_ERR_DEVICE, &b);
	}
	return ALGOFF_OK;
}

static int
valid_line(const char *line)
{
	const unsigned char *p;

	for (p = (const unsigned char *)line; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/*
 * exchange - send line (or nothing when line is NULL), wait for the prompt
 * and hand back the cleaned output without echo and prompt. w was set up
 * by wait_init(); when it stops at the enable password prompt (w->got_pw),
 * *output stays NULL.
 */
static enum algoff_err
exchange(struct session *s, const char *line, struct wait *w, char **output,
    struct errbuf *eb)
{
	enum algoff_err r;
	size_t skip;

	*output = NULL;
	if (line != NULL && (r = send_line(s, line, eb)) != ALGOFF_OK)
		return r;
	if ((r = wait_prompt(s, w, eb)) != ALGOFF_OK || w->got_pw)
		return r;
	note_prompt(s, w);
	tclean_truncate(&s->tc, w->tail_at);
	skip = line != NULL ? strip_echo(s->out.data, s->out.len, line) : 0;
	*output = xstrdup(s->out.data + skip);
	return ALGOFF_OK;
}

enum algoff_err
session_cmd(struct session *s, const char *line, char **output,
    struct errbuf *eb)
{
	enum algoff_err r;
	struct wait w;
	char *out = NULL;

	if (output != NULL)
		*output = NULL;
	if (s->dead)
		return errbuf_set(eb, ALGOFF_ERR_DROPPED,
		    "connection already lost after \"%s\"", what(s));
	if (!valid_line(line))
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "refusing to send a line with control characters");
	free(s->last);
	s->last = xstrdup(line);
	if ((r = drain(s, eb)) != ALGOFF_OK)
		goto out;
	wait_init(s, &w, line);
	if ((r = exchange(s, line, &w, &out, eb)) != ALGOFF_OK)
		goto out;
	if ((r = check_errors(s, out, eb)) != ALGOFF_OK)
		goto out;
	if (output != NULL) {
		*output = out;
		out = NULL;
	}
out:
	free(out);
	return r;
}

/* enable - run the enable step from an unprivileged prompt. */
static enum algoff_err
enable(struct session *s, struct errbuf *eb)
{
	const struct secret *pw = s->o.enable_password;
	enum algoff_err r;
	struct wait w;
	char *out = NULL;

	free(s->last);
	s->last = xstrdup(s->cli->enable_cmd);
	if ((r = drain(s, eb)) != ALGOFF_OK)
		goto out;
	wait_init(s, &w, s->cli->enable_cmd);
	w.want_pw = 1;
	if ((r = exchange(s, s->cli->enable_cmd, &w, &out, eb)) != ALGOFF_OK)
		goto out;
	if (w.got_pw) {
		if (pw == NULL) {
			r = errbuf_set(eb, ALGOFF_ERR_AUTH, "the device asks "
			    "for an enable password and none was given");
			goto out;
		}
		wait_init(s, &w, NULL);
		w.want_pw = 1;
		if ((r = send_line(s, pw->value, eb)) != ALGOFF_OK ||
		    (r = wait_prompt(s, &w, eb)) != ALGOFF_OK)
			goto out;
		if (w.got_pw) {
			r = errbuf_set(eb, ALGOFF_ERR_AUTH,
			    "enable password rejected");
			goto out;
		}
		note_prompt(s, &w);
	}
	if (s->mode == PROMPT_UNPRIV) {
		r = errbuf_set(eb, ALGOFF_ERR_AUTH, "enable password rejected "
		    "(still at the unprivileged prompt)");
		goto out;
	}
	r = ALGOFF_OK;
out:
	free(out);
	return r;
}

/* disable_paging - a device that refuses is still paged through. */
static enum algoff_err
disable_paging(struct session *s, struct errbuf *eb)
{
	enum algoff_err r;
	size_t i;

	for (i = 0; i < s->cli->n_paging; i++) {
		r = session_cmd(s, s->cli->paging_disable[i], NULL, eb);
		if (r != ALGOFF_OK && r != ALGOFF_ERR_DEVICE)
			return r;
	}
	errbuf_clear(eb);
	return ALGOFF_OK;
}

static void
session_init(struct session *s, const struct stream *st,
    const struct session_opts *o)
{
	size_t i;

	s->st = *st;
	s->o = *o;
	s->cli = o->cli;
	if (o->redact != NULL)
		for (i = 0; i < o->redact->n; i++)
			secrets_add(&s->sec, o->redact->s[i]);
	secrets_add(&s->sec, o->enable_password);
	s->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms :
	    s->cli->timeout_ms > 0 ? s->cli->timeout_ms : SESSION_TIMEOUT_MS;
	s->settle_ms = o->settle_ms > 0 ? o->settle_ms :
	    o->settle_ms < 0 ? 0 : SESSION_SETTLE_MS;
	if (s->o.max_output == 0)
		s->o.max_output = SESSION_MAX_OUTPUT;
	buf_init(&s->out, s->o.max_output);
	tclean_init(&s->tc, &s->out);
	transcript_init(&s->tr, o->transcript, &s->sec);
	s->mode = PROMPT_UNPRIV;
}

enum algoff_err
session_open(const struct stream *st, const struct session_opts *o,
    struct session **out, struct errbuf *eb)
{
	struct session *s;
	enum algoff_err r;
	struct wait w;
	char *text = NULL;

	*out = NULL;
	if (o->cli == NULL || o->cli->n_prompts == 0)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "the vendor profile has no prompt patterns");
	s = xcalloc(1, sizeof(*s));
	session_init(s, st, o);
	wait_init(s, &w, NULL);
	if ((r = exchange(s, NULL, &w, &text, eb)) != ALGOFF_OK)
		goto out;
	if (s->mode == PROMPT_UNPRIV && s->cli->enable_cmd != NULL &&
	    (r = enable(s, eb)) != ALGOFF_OK)
		goto out;
	if ((r = disable_paging(s, eb)) != ALGOFF_OK)
		goto out;
	*out = s;
	s = NULL;
out:
	free(text);
	session_close(s);
	return r;
}

static enum algoff_err
config_cmd(struct session *s, const char *line, int want, struct errbuf *eb)
{
	enum algoff_err r;

	if (line == NULL)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "the vendor profile has no configuration mode");
	if ((r = session_cmd(s, line, NULL, eb)) != ALGOFF_OK)
		return r;
	if ((s->mode == PROMPT_CONFIG) != want)
		return errbuf_set(eb, ALGOFF_ERR_DEVICE, "\"%s\" did not %s "
		    "configuration mode (prompt \"%s\")", line,
		    want ? "enter" : "leave", s->prompt);
	return ALGOFF_OK;
}

enum algoff_err
session_config_enter(struct session *s, struct errbuf *eb)
{
	return config_cmd(s, s->cli->config_enter, 1, eb);
}

enum algoff_err
session_config_exit(struct session *s, struct errbuf *eb)
{
	return config_cmd(s, s->cli->config_exit, 0, eb);
}

enum prompt_mode
session_mode(const struct session *s)
{
	return s->mode;
}

size_t
session_match_work(const struct session *s)
{
	return s->match_work;
}

const char *
session_prompt(const struct session *s)
{
	return s->prompt != NULL ? s->prompt : "";
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	transcript_free(&s->tr);
	if (s->out.data != NULL)
		freezero(s->out.data, s->out.cap);
	free(s->prompt);
	free(s->last);
	free(s);
}
