/* SPDX-License-Identifier: MIT */
/*
 * wiz_model.c - the wizard's pure logic: styled lines and word wrap, the
 * vendor list, field validation and the batch answer file. Screen texts are
 * in wiz_text.c; nothing here draws or touches the network.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/answer_write.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/json.h"
#include "core/vendor.h"
#include "core/xmalloc.h"
#include "ui/wiz_model.h"

#define WL_MAX 10000    /* lines per screen: a bound, not a layout */

/* ---- styled lines ---------------------------------------------------- */

static void
wl_push(struct wiz_lines *w, enum wiz_style st, char *text)
{
	if (w->n >= WL_MAX) {
		free(text);
		return;
	}
	w->l = xreallocarray(w->l, w->n + 1, sizeof(*w->l));
	w->l[w->n].style = st;
	w->l[w->n].text = text;
	w->n++;
}

void
wl_add(struct wiz_lines *w, enum wiz_style st, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	wl_push(w, st, s);
}

size_t
wiz_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* byte offset of the first cut point so that s[0..off) fits in cols */
static size_t
fit_bytes(const char *s, size_t len, size_t cols)
{
	size_t i, c = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (c == cols)
				return i;
			c++;
		}
	}
	return len;
}

void
wl_wrap(struct wiz_lines *w, enum wiz_style st, int indent, int width,
    const char *text)
{
	size_t avail, len, cut, i;
	const char *p = text;

	if (indent < 0)
		indent = 0;
	avail = width - indent > 10 ? (size_t)(width - indent) : 10;
	while (*p != '\0' && w->n < WL_MAX) {
		while (*p == ' ')
			p++;
		len = strcspn(p, "\n");
		cut = fit_bytes(p, len, avail);
		if (cut < len) {
			/* break at the last blank that fits, if there is one */
			for (i = cut; i > 0 && p[i] != ' '; i--)
				;
			if (i > 0)
				cut = i;
		}
		wl_add(w, st, "%*s%.*s", indent, "", (int)cut, p);
		p += cut;
		if (*p == '\n')
			p++;
	}
}

void
wl_free(struct wiz_lines *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->l[i].text);
	free(w->l);
	w->l = NULL;
	w->n = 0;
}

/* ---- vendor list ----------------------------------------------------- */

static int
contains_ci(const char *hay, const char *needle, size_t nlen)
{
	size_t i, hlen;

	if (hay == NULL)
		return 0;
	hlen = strlen(hay);
	for (i = 0; i + nlen <= hlen; i++)
		if (strncasecmp(hay + i, needle, nlen) == 0)
			return 1;
	return 0;
}

/* model_prefix - does word start with a model series named in text (a
 * token of letters, digits and '-' of at least 3 characters, e.g. "RT-AX"
 * in "(RT-AX, RT-AC, ZenWiFi)" for "RT-AX88U")? */
static int
model_prefix(const char *text, const char *word, size_t wlen)
{
	const char *p = text;
	size_t n;

	if (text == NULL)
		return 0;
	while (*p != '\0') {
		n = 0;
		while (isalnum((unsigned char)p[n]) || p[n] == '-')
			n++;
		if (n >= 3 && n <= wlen && strncasecmp(p, word, n) == 0)
			return 1;
		p += n > 0 ? n : 1;
	}
	return 0;
}

static int
vendor_matches(const struct vendor *v, const char *filter)
{
	const char *p = filter;
	size_t len;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return 1;
		len = strcspn(p, " ");
		if (!contains_ci(v->id, p, len) && !contains_ci(v->name, p, len) &&
		    !contains_ci(v->family, p, len) &&
		    !contains_ci(v->versions, p, len) &&
		    !model_prefix(v->versions, p, len))
			return 0;
		p += len;
	}
}

static const char *
family_of(const struct vendor *v)
{
	return v->family != NULL ? v->family : v->name;
}

static int
cmp_vendor(const void *a, const void *b)
{
	const struct vendor *x = *(const struct vendor *const *)a;
	const struct vendor *y = *(const struct vendor *const *)b;
	int r = strcasecmp(family_of(x), family_of(y));

	return r != 0 ? r : strcasecmp(x->name, y->name);
}

/* item_tag - "METHOD EVIDENCE" for the vendor list (static text). */
static const char *
item_tag(const struct vendor *v)
{
	static const char *const tags[3][3] = {
		{ "ssh", "ssh doc", "ssh comm" },
		{ "guided", "guided doc", "guided comm" },
		{ "https", "https doc", "https comm" },
	};

	return tags[v->method][v->evidence];
}

static void
list_push(struct wiz_list *l, enum wiz_item_kind k, const struct vendor *v,
    const char *label, const char *method)
{
	l->it = xreallocarray(l->it, l->n + 1, sizeof(*l->it));
	l->it[l->n].kind = k;
	l->it[l->n].v = v;
	l->it[l->n].label = label;
	l->it[l->n].method = method;
	l->it[l->n].tag = method != NULL && v != NULL ? item_tag(v) : method;
	l->n++;
}

void
wiz_vendor_list(const struct vendor *const *vs, size_t n, const char *filter,
    struct wiz_list *out)
{
	const struct vendor **sel;
	const char *fam = NULL;
	size_t i, k = 0;

	memset(out, 0, sizeof(*out));
	sel = xcalloc(n + 1, sizeof(*sel));
	for (i = 0; i < n; i++)
		if (filter == NULL || vendor_matches(vs[i], filter))
			sel[k++] = vs[i];
	qsort(sel, k, sizeof(*sel), cmp_vendor);
	for (i = 0; i < k; i++) {
		if (fam == NULL || strcasecmp(fam, family_of(sel[i])) != 0) {
			fam = family_of(sel[i]);
			list_push(out, WI_FAMILY, NULL, fam, NULL);
		}
		list_push(out, WI_VENDOR, sel[i], sel[i]->name,
		    sel[i]->method == VENDOR_MANUAL ? "guided" :
		    vendor_method_name(sel[i]->method));
	}
	list_push(out, WI_FAMILY, NULL, "Not sure?", NULL);
	list_push(out, WI_UNSURE, NULL, WIZ_UNSURE_LABEL, "help");
	free(sel);
}

void
wiz_list_free(struct wiz_list *l)
{
	free(l->it);
	l->it = NULL;
	l->n = 0;
}

int
wiz_list_find(const struct wiz_list *l, const char *id)
{
	size_t i;

	if (id == NULL)
		return -1;
	for (i = 0; i < l->n; i++)
		if (l->it[i].kind == WI_VENDOR && strcmp(l->it[i].v->id, id) == 0)
			return (int)i;
	return -1;
}

/* ---- validation ------------------------------------------------------ */

static const char *const auth_names[WA_COUNT] = {
	"ssh-agent", "key file", "password"
};

const char *
wiz_auth_name(enum wiz_auth a)
{
	return (unsigned)a < WA_COUNT ? auth_names[a] : "?";
}

static const char *const field_labels[WF_COUNT] = {
	"Host", "Port", "User", "Authentication", "Key file", "Passphrase",
	"Password", "Enable password", "Known hosts", "Reflector (opt.)"
};

const char *
wiz_field_label(enum wiz_field f)
{
	return (unsigned)f < WF_COUNT ? field_labels[f] : "?";
}

int
wiz_field_visible(const struct wiz_conn *c, const struct vendor *v,
    enum wiz_field f)
{
	switch (f) {
	case WF_IDENTITY: case WF_PASSPHRASE: return c->auth == WA_KEY;
	case WF_PASSWORD: return c->auth == WA_PASSWORD;
	case WF_ENABLE: return v != NULL && v->cli.enable_cmd != NULL;
	default: return 1;
	}
}

static int
has_ctl_or_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 1;
	return 0;
}

static const char *
check_ipv4(const char *s)
{
	unsigned long o;
	int parts = 0;
	char *end;

	while (parts < 5) {
		if (!isdigit((unsigned char)*s))
			return "not an IPv4 address";
		o = strtoul(s, &end, 10);
		if (o > 255 || end - s > 3)
			return "IPv4 parts are 0-255";
		parts++;
		s = end;
		if (*s == '\0')
			break;
		if (*s++ != '.')
			return "not an IPv4 address";
	}
	return parts == 4 ? NULL : "IPv4 needs 4 parts";
}

static const char *
check_ipv6(const char *s, size_t len)
{
	size_t i, colons = 0;

	if (len < 2 || len > 45)
		return "not an IPv6 address";
	for (i = 0; i < len; i++) {
		if (s[i] == ':')
			colons++;
		else if (!isxdigit((unsigned char)s[i]) && s[i] != '.')
			return "not an IPv6 address";
	}
	return colons >= 2 && colons <= 7 ? NULL : "not an IPv6 address";
}

static const char *
check_hostname(const char *s)
{
	size_t lab = 0;
	const char *p;
	int alldigit = 1;

	for (p = s; *p != '\0'; p++) {
		if (*p == '.') {
			if (lab == 0 || p[-1] == '-')
				return "empty or bad name part";
			lab = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return "letters, digits, . and -";
		if (lab == 0 && *p == '-')
			return "a part starts with -";
		if (!isdigit((unsigned char)*p))
			alldigit = 0;
		if (++lab > 63)
			return "a name part is too long";
	}
	if (lab == 0)
		return "ends with a dot";
	if (alldigit)
		return check_ipv4(s);
	return NULL;
}

const char *
wiz_check_host(const char *s)
{
	size_t len = strlen(s);

	if (len == 0)
		return "required";
	if (len > 253)
		return "too long";
	if (has_ctl_or_blank(s))
		return "no blanks or control chars";
	if (s[0] == '[') {
		if (s[len - 1] != ']')
			return "missing ]";
		return check_ipv6(s + 1, len - 2);
	}
	if (strchr(s, ':') != NULL)
		return check_ipv6(s, len);
	return check_hostname(s);
}

const char *
wiz_check_port(const char *s)
{
	const char *p;
	int v;

	if (*s == '\0')
		return "required (SSH: 22)";
	for (p = s; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			return "digits only, 1-65535";
	return num_parse_int(s, 1, 65535, &v) == 0 ? NULL : "must be 1-65535";
}

int
wiz_port_num(const char *s)
{
	int v = 0;

	(void)num_parse_int(s, 1, 65535, &v);
	return v;
}

const char *
wiz_check_user(const char *s)
{
	if (*s == '\0')
		return "required";
	if (strlen(s) > 64)
		return "too long";
	if (has_ctl_or_blank(s))
		return "no blanks or control chars";
	return NULL;
}

const char *
wiz_check_reflector(const char *s)
{
	const char *colon, *host_end;
	char host[256];
	size_t hl;

	if (*s == '\0')
		return NULL;
	if (has_ctl_or_blank(s))
		return "no blanks or control chars";
	if (s[0] == '[') {
		host_end = strchr(s, ']');
		if (host_end == NULL)
			return "missing ]";
		colon = host_end[1] == ':' ? host_end + 1 : NULL;
		if (host_end[1] != '\0' && colon == NULL)
			return "HOST or HOST:PORT";
		host_end++;
	} else {
		colon = strrchr(s, ':');
		if (colon != NULL && strchr(s, ':') != colon)
			return "IPv6: write [ADDR]:PORT";
		host_end = colon != NULL ? colon : s + strlen(s);
	}
	hl = (size_t)(host_end - s);
	if (hl == 0 || hl >= sizeof(host))
		return "HOST or HOST:PORT";
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (wiz_check_host(host) != NULL)
		return "not a host name or address";
	if (colon != NULL && wiz_check_port(colon + 1) != NULL)
		return "port must be 1-65535";
	return NULL;
}

/* a private key: readable, owned by the user, mode 600 (as OpenSSH) */
static const char *
check_file(const char *path, const char *what_missing)
{
	struct errbuf eb;

	if (*path == '\0')
		return what_missing;
	if (text_control(path) >= 0)
		return "no control chars";
	if (access(path, R_OK) != 0)
		return "cannot read this file";
	if (secret_file_check(path, &eb) != ALGOFF_OK)
		return "others can read it or not yours: chmod 600 FILE";
	return NULL;
}

/* a missing known hosts file is fine when it can be created: its folder
 * (or, for ~/.ssh, the folder above) exists */
static const char *
check_known_hosts(const char *path)
{
	char *dir, *slash;
	int ok = 1, up;

	if (text_control(path) >= 0)
		return "no control chars";
	if (*path == '\0' || access(path, F_OK) == 0)
		return NULL;
	dir = xstrdup(path);
	for (up = 0; up < 2 && ok; up++) {
		slash = strrchr(dir, '/');
		if (slash == NULL)
			break;
		*(slash == dir ? slash + 1 : slash) = '\0';
		if (access(dir, F_OK) == 0)
			break;
		ok = up == 0;
	}
	free(dir);
	return ok ? NULL : "folder does not exist";
}

const char *
wiz_field_check(const struct wiz_conn *c, const struct vendor *v,
    enum wiz_field f, int dry)
{
	if (!wiz_field_visible(c, v, f))
		return NULL;
	switch (f) {
	case WF_HOST: return wiz_check_host(c->host);
	case WF_PORT: return wiz_check_port(c->port);
	case WF_USER: return wiz_check_user(c->user);
	case WF_AUTH: return NULL;
	case WF_IDENTITY:
		return dry ? NULL : check_file(c->identity, "required");
	case WF_PASSWORD:
		if (dry)
			return NULL;
		return c->password == NULL || c->password->len == 0 ?
		    "required" : NULL;
	case WF_ENABLE: return NULL;   /* empty: the login is privileged */
	case WF_PASSPHRASE: return NULL;   /* empty: the key has none */
	case WF_KNOWN: return dry ? NULL : check_known_hosts(c->known_hosts);
	case WF_REFLECTOR: return wiz_check_reflector(c->reflector);
	default: return NULL;
	}
}

enum wiz_field
wiz_conn_check(const struct wiz_conn *c, const struct vendor *v, int dry)
{
	int f;

	for (f = 0; f < WF_COUNT; f++)
		if (wiz_field_check(c, v, (enum wiz_field)f, dry) != NULL)
			return (enum wiz_field)f;
	return WF_COUNT;
}

void
wiz_conn_clear(struct wiz_conn *c)
{
	secret_free(c->password);
	secret_free(c->enable);
	secret_free(c->passphrase);
	c->password = NULL;
	c->enable = NULL;
	c->passphrase = NULL;
}

/* ---- field editing --------------------------------------------------- */

void
wiz_edit_start(struct wiz_edit *e, char *buf, size_t max, int fresh,
    int digits)
{
	e->buf = buf;
	e->max = max;
	e->buf[max] = '\0';
	e->cur = strlen(buf);
	e->fresh = fresh && e->cur > 0;
	e->digits = digits;
}

static int
edit_insert(struct wiz_edit *e, int ch)
{
	size_t len;

	if (ch < ' ' || ch > '~' || (e->digits && !isdigit(ch)))
		return 0;
	if (e->fresh) {
		e->buf[0] = '\0';
		e->cur = 0;
		e->fresh = 0;
	}
	len = strlen(e->buf);
	if (len >= e->max)
		return 0;
	memmove(e->buf + e->cur + 1, e->buf + e->cur, len - e->cur + 1);
	e->buf[e->cur++] = (char)ch;
	return 1;
}

int
wiz_edit_apply(struct wiz_edit *e, enum wiz_edit_op op, int ch)
{
	size_t len = strlen(e->buf);

	if (op == WE_CHAR)
		return edit_insert(e, ch);
	e->fresh = 0;
	switch (op) {
	case WE_BACK:
		if (e->cur == 0)
			return 0;
		memmove(e->buf + e->cur - 1, e->buf + e->cur, len - e->cur + 1);
		e->cur--;
		return 1;
	case WE_DEL:
		if (e->cur >= len)
			return 0;
		memmove(e->buf + e->cur, e->buf + e->cur + 1, len - e->cur);
		return 1;
	case WE_LEFT: if (e->cur == 0) return 0; e->cur--; return 1;
	case WE_RIGHT: if (e->cur >= len) return 0; e->cur++; return 1;
	case WE_HOME: e->cur = 0; return 1;
	case WE_END: e->cur = len; return 1;
	case WE_CLEAR:
		memset(e->buf, 0, len);
		e->cur = 0;
		return 1;
	default: return 0;
	}
}

size_t
wiz_edit_view(const struct wiz_edit *e, size_t width)
{
	if (width == 0)
		return e->cur;
	return e->cur >= width ? e->cur - width + 1 : 0;
}

/* ---- answer file ----------------------------------------------------- */

void
wiz_device_name(const char *host, char *out, size_t outsz)
{
	size_t i, k = 0;

	if (outsz == 0)
		return;
	if (outsz > 65)
		outsz = 65;     /* the batch schema: at most 64 characters */
	for (i = 0; host[i] != '\0' && k + 1 < outsz; i++) {
		unsigned char ch = (unsigned char)host[i];

		if (isalnum(ch) || ch == '_' ||
		    (k > 0 && (ch == '.' || ch == '-')))
			out[k++] = (char)ch;
		else if (ch == ':' && k > 0 && out[k - 1] != '-')
			out[k++] = '-';
	}
	out[k] = '\0';
	if (k == 0)
		snprintf(out, outsz, "device-1");
}

char *
wiz_abs_path(const char *dir, const char *home, const char *path)
{
	char *r;

	if (path == NULL || *path == '\0' || path[0] == '/')
		return xstrdup(path != NULL ? path : "");
	if (path[0] == '~' && path[1] == '/' && home != NULL && *home != '\0')
		xasprintf(&r, "%s/%s", home, path + 2);
	else
		xasprintf(&r, "%s/%s", dir != NULL ? dir : ".", path);
	return r;
}

static int
enable_saved(const struct wiz_conn *c, const struct vendor *v)
{
	return wiz_field_visible(c, v, WF_ENABLE) && c->enable != NULL &&
	    c->enable->len > 0;
}

static int
passphrase_saved(const struct wiz_conn *c)
{
	return c->auth == WA_KEY && c->passphrase != NULL &&
	    c->passphrase->len > 0;
}

#define DEV_ATTRS 10

/* device_attrs - the attributes of c's <device/>: secrets only as names */
static size_t
device_attrs(const struct wiz_conn *c, const struct vendor *v,
    struct answer_attr a[DEV_ATTRS])
{
	size_t n = 0;

	a[n++] = (struct answer_attr){ .name = "vendor", .value = v->id };
	a[n++] = (struct answer_attr){ .name = "host", .value = c->host };
	a[n++] = (struct answer_attr){ .name = "port",
	    .value = c->port[0] != '\0' ? c->port : "22" };
	a[n++] = (struct answer_attr){ .name = "user", .value = c->user };
	if (c->auth == WA_PASSWORD)
		a[n++] = (struct answer_attr){ .name = "password-env",
		    .value = WIZ_PASSWORD_ENV };
	else if (c->auth == WA_KEY)
		a[n++] = (struct answer_attr){ .name = "identity",
		    .value = c->identity };
	else
		a[n++] = (struct answer_attr){ .name = "agent",
		    .value = "true" };
	if (passphrase_saved(c))
		a[n++] = (struct answer_attr){ .name = "passphrase-env",
		    .value = WIZ_PASSPHRASE_ENV };
	if (enable_saved(c, v))
		a[n++] = (struct answer_attr){ .name = "enable-password-env",
		    .value = WIZ_ENABLE_ENV };
	/* batch refuses a missing known hosts file: name it only when it
	 * exists (after a first connection it does) */
	if (c->known_hosts[0] != '\0' && access(c->known_hosts, F_OK) == 0)
		a[n++] = (struct answer_attr){ .name = "known-hosts",
		    .value = c->known_hosts };
	return n;
}

char *
wiz_batch_xml(const struct wiz_conn *c, const struct vendor *v)
{
	struct answer_attr a[DEV_ATTRS];
	struct buf note;
	char name[128], *r;
	size_t n = device_attrs(c, v, a);

	buf_init(&note, 4096);
	buf_puts(&note, " Written by algoff wizard. Secrets are never stored "
	    "here:");
	if (c->auth == WA_PASSWORD)
		buf_puts(&note, "\n     export " WIZ_PASSWORD_ENV
		    " (the login password) before running it.");
	if (passphrase_saved(c))
		buf_puts(&note, "\n     export " WIZ_PASSPHRASE_ENV
		    " (the passphrase of the key file) before running it.");
	if (enable_saved(c, v))
		buf_puts(&note, "\n     export " WIZ_ENABLE_ENV
		    " (the enable password) before running it.");
	/* no double hyphen: XML comments must not contain one */
	buf_puts(&note, "\n     Run \"algoff batch\" on this file with the "
	    "dry-run option first. ");
	wiz_device_name(c->host, name, sizeof(name));
	r = answer_doc_xml(note.data, name, a, n);
	buf_free(&note);
	return r;
}

enum algoff_err
wiz_batch_append(const char *path, const struct wiz_conn *c,
    const struct vendor *v, struct errbuf *eb)
{
	struct answer_attr a[DEV_ATTRS];
	char base[80], name[128];
	size_t n = device_attrs(c, v, a);

	wiz_device_name(c->host, base, sizeof(base));
	return answer_append_device(path, base, a, n, name, sizeof(name), eb);
}
