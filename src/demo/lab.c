/* SPDX-License-Identifier: MIT */
/*
 * lab.c - the demo's namespace lab: finding lab.sh (lab/lab.sh in the data
 * directory), whether it can run here, "lab.sh up" and its lab.env, and
 * "lab.sh down".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/vendor.h"
#include "core/xmalloc.h"
#include "demo/demo_int.h"

#define LAB_UP_SECONDS   90
#define LAB_DOWN_SECONDS 60

int
lab_find(struct demo *d, const char *opt)
{
	if (opt != NULL)
		snprintf(d->lab, sizeof(d->lab), "%s", opt);
	else
		snprintf(d->lab, sizeof(d->lab), "%s/lab/lab.sh",
		    vendor_datadir());
	return access(d->lab, R_OK) == 0 ? 0 : -1;
}

static int
executable_in_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX], *dirs, *d, *save = NULL;
	int found = 0;

	dirs = xstrdup(path != NULL && *path != '\0' ? path : "/usr/bin:/bin");
	for (d = strtok_r(dirs, ":", &save); d != NULL && !found;
	    d = strtok_r(NULL, ":", &save)) {
		snprintf(buf, sizeof(buf), "%s/%s", d, name);
		found = access(buf, X_OK) == 0;
	}
	free(dirs);
	if (!found) {
		snprintf(buf, sizeof(buf), "/usr/sbin/%s", name);
		found = access(buf, X_OK) == 0;
	}
	return found;
}

/* sh_ok - /bin/sh -c cmd exits 0 (bounded) */
static int
sh_ok(const char *cmd)
{
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", (char *)cmd, NULL };
	char *out = NULL;
	int rc = demo_capture(argv, 10, 0, &out);

	free(out);
	return rc == 0;
}

const char *
lab_unavailable(const struct demo *d, const char *lab_opt, int lab_found)
{
	static char why[PATH_MAX + 128];
	static const char *const tools[] = { "ip", "nft", "sshd", "ssh-keygen",
	    NULL };
	char cmd[160];
	size_t i;

	if (geteuid() != 0)
		return "it needs root (network namespaces, an sshd inside the "
		    "lab)";
	if (!lab_found) {
		snprintf(why, sizeof(why), "the lab script %s was not found%s",
		    d->lab, lab_opt ? "" : " (install algoff, or set "
		    "ALGOFF_DATADIR to the source tree)");
		return why;
	}
	for (i = 0; tools[i] != NULL; i++) {
		if (!executable_in_path(tools[i])) {
			snprintf(why, sizeof(why), "%s is not installed "
			    "(Debian: iproute2 nftables openssh-server "
			    "conntrack; see lab/deps)", tools[i]);
			return why;
		}
	}
	snprintf(cmd, sizeof(cmd), "ip netns add algoff-demo-check-%ld && "
	    "ip netns delete algoff-demo-check-%ld", (long)getpid(),
	    (long)getpid());
	if (!sh_ok(cmd)) {
		snprintf(cmd, sizeof(cmd), "ip netns delete "
		    "algoff-demo-check-%ld 2>/dev/null; true", (long)getpid());
		(void)sh_ok(cmd);
		return "network namespaces cannot be created here (a container "
		    "without CAP_SYS_ADMIN?)";
	}
	return NULL;
}

void
labenv_free(struct labenv *e)
{
	char **all[] = { &e->dir, &e->ssh_host, &e->ssh_user, &e->ssh_key,
	    &e->known_hosts, &e->lan_ip, &e->rtr_lan_ip, &e->rtr_wan_ip,
	    &e->wan_ip, &e->ns_lan, &e->ns_rtr, &e->ns_wan };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
}

/* labenv_read - the KEY=VALUE lines of DIR/lab.env that the demo uses. */
static int
labenv_read(struct labenv *e)
{
	char path[PATH_MAX], line[PATH_MAX + 64];
	FILE *f;
	size_t i, k, len;
	const struct { const char *key; char **dst; } keys[] = {
		{ "LAB_SSH_HOST=", &e->ssh_host },
		{ "LAB_SSH_USER=", &e->ssh_user },
		{ "LAB_SSH_KEY=", &e->ssh_key },
		{ "LAB_KNOWN_HOSTS=", &e->known_hosts },
		{ "LAB_LAN_IP=", &e->lan_ip },
		{ "LAB_RTR_LAN_IP=", &e->rtr_lan_ip },
		{ "LAB_RTR_WAN_IP=", &e->rtr_wan_ip },
		{ "LAB_WAN_IP=", &e->wan_ip },
		{ "LAB_NS_LAN=", &e->ns_lan },
		{ "LAB_NS_RTR=", &e->ns_rtr },
		{ "LAB_NS_WAN=", &e->ns_wan },
	};

	snprintf(path, sizeof(path), "%s/lab.env", e->dir);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			k = strlen(keys[i].key);
			if (strncmp(line, keys[i].key, k) == 0 &&
			    *keys[i].dst == NULL)
				*keys[i].dst = xstrdup(line + k);
		}
	}
	fclose(f);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (*keys[i].dst == NULL || **keys[i].dst == '\0')
			return -1;
	return 0;
}

/* lab_up - lab.sh up; the last line of its output is the lab's folder. */
int
lab_up(struct demo *d)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"up", NULL };
	char *out = NULL, *last = NULL, *p, *save = NULL;
	int rc;

	/* not interruptible: an interrupted "up" would leave half a lab that
	 * only its output names; it is bounded by its own waits and ours */
	rc = demo_capture(argv, LAB_UP_SECONDS, 0, &out);
	for (p = strtok_r(out, "\n", &save); p != NULL;
	    p = strtok_r(NULL, "\n", &save))
		if (p[0] == '/')
			last = p;
	if (last != NULL && strstr(last, "algoff-lab.") != NULL)
		d->env.dir = xstrdup(last);
	if (rc != 0 || d->env.dir == NULL) {
		printf("  lab.sh up failed (exit %d):\n", rc);
		print_indented(out, "  | ", NULL);
		free(out);
		return -1;
	}
	free(out);
	if (labenv_read(&d->env) != 0) {
		printf("  %s/lab.env is incomplete\n", d->env.dir);
		return -1;
	}
	setenv("LAB_DIR", d->env.dir, 1);
	return 0;
}

void
lab_down(struct demo *d)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"down", d->env.dir,
	    NULL };
	char *out = NULL;
	int rc;

	if (d->env.dir == NULL)
		return;
	rc = demo_capture(argv, LAB_DOWN_SECONDS, 0, &out);
	if (rc != 0) {
		printf("  lab.sh down %s failed (exit %d):\n", d->env.dir, rc);
		print_indented(out, "  | ", NULL);
	} else {
		printf("Lab torn down: namespaces and sshd gone, %s removed.\n",
		    d->env.dir);
	}
	free(out);
}
