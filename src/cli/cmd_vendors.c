/* SPDX-License-Identifier: MIT */
/* cmd_vendors.c - "algoff vendors [--json]": the vendor catalogue. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/exitcode.h"
#include "core/json.h"
#include "core/vendor.h"

static void
print_json(const struct vendor_set *set)
{
	json_t *doc = json_doc("algoff.vendors/1"), *a = json_array(), *o;
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct vendor *v = set->v[i];

		o = json_object();
		json_set_text(o, "id", v->id);
		json_set_text(o, "name", v->name);
		json_set_text(o, "family", v->family);
		json_object_set_new(o, "method",
		    json_string(vendor_method_name(v->method)));
		json_object_set_new(o, "evidence",
		    vendor_evidence_name(v->evidence) != NULL ?
		    json_string(vendor_evidence_name(v->evidence)) :
		    json_null());
		json_set_text(o, "versions", v->versions);
		json_object_set_new(o, "sources",
		    json_integer((json_int_t)v->n_sources));
		json_array_append_new(a, o);
	}
	json_object_set_new(doc, "vendors", a);
	(void)json_print(stdout, doc);
}

static void
print_table(const struct vendor_set *set)
{
	size_t i;

	printf("%-16s %-7s %-10s %-7s %-34s %s\n", "ID", "METHOD", "EVIDENCE",
	    "SOURCES", "NAME", "VERSIONS");
	for (i = 0; i < set->n; i++) {
		const struct vendor *v = set->v[i];
		const char *ev = vendor_evidence_name(v->evidence);

		printf("%-16s %-7s %-10s %-7zu %-34s %s\n", v->id,
		    vendor_method_name(v->method), ev ? ev : "-",
		    v->n_sources, v->name, v->versions);
	}
}

int
cmd_vendors(int argc, char **argv)
{
	struct vendor_set set;
	struct errbuf eb;
	int json = 0, c;

	cli_json_scan("vendors", argc, argv, 0);
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};

	optind = 1;
	while ((c = cli_getopt("vendors", argc, argv, "h", longopts)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'h') {
			printf("Usage: algoff vendors [--json]\n"
			    "List the vendor profiles: id, method (ssh: algoff "
			    "configures it over SSH; https:\nover the device's "
			    "management API; manual: guided web-interface "
			    "steps), evidence\n(documented: every step rests "
			    "on vendor documentation or device output;\n"
			    "community: some on third-party code or community "
			    "articles - prove the\nresult with algoff probe; "
			    "-: not stated), number of cited sources, name\n"
			    "and versions covered.\n");
			return 0;
		} else
			return EXIT_USAGE;
	}
	if (cli_operands("vendors", argc, argv, 0) != 0)
		return EXIT_USAGE;
	errbuf_clear(&eb);
	if (vendor_load_all(&set, &eb) != ALGOFF_OK)
		return cli_fail("vendors", EXIT_USAGE, "input", "%s", eb.msg);
	if (json)
		print_json(&set);
	else
		print_table(&set);
	vendor_set_free(&set);
	return 0;
}
