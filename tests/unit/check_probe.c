/* SPDX-License-Identifier: MIT */
/*
 * check_probe.c - unit tests of the probe's pure parts: SIP parsing and
 * TCP framing, the sent/received diff, base64, address parsing, the echo
 * response, rate limiting, RFC 3550 jitter, the G.107 E-model and the
 * bandwidth calculator, the JSON report read back, all on scripted
 * inputs.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/buf.h"
#include "probe/b64.h"
#include "probe/netaddr.h"
#include "probe/probe.h"
#include "probe/ratelimit.h"
#include "probe/sipbuild.h"
#include "probe/sipdiff.h"
#include "probe/sipmsg.h"
#include "probe/voip.h"

#define INV_HDRS \
	"INVITE sip:echo@203.0.113.10 SIP/2.0\r\n" \
	"Via: SIP/2.0/UDP 198.18.0.2:5060;branch=z9hG4bK-1\r\n" \
	"From: <sip:a@203.0.113.10>;tag=1\r\n" \
	"To: <sip:echo@203.0.113.10>\r\n" \
	"Call-ID: abc@198.18.0.2\r\n" \
	"CSeq: 1 INVITE\r\n" \
	"Contact: <sip:a@198.18.0.2:5060>\r\n" \
	"Content-Type: application/sdp\r\n"

static const char inv_sent[] = INV_HDRS
	"Content-Length: 78\r\n\r\n"
	"v=0\r\no=- 1 1 IN IP4 198.18.0.2\r\nc=IN IP4 198.18.0.2\r\n"
	"m=audio 10000 RTP/AVP 0\r\n";

/* What the Linux helper makes of it behind 203.0.113.1. */
static const char inv_alg[] =
	"INVITE sip:echo@203.0.113.10 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 203.0.113.1:5060;branch=z9hG4bK-1\r\n"
	"From: <sip:a@203.0.113.10>;tag=1\r\n"
	"To: <sip:echo@203.0.113.10>\r\n"
	"Call-ID: abc@198.18.0.2\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: <sip:a@203.0.113.1:5060>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 80\r\n\r\n"
	"v=0\r\no=- 1 1 IN IP4 203.0.113.1\r\nc=IN IP4 203.0.113.1\r\n"
	"m=audio 10002 RTP/AVP 0\r\n";

static void
parse_ok(const char *s, struct sipmsg *m)
{
	struct errbuf eb;

	errbuf_clear(&eb);
	ck_assert_msg(sipmsg_parse(s, strlen(s), m, &eb) == ALGOFF_OK,
	    "parse: %s", eb.msg);
}

static enum algoff_err
parse_err(const char *s, size_t n)
{
	struct sipmsg m;
	enum algoff_err r = sipmsg_parse(s, n, &m, NULL);

	sipmsg_free(&m);
	return r;
}

START_TEST(test_parse_request)
{
	struct sipmsg m;

	parse_ok(inv_sent, &m);
	ck_assert(!m.is_response);
	ck_assert_str_eq(m.method, "INVITE");
	ck_assert_str_eq(m.start, "INVITE sip:echo@203.0.113.10 SIP/2.0");
	ck_assert_str_eq(sipmsg_get(&m, "via", 0),
	    "SIP/2.0/UDP 198.18.0.2:5060;branch=z9hG4bK-1");
	ck_assert_str_eq(sipmsg_get(&m, "i", 0), "abc@198.18.0.2");
	ck_assert_int_eq(m.clen, 78);
	ck_assert_uint_eq(m.blen, 78);
	ck_assert(strncmp(m.body, "v=0\r\n", 5) == 0);
	sipmsg_free(&m);
}
END_TEST

START_TEST(test_parse_compact_folded)
{
	struct sipmsg m;

	parse_ok("SIP/2.0 180 Ringing\nv: SIP/2.0/TCP 198.18.0.2\n"
	    "Subject: a\n b\nl: 0\n\n", &m);
	ck_assert(m.is_response);
	ck_assert_int_eq(m.status, 180);
	ck_assert_str_eq(sipmsg_get(&m, "Via", 0), "SIP/2.0/TCP 198.18.0.2");
	ck_assert_str_eq(sipmsg_get(&m, "Subject", 0), "a  b");
	ck_assert_int_eq(m.clen, 0);
	sipmsg_free(&m);
}
END_TEST

START_TEST(test_parse_errors)
{
	char big[SIP_MAX_MSG + 10];
	struct buf b;
	int i;

	ck_assert_int_eq(parse_err("garbage", 7), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(parse_err("INVITE sip:x SIP/2.0\r\nA: b\r\n", 28),
	    ALGOFF_ERR_INPUT);	/* no blank line: truncated */
	ck_assert_int_eq(parse_err("INVITE sip:x\r\n\r\n", 16), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(parse_err("SIP/2.0 99 x\r\n\r\n", 16), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(parse_err("OPTIONS sip:x SIP/2.0\r\nnocolon\r\n\r\n", 34),
	    ALGOFF_ERR_INPUT);
	ck_assert_int_eq(parse_err("OPTIONS sip:x SIP/2.0\r\nl: -4\r\n\r\n", 32),
	    ALGOFF_ERR_INPUT);
	ck_assert_int_eq(parse_err("OPTIONS sip:x SIP/2.0\r\nA: \0\r\n\r\n", 31),
	    ALGOFF_ERR_INPUT);
	memset(big, 'a', sizeof(big));
	ck_assert_int_eq(parse_err(big, sizeof(big)), ALGOFF_ERR_TOOBIG);
	buf_init(&b, 1 << 20);
	buf_puts(&b, "OPTIONS sip:x SIP/2.0\r\n");
	for (i = 0; i < SIP_MAX_HDRS + 1; i++)
		buf_puts(&b, "X: y\r\n");
	buf_puts(&b, "\r\n");
	ck_assert_int_eq(parse_err(b.data, b.len), ALGOFF_ERR_TOOBIG);
	buf_free(&b);
}
END_TEST

START_TEST(test_frame)
{
	const char two[] = "\r\n\r\nOPTIONS sip:x SIP/2.0\r\nl: 3\r\n\r\nabcREG";
	size_t skip, len;

	ck_assert_int_eq(sip_frame(two, strlen(two), SIP_MAX_MSG, &skip, &len), 1);
	ck_assert_uint_eq(skip, 4);
	ck_assert_uint_eq(len, strlen("OPTIONS sip:x SIP/2.0\r\nl: 3\r\n\r\nabc"));
	ck_assert_int_eq(sip_frame(two, 20, SIP_MAX_MSG, &skip, &len), 0);
	ck_assert_int_eq(sip_frame(inv_sent, sizeof(inv_sent) - 2, SIP_MAX_MSG,
	    &skip, &len), 0);	/* body incomplete */
	ck_assert_int_eq(sip_frame(inv_sent, sizeof(inv_sent) - 1, SIP_MAX_MSG,
	    &skip, &len), 1);
	ck_assert_int_eq(sip_frame("A\r\nContent-Length: 999999\r\n\r\n", 29,
	    SIP_MAX_MSG, &skip, &len), -1);
	ck_assert_int_eq(sip_frame("A\r\nContent-Length: x\r\n\r\n", 24,
	    SIP_MAX_MSG, &skip, &len), -1);
	ck_assert_int_eq(sip_frame("AAAAAAAAAA", 10, 8, &skip, &len), -1);
}
END_TEST

START_TEST(test_diff_alg)
{
	struct sipmsg a, b;
	struct sipdiff d;

	parse_ok(inv_sent, &a);
	parse_ok(inv_alg, &b);
	sipdiff_run(&a, &b, &d);
	ck_assert(sipdiff_has(&d, "Via"));
	ck_assert(sipdiff_has(&d, "Contact"));
	ck_assert(sipdiff_has(&d, "Content-Length"));
	ck_assert(sipdiff_has(&d, "SDP o="));
	ck_assert(sipdiff_has(&d, "SDP c="));
	ck_assert(sipdiff_has(&d, "SDP m="));
	ck_assert(!sipdiff_has(&d, "From"));
	ck_assert(!sipdiff_has(&d, "Call-ID"));
	ck_assert(!sipdiff_has(&d, "request-line"));
	ck_assert_uint_eq(d.n, 6);
	ck_assert_str_eq(d.item[0].field, "Via");
	ck_assert_str_eq(d.item[0].got,
	    "SIP/2.0/UDP 203.0.113.1:5060;branch=z9hG4bK-1");
	sipmsg_free(&a);
	sipmsg_free(&b);
}
END_TEST

START_TEST(test_diff_same_removed_format)
{
	struct sipmsg a, b;
	struct sipdiff d;

	parse_ok(inv_sent, &a);
	parse_ok(inv_sent, &b);
	sipdiff_run(&a, &b, &d);
	ck_assert_uint_eq(d.n, 0);
	sipmsg_free(&b);
	parse_ok("INVITE sip:echo@203.0.113.10 SIP/2.0\r\n"
	    "Via: SIP/2.0/UDP 198.18.0.2:5060;branch=z9hG4bK-1\r\n"
	    "X-New: 1\r\n\r\n", &b);
	sipdiff_run(&a, &b, &d);
	ck_assert(sipdiff_has(&d, "From"));
	ck_assert_str_eq(d.item[1].got, "(removed)");
	ck_assert(sipdiff_has(&d, "X-New"));
	ck_assert(sipdiff_has(&d, "SDP c="));	/* body gone */
	sipmsg_free(&a);
	sipmsg_free(&b);
	parse_ok("OPTIONS sip:x SIP/2.0\r\nTo: a\r\n\r\n", &a);
	parse_ok("OPTIONS sip:x SIP/2.0\r\nto:    a\r\n\r\n", &b);
	sipdiff_run(&a, &b, &d);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.item[0].field, "formatting");
	sipmsg_free(&a);
	sipmsg_free(&b);
}
END_TEST

START_TEST(test_b64)
{
	struct buf e, dd;
	const char *v[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	const char *w[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
	    "Zm9vYmFy" };	/* RFC 4648 section 10 */
	size_t i;

	for (i = 0; i < 7; i++) {
		buf_init(&e, 64);
		buf_init(&dd, 64);
		ck_assert_int_eq(b64_encode(&e, v[i], strlen(v[i])), ALGOFF_OK);
		ck_assert_str_eq(e.data ? e.data : "", w[i]);
		ck_assert_int_eq(b64_decode(&dd, w[i], strlen(w[i])), ALGOFF_OK);
		ck_assert_str_eq(dd.data ? dd.data : "", v[i]);
		buf_free(&e);
		buf_free(&dd);
	}
	buf_init(&dd, 64);
	ck_assert_int_eq(b64_decode(&dd, "Zm9v!", 5), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(b64_decode(&dd, "Zg==Zg", 6), ALGOFF_ERR_INPUT);
	buf_free(&dd);
}
END_TEST

START_TEST(test_netaddr)
{
	struct netaddr a;
	char s[NETADDR_STRLEN];

	ck_assert_int_eq(netaddr_parse("203.0.113.10", 5060, &a, NULL), ALGOFF_OK);
	netaddr_format((struct sockaddr *)&a.ss, s, sizeof(s));
	ck_assert_str_eq(s, "203.0.113.10:5060");
	ck_assert_int_eq(netaddr_parse("198.18.0.1:7000", 5060, &a, NULL),
	    ALGOFF_OK);
	ck_assert_uint_eq(netaddr_port((struct sockaddr *)&a.ss), 7000);
	ck_assert_int_eq(netaddr_parse("[::1]:5062", 5060, &a, NULL), ALGOFF_OK);
	ck_assert_int_eq(a.ss.ss_family, AF_INET6);
	netaddr_format((struct sockaddr *)&a.ss, s, sizeof(s));
	ck_assert_str_eq(s, "[::1]:5062");
	ck_assert_int_eq(netaddr_parse("::1", 5060, &a, NULL), ALGOFF_OK);
	ck_assert_uint_eq(netaddr_port((struct sockaddr *)&a.ss), 5060);
	ck_assert_int_eq(netaddr_parse("1.2.3.4:70000", 5060, &a, NULL),
	    ALGOFF_ERR_USAGE);
	ck_assert_int_eq(netaddr_parse("[::1", 5060, &a, NULL), ALGOFF_ERR_USAGE);
	ck_assert_int_eq(netaddr_parse(":5060", 5060, &a, NULL), ALGOFF_ERR_USAGE);
}
END_TEST

START_TEST(test_echo_response)
{
	struct sipmsg req, resp, back;
	struct buf out, raw;

	parse_ok(inv_sent, &req);
	buf_init(&out, 1 << 20);
	buf_init(&raw, 1 << 20);
	ck_assert_int_eq(sipbuild_echo(&req, "203.0.113.1:5060", "UDP", &out),
	    ALGOFF_OK);
	parse_ok(out.data, &resp);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_str_eq(sipmsg_get(&resp, "X-Algoff-Source", 0),
	    "203.0.113.1:5060");
	ck_assert_str_eq(sipmsg_get(&resp, "CSeq", 0), "1 INVITE");
	ck_assert_str_eq(sipmsg_get(&resp, "Via", 0), sipmsg_get(&req, "Via", 0));
	ck_assert_int_eq(b64_decode(&raw, resp.body, resp.blen), ALGOFF_OK);
	ck_assert_uint_eq(raw.len, strlen(inv_sent));
	ck_assert(memcmp(raw.data, inv_sent, raw.len) == 0);
	parse_ok(raw.data, &back);
	sipmsg_free(&back);
	sipmsg_free(&resp);
	sipmsg_free(&req);
	buf_free(&out);
	buf_free(&raw);
}
END_TEST

START_TEST(test_build_requests)
{
	struct sip_ua ua;
	struct buf b;
	struct sipmsg m;

	memset(&ua, 0, sizeof(ua));
	ua.family = AF_INET6;
	strcpy(ua.local_ip, "2001:db8::2");
	ua.local_port = 5060;
	strcpy(ua.remote_ip, "2001:db8::10");
	ua.remote_port = 5060;
	ua.transport = "TCP";
	ua.rtp_port = 10000;
	strcpy(ua.tag, "t");
	strcpy(ua.id, "0123456789abcdef");
	buf_init(&b, SIP_MAX_MSG);
	ck_assert_int_eq(sipbuild_invite(&ua, 2, &b), ALGOFF_OK);
	parse_ok(b.data, &m);
	ck_assert_str_eq(m.start, "INVITE sip:echo@[2001:db8::10] SIP/2.0");
	ck_assert(strstr(sipmsg_get(&m, "Via", 0), "TCP [2001:db8::2]:5060"));
	ck_assert(strstr(m.body, "c=IN IP6 2001:db8::2\r\n"));
	ck_assert(strstr(m.body, "m=audio 10000 RTP/AVP"));
	ck_assert_int_eq(m.clen, (long)m.blen);
	sipmsg_free(&m);
	buf_free(&b);
}
END_TEST

START_TEST(test_ratelimit)
{
	struct ratelimit rl;
	struct sockaddr_in a;
	int i, ok = 0;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(0xcb00710a);
	ratelimit_init(&rl, 10, 20);
	for (i = 0; i < 100; i++)
		ok += ratelimit_allow(&rl, (struct sockaddr *)&a, 1000.0);
	ck_assert_int_eq(ok, 20);	/* the burst */
	ck_assert(!ratelimit_allow(&rl, (struct sockaddr *)&a, 1050.0));
	ck_assert(ratelimit_allow(&rl, (struct sockaddr *)&a, 1100.0));
	a.sin_addr.s_addr = htonl(0xcb00710b);	/* another source */
	ck_assert(ratelimit_allow(&rl, (struct sockaddr *)&a, 1100.0));
}
END_TEST

START_TEST(test_jitter)
{
	struct jitter_est je;
	int i;

	jitter_init(&je);
	for (i = 0; i < 100; i++)
		jitter_update(&je, 40.0);
	ck_assert(fabs(je.j) < 1e-9);
	/* Transit alternating 40/50 ms: |D| = 10, J -> 10 (1 - (15/16)^n). */
	jitter_init(&je);
	for (i = 0; i < 400; i++)
		jitter_update(&je, i % 2 ? 50.0 : 40.0);
	ck_assert(fabs(je.j - 10.0) < 1e-6);
	jitter_init(&je);
	jitter_update(&je, 0);
	jitter_update(&je, 16);
	ck_assert(fabs(je.j - 1.0) < 1e-9);	/* one step: 16/16 */
}
END_TEST

START_TEST(test_emodel)
{
	const struct codec_info *g711 = voip_codec("G.711");
	const struct codec_info *g729 = voip_codec("G.729");

	ck_assert_ptr_nonnull(g711);
	ck_assert_ptr_nonnull(g729);
	ck_assert(fabs(emodel_r(0, 0, g711) - 93.2) < 1e-9);
	ck_assert(fabs(emodel_mos(93.2) - 4.4096) < 1e-3);
	ck_assert(fabs(emodel_mos(0) - 1.0) < 1e-9);
	ck_assert(fabs(emodel_mos(120) - 4.5) < 1e-9);
	ck_assert(fabs(emodel_mos(50) - 2.575) < 1e-9);
	ck_assert(fabs(emodel_idd(100)) < 1e-9);
	/* Idd(200): X = 1 -> 25 (2^(1/6) - 3 (1 + 3^-6)^(1/6) + 2) */
	ck_assert(fabs(emodel_idd(200) - 25.0 * (pow(2, 1.0 / 6) -
	    3 * pow(1 + pow(1.0 / 3, 6), 1.0 / 6) + 2)) < 1e-9);
	ck_assert(emodel_idd(400) > emodel_idd(200));
	/* G.711 with PLC, 1 % random loss: 95 x 1 / (1 + 25.1) = 3.64 */
	ck_assert(fabs(emodel_ie_eff(0, 25.1, 1.0) - 95.0 / 26.1) < 1e-9);
	ck_assert(fabs(emodel_r(0, 0, g729) - 82.2) < 1e-9);
	ck_assert(fabs(voip_mouth_to_ear(100, 5, g711) - 80.0) < 1e-9);
}
END_TEST

START_TEST(test_bandwidth)
{
	const struct codec_info *g711 = voip_codec("G.711");
	const struct codec_info *g729 = voip_codec("G.729");

	ck_assert(fabs(voip_call_kbps(g711) - 80.0) < 1e-9);
	ck_assert(fabs(voip_call_kbps(g729) - 24.0) < 1e-9);
	ck_assert(fabs(voip_bandwidth_kbps(g711, 10) - 960.0) < 1e-9);
	ck_assert(fabs(voip_bandwidth_kbps(g729, 10) - 288.0) < 1e-9);
	ck_assert(fabs(voip_bandwidth_kbps(g711, 1) - 96.0) < 1e-9);
}
END_TEST

/* report text of res (caller frees) */
static char *
report(const struct probe_result *res, int json)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	ck_assert_ptr_nonnull(f);
	if (json)
		probe_report_json(f, res);
	else
		probe_report_text(f, res);
	fclose(f);
	return s;
}

/* the JSON report read back gives the same verdict and the same text */
START_TEST(test_report_read)
{
	struct sipmsg a, b;
	struct probe_result res, back;
	char *json, *t1, *t2;

	memset(&res, 0, sizeof(res));
	parse_ok(inv_sent, &a);
	parse_ok(inv_alg, &b);
	snprintf(res.reflector, sizeof(res.reflector), "203.0.113.10:5060");
	res.n = 2;
	snprintf(res.msg[0].transport, 4, "UDP");
	snprintf(res.msg[0].method, 16, "INVITE");
	res.msg[0].sent = res.msg[0].answered = 1;
	res.msg[0].status = 200;
	snprintf(res.msg[0].local, NETADDR_STRLEN, "198.18.0.2:5060");
	snprintf(res.msg[0].seen, NETADDR_STRLEN, "203.0.113.1:5060");
	sipdiff_run(&a, &b, &res.msg[0].diff);
	snprintf(res.msg[1].transport, 4, "TCP");
	snprintf(res.msg[1].method, 16, "REGISTER");
	res.msg[1].sent = 1;
	snprintf(res.msg[1].error, 160, "no answer \"in time\"");
	probe_verdict(&res);
	ck_assert_int_eq(res.verdict, PROBE_PRESENT);
	json = report(&res, 1);
	ck_assert_int_eq(probe_report_read(json, &back), ALGOFF_OK);
	ck_assert_int_eq(back.verdict, PROBE_PRESENT);
	t1 = report(&res, 0);
	t2 = report(&back, 0);
	ck_assert_str_eq(t1, t2);
	ck_assert_int_eq(probe_report_read("{\"alg\":\"maybe\"}", &back),
	    ALGOFF_ERR_INPUT);
	ck_assert_int_eq(probe_report_read("ALG: present\n", &back),
	    ALGOFF_ERR_INPUT);
	free(json);
	free(t1);
	free(t2);
	sipmsg_free(&a);
	sipmsg_free(&b);
}
END_TEST

/* one answered, unchanged message from local, seen as seen */
static void
verdict_msg(struct probe_msg *m, const char *local, const char *seen)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->transport, sizeof(m->transport), "UDP");
	snprintf(m->method, sizeof(m->method), "REGISTER");
	m->sent = m->answered = 1;
	m->status = 200;
	m->attempts = 1;
	snprintf(m->local, sizeof(m->local), "%s", local);
	snprintf(m->seen, sizeof(m->seen), "%s", seen);
}

/* no NAT seen: untested, never absent; NAT seen: absent; a rewrite is
 * present with or without NAT; silence: unknown, "no answer" */
START_TEST(test_verdict_nat)
{
	struct probe_result res, back;
	char *json, *text;

	memset(&res, 0, sizeof(res));
	snprintf(res.reflector, sizeof(res.reflector), "127.0.0.1:5060");
	res.n = 2;
	verdict_msg(&res.msg[0], "127.0.0.1:5060", "127.0.0.1:5060");
	verdict_msg(&res.msg[1], "127.0.0.1:5060", "127.0.0.1:5060");
	probe_verdict(&res);
	ck_assert_int_eq(res.verdict, PROBE_UNTESTED);
	ck_assert_int_eq(res.nat_seen, 0);
	ck_assert_ptr_nonnull(strstr(res.reason, "no address translation seen"));
	json = report(&res, 1);
	ck_assert_ptr_nonnull(strstr(json, "\"alg\":\"untested\""));
	ck_assert_int_eq(probe_report_read(json, &back), ALGOFF_OK);
	ck_assert_int_eq(back.verdict, PROBE_UNTESTED);
	free(json);
	text = report(&res, 0);
	ck_assert_ptr_nonnull(strstr(text, "\nALG: untested\n"));
	free(text);

	snprintf(res.msg[1].seen, NETADDR_STRLEN, "203.0.113.1:40000");
	probe_verdict(&res);
	ck_assert_int_eq(res.verdict, PROBE_ABSENT);
	ck_assert_int_eq(res.nat_seen, 1);

	snprintf(res.msg[1].seen, NETADDR_STRLEN, "127.0.0.1:5060");
	res.msg[0].diff.n = 1;
	snprintf(res.msg[0].diff.item[0].field, 48, "Via");
	probe_verdict(&res);
	ck_assert_int_eq(res.verdict, PROBE_PRESENT);

	memset(&res.msg[0], 0, sizeof(res.msg[0]));
	memset(&res.msg[1], 0, sizeof(res.msg[1]));
	res.msg[0].sent = res.msg[1].sent = 1;
	res.msg[0].attempts = res.msg[1].attempts = 3;
	res.tries = 6;
	probe_verdict(&res);
	ck_assert_int_eq(res.verdict, PROBE_UNKNOWN);
	ck_assert_str_eq(res.reason,
	    "no answer from reflector 127.0.0.1:5060 after 6 tries");
	text = report(&res, 0);
	ck_assert_str_eq(text, "no answer from reflector 127.0.0.1:5060 after "
	    "6 tries\nALG: unknown\n");
	free(text);
}
END_TEST

/* An ALG that mangles the echoed SDP into lines without "x=": the diff
 * reports it, and nothing leaks (LeakSanitizer in the --enable-asan build). */
START_TEST(test_diff_sdp_rejected_no_leak)
{
	static const char mangled[] = INV_HDRS
	    "Content-Length: 31\r\n\r\n"
	    "v=0\r\nthis is no SDP line\r\nc=x\r\n";
	static const char bad_sent[] = INV_HDRS
	    "Content-Length: 12\r\n\r\n"
	    "v=0\r\nbogus\r\n";
	struct sipmsg a, b;
	struct sipdiff d;
	struct sdp sdp;
	int i;

	parse_ok(inv_sent, &a);
	parse_ok(mangled, &b);
	for (i = 0; i < 3; i++) {
		sipdiff_run(&a, &b, &d);
		ck_assert(sipdiff_has(&d, "body"));
		ck_assert_str_eq(d.item[d.n - 1].got, "(not SDP any more)");
	}
	sipdiff_run(&b, &a, &d);	/* the sent side is no SDP either */
	ck_assert(sipdiff_has(&d, "body"));
	sipmsg_free(&a);
	parse_ok(bad_sent, &a);
	sipdiff_run(&a, &b, &d);
	ck_assert_str_eq(d.item[d.n - 1].got, "(changed)");
	ck_assert_int_eq(sdp_parse("v=0\r\nx\r\n", 8, &sdp),
	    ALGOFF_ERR_INPUT);
	ck_assert_ptr_null(sdp.raw);
	sdp_free(&sdp);		/* harmless after a failure */
	sipmsg_free(&a);
	sipmsg_free(&b);
}
END_TEST

/* The probe's requests are padded so that their echo from any source
 * fits the reflector's 3x budget; short ones get an X-Algoff-Pad. */
START_TEST(test_requests_fit_echo_budget)
{
	static const char *const v4[] = { "1.2.3.4", "203.0.113.10" };
	static const char *const v6[] = { "::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe" };
	struct sip_ua ua;
	struct buf b;
	struct sipmsg m;
	int fam, inv, tcp;

	for (fam = 0; fam < 2; fam++)
		for (inv = 0; inv < 2; inv++)
			for (tcp = 0; tcp < 2; tcp++) {
				memset(&ua, 0, sizeof(ua));
				ua.family = fam ? AF_INET6 : AF_INET;
				strcpy(ua.local_ip, fam ? v6[0] : v4[0]);
				strcpy(ua.remote_ip, fam ? v6[1] : v4[1]);
				ua.local_port = ua.remote_port = 5060;
				ua.transport = tcp ? "TCP" : "UDP";
				strcpy(ua.tag, "t");
				strcpy(ua.id, "0123456789abcdef");
				buf_init(&b, SIP_MAX_MSG);
				ck_assert_int_eq(inv ? sipbuild_invite(&ua, 1, &b) :
				    sipbuild_register(&ua, 1, &b), ALGOFF_OK);
				parse_ok(b.data, &m);
				ck_assert_uint_le(sipbuild_echo_bound(&m),
				    SIP_ECHO_AMP * b.len);
				ck_assert_int_eq(m.clen, (long)m.blen);
				sipmsg_free(&m);
				buf_free(&b);
			}
}
END_TEST

static Suite *
probe_suite(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, test_parse_request);
	tcase_add_test(tc, test_parse_compact_folded);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_frame);
	tcase_add_test(tc, test_diff_alg);
	tcase_add_test(tc, test_diff_same_removed_format);
	tcase_add_test(tc, test_b64);
	tcase_add_test(tc, test_netaddr);
	tcase_add_test(tc, test_echo_response);
	tcase_add_test(tc, test_build_requests);
	tcase_add_test(tc, test_ratelimit);
	tcase_add_test(tc, test_jitter);
	tcase_add_test(tc, test_emodel);
	tcase_add_test(tc, test_bandwidth);
	tcase_add_test(tc, test_report_read);
	tcase_add_test(tc, test_verdict_nat);
	tcase_add_test(tc, test_diff_sdp_rejected_no_leak);
	tcase_add_test(tc, test_requests_fit_echo_budget);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(probe_suite());
	int failed;

	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
