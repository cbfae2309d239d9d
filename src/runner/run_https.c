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
#include <time.h>

#include "core/buf.h"
#include "core/plan.h"
#include "core/xmalloc.h"
#include "runner/runner_int.h"
#include "transport/https.h"

/* check_answer - the status the vendor expects, and its ok value in a
 * JSON or XML answer; a refusal carries the device's message. */
static enum algoff_err
check_answer(struct run *R, const struct vrequest *rq,
    const struct https_response *resp, struct errbuf *eb)
{
	const struct vhttps *h = &R->o->v->https;
	char val[256], msg[256] = "";
	int ok = rq->expect_status ? resp->status == rq->expect_status :
	    resp->status >= 200 && resp->status <= 299;

	if (h->ok_value != NULL && vanswer_value(resp->body.data, h->ok_json,
	    h->ok_xpath, val, sizeof(val)) == 1 &&
	    strcmp(val, h->ok_value) != 0)
		ok = 0;
	if (ok)
		return ALGOFF_OK;
	if (vanswer_value(resp->body.data, h->msg_json, h->msg_xpath, msg,
	    sizeof(msg)) != 1)
		msg[0] = '\0';
	return errbuf_set(eb, ALGOFF_ERR_DEVICE, "the device refused %s %s "
	    "(HTTP %ld%s%s)", rq->method, rq->path, resp->status,
	    msg[0] ? ": " : "", msg);
}

/* keep - a <capture> of a good answer as a variable (secret: redacted
 * from here on, in the transcript and everything the run reports). */
static enum algoff_err
keep(struct run *R, const struct vreqcap *c, const char *body,
    struct errbuf *eb)
{
	char val[512];
	enum algoff_err r;

	if (vanswer_value(body, c->json, c->xpath, val, sizeof(val)) != 1)
		val[0] = '\0';
	if (val[0] == '\0' && c->optional) {
		varset_set(&R->vars, c->as, "");
		return ALGOFF_OK;
	}
	if (val[0] == '\0')
		return errbuf_set(eb, ALGOFF_ERR_DEVICE, "the device's answer "
		    "holds no %s (%s)", c->as, c->json ? c->json : c->xpath);
	if (c->secret) {
		if (R->captured != NULL)
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "more than "
			    "one secret capture");
		R->captured = secret_new(val);
		secrets_add(&R->secrets, R->captured);
		r = https_add_secret(R->hc, val, eb);
		if (r != ALGOFF_OK) {
			explicit_bzero(val, sizeof(val));
			return r;
		}
	}
	varset_set(&R->vars, c->as, val);
	explicit_bzero(val, sizeof(val));
	return ALGOFF_OK;
}

/* auth_headers - Basic credentials, a form body with them, or the header
 * carrying a captured value (the API key) once it is known. */
static enum algoff_err
auth_headers(struct run *R, const struct vrequest *rq,
    struct https_request *req, char **form, struct errbuf *eb)
{
	const struct vhttps *h = &R->o->v->https;
	const char *v = h->header_var ? varset_get(&R->vars, h->header_var) :
	    NULL;
	char *u, *p;

	if (rq->auth_basic) {
		req->nheaders = 1;
		return https_basic_header(R->hc, R->o->target.user,
		    R->o->target.password, &req->headers[0], eb);
	}
	if (rq->auth_form) {
		u = https_form_escape(R->hc, R->o->target.user, 0);
		p = https_form_escape(R->hc, R->o->target.password->value, 1);
		if (u != NULL && p != NULL)
			xasprintf(form, "user=%s&password=%s", u, p);
		free(u);
		if (p != NULL)
			freezero(p, strlen(p));
		if (*form == NULL)
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL, "could not "
			    "encode the login form");
		req->body = *form;
		req->content_type = h->content_type;
	} else if (v != NULL && h->header_name != NULL) {
		req->headers[0] = (struct https_header){ h->header_name, v,
		    h->header_secret };
		req->nheaders = 1;
	}
	return ALGOFF_OK;
}

/* reads - does the XML answer hold want at xpath? */
static int
reads(const char *body, const char *xpath, const char *want)
{
	char val[256];

	return vxml_value(body, xpath, val, sizeof(val)) == 1 &&
	    strcmp(val, want) == 0;
}

/* job_result - a <poll> answer that is final (until reached) must read
 * ok; anything else is the device refusing (a commit job ending FAIL). */
static enum algoff_err
job_result(const struct vrequest *rq, const char *body, struct errbuf *eb)
{
	const struct vpoll *p = rq->poll;
	char val[256];

	if (!reads(body, p->until_xpath, p->until) ||
	    reads(body, p->ok_xpath, p->ok))
		return ALGOFF_OK;
	if (vxml_value(body, p->ok_xpath, val, sizeof(val)) != 1)
		val[0] = '\0';
	return errbuf_set(eb, ALGOFF_ERR_DEVICE, "the device's job ended %s, "
	    "not %s", val[0] ? val : "without a result", p->ok);
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
	char *path, *sp, *form = NULL;

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
	r = auth_headers(R, rq, &req, &form, eb);
	if (r == ALGOFF_OK)
		r = https_request(R->hc, &req, &resp, eb);
	if (r == ALGOFF_OK)
		r = check_answer(R, rq, &resp, eb);
	if (r == ALGOFF_OK && rq->capture != NULL)
		r = keep(R, rq->capture, resp.body.data, eb);
	if (r == ALGOFF_OK && rq->poll != NULL)
		r = job_result(rq, resp.body.data, eb);
	if (k != STEP_COUNT)
		run_record(R, k, line.text, resp.body.data, r);
	if (out != NULL && resp.body.data != NULL)
		*out = xstrdup(resp.body.data);
	https_response_free(&resp);
	if (form != NULL)
		freezero(form, strlen(form));
	free(path);
	free(line.text);
	return r;
}

/* send_poll - send a <poll> request until its answer reads "until" (at
 * most max times, interval_ms apart; send_one checks the final answer). */
static enum algoff_err
send_poll(struct run *R, enum step_kind k, const struct vrequest *rq,
    char **out, struct errbuf *eb)
{
	const struct vpoll *p = rq->poll;
	struct timespec ts = { p->interval_ms / 1000,
	    (long)(p->interval_ms % 1000) * 1000000L };
	enum algoff_err r;
	int i;

	for (i = 0; i < p->max; i++) {
		if (i > 0)
			nanosleep(&ts, NULL);
		free(*out);
		*out = NULL;
		r = send_one(R, k, rq, out, eb);
		if (r != ALGOFF_OK || reads(*out, p->until_xpath, p->until))
			return r;
	}
	return errbuf_set(eb, ALGOFF_ERR_TIMEOUT, "%s %s: not %s after %d "
	    "polls %d ms apart", rq->method, rq->path, p->until, p->max,
	    p->interval_ms);
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
	const char *v;
	char *o1;
	size_t i;

	for (i = 0; i < vs->n_req && r == ALGOFF_OK; i++) {
		o1 = NULL;
		v = vs->req[i].if_set;
		if (v != NULL && (varset_get(&R->vars, v) == NULL ||
		    *varset_get(&R->vars, v) == '\0'))
			continue;	/* nothing to wait for */
		r = vs->req[i].poll != NULL ?
		    send_poll(R, vs->kind, &vs->req[i], &o1, eb) :
		    send_one(R, vs->kind, &vs->req[i], &o1, eb);
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
