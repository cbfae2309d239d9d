/* SPDX-License-Identifier: MIT */
/*
 * https.c - the HTTPS transport (see https.h): one libcurl easy handle per
 * device, requests bounded in time and size, the certificate decided in
 * the handshake (https_pin.c), and a redacted transcript.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "transport/https_int.h"
#include "transport/knownhosts.h"

#define TRANSCRIPT_MAX (8u << 20)

struct https_conn {
	CURL *curl;
	char base[320];			/* "https://host:port" */
	int connect_timeout_ms;
	int timeout_ms;
	int64_t deadline_ms;
	struct https_pin pin;
	struct secrets redact;
	struct secret *owned[SECRETS_MAX];
	size_t nowned;
	struct buf transcript;
	void (*trace)(void *, const char *);
	void *arg;
	struct buf held;		/* last response body, not yet
					   redacted: see flush_held */
	struct buf *sink;		/* the body being received */
	int toobig;
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static int global_ok;

static void
global_init(void)
{
	const curl_version_info_data *v;

	pin_init();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return;
	v = curl_version_info(CURLVERSION_NOW);
	global_ok = v != NULL && v->ssl_version != NULL &&
	    strncasecmp(v->ssl_version, "OpenSSL", 7) == 0;
}

enum algoff_err
https_default_known_certs(const char *known_hosts, char *dst, size_t dstlen,
    struct errbuf *eb)
{
	const char *home = getenv("HOME"), *slash;
	int w;

	if (known_hosts == NULL) {
		if (home == NULL || *home == '\0')
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "HOME is not set: give the known certificates "
			    "file explicitly");
		w = snprintf(dst, dstlen, "%s/.ssh/%s", home,
		    HTTPS_KNOWN_CERTS_NAME);
	} else {
		slash = strrchr(known_hosts, '/');
		if (slash == NULL)
			w = snprintf(dst, dstlen, "%s", HTTPS_KNOWN_CERTS_NAME);
		else
			w = snprintf(dst, dstlen, "%.*s/%s",
			    (int)(slash - known_hosts), known_hosts,
			    HTTPS_KNOWN_CERTS_NAME);
	}
	if (w < 0 || (size_t)w >= dstlen)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "known certificates path too long");
	return ALGOFF_OK;
}

/* say - append one redacted line to the transcript and the trace. */
static void say(struct https_conn *c, int trace, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct https_conn *c, int trace, const char *fmt, ...)
{
	char *raw, *clean;
	size_t n;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	raw = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(raw, (size_t)len + 1, fmt, ap);
	va_end(ap);
	clean = secrets_redact(&c->redact, raw, (size_t)len, &n);
	freezero(raw, (size_t)len + 1);
	buf_append(&c->transcript, clean, n);
	buf_puts(&c->transcript, "\n");
	if (trace && c->trace != NULL)
		c->trace(c->arg, clean);
	free(clean);
}

/*
 * flush_held - write the last response body to the transcript. It is held
 * back until the next request (or the transcript is read) so that a secret
 * the caller finds in it (an API key, a session token) and registers with
 * https_add_secret is redacted in it too.
 */
static void
flush_held(struct https_conn *c)
{
	if (c->held.len == 0)
		return;
	say(c, 0, "< %s", c->held.data);
	OPENSSL_cleanse(c->held.data, c->held.len);
	buf_reset(&c->held);
}

static CURLcode
ctx_cb(CURL *curl, void *ssl_ctx, void *arg)
{
	struct https_conn *c = arg;

	(void)curl;
	pin_reset(&c->pin);
	return pin_install(ssl_ctx, &c->pin) == 0 ? CURLE_OK :
	    CURLE_SSL_CACERT_BADFILE;
}

static size_t
write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct https_conn *c = arg;

	if (c->sink == NULL || buf_append(c->sink, p, size * n) != ALGOFF_OK) {
		c->toobig = 1;
		return 0;
	}
	return size * n;
}

/* handle_opts - the options every request of this handle shares. */
static int
handle_opts(struct https_conn *c)
{
	CURL *h = c->curl;
	int bad = 0;

	bad |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https") != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_PROXY, "") != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_NOPROXY, "*") != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED)
	    != CURLE_OK;
	/* trust is decided by https_pin.c inside the handshake */
	bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, ctx_cb)
	    != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, c) != CURLE_OK;
	/* every new connection goes through the check again */
	bad |= curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L)
	    != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_SSLVERSION,
	    (long)CURL_SSLVERSION_TLSv1_2) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_COOKIEFILE, "") != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_USERAGENT, PACKAGE_NAME "/"
	    PACKAGE_VERSION) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)c->connect_timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb)
	    != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_WRITEDATA, c) != CURLE_OK;
	return bad ? -1 : 0;
}

enum algoff_err
https_open(const struct https_target *t, const struct https_opts *o,
    struct https_conn **out, struct errbuf *eb)
{
	struct https_conn *c;
	int port = t->port > 0 ? t->port : HTTPS_DEFAULT_PORT;
	enum algoff_err r;

	*out = NULL;
	pthread_once(&global_once, global_init);
	if (!global_ok)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "libcurl is not built with OpenSSL (or failed to start): "
		    "install libcurl4-openssl-dev and rebuild");
	c = xcalloc(1, sizeof(*c));
	r = pin_entry(t->host, port, c->pin.info.entry,
	    sizeof(c->pin.info.entry), eb);
	if (r == ALGOFF_OK && o->known_certs != NULL) {
		if (snprintf(c->pin.path, sizeof(c->pin.path), "%s",
		    o->known_certs) >= (int)sizeof(c->pin.path))
			r = errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "known certificates path too long");
	} else if (r == ALGOFF_OK) {
		r = https_default_known_certs(o->known_hosts, c->pin.path,
		    sizeof(c->pin.path), eb);
	}
	if (r != ALGOFF_OK) {
		free(c);
		return r;
	}
	snprintf(c->pin.host, sizeof(c->pin.host), "%s", t->host);
	snprintf(c->base, sizeof(c->base), strchr(t->host, ':') != NULL ?
	    "https://[%s]:%d" : "https://%s:%d", t->host, port);
	c->pin.policy = o->policy;
	snprintf(c->pin.expect_fp, sizeof(c->pin.expect_fp), "%s",
	    o->expect_fp != NULL ? o->expect_fp : "");
	c->pin.cafile = o->cafile;
	c->connect_timeout_ms = t->connect_timeout_ms > 0 ?
	    t->connect_timeout_ms : HTTPS_DEFAULT_CONNECT_TIMEOUT_MS;
	c->timeout_ms = t->timeout_ms > 0 ? t->timeout_ms :
	    HTTPS_DEFAULT_TIMEOUT_MS;
	c->deadline_ms = t->deadline_ms;
	c->trace = o->trace;
	c->arg = o->arg;
	buf_init(&c->transcript, TRANSCRIPT_MAX);
	buf_init(&c->held, HTTPS_RESPONSE_MAX);
	c->curl = curl_easy_init();
	if (c->curl == NULL || handle_opts(c) != 0) {
		https_close(c);
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "libcurl refused the HTTPS options");
	}
	*out = c;
	return ALGOFF_OK;
}

enum algoff_err
https_add_secret_ref(struct https_conn *c, const struct secret *s,
    struct errbuf *eb)
{
	if (s == NULL || s->len == 0)
		return ALGOFF_OK;
	if (c->redact.n >= SECRETS_MAX)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "too many secrets for one connection");
	secrets_add(&c->redact, s);
	return ALGOFF_OK;
}

enum algoff_err
https_add_secret(struct https_conn *c, const char *value, struct errbuf *eb)
{
	struct secret *s;
	enum algoff_err r;

	if (value == NULL || *value == '\0')
		return ALGOFF_OK;
	if (c->nowned >= SECRETS_MAX || c->redact.n >= SECRETS_MAX)
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "too many secrets for one connection");
	s = secret_new(value);
	r = https_add_secret_ref(c, s, eb);
	if (r != ALGOFF_OK) {
		secret_free(s);
		return r;
	}
	c->owned[c->nowned++] = s;
	return ALGOFF_OK;
}

enum algoff_err
https_basic_header(struct https_conn *c, const char *user,
    const struct secret *password, struct https_header *h,
    struct errbuf *eb)
{
	size_t ulen = strlen(user), n = ulen + 1 + password->len;
	char *plain = xmalloc(n + 1), *enc = xmalloc((n + 2) / 3 * 4 + 8);
	enum algoff_err r;

	memcpy(plain, user, ulen);
	plain[ulen] = ':';
	memcpy(plain + ulen + 1, password->value, password->len);
	strcpy(enc, "Basic ");
	kh_base64((unsigned char *)plain, n, 1, enc + 6, (n + 2) / 3 * 4 + 2);
	freezero(plain, n + 1);
	r = https_add_secret(c, enc + 6, eb);
	if (r == ALGOFF_OK)
		r = https_add_secret(c, enc, eb);
	h->name = "Authorization";
	h->secret = 1;
	/* the owned copy lives as long as the connection */
	h->value = r == ALGOFF_OK ? c->owned[c->nowned - 1]->value : NULL;
	freezero(enc, strlen(enc));
	return r;
}

char *
https_form_escape(struct https_conn *c, const char *value, int secret)
{
	char *e = curl_easy_escape(c->curl, value, 0), *out;

	if (e == NULL)
		return NULL;
	out = xstrdup(e);
	curl_free(e);
	if (secret && https_add_secret(c, out, NULL) != ALGOFF_OK) {
		freezero(out, strlen(out));
		return NULL;
	}
	return out;
}

/* check_request - refuse what must never be sent. */
static enum algoff_err
check_request(struct https_conn *c, const struct https_request *req,
    struct errbuf *eb)
{
	static const char *const methods[] = { "GET", "POST", "PUT",
	    "DELETE", "PATCH", "HEAD", NULL };
	const char *p;
	char *clean;
	size_t i, n;
	int ok = 0;

	for (i = 0; methods[i] != NULL; i++)
		ok |= req->method != NULL && strcmp(req->method, methods[i]) == 0;
	if (!ok || req->path == NULL || req->path[0] != '/')
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "an HTTPS request needs a known method and a path "
		    "starting with '/'");
	for (p = req->path; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "an HTTPS path must be URL-escaped ASCII");
	clean = secrets_redact(&c->redact, req->path, strlen(req->path), &n);
	ok = strcmp(clean, req->path) == 0;
	free(clean);
	if (!ok)
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "refusing to put a secret into a URL");
	if (req->nheaders > HTTPS_HEADERS_MAX)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "too many headers");
	return ALGOFF_OK;
}

/* build_headers - the curl list for req, and its transcript lines. */
static struct curl_slist *
build_headers(struct https_conn *c, const struct https_request *req)
{
	struct curl_slist *l = NULL, *n;
	char *line;
	size_t i;

	l = curl_slist_append(l, "Expect:");
	if (req->content_type != NULL) {
		xasprintf(&line, "Content-Type: %s", req->content_type);
		n = curl_slist_append(l, line);
		free(line);
		l = n != NULL ? n : l;
	}
	for (i = 0; i < req->nheaders && l != NULL; i++) {
		const struct https_header *h = &req->headers[i];

		xasprintf(&line, "%s: %s", h->name, h->value);
		say(c, 0, "> %s: %s", h->name, h->secret ? "<redacted>" :
		    h->value);
		n = curl_slist_append(l, line);
		freezero(line, strlen(line));
		if (n == NULL) {
			curl_slist_free_all(l);
			return NULL;
		}
		l = n;
	}
	return l;
}

/* request_opts - the per-request options; -1 if libcurl refused one. */
static int
request_opts(struct https_conn *c, const struct https_request *req,
    struct curl_slist *hdrs, long timeout_ms)
{
	CURL *h = c->curl;
	char *url;
	int bad = 0, head = strcmp(req->method, "HEAD") == 0;

	xasprintf(&url, "%s%s", c->base, req->path);
	bad |= curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK;
	free(url);
	bad |= curl_easy_setopt(h, CURLOPT_HTTPGET, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_NOBODY, head ? 1L : 0L) != CURLE_OK;
	if (req->body != NULL) {
		size_t len = req->body_len > 0 ? req->body_len :
		    strlen(req->body);

		bad |= curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len) != CURLE_OK;
		bad |= curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body)
		    != CURLE_OK;
	}
	bad |= curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
	    head || strcmp(req->method, "GET") == 0 ||
	    (req->body != NULL && strcmp(req->method, "POST") == 0) ?
	    NULL : req->method) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK;
	bad |= curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK;
	return bad ? -1 : 0;
}

/* curl_error - the algoff error for a failed transfer. */
static enum algoff_err
curl_error(struct https_conn *c, CURLcode cc, struct errbuf *eb)
{
	const char *what = curl_easy_strerror(cc);

	if (c->pin.refused && c->pin.file_err)
		return errbuf_set(eb, ALGOFF_ERR_IO, "%s", c->pin.why.msg);
	if (c->pin.refused)
		return errbuf_set(eb, ALGOFF_ERR_HOSTKEY, "%s", c->pin.why.msg);
	if (c->toobig)
		return errbuf_set(eb, ALGOFF_ERR_TOOBIG,
		    "the response from %s is larger than %u bytes",
		    c->pin.info.entry, HTTPS_RESPONSE_MAX);
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return errbuf_set(eb, ALGOFF_ERR_CONNECT, "%s: %s",
		    c->pin.info.entry, what);
	case CURLE_OPERATION_TIMEDOUT:
		return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
		    "%s did not answer in time", c->pin.info.entry);
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		return errbuf_set(eb, ALGOFF_ERR_DROPPED,
		    "%s closed the connection mid-request (%s): the request "
		    "may or may not have taken effect", c->pin.info.entry,
		    what);
	default:
		return errbuf_set(eb, ALGOFF_ERR_CONNECT, "%s: %s",
		    c->pin.info.entry, what);
	}
}

/* after_handshake - record an accepted-new certificate, trace the trust. */
static enum algoff_err
after_handshake(struct https_conn *c, struct errbuf *eb)
{
	enum algoff_err r;

	if (!c->pin.seen_leaf || c->pin.info.how == NULL)
		return ALGOFF_OK;
	if (c->pin.record) {
		r = pin_record(c->pin.path, c->pin.info.entry,
		    c->pin.info.fingerprint, eb);
		if (r != ALGOFF_OK)
			return r;
		c->pin.record = 0;
		say(c, 1, "* recorded the TLS certificate of %s (%s) in %s",
		    c->pin.info.entry, c->pin.info.fingerprint, c->pin.path);
	} else {
		say(c, 1, "* TLS certificate of %s %s (%s)", c->pin.info.entry,
		    strcmp(c->pin.info.how, "ca") == 0 ?
		    "signed by a trusted CA" : "matches the recorded one",
		    c->pin.info.fingerprint);
	}
	c->pin.seen_leaf = 0;
	return ALGOFF_OK;
}

/* time_left - the request's bound under the deadline; 0 if none is left */
static long
time_left(const struct https_conn *c, const struct https_request *req)
{
	long t = req->timeout_ms > 0 ? req->timeout_ms : c->timeout_ms;
	int64_t left;

	if (c->deadline_ms <= 0)
		return t;
	left = c->deadline_ms - mono_ms_i();
	if (left <= 0)
		return 0;
	return left < t ? (long)left : t;
}

static void
log_exchange(struct https_conn *c, const struct https_request *req,
    const struct https_response *resp, double ms)
{
	if (req->body != NULL)
		say(c, 0, "> %.*s", (int)(req->body_len > 0 ? req->body_len :
		    strlen(req->body)), req->body);
	say(c, 1, "< %ld %s (%.0f ms)", resp->status, req->path, ms);
	if (resp->body.len > 0)
		buf_append(&c->held, resp->body.data, resp->body.len);
}

enum algoff_err
https_request(struct https_conn *c, const struct https_request *req,
    struct https_response *resp, struct errbuf *eb)
{
	struct curl_slist *hdrs;
	enum algoff_err r;
	CURLcode cc;
	char *ct = NULL;
	long timeout;
	double t0;

	memset(resp, 0, sizeof(*resp));
	buf_init(&resp->body, HTTPS_RESPONSE_MAX);
	flush_held(c);
	r = check_request(c, req, eb);
	if (r != ALGOFF_OK)
		return r;
	timeout = time_left(c, req);
	if (timeout == 0)
		return errbuf_set(eb, ALGOFF_ERR_TIMEOUT,
		    "the deadline for %s passed before %s %s",
		    c->pin.info.entry, req->method, req->path);
	say(c, 1, "> %s %s", req->method, req->path);
	hdrs = build_headers(c, req);
	if (hdrs == NULL || request_opts(c, req, hdrs, timeout) != 0) {
		curl_slist_free_all(hdrs);
		return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
		    "libcurl refused the request options");
	}
	c->sink = &resp->body;
	c->toobig = 0;
	t0 = mono_ms();
	cc = curl_easy_perform(c->curl);
	c->sink = NULL;
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdrs);
	r = after_handshake(c, eb);
	if (r != ALGOFF_OK)
		return r;
	if (cc != CURLE_OK) {
		r = curl_error(c, cc, eb);
		say(c, 1, "! %s", eb != NULL ? eb->msg : curl_easy_strerror(cc));
		return r;
	}
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	if (curl_easy_getinfo(c->curl, CURLINFO_CONTENT_TYPE, &ct) ==
	    CURLE_OK && ct != NULL)
		snprintf(resp->content_type, sizeof(resp->content_type), "%s",
		    ct);
	log_exchange(c, req, resp, mono_ms() - t0);
	if (resp->status == 401 || resp->status == 403)
		return errbuf_set(eb, ALGOFF_ERR_AUTH,
		    "%s refused the credentials or the session (HTTP %ld on "
		    "%s %s)", c->pin.info.entry, resp->status, req->method,
		    req->path);
	return ALGOFF_OK;
}

void
https_response_free(struct https_response *resp)
{
	if (resp != NULL)
		buf_free(&resp->body);
}

const struct https_cert_info *
https_cert(const struct https_conn *c)
{
	return &c->pin.info;
}

const char *
https_transcript(struct https_conn *c)
{
	flush_held(c);
	return c->transcript.data != NULL ? c->transcript.data : "";
}

void
https_close(struct https_conn *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->curl != NULL)
		curl_easy_cleanup(c->curl);
	for (i = 0; i < c->nowned; i++)
		secret_free(c->owned[i]);
	if (c->held.data != NULL)
		OPENSSL_cleanse(c->held.data, c->held.len);
	buf_free(&c->held);
	buf_free(&c->transcript);
	free(c);
}
