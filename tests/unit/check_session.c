/* SPDX-License-Identifier: MIT */
/*
 * check_session.c - unit tests of the session engine: scripted dialogues
 * driven by the shipped CLI models (vendors/fortigate.xml and
 * vendors/cisco-ios.xml, loaded by the vendor loader), the text cleaner,
 * transcript redaction, and real child processes behind a socketpair (partial reads,
 * slow output, a hang, a drop). No network.
 */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/secret.h"
#include "core/vendor.h"
#include "session/session.h"
#include "session/session_int.h"
#include "session/stream_fd.h"
#include "session/stream_script.h"

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))
#define ENABLE_PW "s3cr3t-En4ble"
#define LOGIN_PW "L0gin-pw-77"

/* ---- the shipped vendor profiles ----------------------------------- */

/* load_shipped - vendors/ID.xml through the vendor loader (the data
 * folder: core/datadir.c finds the source tree of this build). */
static struct vendor *
load_shipped(const char *id)
{
	struct vendor *v = NULL;
	struct errbuf eb;
	enum algoff_err r;

	errbuf_clear(&eb);
	r = vendor_load_id(id, &v, &eb);
	ck_assert_msg(r == ALGOFF_OK, "%s", eb.msg);
	return v;
}

/* ---- a scripted run ------------------------------------------------- */

static int g_timeout_ms;   /* session_opts.timeout_ms for run_start() */

struct run {
	struct vendor *v;
	struct session_opts o;
	struct stream st;
	struct script *sc;
	struct session *s;
	struct secret *enable, *login;
	struct secrets redact;
	FILE *tr;
	struct errbuf eb;
	enum algoff_err r;
};

static void
run_start(struct run *t, int is_cisco, const struct script_step *steps,
    size_t n, size_t chunk)
{
	memset(t, 0, sizeof(*t));
	t->v = load_shipped(is_cisco ? "cisco-ios" : "fortigate");
	t->enable = secret_new(ENABLE_PW);
	t->login = secret_new(LOGIN_PW);
	secrets_add(&t->redact, t->login);
	t->tr = tmpfile();
	ck_assert_ptr_nonnull(t->tr);
	t->o.cli = &t->v->cli;
	t->o.enable_password = t->enable;
	t->o.redact = &t->redact;
	t->o.transcript = t->tr;
	t->o.settle_ms = 15;
	t->o.timeout_ms = g_timeout_ms;
	t->sc = stream_script_open(&t->st, steps, n, chunk);
	t->r = session_open(&t->st, &t->o, &t->s, &t->eb);
}

/* run_transcript - close the session, return the transcript (caller frees). */
static char *
run_transcript(struct run *t)
{
	struct buf b;
	char chunk[1024];
	size_t n;

	session_close(t->s);
	t->s = NULL;
	buf_init(&b, 1 << 20);
	rewind(t->tr);
	while ((n = fread(chunk, 1, sizeof(chunk), t->tr)) > 0)
		ck_assert_int_eq(buf_append(&b, chunk, n), ALGOFF_OK);
	return buf_take(&b);
}

static void
run_end(struct run *t, int all_played)
{
	ck_assert_str_eq(stream_script_error(t->sc), "");
	if (all_played)
		ck_assert_msg(stream_script_done(t->sc), "script not finished");
	session_close(t->s);
	t->st.ops->close(t->st.ctx);
	fclose(t->tr);
	secret_free(t->enable);
	secret_free(t->login);
	vendor_free(t->v);
}

static int64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- FortiGate-like ------------------------------------------------- */

static const struct script_step fgt_login[] = {
	S_RECV("Authorized use only.\r\n\r\n(Press 'a' to accept):"),
	S_SEND("a\n"),
	S_RECV("a\r\nFGT # "),
};

START_TEST(fgt_banner_and_prompt)
{
	struct run t;

	run_start(&t, 0, fgt_login, NSTEPS(fgt_login), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_PRIV);
	ck_assert_str_eq(session_prompt(t.s), "FGT # ");
	run_end(&t, 1);
}
END_TEST

static const struct script_step fgt_pager[] = {
	S_RECV("FGT # "),
	S_SEND("show system settings\n"),
	S_RECV("show system settings\r\nconfig system settings\r\n"
	    "    set opmode nat\r\n --More-- "),
	S_SEND(" "),
	S_RECV("\r          \r    set sip-expectation enable\r\n"
	    "    set sip-nat-trace enable\r\n--More-- "),
	S_SEND(" "),
	S_RECV("\r\x1b[K    set default-voip-alg-mode proxy-based\r\nend\r\n"
	    "\r\nFGT # "),
};

START_TEST(fgt_pager_and_echo_stripped)
{
	struct run t;
	char *out = NULL;
	size_t chunk;

	for (chunk = 0; chunk < 12; chunk += 3) {
		run_start(&t, 0, fgt_pager, NSTEPS(fgt_pager), chunk);
		ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
		t.r = session_cmd(t.s, "show system settings", &out, &t.eb);
		ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
		ck_assert_str_eq(out, "config system settings\n"
		    "    set opmode nat\n"
		    "    set sip-expectation enable\n"
		    "    set sip-nat-trace enable\n"
		    "    set default-voip-alg-mode proxy-based\nend\n\n");
		free(out);
		run_end(&t, 1);
	}
}
END_TEST

static const struct script_step fgt_config[] = {
	S_RECV("FGT # "),
	S_SEND("config system settings\n"),
	S_RECV("config system settings\r\n\r\nFGT (settings) # "),
	S_SEND("set sip-expectation disable\n"),
	S_RECV("set sip-expectation disable\r\n\r\nFGT (settings) # "),
	S_SEND("set foo bar\n"),
	S_RECV("set foo bar\r\ncommand parse error before 'foo'\r\n"
	    "Command fail. Return code -61\r\n\r\nFGT (settings) # "),
	S_SEND("end\n"),
	S_RECV("end\r\n\r\nFGT # "),
};

START_TEST(fgt_config_mode_and_error)
{
	struct run t;
	char *out = NULL;

	run_start(&t, 0, fgt_config, NSTEPS(fgt_config), 5);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "config system settings", NULL, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_CONFIG);
	ck_assert_str_eq(session_prompt(t.s), "FGT (settings) # ");
	t.r = session_cmd(t.s, "set sip-expectation disable", &out, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(out, "\n");
	free(out);
	out = NULL;
	t.r = session_cmd(t.s, "set foo bar", &out, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_DEVICE);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(t.eb.msg, "\"set foo bar\"") != NULL, "%s",
	    t.eb.msg);
	ck_assert_msg(strstr(t.eb.msg,
	    "\"command parse error before 'foo'\"") != NULL, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_CONFIG);
	t.r = session_cmd(t.s, "end", NULL, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_PRIV);
	run_end(&t, 1);
}
END_TEST

static const struct script_step fgt_fail_code[] = {
	S_RECV("FGT # "),
	S_SEND("execute foo\n"),
	S_RECV("execute foo\r\nCommand fail. Return code -61\r\nFGT # "),
};

START_TEST(fgt_return_code_error)
{
	struct run t;

	run_start(&t, 0, fgt_fail_code, NSTEPS(fgt_fail_code), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "execute foo", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_DEVICE);
	ck_assert_msg(strstr(t.eb.msg, "Return code -61") != NULL, "%s",
	    t.eb.msg);
	run_end(&t, 1);
}
END_TEST

/* A loose prompt pattern (Netmiko's "[#$]") and an echo ending in '#'. */
static const struct script_step fgt_echo_like_prompt[] = {
	S_RECV("FGT # "),
	S_SEND("get system status | grep #\n"),
	S_RECV("get system status | grep #"),
	S_DELAY(60),
	S_RECV("\r\n# comment line\r\nFGT # "),
	S_DELAY(5),
	S_RECV("\r\nreal output\r\nFGT # "),
};

START_TEST(echo_and_output_that_look_like_prompts)
{
	struct run t;
	char *out = NULL;

	run_start(&t, 0, fgt_echo_like_prompt, NSTEPS(fgt_echo_like_prompt),
	    0);
	/* the shipped prompt, loosened as Netmiko's is */
	regfree(&t.v->cli.prompts[0].rx.re);
	ck_assert_int_eq(regcomp(&t.v->cli.prompts[0].rx.re, "^.*[#$] ?$",
	    REG_EXTENDED | REG_NEWLINE), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "get system status | grep #", &out, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(out, "# comment line\nFGT # \nreal output\n");
	free(out);
	run_end(&t, 1);
}
END_TEST

/* ---- Cisco-IOS-like ------------------------------------------------- */

static const struct script_step ios_enable_ok[] = {
	S_RECV("\r\nR1>"),
	S_SEND("enable\n"),
	S_RECV("enable\r\nPassword: "),
	S_SEND(ENABLE_PW "\n"),
	S_RECV("\r\nR1#"),
	S_SEND("terminal length 0\n"),
	S_RECV("terminal length 0\r\nR1#"),
	S_SEND("terminal width 511\n"),
	S_RECV("terminal width 511\r\nR1#"),
};

START_TEST(ios_enable_ok_and_redacted)
{
	struct run t;
	char *tr;

	run_start(&t, 1, ios_enable_ok, NSTEPS(ios_enable_ok), 4);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_PRIV);
	ck_assert_str_eq(session_prompt(t.s), "R1#");
	tr = run_transcript(&t);
	ck_assert_msg(strstr(tr, ENABLE_PW) == NULL, "%s", tr);
	ck_assert_msg(strstr(tr, "> <redacted>\\n\n") != NULL, "%s", tr);
	ck_assert_msg(strstr(tr, "< enable\\r\\n\n< Password: \n") != NULL,
	    "%s", tr);
	free(tr);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_enable_echo[] = {
	S_RECV("R1>"),
	S_SEND("enable\n"),
	S_RECV("enable\r\nPassword: "),
	S_SEND(ENABLE_PW "\n"),
	S_RECV(ENABLE_PW "\r\n" LOGIN_PW "\r\nR1#"),
	S_SEND("terminal length 0\n"),
	S_RECV("terminal length 0\r\nR1#"),
	S_SEND("terminal width 511\n"),
	S_RECV("terminal width 511\r\nR1#"),
};

START_TEST(ios_echoed_secret_redacted)
{
	struct run t;
	char *tr;
	size_t chunk;

	for (chunk = 1; chunk < 6; chunk++) {
		run_start(&t, 1, ios_enable_echo, NSTEPS(ios_enable_echo),
		    chunk);
		ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
		tr = run_transcript(&t);
		ck_assert_msg(strstr(tr, ENABLE_PW) == NULL, "%s", tr);
		ck_assert_msg(strstr(tr, LOGIN_PW) == NULL, "%s", tr);
		ck_assert_msg(strstr(tr, "< <redacted>\\r\\n\n") != NULL,
		    "%s", tr);
		free(tr);
		run_end(&t, 1);
	}
}
END_TEST

static const struct script_step ios_enable_bad[] = {
	S_RECV("R1>"),
	S_SEND("enable\n"),
	S_RECV("enable\r\nPassword: "),
	S_SEND(ENABLE_PW "\n"),
	S_RECV("\r\nPassword: "),
};

START_TEST(ios_enable_wrong_secret)
{
	struct run t;
	char *tr;

	run_start(&t, 1, ios_enable_bad, NSTEPS(ios_enable_bad), 0);
	ck_assert_int_eq(t.r, ALGOFF_ERR_AUTH);
	ck_assert_ptr_null(t.s);
	ck_assert_str_eq(t.eb.msg, "enable password rejected");
	tr = run_transcript(&t);
	ck_assert_msg(strstr(tr, ENABLE_PW) == NULL, "%s", tr);
	free(tr);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_enable_denied[] = {
	S_RECV("R1>"),
	S_SEND("enable\n"),
	S_RECV("enable\r\nPassword: "),
	S_SEND(ENABLE_PW "\n"),
	S_RECV("\r\n% Access denied\r\n\r\nR1>"),
};

START_TEST(ios_enable_back_to_user_mode)
{
	struct run t;

	run_start(&t, 1, ios_enable_denied, NSTEPS(ios_enable_denied), 0);
	ck_assert_int_eq(t.r, ALGOFF_ERR_AUTH);
	ck_assert_msg(strstr(t.eb.msg, "enable password rejected") != NULL,
	    "%s", t.eb.msg);
	run_end(&t, 1);
}
END_TEST

/* A privileged login, then paging off: the start of most IOS scripts. */
#define IOS_PRIV \
	S_RECV("R1#"), \
	S_SEND("terminal length 0\n"), \
	S_RECV("terminal length 0\r\nR1#"), \
	S_SEND("terminal width 511\n"), \
	S_RECV("terminal width 511\r\nR1#")

static const struct script_step ios_priv[] = {
	IOS_PRIV,
};

static const struct script_step ios_invalid[] = {
	IOS_PRIV,
	S_SEND("show ip nat servce\n"),
	S_RECV("show ip nat servce\r\n                ^\r\n"
	    "% Invalid input detected at '^' marker.\r\n\r\nR1#"),
};

START_TEST(ios_invalid_input)
{
	struct run t;

	run_start(&t, 1, ios_invalid, NSTEPS(ios_invalid), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_PRIV);
	t.r = session_cmd(t.s, "show ip nat servce", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_DEVICE);
	ck_assert_str_eq(t.eb.msg, "device rejected \"show ip nat servce\": "
	    "\"% Invalid input detected at '^' marker.\"");
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_confirm[] = {
	IOS_PRIV,
	S_SEND("copy running-config startup-config\n"),
	S_RECV("copy running-config startup-config\r\n"
	    "Destination filename [startup-config]? "),
	S_SEND("\n"),
	S_RECV("\r\nBuilding configuration...\r\n[OK]\r\nR1#"),
};

START_TEST(ios_confirmation_answered)
{
	struct run t;
	char *out = NULL;

	run_start(&t, 1, ios_confirm, NSTEPS(ios_confirm), 7);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "copy running-config startup-config", &out,
	    &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(out, "Destination filename [startup-config]? \n"
	    "Building configuration...\n[OK]\n");
	free(out);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_pager[] = {
	IOS_PRIV,
	S_SEND("show running-config\n"),
	S_RECV("show running-config\r\nBuilding configuration...\r\n\r\n"
	    "hostname R1\r\n --More-- "),
	S_SEND(" "),
	S_RECV("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"
	    "ip nat service sip udp port 5060\r\nend\r\n\r\nR1#"),
};

START_TEST(ios_pager_backspaces)
{
	struct run t;
	char *out = NULL;

	run_start(&t, 1, ios_pager, NSTEPS(ios_pager), 3);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show running-config", &out, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(out, "Building configuration...\n\nhostname R1\n"
	    "ip nat service sip udp port 5060\nend\n\n");
	free(out);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_config[] = {
	IOS_PRIV,
	S_SEND("configure terminal\n"),
	S_RECV("configure terminal\r\nEnter configuration commands, one per "
	    "line.  End with CNTL/Z.\r\nR1(config)#"),
	S_SEND("no ip nat service sip udp port 5060\n"),
	S_RECV("no ip nat service sip udp port 5060\r\nR1(config)#"),
	S_SEND("end\n"),
	S_RECV("end\r\nR1#"),
};

START_TEST(ios_config_enter_exit)
{
	struct run t;

	run_start(&t, 1, ios_config, NSTEPS(ios_config), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_config_enter(t.s, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_CONFIG);
	t.r = session_cmd(t.s, "no ip nat service sip udp port 5060", NULL,
	    &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_config_exit(t.s, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_int_eq(session_mode(t.s), PROMPT_PRIV);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_hang[] = {
	IOS_PRIV,
	S_SEND("show ip nat statistics\n"),
	S_RECV("show ip nat statistics\r\nTotal active translations: 0 "
	    "password " LOGIN_PW),
};

START_TEST(timeout_when_no_prompt)
{
	struct run t;
	int64_t t0;

	g_timeout_ms = 150;
	run_start(&t, 1, ios_hang, NSTEPS(ios_hang), 0);
	g_timeout_ms = 0;
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t0 = ms_now();
	t.r = session_cmd(t.s, "show ip nat statistics", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_TIMEOUT);
	ck_assert_int_lt(ms_now() - t0, 1000);
	ck_assert_msg(strstr(t.eb.msg, "no prompt within 150 ms after "
	    "\"show ip nat statistics\"") != NULL, "%s", t.eb.msg);
	ck_assert_msg(strstr(t.eb.msg, "password <redacted>\"") != NULL, "%s",
	    t.eb.msg);
	ck_assert_msg(strstr(t.eb.msg, LOGIN_PW) == NULL, "%s", t.eb.msg);
	run_end(&t, 1);
}
END_TEST

static const struct script_step ios_drop[] = {
	IOS_PRIV,
	S_SEND("show running-config\n"),
	S_RECV("show running-config\r\nBuilding configuration...\r\nhost"),
	S_CLOSE,
};

START_TEST(drop_mid_output)
{
	struct run t;

	run_start(&t, 1, ios_drop, NSTEPS(ios_drop), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show running-config", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_DROPPED);
	ck_assert_msg(strstr(t.eb.msg, "connection lost after "
	    "\"show running-config\"") != NULL, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show version", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_DROPPED);
	run_end(&t, 0);
}
END_TEST

static char big[8192];

static const struct script_step ios_big[] = {
	IOS_PRIV,
	S_SEND("show tech-support\n"),
	S_RECV("show tech-support\r\n"),
	S_RECV(big),
	S_RECV("\r\nR1#"),
};

START_TEST(oversized_output)
{
	struct run t;
	size_t i;

	for (i = 0; i + 1 < sizeof(big); i++)
		big[i] = i % 64 == 63 ? '\n' : 'x';
	big[sizeof(big) - 1] = '\0';
	memset(&t, 0, sizeof(t));
	t.v = load_shipped("cisco-ios");
	t.o.cli = &t.v->cli;
	t.o.max_output = 4096;
	t.o.settle_ms = -1;
	t.sc = stream_script_open(&t.st, ios_big, NSTEPS(ios_big), 0);
	t.tr = tmpfile();
	t.r = session_open(&t.st, &t.o, &t.s, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show tech-support", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_TOOBIG);
	ck_assert_str_eq(t.eb.msg,
	    "output of \"show tech-support\" exceeds 4096 bytes");
	run_end(&t, 0);
}
END_TEST

START_TEST(control_characters_refused)
{
	struct run t;

	run_start(&t, 1, ios_priv, NSTEPS(ios_priv), 0);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show version\nreload", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_INPUT);
	run_end(&t, 1);
}
END_TEST

/* ---- the whole profile, as apply drives it ----------------------- */

static const struct script_step shipped_fgt[] = {
	S_RECV("\r\nThis system is for authorised use only.\r\n"
	    "(Press 'a' to accept):"),
	S_SEND("a\n"),
	S_RECV("a\r\n\r\nFGT60F # "),
	S_SEND("show system settings\n"),
	S_RECV("show system settings\r\nconfig system settings\r\n"
	    "    set sip-expectation enable\r\n--More-- "),
	S_SEND(" "),
	S_RECV("\r         \r    set sip-nat-trace enable\r\nend\r\n\r\n"
	    "FGT60F # "),
	S_SEND("config system settings\n"),
	S_RECV("config system settings\r\n\r\nFGT60F (settings) # "),
	S_SEND("set sip-expectation disabel\n"),
	S_RECV("set sip-expectation disabel\r\n"
	    "command parse error before 'disabel'\r\n"
	    "Command fail. Return code -61\r\n\r\nFGT60F (settings) # "),
};

START_TEST(shipped_fortigate_profile)
{
	struct vendor *v = load_shipped("fortigate");
	struct session_opts o;
	struct stream st;
	struct script *sc;
	struct session *s = NULL;
	struct errbuf eb;
	char *out = NULL;

	memset(&o, 0, sizeof(o));
	o.cli = &v->cli;
	o.settle_ms = 15;
	sc = stream_script_open(&st, shipped_fgt, NSTEPS(shipped_fgt), 6);
	ck_assert_msg(session_open(&st, &o, &s, &eb) == ALGOFF_OK, "%s",
	    eb.msg);
	ck_assert_int_eq(session_mode(s), PROMPT_PRIV);
	ck_assert_msg(session_cmd(s, "show system settings", &out, &eb) ==
	    ALGOFF_OK, "%s", eb.msg);
	ck_assert_str_eq(out, "config system settings\n"
	    "    set sip-expectation enable\n"
	    "    set sip-nat-trace enable\nend\n\n");
	free(out);
	ck_assert_msg(session_cmd(s, "config system settings", NULL, &eb) ==
	    ALGOFF_OK, "%s", eb.msg);
	ck_assert_int_eq(session_mode(s), PROMPT_CONFIG);
	ck_assert_int_eq(session_cmd(s, "set sip-expectation disabel", NULL,
	    &eb), ALGOFF_ERR_DEVICE);
	ck_assert_str_eq(eb.msg, "device rejected \"set sip-expectation "
	    "disabel\": \"command parse error before 'disabel'\"");
	ck_assert_str_eq(stream_script_error(sc), "");
	ck_assert(stream_script_done(sc));
	session_close(s);
	st.ops->close(st.ctx);
	vendor_free(v);
}
END_TEST

static const struct script_step shipped_ios[] = {
	S_RECV("\r\n\r\nR1>"),
	S_SEND("enable\n"),
	S_RECV("enable\r\nPassword: "),
	S_SEND(ENABLE_PW "\n"),
	S_RECV("\r\nR1#"),
	S_SEND("terminal length 0\n"),
	S_RECV("terminal length 0\r\nR1#"),
	S_SEND("terminal width 511\n"),
	S_RECV("terminal width 511\r\nR1#"),
	S_SEND("configure terminal\n"),
	S_RECV("configure terminal\r\nEnter configuration commands, one per "
	    "line.  End with CNTL/Z.\r\nR1(config)#"),
	S_SEND("no ip nat service sip udp port 5060\n"),
	S_RECV("no ip nat service sip udp port 5060\r\nR1(config)#"),
	S_SEND("end\n"),
	S_RECV("end\r\nR1#"),
	S_SEND("copy running-config startup-config\n"),
	S_RECV("copy running-config startup-config\r\n"
	    "Destination filename [startup-config]? "),
	S_SEND("\n"),
	S_RECV("\r\nBuilding configuration...\r\n[OK]\r\nR1#"),
};

START_TEST(shipped_cisco_ios_profile)
{
	struct vendor *v = load_shipped("cisco-ios");
	struct secret *pw = secret_new(ENABLE_PW);
	struct session_opts o;
	struct stream st;
	struct script *sc;
	struct session *s = NULL;
	struct errbuf eb;

	memset(&o, 0, sizeof(o));
	o.cli = &v->cli;
	o.enable_password = pw;
	o.settle_ms = 15;
	sc = stream_script_open(&st, shipped_ios, NSTEPS(shipped_ios), 5);
	ck_assert_msg(session_open(&st, &o, &s, &eb) == ALGOFF_OK, "%s",
	    eb.msg);
	ck_assert_int_eq(session_mode(s), PROMPT_PRIV);
	ck_assert_msg(session_config_enter(s, &eb) == ALGOFF_OK, "%s", eb.msg);
	ck_assert_str_eq(session_prompt(s), "R1(config)#");
	ck_assert_msg(session_cmd(s, "no ip nat service sip udp port 5060",
	    NULL, &eb) == ALGOFF_OK, "%s", eb.msg);
	ck_assert_msg(session_config_exit(s, &eb) == ALGOFF_OK, "%s", eb.msg);
	ck_assert_msg(session_cmd(s, "copy running-config startup-config",
	    NULL, &eb) == ALGOFF_OK, "%s", eb.msg);
	ck_assert_str_eq(stream_script_error(sc), "");
	ck_assert(stream_script_done(sc));
	session_close(s);
	st.ops->close(st.ctx);
	secret_free(pw);
	vendor_free(v);
}
END_TEST

/* ---- text cleaner and redaction ------------------------------------- */

static char *
clean_pieces(const char *const *pieces)
{
	struct buf b;
	struct tclean t;

	buf_init(&b, 1 << 16);
	tclean_init(&t, &b);
	for (; *pieces != NULL; pieces++)
		ck_assert_int_eq(tclean_feed(&t, *pieces, strlen(*pieces)),
		    ALGOFF_OK);
	return buf_take(&b);
}

START_TEST(cleaner_split_sequences)
{
	const char *a[] = { "one\r", "\ntwo \x1b", "[1", ";32mgreen\x1b[0m\r",
	    "\n", NULL };
	const char *b[] = { "abc --More-- ", "\r            \r", "def\n",
	    NULL };
	const char *c[] = { "ab\bc\x1b[2Dxy\b\b\b\bq\x1b]0;title\x07!\0z",
	    "\x1b(B.", NULL };
	char *s;

	s = clean_pieces(a);
	ck_assert_str_eq(s, "one\ntwo green\n");
	free(s);
	s = clean_pieces(b);
	ck_assert_str_eq(s, "def\n");
	free(s);
	s = clean_pieces(c);
	ck_assert_str_eq(s, "q!.");
	free(s);
}
END_TEST

START_TEST(redact_cut_holds_partial_secret)
{
	struct secret *x = secret_new("hunter2");
	struct secrets set;

	memset(&set, 0, sizeof(set));
	secrets_add(&set, x);
	ck_assert_uint_eq(redact_cut(&set, "abc hun", 7), 4);
	ck_assert_uint_eq(redact_cut(&set, "abc hunter2 x", 13), 13);
	ck_assert_uint_eq(redact_cut(&set, "abc hunx", 8), 8);
	ck_assert_uint_eq(redact_cut(NULL, "abc hun", 7), 7);
	secret_free(x);
}
END_TEST

/* ---- a real child process ------------------------------------------- */

/* say - write s in small pieces with pauses, like a slow serial line. */
static void
say(int fd, const char *s, int piece, int pause_us)
{
	size_t n = strlen(s), k;

	while (n > 0) {
		k = n < (size_t)piece ? n : (size_t)piece;
		if (write(fd, s, k) != (ssize_t)k)
			_exit(3);
		s += k;
		n -= k;
		if (pause_us > 0)
			usleep((useconds_t)pause_us);
	}
}

/* get_line - read one line (echo it back as a terminal would). */
static int
get_line(int fd, char *line, size_t max, int echo)
{
	size_t n = 0;
	char c;

	while (n + 1 < max) {
		if (read(fd, &c, 1) != 1)
			return -1;
		if (c == '\n')
			break;
		line[n++] = c;
		if (echo && write(fd, &c, 1) != 1)
			return -1;
	}
	line[n] = '\0';
	if (echo)
		say(fd, "\r\n", 2, 0);
	return 0;
}

/*
 * ios_child - a small IOS-like responder. mode 0: normal; 1: never returns
 * the prompt after the first command; 2: closes mid-output.
 */
static void
ios_child(int fd, int mode)
{
	char line[256];
	int i;

	say(fd, "\r\nUser Access Verification\r\n\r\nR1>", 5, 2000);
	for (i = 0; i < 32; i++) {
		if (get_line(fd, line, sizeof(line), 1) < 0)
			_exit(0);
		if (strcmp(line, "enable") == 0) {
			say(fd, "Password: ", 3, 1000);
			if (get_line(fd, line, sizeof(line), 0) < 0)
				_exit(0);
			say(fd, "\r\n", 1, 0);
			say(fd, strcmp(line, ENABLE_PW) == 0 ? "R1#" :
			    "% Access denied\r\n\r\nR1>", 1, 500);
			continue;
		}
		if (mode == 1 && strcmp(line, "show version") == 0) {
			say(fd, "Cisco IOS Software, ", 4, 1000);
			pause();
		}
		if (mode == 2 && strcmp(line, "show version") == 0) {
			say(fd, "Cisco IOS Software, ", 4, 1000);
			_exit(0);
		}
		if (strcmp(line, "show running-config") == 0) {
			say(fd, "Building configuration...\r\n\r\n"
			    "hostname R1\r\n --More-- ", 7, 3000);
			if (read(fd, line, 1) != 1 || line[0] != ' ')
				_exit(4);
			say(fd, "\b\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b\b"
			    "ip nat service sip udp port 5060\r\nend\r\n"
			    "\r\nR1#", 11, 3000);
			continue;
		}
		if (strncmp(line, "show ip nat servce", 18) == 0) {
			say(fd, "                ^\r\n% Invalid input detected "
			    "at '^' marker.\r\n\r\nR1#", 9, 1000);
			continue;
		}
		say(fd, "\r\nR1#", 2, 1000);
	}
	_exit(0);
}

static const char *g_child_pw = ENABLE_PW;   /* what algoff types */

struct child {
	pid_t pid;
	struct run t;
};

static void
child_start(struct child *c, int mode, int timeout_ms)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	c->pid = fork();
	ck_assert_int_ge(c->pid, 0);
	if (c->pid == 0) {
		signal(SIGTERM, SIG_DFL);   /* Check's handler kills the group */
		close(sv[0]);
		ios_child(sv[1], mode);
	}
	close(sv[1]);
	memset(&c->t, 0, sizeof(c->t));
	c->t.v = load_shipped("cisco-ios");
	c->t.v->cli.timeout_ms = timeout_ms;
	c->t.enable = secret_new(g_child_pw);
	c->t.o.cli = &c->t.v->cli;
	c->t.o.enable_password = c->t.enable;
	c->t.o.settle_ms = 30;
	c->t.tr = tmpfile();
	c->t.o.transcript = c->t.tr;
	stream_fd_open(&c->t.st, sv[0], sv[0]);
	c->t.r = session_open(&c->t.st, &c->t.o, &c->t.s, &c->t.eb);
}

static void
child_end(struct child *c)
{
	int status;

	session_close(c->t.s);
	c->t.st.ops->close(c->t.st.ctx);
	kill(c->pid, SIGKILL);
	ck_assert_int_eq(waitpid(c->pid, &status, 0), c->pid);
	fclose(c->t.tr);
	secret_free(c->t.enable);
	vendor_free(c->t.v);
}

START_TEST(child_process_dialogue)
{
	struct child c;
	char *out = NULL, *tr;

	child_start(&c, 0, 3000);
	ck_assert_msg(c.t.r == ALGOFF_OK, "%s", c.t.eb.msg);
	ck_assert_int_eq(session_mode(c.t.s), PROMPT_PRIV);
	c.t.r = session_cmd(c.t.s, "show running-config", &out, &c.t.eb);
	ck_assert_msg(c.t.r == ALGOFF_OK, "%s", c.t.eb.msg);
	ck_assert_str_eq(out, "Building configuration...\n\nhostname R1\n"
	    "ip nat service sip udp port 5060\nend\n\n");
	free(out);
	c.t.r = session_cmd(c.t.s, "show ip nat servce", NULL, &c.t.eb);
	ck_assert_int_eq(c.t.r, ALGOFF_ERR_DEVICE);
	ck_assert_msg(strstr(c.t.eb.msg, "% Invalid input detected") != NULL,
	    "%s", c.t.eb.msg);
	c.t.r = session_config_enter(c.t.s, &c.t.eb);
	ck_assert_int_eq(c.t.r, ALGOFF_ERR_DEVICE);   /* emulator has none */
	tr = run_transcript(&c.t);
	ck_assert_msg(strstr(tr, ENABLE_PW) == NULL, "%s", tr);
	free(tr);
	child_end(&c);
}
END_TEST

START_TEST(child_process_wrong_enable)
{
	struct child c;

	g_child_pw = "wrong";
	child_start(&c, 0, 3000);
	g_child_pw = ENABLE_PW;
	ck_assert_int_eq(c.t.r, ALGOFF_ERR_AUTH);
	ck_assert_ptr_null(c.t.s);
	ck_assert_msg(strstr(c.t.eb.msg, "enable password rejected") != NULL,
	    "%s", c.t.eb.msg);
	child_end(&c);
}
END_TEST

START_TEST(child_process_hang_and_drop)
{
	struct child c;
	int64_t t0;

	child_start(&c, 1, 300);
	ck_assert_msg(c.t.r == ALGOFF_OK, "%s", c.t.eb.msg);
	t0 = ms_now();
	c.t.r = session_cmd(c.t.s, "show version", NULL, &c.t.eb);
	ck_assert_int_eq(c.t.r, ALGOFF_ERR_TIMEOUT);
	ck_assert_int_lt(ms_now() - t0, 1500);
	ck_assert_msg(strstr(c.t.eb.msg, "Cisco IOS Software, \"") != NULL,
	    "%s", c.t.eb.msg);
	child_end(&c);

	child_start(&c, 2, 3000);
	ck_assert_msg(c.t.r == ALGOFF_OK, "%s", c.t.eb.msg);
	c.t.r = session_cmd(c.t.s, "show version", NULL, &c.t.eb);
	ck_assert_int_eq(c.t.r, ALGOFF_ERR_DROPPED);
	ck_assert_msg(strstr(c.t.eb.msg, "after \"show version\"") != NULL,
	    "%s", c.t.eb.msg);
	child_end(&c);
}
END_TEST

static void add_hostile_input_tests(Suite *s);

static Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("scripted");
	TCase *tt = tcase_create("text");
	TCase *tp = tcase_create("process");

	tcase_add_test(tc, fgt_banner_and_prompt);
	tcase_add_test(tc, fgt_pager_and_echo_stripped);
	tcase_add_test(tc, fgt_config_mode_and_error);
	tcase_add_test(tc, fgt_return_code_error);
	tcase_add_test(tc, echo_and_output_that_look_like_prompts);
	tcase_add_test(tc, ios_enable_ok_and_redacted);
	tcase_add_test(tc, ios_echoed_secret_redacted);
	tcase_add_test(tc, ios_enable_wrong_secret);
	tcase_add_test(tc, ios_enable_back_to_user_mode);
	tcase_add_test(tc, ios_invalid_input);
	tcase_add_test(tc, ios_confirmation_answered);
	tcase_add_test(tc, ios_pager_backspaces);
	tcase_add_test(tc, ios_config_enter_exit);
	tcase_add_test(tc, timeout_when_no_prompt);
	tcase_add_test(tc, drop_mid_output);
	tcase_add_test(tc, oversized_output);
	tcase_add_test(tc, control_characters_refused);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, shipped_fortigate_profile);
	tcase_add_test(tc, shipped_cisco_ios_profile);
	tcase_add_test(tt, cleaner_split_sequences);
	tcase_add_test(tt, redact_cut_holds_partial_secret);
	tcase_add_test(tp, child_process_dialogue);
	tcase_add_test(tp, child_process_wrong_enable);
	tcase_add_test(tp, child_process_hang_and_drop);
	tcase_set_timeout(tp, 20);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tt);
	suite_add_tcase(s, tp);
	add_hostile_input_tests(s);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(session_suite());
	int failed;

	signal(SIGPIPE, SIG_IGN);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---- hostile input: control-only logins, floods without a newline ---- */

/* A login whose first bytes clean to nothing: a lone CR, then a shell's
 * bracketed-paste switch, then the prompt (the UBSan build aborts on
 * arithmetic on a null pointer if nothing-received is examined). */
static const struct script_step ctl_login[] = {
	S_RECV("\r"),
	S_DELAY(30),
	S_RECV("\x1b[?2004h"),
	S_DELAY(30),
	S_RECV("\x1b[?2004hFGT # "),
};

static const struct script_step cr_only[] = {
	S_RECV("\r"),
	S_RECV("\x1b[?2004h\x1b[0m\x07"),
};

START_TEST(login_control_bytes_only)
{
	struct run t;

	run_start(&t, 0, ctl_login, NSTEPS(ctl_login), 1);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(session_prompt(t.s), "FGT # ");
	run_end(&t, 1);
	g_timeout_ms = 150;
	run_start(&t, 0, cr_only, NSTEPS(cr_only), 0);
	g_timeout_ms = 0;
	ck_assert_int_eq(t.r, ALGOFF_ERR_TIMEOUT);
	ck_assert_msg(strstr(t.eb.msg, "last received: nothing") != NULL, "%s",
	    t.eb.msg);
	run_end(&t, 1);
}
END_TEST

#define FLOOD_LEN ((size_t)4 << 20)
static char *g_flood;

static void
flood_fill(size_t n, char c)
{
	g_flood = malloc(n + 1);
	ck_assert_ptr_nonnull(g_flood);
	memset(g_flood, c, n);
	g_flood[n] = '\0';
}

/* A 4 MiB line without a newline, then the prompt: linear work (bytes
 * handed to regexec counted, not time), and the prompt is still found. */
START_TEST(long_line_bounded_work)
{
	struct script_step steps[] = {
		S_RECV("FGT # "),
		S_SEND("show full\n"),
		S_RECV("show full\r\n"),
		S_RECV(NULL),
		S_RECV("\r\nFGT # "),
	};
	struct run t;
	char *out = NULL;
	size_t work;

	flood_fill(FLOOD_LEN, 'A');
	g_flood[FLOOD_LEN - 4] = '#';	/* "...A#AAA": no prompt either */
	steps[3].data = g_flood;
	memset(&t, 0, sizeof(t));
	t.v = load_shipped("fortigate");
	t.o.cli = &t.v->cli;
	t.o.max_output = 2 * FLOOD_LEN;
	t.o.settle_ms = 15;
	t.sc = stream_script_open(&t.st, steps, NSTEPS(steps), 0);
	t.tr = tmpfile();
	t.r = session_open(&t.st, &t.o, &t.s, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	work = session_match_work(t.s);
	t.r = session_cmd(t.s, "show full", &out, &t.eb);
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	ck_assert_str_eq(session_prompt(t.s), "FGT # ");
	ck_assert_uint_eq(strlen(out), FLOOD_LEN + 1);
	work = session_match_work(t.s) - work;
	/* 5 patterns x (4 MiB / 4 KiB reads) x 4 KiB window = 5 x 4 MiB;
	 * matching the whole line after every read would be ~2500 x that. */
	ck_assert_msg(work <= 8 * FLOOD_LEN, "regexec saw %zu bytes", work);
	free(out);
	run_end(&t, 1);
	free(g_flood);
}
END_TEST

/* A long line that never ends: the transcript and the timeout say that
 * only the end of the line was matched. */
START_TEST(long_line_noted)
{
	struct script_step steps[] = {
		IOS_PRIV,
		S_SEND("show tech\n"),
		S_RECV("show tech\r\n"),
		S_RECV(NULL),
	};
	struct run t;
	char *tr;

	flood_fill(10000, 'x');
	steps[NSTEPS(steps) - 1].data = g_flood;
	g_timeout_ms = 150;
	run_start(&t, 1, steps, NSTEPS(steps), 0);
	g_timeout_ms = 0;
	ck_assert_msg(t.r == ALGOFF_OK, "%s", t.eb.msg);
	t.r = session_cmd(t.s, "show tech", NULL, &t.eb);
	ck_assert_int_eq(t.r, ALGOFF_ERR_TIMEOUT);
	ck_assert_msg(strstr(t.eb.msg, "the last line is 10000 bytes long "
	    "without a line break; only its last 4096 bytes") != NULL, "%s",
	    t.eb.msg);
	tr = run_transcript(&t);
	ck_assert_msg(strstr(tr, "\n! line over 4096 bytes without a line "
	    "break") != NULL, "%s", tr);
	free(tr);
	run_end(&t, 1);
	free(g_flood);
}
END_TEST

static void
add_hostile_input_tests(Suite *s)
{
	TCase *th = tcase_create("hostile");

	tcase_add_test(th, login_control_bytes_only);
	tcase_add_test(th, long_line_bounded_work);
	tcase_add_test(th, long_line_noted);
	tcase_set_timeout(th, 60);
	suite_add_tcase(s, th);
}
