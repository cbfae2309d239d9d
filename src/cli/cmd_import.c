/* SPDX-License-Identifier: MIT */
/*
 * cmd_import.c - "algoff import --from csv|ansible-inventory FILE": print an
 * answer file for "algoff batch" on standard output. Nothing is printed on
 * standard output unless the whole input is good. Options are parsed by
 * hand so that only their full names are accepted (no abbreviations).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/exitcode.h"
#include "core/import.h"
#include "core/xmalloc.h"

static const char import_help[] =
"Usage: algoff import --from csv FILE [--default ATTR=VALUE]...\n"
"       algoff import --from ansible-inventory FILE [--default ATTR=VALUE]...\n"
"\n"
"Print an answer file for 'algoff batch' (schema/batch.xsd) on standard\n"
"output. FILE '-' is standard input. Secrets are never imported, only the\n"
"names of environment variables (password-env, ...) or files.\n"
"\n"
"  --from csv                a header row of column names: name, the\n"
"                            attributes of schema/batch.xsd (vendor, host,\n"
"                            port, user, password-env, known-hosts, tags,\n"
"                            ...) and var:NAME; RFC 4180 quoting; UTF-8\n"
"  --from ansible-inventory  the JSON of 'ansible-inventory -i INV --list':\n"
"                            ansible_host, ansible_port, ansible_user,\n"
"                            groups as tags, vendor from algoff_vendor or\n"
"                            ansible_network_os, algoff_ATTR variables\n"
"  --default ATTR=VALUE      an attribute of <defaults> (every device gets\n"
"                            it unless it sets its own), e.g.\n"
"                            --default password-env=NET_PASSWORD\n"
"\n"
"Exit codes: 0 the answer file was printed, 2 input error (each reported\n"
"with file:line or the host; nothing printed on standard output).\n"
"See doc/fleet.md.\n";

struct import_args {
	const char *from, *file;
	const char **defaults;
	size_t n_defaults;
};

static int
parse_args(int argc, char **argv, struct import_args *a)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "default", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = cli_getopt("import", argc, argv, "h", longopts)) != -1) {
		if (c == 'h') {
			fputs(import_help, stdout);
			return -1;
		} else if (c == 'f')
			a->from = optarg;
		else if (c == 'd') {
			a->defaults = xreallocarray(a->defaults,
			    a->n_defaults + 1, sizeof(*a->defaults));
			a->defaults[a->n_defaults++] = optarg;
		} else
			return EXIT_USAGE;
	}
	if (cli_operands("import", argc, argv, 1) != 0)
		return EXIT_USAGE;
	if (optind < argc)
		a->file = argv[optind];
	if (a->from == NULL || (strcmp(a->from, "csv") != 0 &&
	    strcmp(a->from, "ansible-inventory") != 0))
		return usage_error("import", "--from csv or --from "
		    "ansible-inventory is required");
	if (a->file == NULL)
		return usage_error("import", "FILE is required ('-': standard "
		    "input)");
	return 0;
}

/* set_defaults - --default ATTR=VALUE into <defaults>. */
static int
set_defaults(const struct import_args *a, struct import_set *s)
{
	const char *arg, *eq, *bad;
	char *name, why[256];
	int attr, rc = 0;
	size_t i;

	for (i = 0; i < a->n_defaults && rc == 0; i++) {
		arg = a->defaults[i];
		eq = strchr(arg, '=');
		if (eq == NULL)
			return usage_error("import", "--default needs "
			    "ATTR=VALUE");
		name = xstrndup(arg, (size_t)(eq - arg));
		attr = import_attr_find(name);
		s->have_defaults = 1;
		if (strcmp(name, "name") == 0) {
			if ((bad = import_name_check(eq + 1)) != NULL)
				rc = usage_error("import", "--default name: %s",
				    bad);
			free(s->defaults_name);
			s->defaults_name = xstrdup(eq + 1);
		} else if (import_secret_name(name))
			rc = usage_error("import", "--default %s: algoff never "
			    "takes a secret on the command line; use %s-env "
			    "with the name of an environment variable", name,
			    name);
		else if (attr < 0)
			rc = usage_error("import", "--default: unknown "
			    "attribute \"%s\" (see schema/batch.xsd)", name);
		else if (import_set_attr(&s->defaults, attr, eq + 1, why,
		    sizeof(why)) != 0)
			rc = usage_error("import", "--default %s: %s", name,
			    why);
		free(name);
	}
	return rc;
}

static void
print_errors(const char *what, const struct import_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		fprintf(stderr, "%s%s\n", what, e->msg[i]);
	if (e->dropped > 0)
		fprintf(stderr, "... and %zu more\n", e->dropped);
}

int
cmd_import(int argc, char **argv)
{
	struct import_args a;
	struct import_set s;
	struct import_errors errs, warn;
	struct errbuf eb;
	enum algoff_err r;
	char *xml = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(&s, 0, sizeof(s));
	memset(&errs, 0, sizeof(errs));
	memset(&warn, 0, sizeof(warn));
	if ((rc = parse_args(argc, argv, &a)) != 0 ||
	    (rc = set_defaults(&a, &s)) != 0)
		goto out;
	if (strcmp(a.from, "csv") == 0)
		r = import_csv(a.file, &s, &errs);
	else
		r = import_inventory(a.file, &s, &errs, &warn);
	print_errors("algoff import: warning: ", &warn);
	if (r != ALGOFF_OK) {
		print_errors("", &errs);
		fprintf(stderr, "algoff import: %zu error%s in %s; nothing "
		    "was written\n", errs.n + errs.dropped, errs.n +
		    errs.dropped == 1 ? "" : "s", a.file);
		rc = EXIT_USAGE;
		goto out;
	}
	errbuf_clear(&eb);
	if (import_write_xml(&s, &xml, &eb) != ALGOFF_OK) {
		fprintf(stderr, "algoff import: %s\n", eb.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	fputs(xml, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "algoff import: cannot write standard output\n");
		rc = EXIT_USAGE;
	}
	fprintf(stderr, "algoff import: %zu device%s from %s\n", s.n,
	    s.n == 1 ? "" : "s", a.file);
out:
	free(xml);
	free(a.defaults);
	import_set_free(&s);
	import_errors_free(&errs);
	import_errors_free(&warn);
	return rc < 0 ? 0 : rc;
}
