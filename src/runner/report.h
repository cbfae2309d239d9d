/* SPDX-License-Identifier: MIT */
/*
 * report.h - batch reports: a JSON document (the answer file, a summary and
 * one object per device) and JUnit XML (one testcase per device), and the
 * reader behind --only-failed, which takes the failed devices of a JSON
 * report. Text that comes from devices was redacted by the runner.
 */
#ifndef ALGOFF_REPORT_H
#define ALGOFF_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "runner/batch.h"

struct report_meta {
	const char *started;      /* ISO 8601 UTC */
	double seconds;           /* wall time of the run */
	int interrupted;
	int jobs;
	const char *only_failed;  /* report the selection came from, or NULL */
};

/*
 * report_json / report_junit - write the selected devices (sel NULL: all)
 * to f. report_write - the same into path, atomically (path.tmp, rename).
 */
void report_json(FILE *f, const struct answer *b,
    const struct batch_result *res, const size_t *sel, size_t n_sel,
    const struct report_meta *m);
void report_junit(FILE *f, const struct answer *b,
    const struct batch_result *res, const size_t *sel, size_t n_sel,
    const struct report_meta *m);
enum algoff_err report_write(const char *path,
    void (*fn)(FILE *, const struct answer *, const struct batch_result *,
    const size_t *, size_t, const struct report_meta *),
    const struct answer *b, const struct batch_result *res,
    const size_t *sel, size_t n_sel, const struct report_meta *m,
    struct errbuf *eb);

/*
 * report_read_failed - the names of the devices whose "ok" is false in a
 * JSON report written by report_json(), and the answer file it names
 * (*file, may be NULL). Caller frees names[i], names, *file.
 */
enum algoff_err report_read_failed(const char *path, char ***names,
    size_t *n, char **file, struct errbuf *eb);

#endif
