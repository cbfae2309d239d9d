/* SPDX-License-Identifier: MIT */
/*
 * wiz_model.h - the wizard's logic without a terminal: the vendor list
 * (grouped by family, filtered as the person types), validation of the
 * connection fields, the text of every screen as a list of styled lines
 * (pure functions of the state and the width), the batch answer file and
 * the SIP probe's result in words. No curses, no network.
 */
#ifndef ALGOFF_WIZ_MODEL_H
#define ALGOFF_WIZ_MODEL_H

#include <stddef.h>

#include "core/plan.h"
#include "core/secret.h"
#include "core/vendor.h"
#include "probe/probe.h"
#include "runner/runner.h"

/* ---- styled lines ---------------------------------------------------- */

enum wiz_style {
	WST_TEXT,
	WST_HEAD,     /* a heading */
	WST_CMD,      /* a command line that will be sent */
	WST_OK,
	WST_BAD,
	WST_WARN,
	WST_DIM,
};

struct wiz_line {
	enum wiz_style style;
	char *text;
};

struct wiz_lines {
	struct wiz_line *l;
	size_t n;
};

void wl_add(struct wiz_lines *w, enum wiz_style st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* wl_wrap - word-wrap text to width columns, every line indented. */
void wl_wrap(struct wiz_lines *w, enum wiz_style st, int indent, int width,
    const char *text);
void wl_free(struct wiz_lines *w);
/* wiz_width - display columns of a UTF-8 string (one per code point). */
size_t wiz_width(const char *s);

/* ---- vendor list ----------------------------------------------------- */

enum wiz_item_kind { WI_FAMILY, WI_VENDOR, WI_UNSURE };

struct wiz_item {
	enum wiz_item_kind kind;
	const struct vendor *v;   /* WI_VENDOR only */
	const char *label;        /* family name, vendor name or the unsure text */
	const char *method;       /* "ssh", "https" or "guided"; NULL for
	                             headers */
	const char *tag;          /* method and evidence as the list shows
	                             them ("ssh doc", "guided comm"); NULL
	                             for headers */
};

struct wiz_list {
	struct wiz_item *it;
	size_t n;
};

#define WIZ_UNSURE_LABEL "I am not sure which one I have"

/*
 * wiz_vendor_list - the vendors of vs whose id, name, family or versions
 * (models and releases) contain every blank-separated word of filter
 * (case-insensitive; a word that starts with a model series named in the
 * versions, such as RT-AX88U for "RT-AX", matches too), sorted by family and
 * name, each family preceded by a WI_FAMILY header, and the WI_UNSURE entry
 * last (always present). The items point into vs.
 */
void wiz_vendor_list(const struct vendor *const *vs, size_t n,
    const char *filter, struct wiz_list *out);
void wiz_list_free(struct wiz_list *l);
/* wiz_list_find - index of the vendor with this id, or -1. */
int wiz_list_find(const struct wiz_list *l, const char *id);

/* ---- connection ------------------------------------------------------ */

enum wiz_auth { WA_AGENT, WA_KEY, WA_PASSWORD, WA_COUNT };

enum wiz_field {
	WF_HOST, WF_PORT, WF_USER, WF_AUTH, WF_IDENTITY, WF_PASSPHRASE,
	WF_PASSWORD, WF_ENABLE, WF_KNOWN, WF_REFLECTOR, WF_COUNT
};

struct wiz_conn {
	char host[256];
	char port[8];
	char user[65];
	enum wiz_auth auth;
	char identity[1024];
	char known_hosts[1024];
	char reflector[280];
	struct secret *password;    /* owned */
	struct secret *enable;      /* owned */
	struct secret *passphrase;  /* owned: of the key file (optional) */
};

#define WIZ_PORT_DIGITS 5

/*
 * A one-line text field being edited: the text lives in buf (max bytes
 * plus the NUL), the cursor is a byte offset, printable ASCII only.
 * fresh: the text is a default nobody typed; the first character typed
 * replaces it (editing keys keep it).
 */
enum wiz_edit_op {
	WE_CHAR, WE_BACK, WE_DEL, WE_LEFT, WE_RIGHT, WE_HOME, WE_END, WE_CLEAR
};

struct wiz_edit {
	char *buf;
	size_t max;
	size_t cur;
	int fresh;
	int digits;       /* only 0-9 */
};

/* wiz_edit_start - edit buf (strlen(buf) <= max), cursor after the end */
void wiz_edit_start(struct wiz_edit *e, char *buf, size_t max, int fresh,
    int digits);
/* wiz_edit_apply - 1 when the text or cursor changed (a refused character:
 * 0). Backspace at the start and Delete at the end do nothing. */
int wiz_edit_apply(struct wiz_edit *e, enum wiz_edit_op op, int ch);
/* wiz_edit_view - first byte to show in a field of width columns so that
 * the cursor (which may sit after the last character) is visible */
size_t wiz_edit_view(const struct wiz_edit *e, size_t width);

const char *wiz_auth_name(enum wiz_auth a);
const char *wiz_field_label(enum wiz_field f);
/* wiz_field_visible - does the form show f for this vendor and auth? */
int wiz_field_visible(const struct wiz_conn *c, const struct vendor *v,
    enum wiz_field f);
/*
 * wiz_field_check - NULL when the field is valid, else a short message
 * (at most 28 columns) for the space next to the field. dry: a dry run
 * needs no secrets and no key file.
 */
const char *wiz_field_check(const struct wiz_conn *c, const struct vendor *v,
    enum wiz_field f, int dry);
/* wiz_conn_check - check every visible field; returns the first bad one or
 * WF_COUNT when all are valid. */
enum wiz_field wiz_conn_check(const struct wiz_conn *c,
    const struct vendor *v, int dry);
const char *wiz_check_host(const char *s);
const char *wiz_check_port(const char *s);
/* wiz_port_num - the port a checked port field holds; 0 (SSH's 22) if none. */
int wiz_port_num(const char *s);
const char *wiz_check_user(const char *s);
/* wiz_check_reflector - "" is fine (no probe); HOST, HOST:PORT, [V6]:PORT */
const char *wiz_check_reflector(const char *s);
void wiz_conn_clear(struct wiz_conn *c);

/* ---- answer file ----------------------------------------------------- */

#define WIZ_PASSWORD_ENV "ALGOFF_PASSWORD"
#define WIZ_ENABLE_ENV   "ALGOFF_ENABLE_PASSWORD"
#define WIZ_PASSPHRASE_ENV "ALGOFF_PASSPHRASE"

/*
 * wiz_batch_xml - the answer file for one device (DESIGN.md batch format),
 * written with libxml2's xmlTextWriter: secrets only as environment
 * variable names. Paths are written as given (make them absolute first:
 * relative paths are relative to the file). Caller frees.
 */
char *wiz_batch_xml(const struct wiz_conn *c, const struct vendor *v);
/*
 * wiz_batch_append - add the device to the answer file at path (parsed and
 * validated against schema/batch.xsd; its name gets -2, -3 ... when taken)
 * and write it back through a temporary file.
 */
enum algoff_err wiz_batch_append(const char *path, const struct wiz_conn *c,
    const struct vendor *v, struct errbuf *eb);
/* wiz_abs_path - dir/path unless path is absolute or empty; ~/ expands to
 * home. Caller frees. */
char *wiz_abs_path(const char *dir, const char *home, const char *path);
/* wiz_device_name - a name for the device from the host: [A-Za-z0-9._-]. */
void wiz_device_name(const char *host, char *out, size_t outsz);

/* ---- screens as lines ------------------------------------------------ */

enum wiz_screen {
	WS_WELCOME, WS_VENDOR, WS_UNSURE, WS_MANUAL, WS_CONN, WS_HOSTKEY,
	WS_PRECHECK, WS_PREVIEW, WS_PROGRESS, WS_VERIFY, WS_SUMMARY, WS_COUNT
};

const char *wiz_screen_title(enum wiz_screen s);
/* wiz_screen_step - "step N of M" numbering of the SSH flow (0: none). */
int wiz_screen_step(enum wiz_screen s);
#define WIZ_STEPS 9

void wiz_welcome_lines(int dry, int width, struct wiz_lines *out);
void wiz_unsure_lines(int width, struct wiz_lines *out);
/* wiz_help_lines - dry: the dry-run wording (nothing read or sent) */
void wiz_help_lines(enum wiz_screen s, int dry, int width,
    struct wiz_lines *out);
/* wiz_manual_lines - numbered steps with the menu paths of a manual vendor */
void wiz_manual_lines(const struct vendor *v, int width,
    struct wiz_lines *out);
/*
 * wiz_preview_lines - what will be sent, in order: backup, disable (the
 * rendered step when disable is not NULL, else the plan's), verify, save
 * and the rollback that runs only when verification fails.
 */
void wiz_preview_lines(const struct plan *p, const struct plan_step *disable,
    const struct wiz_conn *c, int dry, int width, struct wiz_lines *out);
/* wiz_hostkey_lines - unknown key: fingerprint and the question; changed
 * key: refused. msg is the runner's / transport's message. */
void wiz_hostkey_lines(const char *host, int port, const char *msg,
    int changed, int width, struct wiz_lines *out);
/* wiz_hostkey_changed - does the message report a changed key? */
int wiz_hostkey_changed(const char *msg);
/* wiz_precheck_lines - res NULL: dry run (show what the precheck reads) */
void wiz_precheck_lines(const struct plan *p, const struct runner_result *res,
    int width, struct wiz_lines *out);

/* the SIP probe's result (probe_run, in this process) */
struct wiz_probe {
	int ran;
	struct probe_result *res;  /* owned; NULL when it could not start */
	char *err;                 /* why it could not start, or NULL */
};
void wiz_probe_free(struct wiz_probe *p);
/* wiz_probe_lines - the verdict in words (PASS, FAIL, UNTESTED with its
 * reason, or could not tell), then the probe's own text report. */
void wiz_probe_lines(const struct wiz_probe *p, const char *reflector,
    int width, struct wiz_lines *out);
/* wiz_outcome_text - a run outcome in a few words for people */
const char *wiz_outcome_text(enum run_outcome o);
void wiz_verify_lines(const struct runner_result *res,
    const struct wiz_probe *probe, const char *reflector, int width,
    struct wiz_lines *out);
/* wiz_summary_lines - res NULL: dry run or manual vendor */
void wiz_summary_lines(const struct vendor *v, const struct wiz_conn *c,
    const struct runner_result *res, const struct plan *p,
    const struct wiz_probe *probe, int dry, const char *saved, int width,
    struct wiz_lines *out);

#endif
