/* SPDX-License-Identifier: MIT */
/* opts.c - the sub-commands' option parser (see opts.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/json.h"
#include "core/text.h"

static const char *const secret_names[] = {
	"password", "pass", "passwd", "pw", "enable-password", "enable-secret",
	"enable-pass", "secret", "passphrase", "token", "api-key", "apikey",
	"key-passphrase", NULL
};

static char last_opt[64];

const char *
cli_option(void)
{
	return last_opt;
}

/* The name of "--NAME" or "--NAME=VALUE", length of NAME. */
static size_t
name_len(const char *arg)
{
	return strcspn(arg, "=");
}

int
cli_secret_option(const char *arg)
{
	size_t i, n;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	arg += 2;
	n = name_len(arg);
	for (i = 0; secret_names[i] != NULL; i++)
		if (strlen(secret_names[i]) == n &&
		    strncmp(arg, secret_names[i], n) == 0)
			return 1;
	return 0;
}

int
cli_secret_refused(const char *cmd, const char *arg)
{
	fprintf(stderr, "algoff%s%s: %.*s: refused: secrets are never taken on "
	    "the command line\n(other users can read it in ps, and shells "
	    "keep it in their history).\nUse --password-env VAR and "
	    "--enable-password-env VAR (the NAME of an environment\nvariable "
	    "that holds the secret), --identity FILE (a private key, chmod "
	    "600)\nor ssh-agent (--agent). See 'man algoff', SECURITY.\n",
	    *cmd ? " " : "", cmd, (int)name_len(arg), arg);
	if (cli_json()) {
		char msg[160];

		snprintf(msg, sizeof(msg), "%.*s: refused: secrets are never "
		    "taken on the command line", (int)name_len(arg) > 64 ? 64 :
		    (int)name_len(arg), arg);
		json_error_print(stdout, *cmd ? cmd : "algoff", "usage", msg);
	}
	return EXIT_USAGE;
}

/* Secret-looking options anywhere before "--", even as another's value. */
static int
secrets_scan(const char *cmd, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (cli_secret_option(argv[i]))
			return cli_secret_refused(cmd, argv[i]);
	return 0;
}

static const struct option *
find_long(const struct option *lo, const char *arg)
{
	size_t n = name_len(arg);

	for (; lo->name != NULL; lo++)
		if (strlen(lo->name) == n && strncmp(arg, lo->name, n) == 0)
			return lo;
	return NULL;
}

/* unknown - "--NAME" (its value never shown), escaped. */
static int
unknown(const char *cmd, const char *tok, const struct option *lo)
{
	char *name, *esc;
	const struct option *o;
	int prefix = 0;

	if (cli_secret_option(tok))
		return cli_secret_refused(cmd, tok);
	name = strndup(tok, name_len(tok));
	esc = text_escape(name != NULL ? name : "");
	for (o = lo; o->name != NULL && strlen(tok) > 2; o++)
		if (strncmp(o->name, tok + 2, name_len(tok + 2)) == 0)
			prefix = 1;
	usage_error(cmd, "unknown option %s%s", esc, prefix ?
	    " (options are never abbreviated: write the full name)" : "");
	free(esc);
	free(name);
	return CLI_OPT_ERR;
}

/* getopt_long said '?' or ':'; argv[optind - 1] is the option. */
static int
bad_option(const char *cmd, char **argv, int c, const struct option *lo)
{
	const char *tok = argv[optind - 1];
	const struct option *o;

	if (tok == NULL || strncmp(tok, "--", 2) != 0) {
		if (c == ':')
			usage_error(cmd, "option -%c needs a value", optopt);
		else
			usage_error(cmd, "unknown option -%c",
			    optopt > 0x20 && optopt < 0x7f ? optopt : '?');
		return CLI_OPT_ERR;
	}
	o = find_long(lo, tok + 2);
	if (o == NULL)
		return unknown(cmd, tok, lo);
	if (c == ':')
		usage_error(cmd, "option --%s needs a value", o->name);
	else
		usage_error(cmd, "option --%s takes no value", o->name);
	return CLI_OPT_ERR;
}

static int
control_refused(const char *cmd, const char *value)
{
	char *esc = text_escape(value);
	int c = text_control(value);

	usage_error(cmd, "%s: the value holds a %s character (0x%02x): "
	    "\"%s\"; refused", last_opt, text_control_name(c), c, esc);
	free(esc);
	return CLI_OPT_ERR;
}

int
cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	char so[64];
	const char *tok;
	int c, idx = -1;

	if (optind <= 1 && secrets_scan(cmd, argc, argv) != 0)
		return CLI_OPT_ERR;
	snprintf(so, sizeof(so), ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, so, longopts, &idx);
	if (c == -1)
		return -1;
	if (c == '?' || c == ':')
		return bad_option(cmd, argv, c, longopts);
	if (idx >= 0) {
		tok = optarg != NULL && optind >= 2 && optarg == argv[optind - 1]
		    ? argv[optind - 2] : argv[optind - 1];
		if (strncmp(tok, "--", 2) != 0 ||
		    find_long(longopts, tok + 2) != &longopts[idx])
			return unknown(cmd, tok, longopts);
		snprintf(last_opt, sizeof(last_opt), "--%s",
		    longopts[idx].name);
	} else
		snprintf(last_opt, sizeof(last_opt), "-%c", c);
	if (optarg != NULL && text_control(optarg) >= 0)
		return control_refused(cmd, optarg);
	return c;
}

int
cli_operands(const char *cmd, int argc, char **argv, int max)
{
	int i;

	if (argc - optind > max) {
		usage_error(cmd, "unexpected argument #%d (not an option; its "
		    "text is not shown)", max + 1);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++)
		if (text_control(argv[i]) >= 0) {
			usage_error(cmd, "argument #%d holds a %s character; "
			    "refused", i - optind + 1,
			    text_control_name(text_control(argv[i])));
			return EXIT_USAGE;
		}
	return 0;
}
