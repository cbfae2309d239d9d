/* SPDX-License-Identifier: MIT */
/*
 * netcheck.h - VoIP network checks against an algoff reflector: RTT,
 * RFC 3550 jitter and loss over N RTP-sized UDP packets to the echo
 * service, E-model MOS for G.711 and G.729, reachability of SIP 5060 over
 * UDP and TCP and of a sample of local RTP ports, and DSCP EF survival.
 */
#ifndef ALGOFF_NETCHECK_H
#define ALGOFF_NETCHECK_H

#include <stdio.h>

#include "probe/netaddr.h"

struct netcheck_opts {
	struct netaddr dst;	/* reflector SIP address */
	unsigned echo_port;	/* 0: SIP port + 1 */
	unsigned count;		/* echo packets */
	unsigned interval_ms;
	unsigned size;		/* bytes per packet (172 = RTP + 20 ms G.711) */
	unsigned rtp_lo, rtp_hi, rtp_sample;
	unsigned calls;		/* bandwidth table for this many calls; 0 none */
	int timeout_ms;		/* wait for stragglers / replies */
	double max_rtt_ms, max_jitter_ms, max_loss_pct;
};

struct netcheck_result {
	unsigned sent, received, lost, late_dup;
	double rtt_min, rtt_avg, rtt_max;
	double jitter_ms;
	double loss_pct;
	int tos_fwd;		/* TOS the reflector saw; -1 unknown */
	int tos_back;		/* TOS of the reflector's answers here */
	int sip_udp, sip_tcp;	/* 1 reachable, 0 not */
	unsigned rtp_tested, rtp_ok;
	unsigned rtp_bad[16];	/* first failing ports */
	double r[2], mos[2];	/* G.711, G.729; only when received > 0 */
	unsigned tries;		/* echo packets + SIP tries sent */
};

void netcheck_defaults(struct netcheck_opts *o);
/* netcheck_run - measure; 0 when the echo service answered at all. With
 * no echo (received 0) RTT, jitter, loss and MOS are not measured and the
 * RTP ports are not tested (they use the echo service). */
int netcheck_run(const struct netcheck_opts *o, struct netcheck_result *r);
enum netcheck_outcome {
	NC_PASSED,        /* every threshold met */
	NC_FAILED,        /* a threshold failed */
	NC_UNREACHABLE,   /* neither the echo service nor SIP answered */
};
/* netcheck_main - run, print text or JSON, return the outcome. */
enum netcheck_outcome netcheck_main(const struct netcheck_opts *o, int json);
void netcheck_print(FILE *f, const struct netcheck_opts *o,
    const struct netcheck_result *r, int json);
/* netcheck_failed - number of failed thresholds (warnings not counted). */
int netcheck_failed(const struct netcheck_opts *o,
    const struct netcheck_result *r);
/* netcheck_silent - 1 when neither the echo service nor SIP answered */
int netcheck_silent(const struct netcheck_result *r);

#endif
