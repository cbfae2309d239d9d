/* SPDX-License-Identifier: MIT */
/*
 * check_transport.c - unit tests of the SSH transport's pure parts:
 * base64 and OpenSSH fingerprints, known_hosts entries and lines, checking
 * a key against a known_hosts file (plain, hashed, changed, other types,
 * @revoked, unparseable lines), the algorithm offer, the server KEXINIT
 * parser and the negotiation diagnosis. No network.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "testutil.h"
#include "transport/knownhosts.h"
#include "transport/tr_algs.h"

/* ssh-keygen output for the test keys (generated once, public halves). */
#define K1_B64 "AAAAC3NzaC1lZDI1NTE5AAAAIJYiCU/GdCHMAb5PCeNmyLA4HPoBB/11abQhxWShpK7u"
#define K1_FP "SHA256:l6VyDqkKJtTdWoUzFL/3PFPX08inPvKIqj4W6pKbWJ0"
#define K2_B64 "AAAAC3NzaC1lZDI1NTE5AAAAIFjoXBUcBhRzBHH9gI+zjca0QF63n6KlGtY93tExmU6M"
#define K3_B64 "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFSCnJ10D8oD+vdaztY6h0EIlrOgs10t3rQXtkCstBuC5VJC1mQBC8OsUUv2RbWYorMVUfftP8PJO2jVOqKO5Cw="
/* ssh-keygen -H of "[127.0.0.1]:2222 ssh-ed25519 K1" */
#define K1_HASHED "|1|ywYKqiKtTs88UbMCuJ4eupLgweU=|xQPP0Ph5+3mxUN7rEij96Ui6Orc= ssh-ed25519 " K1_B64

static LIBSSH2_SESSION *session;

static void
setup(void)
{
	ck_assert_ptr_nonnull(testdir_make("check-transport"));
	ck_assert_int_eq(libssh2_init(0), 0);
	session = libssh2_session_init();
	ck_assert_ptr_nonnull(session);
}

static void
teardown(void)
{
	libssh2_session_free(session);
	ck_assert_int_eq(testdir_remove(), 0);
}

static size_t
blob_of(const char *b64, unsigned char *blob, size_t n)
{
	long len = kh_unbase64(b64, blob, n);

	ck_assert_int_gt(len, 0);
	return (size_t)len;
}

START_TEST(base64_vectors)
{
	static const char *in[] = { "", "f", "fo", "foo", "foob", "fooba",
	    "foobar" };
	static const char *pad[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==",
	    "Zm9vYmE=", "Zm9vYmFy" };
	static const char *nopad[] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg",
	    "Zm9vYmE", "Zm9vYmFy" };
	unsigned char back[16];
	char out[32];
	size_t i;

	for (i = 0; i < 7; i++) {
		kh_base64((const unsigned char *)in[i], strlen(in[i]), 1, out,
		    sizeof(out));
		ck_assert_str_eq(out, pad[i]);
		kh_base64((const unsigned char *)in[i], strlen(in[i]), 0, out,
		    sizeof(out));
		ck_assert_str_eq(out, nopad[i]);
		ck_assert_int_eq(kh_unbase64(pad[i], back, sizeof(back)),
		    (long)strlen(in[i]));
		ck_assert(memcmp(back, in[i], strlen(in[i])) == 0);
	}
	/* too small a destination: no overflow, 0 / -1 */
	ck_assert_uint_eq(kh_base64((const unsigned char *)"foobar", 6, 1,
	    out, 8), 0);
	ck_assert_int_eq(kh_unbase64("Zm9vYmFy", back, 3), -1);
	ck_assert_int_eq(kh_unbase64("Zm9v!", back, sizeof(back)), -1);
}
END_TEST

START_TEST(fingerprint_like_openssh)
{
	/* sha256 of K1's blob, as printed by ssh-keygen -lf */
	static const unsigned char d[32] = {
		0x97, 0xa5, 0x72, 0x0e, 0xa9, 0x0a, 0x26, 0xd4, 0xdd, 0x5a,
		0x85, 0x33, 0x14, 0xbf, 0xf7, 0x3c, 0x53, 0xd7, 0xd3, 0xc8,
		0xa7, 0x3e, 0xf2, 0x88, 0xaa, 0x3e, 0x16, 0xea, 0x92, 0x9b,
		0x58, 0x9d };
	char fp[KH_FP_SIZE];

	kh_fingerprint(d, fp);
	ck_assert_str_eq(fp, K1_FP);
	ck_assert_uint_eq(strlen(fp), 7 + 43);	/* no '=' padding */
}
END_TEST

START_TEST(host_entries)
{
	char e[KH_ENTRY_SIZE];
	struct errbuf eb;

	ck_assert_int_eq(kh_host_entry("127.0.0.1", 22, e, &eb), ALGOFF_OK);
	ck_assert_str_eq(e, "127.0.0.1");
	ck_assert_int_eq(kh_host_entry("Router.Example", 2222, e, &eb),
	    ALGOFF_OK);
	ck_assert_str_eq(e, "[router.example]:2222");
	ck_assert_int_eq(kh_host_entry("::1", 2222, e, &eb), ALGOFF_OK);
	ck_assert_str_eq(e, "[::1]:2222");
	ck_assert_int_eq(kh_host_entry("::1", 22, e, &eb), ALGOFF_OK);
	ck_assert_str_eq(e, "::1");
	ck_assert_int_eq(kh_host_entry("a b", 22, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("a,b", 22, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("a\nb", 22, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("[x]", 22, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("", 22, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("h", 0, e, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(kh_host_entry("h", 65536, e, &eb), ALGOFF_ERR_INPUT);
}
END_TEST

START_TEST(blob_types)
{
	unsigned char blob[512];
	char t[KH_TYPE_SIZE];
	size_t n;

	n = blob_of(K1_B64, blob, sizeof(blob));
	ck_assert_int_eq(kh_blob_type(blob, n, t), 0);
	ck_assert_str_eq(t, "ssh-ed25519");
	ck_assert_str_eq(kh_type_label(t), "ED25519");
	n = blob_of(K3_B64, blob, sizeof(blob));
	ck_assert_int_eq(kh_blob_type(blob, n, t), 0);
	ck_assert_str_eq(t, "ecdsa-sha2-nistp256");
	ck_assert_str_eq(kh_type_label(t), "ECDSA");
	/* truncated, oversized length, control characters */
	ck_assert_int_eq(kh_blob_type(blob, 3, t), -1);
	ck_assert_int_eq(kh_blob_type((const unsigned char *)
	    "\0\0\0\x20ssh", 7, t), -1);
	ck_assert_int_eq(kh_blob_type((const unsigned char *)
	    "\0\0\0\x02\n\n", 6, t), -1);
}
END_TEST

START_TEST(format_and_append)
{
	unsigned char blob[512];
	struct errbuf eb;
	struct buf line;
	struct stat st;
	char *path, text[512];
	size_t n;
	FILE *f;

	n = blob_of(K1_B64, blob, sizeof(blob));
	buf_init(&line, 4096);
	ck_assert_int_eq(kh_format_line("[127.0.0.1]:2222", blob, n, &line,
	    &eb), ALGOFF_OK);
	ck_assert_str_eq(line.data, "[127.0.0.1]:2222 ssh-ed25519 " K1_B64
	    "\n");
	/* a new file is created 0600 */
	xasprintf(&path, "%s/new_known_hosts", testdir());
	ck_assert_int_eq(kh_append(path, line.data, &eb), ALGOFF_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	free(path);
	/* a missing directory (~/.ssh) is created */
	xasprintf(&path, "%s/dotssh/known_hosts", testdir());
	ck_assert_int_eq(kh_append(path, line.data, &eb), ALGOFF_OK);
	free(path);
	xasprintf(&path, "%s/dotssh", testdir());
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	free(path);
	/* a file without a final newline gets one first */
	path = write_file("kh_nonl", "host1 ssh-ed25519 " K2_B64);
	ck_assert_int_eq(kh_append(path, line.data, &eb), ALGOFF_OK);
	f = fopen(path, "r");
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	ck_assert_str_eq(text, "host1 ssh-ed25519 " K2_B64 "\n"
	    "[127.0.0.1]:2222 ssh-ed25519 " K1_B64 "\n");
	free(path);
	/* an unwritable place is ALGOFF_ERR_IO with the path */
	ck_assert_int_eq(kh_append("/nonexistent/dir/kh", "x\n", &eb),
	    ALGOFF_ERR_IO);
	ck_assert_ptr_nonnull(strstr(eb.msg, "/nonexistent/dir/kh"));
	buf_free(&line);
}
END_TEST

/* A file exercising every kind of line; K1 is the server's key. */
static const char kh_mixed[] =
    "# comment\n"
    "\n"
    "otherhost ssh-ed25519 " K2_B64 "\n"
    "garbage line that libssh2 cannot parse\n"
    "[127.0.0.1]:2222 sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIA==\n"
    "@cert-authority * ssh-ed25519 " K2_B64 "\n"
    "[127.0.0.1]:2222 ecdsa-sha2-nistp256 " K3_B64 "\n"
    "[127.0.0.1]:2222 ssh-ed25519 " K1_B64 " comment\n";

START_TEST(check_plain_match)
{
	unsigned char blob[512];
	struct kh_result res;
	struct errbuf eb;
	char *path = write_file("kh", kh_mixed);
	size_t n = blob_of(K1_B64, blob, sizeof(blob));

	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_MATCH);
	ck_assert_int_eq(res.line, 8);
	ck_assert(res.known_types & KH_T_ED25519);
	ck_assert(res.known_types & KH_T_ECDSA256);
	/* port 22 is a different entry: not found */
	ck_assert_int_eq(kh_check(session, path, "127.0.0.1", blob, n, &res,
	    &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_NEW);
	free(path);
}
END_TEST

START_TEST(check_hashed_match)
{
	unsigned char blob[512];
	struct kh_result res;
	struct errbuf eb;
	char *path = write_file("kh", "# hashed\n" K1_HASHED "\n");
	size_t n = blob_of(K1_B64, blob, sizeof(blob));

	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_MATCH);
	ck_assert_int_eq(res.line, 2);
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2223", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_NEW);
	free(path);
}
END_TEST

START_TEST(check_changed_other_revoked)
{
	unsigned char blob[512];
	struct kh_result res;
	struct errbuf eb;
	char *path;
	size_t n = blob_of(K1_B64, blob, sizeof(blob));

	/* same type, other key: changed, with its line */
	path = write_file("kh", "# x\nh2 ssh-ed25519 " K1_B64 "\n"
	    "[127.0.0.1]:2222 ecdsa-sha2-nistp256 " K3_B64 "\n"
	    "[127.0.0.1]:2222 ssh-ed25519 " K2_B64 "\n");
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_CHANGED);
	ck_assert_int_eq(res.line, 4);
	free(path);
	/* only another key type recorded */
	path = write_file("kh", "[127.0.0.1]:2222 ecdsa-sha2-nistp256 "
	    K3_B64 "\n");
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_OTHER_TYPE);
	ck_assert_int_eq(res.known_types, KH_T_ECDSA256);
	/* before the handshake: only the types */
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", NULL, 0,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_NEW);
	ck_assert_int_eq(res.known_types, KH_T_ECDSA256);
	free(path);
	/* @revoked wins over a match */
	path = write_file("kh", "[127.0.0.1]:2222 ssh-ed25519 " K1_B64 "\n"
	    "@revoked [127.0.0.1]:2222 ssh-ed25519 " K1_B64 "\n");
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_REVOKED);
	ck_assert_int_eq(res.line, 2);
	free(path);
	/* a missing file is empty */
	ck_assert_int_eq(kh_check(session, "/nonexistent/kh", "h", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.status, KH_NEW);
	ck_assert_int_eq(res.exists, 0);
}
END_TEST

START_TEST(offer_lists)
{
	struct tr_lists o;

	tr_offer_build(0, 0, NULL, NULL, &o);
	ck_assert_ptr_null(strstr(o.list[TR_KEX], "sha1"));
	ck_assert_ptr_null(strstr(o.list[TR_HOSTKEY], "ssh-rsa"));
	ck_assert_ptr_null(strstr(o.list[TR_CIPHER_CS], "cbc"));
	ck_assert(strncmp(o.list[TR_HOSTKEY], "ssh-ed25519,", 12) == 0);
	tr_lists_free(&o);
	tr_offer_build(1, KH_T_ECDSA256, NULL, NULL, &o);
	ck_assert_ptr_nonnull(strstr(o.list[TR_KEX],
	    "diffie-hellman-group14-sha1"));
	ck_assert_ptr_nonnull(strstr(o.list[TR_KEX],
	    "diffie-hellman-group1-sha1"));
	ck_assert_ptr_nonnull(strstr(o.list[TR_CIPHER_SC], "aes128-cbc"));
	/* modern first, recorded host key type first of all */
	ck_assert(strncmp(o.list[TR_KEX], "curve25519-sha256,", 18) == 0);
	ck_assert(strncmp(o.list[TR_HOSTKEY], "ecdsa-sha2-nistp256,", 20) ==
	    0);
	ck_assert_ptr_nonnull(strstr(o.list[TR_HOSTKEY], ",ssh-rsa"));
	ck_assert(tr_is_legacy(TR_KEX, "diffie-hellman-group14-sha1"));
	ck_assert(!tr_is_legacy(TR_KEX, "curve25519-sha256"));
	tr_lists_free(&o);
}
END_TEST

START_TEST(names_common)
{
	ck_assert(tr_names_common("a,b,c", "x,c"));
	ck_assert(!tr_names_common("a,b,c", "x,cc,ab"));
	ck_assert(!tr_names_common("", "a"));
	ck_assert(!tr_names_common("a", ""));
}
END_TEST

/* Build "SSH-2.0-x\r\n" + a KEXINIT packet with the given lists. */
static size_t
make_kexinit(unsigned char *p, size_t cap, const char *pre,
    const char *const lists[10], int msg)
{
	size_t o = 0, start, i;
	unsigned long len;

	o += (size_t)snprintf((char *)p, cap, "%sSSH-2.0-Test_1.0\r\n", pre);
	start = o;
	o += 5;
	p[o++] = (unsigned char)msg;
	memset(p + o, 0xaa, 16);
	o += 16;
	for (i = 0; i < 10; i++) {
		size_t l = strlen(lists[i]);

		p[o] = 0; p[o + 1] = 0;
		p[o + 2] = (unsigned char)(l >> 8);
		p[o + 3] = (unsigned char)l;
		memcpy(p + o + 4, lists[i], l);
		o += 4 + l;
	}
	p[o++] = 0;			/* first_kex_packet_follows */
	memset(p + o, 0, 4);		/* reserved */
	o += 4;
	memset(p + o, 0, 4);		/* padding */
	o += 4;
	len = (unsigned long)(o - start - 4);
	p[start] = (unsigned char)(len >> 24);
	p[start + 1] = (unsigned char)(len >> 16);
	p[start + 2] = (unsigned char)(len >> 8);
	p[start + 3] = (unsigned char)len;
	p[start + 4] = 4;
	ck_assert_uint_lt(o, cap);
	return o;
}

static const char *const old_server[10] = {
	("diffie-hellman-group14-sha1,ext-info-s,diffie-hellman-group1-sha1,"
	    "kex-strict-s-v00@openssh.com"), "ssh-rsa",
	"aes128-cbc,3des-cbc", "aes128-cbc,3des-cbc", "hmac-sha1",
	"hmac-sha1", "none", "none", "", "" };

START_TEST(kexinit_parse)
{
	unsigned char pkt[2048];
	struct tr_lists s;
	size_t n;

	n = make_kexinit(pkt, sizeof(pkt), "banner line\r\n", old_server, 20);
	ck_assert_int_eq(tr_kexinit_parse(pkt, n, &s), ALGOFF_OK);
	/* protocol markers are not algorithms */
	ck_assert_str_eq(s.list[TR_KEX],
	    "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1");
	ck_assert_str_eq(s.list[TR_HOSTKEY], "ssh-rsa");
	ck_assert_str_eq(s.list[TR_CIPHER_SC], "aes128-cbc,3des-cbc");
	ck_assert_str_eq(s.list[TR_MAC_SC], "hmac-sha1");
	tr_lists_free(&s);
	/* every truncation is rejected, never read past the end */
	for (size_t cut = 0; cut < n; cut++)
		ck_assert_int_eq(tr_kexinit_parse(pkt, cut, &s),
		    ALGOFF_ERR_INPUT);
	/* not a KEXINIT */
	n = make_kexinit(pkt, sizeof(pkt), "", old_server, 21);
	ck_assert_int_eq(tr_kexinit_parse(pkt, n, &s), ALGOFF_ERR_INPUT);
	/* no identification line */
	ck_assert_int_eq(tr_kexinit_parse((const unsigned char *)"HTTP/1.1",
	    8, &s), ALGOFF_ERR_INPUT);
}
END_TEST

START_TEST(negotiation_explained)
{
	unsigned char pkt[2048];
	struct tr_lists ours, s;
	struct buf msg;
	size_t n;

	n = make_kexinit(pkt, sizeof(pkt), "", old_server, 20);
	ck_assert_int_eq(tr_kexinit_parse(pkt, n, &s), ALGOFF_OK);
	buf_init(&msg, 8192);
	tr_offer_build(0, 0, NULL, NULL, &ours);
	/* kex, host key, cipher (once for both directions); MAC agrees */
	ck_assert_int_eq(tr_negotiation_explain(&ours, &s, 0, &msg), 3);
	ck_assert_ptr_nonnull(strstr(msg.data, "No common key exchange"));
	ck_assert_ptr_nonnull(strstr(msg.data,
	    "server offers: diffie-hellman-group14-sha1"));
	ck_assert_ptr_nonnull(strstr(msg.data, "server offers: ssh-rsa"));
	ck_assert_ptr_nonnull(strstr(msg.data, "--legacy-crypto"));
	ck_assert_ptr_null(strstr(msg.data, "MAC"));
	tr_lists_free(&ours);
	/* with legacy the lists agree */
	buf_reset(&msg);
	tr_offer_build(1, 0, NULL, NULL, &ours);
	ck_assert_int_eq(tr_negotiation_explain(&ours, &s, 1, &msg), 0);
	/* ssh-dss only: legacy would not help, say so */
	free(s.list[TR_HOSTKEY]);
	s.list[TR_HOSTKEY] = xstrdup("ssh-dss");
	ck_assert_int_eq(tr_negotiation_explain(&ours, &s, 1, &msg), 1);
	ck_assert_ptr_nonnull(strstr(msg.data, "cannot speak"));
	tr_lists_free(&ours);
	tr_lists_free(&s);
	/* server lists unknown: our offer and the hint */
	buf_reset(&msg);
	tr_offer_build(0, 0, NULL, NULL, &ours);
	ck_assert_int_eq(tr_negotiation_explain(&ours, NULL, 0, &msg), 0);
	ck_assert_ptr_nonnull(strstr(msg.data, "were not received"));
	ck_assert_ptr_nonnull(strstr(msg.data, "--legacy-crypto"));
	tr_lists_free(&ours);
	buf_free(&msg);
}
END_TEST

/* Hashed names whose salt or hash is not 20 bytes never reach libssh2
 * (1.10 leaks on them; the ASan build's LeakSanitizer would say so): they
 * are skipped with a warning naming file:line, and a good line after them
 * still matches. */
START_TEST(check_hashed_malformed_skipped)
{
	unsigned char blob[512];
	struct kh_result res;
	struct errbuf eb;
	char *path, want[512];
	size_t n = blob_of(K1_B64, blob, sizeof(blob));
	int i;

	path = write_file("kh", "# bad hashes\n"
	    "|1|ywYKqiKtTs88UbMCuJ4eupLgweU=|xQPP0Ph5+3mx ssh-ed25519 " K1_B64
	    "\n"
	    "|1|c2hvcnQ=|xQPP0Ph5+3mxUN7rEij96Ui6Orc= ssh-ed25519 " K1_B64 "\n"
	    "|1|ywYKqiKtTs88UbMCuJ4eupLgweU=|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ssh-ed25519 "
	    K1_B64 "\n"
	    "|1|nobar ssh-ed25519 " K1_B64 "\n"
	    "@revoked |1|ywYKqiKtTs88UbMCuJ4eupLgweU=|!! ssh-ed25519 " K1_B64
	    "\n" K1_HASHED "\n");
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222",
		    blob, n, &res, &eb), ALGOFF_OK);
		ck_assert_int_eq(res.status, KH_MATCH);
		ck_assert_int_eq(res.line, 7);
		ck_assert_int_eq(res.bad_lines, 5);
		ck_assert_int_eq(res.bad_line, 2);
	}
	snprintf(want, sizeof(want), "%s:2: hashed host name whose salt or "
	    "hash is not 20 bytes; skipped (and later such lines)", path);
	ck_assert_str_eq(res.warning, want);
	free(path);
	path = write_file("kh", K1_HASHED "\n");
	ck_assert_int_eq(kh_check(session, path, "[127.0.0.1]:2222", blob, n,
	    &res, &eb), ALGOFF_OK);
	ck_assert_int_eq(res.bad_lines, 0);
	ck_assert_str_eq(res.warning, "");
	free(path);
}
END_TEST

static Suite *
transport_suite(void)
{
	Suite *s = suite_create("transport");
	TCase *tc = tcase_create("pure");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, base64_vectors);
	tcase_add_test(tc, fingerprint_like_openssh);
	tcase_add_test(tc, host_entries);
	tcase_add_test(tc, blob_types);
	tcase_add_test(tc, format_and_append);
	tcase_add_test(tc, check_plain_match);
	tcase_add_test(tc, check_hashed_match);
	tcase_add_test(tc, check_hashed_malformed_skipped);
	tcase_add_test(tc, check_changed_other_revoked);
	tcase_add_test(tc, offer_lists);
	tcase_add_test(tc, names_common);
	tcase_add_test(tc, kexinit_parse);
	tcase_add_test(tc, negotiation_explained);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(transport_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
