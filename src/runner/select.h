/* SPDX-License-Identifier: MIT */
/*
 * select.h - which devices of a batch run, and at what pace: --limit
 * patterns (name, tag:, vendor: globs), --shard K/N (a stable hash of the
 * device name), --max-fail N|P% and --serial STAGES (per-stage sizes, as
 * Ansible's "serial"). Pure functions over an answer file; no output.
 */
#ifndef ALGOFF_SELECT_H
#define ALGOFF_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "core/answer.h"
#include "core/err.h"

#define SELECT_MAX_SHARDS 100000
#define SELECT_MAX_STAGES 64

/* select_hash - FNV-1a 64 of the bytes of s (offset basis
 * 14695981039346656037, prime 1099511628211). */
uint64_t select_hash(const char *s);

/* select_shard_of - the shard (1 to n) a device name belongs to:
 * select_hash(name) % n + 1. */
unsigned select_shard_of(const char *name, unsigned n);

/* select_parse_shard - "K/N" with 1 <= K <= N <= SELECT_MAX_SHARDS. */
int select_parse_shard(const char *spec, unsigned *k, unsigned *n,
    struct errbuf *eb);

/* select_check_limit - every comma-separated pattern is non-empty. */
int select_check_limit(const char *spec, struct errbuf *eb);

/*
 * select_limit_match - does d match any pattern of spec: GLOB on the name,
 * tag:GLOB on any of its tags, vendor:GLOB on its vendor id (fnmatch).
 */
int select_limit_match(const struct answer_device *d, const char *spec);

/*
 * select_filter - keep the indexes of sel (n of them; NULL: every device
 * of b) that match limit (NULL: all) and are in shard k of n_shards
 * (n_shards 0: all). Returns a new array (free()) and its length in *out_n.
 */
size_t *select_filter(const struct answer *b, const size_t *sel, size_t n,
    const char *limit, unsigned k, unsigned n_shards, size_t *out_n);

/*
 * select_parse_max_fail - "N" (1 or more) or "P%" (0 < P <= 100, of total
 * devices, rounded up): the failure count that stops the run.
 */
int select_parse_max_fail(const char *spec, size_t total, size_t *out,
    struct errbuf *eb);

/*
 * select_parse_serial - "1,10%,100%": per-stage sizes (a count or a
 * percentage of total, rounded down, at least 1); the last size repeats
 * until every device has a stage. *ends (free()) gets the cumulative end
 * of each stage, the last one total.
 */
int select_parse_serial(const char *spec, size_t total, size_t **ends,
    size_t *n_stages, struct errbuf *eb);

#endif
