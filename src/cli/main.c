/* SPDX-License-Identifier: MIT */
/*
 * main.c - algoff's entry point: dispatch argv[1] to a sub-command. With no
 * sub-command and a terminal on stdin and stdout, run the wizard.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/datadir.h"
#include "core/exitcode.h"

struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
};

static const struct command commands[] = {
	{ "vendors", cmd_vendors, "list vendor profiles (id, name, method)" },
	{ "apply", cmd_apply, "turn the SIP ALG off on one device (or --dry-run)" },
	{ "batch", cmd_batch, "apply an answer file to many devices at once" },
	{ "import", cmd_import, "write an answer file from CSV or an Ansible inventory" },
	{ "wizard", cmd_wizard, "step by step in the terminal (the default)" },
	{ "probe", cmd_probe, "prove through the network whether a SIP ALG is on" },
	{ "reflector", cmd_reflector, "the far end for probe (SIP echo + UDP echo)" },
	{ "demo", cmd_demo, "show it on a real SIP ALG in a namespace lab (root)" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f,
	    "Usage: algoff [COMMAND] [OPTIONS]\n"
	    "Turn the SIP ALG off on routers and firewalls, and prove it is "
	    "off.\n\nCommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(f,
	    "\nRun 'algoff COMMAND --help' for the options of a command.\n"
	    "Exit codes: 0 success / ALG absent, 1 a check failed / ALG "
	    "present,\n2 usage or input error (nothing sent), 3 connection, "
	    "authentication or\nhost-key failure, 4 batch finished with "
	    "failed devices.\n"
	    "Secrets are never taken on the command line: use --password-env "
	    "VAR,\n--identity FILE or ssh-agent. Options are never "
	    "abbreviated.\n");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		for (i = 0; i < NCOMMANDS; i++)
			if (strcmp(commands[i].name, "wizard") == 0)
				return commands[i].fn(1, (char *[]){
				    (char *)"wizard", NULL });
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("algoff %s\ndata: %s (%s)\n", PACKAGE_VERSION,
		    datadir(), datadir_origin());
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	if (cli_secret_option(argv[1]))
		return cli_secret_refused("", argv[1]);
	/* the text is shown only when it looks like a command name */
	if (strlen(argv[1]) <= 20 && argv[1][0] != '\0' &&
	    strspn(argv[1], "abcdefghijklmnopqrstuvwxyz-") == strlen(argv[1]))
		fprintf(stderr, "algoff: unknown command \"%s\"\nCommands:",
		    argv[1]);
	else
		fprintf(stderr, "algoff: unknown command (not shown: it is "
		    "not a command name)\nCommands:");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(stderr, " %s", commands[i].name);
	fprintf(stderr, "\nTry 'algoff --help'.\n");
	return EXIT_USAGE;
}
