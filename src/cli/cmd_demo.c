/* SPDX-License-Identifier: MIT */
/*
 * cmd_demo.c - "algoff demo [--lab-script FILE]": the arguments, and the
 * demo's outcome as an exit code. The demo itself is src/demo.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "demo/demo.h"

static const char demo_help[] =
"Usage: algoff demo [--lab-script FILE]\n"
"\n"
"Show algoff's job on a real SIP ALG on this machine. As root with network\n"
"namespaces: bring up the lab (namespaces lan 198.18.0.2, rtr 198.18.0.1 /\n"
"203.0.113.1 with the kernel SIP helper and an sshd, wan 203.0.113.10), run\n"
"the reflector in wan, probe from lan (ALG present), apply the\n"
"linux-nftables profile over SSH from lan to 198.18.0.1, probe again (ALG\n"
"absent), print the before/after and tear the lab down (always, also on\n"
"errors and Ctrl-C). Nothing outside the lab's namespaces is changed.\n"
"Without root or namespaces it says why and prints\n"
"'algoff apply --vendor fortigate --dry-run' instead.\n"
"\n"
"  --lab-script FILE   the lab script (default: lab/lab.sh in the data\n"
"                      directory, $ALGOFF_DATADIR when set)\n"
"\n"
"Exit codes: 0 the ALG was present before and absent after (or the dry run\n"
"was shown), 1 a step or check failed, 2 usage, 130 interrupted.\n";

static int
parse_args(int argc, char **argv, struct demo_opts *o)
{
	static const struct option longopts[] = {
		{ "lab-script", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = cli_getopt("demo", argc, argv, "h", longopts)) != -1) {
		switch (c) {
		case 'h':
			fputs(demo_help, stdout);
			return -1;
		case 'l':
			o->lab_script = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (cli_operands("demo", argc, argv, 0) != 0)
		return EXIT_USAGE;
	if (o->lab_script != NULL && access(o->lab_script, R_OK) != 0)
		return usage_error("demo", "--lab-script %s: %s", o->lab_script,
		    strerror(errno));
	return 0;
}

int
cmd_demo(int argc, char **argv)
{
	struct demo_opts o;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? EXIT_ALG_ABSENT : rc;
	switch (demo_run(&o)) {
	case DEMO_SHOWN:
	case DEMO_DRY_RUN:
		return EXIT_ALG_ABSENT;
	case DEMO_INTERRUPTED:
		return EXIT_INTERRUPTED;
	default:
		return EXIT_CHECK_FAILED;
	}
}
