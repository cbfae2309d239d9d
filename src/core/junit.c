/* SPDX-License-Identifier: MIT */
/* junit.c - JUnit XML with xmlTextWriter (see junit.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "core/junit.h"
#include "core/xmlload.h"

#define BODY_MAX (16u * 1024 * 1024)

static void
attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	(void)xmlw_attr(w, name, value);
}

static void
attr_time(xmlTextWriterPtr w, double seconds)
{
	char v[64];

	snprintf(v, sizeof(v), "%.3f", seconds);
	attr(w, "time", v);
}

static void
attr_count(xmlTextWriterPtr w, const char *name, size_t n)
{
	char v[32];

	snprintf(v, sizeof(v), "%zu", n);
	attr(w, name, v);
}

static void
body(xmlTextWriterPtr w, const struct junit_case *c)
{
	struct buf b;
	size_t i;
	int v6 = c->host != NULL && strchr(c->host, ':') != NULL;

	buf_init(&b, BODY_MAX);
	buf_printf(&b, "status: %s\nhost: %s%s%s:%d\nbackup: %s\n"
	    "commands sent:\n", c->status, v6 ? "[" : "",
	    c->host != NULL ? c->host : "-", v6 ? "]" : "", c->port,
	    c->backup != NULL ? c->backup : "-");
	for (i = 0; i < c->n_cmds; i++)
		buf_printf(&b, "  [%s] %s (%s)\n", c->cmds[i].step,
		    c->cmds[i].text, c->cmds[i].status);
	(void)xmlw_text(w, b.data);
	buf_free(&b);
}

static void
tcase(xmlTextWriterPtr w, const struct junit_case *c)
{
	static const char *const el[] = { "system-out", "failure", "error",
	    "skipped" };

	xmlTextWriterStartElement(w, BAD_CAST "testcase");
	attr(w, "classname", c->classname);
	attr(w, "name", c->name);
	attr_time(w, c->seconds);
	xmlTextWriterStartElement(w, BAD_CAST el[c->kind]);
	if (c->kind == JUNIT_FAILURE || c->kind == JUNIT_ERROR)
		attr(w, "type", c->type);
	if (c->kind != JUNIT_PASSED)
		attr(w, "message", c->message);
	if (c->kind != JUNIT_SKIPPED)
		body(w, c);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

static void
counts(xmlTextWriterPtr w, const struct junit_suite *s)
{
	size_t i, n[4] = { 0, 0, 0, 0 };

	for (i = 0; i < s->n; i++)
		n[s->cases[i].kind]++;
	attr_count(w, "tests", s->n);
	attr_count(w, "failures", n[JUNIT_FAILURE]);
	attr_count(w, "errors", n[JUNIT_ERROR]);
	attr_count(w, "skipped", n[JUNIT_SKIPPED]);
	attr_time(w, s->seconds);
}

static void
suite(xmlTextWriterPtr w, const struct junit_suite *s)
{
	size_t i;

	xmlTextWriterStartElement(w, BAD_CAST "testsuites");
	attr(w, "name", "algoff batch");
	counts(w, s);
	xmlTextWriterStartElement(w, BAD_CAST "testsuite");
	attr(w, "name", s->name);
	counts(w, s);
	attr(w, "timestamp", s->started);
	xmlTextWriterStartElement(w, BAD_CAST "properties");
	xmlTextWriterStartElement(w, BAD_CAST "property");
	attr(w, "name", "file");
	attr(w, "value", s->file);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, BAD_CAST "property");
	attr(w, "name", "interrupted");
	attr(w, "value", s->interrupted ? "true" : "false");
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	for (i = 0; i < s->n; i++)
		tcase(w, &s->cases[i]);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

int
junit_write(FILE *f, const struct junit_suite *s)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b != NULL ? xmlNewTextWriterMemory(b, 0) : NULL;
	int r;

	if (w == NULL)
		abort();     /* out of memory, as xmalloc */
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	suite(w, s);
	r = xmlTextWriterEndDocument(w) < 0 ? -1 : 0;
	xmlFreeTextWriter(w);
	if (fputs((const char *)xmlBufferContent(b), f) == EOF)
		r = -1;
	xmlBufferFree(b);
	return r;
}
