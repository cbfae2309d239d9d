/* SPDX-License-Identifier: MIT */
/*
 * fuzz_knownhosts.c - known_hosts files (src/transport/knownhosts.c): the
 * input is the file, checked (through libssh2_knownhost_*, as at connect
 * time) for a plain and a "[host]:port" entry, before the handshake (no
 * key) and with an ed25519 key; each line's key field is also decoded
 * with kh_unbase64 and kh_blob_type.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libssh2.h>

#include "fuzz.h"
#include "transport/knownhosts.h"

/* An ed25519 public key blob: string "ssh-ed25519", string 32 bytes. */
static const unsigned char blob[] = {
	0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd', '2', '5', '5', '1', '9',
	0, 0, 0, 32,
	0x1c, 0x6b, 0x0d, 0x47, 0x12, 0x9e, 0x3a, 0x55, 0x80, 0x01, 0xfe,
	0x33, 0x7a, 0x42, 0x90, 0x6c, 0x21, 0xd4, 0x08, 0xbb, 0x19, 0x5e,
	0x77, 0x64, 0xa0, 0x2f, 0x6e, 0xc3, 0x38, 0x91, 0x4d, 0x05,
};

static LIBSSH2_SESSION *sess;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	if (libssh2_init(0) != 0 || (sess = libssh2_session_init()) == NULL)
		abort();
	return 0;
}

static void
keys(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *line, *save = NULL, *f, *fs;
	unsigned char *raw = malloc(size + 4);
	char type[KH_TYPE_SIZE];
	long n;
	int i;

	for (line = strtok_r(s, "\n", &save); line != NULL && raw != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		fs = NULL;
		f = strtok_r(line, " \t", &fs);
		for (i = 0; f != NULL && i < 2; i++)
			f = strtok_r(NULL, " \t", &fs);
		if (f == NULL)
			continue;
		n = kh_unbase64(f, raw, size + 4);
		if (n >= 0)
			(void)kh_blob_type(raw, (size_t)n, type);
	}
	free(raw);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	struct kh_result res;
	struct errbuf eb;

	if (size > 128 * 1024)
		return 0;
	path = fuzz_file(data, size);
	(void)kh_check(sess, path, "rtr.example", NULL, 0, &res, &eb);
	(void)kh_check(sess, path, "rtr.example", blob, sizeof(blob), &res,
	    &eb);
	(void)kh_check(sess, path, "[198.18.0.1]:2222", blob, sizeof(blob),
	    &res, &eb);
	keys(data, size);
	return 0;
}
