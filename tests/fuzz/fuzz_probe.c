/* SPDX-License-Identifier: MIT */
/*
 * fuzz_probe.c - the probe's handling of what comes back from a reflector
 * (src/probe/probe.c): the input arrives on a socket pair as the answers
 * to the probe's INVITE (first byte even: TCP, a byte stream; odd: UDP,
 * datagrams split at NUL bytes) and goes through probe_await (framing,
 * parsing, matching, base64 echo decoding, the diff), then the verdict and
 * both reports; the JSON report must be valid JSON. The file is included
 * to reach its static functions.
 *
 * With ALGOFF_FUZZ_SEEDS=DIR the target writes seed inputs (the echo a
 * real reflector sends, plus one with a rewritten SDP) into DIR and exits.
 */
#include "../../src/probe/probe.c"

#include <stdlib.h>
#include <sys/types.h>

#include "fuzz.h"

static struct sip_ua ua = {
	.family = AF_INET, .local_ip = "198.18.0.2", .local_port = 5062,
	.remote_ip = "203.0.113.9", .remote_port = 5060, .transport = "TCP",
	.rtp_port = 4000, .tag = "5f3a9c1e2b7", .id = "0a1b2c3d4e5f60718",
};

static void
write_seed(const char *dir, const char *name, int udp, const struct buf *b)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		abort();
	fputc(udp ? 1 : 0, f);
	fwrite(b->data, 1, b->len, f);
	fclose(f);
}

/* seeds - the echo of the INVITE as sent, and with c= rewritten. */
static void
seeds(const char *dir)
{
	struct buf req, resp;
	struct sipmsg m;
	char *c;
	int i;

	for (i = 0; i < 2; i++) {
		buf_init(&req, SIP_MAX_MSG);
		buf_init(&resp, 4 * SIP_MAX_MSG);
		if (sipbuild_invite(&ua, 2, &req) != ALGOFF_OK)
			abort();
		if (i == 1 && (c = strstr(req.data, "c=IN IP4 ")) != NULL)
			memcpy(c + 9, "203.0.113", 9);	/* same length */
		if (sipmsg_parse(req.data, req.len, &m, NULL) != ALGOFF_OK ||
		    sipbuild_echo(&m, "203.0.113.7:40000", "TCP", &resp) !=
		    ALGOFF_OK)
			abort();
		write_seed(dir, i ? "echo-rewritten" : "echo-tcp", 0, &resp);
		write_seed(dir, i ? "echo-rewritten-udp" : "echo-udp", 1, &resp);
		sipmsg_free(&m);
		buf_free(&req);
		buf_free(&resp);
	}
	exit(0);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *d = getenv("ALGOFF_FUZZ_SEEDS");

	(void)argc;
	(void)argv;
	fuzz_init();
	if (d != NULL)
		seeds(d);
	return 0;
}

/* feed - the input into one end of a socket pair, then close it. */
static int
feed(const uint8_t *data, size_t size, int udp)
{
	int sv[2];
	const uint8_t *p = data, *z;
	size_t n;

	if (socketpair(AF_UNIX, udp ? SOCK_DGRAM : SOCK_STREAM, 0, sv) != 0)
		abort();
	if (!udp) {
		if (size > 0 && write(sv[0], data, size) != (ssize_t)size)
			abort();   /* fits: the input is at most -max_len */
	} else {
		while (size > 0) {
			z = memchr(p, '\0', size);
			n = z != NULL ? (size_t)(z - p) : size;
			/* a unix datagram queue holds few: never block */
			(void)send(sv[0], p, n, MSG_DONTWAIT);
			size -= n + (z != NULL);
			p += n + (z != NULL);
		}
	}
	close(sv[0]);
	return sv[1];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_result res;
	struct pconn pc;
	struct sipmsg sent;
	struct buf out;
	char *js = NULL;
	size_t jl = 0;
	FILE *f;
	int udp;

	if (size < 1 || size > 100000)   /* fits a socket pair's buffer */
		return 0;
	udp = data[0] & 1;
	memset(&res, 0, sizeof(res));
	memset(&pc, 0, sizeof(pc));
	buf_init(&out, SIP_MAX_MSG);
	buf_init(&pc.in, SIP_MAX_MSG + 4096);
	pc.tcp = !udp;
	pc.fd = feed(data + 1, size - 1, udp);
	if (sipbuild_invite(&ua, 2, &out) != ALGOFF_OK ||
	    sipmsg_parse(out.data, out.len, &sent, NULL) != ALGOFF_OK)
		abort();
	res.n = 1;
	snprintf(res.reflector, sizeof(res.reflector), "203.0.113.9:5060");
	snprintf(res.msg[0].method, sizeof(res.msg[0].method), "INVITE");
	snprintf(res.msg[0].transport, sizeof(res.msg[0].transport), "%s",
	    udp ? "UDP" : "TCP");
	res.msg[0].sent = 1;
	res.msg[0].attempts = 1;
	(void)probe_await(&pc, &sent, mono_ms() + (udp ? 5 : 1000),
	    &res.msg[0]);
	probe_verdict(&res);
	f = open_memstream(&js, &jl);
	if (f == NULL)
		abort();
	probe_report_json(f, &res);
	fclose(f);
	if (!fuzz_json_valid(js, jl))
		abort();	/* --json must always be valid JSON */
	free(js);
	f = fopen("/dev/null", "w");
	if (f != NULL) {
		probe_report_text(f, &res);
		fclose(f);
	}
	close(pc.fd);
	sipmsg_free(&sent);
	buf_free(&pc.in);
	buf_free(&out);
	return 0;
}
