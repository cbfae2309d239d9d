/* SPDX-License-Identifier: MIT */
/*
 * wiz_form.c - the connection screen: host, port, user, authentication,
 * key file and its passphrase or password, enable password where the
 * family has an enable step, known hosts and an optional reflector. Each
 * field is an editor of its own (wiz_edit): Backspace never leaves the
 * field, the cursor sits after the text, a default value (port 22) is
 * replaced by the first character typed. Each field is checked when the
 * cursor leaves it and the message stands next to it, wrapped. Secrets are
 * shown as one mark per character and kept in this screen's buffers only
 * while it is open; they move into struct secret and the buffers are wiped.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/wiz.h"

#define FIELD_COL 20
#define SECRET_MAX 255
#define N_SECRETS 3

static const int field_width[WF_COUNT] = {
	[WF_HOST] = 30, [WF_PORT] = 6, [WF_USER] = 30, [WF_AUTH] = 16,
	[WF_IDENTITY] = 30, [WF_PASSPHRASE] = 30, [WF_PASSWORD] = 30,
	[WF_ENABLE] = 30, [WF_KNOWN] = 30, [WF_REFLECTOR] = 30,
};

struct cform {
	enum wiz_field which[WF_COUNT];
	int row[WF_COUNT];
	int n;
	int cur;                  /* index into which */
	struct wiz_edit ed;       /* the current field (buf NULL: auth) */
	char sec[N_SECRETS][SECRET_MAX + 1];
};

/* secret_slot - the form buffer index of a secret field, or -1 */
static int
secret_slot(enum wiz_field f)
{
	return f == WF_PASSWORD ? 0 : f == WF_ENABLE ? 1 :
	    f == WF_PASSPHRASE ? 2 : -1;
}

static struct secret **
secret_of(struct wiz_conn *c, int slot)
{
	return slot == 0 ? &c->password : slot == 1 ? &c->enable :
	    &c->passphrase;
}

/* field_text - the buffer field f is edited in and its limit */
static char *
field_text(struct wiz *w, struct cform *c, enum wiz_field f, size_t *max)
{
	struct wiz_conn *k = &w->conn;
	int slot = secret_slot(f);

	if (slot >= 0) {
		*max = SECRET_MAX;
		return c->sec[slot];
	}
	switch (f) {
	case WF_HOST: *max = sizeof(k->host) - 1; return k->host;
	case WF_PORT: *max = WIZ_PORT_DIGITS; return k->port;
	case WF_USER: *max = sizeof(k->user) - 1; return k->user;
	case WF_IDENTITY: *max = sizeof(k->identity) - 1; return k->identity;
	case WF_KNOWN: *max = sizeof(k->known_hosts) - 1; return k->known_hosts;
	case WF_REFLECTOR: *max = sizeof(k->reflector) - 1; return k->reflector;
	default: *max = 0; return NULL;
	}
}

/* secrets_store - the form's secret buffers become the secrets */
static void
secrets_store(struct wiz *w, struct cform *c)
{
	struct secret **dst;
	int i;

	for (i = 0; i < N_SECRETS; i++) {
		dst = secret_of(&w->conn, i);
		if (*dst != NULL && strcmp((*dst)->value, c->sec[i]) == 0)
			continue;
		secret_free(*dst);
		*dst = c->sec[i][0] != '\0' ? secret_new(c->sec[i]) : NULL;
	}
}

static void
cform_wipe(struct cform *c)
{
	volatile char *p = (volatile char *)c->sec;
	size_t i;

	for (i = 0; i < sizeof(c->sec); i++)
		p[i] = 0;
}

static void
cform_load(struct wiz *w, struct cform *c)
{
	struct secret *s;
	int i;

	for (i = 0; i < N_SECRETS; i++) {
		s = *secret_of(&w->conn, i);
		snprintf(c->sec[i], sizeof(c->sec[i]), "%s",
		    s != NULL ? s->value : "");
	}
}

static void
cform_enter(struct wiz *w, struct cform *c, int i)
{
	enum wiz_field f;
	size_t max;
	char *t;

	if (c->n == 0)
		return;
	c->cur = (i + c->n) % c->n;
	f = c->which[c->cur];
	w->cur_field = f;
	t = field_text(w, c, f, &max);
	memset(&c->ed, 0, sizeof(c->ed));
	if (t != NULL)
		wiz_edit_start(&c->ed, t, max, !w->edited[f], f == WF_PORT);
}

static void
cform_build(struct wiz *w, struct cform *c)
{
	int f, row, gap, nvis = 0, cur = 0;

	c->n = 0;
	for (f = 0; f < WF_COUNT; f++)
		nvis += wiz_field_visible(&w->conn, w->v, (enum wiz_field)f);
	gap = LINES >= 4 + 2 * nvis + 3 ? 2 : 1;
	row = 4;
	for (f = 0; f < WF_COUNT; f++) {
		if (!wiz_field_visible(&w->conn, w->v, (enum wiz_field)f))
			continue;
		if (row >= LINES - 2)
			break;
		if (f == w->cur_field)
			cur = c->n;
		c->which[c->n] = (enum wiz_field)f;
		c->row[c->n++] = row;
		row += gap;
	}
	cform_enter(w, c, cur);
}

static int
field_w(enum wiz_field f)
{
	int room = COLS - FIELD_COL - 20;

	return field_width[f] < room ? field_width[f] : room > 6 ? room : 6;
}

/* draw_value - field i: its text (marks for secrets), the cursor's view */
static void
draw_value(struct wiz *w, struct cform *c, int i)
{
	enum wiz_field f = c->which[i];
	int fw = field_w(f), k;
	size_t max, off = 0, len;
	const char *t = field_text(w, c, f, &max);
	char shown[64];

	attrset(A_UNDERLINE | (i == c->cur && c->ed.fresh ? A_DIM : 0));
	mvhline(c->row[i], FIELD_COL, ' ', fw);
	if (f == WF_AUTH) {
		snprintf(shown, sizeof(shown), "< %s >",
		    wiz_auth_name(w->conn.auth));
		mvaddnstr(c->row[i], FIELD_COL, shown, fw);
	} else if (t != NULL) {
		len = strlen(t);
		if (i == c->cur)
			off = wiz_edit_view(&c->ed, (size_t)fw);
		if (secret_slot(f) >= 0)
			for (k = 0; (size_t)k + off < len && k < fw; k++)
				mvaddch(c->row[i], FIELD_COL + k, '*');
		else
			mvaddnstr(c->row[i], FIELD_COL, t + off, fw);
	}
	attrset(A_NORMAL);
}

/* field_note - the message beside field i, or NULL */
static const char *
field_note(struct wiz *w, struct cform *c, int i, enum wiz_style *st)
{
	enum wiz_field f = c->which[i];
	const char *msg = w->touched[f] ? wiz_field_check(&w->conn, w->v, f,
	    w->dry) : NULL;
	int slot = secret_slot(f);

	*st = WST_BAD;
	if (msg != NULL)
		return msg;
	*st = WST_DIM;
	if (slot >= 0 && c->sec[slot][0] != '\0')
		return "(entered, hidden)";
	if (f == WF_AUTH)
		return "Left/Right: change";
	return NULL;
}

/* draw_note - the note of field i, wrapped into the rows down to the next
 * field's row */
static void
draw_note(struct wiz *w, struct cform *c, int i)
{
	struct wiz_lines l = { 0 };
	enum wiz_style st;
	const char *msg = field_note(w, c, i, &st);
	int col = FIELD_COL + field_w(c->which[i]) + 2, k;
	int last = i + 1 < c->n ? c->row[i + 1] : LINES - 2;
	char *t;

	if (msg == NULL || col >= COLS - 4)
		return;
	xasprintf(&t, "%s%s", st == WST_BAD ? "! " : "", msg);
	wl_wrap(&l, st, 0, COLS - col - 1, t);
	free(t);
	for (k = 0; k < (int)l.n && c->row[i] + k < last; k++) {
		attrset(wiz_style_attr(st));
		mvaddnstr(c->row[i] + k, col, l.l[k].text, COLS - col - 1);
	}
	attrset(A_NORMAL);
	wl_free(&l);
}

static void
cform_draw(struct wiz *w, struct cform *c)
{
	int i;
	char head[200];

	erase();
	wiz_frame_keep(w, WS_CONN, "Tab=Next  Enter=Continue  Ctrl-U=Clear  "
	    "Esc=Back  F1=Help  F10=Quit");
	snprintf(head, sizeof(head), "How does algoff reach your %s?",
	    w->v->name);
	attrset(A_BOLD);
	mvaddnstr(WIZ_BODY_TOP, 1, head, COLS - 2);
	attrset(A_NORMAL);
	for (i = 0; i < c->n; i++) {
		mvaddnstr(c->row[i], 2, wiz_field_label(c->which[i]),
		    FIELD_COL - 3);
		draw_value(w, c, i);
		draw_note(w, c, i);
	}
	wiz_status_line(w);
	if (c->n > 0 && c->ed.buf != NULL) {
		move(c->row[c->cur], FIELD_COL + (int)(c->ed.cur -
		    wiz_edit_view(&c->ed, (size_t)field_w(c->which[c->cur]))));
		curs_set(1);
	} else {
		if (c->n > 0)
			move(c->row[c->cur], FIELD_COL);
		curs_set(0);
	}
}

static int
cform_submit(struct wiz *w, struct cform *c)
{
	enum wiz_field bad;
	enum algoff_err r;
	int i;

	secrets_store(w, c);
	for (i = 0; i < WF_COUNT; i++)
		w->touched[i] = 1;
	bad = wiz_conn_check(&w->conn, w->v, w->dry);
	if (bad != WF_COUNT) {
		w->cur_field = bad;
		snprintf(w->status, sizeof(w->status), "%s: %s",
		    wiz_field_label(bad), wiz_field_check(&w->conn, w->v, bad,
		    w->dry));
		w->status_bad = 1;
		return NAV_STAY;
	}
	if (w->dry)
		return WS_PRECHECK;
	snprintf(w->status, sizeof(w->status), "Connecting to %s port %s and "
	    "reading the current setting...", w->conn.host, w->conn.port);
	w->status_bad = 0;
	cform_draw(w, c);
	refresh();
	r = wiz_precheck_run(w);
	if (r == ALGOFF_OK)
		return WS_PRECHECK;
	if (wiz_sig || w->quit)
		return NAV_QUIT;
	if (r == ALGOFF_ERR_HOSTKEY && w->hostkey_changed)
		return WS_HOSTKEY;
	return NAV_STAY;    /* the reason is in the status line */
}

/* edit_op - the editing operation of a key, or -1 */
static int
edit_op(int ch)
{
	switch (ch) {
	case KEY_BACKSPACE: case 127: case 8: return WE_BACK;
	case KEY_DC: case 4: return WE_DEL;              /* Delete, Ctrl-D */
	case KEY_LEFT: return WE_LEFT;
	case KEY_RIGHT: return WE_RIGHT;
	case KEY_HOME: case 1: return WE_HOME;           /* Ctrl-A */
	case KEY_END: case 5: return WE_END;             /* Ctrl-E */
	case 21: return WE_CLEAR;                        /* Ctrl-U */
	default: return ch >= ' ' && ch <= '~' ? WE_CHAR : -1;
	}
}

static int
cform_key(struct wiz *w, struct cform *c, int ch, int *rebuild)
{
	enum wiz_field cur = c->n > 0 ? c->which[c->cur] : WF_HOST;
	int op = edit_op(ch);

	if (ch == '\t' || ch == KEY_DOWN || ch == KEY_BTAB || ch == KEY_UP) {
		w->status[0] = '\0';
		secrets_store(w, c);
		w->touched[cur] = 1;
		cform_enter(w, c, c->cur + (ch == '\t' || ch == KEY_DOWN ?
		    1 : -1));
		return NAV_STAY;
	}
	if (cur == WF_AUTH && (ch == KEY_LEFT || ch == KEY_RIGHT ||
	    ch == ' ')) {
		secrets_store(w, c);
		w->conn.auth = (enum wiz_auth)((w->conn.auth + (ch == KEY_LEFT ?
		    WA_COUNT - 1 : 1)) % WA_COUNT);
		*rebuild = 1;
		return NAV_STAY;
	}
	switch (ch) {
	case KEY_F(1): case '?':
		if (ch == '?' && c->ed.buf != NULL)
			break;       /* a character of the field */
		wiz_help(w, WS_CONN);
		return NAV_STAY;
	case KEY_RESIZE: *rebuild = 1; return NAV_STAY;
	case '\n': case '\r': case KEY_ENTER:
		ch = cform_submit(w, c);
		if (ch == NAV_STAY)
			*rebuild = 1;
		return ch;
	default: break;
	}
	if (op >= 0 && c->ed.buf != NULL) {
		size_t before = strlen(c->ed.buf);
		char first = c->ed.buf[0];

		if (wiz_edit_apply(&c->ed, (enum wiz_edit_op)op, ch) &&
		    (op == WE_CHAR || op == WE_BACK || op == WE_DEL ||
		    op == WE_CLEAR) && (strlen(c->ed.buf) != before ||
		    c->ed.buf[0] != first || op == WE_CHAR))
			w->edited[cur] = 1;
	}
	return NAV_STAY;
}

int
scr_conn(struct wiz *w)
{
	struct cform c;
	int rebuild = 1, ch, r = NAV_STAY;

	memset(&c, 0, sizeof(c));
	cform_load(w, &c);
	while (r == NAV_STAY) {
		if (rebuild) {
			if (wiz_wait_size() == WK_SIGNAL) {
				r = NAV_QUIT;
				break;
			}
			cform_build(w, &c);
			if (c.n == 0) {
				r = NAV_FAIL;
				break;
			}
			rebuild = 0;
		}
		cform_draw(w, &c);
		refresh();
		ch = wiz_getkey();
		if (ch == WK_SIGNAL)
			r = NAV_QUIT;
		else if (ch == 27)
			r = NAV_BACK;
		else if (ch == KEY_F(10)) {
			if (wiz_ask("Quit algoff?"))
				r = NAV_QUIT;
		} else
			r = cform_key(w, &c, ch, &rebuild);
	}
	secrets_store(w, &c);
	cform_wipe(&c);
	curs_set(0);
	return r;
}
