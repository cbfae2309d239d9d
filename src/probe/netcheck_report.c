/* SPDX-License-Identifier: MIT */
/* netcheck_report.c - thresholds and text/JSON output of the checks. */
#include "config.h"

#include <stdio.h>

#include "core/json.h"
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
#define NC_NUM(measured, v) ((measured) ? json_real(v) : json_null())

static json_t *
nc_obj3(const char *k1, double v1, const char *k2, double v2,
    const char *k3, double v3)
{
	json_t *o = json_object();

	json_object_set_new(o, k1, json_real(v1));
	json_object_set_new(o, k2, json_real(v2));
	json_object_set_new(o, k3, json_real(v3));
	return o;
}

#define NC_INT(o, k, v) json_object_set_new((o), (k), json_integer(v))

static void
nc_json(FILE *f, const struct netcheck_opts *o, const struct netcheck_result *r)
{
	size_t i, n;
	const struct codec_info *c = voip_codecs(&n);
	json_t *doc = json_doc("algoff.netcheck/1"), *mos = json_array(), *mo,
	    *rtp = json_object();
	int m = r->received > 0;

	NC_INT(doc, "count", o->count);
	NC_INT(doc, "size", o->size);
	NC_INT(doc, "interval_ms", o->interval_ms);
	NC_INT(doc, "sent", r->sent);
	NC_INT(doc, "received", r->received);
	NC_INT(doc, "duplicates", r->late_dup);
	NC_INT(doc, "tries", r->tries);
	if (netcheck_silent(r)) {
		char *err = NULL;
		size_t len = 0;
		FILE *ef = open_memstream(&err, &len);

		if (ef != NULL) {
			nc_no_answer(ef, o, r);
			fclose(ef);
		}
		json_set_text(doc, "error", err);
		free(err);
	} else
		json_object_set_new(doc, "error", json_null());
	json_object_set_new(doc, "rtt_ms", m ? nc_obj3("min", r->rtt_min,
	    "avg", r->rtt_avg, "max", r->rtt_max) : json_null());
	json_object_set_new(doc, "jitter_ms", NC_NUM(m, r->jitter_ms));
	json_object_set_new(doc, "loss_pct", NC_NUM(m, r->loss_pct));
	json_object_set_new(doc, "thresholds", nc_obj3("rtt_ms", o->max_rtt_ms,
	    "jitter_ms", o->max_jitter_ms, "loss_pct", o->max_loss_pct));
	for (i = 0; i < n && i < 2; i++) {
		mo = json_object();
		json_object_set_new(mo, "r", NC_NUM(m, r->r[i]));
		json_object_set_new(mo, "mos", NC_NUM(m, r->mos[i]));
		json_object_set_new(mo, "ie", json_real(c[i].ie));
		json_object_set_new(mo, "bpl", json_real(c[i].bpl));
		json_object_set_new(mo, "codec", json_string(c[i].name));
		json_array_append_new(mos, mo);
	}
	json_object_set_new(doc, "mos", mos);
	json_object_set_new(doc, "sip_udp", json_boolean(r->sip_udp));
	json_object_set_new(doc, "sip_tcp", json_boolean(r->sip_tcp));
	NC_INT(rtp, "lo", o->rtp_lo);
	NC_INT(rtp, "hi", o->rtp_hi);
	NC_INT(rtp, "tested", r->rtp_tested);
	NC_INT(rtp, "ok", r->rtp_ok);
	json_object_set_new(doc, "rtp", rtp);
	NC_INT(doc, "dscp_sent", DSCP_EF);
	NC_INT(doc, "dscp_seen", r->tos_fwd < 0 ? -1 : r->tos_fwd >> 2);
	NC_INT(doc, "dscp_back", r->tos_back < 0 ? -1 : r->tos_back >> 2);
	json_object_set_new(doc, "ef_survives",
	    json_boolean(nc_dscp_ok(r->tos_fwd)));
	NC_INT(doc, "failed", netcheck_failed(o, r));
	if (o->calls > 0)
		json_object_set_new(doc, "bandwidth",
		    voip_bandwidth_json(o->calls));
	(void)json_print(f, doc);
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
