/* SPDX-License-Identifier: MIT */
/* check_sshconfig.c - the ssh_config(5) subset of src/core/sshconfig.c. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "core/sshconfig.h"

static enum algoff_err
look(const char *text, const char *host, struct sshcfg_host *h,
    struct errbuf *eb)
{
	errbuf_clear(eb);
	return sshcfg_lookup_text(text, strlen(text), "cfg", "/home/u", host,
	    h, eb);
}

static const char cfg[] =
"# comment\n"
"Host fw1 fw2\n"
"  HostName 192.0.2.1\n"
"  Port 2222\n"
"  User admin\n"
"  IdentityFile ~/.ssh/id_fw\n"
"Host fw*  !fw9\n"
"  HostName=%h.example\n"
"  Port 2200\n"
"  UserKnownHostsFile %d/kh \"second file\"\n"
"  ProxyJump jump@bastion:2022,[2001:db8::1]:23\n"
"Match host nope\n"
"  User matched\n"
"Host *\n"
"  User fallback\n"
"  IdentitiesOnly yes\n"
"  ConnectTimeout 2m\n"
"  HostKeyAlias \"alias x\"\n"
"  SomethingUnknown whatever\n";

START_TEST(test_first_value_wins)
{
	struct sshcfg_host h;
	struct errbuf eb;

	ck_assert_int_eq(look(cfg, "fw1", &h, &eb), ALGOFF_OK);
	ck_assert_str_eq(h.hostname, "192.0.2.1");
	ck_assert_int_eq(h.port, 2222);
	ck_assert_str_eq(h.user, "admin");
	ck_assert_str_eq(h.identity, "/home/u/.ssh/id_fw");
	ck_assert_str_eq(h.known_hosts, "/home/u/kh");
	ck_assert_str_eq(h.proxy_jump, "jump@bastion:2022,[2001:db8::1]:23");
	ck_assert_int_eq(h.identities_only, 1);
	ck_assert_int_eq(h.connect_timeout_s, 120);
	ck_assert_str_eq(h.hostkey_alias, "alias x");
	sshcfg_host_free(&h);

	ck_assert_int_eq(look(cfg, "FW7", &h, &eb), ALGOFF_OK);
	ck_assert_str_eq(h.hostname, "FW7.example");
	ck_assert_int_eq(h.port, 2200);
	ck_assert_str_eq(h.user, "fallback");
	sshcfg_host_free(&h);

	/* negation: fw9 matches fw* but is excluded */
	ck_assert_int_eq(look(cfg, "fw9", &h, &eb), ALGOFF_OK);
	ck_assert_ptr_null(h.hostname);
	ck_assert_int_eq(h.port, 0);
	ck_assert_str_eq(h.user, "fallback");
	sshcfg_host_free(&h);
}
END_TEST

START_TEST(test_patterns)
{
	ck_assert(sshcfg_pattern_match("a?c", "abc"));
	ck_assert(!sshcfg_pattern_match("a?c", "abbc"));
	ck_assert(sshcfg_pattern_match("*.lan,x", "gw.lan"));
	ck_assert(!sshcfg_pattern_match("*.lan,!gw.lan", "gw.lan"));
	ck_assert(sshcfg_pattern_match("*", ""));
	ck_assert(!sshcfg_pattern_match("!x", "y"));	/* no positive */
}
END_TEST

START_TEST(test_errors_name_line)
{
	struct sshcfg_host h;
	struct errbuf eb;

	ck_assert_int_eq(look("Host a\nPort 99999\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	ck_assert(strstr(eb.msg, "cfg:2:") != NULL);
	sshcfg_host_free(&h);
	/* checked even where the block does not apply */
	ck_assert_int_eq(look("Host b\nConnectTimeout soon\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	ck_assert(strstr(eb.msg, "cfg:2: ConnectTimeout") != NULL);
	sshcfg_host_free(&h);
	ck_assert_int_eq(look("Host a\nUser x\033y\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	ck_assert(strstr(eb.msg, "cfg:2:") != NULL);
	sshcfg_host_free(&h);
	ck_assert_int_eq(look("ProxyJump a@:1\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	sshcfg_host_free(&h);
	ck_assert_int_eq(look("IdentitiesOnly maybe\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	sshcfg_host_free(&h);
	ck_assert_int_eq(look("HostName \"open\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	sshcfg_host_free(&h);
	ck_assert_int_eq(look("IdentityFile %r/x\n", "a", &h, &eb),
	    ALGOFF_ERR_INPUT);
	sshcfg_host_free(&h);
}
END_TEST

START_TEST(test_bounds)
{
	struct sshcfg_host h;
	struct errbuf eb;
	static char big[SSHCFG_MAX_LINE + 100];

	memset(big, 'a', sizeof(big) - 1);
	ck_assert_int_eq(look(big, "a", &h, &eb), ALGOFF_ERR_INPUT);
	ck_assert(strstr(eb.msg, "cfg:1: line longer") != NULL);
	sshcfg_host_free(&h);
	errbuf_clear(&eb);
	ck_assert_int_eq(sshcfg_lookup_text("x", SSHCFG_MAX_FILE + 1, "cfg",
	    NULL, "a", &h, &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(sshcfg_lookup("/nonexistent/cfg", 0, NULL, "a", &h,
	    &eb), ALGOFF_OK);
	ck_assert_int_eq(sshcfg_lookup("/nonexistent/cfg", 1, NULL, "a", &h,
	    &eb), ALGOFF_ERR_INPUT);
}
END_TEST

START_TEST(test_jump)
{
	struct sshcfg_hop hops[SSHCFG_MAX_HOPS];
	struct errbuf eb;
	int n = 0, i;

	errbuf_clear(&eb);
	ck_assert_int_eq(sshcfg_parse_jump("b1,u@b2:2022,ssh://v@[::1]:7,::1",
	    hops, SSHCFG_MAX_HOPS, &n, &eb), ALGOFF_OK);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(hops[0].host, "b1");
	ck_assert_ptr_null(hops[0].user);
	ck_assert_int_eq(hops[0].port, 0);
	ck_assert_str_eq(hops[1].user, "u");
	ck_assert_str_eq(hops[1].host, "b2");
	ck_assert_int_eq(hops[1].port, 2022);
	ck_assert_str_eq(hops[2].host, "::1");
	ck_assert_int_eq(hops[2].port, 7);
	ck_assert_str_eq(hops[3].host, "::1");
	for (i = 0; i < n; i++)
		sshcfg_hop_free(&hops[i]);
	ck_assert_int_eq(sshcfg_parse_jump("a,,b", hops, SSHCFG_MAX_HOPS, &n,
	    &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(sshcfg_parse_jump("a:0", hops, SSHCFG_MAX_HOPS, &n,
	    &eb), ALGOFF_ERR_INPUT);
	ck_assert_int_eq(sshcfg_parse_jump("a,b,c", hops, 2, &n, &eb),
	    ALGOFF_ERR_INPUT);
	ck_assert_int_eq(n, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sshconfig");
	TCase *tc = tcase_create("sshconfig");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_first_value_wins);
	tcase_add_test(tc, test_patterns);
	tcase_add_test(tc, test_errors_name_line);
	tcase_add_test(tc, test_bounds);
	tcase_add_test(tc, test_jump);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
