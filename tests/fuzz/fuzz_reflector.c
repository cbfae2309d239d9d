/* SPDX-License-Identifier: MIT */
/*
 * fuzz_reflector.c - the reflector's request handling (src/probe/
 * reflector.c): the first byte picks UDP (the rest is one datagram, answered
 * by refl_sip) or TCP (the rest is a byte stream in a client's input
 * buffer, framed and answered by refl_client_frames). The file is included
 * to reach its static functions; no socket is opened.
 */
#include "../../src/probe/reflector.c"

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reflector_opts o;
	static struct reflector r;
	static struct rclient c;
	struct sockaddr_in *sin = (struct sockaddr_in *)&c.ss;
	struct buf out;
	size_t before;
	int i;

	if (size < 1)
		return 0;
	reflector_defaults(&o);
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.udp = r.tcp = r.echo = -1;
	ratelimit_init(&r.rl_sip, 1e9, 1e9);
	memset(&c, 0, sizeof(c));
	c.fd = -1;
	sin->sin_family = AF_INET;
	sin->sin_port = htons(5060);
	sin->sin_addr.s_addr = htonl(0xc6120002);	/* 198.18.0.2 */
	if (data[0] & 1) {
		buf_init(&c.in, SIP_MAX_MSG + 4096);
		buf_init(&c.out, REFL_OUT_MAX);
		if (buf_append(&c.in, data + 1, size - 1) == ALGOFF_OK)
			for (i = 0; i < 8 && c.in.len > 0; i++) {
				before = c.in.len;
				buf_reset(&c.out);
				if (refl_client_frames(&r, &c) < 0 ||
				    c.in.len == before)
					break;
			}
		buf_free(&c.in);
		buf_free(&c.out);
	} else {
		buf_init(&out, REFL_OUT_MAX);
		(void)refl_sip(&r, (const char *)data + 1, size - 1,
		    (struct sockaddr *)&c.ss, "UDP", &out);
		buf_free(&out);
	}
	return 0;
}
