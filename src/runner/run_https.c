/* SPDX-License-Identifier: MIT */
/*
 * run_https.c - the runner's steps for vendors with method="https": one
 * connection (transport/https.h) to the device's API, the vendor's login
 * requests, each step's requests in order, the logout requests always.
 * Every request is recorded like a CLI command ("METHOD PATH [BODY]",
 * credentials only ever in a header or the login answer, never shown).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/plan.h"
#include "core/xmalloc.h"
#include "runner/runner_int.h"
#include "transport/https.h"

/* check_answer - the status the vendor expects, and its ok value in a
 * JSON answer; a refusal carries the device's message. */
static enum algoff_err
check_answer(struct run *R, const struct vrequest *rq,
    const struct https_response *resp, struct errbuf *eb)
{
	const struct vhttps *h = &R->o->v->https;
	char val[256], msg[256] = "";
	int ok = rq->expect_status ? resp->status == rq->expect_status :
	    resp->status >= 200 && resp->status <= 299;

	if (h->ok_json != NULL && vjson_value(resp->body.data, h->ok_json,
	    val, sizeof(val)) == 1 && strcmp(val, h->ok_value) != 0)
		ok = 0;
	if (ok)
		return ALGOFF_OK;
	if (h->msg_json != NULL)
		vjson_value(resp->body.data, h->msg_json, msg, sizeof(msg));
	return errbuf_set(eb, ALGOFF_ERR_DEVICE, "the device refused %s %s "
	    "(HTTP %ld%s%s)", rq->method, rq->path, resp->status,
	    msg[0] ? ": " : "", msg);
}

/* send_one - render, send and check one request; *out gets the answer. */
static enum algoff_err
send_one(struct run *R, enum step_kind k, const struct vrequest *rq,
    char **out, struct errbuf *eb)
{
	struct https_request req = { .method = rq->method };
	struct https_response resp = { 0 };
	struct tmpl_line line;
	enum algoff_err r;
	char *path, *sp;

	r = plan_request(R->o->v, rq, &R->vars, 0, &line, eb);
	if (r != ALGOFF_OK)
		return r;
	path = line.text + strlen(rq->method) + 1;
	sp = rq->body != NULL ? strchr(path, ' ') : NULL;
	if (sp != NULL) {
		path = xstrndup(path, (size_t)(sp - path));
		req.body = sp + 1;
		req.content_type = R->o->v->https.content_type;
	} else {
		path = xstrdup(path);
	}
	req.path = path;
	if (rq->auth_basic) {
		r = https_basic_header(R->hc, R->o->target.user,
		    R->o->target.password, &req.headers[0], eb);
		req.nheaders = r == ALGOFF_OK;
	}
	if (r == ALGOFF_OK)
		r = https_request(R->hc, &req, &resp, eb);
	if (r == ALGOFF_OK)
		r = check_answer(R, rq, &resp, eb);
	if (k != STEP_COUNT)
		run_record(R, k, line.text, resp.body.data, r);
	if (out != NULL && resp.body.data != NULL)
		*out = xstrdup(resp.body.data);
	https_response_free(&resp);
	free(path);
	free(line.text);
	return r;
}

/* ask_cert - the front end's answer on the certificate the last
 * handshake refused as unknown: 1 trusts exactly fp (copied). */
static int
ask_cert(struct run *R, const struct https_target *t, const char *path,
    char *fp, size_t fplen)
{
	const struct https_cert_info *ci = https_cert(R->hc);
	struct hostkey_info k = {
		.host = t->host, .port = t->port,
		.key_type = "TLS certificate", .known_hosts = path, .tls = 1,
	};

	if (R->cb == NULL || R->cb->hostkey == NULL || ci == NULL ||
	    !ci->unknown || ci->fingerprint[0] == '\0')
		return 0;
	snprintf(fp, fplen, "%s", ci->fingerprint);
	k.fingerprint = fp;
	return R->cb->hostkey(R->cb->arg, &k) == 1;
}

/* https_login - open the connection and send the vendor's login requests
 * (the handshake, and so the certificate decision, comes with the first). */
static enum algoff_err
https_login(struct run *R, const struct https_target *t,
    const struct https_opts *o, struct errbuf *eb)
{
	const struct vhttps *h = &R->o->v->https;
	enum algoff_err r;
	size_t i;

	r = https_open(t, o, &R->hc, eb);
	if (r == ALGOFF_OK)
		r = https_add_secret_ref(R->hc, R->o->target.password, eb);
	for (i = 0; r == ALGOFF_OK && i < h->n_login; i++)
		r = send_one(R, STEP_COUNT, &h->login[i], NULL, eb);
	return r;
}

enum algoff_err
run_https_connect(struct run *R, struct errbuf *eb)
{
	const struct target *d = &R->o->target;
	const struct vhttps *h = &R->o->v->https;
	struct https_target t = {
		.host = d->host, .port = d->port > 0 ? d->port : h->port,
		.connect_timeout_ms = d->connect_timeout_ms,
		.timeout_ms = d->timeout_ms,
	};
	struct https_opts o = {
		.known_hosts = d->known_hosts,
		.policy = d->accept_new_hostkey ? HTTPS_CERT_ACCEPT_NEW :
		    HTTPS_CERT_STRICT,
	};
	struct errbuf eb2;
	enum algoff_err r;
	char fp[64], path[4096];

	if (d->password == NULL)
		return errbuf_set(eb, ALGOFF_ERR_USAGE, "%s logs in with a "
		    "password: give --password-env or --password-file",
		    R->o->v->id);
	r = https_login(R, &t, &o, eb);
	/* an unknown certificate: ask, then a new connection that accepts
	 * only the approved one */
	if (r == ALGOFF_ERR_HOSTKEY && R->hc != NULL &&
	    https_default_known_certs(d->known_hosts, path, sizeof(path),
	    &eb2) == ALGOFF_OK && ask_cert(R, &t, path, fp, sizeof(fp))) {
		https_close(R->hc);
		R->hc = NULL;
		o.expect_fp = fp;
		r = https_login(R, &t, &o, eb);
	}
	if (r == ALGOFF_ERR_DEVICE)
		r = errbuf_set(eb, ALGOFF_ERR_AUTH, "%s: login refused: %s",
		    d->host, eb->msg);
	R->logged_in = r == ALGOFF_OK;
	return r;
}

void
run_https_disconnect(struct run *R)
{
	const struct vhttps *h = &R->o->v->https;
	struct errbuf eb;
	size_t i;

	for (i = 0; R->logged_in && i < h->n_logout; i++)
		if (send_one(R, STEP_COUNT, &h->logout[i], NULL, &eb) !=
		    ALGOFF_OK)
			break;
	R->logged_in = 0;
	if (R->hc != NULL && R->tee != NULL) {
		fputs(https_transcript(R->hc), R->tee);
		fflush(R->tee);
	}
	https_close(R->hc);
	R->hc = NULL;
}

enum algoff_err
run_https_step(struct run *R, const struct vstep *vs, char **out,
    struct errbuf *eb)
{
	enum algoff_err r = ALGOFF_OK;
	char *o1;
	size_t i;

	for (i = 0; i < vs->n_req && r == ALGOFF_OK; i++) {
		o1 = NULL;
		r = send_one(R, vs->kind, &vs->req[i], &o1, eb);
		/* the answer of the deciding request is the step's output */
		if (out != NULL && (vs->req[i].state != NULL || *out == NULL)) {
			free(*out);
			*out = o1;
		} else {
			free(o1);
		}
	}
	return r;
}
