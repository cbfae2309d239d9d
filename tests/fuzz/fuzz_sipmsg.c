/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sipmsg.c - the SIP message parser, the SDP splitter, TCP framing and
 * the field-by-field diff (src/probe/sipmsg.c, sipdiff.c). The input is
 * one message, or two ("sent" and "got") split at the first NUL byte.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "probe/sipdiff.h"
#include "probe/sipmsg.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

static int
one(const char *d, size_t n, struct sipmsg *m)
{
	struct errbuf eb;
	struct sdp s;
	size_t i, skip, len;
	int ok;

	memset(m, 0, sizeof(*m));
	ok = sipmsg_parse(d, n, m, &eb) == ALGOFF_OK;
	if (ok) {
		for (i = 0; i < m->nhdr; i++)
			(void)sipmsg_get(m, m->hdr[i].name, 1);
		(void)sipmsg_get(m, "v", 0);
		memset(&s, 0, sizeof(s));
		(void)sdp_parse(m->body, m->blen, &s);
		sdp_free(&s);
	}
	(void)sip_frame(d, n, SIP_MAX_MSG, &skip, &len);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	const char *z = memchr(d, '\0', size);
	struct sipmsg a, b;
	struct sipdiff diff;
	size_t na = z != NULL ? (size_t)(z - d) : size;

	int ok = one(d, na, &a);

	if (z != NULL) {
		if (one(z + 1, size - na - 1, &b) && ok) {
			memset(&diff, 0, sizeof(diff));
			sipdiff_run(&a, &b, &diff);
			(void)sipdiff_has(&diff, "SDP");
		}
		sipmsg_free(&b);
	}
	sipmsg_free(&a);
	return 0;
}
