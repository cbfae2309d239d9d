/* SPDX-License-Identifier: MIT */
/* cmd_vendors.c - "algoff vendors [--json]": the vendor catalogue. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/exitcode.h"
#include "core/json.h"
#include "core/vendor.h"

static void
print_json(const struct vendor_set *set)
{
	size_t i;

	printf("[");
	for (i = 0; i < set->n; i++) {
		const struct vendor *v = set->v[i];

		printf("%s\n {\"id\":", i ? "," : "");
		json_str(stdout, v->id);
		printf(",\"name\":");
		json_str(stdout, v->name);
		printf(",\"family\":");
		json_str(stdout, v->family);
		printf(",\"method\":\"%s\",\"evidence\":",
		    vendor_method_name(v->method));
		json_str(stdout, vendor_evidence_name(v->evidence));
		printf(",\"versions\":");
		json_str(stdout, v->versions);
		printf(",\"sources\":%zu}", v->n_sources);
	}
	printf("\n]\n");
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
	int json = 0, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
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
			return usage_error("vendors", "unknown option \"%s\"",
			    argv[i]);
	}
	errbuf_clear(&eb);
	if (vendor_load_all(&set, &eb) != ALGOFF_OK) {
		fprintf(stderr, "algoff vendors: %s\n", eb.msg);
		return EXIT_USAGE;
	}
	if (json)
		print_json(&set);
	else
		print_table(&set);
	vendor_set_free(&set);
	return 0;
}
