/* SPDX-License-Identifier: MIT */
/*
 * netaddr.h - "HOST[:PORT]" parsing (IPv4, "[v6]:port", bare v6, names)
 * and printing of socket addresses as "IP:PORT" / "[IP]:PORT".
 */
#ifndef ALGOFF_NETADDR_H
#define ALGOFF_NETADDR_H

#include <sys/socket.h>

#include "core/err.h"

#define NETADDR_STRLEN 64

struct netaddr {
	struct sockaddr_storage ss;
	socklen_t len;
};

/* netaddr_parse - resolve s; default_port applies when s has none. */
enum algoff_err netaddr_parse(const char *s, unsigned default_port,
    struct netaddr *out, struct errbuf *eb);
/* netaddr_host - the host part of s without brackets or port. */
enum algoff_err netaddr_host(const char *s, char *host, size_t n);
void netaddr_format(const struct sockaddr *sa, char *out, size_t n);
void netaddr_ip(const struct sockaddr *sa, char *out, size_t n);
unsigned netaddr_port(const struct sockaddr *sa);
void netaddr_set_port(struct sockaddr *sa, unsigned port);
/* netaddr_any - the wildcard address of family with port. */
void netaddr_any(int family, unsigned port, struct netaddr *out);
int netaddr_same_ip(const struct sockaddr *a, const struct sockaddr *b);

#endif
