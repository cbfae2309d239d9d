/* SPDX-License-Identifier: MIT */
/*
 * tr_algs.c - algorithm offer and negotiation diagnosis. libssh2 1.10 does
 * not say what the server offered when negotiation fails, so the transport
 * keeps a copy of the first bytes it receives (the server's identification
 * line and SSH_MSG_KEXINIT, sent in clear text) and this file reads them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "transport/knownhosts.h"
#include "transport/tr_algs.h"

#define SSH_MSG_KEXINIT 20
#define KEXINIT_MAX 35000	/* RFC 4253 6.1: packets up to 35000 bytes */

static const char *const modern[TR_NMETHODS][10] = {
	[TR_KEX] = { "curve25519-sha256", "curve25519-sha256@libssh.org",
	    "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
	    "diffie-hellman-group-exchange-sha256",
	    "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
	    "diffie-hellman-group14-sha256", NULL },
	[TR_HOSTKEY] = { "ssh-ed25519", "ecdsa-sha2-nistp256",
	    "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", NULL },
	[TR_CIPHER_CS] = { "aes128-ctr", "aes192-ctr", "aes256-ctr", NULL },
	[TR_CIPHER_SC] = { "aes128-ctr", "aes192-ctr", "aes256-ctr", NULL },
	[TR_MAC_CS] = { "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", NULL },
	[TR_MAC_SC] = { "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", NULL },
};

static const char *const legacy_names[TR_NMETHODS][6] = {
	[TR_KEX] = { "diffie-hellman-group14-sha1",
	    "diffie-hellman-group-exchange-sha1",
	    "diffie-hellman-group1-sha1", NULL },
	[TR_HOSTKEY] = { "ssh-rsa", NULL },
	[TR_CIPHER_CS] = { "aes128-cbc", "aes192-cbc", "aes256-cbc",
	    "3des-cbc", NULL },
	[TR_CIPHER_SC] = { "aes128-cbc", "aes192-cbc", "aes256-cbc",
	    "3des-cbc", NULL },
	[TR_MAC_CS] = { "hmac-sha1-96", "hmac-md5", NULL },
	[TR_MAC_SC] = { "hmac-sha1-96", "hmac-md5", NULL },
};

void
tr_lists_free(struct tr_lists *l)
{
	int i;

	for (i = 0; i < TR_NMETHODS; i++) {
		free(l->list[i]);
		l->list[i] = NULL;
	}
}

const char *
tr_method_name(enum tr_method m)
{
	switch (m) {
	case TR_KEX: return "key exchange algorithm";
	case TR_HOSTKEY: return "host key algorithm";
	case TR_CIPHER_CS: return "cipher (client to server)";
	case TR_CIPHER_SC: return "cipher (server to client)";
	case TR_MAC_CS: return "MAC (client to server)";
	case TR_MAC_SC: return "MAC (server to client)";
	case TR_NMETHODS: break;
	}
	return "method";
}

int
tr_is_legacy(int method, const char *name)
{
	int i;

	if (method < 0 || method >= TR_NMETHODS)
		return 0;
	for (i = 0; legacy_names[method][i] != NULL; i++)
		if (strcmp(legacy_names[method][i], name) == 0)
			return 1;
	return 0;
}

/* Does the comma list hold name? */
static int
names_has(const char *list, const char *name, size_t nlen)
{
	const char *p = list;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, ",");

		if (n == nlen && strncmp(p, name, n) == 0)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
tr_names_common(const char *a, const char *b)
{
	const char *p = a;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, ",");

		if (n > 0 && names_has(b, p, n))
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void
offer_add(struct buf *b, const char *name,
    int (*supported)(void *, int, const char *), void *arg, int method)
{
	if (supported != NULL && !supported(arg, method, name))
		return;
	if (b->len > 0 && names_has(b->data, name, strlen(name)))
		return;
	if (b->len > 0)
		buf_puts(b, ",");
	buf_puts(b, name);
}

void
tr_offer_build(int legacy, int known_types,
    int (*supported)(void *, int, const char *), void *arg,
    struct tr_lists *out)
{
	int m, i;

	for (m = 0; m < TR_NMETHODS; m++) {
		struct buf b;

		buf_init(&b, 4096);
		if (m == TR_HOSTKEY) {
			/* Recorded key types first (OpenSSH does the same). */
			for (i = 0; modern[m][i] != NULL; i++)
				if (known_types & kh_type_bit(modern[m][i]))
					offer_add(&b, modern[m][i], supported,
					    arg, m);
			for (i = 0; legacy && legacy_names[m][i] != NULL; i++)
				if (known_types &
				    kh_type_bit(legacy_names[m][i]))
					offer_add(&b, legacy_names[m][i],
					    supported, arg, m);
		}
		for (i = 0; modern[m][i] != NULL; i++)
			offer_add(&b, modern[m][i], supported, arg, m);
		for (i = 0; legacy && legacy_names[m][i] != NULL; i++)
			offer_add(&b, legacy_names[m][i], supported, arg, m);
		out->list[m] = b.data != NULL ? buf_take(&b) : xstrdup("");
	}
}

enum algoff_err
tr_offer_apply(LIBSSH2_SESSION *s, const struct tr_lists *o,
    struct errbuf *eb)
{
	int m, rc;

	for (m = 0; m < TR_NMETHODS; m++) {
		if (o->list[m] == NULL || o->list[m][0] == '\0')
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
			    "this libssh2 supports no %s algoff accepts",
			    tr_method_name(m));
		rc = libssh2_session_method_pref(s, m, o->list[m]);
		if (rc != 0)
			return errbuf_set(eb, ALGOFF_ERR_INTERNAL,
			    "libssh2 refused the %s list \"%s\" (%d)",
			    tr_method_name(m), o->list[m], rc);
	}
	return ALGOFF_OK;
}

static unsigned long
get_u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* Skip the identification line(s); return the offset of the packet. */
static int
skip_ident(const unsigned char *p, size_t n, size_t *off)
{
	size_t i = 0;

	/* RFC 4253 4.2: other lines may come before the "SSH-" line. */
	while (i < n) {
		const unsigned char *nl = memchr(p + i, '\n', n - i);
		int is_ident = n - i >= 4 && memcmp(p + i, "SSH-", 4) == 0;

		if (nl == NULL)
			return -1;
		i = (size_t)(nl - p) + 1;
		if (is_ident) {
			*off = i;
			return 0;
		}
	}
	return -1;
}

/*
 * Drop the protocol markers OpenSSH lists among key exchange methods
 * (ext-info-s, kex-strict-s-v00@openssh.com): they are not algorithms.
 */
static void
strip_pseudo(char *list)
{
	char *r = list, *w = list;

	while (*r != '\0') {
		size_t n = strcspn(r, ",");
		int pseudo = (n == 10 && strncmp(r, "ext-info-", 9) == 0) ||
		    (n > 11 && strncmp(r, "kex-strict-", 11) == 0);

		if (!pseudo) {
			if (w != list)
				*w++ = ',';
			memmove(w, r, n);
			w += n;
		}
		r += n;
		if (*r == ',')
			r++;
	}
	*w = '\0';
}

enum algoff_err
tr_kexinit_parse(const unsigned char *p, size_t n, struct tr_lists *out)
{
	unsigned long plen, pad;
	const unsigned char *pay;
	size_t off = 0, paylen, pos;
	int m;

	memset(out, 0, sizeof(*out));
	if (skip_ident(p, n, &off) != 0 || n - off < 5)
		return ALGOFF_ERR_INPUT;
	plen = get_u32(p + off);
	pad = p[off + 4];
	if (plen < 2 || plen > KEXINIT_MAX || plen > n - off - 4 ||
	    pad >= plen)
		return ALGOFF_ERR_INPUT;
	pay = p + off + 5;
	paylen = plen - pad - 1;
	if (paylen < 17 || pay[0] != SSH_MSG_KEXINIT)
		return ALGOFF_ERR_INPUT;
	pos = 17;		/* message number and 16-byte cookie */
	for (m = 0; m < TR_NMETHODS; m++) {
		unsigned long l;

		if (paylen - pos < 4)
			goto bad;
		l = get_u32(pay + pos);
		pos += 4;
		if (l > paylen - pos)
			goto bad;
		out->list[m] = xstrndup((const char *)pay + pos, l);
		if (strlen(out->list[m]) != l)
			goto bad;	/* an embedded NUL */
		pos += l;
	}
	strip_pseudo(out->list[TR_KEX]);
	return ALGOFF_OK;
bad:
	tr_lists_free(out);
	return ALGOFF_ERR_INPUT;
}

/* Append a name list, shortened to fit a one-screen message. */
static void
put_list(struct buf *out, const char *label, const char *list)
{
	size_t n = strlen(list);

	if (n > 200)
		buf_printf(out, "\n  %s: %.200s...", label, list);
	else
		buf_printf(out, "\n  %s: %s", label, list);
}

static int
list_has_legacy(int m, const char *list)
{
	int i;

	for (i = 0; legacy_names[m][i] != NULL; i++)
		if (names_has(list, legacy_names[m][i],
		    strlen(legacy_names[m][i])))
			return 1;
	return 0;
}

int
tr_negotiation_explain(const struct tr_lists *ours,
    const struct tr_lists *srv, int legacy, struct buf *out)
{
	int m, bad = 0, legacy_helps = 1;

	if (srv == NULL) {
		buf_puts(out, "\nThe server's algorithm lists were not "
		    "received. algoff offered:");
		for (m = 0; m < TR_NMETHODS; m += 2)	/* CS lists suffice */
			put_list(out, tr_method_name(m), ours->list[m]);
		if (!legacy)
			buf_puts(out, "\nIf the device is old firmware, re-run "
			    "with --legacy-crypto to also offer SHA-1 key "
			    "exchange, ssh-rsa host keys and CBC ciphers.");
		return 0;
	}
	for (m = 0; m < TR_NMETHODS; m++) {
		const char *s = srv->list[m] != NULL ? srv->list[m] : "";

		if (tr_names_common(ours->list[m], s))
			continue;
		/* Directional pairs: say it once when both sides agree. */
		if ((m == TR_CIPHER_SC || m == TR_MAC_SC) &&
		    srv->list[m - 1] != NULL &&
		    strcmp(srv->list[m - 1], s) == 0 &&
		    !tr_names_common(ours->list[m - 1], srv->list[m - 1]))
			continue;
		bad++;
		buf_printf(out, "\nNo common %s.", tr_method_name(m));
		put_list(out, "server offers", s);
		put_list(out, "algoff offers", ours->list[m]);
		if (legacy || !list_has_legacy(m, s))
			legacy_helps = 0;
	}
	if (bad > 0 && !legacy && legacy_helps)
		buf_puts(out, "\nThe server offers only legacy algorithms; "
		    "re-run with --legacy-crypto to allow them.");
	else if (bad > 0)
		buf_puts(out, "\nThe libssh2 algoff uses cannot speak what "
		    "this server offers; change the server's SSH settings.");
	return bad;
}
