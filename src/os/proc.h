/* SPDX-License-Identifier: MIT */
/*
 * proc.h - child processes, for every place that forks (the demo): fork
 * and exec in the child's own process group (so a
 * Ctrl-C at the terminal reaches only algoff, which then stops its children
 * by PID), bounded waits, stop by PID (SIGTERM, a grace time, SIGKILL) and
 * running a command to completion with its output captured (bounded in
 * bytes and time).
 */
#ifndef ALGOFF_PROC_H
#define ALGOFF_PROC_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* proc_status results besides an exit status 0-255 */
#define PROC_NOT_RUN  (-1)   /* could not be started */
#define PROC_STOPPED  (-2)   /* timed out, stopped, or killed by a signal */

/*
 * proc_spawn - fork and exec path (argv[0] when NULL) with argv in a new
 * process group; stdin from /dev/null, stdout to fd_out, stderr to fd_err
 * (fd_out when -1). SIGINT and SIGTERM are back to their defaults in the
 * child. Returns the PID, or -1.
 */
pid_t proc_spawn(const char *path, char *const argv[], int fd_out,
    int fd_err);

/* proc_wait - reap pid within ms (0: just look); 0 with *wstatus when it
 * ended, -1 while it still runs. */
int proc_wait(pid_t pid, int ms, int *wstatus);

/* proc_stop - SIGTERM, up to grace_ms, then SIGKILL; always reaps pid.
 * wstatus may be NULL. */
void proc_stop(pid_t pid, int grace_ms, int *wstatus);

/* proc_status - a wait status as an exit status, or PROC_STOPPED. */
int proc_status(int wstatus);

struct proc_run {
	const char *path;           /* NULL: argv[0] */
	char *const *argv;
	int seconds;                /* deadline for the whole run */
	size_t max;                 /* bytes kept per stream (the rest dropped) */
	int split;                  /* 1: stderr apart in *err; 0: merged */
	volatile sig_atomic_t *stop;  /* non-NULL: stop the child when set */
	int grace_ms;               /* proc_stop's grace time */
};

/*
 * proc_capture - run r to completion; *out (and *err with split, else
 * NULL) receive its output, NUL-terminated, never NULL. Returns the exit
 * status (0-255), PROC_NOT_RUN or PROC_STOPPED (deadline, stop flag or a
 * signal; the child was stopped and reaped).
 */
int proc_capture(const struct proc_run *r, char **out, char **err);

#endif
