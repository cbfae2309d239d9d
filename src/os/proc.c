/* SPDX-License-Identifier: MIT */
/* proc.c - child processes: spawn, bounded wait, stop by PID, capture. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/xmalloc.h"
#include "os/proc.h"

#define POLL_MS 50

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

pid_t
proc_spawn(const char *path, char *const argv[], int fd_out, int fd_err)
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
	dup2(fd_err >= 0 ? fd_err : fd_out, STDERR_FILENO);
	execv(path != NULL ? path : argv[0], argv);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", path != NULL ? path :
	    argv[0], strerror(errno));
	_exit(127);
}

int
proc_wait(pid_t pid, int ms, int *wstatus)
{
	int64_t end = mono_ms_i() + ms;
	int st = 0;

	for (;;) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			if (wstatus != NULL)
				*wstatus = st;
			return 0;
		}
		if (mono_ms_i() >= end)
			return -1;
		nap_ms(POLL_MS);
	}
}

void
proc_stop(pid_t pid, int grace_ms, int *wstatus)
{
	int st = 0;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	if (proc_wait(pid, grace_ms, &st) != 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	if (wstatus != NULL)
		*wstatus = st;
}

int
proc_status(int wstatus)
{
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : PROC_STOPPED;
}

/* one read from fd into b (bytes beyond max dropped); 0 at EOF or error */
static int
drain_once(int fd, struct buf *b, size_t max)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n > 0) {
		if (b->len + (size_t)n < max)
			buf_append(b, chunk, (size_t)n);
		return 1;
	}
	return n < 0 && (errno == EINTR || errno == EAGAIN);
}

/*
 * collect - read the pipes until the child exits, the deadline passes or
 * the stop flag is set; 1 when the child was reaped (status in *st).
 * Bounded twice: by the deadline and by a loop count (a read per chunk of
 * output, a POLL_MS poll when idle).
 */
static int
collect(const struct proc_run *r, pid_t pid, int fd[2], struct buf b[2],
    int *st)
{
	int64_t deadline = mono_ms_i() + (int64_t)r->seconds * 1000;
	struct pollfd pf[2];
	long loops;
	int i, nfd = fd[1] >= 0 ? 2 : 1;

	for (i = 0; i < nfd; i++) {
		pf[i].fd = fd[i];
		pf[i].events = POLLIN;
	}
	for (loops = 0; loops < (long)r->seconds * 20 + 100000; loops++) {
		if (mono_ms_i() > deadline || (r->stop != NULL && *r->stop))
			return 0;
		for (i = 0; i < nfd; i++)
			pf[i].revents = 0;
		if (poll(pf, (nfds_t)nfd, POLL_MS) > 0) {
			for (i = 0; i < nfd; i++)
				if (pf[i].fd >= 0 && (pf[i].revents &
				    (POLLIN | POLLHUP | POLLERR)) &&
				    !drain_once(pf[i].fd, &b[i], r->max))
					pf[i].fd = -1;
			continue;
		}
		if (waitpid(pid, st, WNOHANG) == pid)
			return 1;
	}
	return 0;
}

/* what is left in the pipe (bounded: a grandchild may hold it open) */
static void
drain_rest(int fd, struct buf *b, size_t max)
{
	char chunk[4096];
	ssize_t n;
	int i;

	if (fd < 0)
		return;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (i = 0; i < 256; i++) {
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			break;
		if (b->len + (size_t)n < max)
			buf_append(b, chunk, (size_t)n);
	}
}

static char *
take(struct buf *b)
{
	char *s = buf_take(b);

	buf_free(b);
	return s != NULL ? s : xstrdup("");
}

int
proc_capture(const struct proc_run *r, char **out, char **err)
{
	struct buf b[2];
	int p[2] = { -1, -1 }, q[2] = { -1, -1 }, fd[2], st = 0, i;
	int rc = PROC_NOT_RUN;
	pid_t pid = -1;

	buf_init(&b[0], r->max);
	buf_init(&b[1], r->max);
	if (pipe2(p, O_CLOEXEC) != 0 || (r->split && pipe2(q, O_CLOEXEC) != 0))
		goto out;
	pid = proc_spawn(r->path, r->argv, p[1], q[1]);
	close(p[1]);
	if (q[1] >= 0)
		close(q[1]);
	p[1] = q[1] = -1;
	if (pid < 0)
		goto out;
	fd[0] = p[0];
	fd[1] = q[0];
	if (collect(r, pid, fd, b, &st))
		rc = proc_status(st);
	else {
		proc_stop(pid, r->grace_ms, &st);
		rc = PROC_STOPPED;
	}
	for (i = 0; i < 2; i++)
		drain_rest(fd[i], &b[i], r->max);
out:
	for (i = 0; i < 2; i++) {
		if (p[i] >= 0)
			close(p[i]);
		if (q[i] >= 0)
			close(q[i]);
	}
	*out = take(&b[0]);
	if (err != NULL)
		*err = take(&b[1]);
	else
		buf_free(&b[1]);
	return rc;
}
