/* SPDX-License-Identifier: MIT */
/*
 * steps.c - the demo's steps, each this same binary (or lab.sh) run as a
 * child: the reflector in wan, the probe from lan (its verdict read from
 * "algoff probe --json" with probe_report_read), the apply over SSH, and
 * the before/after summary; and the dry-run fallback.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "os/proc.h"
#include "demo/demo_int.h"

#define PROBE_SECONDS    60
#define APPLY_SECONDS    180
#define REFL_READY_MS    5000
#define REFL_MAX_SECONDS "900"        /* backstop if the demo itself dies */

int
demo_capture(char *const argv[], int seconds, int interruptible, char **out)
{
	const struct proc_run r = {
		.argv = argv, .seconds = seconds, .max = DEMO_OUT_MAX,
		.stop = interruptible ? &demo_stop : NULL,
		.grace_ms = STOP_GRACE_MS,
	};

	return proc_capture(&r, out, NULL);
}

int
print_indented(const char *text, const char *prefix,
    const char *const *skip)
{
	const char *p = text, *nl;
	size_t len, i;
	int skipped = 0, drop;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		drop = 0;
		for (i = 0; skip != NULL && skip[i] != NULL && !drop; i++)
			drop = strncmp(p, skip[i], strlen(skip[i])) == 0;
		if (drop)
			skipped++;
		else
			printf("%s%.*s\n", prefix, (int)len, p);
		p += len + (nl != NULL);
	}
	fflush(stdout);
	return skipped;
}

int
step_lab_up(struct demo *d)
{
	printf("  $ %s up\n", d->lab);
	fflush(stdout);
	if (lab_up(d) != 0)
		return -1;
	printf("  lan %s -- %s rtr %s -- %s wan; nftables NAT and the SIP "
	    "helper on rtr, sshd on %s:22\n  namespaces %s %s %s, lab folder "
	    "%s\n", d->env.lan_ip, d->env.rtr_lan_ip, d->env.rtr_wan_ip,
	    d->env.wan_ip, d->env.ssh_host, d->env.ns_lan, d->env.ns_rtr,
	    d->env.ns_wan, d->env.dir);
	return 0;
}

/* the first bytes of the reflector's log; 0 when there are none yet */
static int
log_head(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), n = -1;

	if (fd >= 0) {
		n = (int)read(fd, buf, len - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : 0;
}

/* step_reflector - the reflector in wan, output to TMP/reflector.log. */
int
step_reflector(struct demo *d)
{
	char log[PATH_MAX], listen[64], buf[512];
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"exec",
	    (char *)"wan", d->self, (char *)"reflector", (char *)"--listen",
	    listen, (char *)"--max-seconds", (char *)REFL_MAX_SECONDS, NULL };
	int fd, n = 0;
	int64_t end;

	snprintf(listen, sizeof(listen), "%s:5060", d->env.wan_ip);
	snprintf(log, sizeof(log), "%s/reflector.log", d->tmp);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	d->refl = proc_spawn(NULL, argv, fd, -1);
	close(fd);
	if (d->refl < 0) {
		d->refl = 0;
		return -1;
	}
	end = mono_ms_i() + REFL_READY_MS;
	while (mono_ms_i() < end && !demo_stop) {
		n = log_head(log, buf, sizeof(buf));
		if (n > 0 && strstr(buf, "reflector: SIP on") != NULL) {
			printf("  %.*s\n", (int)strcspn(buf, "\n"), buf);
			return 0;
		}
		if (proc_wait(d->refl, 100, NULL) == 0) {
			d->refl = 0;
			break;
		}
	}
	printf("  the reflector did not start:\n");
	if (n > 0)
		print_indented(buf, "  | ", NULL);
	return -1;
}

/* print the probe's report as its text, read from its --json report */
static void
probe_show(const struct probe_result *res)
{
	char *text = probe_report_textdup(res);

	if (text != NULL)
		print_indented(text, "  | ", NULL);
	free(text);
}

/* probe - "algoff probe --json" in lan; 0 unless it was stopped */
static int
probe(struct demo *d, struct probe_view *v)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"exec",
	    (char *)"lan", d->self, (char *)"probe", (char *)"--reflector",
	    d->env.wan_ip, (char *)"--json", NULL };
	const struct proc_run r = {
		.argv = argv, .seconds = PROBE_SECONDS, .max = DEMO_OUT_MAX,
		.split = 1, .stop = &demo_stop, .grace_ms = STOP_GRACE_MS,
	};
	char *out = NULL, *err = NULL;
	int rc;

	memset(v, 0, sizeof(*v));
	printf("  $ algoff probe --reflector %s --json        (in lan)\n",
	    d->env.wan_ip);
	fflush(stdout);
	rc = proc_capture(&r, &out, &err);
	print_indented(err, "  | ", NULL);
	if (probe_report_read(out, &v->res) == ALGOFF_OK) {
		v->ran = 1;
		probe_show(&v->res);
	} else if (rc != PROC_STOPPED) {
		printf("  the probe gave no report (exit %d):\n", rc);
		print_indented(out, "  | ", NULL);
	}
	free(out);
	free(err);
	return rc == PROC_STOPPED ? -1 : 0;
}

int
step_probe_before(struct demo *d)
{
	return probe(d, &d->before);
}

int
step_probe_after(struct demo *d)
{
	return probe(d, &d->after);
}

int
step_apply(struct demo *d)
{
	char backups[PATH_MAX], state[PATH_MAX];
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"exec",
	    (char *)"lan", d->self, (char *)"apply", (char *)"--vendor",
	    (char *)"linux-nftables", (char *)"--host", d->env.ssh_host,
	    (char *)"--user", d->env.ssh_user, (char *)"--identity",
	    d->env.ssh_key, (char *)"--known-hosts", d->env.known_hosts,
	    (char *)"--backup-dir", backups, (char *)"--var", state, NULL };
	static const char *const skip[] = { "      > ", "  applied ",
	    "Configuration commands sent:", NULL };
	char *out = NULL;

	snprintf(backups, sizeof(backups), "%s/backups", d->env.dir);
	snprintf(state, sizeof(state), "state_dir=%s/router-state",
	    d->env.dir);
	printf("  $ algoff apply --vendor linux-nftables --host %s --user %s "
	    "--identity %s --known-hosts %s --backup-dir %s --var %s"
	    "        (in lan)\n", d->env.ssh_host, d->env.ssh_user,
	    d->env.ssh_key, d->env.known_hosts, backups, state);
	d->apply_rc = demo_capture(argv, APPLY_SECONDS, 1, &out);
	/* the steps and the result; the exact lines are in the dry run */
	if (print_indented(out, "  | ", skip) > 0)
		printf("  (the exact lines sent: algoff apply --vendor "
		    "linux-nftables --dry-run)\n");
	free(out);
	if (d->apply_rc != 0)
		printf("  algoff apply exited %d\n", d->apply_rc);
	return 0;   /* the AFTER probe shows what the router does now */
}

static void
summary_line(const char *when, const struct probe_view *v,
    const char *nothing)
{
	char fields[1600];

	fields[0] = '\0';
	if (v->ran)
		probe_rewritten_str(&v->res, fields, sizeof(fields));
	printf("  %-8s ALG: %-8s rewritten on the way: %s\n", when,
	    v->ran ? probe_verdict_str(v->res.verdict) : "?",
	    fields[0] ? fields : nothing);
}

void
demo_summary(const struct demo *d)
{
	printf("\n=== Before / after: SIP from lan %s through the router "
	    "(%s | %s) to %s ===\n", d->env.lan_ip, d->env.rtr_lan_ip,
	    d->env.rtr_wan_ip, d->env.wan_ip);
	summary_line("before:", &d->before, "nothing");
	printf("  change:  algoff apply --vendor linux-nftables over SSH: %s\n",
	    d->apply_rc == 0 ? "ALG turned off and verified on the router" :
	    "FAILED");
	summary_line("after:", &d->after,
	    "nothing (every message arrived byte for byte)");
}

/* demo_fallback - the FortiGate dry run; 0 when it was shown */
int
demo_fallback(const struct demo *d, const char *why)
{
	char *argv[] = { (char *)d->self, (char *)"apply", (char *)"--vendor",
	    (char *)"fortigate", (char *)"--dry-run", NULL };
	char *out = NULL;
	int rc;

	printf("algoff demo: the live lab cannot run here: %s.\n"
	    "Showing instead what algoff would send to a FortiGate "
	    "(a dry run: nothing is sent):\n"
	    "$ algoff apply --vendor fortigate --dry-run\n\n", why);
	fflush(stdout);
	rc = demo_capture(argv, 30, 1, &out);
	fputs(out, stdout);
	free(out);
	return rc == 0 ? 0 : -1;
}
