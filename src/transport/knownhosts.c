/* SPDX-License-Identifier: MIT */
/*
 * knownhosts.c - OpenSSH known_hosts: fingerprints, entries, checking and
 * appending. The file is read one line at a time, each line parsed by
 * libssh2_knownhost_readline() into its own collection, so that a line
 * libssh2 cannot parse (a key type it does not know, @cert-authority) is
 * skipped instead of ending the scan, and so that the line number of a
 * conflicting entry can be named in the warning. A hashed name
 * ("|1|salt|hash") whose salt or hash does not decode to 20 bytes (a
 * SHA-1 HMAC) is checked here first and skipped: libssh2 1.10 leaks
 * about 250 bytes for each such line it parses.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "transport/knownhosts.h"

#define KH_LINE_MAX 16384	/* longer lines are skipped */
#define KH_LINES_MAX 1000000	/* bound on the scan */

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/*
 * kh_base64 - base64 of src[0..n) into dst.
 * @retval length written (without the NUL), 0 when dst is too small.
 */
size_t
kh_base64(const unsigned char *src, size_t n, int pad, char *dst,
    size_t dstlen)
{
	size_t i, o = 0;

	if (dstlen < (n + 2) / 3 * 4 + 1)
		return 0;
	for (i = 0; i + 2 < n; i += 3) {
		unsigned long v = (unsigned long)src[i] << 16 |
		    (unsigned long)src[i + 1] << 8 | src[i + 2];

		dst[o++] = b64chars[(v >> 18) & 63];
		dst[o++] = b64chars[(v >> 12) & 63];
		dst[o++] = b64chars[(v >> 6) & 63];
		dst[o++] = b64chars[v & 63];
	}
	if (n - i == 1) {
		unsigned long v = (unsigned long)src[i] << 16;

		dst[o++] = b64chars[(v >> 18) & 63];
		dst[o++] = b64chars[(v >> 12) & 63];
		if (pad) {
			dst[o++] = '=';
			dst[o++] = '=';
		}
	} else if (n - i == 2) {
		unsigned long v = (unsigned long)src[i] << 16 |
		    (unsigned long)src[i + 1] << 8;

		dst[o++] = b64chars[(v >> 18) & 63];
		dst[o++] = b64chars[(v >> 12) & 63];
		dst[o++] = b64chars[(v >> 6) & 63];
		if (pad)
			dst[o++] = '=';
	}
	dst[o] = '\0';
	return o;
}

/*
 * kh_unbase64 - decode base64; stops at NUL or '-' (a PEM footer).
 * @retval decoded length, or -1 for a bad character or a full dst.
 */
long
kh_unbase64(const char *src, unsigned char *dst, size_t dstlen)
{
	unsigned long acc = 0;
	size_t o = 0;
	int bits = 0;

	for (; *src != '\0' && *src != '-'; src++) {
		const char *p;

		if (isspace((unsigned char)*src) || *src == '=')
			continue;
		p = strchr(b64chars, *src);
		if (p == NULL)
			return -1;
		acc = (acc << 6 | (unsigned long)(p - b64chars)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= dstlen)
				return -1;
			dst[o++] = (unsigned char)(acc >> bits);
		}
	}
	return (long)o;
}

/* kh_fingerprint - "SHA256:" and the unpadded base64 of the digest. */
void
kh_fingerprint(const unsigned char digest[32], char dst[KH_FP_SIZE])
{
	memcpy(dst, "SHA256:", 7);
	kh_base64(digest, 32, 0, dst + 7, KH_FP_SIZE - 7);
}

/*
 * kh_host_entry - the known_hosts name for host and port.
 * @retval ALGOFF_OK, or ALGOFF_ERR_INPUT for an unusable host string.
 */
enum algoff_err
kh_host_entry(const char *host, int port, char dst[KH_ENTRY_SIZE],
    struct errbuf *eb)
{
	char low[256];
	size_t i, n;
	int w;

	n = host != NULL ? strlen(host) : 0;
	if (n == 0 || n >= sizeof(low))
		return errbuf_set(eb, ALGOFF_ERR_INPUT,
		    "host name is empty or too long");
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)host[i];

		if (ch <= ' ' || ch >= 0x7f || ch == ',' || ch == '[' ||
		    ch == ']' || ch == '#' || ch == '*' || ch == '?' ||
		    ch == '!' || ch == '|')
			return errbuf_set(eb, ALGOFF_ERR_INPUT,
			    "host name contains a character that is not "
			    "allowed: 0x%02x", ch);
		low[i] = (char)tolower(ch);
	}
	low[n] = '\0';
	if (port <= 0 || port > 65535)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "invalid port %d",
		    port);
	if (port == 22)
		w = snprintf(dst, KH_ENTRY_SIZE, "%s", low);
	else
		w = snprintf(dst, KH_ENTRY_SIZE, "[%s]:%d", low, port);
	if (w < 0 || w >= KH_ENTRY_SIZE)
		return errbuf_set(eb, ALGOFF_ERR_INPUT, "host name too long");
	return ALGOFF_OK;
}

/*
 * kh_blob_type - the first string of an SSH public key blob.
 * @retval 0 on success, -1 for a malformed blob.
 */
int
kh_blob_type(const unsigned char *blob, size_t len, char dst[KH_TYPE_SIZE])
{
	size_t n, i;

	dst[0] = '\0';
	if (blob == NULL || len < 4)
		return -1;
	n = (size_t)blob[0] << 24 | (size_t)blob[1] << 16 |
	    (size_t)blob[2] << 8 | blob[3];
	if (n == 0 || n >= KH_TYPE_SIZE || n > len - 4)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char ch = blob[4 + i];

		if (ch <= ' ' || ch >= 0x7f)
			return -1;
		dst[i] = (char)ch;
	}
	dst[n] = '\0';
	return 0;
}

/* kh_type_label - the short name OpenSSH prints for a key type. */
const char *
kh_type_label(const char *type)
{
	if (strcmp(type, "ssh-ed25519") == 0)
		return "ED25519";
	if (strncmp(type, "ecdsa-sha2-", 11) == 0)
		return "ECDSA";
	if (strcmp(type, "ssh-rsa") == 0)
		return "RSA";
	if (strcmp(type, "ssh-dss") == 0)
		return "DSA";
	return type;
}

/* kh_format_line - "entry type base64\n" for blob, appended to out. */
enum algoff_err
kh_format_line(const char *entry, const unsigned char *blob, size_t len,
    struct buf *out, struct errbuf *eb)
{
	char type[KH_TYPE_SIZE];
	char *b64 = NULL;
	size_t b64len = (len + 2) / 3 * 4 + 1;
	enum algoff_err r = ALGOFF_ERR_INTERNAL;

	if (kh_blob_type(blob, len, type) != 0) {
		r = errbuf_set(eb, ALGOFF_ERR_INPUT, "malformed host key");
		goto out;
	}
	b64 = xmalloc(b64len);
	if (kh_base64(blob, len, 1, b64, b64len) == 0)
		goto out;
	r = buf_printf(out, "%s %s %s\n", entry, type, b64);
	if (r != ALGOFF_OK)
		errbuf_set(eb, r, "known_hosts line too long");
out:
	free(b64);
	return r;
}

/* Create the file's directory (one level, 0700, like ~/.ssh). */
static int
kh_mkparent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int rc = -1;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		rc = mkdir(dir, 0700);
	}
	free(dir);
	return rc;
}

/* kh_append - append one line to the file, creating it 0600 (and its
 * directory 0700). */
enum algoff_err
kh_append(const char *path, const char *line, struct errbuf *eb)
{
	enum algoff_err r = ALGOFF_ERR_IO;
	size_t len = strlen(line), off = 0;
	char last = '\n';
	off_t end;
	int fd;

	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 && errno == ENOENT && kh_mkparent(path) == 0)
		fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return errbuf_set(eb, ALGOFF_ERR_IO, "cannot open %s: %s",
		    path, strerror(errno));
	/* batch runs append from several threads (and processes): one
	 * writer at a time, so lines never interleave; close() unlocks. */
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	end = lseek(fd, 0, SEEK_END);
	if (end > 0 && pread(fd, &last, 1, end - 1) != 1)
		last = '\n';
	if (last != '\n' && write(fd, "\n", 1) != 1)
		goto fail;
	while (off < len) {
		ssize_t w = write(fd, line + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return ALGOFF_OK;
fail:
	errbuf_set(eb, r, "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return r;
}

static const struct {
	const char *alg;
	int bit;
	int lsmask;
} kh_types[] = {
	{ "ssh-ed25519", KH_T_ED25519, LIBSSH2_KNOWNHOST_KEY_ED25519 },
	{ "ecdsa-sha2-nistp256", KH_T_ECDSA256, LIBSSH2_KNOWNHOST_KEY_ECDSA_256 },
	{ "ecdsa-sha2-nistp384", KH_T_ECDSA384, LIBSSH2_KNOWNHOST_KEY_ECDSA_384 },
	{ "ecdsa-sha2-nistp521", KH_T_ECDSA521, LIBSSH2_KNOWNHOST_KEY_ECDSA_521 },
	{ "ssh-rsa", KH_T_RSA, LIBSSH2_KNOWNHOST_KEY_SSHRSA },
	{ "ssh-dss", KH_T_DSS, LIBSSH2_KNOWNHOST_KEY_SSHDSS },
};
#define KH_NTYPES (sizeof(kh_types) / sizeof(kh_types[0]))

int
kh_type_bit(const char *type)
{
	size_t i;

	for (i = 0; i < KH_NTYPES; i++)
		if (strcmp(kh_types[i].alg, type) == 0)
			return kh_types[i].bit;
	return 0;
}

const char *
kh_bit_alg(int bit)
{
	size_t i;

	for (i = 0; i < KH_NTYPES; i++)
		if (kh_types[i].bit == bit)
			return kh_types[i].alg;
	return NULL;
}

static int
kh_lsmask_bit(int typemask)
{
	size_t i;

	for (i = 0; i < KH_NTYPES; i++)
		if (kh_types[i].lsmask == (typemask & LIBSSH2_KNOWNHOST_KEY_MASK))
			return kh_types[i].bit;
	return KH_T_OTHER;
}

static int
kh_type_lsmask(const char *type)
{
	size_t i;

	for (i = 0; i < KH_NTYPES; i++)
		if (strcmp(kh_types[i].alg, type) == 0)
			return kh_types[i].lsmask;
	return 0;
}

/* What one line says about entry (and blob). */
enum kh_line_verdict { KL_NONE, KL_NAME, KL_MATCH, KL_CHANGED };

static enum kh_line_verdict
kh_check_line(LIBSSH2_SESSION *session, const char *line, size_t len,
    const char *entry, const unsigned char *blob, size_t bloblen,
    int lsmask, int *typebit)
{
	static const char dummy[1] = { 0 };
	LIBSSH2_KNOWNHOSTS *hosts;
	struct libssh2_knownhost *k = NULL;
	enum kh_line_verdict v = KL_NONE;
	int rc;

	hosts = libssh2_knownhost_init(session);
	if (hosts == NULL)
		return KL_NONE;
	if (libssh2_knownhost_readline(hosts, line, len,
	    LIBSSH2_KNOWNHOST_FILE_OPENSSH) != 0)
		goto out;
	/* Key type 0 compares any key: a one-byte dummy never matches, so
	 * MISMATCH here means "the name matches". */
	rc = libssh2_knownhost_check(hosts, entry, dummy, sizeof(dummy),
	    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW, &k);
	if (rc != LIBSSH2_KNOWNHOST_CHECK_MISMATCH || k == NULL)
		goto out;
	v = KL_NAME;
	*typebit = kh_lsmask_bit(k->typemask);
	if (blob == NULL || lsmask == 0)
		goto out;
	rc = libssh2_knownhost_check(hosts, entry, (const char *)blob,
	    bloblen, LIBSSH2_KNOWNHOST_TYPE_PLAIN |
	    LIBSSH2_KNOWNHOST_KEYENC_RAW | lsmask, NULL);
	if (rc == LIBSSH2_KNOWNHOST_CHECK_MATCH)
		v = KL_MATCH;
	else if (rc == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
		v = KL_CHANGED;
out:
	libssh2_knownhost_free(hosts);
	return v;
}

#define KH_SHA1_LEN 20

/* One base64 field of a hashed name, [p, end): 1 when 20 bytes. */
static int
kh_hash_field(const char *p, const char *end)
{
	char tmp[64];
	unsigned char raw[64];
	size_t n = (size_t)(end - p);

	if (n == 0 || n >= sizeof(tmp) || memchr(p, '-', n) != NULL)
		return 0;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	return kh_unbase64(tmp, raw, sizeof(raw)) == KH_SHA1_LEN;
}

/* kh_hashed_ok - 0 for a "|1|salt|hash" name that is not 20+20 bytes. */
static int
kh_hashed_ok(const char *line)
{
	const char *end = line + strcspn(line, " \t"), *bar;

	if (strncmp(line, "|1|", 3) != 0)
		return 1;
	bar = memchr(line + 3, '|', (size_t)(end - (line + 3)));
	return bar != NULL && kh_hash_field(line + 3, bar) &&
	    kh_hash_field(bar + 1, end);
}

/* Strip the line; return NULL for lines to skip, set *revoked. */
static char *
kh_prepare_line(char *line, size_t *lenp, int *revoked)
{
	char *p = line;
	size_t n;

	*revoked = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	n = strcspn(p, "\r\n");
	p[n] = '\0';
	if (*p == '\0' || *p == '#')
		return NULL;
	if (*p == '@') {
		if (strncmp(p, "@revoked", 8) != 0 ||
		    (p[8] != ' ' && p[8] != '\t'))
			return NULL;	/* @cert-authority: not used */
		*revoked = 1;
		p += 8;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	*lenp = strlen(p);
	return p;
}

/* Skip the rest of an overlong line. */
static void
kh_skip_rest(FILE *f)
{
	int ch;

	while ((ch = getc(f)) != EOF && ch != '\n')
		;
}

/* kh_note_bad - count a malformed hashed line; the first one is named. */
static void
kh_note_bad(struct kh_result *res, const char *path, int lineno)
{
	if (res->bad_lines++ == 0)
		res->bad_line = lineno;
	snprintf(res->warning, sizeof(res->warning), "%s:%d: hashed host "
	    "name whose salt or hash is not 20 bytes; skipped%s", path,
	    res->bad_line, res->bad_lines > 1 ? " (and later such lines)" :
	    "");
}

/*
 * kh_check - look entry (and blob, if not NULL) up in the file.
 * @retval ALGOFF_OK with *res filled, ALGOFF_ERR_IO if unreadable.
 */
enum algoff_err
kh_check(LIBSSH2_SESSION *session, const char *path, const char *entry,
    const unsigned char *blob, size_t len, struct kh_result *res,
    struct errbuf *eb)
{
	char type[KH_TYPE_SIZE];
	char *line = NULL;
	int lineno = 0, match = 0, changed = 0, revoked = 0, lsmask = 0;
	enum algoff_err r = ALGOFF_ERR_INTERNAL;
	FILE *f;

	memset(res, 0, sizeof(*res));
	res->status = KH_NEW;
	if (blob != NULL && kh_blob_type(blob, len, type) == 0)
		lsmask = kh_type_lsmask(type);
	f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return ALGOFF_OK;
		return errbuf_set(eb, ALGOFF_ERR_IO, "cannot read %s: %s",
		    path, strerror(errno));
	}
	res->exists = 1;
	line = xmalloc(KH_LINE_MAX);
	while (lineno < KH_LINES_MAX && fgets(line, KH_LINE_MAX, f) != NULL) {
		enum kh_line_verdict v;
		size_t n;
		int rev, bit = 0;
		char *p;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			kh_skip_rest(f);
			continue;
		}
		p = kh_prepare_line(line, &n, &rev);
		if (p == NULL)
			continue;
		if (!kh_hashed_ok(p)) {
			kh_note_bad(res, path, lineno);
			continue;
		}
		v = kh_check_line(session, p, n, entry, blob, len, lsmask,
		    &bit);
		if (v == KL_NONE)
			continue;
		if (rev) {
			if (v == KL_MATCH && revoked == 0)
				revoked = lineno;
			continue;
		}
		res->known_types |= bit;
		if (v == KL_MATCH && match == 0)
			match = lineno;
		else if (v == KL_CHANGED && changed == 0)
			changed = lineno;
	}
	if (ferror(f)) {
		r = errbuf_set(eb, ALGOFF_ERR_IO, "cannot read %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (revoked) {
		res->status = KH_REVOKED;
		res->line = revoked;
	} else if (match) {
		res->status = KH_MATCH;
		res->line = match;
	} else if (changed) {
		res->status = KH_CHANGED;
		res->line = changed;
	} else if (res->known_types != 0 && blob != NULL) {
		res->status = KH_OTHER_TYPE;
	}
	r = ALGOFF_OK;
	if (res->warning[0] != '\0' && blob != NULL)	/* once a connection */
		fprintf(stderr, "algoff: warning: %s\n", res->warning);
out:
	free(line);
	fclose(f);
	return r;
}
