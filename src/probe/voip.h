/* SPDX-License-Identifier: MIT */
/*
 * voip.h - pure VoIP arithmetic: RFC 3550 interarrival jitter, the ITU-T
 * G.107 E-model (R factor and MOS), and the bandwidth of N calls per codec.
 * No I/O except voip_bandwidth_print.
 */
#ifndef ALGOFF_VOIP_H
#define ALGOFF_VOIP_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* RFC 3550 section 6.4.1 / A.8: J += (|D(i-1,i)| - J) / 16. */
struct jitter_est {
	double j;		/* current estimate, same unit as transit */
	double prev_transit;
	int have;
};

void jitter_init(struct jitter_est *je);
void jitter_update(struct jitter_est *je, double transit);

struct codec_info {
	const char *name;
	double payload_kbps;	/* codec bit rate */
	unsigned ptime_ms;	/* packetisation interval */
	double ie;		/* equipment impairment (ITU-T G.113 App. I) */
	double bpl;		/* packet-loss robustness (G.113 App. I) */
	double delay_ms;	/* packetisation + look-ahead delay */
};

#define VOIP_HDR_BYTES 40	/* IPv4 20 + UDP 8 + RTP 12 */
#define VOIP_OVERHEAD 1.20	/* the 20 % rule: signalling, L2, bursts */
#define EMODEL_R_DEFAULT 93.2	/* G.107 R with all default parameters */

const struct codec_info *voip_codecs(size_t *n);
const struct codec_info *voip_codec(const char *name);

/* emodel_idd - G.107 (06/2015) eq. 7-28 delay impairment, mA = 100 ms. */
double emodel_idd(double ta_ms);
/* emodel_ie_eff - G.107 eq. 7-29 with random loss (BurstR = 1). */
double emodel_ie_eff(double ie, double bpl, double ppl_pct);
/* emodel_r - R = 93.2 - Idd(Ta) - Ie,eff (Is, Idte, Idle at defaults). */
double emodel_r(double ta_ms, double ppl_pct, const struct codec_info *c);
/* emodel_mos - G.107 Annex B R -> MOS-CQE. */
double emodel_mos(double r);
/* voip_mouth_to_ear - Ta = RTT/2 + jitter buffer (2 x jitter) + codec. */
double voip_mouth_to_ear(double rtt_ms, double jitter_ms,
    const struct codec_info *c);

/* voip_call_kbps - one call, one direction, at the IP layer. */
double voip_call_kbps(const struct codec_info *c);
/* voip_bandwidth_kbps - calls x voip_call_kbps x 1.20. */
double voip_bandwidth_kbps(const struct codec_info *c, unsigned calls);
/* voip_bandwidth_print - the table for people, or with json the
 * "algoff.bandwidth/1" document; voip_bandwidth_json - its members. */
void voip_bandwidth_print(FILE *f, unsigned calls, int json);
json_t *voip_bandwidth_json(unsigned calls);

#endif
