/* SPDX-License-Identifier: MIT */
/*
 * answer.c - load and check an answer file (schema/batch.xsd). Everything is
 * checked before any device is contacted, and every problem is collected
 * with file:line and the field, so one run shows the user all of them.
 * Running the devices is runner/batch_sched.c, the reports runner/report.c.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/answer.h"
#include "core/text.h"
#include "core/xmalloc.h"
#include "core/xmlload.h"

/* Every step: what an answer file runs when it names none. */
#define STEPS_ALL ((1u << STEP_COUNT) - 1u)

/* Settings as written on <defaults> or <device>: NULL / -1 = not set. */
struct settings {
	xmlNodePtr node;
	char *name, *vendor, *variant, *host, *user;
	char *password_env, *password_file, *identity, *passphrase_env;
	char *enable_env, *known_hosts, *policy, *steps, *backup_dir;
	char *transcript_dir, *tags, *ssh_config;
	int port, agent, legacy, rollback, timeout, connect_timeout;
};

struct loadctx {
	struct answer *b;
	struct answer_errors *errs;
	const char *file;
	const char *src;              /* what is read: file, or /dev/stdin */
	int load_secrets;
	int no_secrets;               /* ANSWER_NO_SECRETS: skip their presence */
	const char *cmd;              /* NULL: an answer file; else "apply" */
	const char *ssh_config;       /* batch -F: overrides ssh-config= */
};

void
answer_errors_add(struct answer_errors *e, const char *file, int line,
    const char *fmt, ...)
{
	char msg[1200], *full, *esc;
	va_list ap;

	if (e->n >= ANSWER_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	msg[strcspn(msg, "\n")] = '\0';
	esc = text_escape(msg);   /* a value quoted by libxml2: never raw */
	if (line > 0)
		xasprintf(&full, "%s:%d: %s", file, line, esc);
	else
		xasprintf(&full, "%s: %s", file, esc);
	free(esc);
	e->msg = xreallocarray(e->msg, e->n + 1, sizeof(char *));
	e->line = xreallocarray(e->line, e->n + 1, sizeof(int));
	e->line[e->n] = line;
	e->msg[e->n++] = full;
}

void
answer_errors_free(struct answer_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->msg[i]);
	free(e->msg);
	free(e->line);
	memset(e, 0, sizeof(*e));
}

/* errors_sort - by line, stable (insertion sort: at most 500 entries). */
static void
errors_sort(struct answer_errors *e)
{
	size_t i, j;
	char *m;
	int l;

	for (i = 1; i < e->n; i++) {
		m = e->msg[i];
		l = e->line[i];
		for (j = i; j > 0 && e->line[j - 1] > l; j--) {
			e->msg[j] = e->msg[j - 1];
			e->line[j] = e->line[j - 1];
		}
		e->msg[j] = m;
		e->line[j] = l;
	}
}

/* libxml2 reports: every parse and schema error, with its line. */
static void
xml_error_cb(void *arg, const char *file, int line, const char *msg)
{
	struct loadctx *L = arg;

	answer_errors_add(L->errs, file != NULL && strcmp(file, L->src) == 0 ?
	    L->file : file, line, "%s", msg);
}

static void
settings_read(xmlNodePtr n, struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->node = n;
	s->name = xml_attr(n, "name");
	s->vendor = xml_attr(n, "vendor");
	s->variant = xml_attr(n, "variant");
	s->host = xml_attr(n, "host");
	s->user = xml_attr(n, "user");
	s->password_env = xml_attr(n, "password-env");
	s->password_file = xml_attr(n, "password-file");
	s->identity = xml_attr(n, "identity");
	s->passphrase_env = xml_attr(n, "passphrase-env");
	s->enable_env = xml_attr(n, "enable-password-env");
	s->known_hosts = xml_attr(n, "known-hosts");
	s->policy = xml_attr(n, "host-key-policy");
	s->steps = xml_attr(n, "steps");
	s->backup_dir = xml_attr(n, "backup-dir");
	s->transcript_dir = xml_attr(n, "transcript-dir");
	s->tags = xml_attr(n, "tags");
	s->ssh_config = xml_attr(n, "ssh-config");
	/* -1: not set (or not a number, which the schema reports) */
	s->port = s->timeout = s->connect_timeout = -1;
	(void)xml_int_attr(n, "port", 1, 65535, &s->port);
	(void)xml_int_attr(n, "timeout", 1, 3600, &s->timeout);
	(void)xml_int_attr(n, "connect-timeout", 1, 3600, &s->connect_timeout);
	s->agent = xml_bool_attr(n, "agent");
	s->legacy = xml_bool_attr(n, "legacy-crypto");
	s->rollback = xml_bool_attr(n, "rollback-on-failure");
}

static void
settings_free(struct settings *s)
{
	char **p[] = { &s->name, &s->vendor, &s->variant, &s->host, &s->user,
		&s->password_env, &s->password_file, &s->identity,
		&s->passphrase_env, &s->enable_env, &s->known_hosts,
		&s->policy, &s->steps, &s->backup_dir, &s->transcript_dir,
		&s->tags, &s->ssh_config };
	size_t i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		free(*p[i]);
		*p[i] = NULL;
	}
}

/* resolve - a path from the file, relative to the file's folder. */
static char *
resolve(const struct answer *b, const char *p)
{
	char *r;

	if (p == NULL)
		return NULL;
	if (p[0] == '/')
		return xstrdup(p);
	xasprintf(&r, "%s/%s", b->dir, p);
	return r;
}

static const char *
pick(const char *dev, const char *def)
{
	return dev != NULL ? dev : def;
}

static int
pick_int(int dev, int def, int fallback)
{
	if (dev >= 0)
		return dev;
	return def >= 0 ? def : fallback;
}

/* host_problem - why host is no host name or address, or NULL. */
static const char *
host_problem(const char *h)
{
	const unsigned char *p;
	size_t n = strlen(h);
	int colons = 0;

	if (n == 0 || n > 253)
		return "must be 1 to 253 characters";
	if (h[0] == '-' || h[0] == '.')
		return "must not start with '-' or '.'";
	for (p = (const unsigned char *)h; *p; p++) {
		if (*p == ':')
			colons++;
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
		    || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '%'))
			return "holds a character that is not allowed in a "
			    "host name or address (write IPv6 without [])";
	}
	if (colons == 1)
		return "holds a ':' (put the port in port=\"...\")";
	if (strstr(h, "..") != NULL)
		return "holds an empty label (\"..\")";
	return NULL;
}

static void
check_env(struct loadctx *L, int line, const char *who, const char *field,
    const char *var, struct secret **out)
{
	struct errbuf eb;
	struct secret *s = NULL;

	if (var == NULL || L->no_secrets)
		return;
	if (secret_from_env(var, &s, &eb) != ALGOFF_OK) {
		answer_errors_add(L->errs, L->file, line, "%s%s: %s", who,
		    field, eb.msg);
		return;
	}
	if (L->load_secrets && out != NULL && *out == NULL)
		*out = s;
	else
		secret_free(s);
}

static void
check_readable(struct loadctx *L, int line, const char *who,
    const char *field, const char *path)
{
	struct stat st;

	if (path == NULL)
		return;
	if (stat(path, &st) != 0 || access(path, R_OK) != 0)
		answer_errors_add(L->errs, L->file, line, "%s%s: %s: %s", who,
		    field, path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		answer_errors_add(L->errs, L->file, line, "%s%s: %s: not a "
		    "regular file", who, field, path);
}

/* A password file or private key: readable, and only by its owner. */
static void
check_secret_file(struct loadctx *L, int line, const char *who,
    const char *field, const char *path)
{
	struct errbuf eb;

	if (path == NULL)
		return;
	if (secret_file_check(path, &eb) != ALGOFF_OK)
		answer_errors_add(L->errs, L->file, line, "%s%s: %s", who,
		    field, eb.msg);
	else
		check_readable(L, line, who, field, path);
}

static void
check_dir(struct loadctx *L, int line, const char *who, const char *field,
    const char *path)
{
	struct stat st;

	if (path == NULL)
		return;
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		answer_errors_add(L->errs, L->file, line, "%s%s: %s: not a "
		    "folder", who, field, path);
}

static void
check_known_hosts(struct loadctx *L, int line, const char *who,
    const char *path, int accept_new)
{
	char *copy;
	struct stat st;

	if (path == NULL)
		return;
	if (stat(path, &st) == 0 || !accept_new) {
		check_readable(L, line, who, "known-hosts", path);
		return;
	}
	copy = xstrdup(path);
	if (access(dirname(copy), W_OK) != 0)
		answer_errors_add(L->errs, L->file, line, "%sknown-hosts: %s "
		    "does not exist and its folder is not writable", who, path);
	free(copy);
}

/* Control characters would reach the device or a shell: refused in every
 * text field (the value is not shown: it may be close to a secret). */
static void
check_controls(struct loadctx *L, const struct settings *s, const char *who)
{
	const struct { const char *field, *v; } f[] = {
		{ "name", s->name }, { "vendor", s->vendor },
		{ "variant", s->variant }, { "host", s->host },
		{ "user", s->user }, { "password-env", s->password_env },
		{ "password-file", s->password_file },
		{ "identity", s->identity },
		{ "passphrase-env", s->passphrase_env },
		{ "enable-password-env", s->enable_env },
		{ "known-hosts", s->known_hosts },
		{ "host-key-policy", s->policy },
		{ "backup-dir", s->backup_dir },
		{ "transcript-dir", s->transcript_dir }, { "tags", s->tags },
		{ "ssh-config", s->ssh_config },
	};
	size_t i;
	int c;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].v != NULL && (c = text_control(f[i].v)) >= 0)
			answer_errors_add(L->errs, L->file, xml_line(s->node),
			    "%s%s: contains a %s character (0x%02x); refused",
			    who, f[i].field, text_control_name(c), c);
}

/*
 * check_fields - the settings checked where they are written: host syntax,
 * secrets present (environment variables set, password file and identity
 * readable; not with ANSWER_NO_SECRETS), folders. Paths are resolved.
 */
static void
check_fields(struct loadctx *L, int line, const char *who,
    const struct answer_device *f)
{
	if (f->host != NULL && text_control(f->host) < 0 &&
	    host_problem(f->host) != NULL)
		answer_errors_add(L->errs, L->file, line, "%shost: \"%s\" %s",
		    who, f->host, host_problem(f->host));
	if (f->password_env != NULL && f->password_file != NULL)
		answer_errors_add(L->errs, L->file, line, "%spassword-env and "
		    "password-file: give one of them", who);
	check_env(L, line, who, "password-env", f->password_env, NULL);
	check_env(L, line, who, "passphrase-env", f->passphrase_env, NULL);
	check_env(L, line, who, "enable-password-env", f->enable_env, NULL);
	if (!L->no_secrets) {
		check_secret_file(L, line, who, "password-file",
		    f->password_file);
		check_secret_file(L, line, who, "identity", f->identity);
	}
	check_dir(L, line, who, "backup-dir", f->backup_dir);
	check_dir(L, line, who, "transcript-dir", f->transcript_dir);
}

/* Settings that are checked where they are written (once for defaults). */
static void
check_written(struct loadctx *L, const struct settings *s, const char *who)
{
	struct answer_device f = {
		.host = s->host, .password_env = s->password_env,
		.passphrase_env = s->passphrase_env,
		.enable_env = s->enable_env,
		.password_file = resolve(L->b, s->password_file),
		.identity = resolve(L->b, s->identity),
		.backup_dir = resolve(L->b, s->backup_dir),
		.transcript_dir = resolve(L->b, s->transcript_dir),
	};

	check_controls(L, s, who);
	check_fields(L, xml_line(s->node), who, &f);
	free(f.password_file);
	free(f.identity);
	free(f.backup_dir);
	free(f.transcript_dir);
}

static unsigned
steps_mask(const char *s)
{
	char *copy, *tok, *save = NULL;
	enum step_kind k;
	unsigned m = 0;

	if (s == NULL)
		return STEPS_ALL;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save))
		if (step_from_name(tok, &k) == 0)
			m |= 1u << k;
	free(copy);
	return m;
}

const char *
answer_steps_str(unsigned steps, char *buf, size_t len)
{
	size_t off = 0;
	int k;

	buf[0] = '\0';
	for (k = 0; k < STEP_COUNT; k++) {
		if (!(steps & (1u << k)))
			continue;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0,
		    "%s%s", off ? " " : "", step_name((enum step_kind)k));
		if (off >= len)
			break;
	}
	return buf;
}

/* Template variables written on one element. */
struct vars_at {
	char **name, **value;
	int *line;
	size_t n;
};

static void
vars_read(struct loadctx *L, xmlNodePtr parent, const char *who,
    struct vars_at *va)
{
	xmlNodePtr n;
	size_t i;
	char *name, *value;

	memset(va, 0, sizeof(*va));
	for (n = parent->children; n != NULL; n = n->next) {
		if (!xml_is(n, "var"))
			continue;
		name = xml_attr(n, "name");
		value = xml_attr(n, "value");
		if (name == NULL || value == NULL) {   /* schema reported it */
			free(name);
			free(value);
			continue;
		}
		for (i = 0; i < va->n; i++)
			if (strcmp(va->name[i], name) == 0)
				answer_errors_add(L->errs, L->file, xml_line(n),
				    "%svar %s: set twice (first on line %d)",
				    who, name, va->line[i]);
		va->name = xreallocarray(va->name, va->n + 1, sizeof(char *));
		va->value = xreallocarray(va->value, va->n + 1,
		    sizeof(char *));
		va->line = xreallocarray(va->line, va->n + 1, sizeof(int));
		va->name[va->n] = name;
		va->value[va->n] = value;
		va->line[va->n++] = xml_line(n);
	}
}

static void
vars_free(struct vars_at *va)
{
	size_t i;

	for (i = 0; i < va->n; i++) {
		free(va->name[i]);
		free(va->value[i]);
	}
	free(va->name);
	free(va->value);
	free(va->line);
	memset(va, 0, sizeof(*va));
}

/*
 * check_var - one variable against one vendor; 0 when it may be used.
 * quiet_undeclared: a defaults variable other vendors may declare.
 */
static int
check_var(struct loadctx *L, const char *who, const struct vendor *v,
    const char *name, const char *value, int line, int quiet_undeclared)
{
	const struct vvar *vv = vendor_var(v, name);
	struct errbuf eb;

	if (vv == NULL) {
		if (!quiet_undeclared)
			answer_errors_add(L->errs, L->file, line, "%svar %s: not "
			    "declared by vendor %s", who, name, v->id);
		return -1;
	}
	if (vv->from_device) {
		answer_errors_add(L->errs, L->file, line, "%svar %s: read from "
		    "the device by vendor %s, it cannot be set", who, name,
		    v->id);
		return -1;
	}
	if (text_control(value) < 0 &&
	    tmpl_check_value(vv, value, &eb) != ALGOFF_OK) {
		answer_errors_add(L->errs, L->file, line, "%s%s (vendor %s)",
		    who, eb.msg, v->id);
		return -1;
	}
	return 0;
}

/* Control characters are refused whatever the vendor declares. */
static void
check_var_controls(struct loadctx *L, const char *who,
    const struct vars_at *va)
{
	size_t i;
	int c;

	for (i = 0; i < va->n; i++) {
		c = text_control(va->value[i]);
		if (c >= 0)
			answer_errors_add(L->errs, L->file, va->line[i],
			    "%svar %s: value contains a %s character (0x%02x); "
			    "refused", who, va->name[i], text_control_name(c), c);
	}
}

static const struct vendor *
device_vendor(struct loadctx *L, const struct settings *def,
    const struct settings *d)
{
	const char *id = pick(d->vendor, def->vendor);

	return id != NULL ? vendor_set_find(&L->b->vendors, id) : NULL;
}

/* Defaults variables: each must be declared by some vendor in use. */
static void
check_default_vars(struct loadctx *L, const struct settings *def,
    const struct vars_at *dv, struct settings *devs, size_t n)
{
	const struct vendor **seen = xcalloc(n + 1, sizeof(*seen));
	size_t i, j, k, nseen = 0;
	int declared;

	for (i = 0; i < n; i++) {
		const struct vendor *v = device_vendor(L, def, &devs[i]);

		for (k = 0; v != NULL && k < nseen && seen[k] != v; k++)
			;
		if (v != NULL && k == nseen)
			seen[nseen++] = v;
	}
	check_var_controls(L, "defaults: ", dv);
	for (j = 0; j < dv->n; j++) {
		declared = 0;
		for (k = 0; k < nseen; k++) {
			if (vendor_var(seen[k], dv->name[j]) == NULL)
				continue;
			declared = 1;
			check_var(L, "defaults: ", seen[k], dv->name[j],
			    dv->value[j], dv->line[j], 1);
		}
		if (!declared && nseen > 0)
			answer_errors_add(L->errs, L->file, dv->line[j],
			    "defaults: var %s: no vendor used in this file "
			    "declares it", dv->name[j]);
	}
	free(seen);
}

static void
load_secret(struct loadctx *L, const char *env, const char *file,
    struct secret **out)
{
	struct errbuf eb;

	if (!L->load_secrets)
		return;
	if (env != NULL)
		(void)secret_from_env(env, out, &eb);   /* reported already */
	else if (file != NULL)
		(void)secret_from_file(file, out, &eb);
}

/* The fields that only make sense after merging the defaults. */
static void
check_merged(struct loadctx *L, const struct answer_device *d,
    const char *vid, const char *who)
{
	int line = d->line;

	if (vid == NULL)
		answer_errors_add(L->errs, L->file, line, "%svendor: missing "
		    "(set it on the device or on defaults)", who);
	else if (d->v == NULL) {
		char *ids = vendor_ids();

		answer_errors_add(L->errs, L->file, line, "%svendor: unknown "
		    "vendor \"%s\" (known: %s)", who, vid, ids ? ids : "");
		free(ids);
	} else if (d->v->method == VENDOR_MANUAL)
		answer_errors_add(L->errs, L->file, line, "%svendor: %s is "
		    "configured in its web interface only; %s needs an SSH "
		    "or HTTPS family", who, vid, L->cmd != NULL ? L->cmd : "batch");
	if (d->v != NULL && d->variant != NULL &&
	    vendor_step(d->v, STEP_DISABLE, d->variant) == NULL)
		answer_errors_add(L->errs, L->file, line, "%svariant: vendor %s "
		    "has no variant \"%s\"", who, d->v->id, d->variant);
	if (d->host == NULL)
		answer_errors_add(L->errs, L->file, line, "%shost: missing", who);
	if (d->user == NULL)
		answer_errors_add(L->errs, L->file, line, "%suser: missing", who);
	if (d->password_env == NULL && d->password_file == NULL &&
	    d->identity == NULL && !d->agent && L->cmd != NULL)
		answer_errors_add(L->errs, L->file, line, "no way to "
		    "authenticate: give --password-env VAR, --identity FILE or "
		    "--agent");
	else if (d->password_env == NULL && d->password_file == NULL &&
	    d->identity == NULL && !d->agent)
		answer_errors_add(L->errs, L->file, line, "%sauthentication: "
		    "none (set password-env, password-file, identity or "
		    "agent=\"true\")", who);
	if (d->steps == 0)
		answer_errors_add(L->errs, L->file, line, "%ssteps: no step "
		    "to run", who);
}

/* Complete d from the SSH configuration: -F, ssh-config=, ~/.ssh/config. */
static void
device_sshconfig(struct loadctx *L, const struct settings *def,
    const struct settings *s, struct answer_device *d, const char *who)
{
	const char *p = L->ssh_config != NULL ? L->ssh_config :
	    pick(s->ssh_config, def->ssh_config);
	char *path = p != NULL && strcmp(p, "none") != 0 &&
	    L->ssh_config == NULL ? resolve(L->b, p) : NULL;
	struct errbuf eb;

	errbuf_clear(&eb);
	if (d->v != NULL && d->v->method != VENDOR_SSH) {
		free(path);	/* HTTPS families: not an SSH connection */
		path = NULL;
		p = "none";
	}
	if (answer_device_sshconfig(d, path != NULL ? path : p,
	    s->agent >= 0 || def->agent >= 0, &eb) != ALGOFF_OK)
		answer_errors_add(L->errs, L->file, d->line, "%sssh-config: %s",
		    who, eb.msg);
	if (d->port == 0)
		d->port = 22;
	free(path);
}

static void
device_build(struct loadctx *L, const struct settings *def,
    const struct vars_at *dv, const struct settings *s,
    const struct vars_at *va, struct answer_device *d)
{
	char who[160];
	int own_pw = s->password_env != NULL || s->password_file != NULL;
	const char *policy = pick(s->policy, def->policy);
	size_t i;

	d->line = xml_line(s->node);
	d->name = xstrdup(s->name != NULL ? s->name : "?");
	snprintf(who, sizeof(who), "device \"%s\": ", d->name);
	d->v = device_vendor(L, def, s);
	d->variant = s->variant ? xstrdup(s->variant) :
	    def->variant ? xstrdup(def->variant) : NULL;
	d->host = s->host ? xstrdup(s->host) :
	    def->host ? xstrdup(def->host) : NULL;
	d->user = s->user ? xstrdup(s->user) :
	    def->user ? xstrdup(def->user) : NULL;
	d->port = pick_int(s->port, def->port, d->v != NULL &&
	    d->v->method == VENDOR_HTTPS ? d->v->https.port : 0);
	d->password_env = own_pw ? (s->password_env ?
	    xstrdup(s->password_env) : NULL) :
	    (def->password_env ? xstrdup(def->password_env) : NULL);
	d->password_file = resolve(L->b, own_pw ? s->password_file :
	    def->password_file);
	d->identity = resolve(L->b, pick(s->identity, def->identity));
	d->passphrase_env = s->passphrase_env ? xstrdup(s->passphrase_env) :
	    def->passphrase_env ? xstrdup(def->passphrase_env) : NULL;
	d->enable_env = s->enable_env ? xstrdup(s->enable_env) :
	    def->enable_env ? xstrdup(def->enable_env) : NULL;
	d->agent = pick_int(s->agent, def->agent, 0);
	d->known_hosts = resolve(L->b, pick(s->known_hosts,
	    def->known_hosts));
	d->accept_new = policy != NULL && strcmp(policy, "accept-new") == 0;
	d->legacy_crypto = pick_int(s->legacy, def->legacy, 0);
	d->steps = steps_mask(pick(s->steps, def->steps));
	d->rollback_on_failure = pick_int(s->rollback, def->rollback, 0);
	d->timeout_s = pick_int(s->timeout, def->timeout, 0);
	d->connect_timeout_s = pick_int(s->connect_timeout,
	    def->connect_timeout, 0);
	d->backup_dir = resolve(L->b, pick(s->backup_dir, def->backup_dir));
	d->transcript_dir = resolve(L->b, pick(s->transcript_dir,
	    def->transcript_dir));
	d->tags = s->tags ? xstrdup(s->tags) :
	    def->tags ? xstrdup(def->tags) : NULL;

	device_sshconfig(L, def, s, d, who);
	check_written(L, s, who);
	check_merged(L, d, pick(s->vendor, def->vendor), who);
	if (s->known_hosts != NULL || s->policy != NULL)
		check_known_hosts(L, d->line, who, d->known_hosts,
		    d->accept_new);
	check_var_controls(L, who, va);
	if (d->v != NULL) {
		for (i = 0; i < dv->n; i++)
			if (vendor_var(d->v, dv->name[i]) != NULL &&
			    !vendor_var(d->v, dv->name[i])->from_device)
				varset_set(&d->vars, dv->name[i], dv->value[i]);
		for (i = 0; i < va->n; i++)
			if (check_var(L, who, d->v, va->name[i], va->value[i],
			    va->line[i], 0) == 0 && text_control(va->value[i]) < 0)
				varset_set(&d->vars, va->name[i], va->value[i]);
	}
	load_secret(L, d->password_env, d->password_file, &d->password);
	load_secret(L, d->passphrase_env, NULL, &d->passphrase);
	load_secret(L, d->enable_env, NULL, &d->enable);
}

static void
check_duplicates(struct loadctx *L, const struct settings *devs, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (devs[i].name == NULL)
			continue;
		for (j = 0; j < i; j++) {
			if (devs[j].name != NULL &&
			    strcmp(devs[i].name, devs[j].name) == 0) {
				answer_errors_add(L->errs, L->file,
				    xml_line(devs[i].node), "device \"%s\": "
				    "name: duplicate (first on line %d)",
				    devs[i].name, xml_line(devs[j].node));
				break;
			}
		}
	}
}

/* check_doc - walk the (parsed) document; every problem goes to errs. */
static void
check_doc(struct loadctx *L, xmlNodePtr root)
{
	struct settings def, *devs = NULL;
	struct vars_at dvars, *vas = NULL;
	xmlNodePtr n, defnode = NULL;
	size_t i, nd = 0;
	char *kh;

	for (n = root->children; n != NULL; n = n->next) {
		if (xml_is(n, "defaults") && defnode == NULL)
			defnode = n;
		else if (xml_is(n, "device"))
			nd++;
	}
	if (nd > ANSWER_MAX_DEVICES) {
		answer_errors_add(L->errs, L->file, xml_line(root), "more than "
		    "%d devices; split the file", ANSWER_MAX_DEVICES);
		return;
	}
	if (defnode != NULL)
		settings_read(defnode, &def);
	else
		settings_read(root, &def);   /* root has none of the fields */
	vars_read(L, defnode != NULL ? defnode : root, "defaults: ", &dvars);
	if (defnode != NULL) {
		check_written(L, &def, "defaults: ");
		kh = resolve(L->b, def.known_hosts);
		check_known_hosts(L, xml_line(defnode), "defaults: ", kh,
		    def.policy != NULL && strcmp(def.policy, "accept-new") == 0);
		free(kh);
	}
	L->b->name = def.name != NULL && defnode != NULL ?
	    xstrdup(def.name) : NULL;
	devs = xcalloc(nd + 1, sizeof(*devs));
	vas = xcalloc(nd + 1, sizeof(*vas));
	L->b->dev = xcalloc(nd + 1, sizeof(*L->b->dev));
	nd = 0;
	for (n = root->children; n != NULL; n = n->next) {
		if (!xml_is(n, "device"))
			continue;
		settings_read(n, &devs[nd]);
		vars_read(L, n, "device: ", &vas[nd]);
		nd++;
	}
	check_duplicates(L, devs, nd);
	check_default_vars(L, &def, &dvars, devs, nd);
	for (i = 0; i < nd; i++)
		device_build(L, &def, &dvars, &devs[i], &vas[i],
		    &L->b->dev[L->b->n++]);
	for (i = 0; i < nd; i++) {
		settings_free(&devs[i]);
		vars_free(&vas[i]);
	}
	free(devs);
	free(vas);
	settings_free(&def);
	vars_free(&dvars);
}

/* validate - parse and schema-check path; NULL doc on a parse failure. */
static xmlDocPtr
validate(struct loadctx *L, const char *xsd)
{
	xmlDocPtr doc;
	int seen;
	enum xv_status st;

	st = xml_parse_validate(L->src, xsd, 0, xml_error_cb, L, &doc, &seen);
	if (st == XV_PARSE && !seen)
		answer_errors_add(L->errs, L->file, 0, "cannot read or parse "
		    "the file");
	if (doc != NULL && doc->intSubset != NULL)
		answer_errors_add(L->errs, L->file, xml_line((xmlNodePtr)
		    doc->intSubset), "a DOCTYPE is not allowed in an answer "
		    "file");
	if (st == XV_SCHEMA)
		answer_errors_add(L->errs, xsd, 0, "cannot load the schema");
	if (st == XV_INVALID && !seen)
		answer_errors_add(L->errs, L->file, 0, "does not match the "
		    "schema %s", xsd);
	return doc;
}

enum algoff_err
answer_load(const char *path, unsigned flags, const char *ssh_config,
    struct answer **out, struct answer_errors *errs)
{
	struct loadctx L;
	struct answer *b = xcalloc(1, sizeof(*b));
	struct errbuf eb;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *xsd = NULL, *copy, *real;
	enum algoff_err r = ALGOFF_ERR_INPUT;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.ssh_config = ssh_config;
	if (strcmp(path, "-") == 0) {   /* relative paths start from "." */
		b->file = xstrdup("(standard input)");
		b->abspath = xstrdup("-");
		b->dir = xstrdup(".");
		path = L.src = "/dev/stdin";
	} else {
		b->file = xstrdup(path);
		real = realpath(path, NULL);
		b->abspath = xstrdup(real != NULL ? real : path);
		free(real);
		copy = xstrdup(path);
		b->dir = xstrdup(dirname(copy));
		free(copy);
		L.src = path;
	}
	L.b = b;
	L.errs = errs;
	L.file = b->file;
	L.load_secrets = (flags & ANSWER_LOAD_SECRETS) != 0;
	L.no_secrets = (flags & ANSWER_NO_SECRETS) != 0;
	if (access(path, R_OK) != 0) {
		answer_errors_add(errs, path, 0, "%s", strerror(errno));
		goto out;
	}
	errbuf_clear(&eb);
	if (vendor_load_all(&b->vendors, &eb) != ALGOFF_OK) {
		answer_errors_add(errs, "vendor profiles", 0, "%s", eb.msg);
		goto out;
	}
	xasprintf(&xsd, "%s/schema/batch.xsd", vendor_datadir());
	doc = validate(&L, xsd);
	if (doc == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xml_is(root, "algoff-batch"))
		goto out;   /* the schema said so */
	check_doc(&L, root);
	if (b->name == NULL)
		b->name = strcmp(b->abspath, "-") == 0 ? xstrdup("stdin") :
		    file_stem(path);
	if (errs->n == 0 && errs->dropped == 0) {
		*out = b;
		b = NULL;
		r = ALGOFF_OK;
	}
out:
	errors_sort(errs);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(xsd);
	answer_free(b);
	return r;
}

void
answer_device_check(const struct answer_device *d, const char *cmd,
    unsigned flags, struct answer_errors *errs)
{
	struct loadctx L;
	size_t i;

	memset(&L, 0, sizeof(L));
	L.errs = errs;
	L.file = "algoff apply";
	L.cmd = cmd;
	L.no_secrets = (flags & ANSWER_NO_SECRETS) != 0;
	check_fields(&L, 0, "--", d);
	check_merged(&L, d, d->v != NULL ? d->v->id : NULL, "--");
	check_known_hosts(&L, 0, "--", d->known_hosts, d->accept_new);
	for (i = 0; d->v != NULL && i < d->vars.n; i++) {
		if (text_control(d->vars.value[i]) >= 0)
			answer_errors_add(errs, L.file, 0, "--var %s: value "
			    "contains a %s character; refused",
			    d->vars.name[i],
			    text_control_name(text_control(d->vars.value[i])));
		else
			(void)check_var(&L, "--", d->v, d->vars.name[i],
			    d->vars.value[i], 0, 0);
	}
}

void
answer_device_free(struct answer_device *d)
{
	free(d->name);
	free(d->variant);
	free(d->host);
	free(d->user);
	free(d->password_env);
	free(d->password_file);
	free(d->identity);
	free(d->passphrase_env);
	free(d->enable_env);
	free(d->known_hosts);
	free(d->backup_dir);
	free(d->transcript_dir);
	free(d->tags);
	varset_free(&d->vars);
	secret_free(d->password);
	secret_free(d->passphrase);
	secret_free(d->enable);
	free(d->hostkey_alias);
	while (d->n_jumps > 0) {
		struct target_hop *h = &d->jumps[--d->n_jumps];

		free((char *)h->host);
		free((char *)h->user);
		free((char *)h->identity);
		free((char *)h->known_hosts);
		free((char *)h->hostkey_alias);
	}
}

void
answer_free(struct answer *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		answer_device_free(&b->dev[i]);
	free(b->dev);
	vendor_set_free(&b->vendors);
	free(b->file);
	free(b->abspath);
	free(b->dir);
	free(b->name);
	free(b);
}

struct target
answer_device_target(const struct answer_device *d)
{
	return (struct target){
		.host = d->host, .port = d->port, .user = d->user,
		.password = d->password, .identity = d->identity,
		.passphrase = d->passphrase, .agent = d->agent,
		.enable_password = d->enable,
		.known_hosts = d->known_hosts,
		.accept_new_hostkey = d->accept_new,
		.legacy_crypto = d->legacy_crypto,
		.connect_timeout_ms = d->connect_timeout_s * 1000,
		.timeout_ms = d->timeout_s * 1000,
		.hostkey_alias = d->hostkey_alias,
		.jumps = d->jumps, .n_jumps = d->n_jumps,
	};
}

long
answer_find(const struct answer *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->dev[i].name, name) == 0)
			return (long)i;
	return -1;
}
