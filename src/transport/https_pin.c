/* SPDX-License-Identifier: MIT */
/*
 * https_pin.c - trust in a device's TLS certificate: the known-
 * certificates file (format in https.h) and the decision taken inside the
 * handshake by an OpenSSL verify callback, so that a refused certificate
 * ends the connection before any HTTP byte is sent.
 *
 * OpenSSL calls the callback once or more per certificate of the chain,
 * the leaf (depth 0) last. Chain errors at any depth are noted and the
 * walk goes on; the verdict is given at depth 0: a pinned fingerprint
 * wins, a changed one loses, an unknown certificate passes on a clean CA
 * chain that names the host, or under accept-new, and is refused
 * otherwise.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "transport/https_int.h"
#include "transport/knownhosts.h"

#define PIN_LINE_MAX 2048
#define PIN_LINES_MAX 100000

static int pin_idx = -1;

enum algoff_err
pin_entry(const char *host, int port, char *dst, size_t dstlen,
    struct errbuf *eb)
{
	char low[256];
	size_t i, n = host != NULL ? strlen(host) : 0;
	int w;

	if (n == 0 || n >= sizeof(low))
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "host name is empty or too long");
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)host[i];

		if (ch <= ' ' || ch >= 0x7f || strchr("[]#/?@\\", ch) != NULL)
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "host name contains a character that is not "
			    "allowed: 0x%02x", ch);
		low[i] = (char)tolower(ch);
	}
	low[n] = '\0';
	if (port <= 0 || port > 65535)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "invalid port %d",
		    port);
	if (strchr(low, ':') != NULL)
		w = snprintf(dst, dstlen, "[%s]:%d", low, port);
	else
		w = snprintf(dst, dstlen, "%s:%d", low, port);
	if (w < 0 || (size_t)w >= dstlen)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "host name too long");
	return ALGOFF_OK;
}

/* next_token - the next whitespace-separated word of *s, NUL-ended. */
static char *
next_token(char **s)
{
	char *p = *s, *start;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#' || *p == '\n' || *p == '\r')
		return NULL;
	start = p;
	while (*p != '\0' && !isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*s = p;
	return start;
}

enum algoff_err
pin_lookup(const char *path, const char *entry, const char *fp,
    enum pin_status *st, int *line, struct errbuf *eb)
{
	char text[PIN_LINE_MAX];
	FILE *f;
	int n = 0;

	*st = PIN_NEW;
	*line = 0;
	f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return ALGOFF_OK;
		return errbuf_set(eb, ALGOFF_ERR_IO, "cannot read %s: %s",
		    path, strerror(errno));
	}
	while (n < PIN_LINES_MAX && fgets(text, sizeof(text), f) != NULL) {
		char *s = text, *e, *k;

		n++;
		e = next_token(&s);
		k = e != NULL ? next_token(&s) : NULL;
		if (k == NULL || strcasecmp(e, entry) != 0)
			continue;
		if (strcmp(k, fp) == 0) {
			*st = PIN_MATCH;
			*line = n;
			break;
		}
		if (*st == PIN_NEW) {
			*st = PIN_CHANGED;
			*line = n;
		}
	}
	fclose(f);
	return ALGOFF_OK;
}

enum algoff_err
pin_record(const char *path, const char *entry, const char *fp,
    struct errbuf *eb)
{
	char line[PIN_LINE_MAX];
	struct stat sb;
	enum algoff_err r;

	if (stat(path, &sb) != 0) {
		r = kh_append(path, "# algoff known certificates (HTTPS): "
		    "host:port SHA256:<base64 of the SHA-256 of the leaf "
		    "certificate>\n", eb);
		if (r != ALGOFF_OK)
			return r;
	}
	snprintf(line, sizeof(line), "%s %s\n", entry, fp);
	return kh_append(path, line, eb);
}

void
pin_reset(struct https_pin *p)
{
	p->seen_leaf = 0;
	p->chain_err = 0;
	p->refused = 0;
	p->record = 0;
	p->status = PIN_NEW;
	p->line = 0;
	p->file_err = 0;
	p->info.fingerprint[0] = '\0';
	p->info.hex[0] = '\0';
	p->info.how = NULL;
	p->info.unknown = 0;
	errbuf_clear(&p->why);
}

/* leaf_digest - fill p->info's fingerprints from the leaf certificate. */
static int
leaf_digest(struct https_pin *p, X509 *leaf)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	size_t o = 0;

	if (X509_digest(leaf, EVP_sha256(), md, &mdlen) != 1 || mdlen != 32)
		return -1;
	kh_fingerprint(md, p->info.fingerprint);
	for (i = 0; i < mdlen && o + 3 < sizeof(p->info.hex); i++) {
		snprintf(p->info.hex + o, sizeof(p->info.hex) - o, "%s%02X",
		    i > 0 ? ":" : "", md[i]);
		o += i > 0 ? 3 : 2;
	}
	return 0;
}

/* names_host - the leaf names p->host (DNS name or IP address). */
static int
names_host(const struct https_pin *p, X509 *leaf)
{
	if (X509_check_ip_asc(leaf, p->host, 0) == 1)
		return 1;
	return X509_check_host(leaf, p->host, 0, 0, NULL) == 1;
}

/* decide - the verdict at depth 0: 1 accept, 0 refuse. */
static int
decide(struct https_pin *p, X509 *leaf)
{
	if (p->status == PIN_MATCH) {
		p->info.how = "pinned";
		return 1;
	}
	if (p->status == PIN_CHANGED) {
		errbuf_set(&p->why, ALGOFF_ERR_HOSTKEY,
		    "the TLS certificate of %s has CHANGED: it is now %s "
		    "(%s), which does not match %s line %d. This can be an "
		    "attack; if the device's certificate was replaced on "
		    "purpose, check the new fingerprint on the device and "
		    "edit that line", p->info.entry, p->info.fingerprint,
		    p->info.hex, p->path, p->line);
		return 0;
	}
	if (p->expect_fp[0] != '\0') {
		if (strcmp(p->expect_fp, p->info.fingerprint) == 0) {
			p->info.how = "recorded";
			p->record = 1;
			return 1;
		}
		errbuf_set(&p->why, ALGOFF_ERR_HOSTKEY, "the TLS certificate "
		    "of %s is now %s, not the approved %s: refused",
		    p->info.entry, p->info.fingerprint, p->expect_fp);
		return 0;
	}
	if (!p->chain_err && names_host(p, leaf)) {
		p->info.how = "ca";
		return 1;
	}
	if (p->policy == HTTPS_CERT_ACCEPT_NEW) {
		p->info.how = "recorded";
		p->record = 1;
		return 1;
	}
	p->info.unknown = 1;
	errbuf_set(&p->why, ALGOFF_ERR_HOSTKEY,
	    "the TLS certificate of %s is not known and not signed by a "
	    "trusted CA for this name: SHA256 fingerprint %s (%s). Compare "
	    "it with the one the device shows, then run again with "
	    "accept-new to record it in %s", p->info.entry,
	    p->info.fingerprint, p->info.hex, p->path);
	return 0;
}

static int
verify_cb(int ok, X509_STORE_CTX *x)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(x,
	    SSL_get_ex_data_X509_STORE_CTX_idx());
	struct https_pin *p;
	X509 *leaf;
	struct errbuf eb;

	if (ssl == NULL)
		return 0;
	p = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), pin_idx);
	if (p == NULL)
		return 0;
	if (!ok)
		p->chain_err = 1;
	if (X509_STORE_CTX_get_error_depth(x) > 0)
		return 1;
	leaf = X509_STORE_CTX_get_current_cert(x);
	if (leaf == NULL || leaf_digest(p, leaf) != 0) {
		p->refused = 1;
		errbuf_set(&p->why, ALGOFF_ERR_HOSTKEY,
		    "no usable TLS certificate from %s", p->info.entry);
		return 0;
	}
	p->seen_leaf = 1;
	if (pin_lookup(p->path, p->info.entry, p->info.fingerprint,
	    &p->status, &p->line, &eb) != ALGOFF_OK) {
		p->refused = 1;
		p->file_err = 1;
		p->why = eb;
		return 0;
	}
	p->refused = !decide(p, leaf);
	return !p->refused;
}

void
pin_init(void)
{
	pin_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

int
pin_install(void *ssl_ctx, struct https_pin *p)
{
	SSL_CTX *ctx = ssl_ctx;
	int loaded;

	if (pin_idx < 0 || SSL_CTX_set_ex_data(ctx, pin_idx, p) != 1)
		return -1;
	if (p->cafile != NULL)
		loaded = SSL_CTX_load_verify_locations(ctx, p->cafile, NULL);
	else
		loaded = SSL_CTX_set_default_verify_paths(ctx);
	if (loaded != 1)
		return -1;
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
	return 0;
}
