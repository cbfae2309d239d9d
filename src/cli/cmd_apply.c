/* SPDX-License-Identifier: MIT */
/*
 * cmd_apply.c - "algoff apply": turn the SIP ALG off on one device, or with
 * --dry-run print the exact plan without any network.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/answer.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/exitcode.h"
#include "core/json.h"
#include "core/num.h"
#include "core/plan.h"
#include "core/tmpl.h"
#include "core/vendor.h"
#include "core/secret.h"
#include "core/xmalloc.h"
#include "runner/runner.h"

static const char apply_help[] =
"Usage: algoff apply --vendor ID --host H [--port P] [--user U]\n"
"           [--password-env VAR | --identity FILE | --agent]\n"
"           [--enable-password-env VAR] [--known-hosts FILE]\n"
"           [--backup-dir DIR] [--dry-run] [--json] [options]\n"
"       algoff apply --vendor ID --host H --user U ... --rollback\n"
"\n"
"Turn the SIP ALG off on one device over SSH (or, for https families,\n"
"its management API): precheck, backup, disable, verify, save (https:\n"
"commit, then verify); rolls back when verification fails. A precheck\n"
"that cannot tell on from off stops (exit 1, nothing sent). With\n"
"--rollback, undo an earlier apply instead.\n"
"\n"
"  --vendor ID              vendor profile (see 'algoff vendors')\n"
"  --host H                 host name, IPv4 or IPv6 address, or a Host alias\n"
"                           of the SSH configuration\n"
"  --port P                 SSH port (default: the configuration's, or 22);\n"
"                           HTTPS families: the API port (default 443)\n"
"  --user U                 login name (default: the configuration's)\n"
"  -F, --ssh-config FILE    OpenSSH client configuration (default\n"
"                           ~/.ssh/config; 'none': read none): HostName,\n"
"                           Port, User, IdentityFile, IdentitiesOnly,\n"
"                           UserKnownHostsFile, HostKeyAlias,\n"
"                           ConnectTimeout, ProxyJump\n"
"  -v, --verbose            trace the connection on stderr (negotiation,\n"
"                           authentication, prompts matched, timing;\n"
"                           secrets redacted)\n"
"  --password-env VAR       read the password from environment variable VAR\n"
"  --identity FILE          private key (ed25519, ECDSA, RSA); chmod 600\n"
"  --passphrase-env VAR     passphrase of the identity file\n"
"  --agent                  use ssh-agent ($SSH_AUTH_SOCK)\n"
"  --enable-password-env VAR  enable secret (families with an enable step)\n"
"  --known-hosts FILE       OpenSSH known_hosts (default ~/.ssh/known_hosts);\n"
"                           https families: TLS certificates pinned in\n"
"                           algoff_known_certs in the same folder\n"
"  --accept-new-host-key    add an unknown host key or certificate (a\n"
"                           changed one is always refused)\n"
"  --legacy-crypto          allow SHA-1 key exchange, ssh-rsa, CBC (old firmware)\n"
"  --backup-dir DIR         where the running configuration is saved\n"
"                           (default $XDG_STATE_HOME/algoff/backups)\n"
"  --transcript FILE        write the session (secrets redacted; a file,\n"
"                           not '-')\n"
"  --rollback-on-failure    roll back when the link drops mid-way and the\n"
"                           device can be reached again\n"
"  --rollback               run only the vendor's rollback step (it restores\n"
"                           what an earlier run's backup step kept on the\n"
"                           device), then verify; for vendors whose rollback\n"
"                           needs no value read before the change\n"
"                           (linux-nftables, juniper-srx, mikrotik, ...)\n"
"  --var NAME=VALUE         set a template variable the vendor declares\n"
"  --variant NAME           force a version variant (default: detected)\n"
"  --timeout SECONDS        per-command timeout (default: the vendor's)\n"
"  --dry-run                no network: with --host, make every check of a\n"
"                           real run (options, secrets set, files\n"
"                           readable, variables) and print the plan;\n"
"                           without --host, a plan preview\n"
"  --json                   one JSON document on stdout (algoff.apply/1,\n"
"                           algoff.plan/1 or algoff.error/1; see schema/)\n"
"\n"
"Secrets are never taken on the command line (--password, --token... are\n"
"refused); options are never abbreviated.\n"
"\n"
"Exit codes: 0 ALG off (--rollback: rolled back), 1 failed/ALG still on,\n"
"2 input error (nothing sent), 3 connection, authentication or host-key\n"
"failure.\n";

enum {
	OPT_VENDOR = 256, OPT_HOST, OPT_PORT, OPT_USER, OPT_PASSENV,
	OPT_IDENTITY, OPT_PHRASEENV, OPT_AGENT, OPT_ENABLEENV, OPT_KNOWN,
	OPT_ACCEPT, OPT_LEGACY, OPT_BACKUP, OPT_TRANSCRIPT, OPT_ROLLBACK,
	OPT_VAR, OPT_VARIANT, OPT_TIMEOUT, OPT_DRY, OPT_JSON, OPT_HELP,
	OPT_ROLLBACK_NOW, OPT_SSHCFG
};

static const struct option apply_longopts[] = {
	{ "vendor", required_argument, NULL, OPT_VENDOR },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password-env", required_argument, NULL, OPT_PASSENV },
	{ "identity", required_argument, NULL, OPT_IDENTITY },
	{ "passphrase-env", required_argument, NULL, OPT_PHRASEENV },
	{ "agent", no_argument, NULL, OPT_AGENT },
	{ "enable-password-env", required_argument, NULL, OPT_ENABLEENV },
	{ "known-hosts", required_argument, NULL, OPT_KNOWN },
	{ "accept-new-host-key", no_argument, NULL, OPT_ACCEPT },
	{ "legacy-crypto", no_argument, NULL, OPT_LEGACY },
	{ "backup-dir", required_argument, NULL, OPT_BACKUP },
	{ "transcript", required_argument, NULL, OPT_TRANSCRIPT },
	{ "rollback-on-failure", no_argument, NULL, OPT_ROLLBACK },
	{ "rollback", no_argument, NULL, OPT_ROLLBACK_NOW },
	{ "var", required_argument, NULL, OPT_VAR },
	{ "variant", required_argument, NULL, OPT_VARIANT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "ssh-config", required_argument, NULL, OPT_SSHCFG },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

struct apply_args {
	const char *vendor, *host, *user, *password_env, *identity;
	const char *passphrase_env, *enable_env, *known_hosts, *backup_dir;
	const char *transcript, *variant, *ssh_config;
	int port, agent, accept_new, legacy, rollback, timeout_s, dry, json;
	int verbose;
	int rollback_now;
	struct varset vars;
};

static int
add_var(struct apply_args *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;

	if (eq == NULL || eq == arg)
		return usage_error("apply", "--var needs NAME=VALUE");
	name = xstrndup(arg, (size_t)(eq - arg));
	varset_set(&a->vars, name, eq + 1);
	free(name);
	return 0;
}

static int
parse_opt(struct apply_args *a, int c, const char *arg)
{
	switch (c) {
	case OPT_VENDOR: a->vendor = arg; break;
	case OPT_HOST: a->host = arg; break;
	case OPT_PORT:
		if (num_parse_int(arg, 1, 65535, &a->port) != 0)
			return usage_error("apply", "--port: not a port number "
			    "(1-65535)");
		break;
	case OPT_USER: a->user = arg; break;
	case OPT_PASSENV: a->password_env = arg; break;
	case OPT_IDENTITY: a->identity = arg; break;
	case OPT_PHRASEENV: a->passphrase_env = arg; break;
	case OPT_AGENT: a->agent = 1; break;
	case OPT_ENABLEENV: a->enable_env = arg; break;
	case OPT_KNOWN: a->known_hosts = arg; break;
	case OPT_ACCEPT: a->accept_new = 1; break;
	case OPT_LEGACY: a->legacy = 1; break;
	case OPT_BACKUP: a->backup_dir = arg; break;
	case OPT_TRANSCRIPT: a->transcript = arg; break;
	case OPT_ROLLBACK: a->rollback = 1; break;
	case OPT_ROLLBACK_NOW: a->rollback_now = 1; break;
	case OPT_VAR: return add_var(a, arg);
	case OPT_VARIANT: a->variant = arg; break;
	case OPT_TIMEOUT:
		if (num_parse_int(arg, 1, 3600, &a->timeout_s) != 0)
			return usage_error("apply", "--timeout: not a number "
			    "of seconds (1-3600)");
		break;
	case OPT_DRY: a->dry = 1; break;
	case OPT_JSON: a->json = 1; break;
	case 'F': case OPT_SSHCFG: a->ssh_config = arg; break;
	case 'v': a->verbose++; break;
	default: return EXIT_USAGE;
	}
	return 0;
}

static int
parse_args(int argc, char **argv, struct apply_args *a)
{
	int c, r;

	memset(a, 0, sizeof(*a));
	optind = 1;
	while ((c = cli_getopt("apply", argc, argv, "hvF:", apply_longopts)) !=
	    -1) {
		if (c == CLI_OPT_ERR)
			return EXIT_USAGE;
		if (c == 'h' || c == OPT_HELP) {
			fputs(apply_help, stdout);
			return -1;
		}
		if ((r = parse_opt(a, c, optarg)) != 0)
			return r;
	}
	if ((r = cli_operands("apply", argc, argv, 0)) != 0)
		return r;
	if (a->vendor == NULL)
		return usage_error("apply", "--vendor ID is required (see "
		    "'algoff vendors')");
	return 0;
}

static int
dry_run(const struct vendor *v, const struct apply_args *a,
    const struct answer_device *d)
{
	struct plan p;
	struct errbuf eb;

	if (v->method == VENDOR_MANUAL) {
		if (a->json)
			manual_print_json(stdout, v, a->host);
		else
			manual_print(stdout, v);
		return 0;
	}
	errbuf_clear(&eb);
	if (plan_build(v, a->variant, &a->vars, 1, &p, &eb) != ALGOFF_OK)
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	p.rollback_only = a->rollback_now;
	if (a->json)
		plan_print_json(stdout, &p, a->host);
	else {
		if (d != NULL)
			printf("Device %s@%s port %d%s%s: every check a real "
			    "run makes before connecting passed.\n", d->user,
			    d->host, d->port, d->n_jumps > 0 ? " through " :
			    "", d->n_jumps > 0 ? d->jumps[0].host : "");
		else
			printf("Plan preview: no --host, so no device was "
			    "checked (give --host, --user and a way to log in "
			    "to check everything a real run checks).\n");
		plan_print(stdout, &p, a->host);
	}
	plan_free(&p);
	return 0;
}

/*
 * to_device - the options as the device an answer file would describe, so
 * that apply makes the same checks as batch (answer_device_check()).
 */
static void
to_device(const struct vendor *v, const struct apply_args *a,
    struct answer_device *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
#define DUP(s) ((s) != NULL ? xstrdup(s) : NULL)
	d->name = DUP(a->host);
	d->v = v;
	d->variant = DUP(a->variant);
	d->host = DUP(a->host);
	d->port = a->port;
	d->user = DUP(a->user);
	d->password_env = DUP(a->password_env);
	d->identity = DUP(a->identity);
	d->passphrase_env = DUP(a->passphrase_env);
	d->enable_env = DUP(a->enable_env);
	d->known_hosts = DUP(a->known_hosts);
	d->backup_dir = DUP(a->backup_dir);
#undef DUP
	d->agent = a->agent || (a->password_env == NULL &&
	    a->identity == NULL && getenv("SSH_AUTH_SOCK") != NULL);
	d->accept_new = a->accept_new;
	d->legacy_crypto = a->legacy;
	d->steps = RUN_ALL;
	d->rollback_on_failure = a->rollback;
	d->timeout_s = a->timeout_s;
	for (i = 0; i < a->vars.n; i++)
		varset_set(&d->vars, a->vars.name[i], a->vars.value[i]);
}

/* check_device - every check before connecting; 0 or EXIT_USAGE. */
static int
check_device(const struct answer_device *d)
{
	struct answer_errors errs;
	struct buf all;
	size_t i;
	int rc = 0;

	memset(&errs, 0, sizeof(errs));
	buf_init(&all, 1u << 20);
	answer_device_check(d, "apply", 0, &errs);
	for (i = 0; i < errs.n; i++) {
		fprintf(stderr, "%s\n", errs.msg[i]);
		buf_printf(&all, "%s%s", i ? "\n" : "", errs.msg[i]);
	}
	if (errs.n > 0 || errs.dropped > 0) {
		rc = EXIT_USAGE;
		if (cli_json())
			json_error_print(stdout, "apply", "input", all.data);
	}
	buf_free(&all);
	answer_errors_free(&errs);
	return rc;
}

/* Progress lines on stderr while the run goes (stdout stays for --json). */
struct progress {
	int json;
	int n;
};

static void
cb_step_begin(void *arg, const struct plan_step *s)
{
	struct progress *p = arg;

	if (s->n > 0)
		fprintf(stderr, "[%d] %s: %zu command%s\n", ++p->n,
		    step_name(s->kind), s->n, s->n == 1 ? "" : "s");
}

static void
cb_command(void *arg, enum step_kind k, const char *cmd, enum cmd_status st,
    const char *out)
{
	(void)arg;
	(void)k;
	(void)out;
	fprintf(stderr, "      %s %s\n", st == CMD_CONFIRMED ? ">" :
	    st == CMD_REJECTED ? "!" : "?", cmd);
}

static void
cb_step_end(void *arg, enum step_kind k, enum algoff_err r, const char *msg)
{
	(void)arg;
	fprintf(stderr, "      %s %s: %s\n", r == ALGOFF_OK ? "ok" : "FAILED",
	    step_name(k), msg ? msg : "");
}

static void
print_result(const struct runner_opts *o, const struct runner_result *res)
{
	size_t i;
	int any = 0;

	for (i = 0; i < res->n_cmds; i++) {
		const struct run_cmd *c = &res->cmds[i];

		if (c->step != STEP_DISABLE && c->step != STEP_SAVE &&
		    c->step != STEP_ROLLBACK)
			continue;
		if (!any)
			printf("Configuration commands sent:\n");
		any = 1;
		printf("  %-11s %-8s %s\n", c->status == CMD_CONFIRMED ?
		    "applied" : c->status == CMD_REJECTED ? "rejected" :
		    "UNCONFIRMED", step_name(c->step), c->text);
	}
	if (res->backup_path)
		printf("Backup: %s\n", res->backup_path);
	printf("Result: %s: %s (%s %s:%d)%s\n", run_outcome_name(res->outcome),
	    res->msg, o->v->id, o->target.host, o->target.port,
	    o->v->evidence == EVIDENCE_COMMUNITY ? "; evidence: community - "
	    "prove it with algoff probe" : "");
}

/* load_secrets - from the environment only; never argv. */
static int
load_secrets(struct answer_device *d)
{
	struct errbuf eb;

	errbuf_clear(&eb);
	if ((d->password_env &&
	    secret_from_env(d->password_env, &d->password, &eb)) ||
	    (d->passphrase_env &&
	    secret_from_env(d->passphrase_env, &d->passphrase, &eb)) ||
	    (d->enable_env && secret_from_env(d->enable_env, &d->enable, &eb)))
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	return 0;
}

static int
run_device(const struct answer_device *d, const struct apply_args *a)
{
	struct runner_opts o;
	struct runner_result res;
	struct progress prog = { .json = a->json };
	struct runner_cb cb = {
		.step_begin = cb_step_begin, .command_done = cb_command,
		.step_end = cb_step_end, .arg = &prog,
	};
	enum algoff_err r;
	int rc;

	o = (struct runner_opts){
		.v = d->v,
		.variant = a->variant,
		.target = answer_device_target(d),
		.backup_dir = a->backup_dir,
		.transcript = a->transcript,
		.vars = &a->vars,
		.rollback_on_failure = a->rollback,
		.rollback_only = a->rollback_now,
		.verbose = a->verbose,
	};
	fprintf(stderr, "algoff: %s (%s) at %s port %d as %s%s%s\n",
	    d->v->name, d->v->id, d->host, d->port, d->user,
	    d->n_jumps > 0 ? " through " : "",
	    d->n_jumps > 0 ? d->jumps[0].host : "");
	r = runner_apply(&o, &cb, &res);
	if (a->json)
		runner_result_json(stdout, &o, &res);
	else
		print_result(&o, &res);
	if (r == ALGOFF_OK)
		rc = 0;
	else if (res.outcome == RUN_ROLLED_BACK || res.outcome == RUN_STILL_ON)
		rc = EXIT_CHECK_FAILED;
	else
		rc = exit_code_for(r);
	runner_result_free(&res);
	return rc;
}

/*
 * apply_vendor - with a vendor loaded: the checks, then the plan (dry run)
 * or the run. A dry run without --host is a plan preview: no device check.
 */
static int
apply_vendor(const struct vendor *v, const struct apply_args *a)
{
	struct answer_device d;
	struct errbuf eb;
	int rc;

	errbuf_clear(&eb);
	if (a->dry && a->host == NULL &&   /* else answer_device_check() */
	    tmpl_check_user_vars(v, &a->vars, &eb) != ALGOFF_OK)
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	if (a->rollback_now && v->method == VENDOR_MANUAL)
		return usage_error("apply", "--rollback: %s is configured in "
		    "its web interface; there is nothing to roll back over "
		    "SSH", v->id);
	if (a->rollback_now &&
	    runner_rollback_supported(v, a->variant, &eb) != ALGOFF_OK)
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	if (a->transcript != NULL && strcmp(a->transcript, "-") == 0)
		return usage_error("apply", "--transcript: give a file (\"-\" "
		    "is not supported: standard output carries the result)");
	if (a->dry && a->host == NULL)
		return dry_run(v, a, NULL);
	to_device(v, a, &d);
	if (v->method == VENDOR_SSH && answer_device_sshconfig(&d,
	    a->ssh_config, a->agent, &eb) != ALGOFF_OK) {
		answer_device_free(&d);
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	}
	rc = check_device(&d);
	if (rc == 0 && a->dry)
		rc = dry_run(v, a, &d);
	else if (rc == 0 && (rc = load_secrets(&d)) == 0)
		rc = run_device(&d, a);
	answer_device_free(&d);
	return rc;
}

int
cmd_apply(int argc, char **argv)
{
	struct apply_args a;
	struct vendor *v = NULL;
	struct errbuf eb;
	int rc;

	cli_json_scan("apply", argc, argv, 0);
	rc = parse_args(argc, argv, &a);
	if (rc != 0) {
		varset_free(&a.vars);
		return rc < 0 ? 0 : rc;
	}
	errbuf_clear(&eb);
	if (vendor_load_id(a.vendor, &v, &eb) != ALGOFF_OK) {
		varset_free(&a.vars);
		return cli_fail("apply", EXIT_USAGE, "input", "%s", eb.msg);
	}
	/* not given: HTTPS families' API port; SSH: the SSH configuration's
	 * (answer_device_sshconfig), else 22 */
	if (a.port == 0 && v->method == VENDOR_HTTPS)
		a.port = v->https.port;
	rc = apply_vendor(v, &a);
	vendor_free(v);
	varset_free(&a.vars);
	return rc;
}
