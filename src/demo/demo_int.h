/* SPDX-License-Identifier: MIT */
/* demo_int.h - shared by the demo's files: its state, the lab, the steps. */
#ifndef ALGOFF_DEMO_INT_H
#define ALGOFF_DEMO_INT_H

#include <limits.h>
#include <signal.h>
#include <sys/types.h>

#include "probe/probe.h"

#define DEMO_OUT_MAX   (1u << 20)   /* captured output per child */
#define STOP_GRACE_MS  3000

extern volatile sig_atomic_t demo_stop;

struct labenv {
	char *dir;
	char *ssh_host, *ssh_user, *ssh_key, *known_hosts;
	char *lan_ip, *rtr_lan_ip, *rtr_wan_ip, *wan_ip;
	char *ns_lan, *ns_rtr, *ns_wan;
};

/* what one probe run showed */
struct probe_view {
	int ran;                   /* its --json report was read */
	struct probe_result res;
};

struct demo {
	char self[PATH_MAX];
	char lab[PATH_MAX];
	char tmp[64];
	struct labenv env;
	pid_t refl;
	struct probe_view before, after;
	int apply_rc;
};

/* run argv to completion (stdout and stderr merged into *out); see
 * proc_capture for the result */
int demo_capture(char *const argv[], int seconds, int interruptible,
    char **out);
/* print_indented - every line with prefix, except lines starting with one
 * of skip (NULL-terminated, or NULL); returns how many were skipped */
int print_indented(const char *text, const char *prefix,
    const char *const *skip);

/* lab.c */
int lab_find(struct demo *d, const char *opt);
const char *lab_unavailable(const struct demo *d, const char *lab_opt,
    int lab_found);
int lab_up(struct demo *d);
void lab_down(struct demo *d);
void labenv_free(struct labenv *e);

/* steps.c: one function per step of the table in demo.c; 0 to go on */
int step_lab_up(struct demo *d);
int step_reflector(struct demo *d);
int step_probe_before(struct demo *d);
int step_apply(struct demo *d);
int step_probe_after(struct demo *d);
void demo_summary(const struct demo *d);
int demo_fallback(const struct demo *d, const char *why);

#endif
