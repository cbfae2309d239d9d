/* SPDX-License-Identifier: MIT */
/*
 * fuzz_answer.c - the batch answer-file loader (src/core/answer.c): the
 * input is the file; on success every device is looked up, described and
 * its target built, as batch does.
 */
#include "config.h"

#include <string.h>

#include "core/answer.h"
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
	struct answer *b = NULL;
	struct answer_errors errs;
	struct target t;
	char steps[128];
	size_t i;

	if (size > 256 * 1024)
		return 0;
	memset(&errs, 0, sizeof(errs));
	if (answer_load(fuzz_file(data, size), 1, "none", &b, &errs) == ALGOFF_OK) {
		for (i = 0; i < b->n; i++) {
			if (answer_find(b, b->dev[i].name) < 0)
				__builtin_trap();
			(void)answer_steps_str(b->dev[i].steps, steps,
			    sizeof(steps));
			t = answer_device_target(&b->dev[i]);
			(void)t;
		}
	}
	answer_errors_free(&errs);
	answer_free(b);
	return 0;
}
