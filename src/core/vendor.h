/* SPDX-License-Identifier: MIT */
/*
 * vendor.h - the in-memory model of a vendor profile (vendors/ID.xml) and its
 * loader. Loading validates the file against schema/vendor.xsd, compiles
 * every regular expression (POSIX ERE, REG_NEWLINE: ^ and $ match at line
 * boundaries), checks that every step cites a declared source and reads the
 * step templates. No network, no terminal.
 */
#ifndef ALGOFF_VENDOR_H
#define ALGOFF_VENDOR_H

#include <regex.h>
#include <stddef.h>

#include "core/err.h"

enum vendor_method { VENDOR_SSH, VENDOR_MANUAL, VENDOR_HTTPS };

/* The evidence level of a profile (schema/vendor.xsd). */
enum vendor_evidence { EVIDENCE_UNSTATED, EVIDENCE_DOCUMENTED,
    EVIDENCE_COMMUNITY };

enum step_kind {
	STEP_PRECHECK,
	STEP_BACKUP,
	STEP_DISABLE,
	STEP_VERIFY,
	STEP_SAVE,
	STEP_ROLLBACK,
	STEP_COUNT
};

struct vregex {
	char *src;
	regex_t re;
	int compiled;
	int line;         /* line in the vendor file */
	char *desc;       /* what a match means, for people */
};

struct vsource {
	char *id;
	char *url;
	char *title;
	char *label;      /* P (primary) or S (secondary) */
};

struct vvar {
	char *name;
	char *pattern;    /* anchored at both ends when matched */
	regex_t re;
	int compiled;
	char *def;        /* default value or NULL */
	char *desc;
	int from_device;  /* filled by a capture, not by the user */
};

struct vcapture {
	char *var;
	struct vregex rx;
	int group;
};

/*
 * HTTPS vendors (method="https", see transport/https.h): a <state> reads
 * one JSON value (RFC 6901 pointer) of a response and compares it with
 * the on/off literals; anything else is undecided.
 */
struct vstate {
	char *json;       /* JSON pointer */
	char *on, *off;   /* literals: true, false, a string or a number */
	int absent;       /* a missing value means: 1 on, 0 off, -1 undecided */
};

struct vrequest {
	char *method;     /* GET, POST, PUT, DELETE */
	char *path;       /* template text (one line) */
	char *body_path;  /* body template as written, or NULL */
	char *body;       /* body template contents, or NULL */
	int expect_status; /* 0: any 2xx */
	int auth_basic;   /* sends Authorization: Basic user:password */
	char *sources;
	struct vstate *state; /* NULL: this request does not decide */
};

struct vhttps {
	int port;                 /* default port */
	char *content_type;       /* of request bodies */
	char *ok_json, *ok_value; /* a JSON answer with ok_json must hold it */
	char *msg_json;           /* the device's message in a refusal */
	struct vrequest *login;   size_t n_login;
	struct vrequest *logout;  size_t n_logout;
};

struct vstep {
	enum step_kind kind;
	char *variant;    /* NULL: every variant */
	char *tmpl_path;  /* as written in the file, relative to templates/ */
	char *text;       /* template contents */
	char *desc;
	char *sources;    /* space separated source ids */
	int config;       /* wrap in the CLI's config-mode entry/exit */
	struct vregex *on;      size_t n_on;      /* ALG on if any matches */
	struct vregex *off;     size_t n_off;     /* ALG off needs all */
	struct vregex *success; size_t n_success; /* output must match all */
	struct vcapture *cap;   size_t n_cap;
	struct vrequest *req;   size_t n_req;   /* https vendors */
};

struct vconfirm {
	struct vregex rx;
	char *answer;     /* sent followed by the newline */
};

enum prompt_mode { PROMPT_UNPRIV, PROMPT_PRIV, PROMPT_CONFIG };

struct vprompt {
	enum prompt_mode mode;
	struct vregex rx;
};

struct vcli {
	struct vprompt *prompts;  size_t n_prompts;
	char **paging_disable;    size_t n_paging;
	struct vregex pager;      int has_pager;
	char *pager_answer;
	char *enable_cmd;         /* NULL: no enable step */
	struct vregex enable_prompt;
	char *config_enter;       /* NULL: no config mode */
	char *config_exit;
	char *commit_model;       /* immediate | candidate | save-required */
	struct vregex *errors;    size_t n_errors;
	struct vconfirm *confirms; size_t n_confirms;
	char *newline;            /* "\n" (default) or "\r\n" */
	int timeout_ms;           /* per command */
};

struct vmanual {
	int n;
	char *path;       /* menu path */
	char *text;
	char *sources;
};

struct vvariant {
	char *name;
	struct vregex rx;
	int is_default;
	char *desc;
};

struct vendor {
	char *file;       /* path it was loaded from */
	char *id;
	char *name;
	char *family;
	enum vendor_method method;
	enum vendor_evidence evidence;
	char *versions;
	char *notes;
	struct vsource *sources;  size_t n_sources;
	struct vcli cli;
	struct vhttps https;      /* method https only */
	struct vvar *vars;        size_t n_vars;
	struct vstep *steps;      size_t n_steps;
	struct vmanual *manual;   size_t n_manual;
	char *version_cmd;        /* show command that tells the version */
	struct vvariant *variants; size_t n_variants;
};

struct vendor_set {
	struct vendor **v;
	size_t n;
};

const char *step_name(enum step_kind k);
/* vendor_method_name - "ssh", "https" or "manual". */
const char *vendor_method_name(enum vendor_method m);
/* vendor_evidence_name - "documented", "community" or NULL (unstated). */
const char *vendor_evidence_name(enum vendor_evidence e);
int step_from_name(const char *s, enum step_kind *out);

/* vendor_datadir - the data folder: see core/datadir.h. */
const char *vendor_datadir(void);

/*
 * vendor_load_file - load and validate one vendor file. templates_dir is the
 * folder holding ID/STEP.tmpl (NULL: DATADIR/templates). On failure eb names
 * file:line and what is wrong.
 */
enum algoff_err vendor_load_file(const char *path, const char *templates_dir,
    struct vendor **out, struct errbuf *eb);
/* vendor_load_all - every DATADIR/vendors/ *.xml, sorted by id. */
enum algoff_err vendor_load_all(struct vendor_set *set, struct errbuf *eb);
/* vendor_load_id - only DATADIR/vendors/ID.xml; unknown id -> USAGE. */
enum algoff_err vendor_load_id(const char *id, struct vendor **out,
    struct errbuf *eb);
void vendor_free(struct vendor *v);
void vendor_set_free(struct vendor_set *set);
const struct vendor *vendor_set_find(const struct vendor_set *set,
    const char *id);
/* vendor_ids - comma separated list of shipped ids (for hints); caller frees. */
char *vendor_ids(void);

const struct vvar *vendor_var(const struct vendor *v, const char *name);
/* vendor_step - the step of kind k for variant (NULL: default variant). */
const struct vstep *vendor_step(const struct vendor *v, enum step_kind k,
    const char *variant);
const struct vsource *vendor_source(const struct vendor *v, const char *id);
/* vendor_default_variant - name of the default variant or NULL. */
const char *vendor_default_variant(const struct vendor *v);

/*
 * vregex_match - does rx match anywhere in text? With groups, fills
 * the first ngroups captures (strndup'd into caps[], caller frees).
 */
int vregex_match(const struct vregex *rx, const char *text);
char *vregex_capture(const struct vregex *rx, const char *text, int group);

/*
 * Bounds on the regular expressions of vendor files (glibc's regcomp
 * expands counted and nested repetitions, and regexec cannot be
 * interrupted): a pattern longer than VREGEX_MAX_LEN bytes, with
 * repetitions nested more than VREGEX_MAX_NEST deep, a count {m,n} over
 * VREGEX_MAX_COUNT, or more than VREGEX_MAX_SIZE elements once its
 * repetitions are expanded is refused at file:line; and regexec only ever
 * sees the first VREGEX_TEXT_MAX bytes of a text.
 */
#define VREGEX_MAX_LEN 2048
#define VREGEX_MAX_NEST 2
#define VREGEX_MAX_COUNT 255
#define VREGEX_MAX_SIZE 4096
#define VREGEX_TEXT_MAX (1u << 20)

/* vregex_bounds - NULL when src is within the bounds, else which bound it
 * breaks (static text). */
const char *vregex_bounds(const char *src);
/* vregex_exec - regexec on at most the first VREGEX_TEXT_MAX bytes of s
 * (offsets in m are from s; REG_NOTBOL and friends in eflags). */
int vregex_exec(const regex_t *re, const char *s, size_t nmatch,
    regmatch_t *m, int eflags);

/*
 * alg_state - decide from a check step's output whether the ALG is on:
 * returns 1 (on) when any "on" pattern matches or, when some "off" pattern
 * matches, any other "off" pattern does not; 0 (off) when every "off"
 * pattern matches (or, in a step without "off" patterns, no "on" pattern
 * does); -1 (undecided: the output is not recognised) when the step has
 * both "on" and "off" patterns and none of them matches, or has no
 * patterns. (A step with one kind only reads the absence of its patterns
 * as the other state, e.g. Cisco IOS: no "no ip nat service sip" line
 * means on.) The
 * runner stops at an undecided precheck with nothing sent. *why (static
 * or pattern text, not owned) names the deciding pattern.
 */
int alg_state(const struct vstep *s, const char *output, const char **why);
/*
 * https_state - the same for an HTTPS step: the first request with a
 * <state> decides from body (its JSON answer): 1 on, 0 off, -1 when the
 * answer is no JSON, or the value is neither literal (nor absent with an
 * absent meaning). *why as above.
 */
int https_state(const struct vstep *s, const char *body, const char **why);
/*
 * vjson_value - the scalar at JSON pointer ptr in body as text (true,
 * false, a string, an integer): 1 found, 0 absent, -1 no JSON or not a
 * scalar.
 */
int vjson_value(const char *body, const char *ptr, char *dst, size_t len);

#endif
