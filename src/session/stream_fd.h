/* SPDX-License-Identifier: MIT */
/*
 * stream_fd.h - a struct stream over file descriptors (a socketpair, a pair
 * of pipes to a child process, a pty). Used by the tests to drive real
 * processes, and usable for local CLIs.
 */
#ifndef ALGOFF_STREAM_FD_H
#define ALGOFF_STREAM_FD_H

#include "session/stream.h"

/*
 * stream_fd_open - wrap rfd (read) and wfd (write); they may be the same
 * descriptor. The stream owns them: its close() closes them. Writes never
 * raise SIGPIPE on sockets; on pipes the caller ignores SIGPIPE.
 */
void stream_fd_open(struct stream *st, int rfd, int wfd);

#endif
