/* SPDX-License-Identifier: MIT */
/* probe_report.c - the ALG verdict and its text and JSON reports. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	default:
		return "unknown";
	}
}

int
probe_verdict_parse(const char *s, enum probe_verdict *v)
{
	static const enum probe_verdict all[] = { PROBE_ABSENT, PROBE_PRESENT,
	    PROBE_UNKNOWN };
	size_t i;

	for (i = 0; s != NULL && i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(s, probe_verdict_str(all[i])) == 0) {
			*v = all[i];
			return 0;
		}
	return -1;
}

void
probe_verdict(struct probe_result *res)
{
	size_t i, sent = 0, answered = 0, changed = 0;
	const struct probe_msg *m;

	for (i = 0; i < res->n; i++) {
		m = &res->msg[i];
		sent += m->sent;
		answered += m->answered;
		changed += m->answered && (m->diff.n > 0 || m->diff.more > 0);
	}
	if (changed > 0) {
		res->verdict = PROBE_PRESENT;
		snprintf(res->reason, sizeof(res->reason),
		    "%zu of %zu messages were rewritten on the way%s", changed,
		    res->n, sent > answered ?
		    " (and some were dropped: an ALG may drop SIP it mangles)" :
		    "");
	} else if (answered > 0 && answered == sent && answered == res->n) {
		res->verdict = PROBE_ABSENT;
		snprintf(res->reason, sizeof(res->reason),
		    "all %zu messages arrived byte for byte", answered);
	} else if (answered == 0) {
		res->verdict = PROBE_UNKNOWN;
		snprintf(res->reason, sizeof(res->reason),
		    "no message came back from the reflector");
	} else {
		res->verdict = PROBE_UNKNOWN;
		snprintf(res->reason, sizeof(res->reason),
		    "%zu of %zu messages arrived unchanged, the others were "
		    "dropped or refused (an ALG may drop SIP it cannot parse)",
		    answered, res->n);
	}
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

	fprintf(f, "SIP ALG probe against reflector %s\n", res->reflector);
	for (i = 0; i < res->n; i++)
		probe_text_msg(f, &res->msg[i]);
	probe_rewritten_str(res, fields, sizeof(fields));
	if (fields[0] != '\0')
		fprintf(f, "Rewritten fields: %s\n", fields);
	fprintf(f, "Reason: %s\n", res->reason);
	fprintf(f, "ALG: %s\n", probe_verdict_str(res->verdict));
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

struct probe_rd {
	struct probe_result *res;
	int have_verdict;
};

#define RD_STR(dst, v) snprintf((dst), sizeof(dst), "%s", (v))

static void
probe_rd_change(struct probe_msg *m, size_t j, const char *key,
    const char *v)
{
	struct sipdiff_item *it;

	if (j >= SIPDIFF_MAX) {
		m->diff.more += strcmp(key, "field") == 0;
		return;
	}
	it = &m->diff.item[j];
	if (j >= m->diff.n)
		m->diff.n = j + 1;
	if (strcmp(key, "field") == 0)
		RD_STR(it->field, v);
	else if (strcmp(key, "sent") == 0)
		RD_STR(it->sent, v);
	else if (strcmp(key, "received") == 0)
		RD_STR(it->got, v);
}

static void
probe_rd_msg(struct probe_msg *m, const char *key, const char *v, int str)
{
	size_t j;
	int off = 0;

	if (sscanf(key, "changes[%zu].%n", &j, &off) == 1 && off > 0) {
		probe_rd_change(m, j, key + off, v);
		return;
	}
	if (!str && strcmp(v, "null") == 0)
		return;
	if (strcmp(key, "transport") == 0) RD_STR(m->transport, v);
	else if (strcmp(key, "method") == 0) RD_STR(m->method, v);
	else if (strcmp(key, "local") == 0) RD_STR(m->local, v);
	else if (strcmp(key, "seen") == 0) RD_STR(m->seen, v);
	else if (strcmp(key, "error") == 0) RD_STR(m->error, v);
	else if (strcmp(key, "sent") == 0) m->sent = strcmp(v, "true") == 0;
	else if (strcmp(key, "answered") == 0)
		m->answered = strcmp(v, "true") == 0;
	else if (strcmp(key, "status") == 0) m->status = atoi(v);
	else if (strcmp(key, "attempts") == 0) m->attempts = atoi(v);
}

static void
probe_rd_emit(void *arg, const char *path, const char *v, int str)
{
	struct probe_rd *rd = arg;
	struct probe_result *res = rd->res;
	size_t i;
	int off = 0;

	if (strcmp(path, "alg") == 0)
		rd->have_verdict = probe_verdict_parse(v, &res->verdict) == 0;
	else if (strcmp(path, "reflector") == 0)
		RD_STR(res->reflector, v);
	else if (strcmp(path, "reason") == 0)
		RD_STR(res->reason, v);
	else if (sscanf(path, "messages[%zu].%n", &i, &off) == 1 && off > 0 &&
	    i < PROBE_MAX_MSGS) {
		if (i >= res->n)
			res->n = i + 1;
		probe_rd_msg(&res->msg[i], path + off, v, str);
	}
}

enum algoff_err
probe_report_read(const char *json, struct probe_result *res)
{
	struct probe_rd rd = { .res = res };

	memset(res, 0, sizeof(*res));
	res->verdict = PROBE_UNKNOWN;
	if (json_scan(json, probe_rd_emit, &rd) != 0 || !rd.have_verdict)
		return ALGOFF_ERR_INPUT;
	return ALGOFF_OK;
}
