/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tr_algs.c - the server's algorithm lists (src/transport/tr_algs.c):
 * the input is what a server sent first (identification line, then the
 * binary SSH_MSG_KEXINIT packet); its lists are compared with algoff's
 * offer (modern and legacy) and the failure explained.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "transport/tr_algs.h"

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
	struct tr_lists srv, ours;
	struct buf out;
	int legacy, m;

	memset(&srv, 0, sizeof(srv));
	if (tr_kexinit_parse(data, size, &srv) != ALGOFF_OK) {
		tr_lists_free(&srv);
		return 0;
	}
	for (legacy = 0; legacy < 2; legacy++) {
		memset(&ours, 0, sizeof(ours));
		tr_offer_build(legacy, 0x3f, NULL, NULL, &ours);
		buf_init(&out, 1 << 20);
		(void)tr_negotiation_explain(&ours, &srv, legacy, &out);
		buf_free(&out);
		for (m = 0; m < TR_NMETHODS; m++)
			if (srv.list[m] != NULL && ours.list[m] != NULL)
				(void)tr_names_common(srv.list[m],
				    ours.list[m]);
		tr_lists_free(&ours);
	}
	tr_lists_free(&srv);
	return 0;
}
