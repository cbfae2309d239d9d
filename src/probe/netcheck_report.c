/* SPDX-License-Identifier: MIT */
/* netcheck_report.c - thresholds and text/JSON output of the checks. */
#include "config.h"

#include <stdio.h>

#include "probe/netcheck.h"
#include "probe/voip.h"

#define DSCP_EF 46

static int
nc_dscp_ok(int tos)
{
	return tos >= 0 && (tos >> 2) == DSCP_EF;
}

int
netcheck_failed(const struct netcheck_opts *o, const struct netcheck_result *r)
{
	int n = 0;

	n += r->received == 0 || r->rtt_avg >= o->max_rtt_ms;
	n += r->received == 0 || r->jitter_ms >= o->max_jitter_ms;
	n += r->loss_pct >= o->max_loss_pct;
	n += !r->sip_udp;
	n += r->rtp_ok < r->rtp_tested;
	return n;
}

static const char *
nc_mark(int ok)
{
	return ok ? "ok  " : "FAIL";
}

static void
nc_text_dscp(FILE *f, const char *dir, int tos)
{
	if (tos < 0)
		fprintf(f, "warn  DSCP %-22s unknown (no answer or not reported)\n",
		    dir);
	else
		fprintf(f, "%s  DSCP %-22s %d%s\n", nc_dscp_ok(tos) ? "ok  " : "warn",
		    dir, tos >> 2, nc_dscp_ok(tos) ? " (EF kept)" :
		    " (EF 46 was re-marked)");
}

static void
nc_text(FILE *f, const struct netcheck_opts *o, const struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);

	fprintf(f, "Network checks: %u packets of %u bytes every %u ms\n",
	    o->count, o->size, o->interval_ms);
	fprintf(f, "%s  RTT    min/avg/max %.1f/%.1f/%.1f ms (threshold < %.0f ms)\n",
	    nc_mark(r->received && r->rtt_avg < o->max_rtt_ms), r->rtt_min,
	    r->rtt_avg, r->rtt_max, o->max_rtt_ms);
	fprintf(f, "%s  jitter %.2f ms, RFC 3550 interarrival (threshold < %.0f ms)\n",
	    nc_mark(r->received && r->jitter_ms < o->max_jitter_ms),
	    r->jitter_ms, o->max_jitter_ms);
	fprintf(f, "%s  loss   %.2f %% (%u of %u lost; threshold < %.1f %%)\n",
	    nc_mark(r->loss_pct < o->max_loss_pct), r->loss_pct, r->lost,
	    r->sent, o->max_loss_pct);
	for (i = 0; i < n && i < 2; i++)
		fprintf(f, "%s  MOS    %s %.2f (R %.1f; Ie %.0f, Bpl %.1f; "
		    "good >= 4.0)\n", r->mos[i] >= 4.0 ? "ok  " : "warn",
		    c[i].name, r->mos[i], r->r[i], c[i].ie, c[i].bpl);
	fprintf(f, "%s  SIP %u/UDP reachable: %s\n", nc_mark(r->sip_udp),
	    netaddr_port((const struct sockaddr *)&o->dst.ss),
	    r->sip_udp ? "yes" : "no");
	fprintf(f, "%s  SIP %u/TCP reachable: %s\n", r->sip_tcp ? "ok  " : "warn",
	    netaddr_port((const struct sockaddr *)&o->dst.ss),
	    r->sip_tcp ? "yes" : "no");
	fprintf(f, "%s  RTP %u-%u: %u of %u sampled local ports answered",
	    nc_mark(r->rtp_ok == r->rtp_tested), o->rtp_lo, o->rtp_hi,
	    r->rtp_ok, r->rtp_tested);
	for (i = 0; i < 16 && i + r->rtp_ok < r->rtp_tested; i++)
		fprintf(f, "%s%u", i ? "," : " (failed: ", r->rtp_bad[i]);
	fprintf(f, "%s\n", r->rtp_ok < r->rtp_tested ? ")" : "");
	nc_text_dscp(f, "to reflector", r->tos_fwd);
	nc_text_dscp(f, "from reflector", r->tos_back);
	if (o->calls > 0)
		voip_bandwidth_print(f, o->calls, 0);
	fprintf(f, "Network: %s\n", netcheck_failed(o, r) ? "FAIL" : "ok");
}

static void
nc_json(FILE *f, const struct netcheck_opts *o, const struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);

	fprintf(f, "{\"count\":%u,\"size\":%u,\"interval_ms\":%u,\"sent\":%u,"
	    "\"received\":%u,\"duplicates\":%u,\"rtt_ms\":{\"min\":%.3f,"
	    "\"avg\":%.3f,\"max\":%.3f},\"jitter_ms\":%.3f,\"loss_pct\":%.3f,",
	    o->count, o->size, o->interval_ms, r->sent, r->received,
	    r->late_dup, r->rtt_min, r->rtt_avg, r->rtt_max, r->jitter_ms,
	    r->loss_pct);
	fprintf(f, "\"thresholds\":{\"rtt_ms\":%.1f,\"jitter_ms\":%.1f,"
	    "\"loss_pct\":%.2f},\"mos\":[", o->max_rtt_ms, o->max_jitter_ms,
	    o->max_loss_pct);
	for (i = 0; i < n && i < 2; i++)
		fprintf(f, "%s{\"codec\":\"%s\",\"r\":%.2f,\"mos\":%.3f,\"ie\":%.1f,"
		    "\"bpl\":%.1f}", i ? "," : "", c[i].name, r->r[i], r->mos[i],
		    c[i].ie, c[i].bpl);
	fprintf(f, "],\"sip_udp\":%s,\"sip_tcp\":%s,\"rtp\":{\"lo\":%u,\"hi\":%u,"
	    "\"tested\":%u,\"ok\":%u},\"dscp_sent\":%d,\"dscp_seen\":%d,"
	    "\"dscp_back\":%d,\"ef_survives\":%s,\"failed\":%d",
	    r->sip_udp ? "true" : "false", r->sip_tcp ? "true" : "false",
	    o->rtp_lo, o->rtp_hi, r->rtp_tested, r->rtp_ok, DSCP_EF,
	    r->tos_fwd < 0 ? -1 : r->tos_fwd >> 2,
	    r->tos_back < 0 ? -1 : r->tos_back >> 2,
	    nc_dscp_ok(r->tos_fwd) ? "true" : "false", netcheck_failed(o, r));
	if (o->calls > 0) {
		fprintf(f, ",\"bandwidth\":");
		voip_bandwidth_print(f, o->calls, 1);
		fprintf(f, "}\n");
	} else
		fprintf(f, "}\n");
}

void
netcheck_print(FILE *f, const struct netcheck_opts *o,
    const struct netcheck_result *r, int json)
{
	if (json)
		nc_json(f, o, r);
	else
		nc_text(f, o, r);
}
