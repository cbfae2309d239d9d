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

	if (r->received == 0)
		n++;		/* the echo service did not answer: nothing measured */
	else {
		n += r->rtt_avg >= o->max_rtt_ms;
		n += r->jitter_ms >= o->max_jitter_ms;
		n += r->loss_pct >= o->max_loss_pct;
	}
	n += !r->sip_udp;
	n += r->rtp_ok < r->rtp_tested;
	return n;
}

static void
nc_no_answer(FILE *f, const struct netcheck_opts *o,
    const struct netcheck_result *r)
{
	char a[NETADDR_STRLEN];

	netaddr_format((const struct sockaddr *)&o->dst.ss, a, sizeof(a));
	fprintf(f, "no answer from reflector %s after %u tries", a, r->tries);
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

/* RTT, jitter, loss and MOS: "n/a" when no echo came back */
static void
nc_text_echo(FILE *f, const struct netcheck_opts *o,
    const struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);

	if (r->received == 0) {
		fprintf(f, "FAIL  echo   no answer from UDP port %u: %u packets "
		    "sent, none came back\n", o->echo_port ? o->echo_port :
		    (netaddr_port((const struct sockaddr *)&o->dst.ss) + 1) &
		    0xffff, r->sent);
		fprintf(f, "n/a   RTT n/a, jitter n/a, loss n/a, MOS n/a (not "
		    "measured)\n");
		return;
	}
	fprintf(f, "%s  RTT    min/avg/max %.1f/%.1f/%.1f ms (threshold < %.0f ms)\n",
	    nc_mark(r->rtt_avg < o->max_rtt_ms), r->rtt_min, r->rtt_avg,
	    r->rtt_max, o->max_rtt_ms);
	fprintf(f, "%s  jitter %.2f ms, RFC 3550 interarrival (threshold < %.0f ms)\n",
	    nc_mark(r->jitter_ms < o->max_jitter_ms), r->jitter_ms,
	    o->max_jitter_ms);
	fprintf(f, "%s  loss   %.2f %% (%u of %u lost; threshold < %.1f %%)\n",
	    nc_mark(r->loss_pct < o->max_loss_pct), r->loss_pct, r->lost,
	    r->sent, o->max_loss_pct);
	for (i = 0; i < n && i < 2; i++)
		fprintf(f, "%s  MOS    %s %.2f (R %.1f; Ie %.0f, Bpl %.1f; "
		    "good >= 4.0)\n", r->mos[i] >= 4.0 ? "ok  " : "warn",
		    c[i].name, r->mos[i], r->r[i], c[i].ie, c[i].bpl);
}

static void
nc_text(FILE *f, const struct netcheck_opts *o, const struct netcheck_result *r)
{
	size_t i;
	unsigned port = netaddr_port((const struct sockaddr *)&o->dst.ss);

	if (netcheck_silent(r)) {
		nc_no_answer(f, o, r);
		fprintf(f, "\n");
	}
	fprintf(f, "Network checks: %u packets of %u bytes every %u ms\n",
	    o->count, o->size, o->interval_ms);
	nc_text_echo(f, o, r);
	fprintf(f, "%s  SIP %u/UDP reachable: %s\n", nc_mark(r->sip_udp),
	    port, r->sip_udp ? "yes" : "no");
	fprintf(f, "%s  SIP %u/TCP reachable: %s\n", r->sip_tcp ? "ok  " : "warn",
	    port, r->sip_tcp ? "yes" : "no");
	if (r->received == 0)
		fprintf(f, "n/a   RTP %u-%u: not tested (they use the echo "
		    "service)\n", o->rtp_lo, o->rtp_hi);
	else {
		fprintf(f, "%s  RTP %u-%u: %u of %u sampled local ports answered",
		    nc_mark(r->rtp_ok == r->rtp_tested), o->rtp_lo, o->rtp_hi,
		    r->rtp_ok, r->rtp_tested);
		for (i = 0; i < 16 && i + r->rtp_ok < r->rtp_tested; i++)
			fprintf(f, "%s%u", i ? "," : " (failed: ", r->rtp_bad[i]);
		fprintf(f, "%s\n", r->rtp_ok < r->rtp_tested ? ")" : "");
	}
	nc_text_dscp(f, "to reflector", r->tos_fwd);
	nc_text_dscp(f, "from reflector", r->tos_back);
	if (o->calls > 0)
		voip_bandwidth_print(f, o->calls, 0);
	fprintf(f, "Network: %s\n", netcheck_silent(r) ? "unknown (no answer)" :
	    netcheck_failed(o, r) ? "FAIL" : "ok");
}

/* a measured number, or null when nothing was measured */
static void
nc_json_num(FILE *f, const char *key, int measured, double v)
{
	if (measured)
		fprintf(f, "\"%s\":%.3f", key, v);
	else
		fprintf(f, "\"%s\":null", key);
}

static void
nc_json(FILE *f, const struct netcheck_opts *o, const struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);

	int m = r->received > 0;

	fprintf(f, "{\"count\":%u,\"size\":%u,\"interval_ms\":%u,\"sent\":%u,"
	    "\"received\":%u,\"duplicates\":%u,\"tries\":%u,\"error\":",
	    o->count, o->size, o->interval_ms, r->sent, r->received,
	    r->late_dup, r->tries);
	if (netcheck_silent(r)) {
		fprintf(f, "\"");
		nc_no_answer(f, o, r);	/* digits, dots, colons: no escaping */
		fprintf(f, "\",\"rtt_ms\":");
	} else
		fprintf(f, "null,\"rtt_ms\":");
	if (m)
		fprintf(f, "{\"min\":%.3f,\"avg\":%.3f,\"max\":%.3f}",
		    r->rtt_min, r->rtt_avg, r->rtt_max);
	else
		fprintf(f, "null");
	fprintf(f, ",");
	nc_json_num(f, "jitter_ms", m, r->jitter_ms);
	fprintf(f, ",");
	nc_json_num(f, "loss_pct", m, r->loss_pct);
	fprintf(f, ",\"thresholds\":{\"rtt_ms\":%.1f,\"jitter_ms\":%.1f,"
	    "\"loss_pct\":%.2f},\"mos\":[", o->max_rtt_ms, o->max_jitter_ms,
	    o->max_loss_pct);
	for (i = 0; i < n && i < 2; i++) {
		fprintf(f, "%s{\"codec\":\"%s\",", i ? "," : "", c[i].name);
		nc_json_num(f, "r", m, r->r[i]);
		fprintf(f, ",");
		nc_json_num(f, "mos", m, r->mos[i]);
		fprintf(f, ",\"ie\":%.1f,\"bpl\":%.1f}", c[i].ie, c[i].bpl);
	}
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
