/* SPDX-License-Identifier: MIT */
/*
 * probe.h - the SIP ALG probe. Sends a REGISTER and an INVITE with SDP over
 * UDP and TCP from one fixed local port, as a phone would, to an algoff
 * reflector; decodes the bytes the reflector received and reports, field
 * by field, what changed on the way. NAT (a new source address or port) is
 * reported but is not an ALG; a rewritten SIP message is.
 */
#ifndef ALGOFF_PROBE_H
#define ALGOFF_PROBE_H

#include <stdio.h>

#include "core/err.h"
#include "probe/netaddr.h"
#include "probe/sipdiff.h"

/*
 * the verdict; "algoff probe" (src/cli) maps it to an exit code. UNTESTED:
 * every message arrived unchanged but none showed address translation, so
 * the path crossed no NAT router and an ALG there had nothing to do.
 */
enum probe_verdict {
	PROBE_ABSENT,
	PROBE_PRESENT,
	PROBE_UNKNOWN,
	PROBE_UNTESTED,
};

struct probe_opts {
	struct netaddr dst;
	unsigned local_port;	/* 0: any */
	int udp, tcp;
	int timeout_ms;		/* per attempt */
	int retries;		/* UDP retransmissions after the first send */
	unsigned rtp_port;	/* m= port in the SDP */
};

#define PROBE_MAX_MSGS 4

struct probe_msg {
	char method[16];
	char transport[4];
	int sent;
	int answered;		/* echo received and decoded */
	int status;		/* reflector's status code, 0 if none */
	int attempts;
	char local[NETADDR_STRLEN];	/* what we wrote in Via */
	char seen[NETADDR_STRLEN];	/* source the reflector saw */
	char error[160];
	struct sipdiff diff;
};

struct probe_result {
	struct probe_msg msg[PROBE_MAX_MSGS];
	size_t n;
	char reflector[NETADDR_STRLEN];
	unsigned tries;		/* datagrams and segments sent + failed connects */
	int nat_seen;		/* some answer showed address translation */
	enum probe_verdict verdict;
	char reason[256];
};

void probe_defaults(struct probe_opts *o);
/* probe_run - always fills *res (verdict UNKNOWN when nothing came back);
 * bounded in time by the timeout and retries of o. */
void probe_run(const struct probe_opts *o, struct probe_result *res);
void probe_verdict(struct probe_result *res);
void probe_report_text(FILE *f, const struct probe_result *res);
void probe_report_json(FILE *f, const struct probe_result *res);
/* probe_report_textdup - probe_report_text in a malloc'd string (free it);
 * NULL when out of memory. */
char *probe_report_textdup(const struct probe_result *res);
const char *probe_verdict_str(enum probe_verdict v);
/* probe_silent - 1 when the reflector answered nothing at all */
int probe_silent(const struct probe_result *res);
/* probe_rewritten_str - the names of the rewritten fields, once each
 * ("Via, Contact, SDP c="); "" when nothing was rewritten. */
void probe_rewritten_str(const struct probe_result *res, char *buf,
    size_t len);
/*
 * probe_report_read - *res from the text of probe_report_json ("algoff probe
 * --json"), so a caller that ran the probe as a child reads its verdict and
 * can print probe_report_text. ALGOFF_ERR_INPUT when json is not such a
 * report (no "alg" verdict).
 */
enum algoff_err probe_report_read(const char *json, struct probe_result *res);
/* probe_verdict_parse - the verdict named by s ("absent", "present",
 * "unknown", "untested": the "alg" member of probe_report_json); -1 when s
 * names none. */
int probe_verdict_parse(const char *s, enum probe_verdict *v);

#endif
