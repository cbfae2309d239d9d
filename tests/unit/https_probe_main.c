/* SPDX-License-Identifier: MIT */
/*
 * https_probe - test driver for the HTTPS transport (never installed).
 *
 *   https_probe [options] get PATH      one GET, prints status and body
 *   https_probe [options] sonicwall     login, read, disable, commit,
 *                                       read back, logout (SonicOS 7)
 *   https_probe [options] panos         keygen, read, set, commit, poll
 *                                       the job, read back (PAN-OS)
 *
 * options: --host H --port P --known-certs F --accept-new --cafile F
 *          --user U --password-env VAR --transcript FILE --timeout-ms N
 *
 * The requests are the ones vendors/sonicwall.xml and drafts/ cite; the runner takes them
 * from the vendor file. Exit: 0 done, 1 refused/unexpected, 3 certificate,
 * credentials or connection (like algoff), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/secret.h"
#include "core/xmalloc.h"
#include "transport/https.h"

struct probe {
	struct https_conn *c;
	const char *user;
	struct secret *password;
	struct https_header key;	/* PAN-OS X-PAN-KEY */
	char *keyval;
};

static int
fail(enum algoff_err r, const struct errbuf *eb)
{
	fprintf(stderr, "https_probe: %s: %s\n", algoff_strerror(r), eb->msg);
	return r == ALGOFF_ERR_HOSTKEY || r == ALGOFF_ERR_AUTH ||
	    r == ALGOFF_ERR_CONNECT ? 3 : 1;
}

/* send - one request; its status is printed (bodies only go to the
 * redacted transcript). */
static enum algoff_err
send(struct probe *p, const char *method, const char *path,
    const char *ctype, const char *body, const struct https_header *h,
    struct https_response *resp, struct errbuf *eb)
{
	struct https_request req = { .method = method, .path = path,
	    .content_type = ctype, .body = body };
	enum algoff_err r;

	if (h != NULL)
		req.headers[req.nheaders++] = *h;
	r = https_request(p->c, &req, resp, eb);
	if (r == ALGOFF_OK || r == ALGOFF_ERR_AUTH)
		printf("%s %s -> %ld\n", method, path, resp->status);
	if (r == ALGOFF_OK && (resp->status < 200 || resp->status > 299))
		r = errbuf_set(eb, ALGOFF_ERR_DEVICE, "HTTP %ld on %s %s",
		    resp->status, method, path);
	return r;
}

/* The SonicOS 7 requests: see vendors/sonicwall.xml and templates/sonicwall/. */
static enum algoff_err
flow_sonicwall(struct probe *p, struct errbuf *eb)
{
	static const struct { const char *m, *path, *body; } steps[] = {
		{ "GET", "/api/sonicos/voip", NULL },
		{ "PUT", "/api/sonicos/voip",
		  "{\"voip\":{\"sip\":{\"enable\":false}}}" },
		{ "POST", "/api/sonicos/config/pending", "{}" },
		{ "GET", "/api/sonicos/voip", NULL },
		{ "DELETE", "/api/sonicos/auth", NULL },
	};
	struct https_response resp = { 0 };
	struct https_header auth;
	enum algoff_err r;
	size_t i;

	r = https_basic_header(p->c, p->user, p->password, &auth, eb);
	if (r == ALGOFF_OK)
		r = send(p, "POST", "/api/sonicos/auth", NULL, NULL, &auth,
		    &resp, eb);
	https_response_free(&resp);
	for (i = 0; r == ALGOFF_OK && i < sizeof(steps) / sizeof(steps[0]);
	    i++) {
		r = send(p, steps[i].m, steps[i].path, steps[i].body != NULL ?
		    "application/json" : NULL, steps[i].body, NULL, &resp, eb);
		https_response_free(&resp);
	}
	return r;
}

/* between - a copy of the text between a and b in s, or NULL. */
static char *
between(const char *s, const char *a, const char *b)
{
	const char *x = s != NULL ? strstr(s, a) : NULL, *y;

	if (x == NULL)
		return NULL;
	x += strlen(a);
	y = strstr(x, b);
	return y != NULL ? xstrndup(x, (size_t)(y - x)) : NULL;
}

static enum algoff_err
panos_keygen(struct probe *p, struct errbuf *eb)
{
	struct https_response resp = { 0 };
	char *u = https_form_escape(p->c, p->user, 0);
	char *pw = https_form_escape(p->c, p->password->value, 1), *body;
	enum algoff_err r;

	xasprintf(&body, "user=%s&password=%s", u, pw);
	r = https_add_secret(p->c, body, eb);
	if (r == ALGOFF_OK)
		r = send(p, "POST", "/api/?type=keygen",
		    "application/x-www-form-urlencoded", body, NULL, &resp,
		    eb);
	freezero(body, strlen(body));
	freezero(pw, strlen(pw));
	free(u);
	if (r == ALGOFF_OK) {
		p->keyval = between(resp.body.data, "<key>", "</key>");
		if (p->keyval == NULL)
			r = errbuf_set(eb, ALGOFF_ERR_DEVICE, "no key");
		else
			r = https_add_secret(p->c, p->keyval, eb);
	}
	https_response_free(&resp);
	p->key = (struct https_header){ "X-PAN-KEY", p->keyval, 1 };
	return r;
}

/* The PAN-OS requests: see drafts/vendors/palo-alto-api.xml. */
static enum algoff_err
flow_panos(struct probe *p, struct errbuf *eb)
{
#define XP "xpath=/config/shared/alg-override/application/entry[@name='sip']"
	static const char *const steps[] = {
		"/api/?type=config&action=show&" XP,
		"/api/?type=config&action=set&xpath=/config/shared/"
		    "alg-override/application&element=%3Centry%20name%3D%27sip"
		    "%27%3E%3Calg-disabled%3Eyes%3C%2Falg-disabled%3E%3C%2F"
		    "entry%3E",
		"/api/?type=config&action=get&" XP,
		"/api/?type=commit&cmd=%3Ccommit%3E%3C%2Fcommit%3E",
	};
	struct https_response resp = { 0 };
	enum algoff_err r = panos_keygen(p, eb);
	char *job = NULL, *path, *st = NULL;
	size_t i;
	int n;

	for (i = 0; r == ALGOFF_OK && i < sizeof(steps) / sizeof(steps[0]);
	    i++) {
		r = send(p, "GET", steps[i], NULL, NULL, &p->key, &resp, eb);
		if (r == ALGOFF_OK && i == 3)
			job = between(resp.body.data, "<job>", "</job>");
		https_response_free(&resp);
	}
	if (r == ALGOFF_OK && job == NULL)
		r = errbuf_set(eb, ALGOFF_ERR_DEVICE, "no commit job id");
	for (n = 0; r == ALGOFF_OK && n < 50; n++) {
		xasprintf(&path, "/api/?type=op&cmd=%%3Cshow%%3E%%3Cjobs%%3E"
		    "%%3Cid%%3E%s%%3C%%2Fid%%3E%%3C%%2Fjobs%%3E%%3C%%2Fshow%%3E",
		    job);
		r = send(p, "GET", path, NULL, NULL, &p->key, &resp, eb);
		free(path);
		free(st);
		st = r == ALGOFF_OK ? between(resp.body.data, "<status>",
		    "</status>") : NULL;
		https_response_free(&resp);
		if (st != NULL && strcmp(st, "FIN") == 0)
			break;
		usleep(100000);
	}
	if (r == ALGOFF_OK)
		r = send(p, "GET", steps[0], NULL, NULL, &p->key, &resp, eb);
	https_response_free(&resp);
	free(job);
	free(st);
	return r;
}

static int
usage(void)
{
	fprintf(stderr, "usage: https_probe --host H --port P [--known-certs "
	    "F] [--accept-new] [--cafile F] [--user U --password-env VAR] "
	    "[--transcript FILE] [--timeout-ms N] get PATH|sonicwall|panos\n");
	return 2;
}

static int
run(struct probe *p, int argc, char **argv, int i, struct errbuf *eb)
{
	struct https_response resp = { 0 };
	enum algoff_err r;

	if (i < argc && strcmp(argv[i], "get") == 0 && i + 1 < argc) {
		r = send(p, "GET", argv[i + 1], NULL, NULL, NULL, &resp, eb);
		https_response_free(&resp);
	} else if (i < argc && p->password != NULL &&
	    strcmp(argv[i], "sonicwall") == 0) {
		r = flow_sonicwall(p, eb);
	} else if (i < argc && p->password != NULL &&
	    strcmp(argv[i], "panos") == 0) {
		r = flow_panos(p, eb);
	} else {
		return usage();
	}
	return r == ALGOFF_OK ? 0 : fail(r, eb);
}

int
main(int argc, char **argv)
{
	struct https_target t = { .host = "127.0.0.1" };
	struct https_opts o = { .policy = HTTPS_CERT_STRICT };
	struct probe p = { .user = "admin" };
	const char *transcript = NULL;
	struct errbuf eb = { "" };
	enum algoff_err r;
	int i, rc;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--accept-new") == 0) {
			o.policy = HTTPS_CERT_ACCEPT_NEW;
			continue;
		}
		if (v == NULL)
			return usage();
		i++;
		if (strcmp(argv[i - 1], "--host") == 0)
			t.host = v;
		else if (strcmp(argv[i - 1], "--port") == 0)
			t.port = atoi(v);
		else if (strcmp(argv[i - 1], "--known-certs") == 0)
			o.known_certs = v;
		else if (strcmp(argv[i - 1], "--cafile") == 0)
			o.cafile = v;
		else if (strcmp(argv[i - 1], "--user") == 0)
			p.user = v;
		else if (strcmp(argv[i - 1], "--transcript") == 0)
			transcript = v;
		else if (strcmp(argv[i - 1], "--timeout-ms") == 0)
			t.timeout_ms = atoi(v);
		else if (strcmp(argv[i - 1], "--password-env") == 0) {
			if (secret_from_env(v, &p.password, &eb) != ALGOFF_OK)
				return fail(ALGOFF_ERR_INPUT, &eb);
		} else
			return usage();
	}
	r = https_open(&t, &o, &p.c, &eb);
	if (r != ALGOFF_OK)
		return fail(r, &eb);
	if (p.password != NULL)
		https_add_secret_ref(p.c, p.password, &eb);
	rc = run(&p, argc, argv, i, &eb);
	if (transcript != NULL) {
		FILE *f = fopen(transcript, "we");

		if (f != NULL) {
			fputs(https_transcript(p.c), f);
			fclose(f);
		}
	}
	if (https_cert(p.c)->fingerprint[0] != '\0')
		printf("certificate %s %s\n", https_cert(p.c)->entry,
		    https_cert(p.c)->fingerprint);
	https_close(p.c);
	secret_free(p.password);
	if (p.keyval != NULL)
		freezero(p.keyval, strlen(p.keyval));
	return rc;
}
