/* SPDX-License-Identifier: MIT */
/*
 * cmd_probe.c - "algoff probe" (SIP ALG probe, network checks, bandwidth
 * calculator) and "algoff reflector". Flag parsing, and the verdicts mapped
 * to exit codes; the work is in src/probe (probe.c, netcheck.c,
 * reflector.c).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/exitcode.h"
#include "probe/netcheck.h"
#include "probe/probe.h"
#include "probe/reflector.h"
#include "probe/voip.h"

/* Parse a bounded decimal number; -1 when s is not one. */
static long
cmd_num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return -1;
	return v;
}

/* The value is not shown: no command-line value is ever echoed. */
static int
cmd_bad(const char *cmd, const char *what, const char *opt)
{
	return usage_error(cmd, "%s: bad %s", opt, what);
}

static void
probe_usage(FILE *f)
{
	fputs("usage: algoff probe --reflector HOST[:PORT] [--udp | --tcp]\n"
	    "           [--local-port N] [--timeout MS] [--retries N]\n"
	    "           [--rtp-port N] [--json]\n"
	    "       algoff probe --network --reflector HOST[:PORT] [--count N]\n"
	    "           [--interval MS] [--size BYTES] [--echo-port N]\n"
	    "           [--rtp-range LO-HI] [--rtp-sample N] [--calls N]\n"
	    "           [--timeout MS] [--json]\n"
	    "       algoff probe --bandwidth N [--json]\n"
	    "An option given to a form it is not listed for is refused (exit 2).\n"
	    "Exit: 0 ALG absent (through NAT) / checks passed,\n"
	    "      1 ALG present / a check failed, 2 usage,\n"
	    "      3 ALG unknown (no answer from the reflector) or untested (no\n"
	    "        NAT between probe and reflector: nothing was tested).\n", f);
}

enum {
	OPT_REFL = 256, OPT_LPORT, OPT_TIMEOUT, OPT_RETRIES, OPT_RTP_PORT,
	OPT_COUNT, OPT_INTERVAL, OPT_SIZE, OPT_ECHO_PORT, OPT_RANGE,
	OPT_SAMPLE, OPT_CALLS, OPT_BW, OPT_NET, OPT_JSON, OPT_UDP, OPT_TCP,
};

static const struct option probe_longopts[] = {
	{ "reflector", required_argument, NULL, OPT_REFL },
	{ "udp", no_argument, NULL, OPT_UDP },
	{ "tcp", no_argument, NULL, OPT_TCP },
	{ "local-port", required_argument, NULL, OPT_LPORT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "rtp-port", required_argument, NULL, OPT_RTP_PORT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "network", no_argument, NULL, OPT_NET },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "echo-port", required_argument, NULL, OPT_ECHO_PORT },
	{ "rtp-range", required_argument, NULL, OPT_RANGE },
	{ "rtp-sample", required_argument, NULL, OPT_SAMPLE },
	{ "calls", required_argument, NULL, OPT_CALLS },
	{ "bandwidth", required_argument, NULL, OPT_BW },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* the three modes, and the ones each option applies to */
enum { M_ALG = 1, M_NET = 2, M_BW = 4 };

static const struct {
	int opt;
	unsigned modes;
} probe_applies[] = {
	{ OPT_REFL, M_ALG | M_NET }, { OPT_UDP, M_ALG }, { OPT_TCP, M_ALG },
	{ OPT_LPORT, M_ALG }, { OPT_TIMEOUT, M_ALG | M_NET },
	{ OPT_RETRIES, M_ALG }, { OPT_RTP_PORT, M_ALG },
	{ OPT_JSON, M_ALG | M_NET | M_BW }, { OPT_NET, M_NET },
	{ OPT_COUNT, M_NET }, { OPT_INTERVAL, M_NET }, { OPT_SIZE, M_NET },
	{ OPT_ECHO_PORT, M_NET }, { OPT_RANGE, M_NET }, { OPT_SAMPLE, M_NET },
	{ OPT_CALLS, M_NET }, { OPT_BW, M_BW },
};

struct probe_cli {
	unsigned long given;	/* bit (opt - OPT_REFL) per option given */
	const char *reflector;
	int json, network, udp_only, tcp_only;
	long bandwidth;
	struct probe_opts po;
	struct netcheck_opts no;
};

static int
probe_range(const char *s, struct netcheck_opts *no)
{
	char lo[8], *dash = strchr(s, '-');
	long a, b;

	if (dash == NULL || (size_t)(dash - s) >= sizeof(lo))
		return -1;
	memcpy(lo, s, (size_t)(dash - s));
	lo[dash - s] = '\0';
	if ((a = cmd_num(lo, 1024, 65535)) < 0 ||
	    (b = cmd_num(dash + 1, 1024, 65535)) < 0 || b < a)
		return -1;
	no->rtp_lo = (unsigned)a;
	no->rtp_hi = (unsigned)b;
	return 0;
}

/* Apply one option; returns 0 or an exit code. */
static int
probe_opt(int c, const char *arg, struct probe_cli *cl)
{
	long v = 0;

	if (c >= OPT_REFL && c <= OPT_TCP)
		cl->given |= 1ul << (c - OPT_REFL);
	switch (c) {
	case OPT_REFL: cl->reflector = arg; return 0;
	case OPT_UDP: cl->udp_only = 1; return 0;
	case OPT_TCP: cl->tcp_only = 1; return 0;
	case OPT_JSON: cl->json = 1; return 0;
	case OPT_NET: cl->network = 1; return 0;
	case OPT_RANGE:
		return probe_range(arg, &cl->no) < 0 ?
		    cmd_bad("probe", "range LO-HI", "--rtp-range") : 0;
	case 'h': probe_usage(stdout); return -1;
	case OPT_LPORT: v = cmd_num(arg, 0, 65535); cl->po.local_port = (unsigned)v; break;
	case OPT_TIMEOUT: v = cmd_num(arg, 10, 60000); cl->po.timeout_ms = (int)v; break;
	case OPT_RETRIES: v = cmd_num(arg, 0, 10); cl->po.retries = (int)v; break;
	case OPT_RTP_PORT: v = cmd_num(arg, 1, 65535); cl->po.rtp_port = (unsigned)v; break;
	case OPT_COUNT: v = cmd_num(arg, 1, 100000); cl->no.count = (unsigned)v; break;
	case OPT_INTERVAL: v = cmd_num(arg, 1, 10000); cl->no.interval_ms = (unsigned)v; break;
	case OPT_SIZE: v = cmd_num(arg, 18, 1400); cl->no.size = (unsigned)v; break;
	case OPT_ECHO_PORT: v = cmd_num(arg, 1, 65535); cl->no.echo_port = (unsigned)v; break;
	case OPT_SAMPLE: v = cmd_num(arg, 0, 1000); cl->no.rtp_sample = (unsigned)v; break;
	case OPT_CALLS: v = cmd_num(arg, 1, 100000); cl->no.calls = (unsigned)v; break;
	case OPT_BW: v = cmd_num(arg, 1, 100000); cl->bandwidth = v; break;
	case ':': return usage_error("probe", "option %s needs a value", arg);
	default: return usage_error("probe", "unknown option \"%s\"", arg);
	}
	return v < 0 ? cmd_bad("probe", "number", cli_option()) : 0;
}

static const char *
opt_name(int c)
{
	size_t i;

	for (i = 0; probe_longopts[i].name != NULL; i++)
		if (probe_longopts[i].val == c)
			return probe_longopts[i].name;
	return "?";
}

/* refuse every option given that does not apply to the mode; 0 or 2 */
static int
probe_check_mode(const struct probe_cli *cl)
{
	static const char *const what[] = { "",
	    ("the SIP ALG probe (it needs --network)"), "--network", "",
	    "--bandwidth" };
	unsigned mode = cl->network ? M_NET : cl->bandwidth > 0 ? M_BW : M_ALG;
	size_t i;

	if (cl->network && cl->bandwidth > 0) {
		return usage_error("probe", "--bandwidth does not apply to "
		    "--network (use --calls N for the table in its report)");
	}
	for (i = 0; i < sizeof(probe_applies) / sizeof(probe_applies[0]); i++)
		if ((cl->given >> (probe_applies[i].opt - OPT_REFL) & 1) &&
		    !(probe_applies[i].modes & mode)) {
			return usage_error("probe", "--%s does not apply to %s",
			    opt_name(probe_applies[i].opt), what[mode]);
		}
	return 0;
}

static enum exit_code
verdict_exit(enum probe_verdict v)
{
	switch (v) {
	case PROBE_ABSENT: return EXIT_ALG_ABSENT;
	case PROBE_PRESENT: return EXIT_CHECK_FAILED;
	default: return EXIT_CONNECT;
	}
}

static enum exit_code
netcheck_exit(enum netcheck_outcome o)
{
	switch (o) {
	case NC_PASSED: return EXIT_ALG_ABSENT;
	case NC_FAILED: return EXIT_CHECK_FAILED;
	default: return EXIT_CONNECT;
	}
}

static int
probe_alg(struct probe_cli *cl)
{
	struct probe_result *res = calloc(1, sizeof(*res));
	int rc;

	if (res == NULL)
		return cli_fail("probe", EXIT_CONNECT, "internal",
		    "out of memory");
	probe_run(&cl->po, res);
	if (cl->json)
		probe_report_json(stdout, res);
	else
		probe_report_text(stdout, res);
	rc = verdict_exit(res->verdict);
	free(res);
	return rc;
}

static int
probe_bandwidth(const struct probe_cli *cl)
{
	voip_bandwidth_print(stdout, (unsigned)cl->bandwidth, cl->json);
	return 0;
}

int
cmd_probe(int argc, char **argv)
{
	struct probe_cli cl;
	struct errbuf eb;
	int c, rc;

	memset(&cl, 0, sizeof(cl));
	probe_defaults(&cl.po);
	netcheck_defaults(&cl.no);
	cli_json_scan("probe", argc, argv, 0);
	optind = 1;
	while ((c = cli_getopt("probe", argc, argv, "h", probe_longopts)) != -1)
		if (c == CLI_OPT_ERR)
			return EXIT_USAGE;
		else if ((rc = probe_opt(c, optarg, &cl)) != 0)
			return rc < 0 ? 0 : rc;
	if (cli_operands("probe", argc, argv, 0) != 0)
		return EXIT_USAGE;
	if ((rc = probe_check_mode(&cl)) != 0)
		return rc;
	if (cl.bandwidth > 0)
		return probe_bandwidth(&cl);
	if (cl.reflector == NULL)
		return usage_error("probe", "--reflector HOST[:PORT] is required");
	if (cl.udp_only && cl.tcp_only)
		return cmd_bad("probe", "combination (give one)", "--udp --tcp");
	cl.po.udp = !cl.tcp_only;
	cl.po.tcp = !cl.udp_only;
	errbuf_clear(&eb);
	if (netaddr_parse(cl.reflector, 5060, &cl.po.dst, &eb) != ALGOFF_OK)
		return cli_fail("probe", EXIT_USAGE, "input", "%s", eb.msg);
	if (cl.network) {
		cl.no.dst = cl.po.dst;
		cl.no.timeout_ms = cl.po.timeout_ms;
		return netcheck_exit(netcheck_main(&cl.no, cl.json));
	}
	return probe_alg(&cl);
}

static void
refl_usage(FILE *f)
{
	fputs("usage: algoff reflector --listen ADDR[:PORT] [--echo-port N]\n"
	    "           [--max-seconds N] [--max-requests N] [--rate N]\n"
	    "           [--max-clients N] [--idle-timeout S] [--verbose]\n"
	    "SIP on UDP and TCP ADDR:PORT (default 5060); echo for the network\n"
	    "checks on UDP --echo-port (default PORT+1, 0 turns it off).\n", f);
}

static const struct option refl_longopts[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "echo-port", required_argument, NULL, 'e' },
	{ "max-seconds", required_argument, NULL, 's' },
	{ "max-requests", required_argument, NULL, 'n' },
	{ "rate", required_argument, NULL, 'r' },
	{ "max-clients", required_argument, NULL, 'c' },
	{ "idle-timeout", required_argument, NULL, 'i' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
refl_opt(int c, const char *arg, struct reflector_opts *o, long *echo)
{
	long v = 0;

	switch (c) {
	case 'e': v = *echo = cmd_num(arg, 0, 65535); break;
	case 's': v = o->max_seconds = cmd_num(arg, 1, 86400 * 365); break;
	case 'n': v = o->max_requests = cmd_num(arg, 1, 1000000000); break;
	case 'r': v = cmd_num(arg, 1, 100000); o->rate = (unsigned)v; break;
	case 'c': v = cmd_num(arg, 1, 64); o->max_clients = (unsigned)v; break;
	case 'i': v = cmd_num(arg, 1, 3600); o->idle_seconds = (unsigned)v; break;
	case 'v': o->verbose = 1; break;
	case 'h': refl_usage(stdout); return -1;
	default: refl_usage(stderr); return EXIT_USAGE;
	}
	return v < 0 ? cmd_bad("reflector", "number", cli_option()) : 0;
}

int
cmd_reflector(int argc, char **argv)
{
	struct reflector_opts o;
	struct errbuf eb;
	const char *listen_on = NULL;
	long echo = -1;
	int c, rc;

	reflector_defaults(&o);
	optind = 1;
	while ((c = cli_getopt("reflector", argc, argv, "l:vh",
	    refl_longopts)) != -1) {
		if (c == CLI_OPT_ERR)
			return EXIT_USAGE;
		if (c == 'l') {
			listen_on = optarg;
			continue;
		}
		if ((rc = refl_opt(c, optarg, &o, &echo)) != 0)
			return rc < 0 ? 0 : rc;
	}
	if (cli_operands("reflector", argc, argv, 0) != 0)
		return EXIT_USAGE;
	if (listen_on == NULL) {
		refl_usage(stderr);
		return EXIT_USAGE;
	}
	errbuf_clear(&eb);
	if (netaddr_parse(listen_on, 5060, &o.listen, &eb) != ALGOFF_OK) {
		fprintf(stderr, "algoff reflector: %s\n", eb.msg);
		return EXIT_USAGE;
	}
	o.echo_port = echo >= 0 ? (unsigned)echo :
	    (netaddr_port((struct sockaddr *)&o.listen.ss) + 1) & 0xffff;
	if (reflector_run(&o, &eb) != ALGOFF_OK) {
		fprintf(stderr, "algoff reflector: %s\n", eb.msg);
		return EXIT_CONNECT;
	}
	return 0;
}
