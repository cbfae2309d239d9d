/* SPDX-License-Identifier: MIT */
/*
 * answer_ssh.c - a device completed from the OpenSSH client configuration
 * (answer_device_sshconfig, see answer.h): what the file gives need not
 * be repeated on the command line or in the answer file, and what is
 * given there wins (ssh's rule: the command line before the file).
 */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/answer.h"
#include "core/sshconfig.h"
#include "core/xmalloc.h"

static const char *
local_user(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u != NULL && u[0] != '\0')
		return u;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_name : "root";
}

static char *
take(char **s)
{
	char *v = *s;

	*s = NULL;
	return v;
}

/* One ProxyJump hop, completed from its own Host block. */
static enum algoff_err
hop_resolve(const char *path, const char *home, const struct sshcfg_hop *j,
    struct target_hop *h, struct errbuf *eb)
{
	struct sshcfg_host c;
	enum algoff_err r;

	if (path == NULL)
		memset(&c, 0, sizeof(c));
	else if ((r = sshcfg_lookup(path, 0, home, j->host, &c, eb)) !=
	    ALGOFF_OK) {
		sshcfg_host_free(&c);
		return r;
	}
	h->host = c.hostname != NULL ? take(&c.hostname) : xstrdup(j->host);
	h->port = j->port > 0 ? j->port : c.port > 0 ? c.port : 22;
	h->user = j->user != NULL ? xstrdup(j->user) : c.user != NULL ?
	    take(&c.user) : xstrdup(local_user());
	if (c.identity != NULL && access(c.identity, R_OK) == 0)
		h->identity = take(&c.identity);
	h->agent = c.identities_only != 1 && getenv("SSH_AUTH_SOCK") != NULL;
	h->known_hosts = take(&c.known_hosts);
	h->hostkey_alias = take(&c.hostkey_alias);
	sshcfg_host_free(&c);
	if (h->identity == NULL && !h->agent)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "jump host %s: no way "
		    "to authenticate (give it an IdentityFile in the SSH "
		    "configuration, or run ssh-agent)", j->host);
	return ALGOFF_OK;
}

static enum algoff_err
jumps_resolve(struct answer_device *d, const char *path, const char *home,
    const char *spec, struct errbuf *eb)
{
	struct sshcfg_hop hops[TARGET_MAX_HOPS];
	enum algoff_err r;
	int n, i;

	if ((r = sshcfg_parse_jump(spec, hops, TARGET_MAX_HOPS, &n, eb)) !=
	    ALGOFF_OK)
		return r;
	for (i = 0; i < n && r == ALGOFF_OK; i++) {
		r = hop_resolve(path, home, &hops[i], &d->jumps[i], eb);
		d->n_jumps = i + 1;
	}
	for (i = 0; i < n; i++)
		sshcfg_hop_free(&hops[i]);
	return r;
}

enum algoff_err
answer_device_sshconfig(struct answer_device *d, const char *path,
    int agent_given, struct errbuf *eb)
{
	const char *home = getenv("HOME");
	struct sshcfg_host c;
	char *dflt = NULL;
	enum algoff_err r;

	if (home != NULL && home[0] == '\0')
		home = NULL;
	if (path != NULL && strcmp(path, "none") == 0)
		path = NULL;
	else if (path == NULL && home != NULL)
		xasprintf(&dflt, "%s/.ssh/config", home);
	memset(&c, 0, sizeof(c));
	c.identities_only = -1;
	if (d->host != NULL && (path != NULL || dflt != NULL) &&
	    (r = sshcfg_lookup(path != NULL ? path : dflt, path != NULL, home,
	    d->host, &c, eb)) != ALGOFF_OK)
		goto out;
	if (c.hostname != NULL) {
		free(d->host);
		d->host = take(&c.hostname);
	}
	if (d->port == 0)
		d->port = c.port > 0 ? c.port : 22;
	if (d->user == NULL)
		d->user = take(&c.user);
	if (d->identity == NULL && c.identity != NULL &&
	    access(c.identity, R_OK) == 0) {
		d->identity = take(&c.identity);
		if (!agent_given)
			d->agent = c.identities_only != 1 &&
			    getenv("SSH_AUTH_SOCK") != NULL;
	}
	if (d->known_hosts == NULL)
		d->known_hosts = take(&c.known_hosts);
	if (d->connect_timeout_s == 0)
		d->connect_timeout_s = c.connect_timeout_s;
	d->hostkey_alias = take(&c.hostkey_alias);
	r = ALGOFF_OK;
	if (c.proxy_jump != NULL && strcmp(c.proxy_jump, "none") != 0)
		r = jumps_resolve(d, path != NULL ? path : dflt, home,
		    c.proxy_jump, eb);
out:
	sshcfg_host_free(&c);
	free(dflt);
	return r;
}
