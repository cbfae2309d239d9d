/* SPDX-License-Identifier: MIT */
/*
 * wiz_screens.c - one function per wizard screen and the loop that moves
 * between them (a stack: Esc pops one screen). The vendor list uses the
 * menu library; the connection form is in wiz_form.c. Texts come from the
 * pure builders in wiz_text.c.
 */
#include "config.h"

#include <curses.h>
#include <menu.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "ui/wiz.h"

#define KEYS_TEXT "Enter=Next  Esc=Back  Up/Down=Scroll  F1=Help  q=Quit"

/* ---- simple text screens --------------------------------------------- */

static void
build_welcome(struct wiz *w, int width, struct wiz_lines *l)
{
	wiz_welcome_lines(w->dry, width, l);
}

static int
scr_welcome(struct wiz *w)
{
	int k = wiz_text_screen(w, WS_WELCOME, build_welcome,
	    "Enter=Start  F1=Help  q=Quit", NULL);

	if (k == '\n')
		return WS_VENDOR;
	if (k == 27)
		return wiz_ask("Quit algoff?") ? NAV_QUIT : WS_WELCOME |
		    NAV_REPLACE;
	return NAV_QUIT;
}

static void
build_unsure(struct wiz *w, int width, struct wiz_lines *l)
{
	(void)w;
	wiz_unsure_lines(width, l);
}

static int
scr_unsure(struct wiz *w)
{
	int k = wiz_text_screen(w, WS_UNSURE, build_unsure,
	    "Esc=Back to the list  F1=Help  q=Quit", NULL);

	return k == NAV_QUIT ? NAV_QUIT : NAV_BACK;
}

static void
build_manual(struct wiz *w, int width, struct wiz_lines *l)
{
	wiz_manual_lines(w->v, width, l);
}

static int
scr_manual(struct wiz *w)
{
	int k = wiz_text_screen(w, WS_MANUAL, build_manual,
	    "Enter=Verify now  Esc=Back  F1=Help  q=Quit", NULL);

	if (k == NAV_QUIT)
		return NAV_QUIT;
	if (k == 27)
		return NAV_BACK;
	if (w->dry)
		return WS_SUMMARY;
	if (w->conn.reflector[0] == '\0' &&
	    !wiz_input("Verify now: the SIP probe", "Reflector address "
	    "(HOST or HOST:PORT, running \"algoff reflector\"):",
	    w->conn.reflector, sizeof(w->conn.reflector)))
		return WS_MANUAL | NAV_REPLACE;
	if (wiz_check_reflector(w->conn.reflector) != NULL) {
		snprintf(w->status, sizeof(w->status), "Reflector: %s",
		    wiz_check_reflector(w->conn.reflector));
		w->status_bad = 1;
		w->conn.reflector[0] = '\0';
		return WS_MANUAL | NAV_REPLACE;
	}
	wiz_probe_run(w);
	return WS_VERIFY;
}

/* ---- vendor list (menu library) -------------------------------------- */

struct vmenu {
	struct wiz_list list;
	ITEM **items;
	char (*names)[128];
	MENU *menu;
	WINDOW *sub;
};

static void
vmenu_free(struct vmenu *m)
{
	size_t i;

	if (m->menu != NULL) {
		unpost_menu(m->menu);
		free_menu(m->menu);
	}
	for (i = 0; m->items != NULL && m->items[i] != NULL; i++)
		free_item(m->items[i]);
	free(m->items);
	free(m->names);
	if (m->sub != NULL)
		delwin(m->sub);
	wiz_list_free(&m->list);
	memset(m, 0, sizeof(*m));
}

static int
is_header(const struct vmenu *m, ITEM *it)
{
	int i = it != NULL ? item_index(it) : -1;

	return i >= 0 && (size_t)i < m->list.n &&
	    m->list.it[i].kind == WI_FAMILY;
}

/* menu_move - drive req, stepping over family headers */
static void
menu_move(struct vmenu *m, int req, int step)
{
	ITEM *before = current_item(m->menu);
	int i;

	if (menu_driver(m->menu, req) != E_OK)
		return;
	for (i = 0; i < 8 && is_header(m, current_item(m->menu)); i++)
		if (menu_driver(m->menu, step) != E_OK)
			break;
	if (is_header(m, current_item(m->menu)))
		set_current_item(m->menu, before);
}

static int
vmenu_build(struct wiz *w, struct vmenu *m)
{
	int rows = LINES - 8, width = COLS - 4, namew, cur = -1;
	size_t i;

	if (rows < 3 || width < 30)
		return -1;
	wiz_vendor_list((const struct vendor *const *)w->vs.v, w->vs.n,
	    w->filter, &m->list);
	m->items = xcalloc(m->list.n + 1, sizeof(*m->items));
	m->names = xcalloc(m->list.n, sizeof(*m->names));
	namew = width - 2 - 1 - 11;
	if (namew > 120)
		namew = 120;
	for (i = 0; i < m->list.n; i++) {
		const struct wiz_item *it = &m->list.it[i];

		snprintf(m->names[i], sizeof(m->names[i]), "%s%.*s",
		    it->kind == WI_FAMILY ? "" : "  ",
		    namew - (it->kind == WI_FAMILY ? 0 : 2), it->label);
		m->items[i] = new_item(m->names[i],
		    it->tag != NULL ? it->tag : "");
		if (m->items[i] == NULL)
			return -1;
		if (it->kind == WI_FAMILY)
			item_opts_off(m->items[i], O_SELECTABLE);
	}
	m->menu = new_menu(m->items);
	m->sub = derwin(stdscr, rows, width, 5, 2);
	if (m->menu == NULL || m->sub == NULL)
		return -1;
	set_menu_win(m->menu, stdscr);
	set_menu_sub(m->menu, m->sub);
	set_menu_format(m->menu, rows, 1);
	set_menu_mark(m->menu, "> ");
	set_menu_fore(m->menu, A_REVERSE);
	set_menu_grey(m->menu, A_BOLD);
	set_menu_back(m->menu, A_NORMAL);
	cur = wiz_list_find(&m->list, w->sel_id);
	for (i = 0; cur < 0 && i < m->list.n; i++)
		if (m->list.it[i].kind != WI_FAMILY)
			cur = (int)i;
	if (post_menu(m->menu) != E_OK)
		return -1;
	if (cur >= 0)
		set_current_item(m->menu, m->items[cur]);
	return 0;
}

static void
vendor_draw(struct wiz *w, struct vmenu *m)
{
	unpost_menu(m->menu);
	wiz_frame(w, WS_VENDOR,
	    "Type=Filter  Up/Down=Move  Enter=Select  Esc=Back  F1=Help  "
	    "F10=Quit");
	attrset(A_BOLD);
	mvaddstr(WIZ_BODY_TOP, 1, "Which router or firewall? Type to filter: ");
	attrset(A_UNDERLINE);
	addstr(w->filter);
	addstr(" ");
	if (m->list.n <= 2) {     /* only the "not sure" entry */
		attrset(wiz_style_attr(WST_BAD));
		addstr("  no match (Ctrl-U clears)");
	}
	attrset(A_DIM);
	mvaddnstr(WIZ_BODY_TOP + 1, 1, "ssh: algoff configures it over SSH   "
	    "guided: algoff shows the web-page steps", COLS - 2);
	attrset(A_NORMAL);
	post_menu(m->menu);
	wiz_status_line(w);
	refresh();
}

static int
vendor_pick(struct wiz *w, struct vmenu *m)
{
	ITEM *it = current_item(m->menu);
	int i = it != NULL ? item_index(it) : -1;
	const struct wiz_item *wi;

	if (i < 0 || (size_t)i >= m->list.n)
		return NAV_STAY;
	wi = &m->list.it[i];
	if (wi->kind == WI_UNSURE)
		return WS_UNSURE;
	if (wi->kind != WI_VENDOR)
		return NAV_STAY;
	if (w->v != wi->v) {
		memset(w->touched, 0, sizeof(w->touched));
		w->cur_field = 0;
		if (w->have_plan)
			plan_free(&w->plan);
		w->have_plan = 0;
	}
	w->v = wi->v;
	snprintf(w->sel_id, sizeof(w->sel_id), "%s", wi->v->id);
	return wi->v->method == VENDOR_MANUAL ? WS_MANUAL : WS_CONN;
}

static int
vendor_key(struct wiz *w, struct vmenu *m, int ch, int *rebuild)
{
	size_t n = strlen(w->filter);

	switch (ch) {
	case KEY_DOWN: menu_move(m, REQ_DOWN_ITEM, REQ_DOWN_ITEM); break;
	case KEY_UP: menu_move(m, REQ_UP_ITEM, REQ_DOWN_ITEM); break;
	case KEY_NPAGE: menu_move(m, REQ_SCR_DPAGE, REQ_DOWN_ITEM); break;
	case KEY_PPAGE: menu_move(m, REQ_SCR_UPAGE, REQ_DOWN_ITEM); break;
	case KEY_HOME: menu_move(m, REQ_FIRST_ITEM, REQ_DOWN_ITEM); break;
	case KEY_END: menu_move(m, REQ_LAST_ITEM, REQ_UP_ITEM); break;
	case '\t': menu_move(m, REQ_DOWN_ITEM, REQ_DOWN_ITEM); break;
	case KEY_BTAB: menu_move(m, REQ_UP_ITEM, REQ_DOWN_ITEM); break;
	case KEY_F(1): wiz_help(w, WS_VENDOR); break;
	case KEY_RESIZE: *rebuild = 1; break;
	case 21:     /* Ctrl-U */
		w->filter[0] = '\0';
		*rebuild = 1;
		break;
	case KEY_BACKSPACE: case 127: case 8:
		if (n > 0) {
			w->filter[n - 1] = '\0';
			*rebuild = 1;
		}
		break;
	case '\n': case '\r': case KEY_ENTER:
		return vendor_pick(w, m);
	default:
		if (ch >= ' ' && ch < 127 && n + 1 < sizeof(w->filter)) {
			w->filter[n] = (char)ch;
			w->filter[n + 1] = '\0';
			*rebuild = 1;
		}
		break;
	}
	return NAV_STAY;
}

int
scr_vendor(struct wiz *w)
{
	struct vmenu m;
	int rebuild = 1, ch, r = NAV_STAY;

	memset(&m, 0, sizeof(m));
	w->filter[0] = '\0';      /* each visit starts with the whole list */
	while (r == NAV_STAY) {
		if (rebuild) {
			vmenu_free(&m);
			if (wiz_wait_size() == WK_SIGNAL) {
				r = NAV_QUIT;
				break;
			}
			if (vmenu_build(w, &m) != 0) {
				r = NAV_FAIL;
				break;
			}
			rebuild = 0;
		}
		vendor_draw(w, &m);
		ch = wiz_getkey();
		if (ch == WK_SIGNAL)
			r = NAV_QUIT;
		else if (ch == 27)
			r = NAV_BACK;
		else if (ch == KEY_F(10)) {
			if (wiz_ask("Quit algoff?"))
				r = NAV_QUIT;
		} else {
			ITEM *cur = current_item(m.menu);
			int i = cur != NULL ? item_index(cur) : -1;

			/* remember the highlighted vendor across filtering */
			if (i >= 0 && (size_t)i < m.list.n &&
			    m.list.it[i].kind == WI_VENDOR)
				snprintf(w->sel_id, sizeof(w->sel_id), "%s",
				    m.list.it[i].v->id);
			r = vendor_key(w, &m, ch, &rebuild);
		}
	}
	vmenu_free(&m);
	w->status[0] = '\0';
	return r;
}

/* ---- host key, precheck, preview, progress, verify, summary ---------- */

static void
build_hostkey(struct wiz *w, int width, struct wiz_lines *l)
{
	wiz_hostkey_lines(w->conn.host, wiz_port_num(w->conn.port), w->hostkey_msg,
	    w->hostkey_changed, width, l);
}

int
wiz_hostkey_cb(void *arg, const struct hostkey_info *k)
{
	struct wiz *w = arg;
	int key;

	snprintf(w->hostkey_msg, sizeof(w->hostkey_msg), "%s%s fingerprint "
	    "is %s", k->key_type, k->tls ? "" : " key", k->fingerprint);
	w->hostkey_changed = k->changed;
	if (k->changed)
		return 0;	/* refused; the runner's message follows */
	w->status[0] = '\0';
	key = wiz_text_screen(w, WS_HOSTKEY, build_hostkey,
	    "y=Trust and connect  n/Esc=Back  F1=Help  q=Quit", "yYnN");
	if (key == NAV_QUIT)
		w->quit = 1;
	if (key != 'y' && key != 'Y')
		return 0;
	snprintf(w->status, sizeof(w->status), k->tls ? "Trusted %s; "
	    "connecting to %s again, accepting only this certificate..." :
	    "Trusted %s; logging in to %s on the same connection...",
	    k->fingerprint, w->conn.host);
	w->status_bad = 0;
	wiz_frame(w, WS_HOSTKEY, "Working...");
	wiz_status_line(w);
	refresh();
	return 1;
}

/* a changed (refused) host key: the warning, then back to the form */
static int
scr_hostkey(struct wiz *w)
{
	int k;

	k = wiz_text_screen(w, WS_HOSTKEY, build_hostkey,
	    "Esc=Back  F1=Help  q=Quit", NULL);
	if (k == NAV_QUIT)
		return NAV_QUIT;
	return k == 27 ? NAV_BACK : WS_HOSTKEY | NAV_REPLACE;
}

static void
dry_plan(struct wiz *w)
{
	struct errbuf eb;

	if (w->have_plan || w->v == NULL || w->v->method == VENDOR_MANUAL)
		return;
	errbuf_clear(&eb);
	if (plan_build(w->v, NULL, NULL, 1, &w->plan, &eb) == ALGOFF_OK)
		w->have_plan = 1;
	else {
		snprintf(w->status, sizeof(w->status), "%s", eb.msg);
		w->status_bad = 1;
	}
}

static void
build_precheck(struct wiz *w, int width, struct wiz_lines *l)
{
	if (!w->have_plan) {
		wl_add(l, WST_BAD, "No plan: %s", w->status);
		return;
	}
	wiz_precheck_lines(&w->plan, w->dry || !w->have_pre ? NULL : &w->pre,
	    width, l);
}

static int
scr_precheck(struct wiz *w)
{
	int k;

	dry_plan(w);
	k = wiz_text_screen(w, WS_PRECHECK, build_precheck, KEYS_TEXT, NULL);
	if (k == NAV_QUIT)
		return NAV_QUIT;
	if (k == 27)
		return NAV_BACK;
	if (!w->have_plan)
		return WS_PRECHECK | NAV_REPLACE;
	if (!w->dry && w->have_pre && w->pre.alg_before == 0)
		return WS_VERIFY;
	return WS_PREVIEW;
}

void
wiz_preview_build(struct wiz *w, int width, struct wiz_lines *l)
{
	if (!w->have_plan) {
		wl_add(l, WST_BAD, "No plan.");
		return;
	}
	wiz_preview_lines(&w->plan, w->confirm_step, &w->conn, w->dry, width,
	    l);
}

static int
scr_preview(struct wiz *w)
{
	int k;

	dry_plan(w);
	if (w->dry) {
		k = wiz_text_screen(w, WS_PREVIEW, wiz_preview_build,
		    "Enter=Next  Esc=Back  Up/Down/PgUp/PgDn=Scroll  F1=Help  "
		    "q=Quit", NULL);
		if (k == NAV_QUIT)
			return NAV_QUIT;
		return k == 27 ? NAV_BACK : WS_SUMMARY;
	}
	/* the runner shows the preview through its confirm callback */
	wiz_apply_run(w);
	if (wiz_sig || w->quit)
		return NAV_QUIT;
	if (!w->confirmed)
		return NAV_BACK;
	return WS_PROGRESS | NAV_REPLACE;
}

static int
scr_progress(struct wiz *w)
{
	int ch;

	for (;;) {
		wiz_draw_progress(w);
		ch = wiz_getkey();
		if (ch == WK_SIGNAL)
			return NAV_QUIT;
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			return WS_VERIFY;
		if (ch == KEY_F(1) || ch == '?')
			wiz_help(w, WS_PROGRESS);
		else if (ch == 'q' || ch == 'Q') {
			if (wiz_ask("Quit algoff?"))
				return NAV_QUIT;
		} else if (ch == 27) {
			snprintf(w->status, sizeof(w->status), "The run is "
			    "finished and cannot be undone from here: Enter "
			    "goes on to the verification.");
			w->status_bad = 0;
		}
	}
}

static void
build_verify(struct wiz *w, int width, struct wiz_lines *l)
{
	struct runner_result *res = w->have_run ? &w->run : NULL;
	struct runner_result off;

	if (res == NULL && w->have_pre && w->pre.alg_before == 0) {
		/* already off: show the precheck as the device check */
		off = w->pre;
		off.alg_after = 0;
		off.n_cmds = 0;
		wiz_verify_lines(&off, &w->probe, w->conn.reflector, width, l);
		return;
	}
	wiz_verify_lines(res, &w->probe, w->conn.reflector, width, l);
}

static int
scr_verify(struct wiz *w)
{
	int k;

	if (!w->probe.ran && w->conn.reflector[0] != '\0' && !w->dry)
		wiz_probe_run(w);
	for (;;) {
		k = wiz_text_screen(w, WS_VERIFY, build_verify,
		    "Enter=Summary  p=Run the SIP probe  Esc=Back  F1=Help  "
		    "q=Quit", "pP");
		if (k == NAV_QUIT)
			return NAV_QUIT;
		if (k == 27)
			return NAV_BACK;
		if (k == '\n')
			return WS_SUMMARY;
		if (wiz_input("SIP probe", "Reflector address (HOST or "
		    "HOST:PORT, running \"algoff reflector\"):",
		    w->conn.reflector, sizeof(w->conn.reflector))) {
			if (wiz_check_reflector(w->conn.reflector) != NULL ||
			    w->conn.reflector[0] == '\0') {
				snprintf(w->status, sizeof(w->status),
				    "Reflector: %s", w->conn.reflector[0] ?
				    wiz_check_reflector(w->conn.reflector) :
				    "required");
				w->status_bad = 1;
				continue;
			}
			w->status[0] = '\0';
			wiz_probe_run(w);
		}
	}
}

/* device_key - what the saved file was written for */
static void
device_key(const struct wiz *w, char *out, size_t len)
{
	snprintf(out, len, "%s|%s|%s|%s|%d", w->v != NULL ? w->v->id : "",
	    w->conn.host, w->conn.port, w->conn.user, (int)w->conn.auth);
}

static void
build_summary(struct wiz *w, int width, struct wiz_lines *l)
{
	char key[sizeof(w->saved_for)];

	/* a file saved for another device (before Esc) is not this one's */
	device_key(w, key, sizeof(key));
	wiz_summary_lines(w->v, &w->conn, w->have_run ? &w->run :
	    (w->have_pre && !w->dry ? &w->pre : NULL),
	    w->have_plan ? &w->plan : NULL, &w->probe, w->dry,
	    w->saved[0] && strcmp(key, w->saved_for) == 0 ? w->saved : NULL,
	    width, l);
}

/* save_write - a new file (or overwrite) or the device added to it */
static int
save_write(struct wiz *w, const char *abs, int append)
{
	struct errbuf eb;
	char *xml;
	FILE *f;
	int ok;

	errbuf_clear(&eb);
	if (append) {
		ok = wiz_batch_append(abs, &w->conn, w->v, &eb) == ALGOFF_OK;
		if (!ok)
			snprintf(w->status, sizeof(w->status), "Could not add the "
			    "device to %.400s: %.400s", abs, eb.msg);
		return ok;
	}
	xml = wiz_batch_xml(&w->conn, w->v);
	f = fopen(abs, "w");
	ok = f != NULL && fputs(xml, f) >= 0;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	free(xml);
	if (!ok)
		snprintf(w->status, sizeof(w->status), "Could not write %.400s",
		    abs);
	return ok;
}

static int
save_answers(struct wiz *w)
{
	char path[1024], cwd[1024], *abs, *q;
	int ok, k = 'o';

	snprintf(path, sizeof(path), "algoff-%s.xml", w->conn.host);
	if (!wiz_input("Save these answers as a batch file",
	    "File name (secrets are not written, only variable names):",
	    path, sizeof(path)) || path[0] == '\0')
		return 0;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		snprintf(cwd, sizeof(cwd), ".");
	abs = wiz_abs_path(cwd, getenv("HOME"), path);
	if (access(abs, F_OK) == 0) {
		xasprintf(&q, "%s already exists.", abs);
		k = wiz_choose(q, "a: add this device to it    o: overwrite it"
		    "    Esc: cancel", "ao");
		free(q);
		if (k != 'a' && k != 'o') {
			free(abs);
			return 0;
		}
	}
	ok = save_write(w, abs, k == 'a');
	w->status_bad = !ok;
	w->saved[0] = '\0';
	if (ok) {
		snprintf(w->saved, sizeof(w->saved), "%s", abs);
		device_key(w, w->saved_for, sizeof(w->saved_for));
		snprintf(w->status, sizeof(w->status), "%s %.900s",
		    k == 'a' ? "Device added to" : "Answers saved to", abs);
	}
	free(abs);
	return ok;
}

static int
scr_summary(struct wiz *w)
{
	int k;

	for (;;) {
		k = wiz_text_screen(w, WS_SUMMARY, build_summary,
		    w->v->method != VENDOR_MANUAL ?
		    "Enter=Finish  s=Save answers  Esc=Back  F1=Help  q=Quit" :
		    "Enter=Finish  Esc=Back  F1=Help  q=Quit", "sS");
		if (k == '\n' && w->outcome == WIZ_QUIT)
			w->outcome = WIZ_DONE;
		if (k == NAV_QUIT || k == '\n')
			return NAV_QUIT;
		if (k == 27)
			return NAV_BACK;
		if (w->v->method != VENDOR_MANUAL)
			save_answers(w);
	}
}

/* ---- the loop ---------------------------------------------------------- */

typedef int (*screen_fn)(struct wiz *);

static const screen_fn screens[WS_COUNT] = {
	[WS_WELCOME] = scr_welcome,
	[WS_VENDOR] = scr_vendor,
	[WS_UNSURE] = scr_unsure,
	[WS_MANUAL] = scr_manual,
	[WS_CONN] = scr_conn,
	[WS_HOSTKEY] = scr_hostkey,
	[WS_PRECHECK] = scr_precheck,
	[WS_PREVIEW] = scr_preview,
	[WS_PROGRESS] = scr_progress,
	[WS_VERIFY] = scr_verify,
	[WS_SUMMARY] = scr_summary,
};

enum wiz_outcome
wiz_main(struct wiz *w)
{
	int guard, r;
	enum wiz_screen s;

	w->depth = 1;
	w->stack[0] = WS_WELCOME;
	for (guard = 0; guard < 100000 && w->depth > 0; guard++) {
		s = w->stack[w->depth - 1];
		r = screens[s](w);
		if (r == NAV_FAIL && w->outcome != WIZ_FAILED) {
			w->outcome = WIZ_FAILED;    /* never a success */
			w->err = ALGOFF_ERR_INTERNAL;
		}
		if (r == NAV_QUIT || r == NAV_FAIL || wiz_sig)
			break;
		if (r == NAV_BACK) {
			w->depth--;
			if (w->depth == 0 && !wiz_ask("Quit algoff?"))
				w->depth = 1;
			continue;
		}
		if (r & NAV_REPLACE) {
			w->stack[w->depth - 1] = (enum wiz_screen)(r &
			    ~NAV_REPLACE);
			continue;
		}
		w->status[0] = '\0';
		if (w->depth < WIZ_STACK)
			w->stack[w->depth++] = (enum wiz_screen)r;
		else
			w->stack[w->depth - 1] = (enum wiz_screen)r;
	}
	return wiz_sig ? WIZ_INTERRUPTED : w->outcome;
}
