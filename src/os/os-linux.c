/* SPDX-License-Identifier: MIT */
/* os-linux.c - Linux socket options behind os.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "os/os.h"

int
os_set_reuseaddr(int fd)
{
	int one = 1;

	return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

int
os_set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int
os_set_tos(int fd, int family, int tos)
{
	if (family == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos,
		    sizeof(tos));
	return setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos));
}

int
os_enable_recvtos(int fd, int family)
{
	int one = 1;

	if (family == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_RECVTCLASS, &one,
		    sizeof(one));
	return setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &one, sizeof(one));
}

static int
os_cmsg_tos(struct msghdr *mh)
{
	struct cmsghdr *c;
	int v;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TOS &&
		    c->cmsg_len >= CMSG_LEN(1))
			return *(unsigned char *)CMSG_DATA(c);
		if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_TCLASS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			return v & 0xff;
		}
	}
	return -1;
}

ssize_t
os_recv_tos(int fd, void *buf, size_t len, struct sockaddr_storage *from,
    socklen_t *fromlen, int *tos)
{
	union {
		char buf[CMSG_SPACE(sizeof(int)) * 4];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr mh;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_name = from;
	mh.msg_namelen = sizeof(*from);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = sizeof(ctl.buf);
	*tos = -1;
	n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return n;
	*fromlen = mh.msg_namelen;
	*tos = os_cmsg_tos(&mh);
	return n;
}

void
os_close_reset(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	if (fd < 0)
		return;
	(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

int
os_set_rcvbuf(int fd, int bytes)
{
	int got = 0;
	socklen_t gl = sizeof(got);

	/* SO_RCVBUFFORCE passes net.core.rmem_max with CAP_NET_ADMIN. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes,
	    sizeof(bytes)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes,
		    sizeof(bytes));
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &gl) < 0)
		return -1;
	return got;
}

/* The mmsghdr array for d[0..n): whole buffers to receive, or len bytes
 * to send. */
static void
os_mmsg(struct mmsghdr *mm, struct iovec *iov, struct os_dgram *d,
    unsigned n, int recv)
{
	unsigned i;

	memset(mm, 0, sizeof(mm[0]) * n);
	for (i = 0; i < n; i++) {
		iov[i].iov_base = d[i].buf;
		iov[i].iov_len = recv ? d[i].cap : d[i].len;
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &d[i].addr;
		mm[i].msg_hdr.msg_namelen = recv ? sizeof(d[i].addr) :
		    d[i].addrlen;
	}
}

int
os_recv_batch(int fd, struct os_dgram *d, unsigned n)
{
	struct mmsghdr mm[OS_BATCH_MAX];
	struct iovec iov[OS_BATCH_MAX];
	unsigned i;
	int got;

	if (n > OS_BATCH_MAX)
		n = OS_BATCH_MAX;
	os_mmsg(mm, iov, d, n, 1);
	got = recvmmsg(fd, mm, n, MSG_DONTWAIT, NULL);
	if (got < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR ? 0 : -1;
	for (i = 0; i < (unsigned)got; i++) {
		d[i].len = mm[i].msg_len;
		d[i].truncated = (mm[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
		d[i].addrlen = mm[i].msg_hdr.msg_namelen;
	}
	return got;
}

int
os_send_batch(int fd, const struct os_dgram *d, unsigned n)
{
	struct mmsghdr mm[OS_BATCH_MAX];
	struct iovec iov[OS_BATCH_MAX];
	unsigned done = 0;
	int k;

	if (n > OS_BATCH_MAX)
		n = OS_BATCH_MAX;
	os_mmsg(mm, iov, (struct os_dgram *)d, n, 0);
	/* A datagram the kernel refuses (e.g. EMSGSIZE) is skipped. */
	while (done < n) {
		k = sendmmsg(fd, mm + done, n - done, MSG_DONTWAIT);
		if (k < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			done++;
			continue;
		}
		done += (unsigned)k;
	}
	return (int)done;
}
