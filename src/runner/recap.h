/* SPDX-License-Identifier: MIT */
/*
 * recap.h - the end of a batch run, grouped like Ansible's PLAY RECAP:
 * how many devices per outcome, and the failures per reason ("47
 * connection refused, 3 authentication failed").
 */
#ifndef ALGOFF_RECAP_H
#define ALGOFF_RECAP_H

#include <stdio.h>

#include "runner/batch.h"

/*
 * batch_failure_key - the group a failed result is counted in: the error
 * name, made precise for connection failures (refused, timed out, ...).
 * NULL for a result that did not fail.
 */
const char *batch_failure_key(const struct batch_result *r);

/* batch_recap - write the recap of the selected results (sel NULL: all). */
void batch_recap(FILE *f, const struct answer *b,
    const struct batch_result *res, const size_t *sel, size_t n);

#endif
