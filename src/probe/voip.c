/* SPDX-License-Identifier: MIT */
/*
 * voip.c - jitter, E-model and bandwidth arithmetic (see voip.h).
 *
 * Sources: RFC 3550 section 6.4.1 and appendix A.8 (jitter); ITU-T G.107
 * (06/2015) section 7 and Annex B (E-model, R -> MOS); ITU-T G.113 (11/2007)
 * Appendix I, Table I.1 (Ie) and Table I.3 (Bpl): G.711 with packet loss
 * concealment Ie = 0, Bpl = 25.1; G.729A with VAD Ie = 11, Bpl = 19.0.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "core/json.h"
#include "probe/voip.h"

static const struct codec_info voip_codec_table[] = {
	{ .name = "G.711", .payload_kbps = 64.0, .ptime_ms = 20,
	  .ie = 0.0, .bpl = 25.1, .delay_ms = 20.0 },
	{ .name = "G.729", .payload_kbps = 8.0, .ptime_ms = 20,
	  .ie = 11.0, .bpl = 19.0, .delay_ms = 25.0 },
};

void
jitter_init(struct jitter_est *je)
{
	memset(je, 0, sizeof(*je));
}

void
jitter_update(struct jitter_est *je, double transit)
{
	double d;

	if (je->have) {
		d = fabs(transit - je->prev_transit);
		je->j += (d - je->j) / 16.0;
	}
	je->prev_transit = transit;
	je->have = 1;
}

const struct codec_info *
voip_codecs(size_t *n)
{
	*n = sizeof(voip_codec_table) / sizeof(voip_codec_table[0]);
	return voip_codec_table;
}

const struct codec_info *
voip_codec(const char *name)
{
	size_t i, n;
	const struct codec_info *t = voip_codecs(&n);

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

double
emodel_idd(double ta_ms)
{
	double x;

	if (ta_ms <= 100.0)
		return 0.0;
	x = log(ta_ms / 100.0) / log(2.0);
	return 25.0 * (pow(1.0 + pow(x, 6.0), 1.0 / 6.0) -
	    3.0 * pow(1.0 + pow(x / 3.0, 6.0), 1.0 / 6.0) + 2.0);
}

double
emodel_ie_eff(double ie, double bpl, double ppl_pct)
{
	if (ppl_pct <= 0.0)
		return ie;
	return ie + (95.0 - ie) * ppl_pct / (ppl_pct + bpl);
}

double
emodel_r(double ta_ms, double ppl_pct, const struct codec_info *c)
{
	return EMODEL_R_DEFAULT - emodel_idd(ta_ms) -
	    emodel_ie_eff(c->ie, c->bpl, ppl_pct);
}

double
emodel_mos(double r)
{
	if (r <= 0.0)
		return 1.0;
	if (r >= 100.0)
		return 4.5;
	return 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6;
}

double
voip_mouth_to_ear(double rtt_ms, double jitter_ms, const struct codec_info *c)
{
	return rtt_ms / 2.0 + 2.0 * jitter_ms + c->delay_ms;
}

double
voip_call_kbps(const struct codec_info *c)
{
	double pps = 1000.0 / c->ptime_ms;
	double payload = c->payload_kbps * 1000.0 / 8.0 / pps;	/* bytes */

	return (payload + VOIP_HDR_BYTES) * 8.0 * pps / 1000.0;
}

double
voip_bandwidth_kbps(const struct codec_info *c, unsigned calls)
{
	return (double)calls * voip_call_kbps(c) * VOIP_OVERHEAD;
}

json_t *
voip_bandwidth_json(unsigned calls)
{
	size_t i, n;
	const struct codec_info *t = voip_codecs(&n);
	json_t *o = json_object(), *a = json_array(), *c;

	json_object_set_new(o, "calls", json_integer(calls));
	json_object_set_new(o, "overhead", json_real(VOIP_OVERHEAD));
	for (i = 0; i < n; i++) {
		c = json_object();
		json_object_set_new(c, "codec", json_string(t[i].name));
		json_object_set_new(c, "per_call_kbps",
		    json_real(voip_call_kbps(&t[i])));
		json_object_set_new(c, "total_kbps",
		    json_real(voip_bandwidth_kbps(&t[i], calls)));
		json_array_append_new(a, c);
	}
	json_object_set_new(o, "codecs", a);
	return o;
}

void
voip_bandwidth_print(FILE *f, unsigned calls, int json)
{
	size_t i, n;
	const struct codec_info *t = voip_codecs(&n);
	json_t *doc, *bw;

	if (json) {
		doc = json_doc("algoff.bandwidth/1");
		bw = voip_bandwidth_json(calls);
		json_object_update(doc, bw);
		json_decref(bw);
		(void)json_print(f, doc);
		return;
	}
	fprintf(f, "Bandwidth for %u concurrent call%s (each direction, "
	    "IP/UDP/RTP headers, %u ms packets, +20 %% overhead):\n",
	    calls, calls == 1 ? "" : "s", t[0].ptime_ms);
	for (i = 0; i < n; i++)
		fprintf(f, "  %-6s %6.1f kbit/s per call -> %9.1f kbit/s "
		    "(%.2f Mbit/s)\n", t[i].name, voip_call_kbps(&t[i]),
		    voip_bandwidth_kbps(&t[i], calls),
		    voip_bandwidth_kbps(&t[i], calls) / 1000.0);
}
