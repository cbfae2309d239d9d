/* SPDX-License-Identifier: MIT */
/*
 * runner.h - run a vendor plan against one device: connect (transport),
 * drive the CLI (session), precheck -> skip if already off -> backup ->
 * disable -> verify -> save, roll back on a failed verify, and report
 * exactly which commands were sent and confirmed. Front ends (apply, batch,
 * wizard) call only this; decisions a person makes arrive as callbacks.
 */
#ifndef ALGOFF_RUNNER_H
#define ALGOFF_RUNNER_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "core/plan.h"
#include "core/secret.h"
#include "core/target.h"
#include "core/tmpl.h"
#include "core/vendor.h"

/* Which steps to run (batch "steps", wizard "verify only"). */
#define RUN_PRECHECK  (1u << STEP_PRECHECK)
#define RUN_BACKUP    (1u << STEP_BACKUP)
#define RUN_DISABLE   (1u << STEP_DISABLE)
#define RUN_VERIFY    (1u << STEP_VERIFY)
#define RUN_SAVE      (1u << STEP_SAVE)
#define RUN_ROLLBACK  (1u << STEP_ROLLBACK)  /* allowed to roll back */
#define RUN_ALL       (RUN_PRECHECK | RUN_BACKUP | RUN_DISABLE | RUN_VERIFY | \
                       RUN_SAVE | RUN_ROLLBACK)

struct runner_opts {
	const struct vendor *v;
	const char *variant;          /* NULL: detect (or the default) */
	struct target target;             /* the device and how to reach it */
	const char *backup_dir;           /* NULL: $XDG_STATE_HOME/algoff/backups */
	const char *transcript;           /* file or NULL */
	const struct varset *vars;        /* user variables (already checked) */
	unsigned steps;                   /* RUN_* mask, 0 = RUN_ALL */
	int rollback_on_failure;          /* after a drop, reconnect + roll back */
	int rollback_only;                /* run only the rollback step (on
	                                     request), then verify; see
	                                     runner_rollback_supported() */
	volatile sig_atomic_t *stop;      /* set by a signal handler: stop early */
	int verbose;                      /* > 0: trace the connection
	                                     (negotiation, authentication,
	                                     timing) on stderr, redacted */
};

enum run_outcome {
	RUN_DISABLED,        /* was on, now off and verified */
	RUN_ALREADY_OFF,     /* precheck: off; no configuration command sent */
	RUN_VERIFIED_OFF,    /* verify-only run: off */
	RUN_STILL_ON,        /* verify-only run or no disable step: on */
	RUN_ROLLED_BACK,     /* verify failed; rollback done */
	RUN_FAILED,          /* see err / msg; the applied list is exact */
};

enum cmd_status {
	CMD_CONFIRMED,       /* sent, and the device answered with its prompt */
	CMD_REJECTED,        /* sent, the device printed an error */
	CMD_UNCONFIRMED,     /* sent, then the link dropped or timed out */
};

struct run_cmd {
	enum step_kind step;
	char *text;
	enum cmd_status status;
};

struct runner_result {
	enum run_outcome outcome;
	enum algoff_err err;              /* ALGOFF_OK unless RUN_FAILED */
	char msg[1024];                   /* one line for people */
	char *variant;                    /* variant used, or NULL */
	char *backup_path;                /* file written, or NULL */
	int alg_before;                   /* 1 on, 0 off, -1 unknown */
	int alg_after;
	struct run_cmd *cmds;             /* every command sent, in order */
	size_t n_cmds;
	double seconds;
};

/* The host key a server presented, during the handshake of the connection
 * in use (before authentication): see runner_cb.hostkey. */
struct hostkey_info {
	const char *host;                 /* as given in the target */
	int port;
	const char *key_type;             /* "ssh-ed25519", "ecdsa-sha2-..." */
	const char *fingerprint;          /* "SHA256:..." as ssh-keygen -lf */
	const char *known_hosts;          /* the file it is checked against */
	int changed;                      /* 0: unknown; 1: differs from the
	                                     recorded key (always refused) */
	int tls;                          /* 1: an HTTPS device's TLS
	                                     certificate (key_type
	                                     "TLS certificate", fingerprint of
	                                     the leaf, known_hosts the
	                                     known-certificates file) */
};

struct runner_cb {
	/* a step starts (s: the rendered step, commands as they will be sent) */
	void (*step_begin)(void *arg, const struct plan_step *s);
	/* a command was answered (output redacted; NULL when none) */
	void (*command_done)(void *arg, enum step_kind k, const char *cmd,
	    enum cmd_status st, const char *output);
	/* a step finished: r ALGOFF_OK or the error, msg for people */
	void (*step_end)(void *arg, enum step_kind k, enum algoff_err r,
	    const char *msg);
	/*
	 * confirm - called once before the first configuration command,
	 * with the rendered disable step; return 1 to go on. NULL: go on.
	 */
	int (*confirm)(void *arg, const struct plan_step *disable);
	/*
	 * hostkey - the server presented a key known_hosts does not hold
	 * (k->changed 0): return 1 to trust it, then exactly this key is
	 * added to known_hosts and the same connection goes on; 0 refuses
	 * (ALGOFF_ERR_HOSTKEY, nothing sent). A changed key (k->changed 1)
	 * is only reported and always refused. NULL: target.accept_new_hostkey
	 * decides (runner_hostkey_accept_new), else an unknown key is refused.
	 * HTTPS (k->tls 1): asked after the handshake refused the certificate;
	 * 1 reconnects with exactly this fingerprint pinned (only a
	 * certificate with it is accepted and recorded), then logs in.
	 */
	int (*hostkey)(void *arg, const struct hostkey_info *k);
	/* transcript bytes (redacted) as they flow; NULL: none */
	void (*transcript)(void *arg, const char *bytes, size_t n);
	void *arg;
};

/*
 * runner_apply - the whole run. Returns ALGOFF_OK when the outcome is
 * RUN_DISABLED, RUN_ALREADY_OFF or RUN_VERIFIED_OFF; otherwise the error
 * (ALGOFF_ERR_VERIFY for RUN_ROLLED_BACK / RUN_STILL_ON). The result is
 * always filled and must be freed with runner_result_free().
 */
enum algoff_err runner_apply(const struct runner_opts *o,
    const struct runner_cb *cb, struct runner_result *res);
void runner_result_free(struct runner_result *res);
/* runner_hostkey_accept_new - the --accept-new-host-key policy as a
 * hostkey callback: trusts an unknown key, never a changed one. */
int runner_hostkey_accept_new(void *arg, const struct hostkey_info *k);
/*
 * runner_rollback_supported - can v's rollback step run on its own (on
 * request, after an earlier apply)? Not when it needs values the precheck
 * reads from the device before the change; eb says which.
 */
enum algoff_err runner_rollback_supported(const struct vendor *v,
    const char *variant, struct errbuf *eb);
const char *run_outcome_name(enum run_outcome o);
/* runner_result_json - one JSON object (vendor, host, steps, commands,
 * outcome, backup path, applied commands). */
void runner_result_json(FILE *f, const struct runner_opts *o,
    const struct runner_result *res);

#endif
