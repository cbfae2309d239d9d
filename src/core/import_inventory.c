/* SPDX-License-Identifier: MIT */
/*
 * import_inventory.c - devices from the JSON that "ansible-inventory -i
 * INVENTORY --list" prints: groups ({"hosts": [...], "children": [...]})
 * and "_meta": {"hostvars": {HOST: {VAR: VALUE}}}. Per host:
 *   host     ansible_host, else the inventory name
 *   port     ansible_port (ansible_ssh_port)
 *   user     ansible_user (ansible_ssh_user)
 *   identity ansible_ssh_private_key_file
 *   vendor   algoff_vendor, else mapped from ansible_network_os
 *   tags     every group the host is in, directly or through children
 *            (not "all" or "ungrouped"), plus algoff_tags
 *   algoff_ATTR (ATTR of schema/batch.xsd with '_' for '-', such as
 *            algoff_password_env, algoff_known_hosts) and algoff_vars
 *            (an object: template variables).
 * Passwords in the inventory (ansible_password, ...) are never imported:
 * the caller gets a warning naming the variable, never its value.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/import.h"
#include "core/xmalloc.h"

#define INV_MAX_DEPTH 32

/* ansible_network_os values (short and collection names) -> vendor id */
static const struct {
	const char *os, *vendor;
} os_map[] = {
	{ "ios", "cisco-ios" }, { "cisco.ios.ios", "cisco-ios" },
	{ "fortios", "fortigate" }, { "fortinet.fortios.fortios", "fortigate" },
	{ "junos", "juniper-srx" },
	{ "junipernetworks.junos.junos", "juniper-srx" },
	{ "asa", "cisco-asa" }, { "cisco.asa.asa", "cisco-asa" },
	{ "routeros", "mikrotik" },
	{ "community.routeros.routeros", "mikrotik" },
	{ "vyos", "vyos" }, { "vyos.vyos.vyos", "vyos" },
	{ "edgeos", "edgeos" }, { "community.network.edgeos", "edgeos" },
	{ "openwrt", "openwrt" },
};

/* Variables holding secrets: ignored, with the algoff_ variable to use. */
static const struct {
	const char *var, *instead;
} secret_vars[] = {
	{ "ansible_password", "algoff_password_env" },
	{ "ansible_ssh_pass", "algoff_password_env" },
	{ "ansible_ssh_password", "algoff_password_env" },
	{ "ansible_become_password", "algoff_enable_password_env" },
	{ "ansible_become_pass", "algoff_enable_password_env" },
	{ "ansible_ssh_private_key_passphrase", "algoff_passphrase_env" },
};
#define N_SECRET_VARS (sizeof(secret_vars) / sizeof(secret_vars[0]))

/* Ansible variables with an answer file attribute. */
static const struct {
	const char *var;
	enum import_attr attr;
} ansible_vars[] = {
	{ "ansible_host", IA_HOST }, { "ansible_ssh_host", IA_HOST },
	{ "ansible_port", IA_PORT }, { "ansible_ssh_port", IA_PORT },
	{ "ansible_user", IA_USER }, { "ansible_ssh_user", IA_USER },
	{ "ansible_ssh_private_key_file", IA_IDENTITY },
};

struct inv {
	const char *file;
	json_t *root, *hostvars;
	struct import_errors *errs;
	size_t secret_hosts[N_SECRET_VARS];
};

/* scalar - a JSON string, integer or boolean as text (static or j's). */
static const char *
scalar(json_t *j, char *buf, size_t len)
{
	if (json_is_string(j))
		return json_string_value(j);
	if (json_is_integer(j)) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(j));
		return buf;
	}
	if (json_is_boolean(j))
		return json_is_true(j) ? "true" : "false";
	return NULL;
}

static void
set_attr(struct inv *v, struct import_device *d, enum import_attr a,
    const char *var, json_t *val)
{
	char num[32], why[256];
	const char *s = scalar(val, num, sizeof(num));

	if (s == NULL)
		import_error(v->errs, "%s: host \"%s\": variable %s: not a "
		    "string, number or boolean", v->file, d->name, var);
	else if (import_set_attr(d, a, s, why, sizeof(why)) != 0)
		import_error(v->errs, "%s: host \"%s\": variable %s: %s",
		    v->file, d->name, var, why);
}

static void
set_vars(struct inv *v, struct import_device *d, json_t *obj)
{
	const char *k, *s;
	json_t *val;
	char num[32], why[256];

	if (!json_is_object(obj)) {
		import_error(v->errs, "%s: host \"%s\": algoff_vars is not an "
		    "object of NAME: VALUE", v->file, d->name);
		return;
	}
	json_object_foreach(obj, k, val) {
		if ((s = scalar(val, num, sizeof(num))) == NULL)
			import_error(v->errs, "%s: host \"%s\": algoff_vars.%s:"
			    " not a string, number or boolean", v->file,
			    d->name, k);
		else if (import_add_var(d, k, s, why, sizeof(why)) != 0)
			import_error(v->errs, "%s: host \"%s\": algoff_vars: "
			    "%s", v->file, d->name, why);
	}
}

/* algoff_var - algoff_ATTR: the attribute, or -1. */
static int
algoff_var(const char *k)
{
	char name[64];
	size_t i;

	if (strncmp(k, "algoff_", 7) != 0 || strlen(k + 7) >= sizeof(name))
		return -1;
	for (i = 0; k[7 + i] != '\0'; i++)
		name[i] = k[7 + i] == '_' ? '-' : k[7 + i];
	name[i] = '\0';
	return import_attr_find(name);
}

/* host_var - one host variable; 0 when it is not one algoff reads. */
static void
host_var(struct inv *v, struct import_device *d, const char *k, json_t *val,
    const char **os)
{
	size_t i;
	int a;

	for (i = 0; i < N_SECRET_VARS; i++)
		if (strcmp(k, secret_vars[i].var) == 0) {
			v->secret_hosts[i]++;
			return;
		}
	for (i = 0; i < sizeof(ansible_vars) / sizeof(ansible_vars[0]); i++)
		if (strcmp(k, ansible_vars[i].var) == 0) {
			set_attr(v, d, ansible_vars[i].attr, k, val);
			return;
		}
	if (strcmp(k, "ansible_network_os") == 0)
		*os = json_string_value(val);
	else if (strcmp(k, "algoff_vars") == 0)
		set_vars(v, d, val);
	else if (strcmp(k, "algoff_tags") == 0)
		;                             /* joined with the groups */
	else if ((a = algoff_var(k)) >= 0)
		set_attr(v, d, (enum import_attr)a, k, val);
	else if (strncmp(k, "algoff_", 7) == 0)
		import_error(v->errs, "%s: host \"%s\": unknown variable %s "
		    "(algoff_ATTR for an attribute of schema/batch.xsd, "
		    "algoff_vars, algoff_tags)", v->file, d->name, k);
}

static const char *
map_os(const char *os)
{
	size_t i;

	for (i = 0; os != NULL && i < sizeof(os_map) / sizeof(os_map[0]); i++)
		if (strcmp(os, os_map[i].os) == 0)
			return os_map[i].vendor;
	return NULL;
}

static void
set_vendor(struct inv *v, struct import_device *d, const char *os)
{
	const char *id;
	char why[256];

	if (d->attr[IA_VENDOR] != NULL)
		return;                       /* algoff_vendor */
	if ((id = map_os(os)) != NULL) {
		if (import_set_attr(d, IA_VENDOR, id, why, sizeof(why)) != 0)
			import_error(v->errs, "%s: %s", v->file, why);
	} else if (os != NULL)
		import_error(v->errs, "%s: host \"%s\": ansible_network_os "
		    "\"%.80s\" has no algoff vendor; set the host variable "
		    "algoff_vendor (see 'algoff vendors')", v->file, d->name,
		    import_text_check(os) == NULL ? os : "?");
	else
		import_error(v->errs, "%s: host \"%s\": no vendor: set the host "
		    "variable algoff_vendor or ansible_network_os", v->file,
		    d->name);
}

/* in_group - host is in group g directly or through its children. */
static int
in_group(struct inv *v, json_t *g, const char *host, int depth)
{
	json_t *hosts = json_object_get(g, "hosts");
	json_t *kids = json_object_get(g, "children"), *e, *child;
	size_t i;

	if (depth > INV_MAX_DEPTH || !json_is_object(g))
		return 0;
	json_array_foreach(hosts, i, e)
		if (json_is_string(e) && strcmp(json_string_value(e), host) == 0)
			return 1;
	json_array_foreach(kids, i, e) {
		child = json_is_string(e) ? json_object_get(v->root,
		    json_string_value(e)) : NULL;
		if (child != NULL && in_group(v, child, host, depth + 1))
			return 1;
	}
	return 0;
}

static void
set_tags(struct inv *v, struct import_device *d, json_t *extra)
{
	const char *g;
	json_t *grp;
	char *tags = NULL, *tmp, why[256];

	json_object_foreach(v->root, g, grp) {
		if (strcmp(g, "_meta") == 0 || strcmp(g, "all") == 0 ||
		    strcmp(g, "ungrouped") == 0 || !in_group(v, grp, d->name, 0))
			continue;
		xasprintf(&tmp, "%s%s%s", tags ? tags : "", tags ? " " : "", g);
		free(tags);
		tags = tmp;
	}
	if (json_is_string(extra)) {
		xasprintf(&tmp, "%s%s%s", tags ? tags : "", tags ? " " : "",
		    json_string_value(extra));
		free(tags);
		tags = tmp;
	}
	if (tags != NULL && import_set_attr(d, IA_TAGS, tags, why,
	    sizeof(why)) != 0)
		import_error(v->errs, "%s: host \"%s\": tags (group names and "
		    "algoff_tags): %s", v->file, d->name, why);
	free(tags);
}

static void
add_host(struct inv *v, struct import_set *s, const char *name)
{
	struct import_device *d;
	json_t *hv = json_object_get(v->hostvars, name), *val;
	const char *k, *os = NULL, *bad;
	char why[256];

	if ((bad = import_text_check(name)) != NULL ||
	    (bad = import_name_check(name)) != NULL) {
		import_error(v->errs, "%s: inventory host name %s (an answer "
		    "file's device name %s)", v->file, import_text_check(name)
		    ? "?" : name, bad);
		return;
	}
	d = import_add_device(s, name);
	json_object_foreach(hv, k, val)
		host_var(v, d, k, val, &os);
	if (d->attr[IA_HOST] == NULL &&
	    import_set_attr(d, IA_HOST, name, why, sizeof(why)) != 0)
		import_error(v->errs, "%s: host \"%s\": %s", v->file, name,
		    why);
	set_vendor(v, d, os);
	set_tags(v, d, json_object_get(hv, "algoff_tags"));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_name(const char ***names, size_t *n, const char *h)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*names)[i], h) == 0)
			return;
	*names = xreallocarray(*names, *n + 1, sizeof(**names));
	(*names)[(*n)++] = h;
}

/* host_names - every host of every group and of _meta.hostvars, sorted. */
static size_t
host_names(struct inv *v, const char ***names)
{
	const char *g, *h;
	json_t *grp, *e, *val;
	size_t i, n = 0;

	*names = NULL;
	json_object_foreach(v->root, g, grp) {
		if (strcmp(g, "_meta") == 0)
			continue;
		json_array_foreach(json_object_get(grp, "hosts"), i, e)
			if (json_is_string(e))
				add_name(names, &n, json_string_value(e));
	}
	json_object_foreach(v->hostvars, h, val)
		add_name(names, &n, h);
	if (n > 0)
		qsort(*names, n, sizeof(**names), cmp_str);
	return n;
}

static void
secret_warnings(struct inv *v, struct import_errors *warn)
{
	size_t i;

	for (i = 0; i < N_SECRET_VARS; i++)
		if (v->secret_hosts[i] > 0)
			import_error(warn, "%s: ignored %s of %zu host%s: algoff "
			    "never imports secrets; keep it in an environment "
			    "variable and set %s to its name", v->file,
			    secret_vars[i].var, v->secret_hosts[i],
			    v->secret_hosts[i] == 1 ? "" : "s",
			    secret_vars[i].instead);
}

enum algoff_err
import_inventory(const char *path, struct import_set *s,
    struct import_errors *errs, struct import_errors *warn)
{
	struct inv v;
	struct errbuf eb;
	json_error_t je;
	const char **names = NULL;
	char *data = NULL;
	size_t len, n, i;

	memset(&v, 0, sizeof(v));
	v.file = path;
	v.errs = errs;
	if (import_read_file(path, &data, &len, &eb) != ALGOFF_OK) {
		import_error(errs, "%s", eb.msg);
		goto out;
	}
	v.root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (v.root == NULL || !json_is_object(v.root)) {
		if (strstr(je.text, " near ") != NULL)   /* never quote input */
			*strstr(je.text, " near ") = '\0';
		import_error(errs, "%s:%d: %s (expected the output of "
		    "'ansible-inventory -i INVENTORY --list')", path,
		    v.root ? 1 : je.line, v.root ? "not a JSON object" :
		    je.text);
		goto out;
	}
	v.hostvars = json_object_get(json_object_get(v.root, "_meta"),
	    "hostvars");
	n = host_names(&v, &names);
	if (n > IMPORT_MAX_DEVICES)
		import_error(errs, "%s: more than %d hosts", path,
		    IMPORT_MAX_DEVICES);
	for (i = 0; i < n && n <= IMPORT_MAX_DEVICES; i++)
		add_host(&v, s, names[i]);
	if (n == 0)
		import_error(errs, "%s: no host in the inventory", path);
	secret_warnings(&v, warn);
out:
	free(names);
	json_decref(v.root);
	free(data);
	return errs->n > 0 || errs->dropped > 0 ? ALGOFF_ERR_INPUT : ALGOFF_OK;
}
