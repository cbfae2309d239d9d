/* SPDX-License-Identifier: MIT */
/* probe_report.c - the ALG verdict and its text and JSON reports. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "probe/probe.h"

#define PROBE_MAX_FIELDS 32

const char *
probe_verdict_str(enum probe_verdict v)
{
	switch (v) {
	case PROBE_ABSENT:
		return "absent";
	case PROBE_PRESENT:
		return "present";
	case PROBE_UNTESTED:
		return "untested";
	default:
		return "unknown";
	}
}

int
probe_verdict_parse(const char *s, enum probe_verdict *v)
{
	static const enum probe_verdict all[] = { PROBE_ABSENT, PROBE_PRESENT,
	    PROBE_UNKNOWN, PROBE_UNTESTED };
	size_t i;

	for (i = 0; s != NULL && i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(s, probe_verdict_str(all[i])) == 0) {
			*v = all[i];
			return 0;
		}
	return -1;
}

/* Split "ip:port" / "[ip]:port" at the last colon. */
static void
probe_split(const char *s, char *ip, size_t n, const char **port)
{
	const char *c = strrchr(s, ':');
	size_t l = c ? (size_t)(c - s) : strlen(s);

	if (l >= n)
		l = n - 1;
	memcpy(ip, s, l);
	ip[l] = '\0';
	*port = c ? c + 1 : "";
}

static void
probe_nat(const struct probe_msg *m, int *addr_changed, int *port_changed)
{
	char a[NETADDR_STRLEN], b[NETADDR_STRLEN];
	const char *pa, *pb;

	probe_split(m->local, a, sizeof(a), &pa);
	probe_split(m->seen, b, sizeof(b), &pb);
	*addr_changed = strcmp(a, b) != 0;
	*port_changed = strcmp(pa, pb) != 0;
}

int
probe_silent(const struct probe_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++)
		if (res->msg[i].answered || res->msg[i].status != 0)
			return 0;
	return 1;
}

/* UNKNOWN when nothing usable came back: why, in one line */
static void
probe_why_unknown(struct probe_result *res, size_t answered)
{
	size_t i;

	res->verdict = PROBE_UNKNOWN;
	if (probe_silent(res) && res->tries > 0) {
		snprintf(res->reason, sizeof(res->reason), "no answer from "
		    "reflector %s after %u tr%s", res->reflector, res->tries,
		    res->tries == 1 ? "y" : "ies");
		return;
	}
	for (i = 0; answered == 0 && i < res->n; i++)
		if (res->msg[i].error[0] != '\0') {
			snprintf(res->reason, sizeof(res->reason), "nothing came "
			    "back: %s %s: %s", res->msg[i].transport,
			    res->msg[i].method, res->msg[i].error);
			return;
		}
	snprintf(res->reason, sizeof(res->reason), "%zu of %zu messages "
	    "arrived unchanged, the others were dropped or refused (an ALG "
	    "may drop SIP it cannot parse)", answered, res->n);
}

void
probe_verdict(struct probe_result *res)
{
	size_t i, sent = 0, answered = 0, changed = 0;
	const struct probe_msg *m;
	int ac, pc;

	res->nat_seen = 0;
	for (i = 0; i < res->n; i++) {
		m = &res->msg[i];
		sent += m->sent;
		answered += m->answered;
		changed += m->answered && (m->diff.n > 0 || m->diff.more > 0);
		if (m->answered) {
			probe_nat(m, &ac, &pc);
			res->nat_seen |= ac || pc;
		}
	}
	if (changed > 0) {
		res->verdict = PROBE_PRESENT;
		snprintf(res->reason, sizeof(res->reason),
		    "%zu of %zu messages were rewritten on the way%s", changed,
		    res->n, sent > answered ?
		    " (and some were dropped: an ALG may drop SIP it mangles)" :
		    "");
	} else if (answered > 0 && !res->nat_seen) {
		res->verdict = PROBE_UNTESTED;
		snprintf(res->reason, sizeof(res->reason), "no address "
		    "translation seen: the path did not cross a NAT router; run "
		    "the reflector outside the router");
	} else if (answered > 0 && answered == sent && answered == res->n) {
		res->verdict = PROBE_ABSENT;
		snprintf(res->reason, sizeof(res->reason),
		    "all %zu messages arrived byte for byte", answered);
	} else
		probe_why_unknown(res, answered);
}

/* Unique field names (without "[n]") across all messages. */
static size_t
probe_fields(const struct probe_result *res, char f[][48], size_t max)
{
	size_t i, j, k, n = 0;
	char name[48], *br;

	for (i = 0; i < res->n; i++)
		for (j = 0; j < res->msg[i].diff.n; j++) {
			snprintf(name, sizeof(name), "%s",
			    res->msg[i].diff.item[j].field);
			if ((br = strchr(name, '[')) != NULL)
				*br = '\0';
			for (k = 0; k < n && strcmp(f[k], name) != 0; k++)
				;
			if (k == n && n < max)
				snprintf(f[n++], 48, "%s", name);
		}
	return n;
}

void
probe_rewritten_str(const struct probe_result *res, char *buf, size_t len)
{
	char fields[PROBE_MAX_FIELDS][48];
	size_t i, n = probe_fields(res, fields, PROBE_MAX_FIELDS), k = 0;
	int w;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < n && k < len; i++) {
		w = snprintf(buf + k, len - k, "%s%s", i ? ", " : "", fields[i]);
		if (w < 0)
			break;
		k += (size_t)w;
	}
}

static void
probe_text_msg(FILE *f, const struct probe_msg *m)
{
	int ac, pc;
	size_t j;

	fprintf(f, "%s %s: ", m->transport, m->method);
	if (!m->answered) {
		fprintf(f, "%s %s\n", m->sent ? "DROPPED," : "not sent,",
		    m->error);
		return;
	}
	probe_nat(m, &ac, &pc);
	fprintf(f, "sent from %s, reflector saw %s", m->local, m->seen);
	if (ac || pc)
		fprintf(f, " (NAT: %s%s%s; expected through NAT, not an ALG)",
		    ac ? "address translated" : "", ac && pc ? ", " : "",
		    pc ? "port translated" : "");
	fprintf(f, "\n");
	if (m->diff.n == 0)
		fprintf(f, "  unchanged: arrived byte for byte\n");
	for (j = 0; j < m->diff.n; j++)
		fprintf(f, "  rewritten %s: \"%s\" -> \"%s\"\n",
		    m->diff.item[j].field, m->diff.item[j].sent,
		    m->diff.item[j].got);
	if (m->diff.more)
		fprintf(f, "  ... and %zu more changes\n", m->diff.more);
}

void
probe_report_text(FILE *f, const struct probe_result *res)
{
	char fields[PROBE_MAX_FIELDS * 50];
	size_t i;

	if (probe_silent(res) && res->tries > 0) {
		fprintf(f, "%s\nALG: %s\n", res->reason,
		    probe_verdict_str(res->verdict));
		return;
	}
	fprintf(f, "SIP ALG probe against reflector %s\n", res->reflector);
	for (i = 0; i < res->n; i++)
		probe_text_msg(f, &res->msg[i]);
	probe_rewritten_str(res, fields, sizeof(fields));
	if (fields[0] != '\0')
		fprintf(f, "Rewritten fields: %s\n", fields);
	fprintf(f, "Reason: %s\n", res->reason);
	fprintf(f, "ALG: %s\n", probe_verdict_str(res->verdict));
}

char *
probe_report_textdup(const struct probe_result *res)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	if (f == NULL)
		return NULL;
	probe_report_text(f, res);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static json_t *
probe_json_msg(const struct probe_msg *m)
{
	int ac = 0, pc = 0;
	size_t j;
	json_t *o = json_object(), *nat = json_object(), *ch = json_array(),
	    *c;

	if (m->answered)
		probe_nat(m, &ac, &pc);
	json_set_text(o, "transport", m->transport);
	json_set_text(o, "method", m->method);
	json_object_set_new(o, "sent", json_boolean(m->sent));
	json_object_set_new(o, "answered", json_boolean(m->answered));
	json_object_set_new(o, "status", json_integer(m->status));
	json_object_set_new(o, "attempts", json_integer(m->attempts));
	json_set_text(o, "local", m->local[0] ? m->local : NULL);
	json_set_text(o, "seen", m->seen[0] ? m->seen : NULL);
	json_object_set_new(nat, "address_changed", json_boolean(ac));
	json_object_set_new(nat, "port_changed", json_boolean(pc));
	json_object_set_new(o, "nat", nat);
	json_set_text(o, "error", m->error[0] ? m->error : NULL);
	for (j = 0; j < m->diff.n; j++) {
		c = json_object();
		json_set_text(c, "field", m->diff.item[j].field);
		json_set_text(c, "sent", m->diff.item[j].sent);
		json_set_text(c, "received", m->diff.item[j].got);
		json_array_append_new(ch, c);
	}
	json_object_set_new(o, "changes", ch);
	return o;
}

void
probe_report_json(FILE *f, const struct probe_result *res)
{
	char fields[PROBE_MAX_FIELDS][48];
	size_t i, n = probe_fields(res, fields, PROBE_MAX_FIELDS);
	json_t *doc = json_doc("algoff.probe/1"), *a = json_array();

	json_set_text(doc, "reflector", res->reflector);
	json_object_set_new(doc, "alg",
	    json_string(probe_verdict_str(res->verdict)));
	json_object_set_new(doc, "nat_seen", json_boolean(res->nat_seen));
	json_object_set_new(doc, "tries", json_integer(res->tries));
	json_set_text(doc, "reason", res->reason);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_text(fields[i]));
	json_object_set_new(doc, "rewritten", a);
	a = json_array();
	for (i = 0; i < res->n; i++)
		json_array_append_new(a, probe_json_msg(&res->msg[i]));
	json_object_set_new(doc, "messages", a);
	(void)json_print(f, doc);
}

/* ---- reading probe_report_json back ----------------------------------- */

/* copy the string member key of o into dst (untouched when absent) */
static void
rd_str(json_t *o, const char *key, char *dst, size_t n)
{
	const char *v = json_string_value(json_object_get(o, key));

	if (v != NULL)
		snprintf(dst, n, "%s", v);
}

static int
rd_int(json_t *o, const char *key)
{
	return (int)json_integer_value(json_object_get(o, key));
}

static void
rd_msg(json_t *o, struct probe_msg *m)
{
	json_t *ch = json_object_get(o, "changes"), *c;
	size_t j;

	rd_str(o, "transport", m->transport, sizeof(m->transport));
	rd_str(o, "method", m->method, sizeof(m->method));
	rd_str(o, "local", m->local, sizeof(m->local));
	rd_str(o, "seen", m->seen, sizeof(m->seen));
	rd_str(o, "error", m->error, sizeof(m->error));
	m->sent = json_is_true(json_object_get(o, "sent"));
	m->answered = json_is_true(json_object_get(o, "answered"));
	m->status = rd_int(o, "status");
	m->attempts = rd_int(o, "attempts");
	json_array_foreach(ch, j, c) {
		if (j >= SIPDIFF_MAX) {
			m->diff.more++;
			continue;
		}
		rd_str(c, "field", m->diff.item[j].field,
		    sizeof(m->diff.item[j].field));
		rd_str(c, "sent", m->diff.item[j].sent,
		    sizeof(m->diff.item[j].sent));
		rd_str(c, "received", m->diff.item[j].got,
		    sizeof(m->diff.item[j].got));
		m->diff.n = j + 1;
	}
}

enum algoff_err
probe_report_read(const char *json, struct probe_result *res)
{
	json_t *root = json_loads(json != NULL ? json : "", 0, NULL);
	json_t *msgs, *m;
	size_t i;
	enum algoff_err r = ALGOFF_ERR_INPUT;

	memset(res, 0, sizeof(*res));
	res->verdict = PROBE_UNKNOWN;
	if (!json_is_object(root) || probe_verdict_parse(json_string_value(
	    json_object_get(root, "alg")), &res->verdict) != 0)
		goto out;
	rd_str(root, "reflector", res->reflector, sizeof(res->reflector));
	rd_str(root, "reason", res->reason, sizeof(res->reason));
	res->nat_seen = json_is_true(json_object_get(root, "nat_seen"));
	res->tries = (unsigned)rd_int(root, "tries");
	msgs = json_object_get(root, "messages");
	json_array_foreach(msgs, i, m) {
		if (i >= PROBE_MAX_MSGS)
			break;
		rd_msg(m, &res->msg[i]);
		res->n = i + 1;
	}
	r = ALGOFF_OK;
out:
	json_decref(root);
	return r;
}
