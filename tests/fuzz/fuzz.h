/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - shared helpers of the libFuzzer targets in tests/fuzz/ (built
 * with ./configure --enable-fuzzing; run by tests/fuzz/run.sh).
 */
#ifndef ALGOFF_FUZZ_H
#define ALGOFF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* fuzz_init - point ALGOFF_DATADIR at the source tree (vendors, templates,
 * schema) unless it is set, and silence libxml2's error printing. */
void fuzz_init(void);

/* fuzz_file - the bytes as a readable file: a path that stays valid until
 * the next call (one memfd, rewritten). */
const char *fuzz_file(const uint8_t *data, size_t size);

/* fuzz_named_file - the bytes in a private temporary directory under the
 * file name name (rewritten on each call; the previous one is removed). */
const char *fuzz_named_file(const char *name, const uint8_t *data,
    size_t size);

/* fuzz_str - a NUL-terminated copy (caller frees). */
char *fuzz_str(const uint8_t *data, size_t size);

/* fuzz_json_valid - 1 when s[0..n) is one JSON text (RFC 8259) in valid
 * UTF-8, optionally followed by whitespace. */
int fuzz_json_valid(const char *s, size_t n);

#endif
