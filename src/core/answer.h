/* SPDX-License-Identifier: MIT */
/*
 * answer.h - the answer file of "algoff batch" (schema/batch.xsd): load it
 * and check all of it before any device is contacted, collecting every
 * problem with file:line and the field. Running the devices is
 * runner/batch.h.
 */
#ifndef ALGOFF_ANSWER_H
#define ALGOFF_ANSWER_H

#include <stddef.h>

#include "core/err.h"
#include "core/secret.h"
#include "core/target.h"
#include "core/tmpl.h"
#include "core/vendor.h"

#define ANSWER_MAX_DEVICES 10000
#define ANSWER_MAX_ERRORS  500

/* One device after merging the defaults; paths are resolved. */
struct answer_device {
	char *name;
	int line;                     /* line of the <device> element */
	const struct vendor *v;
	char *variant;
	char *host;
	int port;
	char *user;
	char *password_env, *password_file;
	char *identity, *passphrase_env, *enable_env;
	int agent;
	char *known_hosts;
	int accept_new;               /* host-key-policy="accept-new" */
	int legacy_crypto;
	unsigned steps;               /* 1 << step_kind per step (RUN_*) */
	int rollback_on_failure;
	int timeout_s, connect_timeout_s;   /* 0: the runner's default */
	char *backup_dir, *transcript_dir;
	char *tags;                   /* space separated or NULL */
	struct varset vars;
	struct secret *password, *passphrase, *enable;   /* loaded or NULL */
	/* from the SSH configuration (answer_device_sshconfig) */
	char *hostkey_alias;
	struct target_hop jumps[TARGET_MAX_HOPS];   /* strings owned */
	int n_jumps;
};

struct answer {
	char *file;                   /* as given */
	char *abspath;                /* absolute path, for reports */
	char *dir;                    /* folder relative paths start from */
	char *name;                   /* defaults name= or the file's stem */
	struct answer_device *dev;
	size_t n;
	struct vendor_set vendors;
};

/* Every problem found in an answer file, "file:line: field: reason". */
struct answer_errors {
	char **msg;
	int *line;                    /* sorted by line before returning */
	size_t n;
	size_t dropped;               /* beyond ANSWER_MAX_ERRORS */
};

void answer_errors_add(struct answer_errors *e, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void answer_errors_free(struct answer_errors *e);

/* answer_load / answer_device_check flags */
#define ANSWER_LOAD_SECRETS 1u   /* read the passwords into the devices */
#define ANSWER_NO_SECRETS   2u   /* skip the presence of secrets: variables
                                    set, password files and identities
                                    readable (linting without them) */

/*
 * answer_load - parse, validate against DATADIR/schema/batch.xsd and check
 * the whole answer file (vendor ids, variables, duplicate names, required
 * fields, environment variables, readable files, host sanity). Collects
 * every problem in errs; returns ALGOFF_ERR_INPUT when there is one (and
 * *out stays NULL). flags: ANSWER_LOAD_SECRETS, ANSWER_NO_SECRETS.
 * ssh_config (-F; NULL: each device's ssh-config=, else ~/.ssh/config)
 * completes every device (answer_device_sshconfig).
 */
enum algoff_err answer_load(const char *path, unsigned flags,
    const char *ssh_config, struct answer **out, struct answer_errors *errs);
void answer_free(struct answer *b);
/*
 * answer_device_check - the checks answer_load() makes on each device
 * (host syntax, vendor family, variant, user, authentication, secrets
 * present, files readable, known_hosts, variables against their patterns),
 * for one device built from command-line options (cmd: "apply"): fields
 * are named as options ("--identity: ..."). flags: ANSWER_NO_SECRETS.
 */
void answer_device_check(const struct answer_device *d, const char *cmd,
    unsigned flags, struct answer_errors *errs);
/* answer_device_free - the strings, variables and secrets d owns. */
void answer_device_free(struct answer_device *d);
/*
 * answer_device_target - how to reach d (borrows d's strings and secrets:
 * valid while d is).
 */
struct target answer_device_target(const struct answer_device *d);
/*
 * answer_device_sshconfig - complete d from an OpenSSH client
 * configuration file, as ssh would (core/sshconfig.h): d->host is looked
 * up as a Host alias and replaced by HostName; port (0: not given), user,
 * identity (if readable, as ssh skips a missing one), known_hosts,
 * connect timeout and HostKeyAlias are taken where d has none; ProxyJump
 * hops are resolved through the same file. path "none" reads nothing;
 * NULL means ~/.ssh/config, which may be missing. agent_given: the agent
 * was asked for explicitly (else it is used with a configured identity
 * unless IdentitiesOnly yes, as ssh). ALGOFF_ERR_INPUT with file:line.
 */
enum algoff_err answer_device_sshconfig(struct answer_device *d,
    const char *path, int agent_given, struct errbuf *eb);

/* answer_find - index of the device called name, or -1. */
long answer_find(const struct answer *b, const char *name);
/* answer_steps_str - "precheck disable verify" for a step mask, in buf. */
const char *answer_steps_str(unsigned steps, char *buf, size_t len);

#endif
