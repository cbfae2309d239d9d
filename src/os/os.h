/* SPDX-License-Identifier: MIT */
/*
 * os.h - the few socket options the probe and reflector need that differ
 * between operating systems: address reuse, DSCP/TOS marking and reading
 * the TOS byte a datagram arrived with. Probe code calls these and never
 * uses #ifdef for a platform.
 */
#ifndef ALGOFF_OS_H
#define ALGOFF_OS_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>

/* os_set_reuseaddr - SO_REUSEADDR on; 0 or -1 (errno set). */
int os_set_reuseaddr(int fd);
/* os_set_nonblock - O_NONBLOCK on; 0 or -1. */
int os_set_nonblock(int fd);
/* os_set_tos - mark outgoing packets with TOS / traffic class tos. */
int os_set_tos(int fd, int family, int tos);
/* os_enable_recvtos - ask for the received TOS as ancillary data. */
int os_enable_recvtos(int fd, int family);
/*
 * os_recv_tos - recvfrom() that also returns the TOS byte the datagram
 * carried in *tos (-1 when the system did not report it).
 */
ssize_t os_recv_tos(int fd, void *buf, size_t len,
    struct sockaddr_storage *from, socklen_t *fromlen, int *tos);
/* os_close_reset - close a TCP socket with RST (no TIME_WAIT left). */
void os_close_reset(int fd);
/*
 * os_set_rcvbuf - ask for a receive buffer of bytes (beyond the system's
 * maximum where allowed); returns the size the kernel granted, -1 on error.
 */
int os_set_rcvbuf(int fd, int bytes);

#define OS_BATCH_MAX 64

/* One datagram of a batch: buf/cap filled by the caller. */
struct os_dgram {
	void *buf;
	size_t cap;
	size_t len;		/* bytes received (or to send) */
	int truncated;		/* it was longer than cap */
	struct sockaddr_storage addr;	/* source (or destination) */
	socklen_t addrlen;
};

/* os_recv_batch - up to n (<= OS_BATCH_MAX) datagrams that are already
 * there, in one call; the count, 0 when none, -1 on error. */
int os_recv_batch(int fd, struct os_dgram *d, unsigned n);
/* os_send_batch - send d[i].buf/len to d[i].addr, without blocking; the
 * count handed to the kernel. */
int os_send_batch(int fd, const struct os_dgram *d, unsigned n);

#endif
