/* SPDX-License-Identifier: MIT */
/*
 * fuzz_report.c - the JSON reader behind "algoff batch --only-failed"
 * (src/runner/report.c, report_read_failed): the input is the report.
 * (The wizard keeps the probe's JSON as text and does not parse it.)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "runner/report.h"

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
	char **names = NULL, *file = NULL;
	size_t n = 0, i;
	struct errbuf eb;

	if (report_read_failed(fuzz_file(data, size), &names, &n, &file,
	    &eb) == ALGOFF_OK) {
		for (i = 0; i < n; i++) {
			if (names[i] == NULL)
				__builtin_trap();
			free(names[i]);
		}
		free(names);
		free(file);
	}
	return 0;
}
