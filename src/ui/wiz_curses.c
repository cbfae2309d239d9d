/* SPDX-License-Identifier: MIT */
/*
 * wiz_curses.c - the wizard's terminal: set-up and guaranteed restore
 * (atexit, SIGINT/SIGTERM/SIGHUP set a flag the loops check), the frame
 * (title bar, key bar), styled lines, and the overlays built on the panel
 * and form libraries (help, yes/no question, one-line input).
 */
#include "config.h"

#include <ctype.h>
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

/* ---- keys --------------------------------------------------------------- */

/*
 * Escape sequences that ncurses did not decode (not in the terminfo entry,
 * e.g. PuTTY's default "ESC [ 11 ~" for F1 under TERM=xterm) arrive byte by
 * byte. read_escape reads the rest of the sequence and maps the common
 * PuTTY / xterm / rxvt / Linux console variants to their keys; any other
 * sequence is dropped whole, so it neither acts as Esc nor types letters.
 */
static const struct {
	const char *seq;     /* after the ESC */
	int key;
} esc_keys[] = {
	{ "[11~", KEY_F(1) }, { "OP", KEY_F(1) }, { "[[A", KEY_F(1) },
	{ "[21~", KEY_F(10) }, { "[1~", KEY_HOME }, { "[7~", KEY_HOME },
	{ "[H", KEY_HOME }, { "OH", KEY_HOME }, { "[4~", KEY_END },
	{ "[8~", KEY_END }, { "[F", KEY_END }, { "OF", KEY_END },
	{ "[3~", KEY_DC }, { "[5~", KEY_PPAGE }, { "[6~", KEY_NPAGE },
	{ "[A", KEY_UP }, { "OA", KEY_UP }, { "[B", KEY_DOWN },
	{ "OB", KEY_DOWN }, { "[C", KEY_RIGHT }, { "OC", KEY_RIGHT },
	{ "[D", KEY_LEFT }, { "OD", KEY_LEFT }, { "[Z", KEY_BTAB },
	{ "OM", '\n' },
};

#define ESC_SEQ_MAX 16

static int
read_escape(WINDOW *win)
{
	char seq[ESC_SEQ_MAX + 1];
	int n = 0, ch;
	size_t i;

	wtimeout(win, 40);
	ch = wgetch(win);
	if (ch == ERR)
		return 27;              /* a lone Esc */
	if (ch != '[' && ch != 'O')
		return WK_NONE;         /* Alt+key: not ours */
	seq[n++] = (char)ch;
	/* CSI: parameter and intermediate bytes, then one final byte;
	 * SS3: one byte. "[[A" is the Linux console's F1. */
	while (n < ESC_SEQ_MAX && (ch = wgetch(win)) != ERR) {
		seq[n++] = (char)ch;
		if (ch == '[' && n == 2)
			continue;
		if (seq[0] == 'O' || (ch >= 0x40 && ch <= 0x7e))
			break;
	}
	seq[n] = '\0';
	for (i = 0; i < sizeof(esc_keys) / sizeof(esc_keys[0]); i++)
		if (strcmp(seq, esc_keys[i].seq) == 0)
			return esc_keys[i].key;
	return WK_NONE;
}

int
wiz_size_ok(void)
{
	return COLS >= WIZ_MIN_COLS && LINES >= WIZ_MIN_LINES;
}

/* too_small_draw - the message, wrapped to whatever width there is */
static void
too_small_draw(void)
{
	char msg[96];
	int len, off, row = 0, cols = COLS > 0 ? COLS : 1;

	len = snprintf(msg, sizeof(msg), "Terminal too small: need %dx%d, "
	    "have %dx%d. Make the window bigger (Ctrl-C quits).",
	    WIZ_MIN_COLS, WIZ_MIN_LINES, COLS, LINES);
	erase();
	for (off = 0; off < len && row < LINES; off += cols, row++)
		mvaddnstr(row, 0, msg + off, cols);
	refresh();
}

#define WIZ_KEPT_MAX 64

/*
 * keys_keep - the keys already waiting when the window shrank were typed
 * at a usable screen: read them now (ncurses reports the resize before
 * them), so that keys_replay can hand them back, in order, once the window
 * is usable again. Keys typed at the "too small" message are dropped.
 */
static int
keys_keep(int *kept)
{
	int n = 0, ch;

	nodelay(stdscr, TRUE);
	while (n < WIZ_KEPT_MAX && (ch = getch()) != ERR)
		if (ch != KEY_RESIZE)
			kept[n++] = ch;
	nodelay(stdscr, FALSE);
	return n;
}

static void
keys_replay(const int *kept, int n)
{
	while (n > 0)
		(void)ungetch(kept[--n]);  /* last first: the fifo is a stack */
}

int
wiz_wait_size(void)
{
	int ch, vis, kept[WIZ_KEPT_MAX], n;

	if (wiz_size_ok())
		return 0;
	n = keys_keep(kept);
	vis = curs_set(0);
	while (!wiz_size_ok()) {
		too_small_draw();
		if (wiz_sig)
			return WK_SIGNAL;
		timeout(250);
		ch = getch();
		(void)ch;    /* keys are dropped until the window is usable */
	}
	if (vis != ERR)
		curs_set(vis);
	clear();
	keys_replay(kept, n);
	return 0;
}

/* key_from - the next key of win: decoded escapes, too-small waits */
static int
key_from(WINDOW *win)
{
	int ch;

	for (;;) {
		if (wiz_sig)
			return WK_SIGNAL;
		if (!wiz_size_ok())
			return wiz_wait_size() == WK_SIGNAL ? WK_SIGNAL :
			    KEY_RESIZE;
		wtimeout(win, 250);
		ch = wgetch(win);
		if (ch == 27)
			ch = read_escape(win);
		if (ch == KEY_RESIZE && !wiz_size_ok())
			continue;
		if (ch != ERR && ch != WK_NONE)
			return ch;
	}
}

int
wiz_getkey(void)
{
	return key_from(stdscr);
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

/* keybar_entry - draw "Key=Action" at x as key (bold) and action */
static int
keybar_entry(const char *p, int n, int x, int bar)
{
	int kl = (int)strcspn(p, "=");

	if (kl > n)
		kl = n;
	attrset(bar | A_BOLD);
	mvaddnstr(LINES - 1, x, p, kl);
	x += kl + 1;
	if (kl < n) {
		attrset(bar);
		mvaddnstr(LINES - 1, x, p + kl + 1, n - kl - 1);
		x += n - kl - 1;
	}
	return x + 3;
}

/* draw_keybar - "Key=Action  Key=Action": keys bold, full width; entries
 * that do not fit are left out, but never the last one (the quit key) */
static void
draw_keybar(const char *keys)
{
	const char *p = keys, *last = keys;
	int x = 1, n, lastw;
	int bar = use_color ? COLOR_PAIR(CP_KEYS) : A_REVERSE;

	for (p = keys; *p != '\0'; ) {
		last = p;
		p += entry_len(p);
		while (*p == ' ')
			p++;
	}
	lastw = entry_len(last);
	move(LINES - 1, 0);
	attrset(bar);
	hline(' ', COLS);
	for (p = keys; p < last; ) {
		n = entry_len(p);
		if (x + n + 3 + lastw > COLS - 1)
			break;
		x = keybar_entry(p, n, x, bar);
		p += n;
		while (*p == ' ')
			p++;
	}
	if (x + lastw <= COLS - 1)
		keybar_entry(last, lastw, x, bar);
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

/* the status text wrapped to the screen width, at most 3 lines */
static void
status_lines(const struct wiz *w, struct wiz_lines *l)
{
	if (w->status[0] != '\0')
		wl_wrap(l, w->status_bad ? WST_BAD : WST_OK, 0, COLS - 2,
		    w->status);
	while (l->n > 3) {
		free(l->l[l->n - 1].text);
		l->n--;
	}
}

int
wiz_status_rows(const struct wiz *w)
{
	struct wiz_lines l = { 0 };
	int n;

	status_lines(w, &l);
	n = (int)l.n;
	wl_free(&l);
	return n;
}

void
wiz_status_line(const struct wiz *w)
{
	struct wiz_lines l = { 0 };
	int i;

	status_lines(w, &l);
	for (i = 0; i < (int)l.n; i++) {
		move(LINES - 1 - (int)l.n + i, 0);
		clrtoeol();
	}
	wiz_draw_lines(&l, LINES - 1 - (int)l.n, (int)l.n, 0);
	wl_free(&l);
}

void
wiz_more_marks(int above_row, int below_row, int above, int below)
{
	attrset(A_BOLD);
	if (above)
		mvaddnstr(above_row, COLS - 30 > 1 ? COLS - 30 : 1,
		    "^ more above (PgUp, Up)", COLS - 2);
	if (below)
		mvaddnstr(below_row, COLS - 30 > 1 ? COLS - 30 : 1,
		    "v more below (PgDn, Down)", COLS - 2);
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
	return key_from(win);
}

void
wiz_help(const struct wiz *w, enum wiz_screen s)
{
	struct wiz_lines l = { 0 };
	WINDOW *win;
	PANEL *pan;
	int wd = COLS - 8 < 72 ? COLS - 8 : 72;
	int vis = curs_set(0);    /* no field cursor blinking through */

	wiz_help_lines(s, w->dry, wd - 4, &l);
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
	if (vis != ERR)
		curs_set(vis);
}

int
wiz_choose(const char *question, const char *hint, const char *keys)
{
	struct wiz_lines l = { 0 };
	WINDOW *win;
	PANEL *pan;
	int ch, r = 0, wd = COLS - 8 < 64 ? COLS - 8 : 64;
	int vis = curs_set(0);

	wl_wrap(&l, WST_HEAD, 0, wd - 4, question);
	wl_add(&l, WST_TEXT, "%s", "");
	wl_wrap(&l, WST_TEXT, 0, wd - 4, hint);
	win = box_window((int)l.n + 2, wd);
	if (win == NULL)
		goto out;
	pan = new_panel(win);
	box_lines(win, &l);
	update_panels();
	doupdate();
	for (;;) {
		ch = overlay_key(win);
		if (ch == WK_SIGNAL) {
			r = WK_SIGNAL;
			break;
		}
		if (ch > 0 && ch < 127 && strchr(keys, tolower(ch)) != NULL) {
			r = tolower(ch);
			break;
		}
		if (ch == 27 || ch == KEY_RESIZE)
			break;
	}
	del_panel(pan);
	delwin(win);
out:
	wl_free(&l);
	touchwin(stdscr);
	if (vis != ERR)
		curs_set(vis);
	return r;
}

int
wiz_ask(const char *question)
{
	int k = wiz_choose(question, "y: yes    n or Esc: no", "yn");

	return k == 'y' || k == WK_SIGNAL;
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

	w->scroll = 0;
	for (;;) {
		(void)wiz_wait_size();     /* a signal shows in wiz_getkey */
		wl_free(&l);
		build(w, COLS - 2, &l);
		rows = wiz_body_rows() - wiz_status_rows(w);
		if ((int)l.n > rows)
			rows--;          /* the line for "more below" */
		maxscroll = (int)l.n - rows > 0 ? (int)l.n - rows : 0;
		if (w->scroll > maxscroll)
			w->scroll = maxscroll;
		wiz_frame(w, s, keys);
		wiz_draw_lines(&l, WIZ_BODY_TOP, rows, w->scroll);
		wiz_more_marks(WIZ_BODY_TOP - 1, WIZ_BODY_TOP + rows,
		    w->scroll > 0, w->scroll < maxscroll);
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
		case KEY_F(1): case '?': wiz_help(w, s); break;
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
