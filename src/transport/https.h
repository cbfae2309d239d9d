/* SPDX-License-Identifier: MIT */
/*
 * https.h - the HTTPS transport: requests to one device's management API
 * (libcurl with OpenSSL), for the vendor families whose SIP ALG switch is
 * reached through a documented API instead of a CLI (SonicWall
 * SonicOS 7 REST, Palo Alto PAN-OS XML API).
 *
 * Responsible for: one endpoint (host, port), requests (method, path,
 * body, headers), a bounded time per request and an overall deadline,
 * no redirects, no proxies, https only, a bounded response size, and
 * trust in the device's certificate, decided during the TLS handshake and
 * so before any request byte (credentials included) is sent:
 *
 *   1. a certificate recorded for this host:port in the known-certificates
 *      file is accepted when its SHA-256 matches;
 *   2. a recorded host:port whose certificate has changed is refused,
 *      always (ALGOFF_ERR_HOSTKEY), naming the file and line;
 *   3. an unrecorded certificate that chains to a trusted CA (the system
 *      store, or https_opts.cafile) and names the host is accepted and not
 *      recorded (CA validation makes pinning unnecessary);
 *   4. otherwise (the usual self-signed device certificate) it is refused
 *      (ALGOFF_ERR_HOSTKEY, exit 3) with its SHA-256 fingerprint, unless
 *      the policy is HTTPS_CERT_ACCEPT_NEW: then it is recorded and used.
 *
 * Known-certificates file: "algoff_known_certs" in the directory of the
 * known_hosts file the SSH path uses (~/.ssh/ by default), mode 0600.
 * One line per endpoint and certificate, '#' starts a comment:
 *
 *     host:port SHA256:<base64 of SHA-256(leaf certificate DER), no '='>
 *     [2001:db8::1]:443 SHA256:...
 *
 * host is lower case; an IPv6 literal is bracketed; the port is always
 * written. Several lines for one host:port are allowed (a planned
 * certificate change: add the new line first). The fingerprint has the
 * form OpenSSH prints for keys; `openssl x509 -noout -fingerprint -sha256`
 * prints the same digest in hex, which the refusal message also shows.
 *
 * Secrets: a request carries credentials only from struct secret values
 * (environment variable or file, see core/secret.h), as a header or body.
 * Every secret the connection learns (the password, its Basic and
 * form-encoded forms, an API key or session token read from a response)
 * is added to the connection's redaction set with https_add_secret(), and
 * the transcript passes through secrets_redact(); headers marked secret
 * are written as "<redacted>" whatever their value. A path holding a
 * known secret is refused: credentials never go into a URL.
 *
 * Not responsible for: what the requests mean (the runner and the vendor
 * file decide), printing, or asking the user (the caller passes a policy).
 *
 * ----------------------------------------------------------------------
 * DESIGN NOTE: describing HTTPS steps in a vendor file. Wired (schema/
 * vendor.xsd, core/vendor_https.c, runner/run_https.c; doc/vendors.md) as
 * the shipped profiles use it: SonicWall (vendors/sonicwall.xml: <ok
 * json>, Basic login, JSON <state>) and PAN-OS (vendors/palo-alto.xml:
 * <ok xpath>, auth="form" keygen login, <capture secret> of the API key,
 * <header var secret>, XPath <state>, a commit job <capture> and <poll>).
 * The sketch below is the original design; the attribute spellings in
 * schema/vendor.xsd are the ones that count.
 *
 * A vendor file gains <method name="https">; its steps keep the names the
 * runner already runs (login, precheck, backup, disable, verify, save,
 * rollback, logout), each a list of <request> elements run in order on one
 * https_conn:
 *
 *   <request method="PUT" path="/api/sonicos/voip"
 *            content-type="application/json" body="voip-disable.json.tmpl"
 *            expect-status="200"
 *            ok-json="/status/success" ok-value="true"/>
 *   <request method="GET" path="/api/sonicos/voip" expect-status="200">
 *     <state json="/voip/sip/enable" on="true" off="false"
 *            absent="on"/>            (JSON pointer, RFC 6901)
 *   </request>
 *   <request method="POST" path="/api/"
 *            content-type="application/x-www-form-urlencoded"
 *            body="keygen.form.tmpl" expect-status="200">
 *     <capture xpath="/response/result/key/text()" as="api_key"
 *              secret="yes"/>            (added with https_add_secret)
 *     <ok xpath="/response/@status" value="success"/>
 *   </request>
 *   <request ... header-name="X-PAN-KEY" header-value="{{api_key}}"
 *            header-secret="yes"/>
 *   <poll interval-ms="2000" max="90"> (commit job: repeat the request
 *     <until xpath="/response/result/job/status/text()" value="FIN"/>
 *     <ok xpath="/response/result/job/result/text()" value="OK"/>
 *   </poll>
 *
 * - path and body are templates (core/tmpl) with the answers and captured
 *   values; a value used in a path is URL-escaped, in a form body
 *   form-escaped (https_form_escape), in JSON JSON-escaped. Secrets are
 *   only allowed in bodies and secret headers, never in a path.
 * - <state> decides on/off exactly like the CLI steps' on/off patterns:
 *   a JSON pointer into a JSON body, or an XPath (libxml2) into an XML
 *   body, compared with the on/off literals; "absent" says what a missing
 *   node means (PAN-OS: no alg-override entry means the ALG is on).
 * - expect-status / ok-json / ok-xpath make a refused request
 *   ALGOFF_ERR_DEVICE with the vendor's message (SonicOS status.info[0].
 *   message, PAN-OS response/msg) in the report.
 * - backup: the body of the precheck read is the backup; rollback sends
 *   the recorded state back (PUT of the original value / action=set of the
 *   original alg-disabled) and commits.
 *
 * Runner integration after the restructuring: runner_opts' device struct
 * gains method (ssh|https) and known_certs/cafile; runner.c opens an
 * https_conn instead of an ssh_conn when the vendor's method is https,
 * and the step executor walks <request> lists instead of sending CLI
 * lines; the precheck -> backup -> disable -> verify -> save order,
 * rollback, reports and exit codes stay as they are (HOSTKEY and AUTH map
 * to exit 3 like SSH).
 * ----------------------------------------------------------------------
 */
#ifndef ALGOFF_HTTPS_H
#define ALGOFF_HTTPS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/secret.h"

struct https_conn;

#define HTTPS_DEFAULT_PORT 443
#define HTTPS_DEFAULT_CONNECT_TIMEOUT_MS 10000
#define HTTPS_DEFAULT_TIMEOUT_MS 30000
#define HTTPS_RESPONSE_MAX (4u << 20)	/* bytes of one response body */
#define HTTPS_KNOWN_CERTS_NAME "algoff_known_certs"

struct https_target {
	const char *host;	/* name, IPv4 or IPv6 literal (no brackets) */
	int port;		/* 0 means 443 */
	int connect_timeout_ms;	/* TCP + TLS; 0 means the default */
	int timeout_ms;		/* each whole request; 0 means the default */
	int64_t deadline_ms;	/* mono_ms_i() after which no request starts
				   and none runs on; 0 means none */
};

enum https_cert_policy {
	HTTPS_CERT_STRICT,	/* unknown certificate: refuse */
	HTTPS_CERT_ACCEPT_NEW,	/* unknown certificate: record it, go on */
};

struct https_opts {
	const char *known_certs; /* NULL: beside known_hosts, see below */
	const char *known_hosts; /* to find the default; NULL: ~/.ssh/ */
	const char *cafile;	 /* PEM CA bundle; NULL: the system store */
	enum https_cert_policy policy;
	/* expect_fp - "SHA256:..." of a certificate the user approved after
	 * a refusal (see https_cert_info.unknown): an unrecorded certificate
	 * is accepted and recorded only with exactly this fingerprint, any
	 * other is refused; NULL: the policy decides */
	const char *expect_fp;
	/* trace - progress lines, never containing secrets; NULL: silent */
	void (*trace)(void *arg, const char *line);
	void *arg;
};

struct https_header {
	const char *name;
	const char *value;
	int secret;		/* written as "<redacted>" in the transcript */
};

#define HTTPS_HEADERS_MAX 8

struct https_request {
	const char *method;	/* GET, POST, PUT, DELETE, PATCH, HEAD */
	const char *path;	/* "/api/..." with an optional query */
	const char *body;	/* NULL: none */
	size_t body_len;	/* 0 with a body: strlen(body) */
	const char *content_type; /* NULL: none */
	struct https_header headers[HTTPS_HEADERS_MAX];
	size_t nheaders;
	int timeout_ms;		/* 0: the target's */
};

struct https_response {
	long status;		/* HTTP status, 0 if none arrived */
	struct buf body;	/* bounded by HTTPS_RESPONSE_MAX */
	char content_type[128];
};

/* What the certificate check saw, for messages and reports. */
struct https_cert_info {
	char entry[300];	/* "host:port" as written in the file */
	char fingerprint[64];	/* "SHA256:" + base64 */
	char hex[100];		/* the same digest as AA:BB:... */
	const char *how;	/* "pinned", "recorded", "ca", or NULL */
	int unknown;		/* refused as unknown (not as changed): the
				   caller may ask and reconnect with
				   https_opts.expect_fp */
};

/*
 * https_default_known_certs - the known-certificates path: the directory
 * of known_hosts (NULL: $HOME/.ssh/known_hosts) + HTTPS_KNOWN_CERTS_NAME.
 */
enum algoff_err https_default_known_certs(const char *known_hosts,
    char *dst, size_t dstlen, struct errbuf *eb);

/*
 * https_open - prepare a connection to t (nothing is sent yet: the TLS
 * handshake and the certificate check happen on the first request).
 * Errors: ALGOFF_ERR_INPUT (host or port unusable), ALGOFF_ERR_INTERNAL
 * (libcurl without OpenSSL).
 */
enum algoff_err https_open(const struct https_target *t,
    const struct https_opts *o, struct https_conn **out, struct errbuf *eb);

/*
 * https_add_secret - redact value (a copy is kept, wiped on close) in
 * everything this connection writes from now on. Up to SECRETS_MAX.
 */
enum algoff_err https_add_secret(struct https_conn *c, const char *value,
    struct errbuf *eb);
/* https_add_secret_ref - the same for a secret the caller keeps alive. */
enum algoff_err https_add_secret_ref(struct https_conn *c,
    const struct secret *s, struct errbuf *eb);

/*
 * https_basic_header - fill h with "Authorization: Basic base64(user:pw)"
 * and register the encoded value as a secret. The value lives as long as
 * the connection.
 */
enum algoff_err https_basic_header(struct https_conn *c, const char *user,
    const struct secret *password, struct https_header *h,
    struct errbuf *eb);

/*
 * https_form_escape - value escaped for an application/x-www-form-
 * urlencoded body (caller frees). With secret set, the escaped form is
 * registered as a secret as well.
 */
char *https_form_escape(struct https_conn *c, const char *value,
    int secret);

/*
 * https_request - send req and collect the response into resp (initialised
 * here; release with https_response_free). Any HTTP status is ALGOFF_OK
 * except 401 and 403 (ALGOFF_ERR_AUTH, the response still filled).
 * Errors: ALGOFF_ERR_HOSTKEY (certificate refused: nothing was sent),
 * ALGOFF_ERR_CONNECT, ALGOFF_ERR_TIMEOUT, ALGOFF_ERR_DROPPED (connection
 * lost mid-way: the request may or may not have taken effect),
 * ALGOFF_ERR_TOOBIG, ALGOFF_ERR_IO (the known-certificates file could not
 * be written), ALGOFF_ERR_INPUT (bad request, a secret in the path).
 */
enum algoff_err https_request(struct https_conn *c,
    const struct https_request *req, struct https_response *resp,
    struct errbuf *eb);

void https_response_free(struct https_response *resp);

/* https_cert - what the last handshake saw (fingerprint empty before). */
const struct https_cert_info *https_cert(const struct https_conn *c);

/*
 * https_transcript - every request and response so far, redacted. A
 * response body enters the transcript only at the next request or this
 * call, so that secrets found in it and registered in between (an API key
 * from a login answer) are redacted in it as well.
 */
const char *https_transcript(struct https_conn *c);

/* https_close - free everything, wipe the owned secrets. NULL is fine. */
void https_close(struct https_conn *c);

#endif
