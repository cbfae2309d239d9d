/* SPDX-License-Identifier: MIT */
/*
 * plan.h - the exact lines algoff sends, step by step. Dry-run prints a
 * plan; the runner executes the same object, step by step, rendering each
 * step just before it runs so that values read from the device (captures)
 * are filled in.
 */
#ifndef ALGOFF_PLAN_H
#define ALGOFF_PLAN_H

#include <stdio.h>

#include "core/tmpl.h"
#include "core/vendor.h"

struct plan_step {
	enum step_kind kind;
	const struct vstep *vs;   /* NULL: the vendor has no such step */
	struct tmpl_line *cmds;
	size_t n;
};

struct plan {
	const struct vendor *v;
	const char *variant;
	int variant_forced;       /* given by the user: no version command */
	unsigned run;             /* 1 << step_kind of the steps to run; 0: all */
	int rollback_only;        /* apply --rollback: rollback, then verify */
	struct plan_step steps[STEP_COUNT];
};

/*
 * plan_build_step - render one step (with config-mode entry and exit when
 * the step asks for it). dry: see tmpl_render().
 */
enum algoff_err plan_build_step(const struct vendor *v, const char *variant,
    enum step_kind k, const struct varset *vars, int dry,
    struct plan_step *out, struct errbuf *eb);
/*
 * plan_build - every step; variant NULL: the vendor's default variant
 * (picked at run time from the version reply), else forced. The caller may
 * then set run and rollback_only to what the runner will do.
 */
enum algoff_err plan_build(const struct vendor *v, const char *variant,
    const struct varset *vars, int dry, struct plan *out, struct errbuf *eb);
void plan_step_free(struct plan_step *s);
/*
 * plan_request - an https request as one line, "METHOD PATH [BODY]", with
 * path and body rendered (the line people see and the runner records).
 */
enum algoff_err plan_request(const struct vendor *v,
    const struct vrequest *rq, const struct varset *vars, int dry,
    struct tmpl_line *out, struct errbuf *eb);
/*
 * plan_order - the i-th step kind in the order the runner runs them: the
 * enum order, except that https vendors commit (save) before the verify
 * step reads the running configuration back.
 */
enum step_kind plan_order(const struct vendor *v, int i);
/* plan_runs - does the runner send step k of p (in p->run, and there)? */
int plan_runs(const struct plan *p, enum step_kind k);
void plan_free(struct plan *p);

/*
 * plan_login - the lines sent right after the login, before the precheck,
 * in order: the enable command, the paging / width lines, the version
 * command (https vendors: the login requests, text is the path); note says when or why (NULL: always). Returns the count.
 */
struct plan_login_line {
	const char *method;       /* https vendors: the HTTP method, else NULL */
	const char *text;
	const char *note;
};
#define PLAN_LOGIN_MAX 16
size_t plan_login(const struct vendor *v, struct plan_login_line *out,
    size_t max);
/*
 * plan_cond_text - a tmpl_line's cond ("name" or "!name") as a sentence for
 * people, from the variable's description. Caller frees.
 */
char *plan_cond_text(const struct vendor *v, const char *cond);
/* plan_print - the numbered dry-run listing (host may be NULL). */
void plan_print(FILE *f, const struct plan *p, const char *host);
/*
 * plan_print_json - the same as an "algoff.plan/1" JSON document: every
 * line with its condition, the decision patterns and the sources.
 * manual_print_json - the guided steps of a manual vendor, likewise.
 */
void plan_print_json(FILE *f, const struct plan *p, const char *host);
/* plan_json - the document plan_print_json prints (caller decrefs). */
struct json_t;
struct json_t *plan_json(const struct plan *p, const char *host);
void manual_print_json(FILE *f, const struct vendor *v, const char *host);
/* plan_step_titles - "Check whether the SIP ALG is on", ... by step. */
extern const char *const plan_step_titles[STEP_COUNT];
/* manual_print - the numbered UI steps of a manual vendor. */
void manual_print(FILE *f, const struct vendor *v);

#endif
