/* SPDX-License-Identifier: MIT */
/*
 * cmd_demo.c - "algoff demo": algoff's main job on a real SIP ALG, on this
 * machine. With root and network namespaces it brings up the lab
 * (lab.sh: lan -- rtr -- wan, the kernel SIP helper and an sshd on rtr),
 * runs the reflector in wan, probes from lan (ALG present), applies the
 * linux-nftables profile over SSH from lan to the router, probes again
 * (ALG absent), prints the before/after and tears the lab down: always,
 * also after an error or Ctrl-C. Every step is this same binary run as a
 * child (probe, reflector, apply), so the demo shows exactly what the
 * commands do. Without the privilege it says why and prints a dry run.
 *
 * Children run in their own process group, so Ctrl-C reaches only the
 * demo, which then stops them by PID and tears down. Every wait is bounded.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "cli/cmds.h"
#include "core/exitcode.h"
#include "core/buf.h"
#include "core/vendor.h"
#include "core/xmalloc.h"

#define DEMO_OUT_MAX     (1u << 20)   /* captured output per child */
#define LAB_UP_SECONDS   90
#define LAB_DOWN_SECONDS 60
#define PROBE_SECONDS    60
#define APPLY_SECONDS    180
#define REFL_READY_MS    5000
#define REFL_MAX_SECONDS "900"        /* backstop if the demo itself dies */
#define STOP_GRACE_MS    3000

static const char demo_help[] =
"Usage: algoff demo [--lab-script FILE]\n"
"\n"
"Show algoff's job on a real SIP ALG on this machine. As root with network\n"
"namespaces: bring up the lab (namespaces lan 198.18.0.2, rtr 198.18.0.1 /\n"
"203.0.113.1 with the kernel SIP helper and an sshd, wan 203.0.113.10), run\n"
"the reflector in wan, probe from lan (ALG present), apply the\n"
"linux-nftables profile over SSH from lan to 198.18.0.1, probe again (ALG\n"
"absent), print the before/after and tear the lab down (always, also on\n"
"errors and Ctrl-C). Nothing outside the lab's namespaces is changed.\n"
"Without root or namespaces it says why and prints\n"
"'algoff apply --vendor fortigate --dry-run' instead.\n"
"\n"
"  --lab-script FILE   the lab script (default: lab/lab.sh in the data\n"
"                      directory, or tests/lab/lab.sh under $ALGOFF_DATADIR)\n"
"\n"
"Exit codes: 0 the ALG was present before and absent after (or the dry run\n"
"was shown), 1 a step or check failed, 2 usage, 130 interrupted.\n";

static volatile sig_atomic_t demo_stop;

static void
on_signal(int sig)
{
	(void)sig;
	demo_stop = 1;
}

struct labenv {
	char *dir;
	char *ssh_host, *ssh_user, *ssh_key, *known_hosts;
	char *lan_ip, *rtr_lan_ip, *rtr_wan_ip, *wan_ip;
	char *ns_lan, *ns_rtr, *ns_wan;
};

struct demo {
	char self[PATH_MAX];
	char lab[PATH_MAX];
	char tmp[64];
	struct labenv env;
	pid_t refl;
};

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* stop_child - SIGTERM, a bounded grace time, then SIGKILL; reaps it. */
static void
stop_child(pid_t pid, int *wstatus)
{
	int64_t end;
	int st = 0;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	end = mono_ms_i() + STOP_GRACE_MS;
	while (mono_ms_i() < end) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			goto out;
		sleep_ms(50);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
out:
	if (wstatus != NULL)
		*wstatus = st;
}

/*
 * spawn - fork and exec argv in its own process group, stdin /dev/null,
 * stdout and stderr to fd_out. Returns the PID or -1.
 */
static pid_t
spawn(char *const argv[], int fd_out)
{
	pid_t pid = fork();
	int nul;

	if (pid != 0) {
		if (pid > 0)
			setpgid(pid, pid);
		return pid;
	}
	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	nul = open("/dev/null", O_RDONLY);
	if (nul >= 0)
		dup2(nul, STDIN_FILENO);
	dup2(fd_out, STDOUT_FILENO);
	dup2(fd_out, STDERR_FILENO);
	execv(argv[0], argv);
	_exit(127);
}

/*
 * run_capture - run argv to completion and capture its output (stdout and
 * stderr) in *out (NUL-terminated, at most DEMO_OUT_MAX bytes kept). With
 * interruptible, Ctrl-C stops the child. Returns the exit status (0-255),
 * -1 when it could not run, -2 timed out or interrupted (child stopped).
 */
static int
run_capture(char *const argv[], int seconds, int interruptible, char **out)
{
	struct buf b;
	struct pollfd pfd;
	char chunk[4096];
	int p[2], st = 0, rc = -1, exited = 0;
	int64_t deadline = mono_ms_i() + (int64_t)seconds * 1000;
	ssize_t n;
	pid_t pid;
	long loops;

	*out = NULL;
	buf_init(&b, DEMO_OUT_MAX);
	if (pipe2(p, O_CLOEXEC) != 0)
		goto out;
	pid = spawn(argv, p[1]);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		goto out;
	}
	pfd.fd = p[0];
	pfd.events = POLLIN;
	/* bounded twice: by the deadline and by a loop count (a read per
	 * chunk of output, a 50 ms poll when idle) */
	for (loops = 0; loops < (long)seconds * 20 + 100000; loops++) {
		if (mono_ms_i() > deadline || (interruptible && demo_stop))
			break;
		pfd.revents = 0;
		if (poll(&pfd, 1, 50) > 0) {
			n = read(p[0], chunk, sizeof(chunk));
			if (n > 0) {
				if (b.len + (size_t)n < DEMO_OUT_MAX)
					buf_append(&b, chunk, (size_t)n);
				continue;
			}
			if (n == 0 || (errno != EINTR && errno != EAGAIN))
				pfd.fd = -1;
		}
		if (waitpid(pid, &st, WNOHANG) == pid) {
			exited = 1;
			break;
		}
	}
	if (!exited) {
		stop_child(pid, &st);
		rc = -2;
	} else {
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : -2;
	}
	/* what is left in the pipe (bounded; a grandchild may hold it open) */
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	for (loops = 0; loops < 256; loops++) {
		n = read(p[0], chunk, sizeof(chunk));
		if (n <= 0)
			break;
		if (b.len + (size_t)n < DEMO_OUT_MAX)
			buf_append(&b, chunk, (size_t)n);
	}
	close(p[0]);
out:
	*out = buf_take(&b);
	if (*out == NULL)
		*out = xstrdup("");
	buf_free(&b);
	return rc;
}

/*
 * print_indented - every line of text with a prefix, except lines that
 * start with one of the skip prefixes (NULL-terminated list, or NULL).
 * Returns how many lines were skipped.
 */
static int
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

/* line_value - copy of the rest of the first line starting with key. */
static char *
line_value(const char *text, const char *key)
{
	const char *p = text;
	size_t k = strlen(key), len;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, k) == 0) {
			len = strcspn(p + k, "\n");
			return xstrndup(p + k, len);
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
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

/* find_lab - the lab script: option, installed data, source tree. */
static int
find_lab(struct demo *d, const char *opt)
{
	const char *dd = vendor_datadir();
	static const char *const sub[] = { "lab/lab.sh", "tests/lab/lab.sh",
	    NULL };
	size_t i;

	if (opt != NULL) {
		snprintf(d->lab, sizeof(d->lab), "%s", opt);
		return access(d->lab, R_OK) == 0 ? 0 : -1;
	}
	for (i = 0; sub[i] != NULL; i++) {
		snprintf(d->lab, sizeof(d->lab), "%s/%s", dd, sub[i]);
		if (access(d->lab, R_OK) == 0)
			return 0;
	}
	snprintf(d->lab, sizeof(d->lab), "%s/%s", dd, sub[0]);
	return -1;
}

/*
 * lab_unavailable - why the lab cannot run here, or NULL when it can
 * (root, the tools, and a namespace can be created and deleted).
 */
static const char *
lab_unavailable(const struct demo *d, const char *lab_opt, int lab_found)
{
	static char why[PATH_MAX + 128];
	static const char *const tools[] = { "ip", "nft", "sshd", "ssh-keygen",
	    NULL };
	char name[64], *out = NULL;
	char *add[] = { (char *)"/bin/sh", (char *)"-c", NULL, NULL };
	char cmd[160];
	size_t i;
	int rc;

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
			    "conntrack; see tests/lab/deps)", tools[i]);
			return why;
		}
	}
	snprintf(name, sizeof(name), "algoff-demo-check-%ld", (long)getpid());
	snprintf(cmd, sizeof(cmd), "ip netns add %s && ip netns delete %s",
	    name, name);
	add[2] = cmd;
	rc = run_capture(add, 10, 0, &out);
	free(out);
	if (rc != 0) {
		char *del[] = { (char *)"/bin/sh", (char *)"-c", NULL, NULL };

		snprintf(cmd, sizeof(cmd), "ip netns delete %s 2>/dev/null; "
		    "true", name);
		del[2] = cmd;
		run_capture(del, 10, 0, &out);
		free(out);
		return "network namespaces cannot be created here (a container "
		    "without CAP_SYS_ADMIN?)";
	}
	return NULL;
}

static void
labenv_free(struct labenv *e)
{
	free(e->dir);
	free(e->ssh_host);
	free(e->ssh_user);
	free(e->ssh_key);
	free(e->known_hosts);
	free(e->lan_ip);
	free(e->rtr_lan_ip);
	free(e->rtr_wan_ip);
	free(e->wan_ip);
	free(e->ns_lan);
	free(e->ns_rtr);
	free(e->ns_wan);
	memset(e, 0, sizeof(*e));
}

/* labenv_read - the KEY=VALUE lines of DIR/lab.env that the demo uses. */
static int
labenv_read(struct labenv *e)
{
	char path[PATH_MAX], line[PATH_MAX + 64];
	FILE *f;
	size_t i, len;
	struct { const char *key; char **dst; } keys[] = {
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
			size_t k = strlen(keys[i].key);

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
static int
lab_up(struct demo *d)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"up", NULL };
	char *out = NULL, *last = NULL, *p, *save = NULL;
	int rc;

	/* not interruptible: an interrupted "up" would leave half a lab that
	 * only its output names; it is bounded by its own waits and ours */
	rc = run_capture(argv, LAB_UP_SECONDS, 0, &out);
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

static void
lab_down(struct demo *d)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"down", NULL,
	    NULL };
	char *out = NULL;
	int rc;

	if (d->env.dir == NULL)
		return;
	argv[3] = d->env.dir;
	rc = run_capture(argv, LAB_DOWN_SECONDS, 0, &out);
	if (rc != 0) {
		printf("  lab.sh down %s failed (exit %d):\n", d->env.dir, rc);
		print_indented(out, "  | ", NULL);
	} else {
		printf("Lab torn down: namespaces and sshd gone, %s removed.\n",
		    d->env.dir);
	}
	free(out);
}

/* refl_start - the reflector in wan, output to TMP/reflector.log. */
static int
refl_start(struct demo *d)
{
	char log[PATH_MAX], listen[64], buf[512];
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"exec",
	    (char *)"wan", d->self, (char *)"reflector", (char *)"--listen",
	    listen, (char *)"--max-seconds", (char *)REFL_MAX_SECONDS, NULL };
	int fd, n = -1;
	int64_t end;

	snprintf(listen, sizeof(listen), "%s:5060", d->env.wan_ip);
	snprintf(log, sizeof(log), "%s/reflector.log", d->tmp);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	d->refl = spawn(argv, fd);
	close(fd);
	if (d->refl < 0) {
		d->refl = 0;
		return -1;
	}
	end = mono_ms_i() + REFL_READY_MS;
	while (mono_ms_i() < end && !demo_stop) {
		fd = open(log, O_RDONLY | O_CLOEXEC);
		n = fd >= 0 ? (int)read(fd, buf, sizeof(buf) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, "reflector: SIP on") != NULL) {
				printf("  %.*s\n", (int)strcspn(buf, "\n"), buf);
				return 0;
			}
		}
		if (waitpid(d->refl, NULL, WNOHANG) == d->refl) {
			d->refl = 0;
			break;
		}
		sleep_ms(100);
	}
	printf("  the reflector did not start:\n");
	if (n > 0)
		print_indented(buf, "  | ", NULL);
	return -1;
}

struct probe_view {
	int rc;
	char *verdict;     /* "present", "absent", "unknown" */
	char *fields;      /* "Via, Contact, ..." or NULL */
};

static void
probe_view_free(struct probe_view *v)
{
	free(v->verdict);
	free(v->fields);
	memset(v, 0, sizeof(*v));
}

static int
probe(struct demo *d, struct probe_view *v)
{
	char *argv[] = { (char *)"/bin/sh", d->lab, (char *)"exec",
	    (char *)"lan", d->self, (char *)"probe", (char *)"--reflector",
	    d->env.wan_ip, NULL };
	char *out = NULL;

	memset(v, 0, sizeof(*v));
	printf("  $ algoff probe --reflector %s        (in lan)\n",
	    d->env.wan_ip);
	v->rc = run_capture(argv, PROBE_SECONDS, 1, &out);
	print_indented(out, "  | ", NULL);
	v->verdict = line_value(out, "ALG: ");
	v->fields = line_value(out, "Rewritten fields: ");
	free(out);
	return v->rc == -2 ? -1 : 0;
}

static int
apply(struct demo *d)
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
	int rc;

	snprintf(backups, sizeof(backups), "%s/backups", d->env.dir);
	snprintf(state, sizeof(state), "state_dir=%s/router-state",
	    d->env.dir);
	printf("  $ algoff apply --vendor linux-nftables --host %s --user %s "
	    "--identity %s --known-hosts %s --backup-dir %s --var %s"
	    "        (in lan)\n", d->env.ssh_host, d->env.ssh_user,
	    d->env.ssh_key, d->env.known_hosts, backups, state);
	rc = run_capture(argv, APPLY_SECONDS, 1, &out);
	/* the steps and the result; the exact lines are in the dry run */
	if (print_indented(out, "  | ", skip) > 0)
		printf("  (the exact lines sent: algoff apply --vendor "
		    "linux-nftables --dry-run)\n");
	free(out);
	if (rc != 0)
		printf("  algoff apply exited %d\n", rc);
	return rc;
}

static int
fallback(const struct demo *d, const char *why)
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
	rc = run_capture(argv, 30, 1, &out);
	fputs(out, stdout);
	free(out);
	return rc < 0 ? EXIT_CHECK_FAILED : rc;
}

static int
parse_args(int argc, char **argv, const char **lab_opt)
{
	static const struct option longopts[] = {
		{ "lab-script", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*lab_opt = NULL;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(demo_help, stdout);
			return -1;
		case 'l':
			*lab_opt = optarg;
			break;
		case ':':
			return usage_error("demo", "option %s needs a value",
			    argv[optind - 1]);
		default:
			return usage_error("demo", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("demo", "unexpected argument \"%s\"",
		    argv[optind]);
	return 0;
}

static void
summary(const struct demo *d, const struct probe_view *b,
    const struct probe_view *a, int apply_rc)
{
	printf("\n=== Before / after: SIP from lan %s through the router "
	    "(%s | %s) to %s ===\n", d->env.lan_ip, d->env.rtr_lan_ip,
	    d->env.rtr_wan_ip, d->env.wan_ip);
	printf("  before:  ALG: %-8s rewritten on the way: %s\n",
	    b->verdict ? b->verdict : "?", b->fields ? b->fields :
	    "nothing");
	printf("  change:  algoff apply --vendor linux-nftables over SSH: %s\n",
	    apply_rc == 0 ? "ALG turned off and verified on the router" :
	    "FAILED");
	printf("  after:   ALG: %-8s rewritten on the way: %s\n",
	    a->verdict ? a->verdict : "?", a->fields ? a->fields :
	    "nothing (every message arrived byte for byte)");
}

int
cmd_demo(int argc, char **argv)
{
	struct demo d;
	struct probe_view before, after;
	struct sigaction sa, old_int, old_term;
	const char *lab_opt, *why;
	char *tmp;
	ssize_t n;
	int rc, lab_found, apply_rc = -1, handlers = 0;

	if ((rc = parse_args(argc, argv, &lab_opt)) != 0)
		return rc < 0 ? 0 : rc;
	memset(&d, 0, sizeof(d));
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	n = readlink("/proc/self/exe", d.self, sizeof(d.self) - 1);
	if (n <= 0) {
		fprintf(stderr, "algoff demo: cannot find my own executable: "
		    "%s\n", strerror(errno));
		return EXIT_CHECK_FAILED;
	}
	d.self[n] = '\0';
	lab_found = find_lab(&d, lab_opt) == 0;
	if (lab_opt != NULL && !lab_found)
		return usage_error("demo", "--lab-script %s: %s", lab_opt,
		    strerror(errno));
	if ((why = lab_unavailable(&d, lab_opt, lab_found)) != NULL)
		return fallback(&d, why);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	handlers = 1;
	rc = EXIT_CHECK_FAILED;
	snprintf(d.tmp, sizeof(d.tmp), "%s/algoff-demo.XXXXXX",
	    getenv("TMPDIR") && *getenv("TMPDIR") == '/' &&
	    strlen(getenv("TMPDIR")) < 40 ? getenv("TMPDIR") : "/tmp");
	if ((tmp = mkdtemp(d.tmp)) == NULL) {
		fprintf(stderr, "algoff demo: mkdtemp: %s\n", strerror(errno));
		d.tmp[0] = '\0';
		goto out;
	}

	printf("algoff demo: a real SIP ALG (the Linux kernel's SIP helper) "
	    "in network namespaces, turned off over SSH and proven off.\n\n");
	printf("[1/5] Bringing up the lab (%s up)\n", d.lab);
	fflush(stdout);
	if (lab_up(&d) != 0)
		goto out;
	printf("  lan %s -- %s rtr %s -- %s wan; nftables NAT and the SIP "
	    "helper on rtr, sshd on %s:22\n  namespaces %s %s %s, lab folder "
	    "%s\n", d.env.lan_ip, d.env.rtr_lan_ip, d.env.rtr_wan_ip,
	    d.env.wan_ip, d.env.ssh_host, d.env.ns_lan, d.env.ns_rtr,
	    d.env.ns_wan, d.env.dir);
	if (demo_stop)
		goto out;

	printf("\n[2/5] Starting the reflector in wan\n");
	fflush(stdout);
	if (refl_start(&d) != 0 || demo_stop)
		goto out;

	printf("\n[3/5] Probing from lan with the router as it is (BEFORE)\n");
	fflush(stdout);
	if (probe(&d, &before) != 0 || demo_stop)
		goto out;

	printf("\n[4/5] Turning the SIP ALG off on the router over SSH\n");
	fflush(stdout);
	apply_rc = apply(&d);
	if (demo_stop)
		goto out;

	printf("\n[5/5] Probing again (AFTER)\n");
	fflush(stdout);
	if (probe(&d, &after) != 0 || demo_stop)
		goto out;

	summary(&d, &before, &after, apply_rc);
	if (before.rc == 1 && apply_rc == 0 && after.rc == 0) {
		printf("Result: the SIP ALG was on, algoff turned it off over "
		    "SSH and the probe proves it is off.\n\n");
		rc = 0;
	} else {
		printf("Result: the demo did not show the expected change "
		    "(probe before exit %d, apply exit %d, probe after exit "
		    "%d).\n\n", before.rc, apply_rc, after.rc);
	}
out:
	if (demo_stop) {
		printf("\nalgoff demo: interrupted; tearing the lab down.\n");
		rc = EXIT_INTERRUPTED;
	}
	fflush(stdout);
	if (d.refl > 0)
		stop_child(d.refl, NULL);
	lab_down(&d);
	if (d.tmp[0] != '\0') {
		char log[PATH_MAX];

		snprintf(log, sizeof(log), "%s/reflector.log", d.tmp);
		unlink(log);
		rmdir(d.tmp);
	}
	labenv_free(&d.env);
	probe_view_free(&before);
	probe_view_free(&after);
	if (handlers) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	fflush(stdout);
	return rc;
}
