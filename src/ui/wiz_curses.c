/* SPDX-License-Identifier: MIT */
/*
 * wiz_curses.c - the wizard's terminal: set-up and guaranteed restore
 * (atexit, SIGINT/SIGTERM/SIGHUP set a flag the loops check), the frame
 * (title bar, key bar), styled lines, and the overlays built on the panel
 * and form libraries (help, yes/no question, one-line input).
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <panel.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "ui/wiz.h"
/* after our headers: term.h defines macros such as "newline" */
#include <term.h>

volatile sig_atomic_t wiz_sig;

static int term_active;
static int use_color;
static SCREEN *wiz_screen;

enum { CP_TITLE = 1, CP_KEYS, CP_OK, CP_BAD, CP_WARN, CP_CMD, CP_HEAD };

static void
on_signal(int sig)
{
	wiz_sig = sig;
}

void
wiz_term_end(void)
{
	if (!term_active)
		return;
	term_active = 0;
	curs_set(1);
	endwin();
	if (wiz_screen != NULL) {
		delscreen(wiz_screen);
		wiz_screen = NULL;
	}
	fflush(stdout);
}

static void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;     /* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
colors_init(void)
{
	const char *nc = getenv("NO_COLOR");

	use_color = 0;
	if ((nc != NULL && *nc != '\0') || !has_colors())
		return;
	if (start_color() != OK || COLORS < 8 || COLOR_PAIRS < 8)
		return;
	use_default_colors();
	init_pair(CP_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(CP_KEYS, COLOR_BLACK, COLOR_CYAN);
	init_pair(CP_OK, COLOR_GREEN, -1);
	init_pair(CP_BAD, COLOR_RED, -1);
	init_pair(CP_WARN, COLOR_YELLOW, -1);
	init_pair(CP_CMD, COLOR_CYAN, -1);
	init_pair(CP_HEAD, -1, -1);
	use_color = 1;
}

/* term_usable - TERM names a terminal with cursor addressing */
static int
term_usable(void)
{
	const char *t = getenv("TERM");
	TERMINAL *saved = cur_term;
	int err = 0, ok;

	if (t == NULL || *t == '\0' || strcmp(t, "dumb") == 0)
		return 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return 0;
	ok = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1;
	del_curterm(cur_term);
	set_curterm(saved);
	return ok;
}

int
wiz_term_init(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term_usable())
		return -1;
	wiz_screen = newterm(NULL, stdout, stdin);
	if (wiz_screen == NULL)
		return -1;
	set_term(wiz_screen);
	term_active = 1;
	atexit(wiz_term_end);
	signals_install();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init();
	return 0;
}

int
wiz_color(void)
{
	return use_color;
}

int
wiz_getkey(void)
{
	int ch;

	for (;;) {
		if (wiz_sig)
			return WK_SIGNAL;
		timeout(250);
		ch = getch();
		if (ch != ERR)
			return ch;
	}
}

int
wiz_poll_resize(void)
{
	int ch, resized = 0, i;

	nodelay(stdscr, TRUE);
	for (i = 0; i < 64; i++) {
		ch = getch();
		if (ch == ERR)
			break;
		if (ch == KEY_RESIZE)
			resized = 1;
	}
	nodelay(stdscr, FALSE);
	return resized;
}

int
wiz_style_attr(enum wiz_style st)
{
	switch (st) {
	case WST_HEAD: return A_BOLD;
	case WST_CMD: return use_color ? COLOR_PAIR(CP_CMD) : (int)A_NORMAL;
	case WST_OK:
		return use_color ? (int)(COLOR_PAIR(CP_OK) | A_BOLD) : A_BOLD;
	case WST_BAD:
		return use_color ? (int)(COLOR_PAIR(CP_BAD) | A_BOLD) :
		    (int)(A_BOLD | A_UNDERLINE);
	case WST_WARN:
		return use_color ? COLOR_PAIR(CP_WARN) : (int)A_BOLD;
	case WST_DIM: return A_DIM;
	default: return A_NORMAL;
	}
}

/* bytes of s that fit in cols display columns (UTF-8 aware) */
static int
fit(const char *s, int cols)
{
	int i, c = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (c == cols)
				return i;
			c++;
		}
	}
	return i;
}

int
wiz_body_rows(void)
{
	int r = LINES - WIZ_BODY_TOP - 1;

	return r > 1 ? r : 1;
}

/* entry_len - an entry of the key bar ends at two blanks or the end */
static int
entry_len(const char *p)
{
	const char *e = strstr(p, "  ");

	return e != NULL ? (int)(e - p) : (int)strlen(p);
}

/* draw_keybar - "Key=Action  Key=Action": keys bold, full width */
static void
draw_keybar(const char *keys)
{
	const char *p = keys;
	int x = 1, n, kl, room;
	int bar = use_color ? COLOR_PAIR(CP_KEYS) : A_REVERSE;

	move(LINES - 1, 0);
	attrset(bar);
	hline(' ', COLS);
	while (*p != '\0' && x < COLS - 2) {
		n = entry_len(p);
		kl = (int)strcspn(p, "=");
		if (kl > n)
			kl = n;
		room = COLS - 1 - x;
		attrset(bar | A_BOLD);
		mvaddnstr(LINES - 1, x, p, kl < room ? kl : room);
		x += kl + 1;
		room = COLS - 1 - x;
		if (kl < n && room > 0) {
			attrset(bar);
			mvaddnstr(LINES - 1, x, p + kl + 1,
			    n - kl - 1 < room ? n - kl - 1 : room);
			x += n - kl - 1;
		}
		p += n;
		while (*p == ' ')
			p++;
		x += 3;
	}
	attrset(A_NORMAL);
}

void
wiz_frame(const struct wiz *w, enum wiz_screen s, const char *keys)
{
	erase();
	wiz_frame_keep(w, s, keys);
}

void
wiz_frame_keep(const struct wiz *w, enum wiz_screen s, const char *keys)
{
	char left[160], right[32];
	int title = use_color ? (int)(COLOR_PAIR(CP_TITLE) | A_BOLD) :
	    (int)(A_REVERSE | A_BOLD);
	int rl, ll;

	snprintf(left, sizeof(left), " algoff wizard - %s%s",
	    wiz_screen_title(s), w->dry ? " (dry run)" : "");
	rl = snprintf(right, sizeof(right), "step %d of %d",
	    wiz_screen_step(s), WIZ_STEPS);
	attrset(title);
	move(0, 0);
	hline(' ', COLS);
	ll = fit(left, COLS - rl - 2);
	mvaddnstr(0, 0, left, ll);
	if (COLS > rl + 2)
		mvaddstr(0, COLS - rl, right);
	attrset(A_NORMAL);
	draw_keybar(keys);
}

void
wiz_draw_lines(const struct wiz_lines *l, int top, int rows, int scroll)
{
	int i, idx;

	for (i = 0; i < rows; i++) {
		idx = scroll + i;
		if (idx < 0 || (size_t)idx >= l->n)
			break;
		attrset(wiz_style_attr(l->l[idx].style));
		mvaddnstr(top + i, 1, l->l[idx].text,
		    fit(l->l[idx].text, COLS - 2));
	}
	attrset(A_NORMAL);
}

void
wiz_status_line(const struct wiz *w)
{
	if (w->status[0] == '\0')
		return;
	attrset(wiz_style_attr(w->status_bad ? WST_BAD : WST_OK));
	move(LINES - 2, 0);
	clrtoeol();
	mvaddnstr(LINES - 2, 1, w->status, fit(w->status, COLS - 2));
	attrset(A_NORMAL);
}

/* ---- overlays --------------------------------------------------------- */

static WINDOW *
box_window(int h, int wd)
{
	WINDOW *win;

	if (h > LINES - 2)
		h = LINES - 2;
	if (wd > COLS - 2)
		wd = COLS - 2;
	if (h < 3)
		h = 3;
	if (wd < 10)
		wd = 10;
	win = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
	if (win == NULL)
		return NULL;
	keypad(win, TRUE);
	werase(win);
	box(win, 0, 0);
	return win;
}

static void
box_lines(WINDOW *win, const struct wiz_lines *l)
{
	int i, h, wd;

	getmaxyx(win, h, wd);
	for (i = 0; i + 2 < h && (size_t)i < l->n; i++) {
		wattrset(win, wiz_style_attr(l->l[i].style));
		mvwaddnstr(win, i + 1, 2, l->l[i].text, fit(l->l[i].text, wd - 4));
	}
	wattrset(win, A_NORMAL);
}

static int
overlay_key(WINDOW *win)
{
	int ch;

	for (;;) {
		if (wiz_sig)
			return WK_SIGNAL;
		wtimeout(win, 250);
		ch = wgetch(win);
		if (ch != ERR && ch != KEY_RESIZE)
			return ch;
		if (ch == KEY_RESIZE)
			return ch;
	}
}

void
wiz_help(enum wiz_screen s)
{
	struct wiz_lines l = { 0 };
	WINDOW *win;
	PANEL *pan;
	int wd = COLS - 8 < 72 ? COLS - 8 : 72;

	wiz_help_lines(s, wd - 4, &l);
	win = box_window((int)l.n + 2, wd);
	if (win == NULL)
		goto out;
	pan = new_panel(win);
	box_lines(win, &l);
	update_panels();
	doupdate();
	overlay_key(win);
	del_panel(pan);
	delwin(win);
out:
	wl_free(&l);
	touchwin(stdscr);
}

int
wiz_ask(const char *question)
{
	struct wiz_lines l = { 0 };
	WINDOW *win;
	PANEL *pan;
	int ch, r = 0, wd = COLS - 8 < 60 ? COLS - 8 : 60;

	wl_wrap(&l, WST_HEAD, 0, wd - 4, question);
	wl_add(&l, WST_TEXT, "%s", "");
	wl_add(&l, WST_TEXT, "y: yes    n or Esc: no");
	win = box_window((int)l.n + 2, wd);
	if (win == NULL)
		goto out;
	pan = new_panel(win);
	box_lines(win, &l);
	update_panels();
	doupdate();
	for (;;) {
		ch = overlay_key(win);
		if (ch == 'y' || ch == 'Y' || ch == WK_SIGNAL) {
			r = 1;
			break;
		}
		if (ch == 'n' || ch == 'N' || ch == 27 || ch == KEY_RESIZE)
			break;
	}
	del_panel(pan);
	delwin(win);
out:
	wl_free(&l);
	touchwin(stdscr);
	return r;
}

/* trimmed copy of a form field's buffer */
static void
field_copy(FIELD *f, char *out, size_t len)
{
	const char *b = field_buffer(f, 0);
	size_t n = b != NULL ? strlen(b) : 0;

	while (n > 0 && b[n - 1] == ' ')
		n--;
	if (n >= len)
		n = len - 1;
	if (b != NULL)
		memcpy(out, b, n);
	out[n] = '\0';
}

int
wiz_input(const char *title, const char *prompt, char *buf, size_t len)
{
	FIELD *fields[2] = { NULL, NULL };
	FORM *form = NULL;
	WINDOW *win = NULL, *sub = NULL;
	PANEL *pan = NULL;
	int ch, r = -1, wd = COLS - 4 < 76 ? COLS - 4 : 76;

	win = box_window(7, wd);
	if (win == NULL)
		return 0;
	getmaxyx(win, ch, wd);
	pan = new_panel(win);
	wattrset(win, A_BOLD);
	mvwaddnstr(win, 1, 2, title, fit(title, wd - 4));
	wattrset(win, A_NORMAL);
	mvwaddnstr(win, 2, 2, prompt, fit(prompt, wd - 4));
	mvwaddnstr(win, 5, 2, "Enter: OK    Esc: cancel", wd - 4);
	fields[0] = new_field(1, wd - 4, 0, 0, 0, 0);
	if (fields[0] == NULL)
		goto out;
	set_field_back(fields[0], A_UNDERLINE);
	field_opts_off(fields[0], O_AUTOSKIP | O_STATIC);
	set_max_field(fields[0], (int)len - 1);
	set_field_buffer(fields[0], 0, buf);
	form = new_form(fields);
	sub = derwin(win, 1, wd - 4, 3, 2);
	if (form == NULL || sub == NULL)
		goto out;
	set_form_win(form, win);
	set_form_sub(form, sub);
	post_form(form);
	form_driver(form, REQ_END_LINE);
	curs_set(1);
	while (r < 0) {
		update_panels();
		doupdate();
		ch = overlay_key(win);
		if (ch == WK_SIGNAL || ch == 27 || ch == KEY_RESIZE)
			r = 0;
		else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			form_driver(form, REQ_VALIDATION);
			field_copy(fields[0], buf, len);
			r = 1;
		} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8)
			form_driver(form, REQ_DEL_PREV);
		else if (ch == KEY_DC)
			form_driver(form, REQ_DEL_CHAR);
		else if (ch == 21)     /* Ctrl-U */
			form_driver(form, REQ_CLR_FIELD);
		else if (ch == KEY_LEFT)
			form_driver(form, REQ_PREV_CHAR);
		else if (ch == KEY_RIGHT)
			form_driver(form, REQ_NEXT_CHAR);
		else if (ch == KEY_HOME)
			form_driver(form, REQ_BEG_LINE);
		else if (ch == KEY_END)
			form_driver(form, REQ_END_LINE);
		else if (ch >= ' ' && ch < 127)
			form_driver(form, ch);
	}
	curs_set(0);
out:
	if (form != NULL) {
		unpost_form(form);
		free_form(form);
	}
	if (fields[0] != NULL)
		free_field(fields[0]);
	if (sub != NULL)
		delwin(sub);
	if (pan != NULL)
		del_panel(pan);
	delwin(win);
	touchwin(stdscr);
	return r > 0;
}

/* ---- scrolling text screens ------------------------------------------ */

static int
is_enter(int ch)
{
	return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

int
wiz_text_screen(struct wiz *w, enum wiz_screen s,
    void (*build)(struct wiz *, int, struct wiz_lines *), const char *keys,
    const char *extra)
{
	struct wiz_lines l = { 0 };
	int ch, rows, maxscroll;
	char more[48];

	w->scroll = 0;
	for (;;) {
		wl_free(&l);
		build(w, COLS - 2, &l);
		rows = wiz_body_rows() - (w->status[0] ? 1 : 0);
		maxscroll = (int)l.n - rows > 0 ? (int)l.n - rows : 0;
		if (w->scroll > maxscroll)
			w->scroll = maxscroll;
		wiz_frame(w, s, keys);
		wiz_draw_lines(&l, WIZ_BODY_TOP, rows, w->scroll);
		if (maxscroll > 0) {
			snprintf(more, sizeof(more), "lines %d-%d of %zu, PgDn",
			    w->scroll + 1, w->scroll + rows, l.n);
			attrset(A_DIM);
			mvaddstr(1, COLS - 1 - (int)strlen(more), more);
			attrset(A_NORMAL);
		}
		wiz_status_line(w);
		refresh();
		ch = wiz_getkey();
		switch (ch) {
		case WK_SIGNAL:
			wl_free(&l);
			return NAV_QUIT;
		case KEY_DOWN: w->scroll++; break;
		case KEY_UP: if (w->scroll > 0) w->scroll--; break;
		case KEY_NPAGE: case ' ': w->scroll += rows - 1; break;
		case KEY_PPAGE:
			w->scroll = w->scroll > rows - 1 ? w->scroll - rows + 1 : 0;
			break;
		case KEY_HOME: w->scroll = 0; break;
		case KEY_END: w->scroll = maxscroll; break;
		case KEY_F(1): case '?': wiz_help(s); break;
		case 27:
			wl_free(&l);
			return 27;
		case 'q': case 'Q': case KEY_F(10):
			if (wiz_ask("Quit algoff?")) {
				wl_free(&l);
				return NAV_QUIT;
			}
			break;
		default:
			if (is_enter(ch)) {
				wl_free(&l);
				return '\n';
			}
			if (ch > 0 && ch < 127 && extra != NULL &&
			    strchr(extra, ch) != NULL) {
				wl_free(&l);
				return ch;
			}
			break;
		}
		if (w->scroll > maxscroll)
			w->scroll = maxscroll;
	}
}
