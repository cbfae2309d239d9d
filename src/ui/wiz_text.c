/* SPDX-License-Identifier: MIT */
/*
 * wiz_text.c - the text of every wizard screen as styled lines: pure
 * functions of the state and the width, so they are unit-tested without a
 * terminal. wiz_curses.c and wiz_screens.c only draw them.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/wiz_model.h"

static const char *const screen_titles[WS_COUNT] = {
	"Welcome", "Vendor", "Which device do I have?", "Web interface steps",
	"Connection", "Host key", "Precheck", "Preview", "Progress",
	"Verification", "Summary"
};

const char *
wiz_screen_title(enum wiz_screen s)
{
	return (unsigned)s < WS_COUNT ? screen_titles[s] : "";
}

int
wiz_screen_step(enum wiz_screen s)
{
	static const int steps[WS_COUNT] = {
		1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9
	};

	return (unsigned)s < WS_COUNT ? steps[s] : 0;
}

/* numbered - a wrapped paragraph with "NN." in its indent */
static void
numbered(struct wiz_lines *out, enum wiz_style st, int width, int num,
    const char *text)
{
	size_t first = out->n;
	char tag[16];
	size_t tl;

	wl_wrap(out, st, 5, width, text);
	if (first < out->n) {
		tl = (size_t)snprintf(tag, sizeof(tag), "%3d.", num);
		if (tl <= 4)
			memcpy(out->l[first].text, tag, tl);
	}
}

void
wiz_welcome_lines(int dry, int width, struct wiz_lines *out)
{
	wl_add(out, WST_HEAD, "Turn the SIP ALG off, and prove that it is off.");
	wl_add(out, WST_TEXT, "%s", "");
	wl_wrap(out, WST_TEXT, 0, width, "A SIP ALG (Application Layer "
	    "Gateway) is a router feature that rewrites SIP signalling as calls "
	    "cross NAT. On modern VoIP systems it breaks things:");
	wl_add(out, WST_TEXT, "  - phones fail to register, or register and drop");
	wl_add(out, WST_TEXT, "  - one-way audio, or calls with no audio at all");
	wl_add(out, WST_TEXT, "  - hold and transfer fail");
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_HEAD, "What happens next");
	numbered(out, WST_TEXT, width, 1, "You pick your router or firewall.");
	numbered(out, WST_TEXT, width, 2, "You say how to reach it over SSH, "
	    "or algoff shows the steps for its web page.");
	numbered(out, WST_TEXT, width, 3, "algoff reads the current setting and "
	    "shows the exact commands it will send.");
	numbered(out, WST_TEXT, width, 4, "Nothing is changed until you confirm. "
	    "A backup comes first; a failed check rolls the change back.");
	numbered(out, WST_TEXT, width, 5, "algoff checks the device and, with a "
	    "SIP reflector, proves that SIP crosses the router untouched.");
	wl_add(out, WST_TEXT, "%s", "");
	if (dry)
		wl_add(out, WST_WARN, "Dry run: nothing is sent to any device; "
		    "you see the commands instead.");
	wl_add(out, WST_OK, "Press Enter to start.");
}

void
wiz_unsure_lines(int width, struct wiz_lines *out)
{
	wl_wrap(out, WST_TEXT, 0, width, "Find the maker and model, then pick "
	    "the family in the list (type a few letters of the maker):");
	wl_add(out, WST_TEXT, "%s", "");
	numbered(out, WST_TEXT, width, 1, "Look at the label on the bottom or "
	    "back of the box: maker, model (e.g. FortiGate 60F, ISR 4331, "
	    "Archer AX55) and the address of its web page.");
	numbered(out, WST_TEXT, width, 2, "Open that web page: the login page "
	    "title names the maker (FortiGate, TP-Link, NETGEAR, Linksys).");
	numbered(out, WST_TEXT, width, 3, "Business firewalls and routers "
	    "(Fortinet, Cisco, a Linux box with nftables) can be configured "
	    "over SSH: algoff does it for you.");
	numbered(out, WST_TEXT, width, 4, "Home routers (TP-Link, NETGEAR, "
	    "Linksys) only have a web page: algoff shows the steps, then proves "
	    "the result with the SIP probe.");
	numbered(out, WST_TEXT, width, 5, "Not listed? Run \"algoff probe "
	    "--reflector HOST\" to see whether SIP is rewritten at all, and "
	    "ask the maker how to turn the SIP ALG off.");
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_DIM, "Esc goes back to the list.");
}

static const char *const help_texts[WS_COUNT] = {
	[WS_WELCOME] = "algoff walks you through turning the SIP ALG off. "
	    "Enter goes on, Esc goes back one screen, q quits (after a "
	    "question), F1 or ? shows this help. Nothing is sent to a device "
	    "before you confirm the preview.",
	[WS_VENDOR] = "Type letters to filter the list (maker, model family or "
	    "id). Up and Down move, PgUp and PgDn page, Enter picks. \"ssh\": "
	    "algoff configures the device over SSH. \"guided\": the device only "
	    "has a web page; algoff shows the steps. Backspace edits the filter. "
	    "On this screen q is a letter: press F10 to quit.",
	[WS_UNSURE] = "How to find out which device you have. Esc returns to "
	    "the list.",
	[WS_MANUAL] = "Do the numbered steps in the router's web page. Then "
	    "Enter runs the SIP probe: give the address of a reflector "
	    "(\"algoff reflector --listen ADDR\" on a machine outside this "
	    "network) and algoff shows whether SIP still gets rewritten.",
	[WS_CONN] = "Tab, Down and Up move between fields. Left and Right "
	    "change the authentication. Passwords are never shown and never "
	    "saved; algoff keeps them in memory for this run only. The known "
	    "hosts file is where accepted host keys are kept. The reflector is "
	    "optional: with it the SIP probe runs after the change. Enter "
	    "checks every field and goes on. q is a letter here: F10 quits.",
	[WS_HOSTKEY] = "SSH identifies the device by its host key. If you do "
	    "not know the fingerprint, compare it with the one shown on the "
	    "device's console or web page before accepting. A changed key can "
	    "mean a replaced device or an attack: algoff refuses it; fix the "
	    "known hosts file if the change is expected.",
	[WS_PRECHECK] = "algoff read the current setting. If the SIP ALG is "
	    "already off, nothing needs changing. Enter continues to the "
	    "preview of the commands.",
	[WS_PREVIEW] = "These are the exact lines algoff will send, in order. "
	    "Up, Down, PgUp and PgDn scroll. Enter (or y) confirms and starts; "
	    "Esc goes back and nothing is changed.",
	[WS_PROGRESS] = "Each step with its state, and what the device "
	    "answers (passwords are shown as <redacted>).",
	[WS_VERIFY] = "The device's own check, and the SIP probe when a "
	    "reflector was given: the probe sends SIP through the router to the "
	    "reflector, which returns exactly what it received; any change "
	    "means an ALG is still rewriting SIP. A path through no NAT router "
	    "(a reflector on the same network) tests nothing: the probe says "
	    "UNTESTED. p runs the probe.",
	[WS_SUMMARY] = "What happened, where the backup is and how to roll "
	    "back. s saves these answers as a batch file for \"algoff batch\" "
	    "(secrets are stored only as environment variable names).",
};

/* in a dry run nothing is read from a device: these screens say so */
static const char *const help_dry[WS_COUNT] = {
	[WS_PRECHECK] = "Dry run: algoff did not connect and nothing was "
	    "read from a device. On a real run algoff logs in and reads the "
	    "current setting with the lines shown; if the SIP ALG is already "
	    "off it changes nothing. Enter continues to the preview.",
	[WS_PREVIEW] = "Dry run: these are the lines algoff would send, in "
	    "order, from the login on. Values in <> would be read from the "
	    "device on a real run. Up, Down, PgUp and PgDn scroll; Enter goes "
	    "on to the summary and nothing is sent.",
	[WS_SUMMARY] = "Dry run: nothing was sent and nothing was read. s "
	    "saves these answers as a batch file for \"algoff batch\" "
	    "(secrets are stored only as environment variable names); run it "
	    "with --dry-run first.",
};

void
wiz_help_lines(enum wiz_screen s, int dry, int width, struct wiz_lines *out)
{
	const char *t = NULL;

	wl_add(out, WST_HEAD, "Help: %s", wiz_screen_title(s));
	wl_add(out, WST_TEXT, "%s", "");
	if ((unsigned)s < WS_COUNT)
		t = dry && help_dry[s] != NULL ? help_dry[s] : help_texts[s];
	if (t != NULL)
		wl_wrap(out, WST_TEXT, 0, width, t);
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_DIM, "Press any key to close this help.");
}

/* evidence_line - what the profile rests on (schema/vendor.xsd). */
static void
evidence_line(const struct vendor *v, int width, struct wiz_lines *out)
{
	if (v->evidence == EVIDENCE_DOCUMENTED)
		wl_wrap(out, WST_DIM, 0, width, "Evidence: documented (every "
		    "step rests on vendor documentation or device output).");
	else if (v->evidence == EVIDENCE_COMMUNITY)
		wl_wrap(out, WST_WARN, 0, width, "Evidence: community (some "
		    "steps rest on third-party code or community articles): "
		    "prove the result with the SIP probe.");
}

void
wiz_manual_lines(const struct vendor *v, int width, struct wiz_lines *out)
{
	size_t i;

	wl_wrap(out, WST_TEXT, 0, width, v->name);
	out->l[out->n - 1].style = WST_HEAD;
	wl_wrap(out, WST_DIM, 0, width, v->versions ? v->versions : "");
	evidence_line(v, width, out);
	wl_add(out, WST_TEXT, "%s", "");
	wl_wrap(out, WST_TEXT, 0, width, "This device is set up in its web "
	    "page, not over SSH. Do these steps:");
	wl_add(out, WST_TEXT, "%s", "");
	for (i = 0; i < v->n_manual; i++) {
		numbered(out, WST_CMD, width, v->manual[i].n, v->manual[i].path);
		wl_wrap(out, WST_TEXT, 5, width, v->manual[i].text);
	}
	if (v->notes != NULL) {
		wl_add(out, WST_TEXT, "%s", "");
		wl_wrap(out, WST_WARN, 0, width, v->notes);
	}
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_OK, "Done? Press Enter to verify now with the SIP probe.");
}

static const char *const step_heads[STEP_COUNT] = {
	"Precheck: read the current setting",
	"Backup first: the running configuration is saved",
	"Disable: these lines change the configuration",
	"Verify: read the setting again",
	"Save: make the change persistent",
	"Rollback: sent only if verification fails",
};

/* cmd_line - "    NN  text", the text wrapped under itself */
static void
cmd_line(struct wiz_lines *out, int width, const char *num, const char *text)
{
	size_t first = out->n;
	char tag[16];
	int tl = snprintf(tag, sizeof(tag), "    %3s  ", num);

	wl_wrap(out, WST_CMD, tl, width, text);
	if (first < out->n && tl > 0 && (size_t)tl < sizeof(tag))
		memcpy(out->l[first].text, tag, (size_t)tl);
}

static void
step_cmd_lines(const struct vendor *v, const struct plan_step *s, int width,
    struct wiz_lines *out)
{
	const char *prev = NULL, *c;
	char num[24], *t;
	size_t i;

	for (i = 0; i < s->n; i++) {
		c = s->cmds[i].cond;
		if (c != NULL && (prev == NULL || strcmp(c, prev) != 0)) {
			t = plan_cond_text(v, c);
			wl_wrap(out, WST_DIM, 6, width, t);
			free(t);
		}
		prev = c;
		snprintf(num, sizeof(num), "%zu", i + 1);
		cmd_line(out, width, num, s->cmds[i].text);
	}
	if (s->n == 0)
		wl_add(out, WST_DIM, "      (no command for this family)");
}

/* login_lines - what is sent right after the login (the CLI dry run's
 * "On login"), numbered on from *num */
static void
login_lines(const struct vendor *v, int width, int *num,
    struct wiz_lines *out)
{
	struct plan_login_line l[PLAN_LOGIN_MAX];
	size_t n = plan_login(v, l, PLAN_LOGIN_MAX), i;

	if (n == 0)
		return;
	wl_add(out, WST_HEAD, "%d. Login: the device's prompt is set up for "
	    "algoff", ++*num);
	for (i = 0; i < n; i++) {
		cmd_line(out, width, "", l[i].text);
		if (l[i].note != NULL)
			wl_wrap(out, WST_DIM, 10, width, l[i].note);
	}
}

void
wiz_preview_lines(const struct plan *p, const struct plan_step *disable,
    const struct wiz_conn *c, int dry, int width, struct wiz_lines *out)
{
	const struct plan_step *s;
	enum step_kind k;
	size_t i;
	int num = 0;
	char *t;

	xasprintf(&t, "%s on %s:%s as %s", p->v->name, c->host,
	    c->port[0] ? c->port : p->v->method == VENDOR_HTTPS ? "443" :
	    "22", c->user);
	wl_wrap(out, WST_HEAD, 0, width, t);
	free(t);
	wl_wrap(out, dry ? WST_WARN : WST_TEXT, 0, width, dry ?
	    "Dry run: every line algoff would send, in order, from the login "
	    "on. <name> is a value read from the device." :
	    "Every line algoff sends, in order. The login and the precheck "
	    "only read; nothing has been changed yet.");
	login_lines(p->v, width, &num, out);
	for (i = 0; i < STEP_COUNT; i++) {
		k = plan_order(p->v, (int)i);
		s = k == STEP_DISABLE && disable != NULL ? disable :
		    &p->steps[k];
		if (s->vs == NULL)
			continue;
		wl_add(out, WST_HEAD, "%d. %s", ++num, step_heads[k]);
		step_cmd_lines(p->v, s, width, out);
		if (k == STEP_BACKUP)
			wl_add(out, WST_DIM, "      saved under "
			    "$XDG_STATE_HOME/algoff/backups before any change");
	}
	if (p->v->cli.commit_model != NULL)
		wl_add(out, WST_DIM, "Commit model: %s.", p->v->cli.commit_model);
	evidence_line(p->v, width, out);
	wl_add(out, WST_OK, "%s", dry ? "Enter: go on (nothing is sent)" :
	    "Enter or y: apply these changes now.  Esc: go back, change "
	    "nothing.");
}

int
wiz_hostkey_changed(const char *msg)
{
	static const char *const words[] = {
		"changed", "CHANGED", "mismatch", "does not match", "MISMATCH"
	};
	size_t i;

	if (msg == NULL)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(msg, words[i]) != NULL)
			return 1;
	return 0;
}

/* the SHA256:... token of msg, or NULL; caller frees */
static char *
fingerprint_of(const char *msg)
{
	const char *p = msg != NULL ? strstr(msg, "SHA256:") : NULL;
	size_t n;

	if (p == NULL)
		return NULL;
	n = strspn(p + 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/=");
	return xstrndup(p, 7 + n);
}

/* an unknown host key or TLS certificate: what it is, its fingerprint
 * (label: the line above it), how to compare it, and the question */
static void
unknown_lines(const char *what, const char *host, int port,
    const char *label, const char *fp, const char *compare,
    const char *file, int width, struct wiz_lines *out)
{
	wl_add(out, WST_WARN, "algoff does not know the %s of %s port %d.",
	    what, host, port);
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_TEXT, "%s", label);
	wl_add(out, WST_CMD, "    %s", fp != NULL ? fp : "(not reported)");
	wl_add(out, WST_TEXT, "%s", "");
	wl_wrap(out, WST_TEXT, 0, width, compare);
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_OK, "y: trust it and add it to the %s file    n or "
	    "Esc: do not connect", file);
}

void
wiz_hostkey_lines(const char *host, int port, const char *msg, int changed,
    int width, struct wiz_lines *out)
{
	char *fp = fingerprint_of(msg);
	const char *type = NULL, *is = msg != NULL ?
	    strstr(msg, " key fingerprint is ") : NULL;
	int tl = 0, tls = msg != NULL && strncmp(msg, "TLS certificate", 15) == 0;
	char label[128];

	/* "TYPE key fingerprint is SHA256:..." (the transport's and the
	 * wizard's own wording): name the type */
	if (is != NULL) {
		for (type = is; type > msg && type[-1] != ' ' &&
		    type[-1] != '\n'; type--)
			;
		tl = (int)(is - type);
	}
	if (changed) {
		wl_add(out, WST_BAD, "The host key of %s port %d has CHANGED.",
		    host, port);
		wl_add(out, WST_TEXT, "%s", "");
		wl_wrap(out, WST_TEXT, 0, width, "algoff refuses to connect. A "
		    "changed key means the device was replaced or reinstalled, "
		    "or someone is intercepting the connection.");
		if (fp != NULL)
			wl_add(out, WST_CMD, "    offered key: %s", fp);
		wl_wrap(out, WST_TEXT, 0, width, "If the change is expected, "
		    "remove the old line from the known hosts file (ssh-keygen "
		    "-R HOST) and try again.");
	} else if (tls) {
		unknown_lines("TLS certificate", host, port, "SHA-256 "
		    "fingerprint of its certificate:", fp, "Compare it with the "
		    "certificate the device shows (the same SHA-256 digest, here "
		    "in base64 as OpenSSH writes it). If you trust it, algoff "
		    "connects again and accepts only a certificate with exactly "
		    "this fingerprint.", "known certificates", width, out);
	} else {
		snprintf(label, sizeof(label), "Fingerprint%s%.*s%s:", tl > 0 ?
		    " of its " : "", tl, type, tl > 0 ? " key" : "");
		unknown_lines("host key", host, port, label, fp, "Compare it "
		    "with the fingerprint shown on the device (FortiGate: get "
		    "system status / the console; Cisco: show crypto key "
		    "mypubkey; Linux: ssh-keygen -lf "
		    "/etc/ssh/ssh_host_ed25519_key.pub).", "known hosts", width,
		    out);
	}
	/* the details (file, line, how to fix) matter for a refused key;
	 * for an unknown key the fingerprint above says it all */
	if (msg != NULL && *msg != '\0' && (changed || fp == NULL)) {
		wl_add(out, WST_TEXT, "%s", "");
		wl_wrap(out, WST_DIM, 0, width, msg);
	}
	free(fp);
}

void
wiz_precheck_lines(const struct plan *p, const struct runner_result *res,
    int width, struct wiz_lines *out)
{
	const struct plan_step *s = &p->steps[STEP_PRECHECK];

	if (res == NULL) {
		wl_add(out, WST_WARN, "Dry run: algoff did not connect.");
		wl_wrap(out, WST_TEXT, 0, width, "On a real run, algoff logs in "
		    "and reads the current setting with these lines; if the SIP "
		    "ALG is already off it changes nothing:");
		step_cmd_lines(p->v, s, width, out);
		wl_add(out, WST_TEXT, "%s", "");
		wl_add(out, WST_OK, "Enter: preview the changes.");
		return;
	}
	if (res->alg_before == 1) {
		wl_add(out, WST_BAD, "The SIP ALG is ON on this device.");
		wl_add(out, WST_TEXT, "%s", "");
		if (res->msg[0] != '\0')
			wl_wrap(out, WST_TEXT, 0, width, res->msg);
		wl_add(out, WST_TEXT, "%s", "");
		wl_add(out, WST_OK, "Enter: preview the commands that turn it off.");
	} else if (res->alg_before == 0) {
		wl_add(out, WST_OK, "The SIP ALG is already OFF on this device.");
		wl_add(out, WST_TEXT, "%s", "");
		wl_wrap(out, WST_TEXT, 0, width, "Nothing needs changing. Enter "
		    "goes to the verification (device check and, with a "
		    "reflector, the SIP probe).");
	} else {
		wl_add(out, WST_WARN, "algoff could not tell whether the SIP ALG "
		    "is on.");
		if (res->msg[0] != '\0')
			wl_wrap(out, WST_TEXT, 0, width, res->msg);
		wl_add(out, WST_OK, "Enter: preview the commands anyway.");
	}
	if (res->variant != NULL)
		wl_add(out, WST_DIM, "Version variant: %s", res->variant);
}

void
wiz_probe_free(struct wiz_probe *p)
{
	free(p->res);
	free(p->err);
	memset(p, 0, sizeof(*p));
}

/* the probe's own text report (probe_report_text), one line each */
static void
probe_report_lines(const struct probe_result *res, int width,
    struct wiz_lines *out)
{
	char *text = probe_report_textdup(res), *line, *nl;

	for (line = text; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		wl_wrap(out, WST_DIM, 4, width, line);
	}
	free(text);
}

static void
probe_verdict_line(const struct probe_result *res, const char *reflector,
    int width, struct wiz_lines *out)
{
	char *t;

	switch (res->verdict) {
	case PROBE_ABSENT:
		xasprintf(&t, "SIP probe via %s: PASS - SIP crossed the NAT "
		    "router unchanged.", reflector);
		wl_wrap(out, WST_OK, 0, width, t);
		break;
	case PROBE_PRESENT:
		xasprintf(&t, "SIP probe via %s: FAIL - SIP was rewritten (an "
		    "ALG is still active).", reflector);
		wl_wrap(out, WST_BAD, 0, width, t);
		break;
	case PROBE_UNTESTED:
		xasprintf(&t, "SIP probe via %s: UNTESTED - %s.", reflector,
		    res->reason);
		wl_wrap(out, WST_WARN, 0, width, t);
		break;
	default:
		xasprintf(&t, "SIP probe via %s: could not tell - %s.",
		    reflector, res->reason);
		wl_wrap(out, WST_WARN, 0, width, t);
		break;
	}
	free(t);
}

void
wiz_probe_lines(const struct wiz_probe *p, const char *reflector, int width,
    struct wiz_lines *out)
{
	char fields[1600];

	if (!p->ran) {
		if (reflector == NULL || *reflector == '\0')
			wl_wrap(out, WST_DIM, 0, width, "SIP probe: not run (no "
			    "reflector given). p runs it: start \"algoff "
			    "reflector --listen ADDR\" on a host on the other "
			    "side of the router first.");
		else
			wl_add(out, WST_DIM, "SIP probe: not run yet (p runs it).");
		return;
	}
	if (p->res == NULL) {
		wl_add(out, WST_WARN, "SIP probe via %s: could not run.",
		    reflector);
		if (p->err != NULL)
			wl_wrap(out, WST_DIM, 4, width, p->err);
		return;
	}
	probe_verdict_line(p->res, reflector, width, out);
	probe_rewritten_str(p->res, fields, sizeof(fields));
	if (fields[0] != '\0')
		wl_add(out, WST_BAD, "  Rewritten on the way: %s", fields);
	probe_report_lines(p->res, width, out);
	if (p->res->verdict == PROBE_PRESENT)
		wl_wrap(out, WST_TEXT, 0, width, "What next: check for a second "
		    "router or a modem in front of this one, and for firewall "
		    "policies with a VoIP profile; then run the probe again.");
	else if (p->res->verdict == PROBE_UNTESTED)
		wl_wrap(out, WST_TEXT, 0, width, "What next: start the "
		    "reflector on a host outside this router (on the internet "
		    "side), then press p to run the probe again.");
}

/* wiz_probe_word - the probe's result for the summary */
static const char *
wiz_probe_word(const struct wiz_probe *p, enum wiz_style *st)
{
	*st = WST_WARN;
	if (p->res == NULL)
		return "could not run";
	switch (p->res->verdict) {
	case PROBE_ABSENT:
		*st = WST_OK;
		return "PASS (SIP crossed the NAT router unchanged)";
	case PROBE_PRESENT:
		*st = WST_BAD;
		return "FAIL (SIP rewritten)";
	case PROBE_UNTESTED:
		return "UNTESTED (no NAT between probe and reflector)";
	default:
		return "could not tell (no answer from the reflector?)";
	}
}

const char *
wiz_outcome_text(enum run_outcome o)
{
	switch (o) {
	case RUN_DISABLED: return "the SIP ALG is now off (verified)";
	case RUN_ALREADY_OFF: return "the SIP ALG was already off";
	case RUN_VERIFIED_OFF: return "the SIP ALG is off";
	case RUN_STILL_ON: return "the SIP ALG is still on";
	case RUN_ROLLED_BACK: return "verification failed, rolled back";
	default: return "the run failed";
	}
}

static const char *
cmd_status_name(enum cmd_status st)
{
	switch (st) {
	case CMD_CONFIRMED: return "ok";
	case CMD_REJECTED: return "REJECTED";
	default: return "unconfirmed";
	}
}

void
wiz_verify_lines(const struct runner_result *res,
    const struct wiz_probe *probe, const char *reflector, int width,
    struct wiz_lines *out)
{
	size_t i;

	if (res != NULL) {
		wl_add(out, WST_HEAD, "On the device");
		if (res->alg_after == 0)
			wl_add(out, WST_OK, "  The SIP ALG is OFF (the device's "
			    "own settings say so).");
		else if (res->alg_after == 1)
			wl_add(out, WST_BAD, "  The SIP ALG is still ON.");
		else
			wl_add(out, WST_WARN, "  The device check did not run.");
		for (i = 0; i < res->n_cmds; i++)
			if (res->cmds[i].step == STEP_VERIFY)
				wl_add(out, WST_CMD, "    %-11s %s",
				    cmd_status_name(res->cmds[i].status),
				    res->cmds[i].text);
		if (res->msg[0] != '\0')
			wl_wrap(out, WST_DIM, 2, width, res->msg);
		wl_add(out, WST_TEXT, "%s", "");
	}
	wl_add(out, WST_HEAD, "Through the router");
	wiz_probe_lines(probe, reflector, width, out);
	wl_add(out, WST_TEXT, "%s", "");
	wl_add(out, WST_OK, "Enter: summary.");
}

static void
summary_outcome(const struct runner_result *res, int width,
    struct wiz_lines *out)
{
	switch (res->outcome) {
	case RUN_DISABLED:
		wl_add(out, WST_OK, "Done: the SIP ALG was on and is now off "
		    "(verified).");
		break;
	case RUN_ALREADY_OFF:
	case RUN_VERIFIED_OFF:
		wl_add(out, WST_OK, "The SIP ALG is off. No configuration "
		    "command was sent.");
		break;
	case RUN_STILL_ON:
		wl_add(out, WST_BAD, "The SIP ALG is still on.");
		break;
	case RUN_ROLLED_BACK:
		wl_add(out, WST_BAD, "Verification failed, so the change was "
		    "rolled back.");
		break;
	default:
		wl_add(out, WST_BAD, "The run failed: %s",
		    algoff_strerror(res->err));
		break;
	}
	if (res->msg[0] != '\0')
		wl_wrap(out, WST_TEXT, 2, width, res->msg);
}

static void
summary_applied(const struct runner_result *res, struct wiz_lines *out)
{
	size_t i, n = 0;

	for (i = 0; i < res->n_cmds; i++)
		if (res->cmds[i].step == STEP_DISABLE ||
		    res->cmds[i].step == STEP_SAVE ||
		    res->cmds[i].step == STEP_ROLLBACK)
			n++;
	if (n == 0)
		return;
	wl_add(out, WST_HEAD, "Configuration lines sent");
	for (i = 0; i < res->n_cmds; i++)
		if (res->cmds[i].step == STEP_DISABLE ||
		    res->cmds[i].step == STEP_SAVE ||
		    res->cmds[i].step == STEP_ROLLBACK)
			wl_add(out, WST_CMD, "  %-8s %-11s %s",
			    step_name(res->cmds[i].step),
			    cmd_status_name(res->cmds[i].status),
			    res->cmds[i].text);
}

void
wiz_summary_lines(const struct vendor *v, const struct wiz_conn *c,
    const struct runner_result *res, const struct plan *p,
    const struct wiz_probe *probe, int dry, const char *saved, int width,
    struct wiz_lines *out)
{
	enum wiz_style st;
	const char *word;
	char *t;

	if (dry)
		wl_add(out, WST_WARN, "Dry run: nothing was sent to %s.",
		    c->host[0] ? c->host : "the device");
	else if (res != NULL)
		summary_outcome(res, width, out);
	else
		wl_add(out, WST_TEXT, "%s: configured by hand in its web page.",
		    v->name);
	if (probe != NULL && probe->ran) {
		word = wiz_probe_word(probe, &st);
		wl_add(out, st, "SIP probe: %s", word);
	}
	wl_add(out, WST_TEXT, "%s", "");
	if (res != NULL && res->backup_path != NULL) {
		wl_add(out, WST_HEAD, "Backup");
		wl_wrap(out, WST_CMD, 2, width, res->backup_path);
	}
	if (res != NULL)
		summary_applied(res, out);
	if (v->method != VENDOR_MANUAL && p != NULL &&
	    p->steps[STEP_ROLLBACK].vs != NULL) {
		wl_add(out, WST_HEAD, "How to roll back");
		wl_wrap(out, WST_TEXT, 2, width, "Log in and send the rollback "
		    "lines from the preview (values in <> are in the backup), or "
		    "restore the backup file with the device's own restore "
		    "function.");
	} else if (v->method == VENDOR_MANUAL) {
		wl_add(out, WST_HEAD, "How to roll back");
		wl_wrap(out, WST_TEXT, 2, width, "Switch SIP ALG back on in the "
		    "same web page.");
	}
	wl_add(out, WST_TEXT, "%s", "");
	if (v->method == VENDOR_MANUAL)
		return;
	if (saved != NULL) {
		xasprintf(&t, "Answers saved to %s", saved);
		wl_wrap(out, WST_OK, 0, width, t);
		free(t);
		if (c->auth == WA_PASSWORD)
			wl_wrap(out, WST_WARN, 2, width, "The file holds no "
			    "password: before running it, export "
			    WIZ_PASSWORD_ENV "=<the password>.");
		if (c->auth == WA_KEY && c->passphrase != NULL &&
		    c->passphrase->len > 0)
			wl_wrap(out, WST_WARN, 2, width, "Also export "
			    WIZ_PASSPHRASE_ENV "=<the passphrase of the key>.");
		if (c->enable != NULL && c->enable->len > 0 &&
		    wiz_field_visible(c, v, WF_ENABLE))
			wl_wrap(out, WST_WARN, 2, width, "Also export "
			    WIZ_ENABLE_ENV "=<the enable password>.");
		xasprintf(&t, "algoff batch %s --dry-run", saved);
		wl_wrap(out, WST_CMD, 2, width, t);
		free(t);
	} else
		wl_add(out, WST_TEXT, "s: save these answers as a batch file "
		    "(for \"algoff batch\").");
}
