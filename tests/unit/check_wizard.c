/* SPDX-License-Identifier: MIT */
/*
 * check_wizard.c - unit tests of the wizard's pure model (no terminal):
 * vendor filtering and grouping, field validation, the answer file (XML
 * escaping, no secrets, schema when shipped), word wrap, screen texts, the
 * probe result in words and host key messages.
 */
#include "config.h"

#include <check.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/plan.h"
#include "core/secret.h"
#include "core/vendor.h"
#include "core/xmalloc.h"
#include "ui/wiz_model.h"

/* ---- fixtures ---------------------------------------------------------- */

static struct vendor fake[5];
static const struct vendor *fakep[5];

static void
fake_setup(void)
{
	static const struct {
		const char *id, *name, *family;
		enum vendor_method m;
	} t[5] = {
		{ "tp-link", "TP-Link home router", "TP-Link", VENDOR_MANUAL },
		{ "fortigate", "Fortinet FortiGate", "Fortinet", VENDOR_SSH },
		{ "cisco-ios", "Cisco IOS router", "Cisco", VENDOR_SSH },
		{ "cisco-asa", "Cisco ASA firewall", "Cisco", VENDOR_SSH },
		{ "netgear", "Netgear home router", "Netgear", VENDOR_MANUAL },
	};
	int i;

	memset(fake, 0, sizeof(fake));
	for (i = 0; i < 5; i++) {
		fake[i].id = (char *)t[i].id;
		fake[i].name = (char *)t[i].name;
		fake[i].family = (char *)t[i].family;
		fake[i].method = t[i].m;
		fakep[i] = &fake[i];
	}
	fake[2].cli.enable_cmd = (char *)"enable";
}

static int
lines_have(const struct wiz_lines *l, const char *needle)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strstr(l->l[i].text, needle) != NULL)
			return 1;
	return 0;
}

static void
conn_init(struct wiz_conn *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->host, sizeof(c->host), "203.0.113.10");
	snprintf(c->port, sizeof(c->port), "22");
	snprintf(c->user, sizeof(c->user), "admin");
	c->auth = WA_PASSWORD;
}

/* ---- vendor list ------------------------------------------------------ */

START_TEST(list_grouped_sorted)
{
	struct wiz_list l;

	fake_setup();
	wiz_vendor_list(fakep, 5, "", &l);
	/* Cisco(h) asa ios Fortinet(h) fgt Netgear(h) ng TP-Link(h) tpl
	 * Not sure?(h) unsure */
	ck_assert_uint_eq(l.n, 11);
	ck_assert_int_eq(l.it[0].kind, WI_FAMILY);
	ck_assert_str_eq(l.it[0].label, "Cisco");
	ck_assert_str_eq(l.it[1].v->id, "cisco-asa");
	ck_assert_str_eq(l.it[2].v->id, "cisco-ios");
	ck_assert_str_eq(l.it[3].label, "Fortinet");
	ck_assert_str_eq(l.it[4].method, "ssh");
	ck_assert_str_eq(l.it[8].method, "guided");
	ck_assert_int_eq(l.it[l.n - 1].kind, WI_UNSURE);
	ck_assert_int_eq(l.it[l.n - 2].kind, WI_FAMILY);
	ck_assert_int_eq(wiz_list_find(&l, "fortigate"), 4);
	ck_assert_int_eq(wiz_list_find(&l, "nope"), -1);
	ck_assert_int_eq(wiz_list_find(&l, NULL), -1);
	wiz_list_free(&l);
}
END_TEST

START_TEST(list_filtered)
{
	struct wiz_list l;

	fake_setup();
	wiz_vendor_list(fakep, 5, "FORT", &l);     /* case-insensitive */
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.it[1].v->id, "fortigate");
	wiz_list_free(&l);

	wiz_vendor_list(fakep, 5, "cisco  asa", &l);  /* every word */
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.it[1].v->id, "cisco-asa");
	wiz_list_free(&l);

	wiz_vendor_list(fakep, 5, "home", &l);     /* two families */
	ck_assert_uint_eq(l.n, 6);
	ck_assert_str_eq(l.it[0].label, "Netgear");
	ck_assert_str_eq(l.it[2].label, "TP-Link");
	wiz_list_free(&l);

	wiz_vendor_list(fakep, 5, "zzz", &l);      /* only "not sure" */
	ck_assert_uint_eq(l.n, 2);
	ck_assert_int_eq(l.it[1].kind, WI_UNSURE);
	wiz_list_free(&l);

	wiz_vendor_list(fakep, 5, NULL, &l);
	ck_assert_uint_eq(l.n, 11);
	wiz_list_free(&l);
}
END_TEST

START_TEST(list_shipped_vendors)
{
	struct vendor_set set = { 0 };
	struct wiz_list l;
	struct errbuf eb;
	size_t i, nv = 0;

	errbuf_clear(&eb);
	ck_assert_msg(vendor_load_all(&set, &eb) == ALGOFF_OK, "%s", eb.msg);
	wiz_vendor_list((const struct vendor *const *)set.v, set.n, "", &l);
	for (i = 0; i < l.n; i++)
		nv += l.it[i].kind == WI_VENDOR;
	ck_assert_uint_eq(nv, set.n);
	ck_assert_int_ge(wiz_list_find(&l, "fortigate"), 0);
	ck_assert_int_ge(wiz_list_find(&l, "tp-link"), 0);
	wiz_list_free(&l);
	vendor_set_free(&set);
}
END_TEST

/* ---- validation --------------------------------------------------------- */

START_TEST(check_host)
{
	static const char *good[] = {
		"203.0.113.10", "router.example", "fw-01", "localhost", "::1",
		"2001:db8::1", "[2001:db8::1]", "a_b.example",
	};
	static const char *bad[] = {
		"", "256.1.1.1", "1.2.3", "1.2.3.4.5", "-bad", "a b", "host\n",
		"x..y", "x.", "a;b", "[::1", "ab\x1b", "bad-.example",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(wiz_check_host(good[i]) == NULL, "%s: %s",
		    good[i], wiz_check_host(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(wiz_check_host(bad[i]) != NULL, "accepted %s",
		    bad[i]);
	ck_assert_str_eq(wiz_check_host(""), "required");
}
END_TEST

START_TEST(check_port_user_reflector)
{
	ck_assert_ptr_null(wiz_check_port("22"));
	ck_assert_ptr_null(wiz_check_port("1"));
	ck_assert_ptr_null(wiz_check_port("65535"));
	ck_assert_str_eq(wiz_check_port("65536"), "must be 1-65535");
	ck_assert_str_eq(wiz_check_port("99999"), "must be 1-65535");
	ck_assert_str_eq(wiz_check_port("0"), "must be 1-65535");
	ck_assert_str_eq(wiz_check_port("99999999999999999999"),
	    "must be 1-65535");
	ck_assert_ptr_nonnull(wiz_check_port("2a"));
	ck_assert_ptr_nonnull(wiz_check_port("-1"));
	ck_assert_ptr_nonnull(wiz_check_port(""));

	ck_assert_ptr_null(wiz_check_user("admin"));
	ck_assert_ptr_nonnull(wiz_check_user(""));
	ck_assert_ptr_nonnull(wiz_check_user("a b"));
	ck_assert_ptr_nonnull(wiz_check_user("a\r"));

	ck_assert_ptr_null(wiz_check_reflector(""));
	ck_assert_ptr_null(wiz_check_reflector("203.0.113.5"));
	ck_assert_ptr_null(wiz_check_reflector("203.0.113.5:5060"));
	ck_assert_ptr_null(wiz_check_reflector("refl.example:5062"));
	ck_assert_ptr_null(wiz_check_reflector("[2001:db8::1]:5060"));
	ck_assert_ptr_null(wiz_check_reflector("[2001:db8::1]"));
	ck_assert_ptr_nonnull(wiz_check_reflector("2001:db8::1"));
	ck_assert_ptr_nonnull(wiz_check_reflector("h:0"));
	ck_assert_ptr_nonnull(wiz_check_reflector(":5060"));
	ck_assert_ptr_nonnull(wiz_check_reflector("a b"));
	ck_assert_ptr_nonnull(wiz_check_reflector("[::1]x"));
}
END_TEST

START_TEST(fields_visible_and_checked)
{
	struct wiz_conn c;
	char key[] = "/tmp/algoff-ckwiz-XXXXXX";
	int fd;

	fake_setup();
	conn_init(&c);
	/* enable password only where the family has an enable step */
	ck_assert(!wiz_field_visible(&c, &fake[1], WF_ENABLE));
	ck_assert(wiz_field_visible(&c, &fake[2], WF_ENABLE));
	ck_assert(wiz_field_visible(&c, &fake[1], WF_PASSWORD));
	ck_assert(!wiz_field_visible(&c, &fake[1], WF_IDENTITY));
	/* a password is required for a real run, not for a dry run */
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_PASSWORD);
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 1), WF_COUNT);
	c.password = secret_new("pw");
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_COUNT);
	/* key file: must be readable */
	c.auth = WA_KEY;
	ck_assert(wiz_field_visible(&c, &fake[1], WF_IDENTITY));
	ck_assert(!wiz_field_visible(&c, &fake[1], WF_PASSWORD));
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_IDENTITY);
	snprintf(c.identity, sizeof(c.identity), "/nonexistent/key");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_IDENTITY, 0),
	    "cannot read this file");
	/* a key others can read is refused, as OpenSSH does; 0600 is fine */
	fd = mkstemp(key);   /* mode 0600 */
	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(c.identity, sizeof(c.identity), "%s", key);
	ck_assert_int_eq(chmod(c.identity, 0644), 0);
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_IDENTITY, 0),
	    "others can read it or not yours: chmod 600 FILE");
	ck_assert_int_eq(chmod(c.identity, 0600), 0);
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_COUNT);
	snprintf(c.identity, sizeof(c.identity), "/dev/null");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_IDENTITY, 0),
	    "others can read it or not yours: chmod 600 FILE");
	snprintf(c.identity, sizeof(c.identity), "/tmp/a\nb");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_IDENTITY, 0),
	    "no control chars");
	/* control characters in the other text fields */
	snprintf(c.user, sizeof(c.user), "user\nroot");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_USER, 0),
	    "no blanks or control chars");
	snprintf(c.user, sizeof(c.user), "u");
	snprintf(c.host, sizeof(c.host), "h\tx");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_HOST, 0),
	    "no blanks or control chars");
	snprintf(c.host, sizeof(c.host), "%s", "127.0.0.1");
	snprintf(c.known_hosts, sizeof(c.known_hosts), "/tmp/k\x1bh");
	ck_assert_str_eq(wiz_field_check(&c, &fake[1], WF_KNOWN, 0),
	    "no control chars");
	c.known_hosts[0] = '\0';
	snprintf(c.identity, sizeof(c.identity), "%s", key);
	/* order: the first bad field wins */
	snprintf(c.port, sizeof(c.port), "99999");
	c.user[0] = '\0';
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 1), WF_PORT);
	/* known hosts: a file in a missing tree is refused */
	snprintf(c.port, sizeof(c.port), "22");
	snprintf(c.user, sizeof(c.user), "u");
	snprintf(c.known_hosts, sizeof(c.known_hosts), "/nonexistent/a/kh");
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_KNOWN);
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 1), WF_COUNT);
	snprintf(c.known_hosts, sizeof(c.known_hosts), "/tmp/none/kh");
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_COUNT);
	snprintf(c.reflector, sizeof(c.reflector), "bad host");
	ck_assert_int_eq(wiz_conn_check(&c, &fake[1], 0), WF_REFLECTOR);
	wiz_conn_clear(&c);
	ck_assert_ptr_null(c.password);
	unlink(key);
}
END_TEST

/* ---- answer file ---------------------------------------------------------- */

/* parse the XML and return the value of attribute name on <device> */
static char *
device_attr(const char *xml, const char *name)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "a.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr n;
	xmlChar *v = NULL;
	char *r = NULL;

	ck_assert_msg(d != NULL, "not well-formed XML:\n%s", xml);
	for (n = xmlDocGetRootElement(d)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "device") == 0)
			v = xmlGetProp(n, BAD_CAST name);
	if (v != NULL) {
		r = xstrdup((const char *)v);
		xmlFree(v);
	}
	xmlFreeDoc(d);
	return r;
}

/* validate against schema/batch.xsd when the project ships it */
static void
schema_check(const char *xml)
{
	char *xsd;
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr s;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr d;
	int rc;

	xasprintf(&xsd, "%s/schema/batch.xsd", vendor_datadir());
	if (access(xsd, R_OK) != 0) {
		free(xsd);
		return;
	}
	pc = xmlSchemaNewParserCtxt(xsd);
	s = xmlSchemaParse(pc);
	ck_assert_ptr_nonnull(s);
	vc = xmlSchemaNewValidCtxt(s);
	d = xmlReadMemory(xml, (int)strlen(xml), "a.xml", NULL, XML_PARSE_NONET);
	rc = xmlSchemaValidateDoc(vc, d);
	ck_assert_msg(rc == 0, "answer file does not validate:\n%s", xml);
	xmlFreeDoc(d);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(s);
	xmlSchemaFreeParserCtxt(pc);
	free(xsd);
}

START_TEST(answers_password)
{
	struct wiz_conn c;
	char *x, *a;
	char kh_path[] = "/tmp/algoff k&h<'\">XXXXXX";
	int fd = mkstemp(kh_path);

	ck_assert_int_ge(fd, 0);
	close(fd);

	fake_setup();
	conn_init(&c);
	snprintf(c.user, sizeof(c.user), "a\"b&c<d>'e");
	snprintf(c.known_hosts, sizeof(c.known_hosts), "%s", kh_path);
	c.password = secret_new("S3cret-pw");
	c.enable = secret_new("En4ble-pw");
	x = wiz_batch_xml(&c, &fake[2]);        /* cisco: has enable */
	ck_assert_ptr_null(strstr(x, "S3cret-pw"));
	ck_assert_ptr_null(strstr(x, "En4ble-pw"));
	a = device_attr(x, "user");
	ck_assert_str_eq(a, "a\"b&c<d>'e");
	free(a);
	a = device_attr(x, "password-env");
	ck_assert_str_eq(a, WIZ_PASSWORD_ENV);
	free(a);
	a = device_attr(x, "enable-password-env");
	ck_assert_str_eq(a, WIZ_ENABLE_ENV);
	free(a);
	a = device_attr(x, "known-hosts");
	ck_assert_str_eq(a, kh_path);
	free(a);
	a = device_attr(x, "vendor");
	ck_assert_str_eq(a, "cisco-ios");
	free(a);
	a = device_attr(x, "name");
	ck_assert_str_eq(a, "203.0.113.10");
	free(a);
	ck_assert_ptr_nonnull(strstr(x, "<algoff-batch version=\"1\">"));
	schema_check(x);
	free(x);
	/* no enable step: no enable attribute even with a secret typed */
	x = wiz_batch_xml(&c, &fake[1]);
	a = device_attr(x, "enable-password-env");
	ck_assert_ptr_null(a);
	schema_check(x);
	free(x);
	/* a known hosts file that does not exist is not named */
	unlink(kh_path);
	x = wiz_batch_xml(&c, &fake[1]);
	ck_assert_ptr_null(device_attr(x, "known-hosts"));
	free(x);
	wiz_conn_clear(&c);
}
END_TEST

START_TEST(answers_key_and_agent)
{
	struct wiz_conn c;
	char *x, *a;

	fake_setup();
	conn_init(&c);
	c.auth = WA_KEY;
	snprintf(c.identity, sizeof(c.identity), "/home/u/.ssh/id_ed25519");
	snprintf(c.host, sizeof(c.host), "2001:db8::1");
	x = wiz_batch_xml(&c, &fake[1]);
	a = device_attr(x, "identity");
	ck_assert_str_eq(a, "/home/u/.ssh/id_ed25519");
	free(a);
	ck_assert_ptr_null(device_attr(x, "password-env"));
	a = device_attr(x, "name");
	ck_assert_str_eq(a, "2001-db8-1");
	free(a);
	ck_assert_ptr_null(device_attr(x, "known-hosts"));
	schema_check(x);
	free(x);
	c.auth = WA_AGENT;
	x = wiz_batch_xml(&c, &fake[1]);
	a = device_attr(x, "agent");
	ck_assert_str_eq(a, "true");
	free(a);
	ck_assert_ptr_null(device_attr(x, "identity"));
	schema_check(x);
	free(x);
}
END_TEST

START_TEST(names_and_paths)
{
	char n[128], *p;

	wiz_device_name("fw.example", n, sizeof(n));
	ck_assert_str_eq(n, "fw.example");
	wiz_device_name("[::1]", n, sizeof(n));
	ck_assert_str_eq(n, "1");
	wiz_device_name("", n, sizeof(n));
	ck_assert_str_eq(n, "device-1");
	wiz_device_name("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    n, sizeof(n));
	ck_assert_uint_eq(strlen(n), 64);
	p = wiz_abs_path("/w", "/h", "a.xml");
	ck_assert_str_eq(p, "/w/a.xml");
	free(p);
	p = wiz_abs_path("/w", "/h", "~/a.xml");
	ck_assert_str_eq(p, "/h/a.xml");
	free(p);
	p = wiz_abs_path("/w", "/h", "/x/a.xml");
	ck_assert_str_eq(p, "/x/a.xml");
	free(p);
}
END_TEST

/* ---- lines and screen texts --------------------------------------------- */

START_TEST(wrap_width)
{
	struct wiz_lines l = { 0 };
	size_t i;

	wl_wrap(&l, WST_TEXT, 2, 20, "the quick brown fox jumps over the lazy "
	    "dog and a verylongwordthatdoesnotfitanywhere at all");
	ck_assert_uint_ge(l.n, 4);
	for (i = 0; i < l.n; i++) {
		ck_assert_uint_le(wiz_width(l.l[i].text), 20);
		ck_assert(strncmp(l.l[i].text, "  ", 2) == 0);
	}
	wl_free(&l);
	ck_assert_uint_eq(wiz_width("h\xc3\xa9llo \xe2\x86\x92"), 7);
	wl_wrap(&l, WST_TEXT, 0, 12, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 x");
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(wiz_width(l.l[0].text), 11);
	wl_free(&l);
	wl_wrap(&l, WST_TEXT, 0, 40, "one\ntwo");
	ck_assert_uint_eq(l.n, 2);
	wl_free(&l);
}
END_TEST

static struct vendor *
load(const char *id)
{
	struct vendor *v = NULL;
	struct errbuf eb;

	errbuf_clear(&eb);
	ck_assert_msg(vendor_load_id(id, &v, &eb) == ALGOFF_OK, "%s", eb.msg);
	return v;
}

START_TEST(preview_fortigate)
{
	struct vendor *v = load("fortigate");
	struct plan p;
	struct errbuf eb;
	struct wiz_lines l = { 0 };
	struct wiz_conn c;

	conn_init(&c);
	errbuf_clear(&eb);
	ck_assert(plan_build(v, NULL, NULL, 1, &p, &eb) == ALGOFF_OK);
	wiz_preview_lines(&p, NULL, &c, 1, 78, &l);
	ck_assert(lines_have(&l, "set sip-expectation disable"));
	ck_assert(lines_have(&l, "delete <sip_helper_id>"));
	ck_assert(lines_have(&l, "Backup first"));
	ck_assert(lines_have(&l, "Rollback: sent only if verification fails"));
	ck_assert(lines_have(&l, "203.0.113.10:22 as admin"));
	ck_assert(lines_have(&l, "sent only if the precheck finds the id of"));
	ck_assert(!lines_have(&l, "has <sip_helper_id>"));
	ck_assert(lines_have(&l, "get system status"));      /* login */
	ck_assert(lines_have(&l, "show system session-helper")); /* precheck */
	wl_free(&l);
	wiz_precheck_lines(&p, NULL, 78, &l);
	ck_assert(lines_have(&l, "Dry run"));
	ck_assert(lines_have(&l, "show system session-helper"));
	wl_free(&l);
	wiz_summary_lines(v, &c, NULL, &p, NULL, 1, "/tmp/a.xml", 78, &l);
	ck_assert(lines_have(&l, "Dry run: nothing was sent"));
	ck_assert(lines_have(&l, "export " WIZ_PASSWORD_ENV));
	ck_assert(lines_have(&l, "algoff batch /tmp/a.xml --dry-run"));
	wl_free(&l);
	plan_free(&p);
	vendor_free(v);
}
END_TEST

START_TEST(manual_tplink)
{
	struct vendor *v = load("tp-link");
	struct wiz_lines l = { 0 };

	wiz_manual_lines(v, 78, &l);
	ck_assert(lines_have(&l, "  1. "));
	ck_assert(lines_have(&l, "Advanced > NAT Forwarding > ALG"));
	ck_assert(lines_have(&l, "verify now"));
	wl_free(&l);
	vendor_free(v);
}
END_TEST

START_TEST(texts_fit)
{
	struct wiz_lines l = { 0 };
	size_t i;
	int s;

	wiz_welcome_lines(1, 78, &l);
	ck_assert(lines_have(&l, "Dry run"));
	ck_assert_uint_le(l.n, 21);     /* fits 80x24 without scrolling */
	for (i = 0; i < l.n; i++)
		ck_assert_uint_le(wiz_width(l.l[i].text), 78);
	wl_free(&l);
	for (s = 0; s < WS_COUNT; s++) {
		wiz_help_lines((enum wiz_screen)s, s % 2, 60, &l);
		ck_assert(l.n >= 4);
		for (i = 0; i < l.n; i++)
			ck_assert_uint_le(wiz_width(l.l[i].text), 60);
		wl_free(&l);
		ck_assert(*wiz_screen_title((enum wiz_screen)s) != '\0');
	}
	wiz_unsure_lines(78, &l);
	ck_assert(lines_have(&l, "label"));
	wl_free(&l);
}
END_TEST

/* the probe's own result in words: PASS, FAIL, UNTESTED with its reason,
 * the no-answer line; never raw JSON field names */
static void
probe_one(struct wiz_probe *p, const char *local, const char *seen)
{
	struct probe_msg *m;

	wiz_probe_free(p);
	p->ran = 1;
	p->res = xcalloc(1, sizeof(*p->res));
	snprintf(p->res->reflector, sizeof(p->res->reflector), "203.0.113.5:5060");
	p->res->n = 1;
	m = &p->res->msg[0];
	snprintf(m->transport, sizeof(m->transport), "UDP");
	snprintf(m->method, sizeof(m->method), "INVITE");
	m->sent = m->attempts = 1;
	p->res->tries = 1;
	if (seen != NULL) {
		m->answered = 1;
		m->status = 200;
		snprintf(m->seen, sizeof(m->seen), "%s", seen);
	}
	snprintf(m->local, sizeof(m->local), "%s", local);
}

START_TEST(probe_result_lines)
{
	struct wiz_probe p = { 0 };
	struct wiz_lines l = { 0 };

	wiz_probe_lines(&p, "", 78, &l);
	ck_assert(lines_have(&l, "not run"));
	wl_free(&l);

	probe_one(&p, "198.18.0.2:5060", "203.0.113.1:5060");
	probe_verdict(p.res);
	wiz_probe_lines(&p, "203.0.113.5", 78, &l);
	ck_assert(lines_have(&l, "PASS"));
	ck_assert(lines_have(&l, "ALG: absent"));
	ck_assert(!lines_have(&l, "\"alg\""));
	wl_free(&l);

	p.res->msg[0].diff.n = 1;
	snprintf(p.res->msg[0].diff.item[0].field, 48, "Contact");
	probe_verdict(p.res);
	wiz_probe_lines(&p, "203.0.113.5", 78, &l);
	ck_assert(lines_have(&l, "FAIL"));
	ck_assert(lines_have(&l, "Rewritten on the way: Contact"));
	wl_free(&l);

	probe_one(&p, "127.0.0.1:5060", "127.0.0.1:5060");
	probe_verdict(p.res);
	wiz_probe_lines(&p, "127.0.0.1", 78, &l);
	ck_assert(lines_have(&l, "UNTESTED"));
	ck_assert(lines_have(&l, "no address translation seen"));
	ck_assert(!lines_have(&l, "PASS"));
	wl_free(&l);

	probe_one(&p, "127.0.0.1:5060", NULL);
	probe_verdict(p.res);
	wiz_probe_lines(&p, "127.0.0.1", 78, &l);
	ck_assert(lines_have(&l, "could not tell"));
	ck_assert(lines_have(&l, "no answer from reflector"));
	wl_free(&l);

	wiz_probe_free(&p);
	p.ran = 1;
	p.err = xstrdup("bad address");
	wiz_probe_lines(&p, "r", 78, &l);
	ck_assert(lines_have(&l, "could not run"));
	ck_assert(lines_have(&l, "bad address"));
	wl_free(&l);
	wiz_probe_free(&p);
}
END_TEST

START_TEST(hostkey_texts)
{
	struct wiz_lines l = { 0 };
	const char *unknown = "the host key of 127.0.0.1:22 is not known\n"
	    "  ED25519 key fingerprint is SHA256:abcDEF+/0123\nNothing was sent.";
	const char *changed = "WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"
	    " ... does not match ... The server presented: SHA256:zzz";

	ck_assert(!wiz_hostkey_changed(unknown));
	ck_assert(wiz_hostkey_changed(changed));
	ck_assert(!wiz_hostkey_changed(NULL));
	wiz_hostkey_lines("127.0.0.1", 22, unknown, 0, 78, &l);
	ck_assert(lines_have(&l, "    SHA256:abcDEF+/0123"));
	ck_assert(lines_have(&l, "Fingerprint of its ED25519 key:"));
	ck_assert(lines_have(&l, "y: trust it"));
	wl_free(&l);
	wiz_hostkey_lines("127.0.0.1", 22, changed, 1, 78, &l);
	ck_assert(lines_have(&l, "CHANGED"));
	ck_assert(lines_have(&l, "refuses"));
	ck_assert(!lines_have(&l, "y: trust it"));
	wl_free(&l);
}
END_TEST

static Suite *
wizard_suite(void)
{
	Suite *s = suite_create("wizard");
	TCase *t = tcase_create("model");

	tcase_add_test(t, list_grouped_sorted);
	tcase_add_test(t, list_filtered);
	tcase_add_test(t, list_shipped_vendors);
	tcase_add_test(t, check_host);
	tcase_add_test(t, check_port_user_reflector);
	tcase_add_test(t, fields_visible_and_checked);
	tcase_add_test(t, answers_password);
	tcase_add_test(t, answers_key_and_agent);
	tcase_add_test(t, names_and_paths);
	tcase_add_test(t, wrap_width);
	tcase_add_test(t, preview_fortigate);
	tcase_add_test(t, manual_tplink);
	tcase_add_test(t, texts_fit);
	tcase_add_test(t, probe_result_lines);
	tcase_add_test(t, hostkey_texts);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(wizard_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
