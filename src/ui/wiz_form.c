/* SPDX-License-Identifier: MIT */
/*
 * wiz_form.c - the connection screen: a form (form library) with host,
 * port, user, authentication, key file or password, enable password where
 * the family has an enable step, known hosts and an optional reflector.
 * Each field is checked when the cursor leaves it and the message stands
 * next to it. Password fields are not public (never echoed); their text
 * moves into a struct secret and the field buffer is overwritten.
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/wiz.h"

#define FIELD_COL 20

static const int field_width[WF_COUNT] = {
	[WF_HOST] = 30, [WF_PORT] = 6, [WF_USER] = 30, [WF_AUTH] = 16,
	[WF_IDENTITY] = 30, [WF_PASSWORD] = 30, [WF_ENABLE] = 30,
	[WF_KNOWN] = 30, [WF_REFLECTOR] = 30,
};

struct cform {
	FIELD *f[WF_COUNT + 1];
	enum wiz_field which[WF_COUNT];
	int row[WF_COUNT];
	int n;
	FORM *form;
};

/* model text of field f (not for secrets or auth) */
static char *
model_text(struct wiz_conn *c, enum wiz_field f, size_t *len)
{
	switch (f) {
	case WF_HOST: *len = sizeof(c->host); return c->host;
	case WF_PORT: *len = sizeof(c->port); return c->port;
	case WF_USER: *len = sizeof(c->user); return c->user;
	case WF_IDENTITY: *len = sizeof(c->identity); return c->identity;
	case WF_KNOWN: *len = sizeof(c->known_hosts); return c->known_hosts;
	case WF_REFLECTOR: *len = sizeof(c->reflector); return c->reflector;
	default: *len = 0; return NULL;
	}
}

static int
is_secret(enum wiz_field f)
{
	return f == WF_PASSWORD || f == WF_ENABLE;
}

static void
cform_free(struct cform *c)
{
	int i;

	if (c->form != NULL) {
		unpost_form(c->form);
		free_form(c->form);
	}
	for (i = 0; i < c->n; i++)
		free_field(c->f[i]);
	memset(c, 0, sizeof(*c));
}

static int
cf_index(const struct cform *c, enum wiz_field f)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (c->which[i] == f)
			return i;
	return -1;
}

static void
auth_text(const struct wiz_conn *conn, char *out, size_t len)
{
	snprintf(out, len, "< %s >", wiz_auth_name(conn->auth));
}

static FIELD *
make_field(struct wiz *w, enum wiz_field wf, int row)
{
	FIELD *f = new_field(1, field_width[wf], row, FIELD_COL, 0, 0);
	char tmp[32];
	size_t len;
	char *text;

	if (f == NULL)
		return NULL;
	set_field_back(f, A_UNDERLINE);
	field_opts_off(f, O_AUTOSKIP);
	text = model_text(&w->conn, wf, &len);
	if (text != NULL && wf != WF_PORT) {
		field_opts_off(f, O_STATIC);
		set_max_field(f, (int)len - 1);
	}
	if (wf == WF_AUTH) {
		field_opts_off(f, O_EDIT);
		auth_text(&w->conn, tmp, sizeof(tmp));
		set_field_buffer(f, 0, tmp);
	} else if (is_secret(wf))
		field_opts_off(f, O_PUBLIC);
	else if (text != NULL)
		set_field_buffer(f, 0, text);
	return f;
}

static int
cform_build(struct wiz *w, struct cform *c)
{
	int f, row, gap, nvis = 0;

	memset(c, 0, sizeof(*c));
	for (f = 0; f < WF_COUNT; f++)
		nvis += wiz_field_visible(&w->conn, w->v, (enum wiz_field)f);
	gap = LINES >= 4 + 2 * nvis + 3 ? 2 : 1;
	row = 4;
	for (f = 0; f < WF_COUNT; f++) {
		if (!wiz_field_visible(&w->conn, w->v, (enum wiz_field)f))
			continue;
		if (row >= LINES - 2)
			break;
		c->f[c->n] = make_field(w, (enum wiz_field)f, row);
		if (c->f[c->n] == NULL)
			return -1;
		c->which[c->n] = (enum wiz_field)f;
		c->row[c->n] = row;
		c->n++;
		row += gap;
	}
	c->f[c->n] = NULL;
	c->form = new_form(c->f);
	if (c->form == NULL)
		return -1;
	set_form_win(c->form, stdscr);
	set_form_sub(c->form, stdscr);
	return 0;
}

/* secret_take - the field's text becomes the secret; the buffer is wiped */
static void
secret_take(FIELD *f, struct secret **dst)
{
	char *b = field_buffer(f, 0), *copy;
	size_t n;

	if (b == NULL)
		return;
	n = strlen(b);
	while (n > 0 && b[n - 1] == ' ')
		n--;
	if (n == 0)
		return;
	copy = xstrndup(b, n);
	secret_free(*dst);
	*dst = secret_new(copy);
	freezero(copy, n);
	memset(b, ' ', strlen(b));
	set_field_buffer(f, 0, "");
}

static void
cform_sync(struct wiz *w, struct cform *c)
{
	int i;
	size_t len, n;
	char *dst;
	const char *b;

	form_driver(c->form, REQ_VALIDATION);
	for (i = 0; i < c->n; i++) {
		if (c->which[i] == WF_PASSWORD)
			secret_take(c->f[i], &w->conn.password);
		else if (c->which[i] == WF_ENABLE)
			secret_take(c->f[i], &w->conn.enable);
		dst = model_text(&w->conn, c->which[i], &len);
		b = field_buffer(c->f[i], 0);
		if (dst == NULL || b == NULL)
			continue;
		n = strlen(b);
		while (n > 0 && b[n - 1] == ' ')
			n--;
		while (n > 0 && *b == ' ') {
			b++;
			n--;
		}
		if (n >= len)
			n = len - 1;
		memcpy(dst, b, n);
		dst[n] = '\0';
	}
}

static void
cform_marks(struct wiz *w, struct cform *c)
{
	const char *msg;
	int i, col;
	const struct secret *s;

	for (i = 0; i < c->n; i++) {
		col = FIELD_COL + field_width[c->which[i]] + 2;
		move(c->row[i], col);
		clrtoeol();
		if (col >= COLS - 4)
			continue;
		msg = w->touched[c->which[i]] ? wiz_field_check(&w->conn, w->v,
		    c->which[i], w->dry) : NULL;
		s = c->which[i] == WF_PASSWORD ? w->conn.password :
		    c->which[i] == WF_ENABLE ? w->conn.enable : NULL;
		if (msg != NULL) {
			attrset(wiz_style_attr(WST_BAD));
			mvaddnstr(c->row[i], col, "! ", COLS - col - 1);
			addnstr(msg, COLS - col - 3);
		} else if (s != NULL && s->len > 0) {
			attrset(wiz_style_attr(WST_DIM));
			mvaddnstr(c->row[i], col, "(entered, hidden)",
			    COLS - col - 1);
		} else if (c->which[i] == WF_AUTH) {
			attrset(wiz_style_attr(WST_DIM));
			mvaddnstr(c->row[i], col, "Left/Right: change",
			    COLS - col - 1);
		}
		attrset(A_NORMAL);
	}
	move(LINES - 2, 0);
	clrtoeol();
	wiz_status_line(w);
}

static void
cform_draw(struct wiz *w, struct cform *c)
{
	int i, cur;
	char head[200];

	/* post_form() erases the window: post first, then draw around it */
	unpost_form(c->form);
	erase();
	post_form(c->form);
	wiz_frame_keep(w, WS_CONN, "Tab/Down=Next field  Enter=Continue  "
	    "Esc=Back  F1=Help  F10=Quit");
	snprintf(head, sizeof(head), "How does algoff reach your %s?",
	    w->v->name);
	attrset(A_BOLD);
	mvaddnstr(WIZ_BODY_TOP, 1, head, COLS - 2);
	attrset(A_NORMAL);
	for (i = 0; i < c->n; i++)
		mvaddnstr(c->row[i], 2, wiz_field_label(c->which[i]),
		    FIELD_COL - 3);
	cur = cf_index(c, (enum wiz_field)w->cur_field);
	if (cur >= 0)
		set_current_field(c->form, c->f[cur]);
	form_driver(c->form, REQ_END_FIELD);
	cform_marks(w, c);
}

static int
cform_submit(struct wiz *w, struct cform *c)
{
	enum wiz_field bad;
	enum algoff_err r;
	int i;

	cform_sync(w, c);
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
	cform_marks(w, c);
	refresh();
	w->accept_new = 0;
	r = wiz_precheck_run(w);
	if (r == ALGOFF_OK)
		return WS_PRECHECK;
	if (r == ALGOFF_ERR_HOSTKEY)
		return WS_HOSTKEY;
	return NAV_STAY;    /* the reason is in the status line */
}

static int
cform_key(struct wiz *w, struct cform *c, int ch, int *rebuild)
{
	FIELD *cf = current_field(c->form);
	int ci = cf != NULL ? field_index(cf) : -1;
	enum wiz_field cur = ci >= 0 && ci < c->n ? c->which[ci] : WF_HOST;

	if (ch == '\t' || ch == KEY_DOWN || ch == KEY_BTAB || ch == KEY_UP)
		w->status[0] = '\0';
	switch (ch) {
	case '\t': case KEY_DOWN:
		cform_sync(w, c);
		w->touched[cur] = 1;
		form_driver(c->form, REQ_NEXT_FIELD);
		form_driver(c->form, REQ_END_FIELD);
		break;
	case KEY_BTAB: case KEY_UP:
		cform_sync(w, c);
		w->touched[cur] = 1;
		form_driver(c->form, REQ_PREV_FIELD);
		form_driver(c->form, REQ_END_FIELD);
		break;
	case KEY_LEFT: case KEY_RIGHT: case ' ':
		if (cur != WF_AUTH) {
			form_driver(c->form, ch == KEY_LEFT ? REQ_PREV_CHAR :
			    ch == KEY_RIGHT ? REQ_NEXT_CHAR : ' ');
			break;
		}
		cform_sync(w, c);
		w->conn.auth = (enum wiz_auth)((w->conn.auth + (ch == KEY_LEFT ?
		    WA_COUNT - 1 : 1)) % WA_COUNT);
		w->cur_field = WF_AUTH;
		*rebuild = 1;
		return NAV_STAY;
	case KEY_BACKSPACE: case 127: case 8:
		form_driver(c->form, REQ_DEL_PREV);
		break;
	case KEY_DC: form_driver(c->form, REQ_DEL_CHAR); break;
	case 21: form_driver(c->form, REQ_CLR_FIELD); break;    /* Ctrl-U */
	case KEY_HOME: form_driver(c->form, REQ_BEG_FIELD); break;
	case KEY_END: form_driver(c->form, REQ_END_FIELD); break;
	case KEY_F(1): wiz_help(WS_CONN); *rebuild = 1; break;
	case KEY_RESIZE: cform_sync(w, c); *rebuild = 1; break;
	case '\n': case '\r': case KEY_ENTER:
		ch = cform_submit(w, c);
		if (ch == NAV_STAY)
			*rebuild = 1;
		return ch;
	default:
		if (ch > ' ' && ch < 127)
			form_driver(c->form, ch);
		break;
	}
	cf = current_field(c->form);
	ci = cf != NULL ? field_index(cf) : -1;
	if (ci >= 0 && ci < c->n)
		w->cur_field = c->which[ci];
	return NAV_STAY;
}

int
scr_conn(struct wiz *w)
{
	struct cform c;
	int rebuild = 1, ch, r = NAV_STAY;

	memset(&c, 0, sizeof(c));
	curs_set(1);
	while (r == NAV_STAY) {
		if (rebuild) {
			cform_free(&c);
			if (cform_build(w, &c) != 0) {
				r = NAV_QUIT;
				break;
			}
			cform_draw(w, &c);
			rebuild = 0;
		} else
			cform_marks(w, &c);
		pos_form_cursor(c.form);
		refresh();
		ch = wiz_getkey();
		if (ch == WK_SIGNAL)
			r = NAV_QUIT;
		else if (ch == 27) {
			cform_sync(w, &c);
			r = NAV_BACK;
		} else if (ch == KEY_F(10)) {
			if (wiz_ask("Quit algoff?"))
				r = NAV_QUIT;
			rebuild = 1;
		} else
			r = cform_key(w, &c, ch, &rebuild);
	}
	cform_free(&c);
	curs_set(0);
	return r;
}
