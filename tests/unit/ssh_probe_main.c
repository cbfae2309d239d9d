/* SPDX-License-Identifier: MIT */
/*
 * ssh_probe_main.c - test driver for the SSH transport (not installed).
 * Connects with the given options, then either opens a shell, sends one
 * line and prints what came back (until a marker appears or a wait ends),
 * or runs one exec command. On failure it prints "ERR=<NAME>" and the
 * message on stderr and exits with -(enum algoff_err).
 *
 * ssh_probe -H host -p port -u user [-k known_hosts] [-P PASSWORD_VAR]
 *     [-i identity] [-E PASSPHRASE_VAR] [-a] [-K] [-n] [-L]
 *     [-t connect_ms] [-T timeout_ms] [-s line] [-m marker] [-w wait_ms]
 *     [-x command] [-y yes|no] [-v]
 * -y supplies a confirm_hostkey callback that prints what it is asked
 * ("CONFIRM entry type fingerprint") and answers yes or no.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/secret.h"
#include "transport/tr_ssh.h"

static const char *
err_name(enum algoff_err e)
{
	switch (e) {
	case ALGOFF_OK: return "OK";
	case ALGOFF_ERR_INTERNAL: return "INTERNAL";
	case ALGOFF_ERR_USAGE: return "USAGE";
	case ALGOFF_ERR_INPUT: return "INPUT";
	case ALGOFF_ERR_IO: return "IO";
	case ALGOFF_ERR_CONNECT: return "CONNECT";
	case ALGOFF_ERR_HOSTKEY: return "HOSTKEY";
	case ALGOFF_ERR_AUTH: return "AUTH";
	case ALGOFF_ERR_TIMEOUT: return "TIMEOUT";
	case ALGOFF_ERR_DEVICE: return "DEVICE";
	case ALGOFF_ERR_DROPPED: return "DROPPED";
	case ALGOFF_ERR_VERIFY: return "VERIFY";
	case ALGOFF_ERR_TOOBIG: return "TOOBIG";
	case ALGOFF_ERR_INTERRUPTED: return "INTERRUPTED";
	}
	return "UNKNOWN";
}

static void
trace_stderr(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "trace: %s\n", line);
}

static int
confirm_cb(void *arg, const struct ssh_hostkey_info *ki)
{
	const char *answer = arg;

	fprintf(stderr, "CONFIRM %s %s %s %s%s\n", ki->host_entry,
	    ki->key_type, ki->fingerprint, ki->known_hosts,
	    ki->changed ? " changed" : "");
	return strcmp(answer, "yes") == 0;
}

static int
fail(enum algoff_err r, const struct errbuf *eb)
{
	fprintf(stderr, "ERR=%s\n%s\n", err_name(r), eb->msg);
	return -(int)r;
}

struct probe {
	const char *send, *marker, *exec;
	int wait_ms;
};

static enum algoff_err
run_shell(struct ssh_conn *c, const struct probe *p, struct errbuf *eb)
{
	struct stream s;
	struct buf got;
	char chunk[4096];
	enum algoff_err r;
	int i;

	buf_init(&got, 1 << 20);
	r = ssh_open_shell(c, &s, eb);
	if (r != ALGOFF_OK)
		goto out;
	if (p->send != NULL) {
		char line[1024];

		snprintf(line, sizeof(line), "%s\n", p->send);
		r = s.ops->write(s.ctx, line, strlen(line), 5000, eb);
	}
	/* Bounded: at most wait_ms in 100 ms reads. */
	for (i = 0; r == ALGOFF_OK && i < p->wait_ms / 100 + 1; i++) {
		ssize_t n = s.ops->read(s.ctx, chunk, sizeof(chunk), 100, eb);

		if (n < 0) {
			r = (enum algoff_err)n;
			break;
		}
		buf_append(&got, chunk, (size_t)n);
		if (p->marker != NULL && got.len > 0 &&
		    strstr(got.data, p->marker) != NULL)
			break;
	}
	s.ops->close(s.ctx);
	printf("%s", got.data != NULL ? got.data : "");
	if (r == ALGOFF_OK && p->marker != NULL &&
	    (got.data == NULL || strstr(got.data, p->marker) == NULL))
		r = errbuf_set(eb, ALGOFF_ERR_VERIFY, "marker not seen");
out:
	buf_free(&got);
	return r;
}

static enum algoff_err
run_exec(struct ssh_conn *c, const struct probe *p, struct errbuf *eb)
{
	struct buf out;
	enum algoff_err r;
	int status = -1;

	buf_init(&out, 1 << 20);
	r = ssh_exec(c, p->exec, &out, &status, p->wait_ms, eb);
	if (r == ALGOFF_OK)
		printf("%sEXIT=%d\n", out.data != NULL ? out.data : "",
		    status);
	buf_free(&out);
	return r;
}

static int
load_secret(const char *var, struct secret **s)
{
	struct errbuf eb;

	if (var == NULL)
		return 0;
	if (secret_from_env(var, s, &eb) != ALGOFF_OK) {
		fprintf(stderr, "%s\n", eb.msg);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct ssh_target t = { .port = 22 };
	struct ssh_auth a = { 0 };
	struct ssh_opts o = { .policy = SSH_HOSTKEY_STRICT };
	struct probe p = { NULL, NULL, NULL, 2000 };
	struct secret *pw = NULL, *pp = NULL;
	const char *pwvar = NULL, *ppvar = NULL;
	struct ssh_conn *c = NULL;
	struct errbuf eb;
	enum algoff_err r;
	char desc[512];
	int ch, rc;

	eb.msg[0] = '\0';
	while ((ch = getopt(argc, argv, "H:p:u:k:P:i:E:aKnLt:T:s:m:w:x:y:v"))
	    != -1) {
		switch (ch) {
		case 'H': t.host = optarg; break;
		case 'p': t.port = atoi(optarg); break;
		case 'u': t.user = optarg; break;
		case 'k': o.known_hosts = optarg; break;
		case 'P': pwvar = optarg; break;
		case 'i': a.identity = optarg; break;
		case 'E': ppvar = optarg; break;
		case 'a': a.use_agent = 1; break;
		case 'K': a.kbdint = 1; break;
		case 'n': o.policy = SSH_HOSTKEY_ACCEPT_NEW; break;
		case 'L': o.legacy_crypto = 1; break;
		case 't': t.connect_timeout_ms = atoi(optarg); break;
		case 'T': t.timeout_ms = atoi(optarg); break;
		case 's': p.send = optarg; break;
		case 'm': p.marker = optarg; break;
		case 'w': p.wait_ms = atoi(optarg); break;
		case 'x': p.exec = optarg; break;
		case 'y':
			o.confirm_hostkey = confirm_cb;
			o.arg = optarg;
			break;
		case 'v': o.trace = trace_stderr; break;
		default:
			fprintf(stderr, "usage: see ssh_probe_main.c\n");
			return 2;
		}
	}
	if (load_secret(pwvar, &pw) != 0 || load_secret(ppvar, &pp) != 0)
		return 2;
	a.password = pw;
	a.passphrase = pp;
	r = ssh_connect(&t, &a, &o, &c, &eb);
	if (r == ALGOFF_OK) {
		ssh_describe(c, desc, sizeof(desc));
		fprintf(stderr, "CONNECTED %s %s\n", ssh_server_banner(c),
		    desc);
		r = p.exec != NULL ? run_exec(c, &p, &eb) :
		    run_shell(c, &p, &eb);
	}
	ssh_disconnect(c);
	secret_free(pw);
	secret_free(pp);
	if (r != ALGOFF_OK)
		return fail(r, &eb);
	rc = 0;
	return rc;
}
