/* SPDX-License-Identifier: MIT */
/* netaddr.c - address parsing and printing for the probe and reflector. */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/netaddr.h"

/* Split s into host and port text; port is "" when absent. */
static int
netaddr_split(const char *s, char *host, size_t hn, char *port, size_t pn)
{
	const char *c, *h = s, *p = "";
	size_t hl;

	if (s[0] == '[') {
		c = strchr(s, ']');
		if (c == NULL)
			return -1;
		h = s + 1;
		hl = (size_t)(c - h);
		if (c[1] == ':')
			p = c + 2;
		else if (c[1] != '\0')
			return -1;
	} else if ((c = strchr(s, ':')) != NULL && strchr(c + 1, ':') == NULL) {
		hl = (size_t)(c - s);
		p = c + 1;
	} else
		hl = strlen(s);	/* bare IPv6 or no port */
	if (hl == 0 || hl >= hn || strlen(p) >= pn)
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	snprintf(port, pn, "%s", p);
	return 0;
}

static int
netaddr_port_num(const char *p, unsigned dflt, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*p == '\0') {
		*out = dflt;
		return 0;
	}
	v = strtoul(p, &end, 10);
	if (*end != '\0' || v > 65535 || p[0] == '-' || p[0] == '+')
		return -1;
	*out = (unsigned)v;
	return 0;
}

enum algoff_err
netaddr_host(const char *s, char *host, size_t n)
{
	char port[16];

	if (netaddr_split(s, host, n, port, sizeof(port)) < 0)
		return ALGOFF_ERR_USAGE;
	return ALGOFF_OK;
}

enum algoff_err
netaddr_parse(const char *s, unsigned default_port, struct netaddr *out,
    struct errbuf *eb)
{
	char host[256], port[16];
	struct addrinfo hints, *res = NULL;
	unsigned pnum;
	int rc;

	if (netaddr_split(s, host, sizeof(host), port, sizeof(port)) < 0 ||
	    netaddr_port_num(port, default_port, &pnum) < 0)
		return errbuf_set(eb, ALGOFF_ERR_USAGE,
		    "bad address '%s' (want HOST[:PORT] or [V6]:PORT)", s);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0 || res == NULL)
		return errbuf_set(eb, ALGOFF_ERR_CONNECT, "cannot resolve '%s': %s",
		    host, gai_strerror(rc));
	memset(out, 0, sizeof(*out));
	memcpy(&out->ss, res->ai_addr, res->ai_addrlen);
	out->len = (socklen_t)res->ai_addrlen;
	freeaddrinfo(res);
	netaddr_set_port((struct sockaddr *)&out->ss, pnum);
	return ALGOFF_OK;
}

void
netaddr_ip(const struct sockaddr *sa, char *out, size_t n)
{
	const void *a;
	const struct in6_addr *a6;

	if (sa->sa_family == AF_INET6) {
		a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
		a = a6;
		/* Dual-stack sockets see IPv4 peers as ::ffff:a.b.c.d. */
		if (IN6_IS_ADDR_V4MAPPED(a6) &&
		    inet_ntop(AF_INET, &a6->s6_addr[12], out, (socklen_t)n))
			return;
	} else
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	if (inet_ntop(sa->sa_family, a, out, (socklen_t)n) == NULL)
		snprintf(out, n, "?");
}

void
netaddr_format(const struct sockaddr *sa, char *out, size_t n)
{
	char ip[INET6_ADDRSTRLEN];

	netaddr_ip(sa, ip, sizeof(ip));
	if (sa->sa_family == AF_INET6 && strchr(ip, ':') != NULL)
		snprintf(out, n, "[%s]:%u", ip, netaddr_port(sa));
	else
		snprintf(out, n, "%s:%u", ip, netaddr_port(sa));
}

unsigned
netaddr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
}

void
netaddr_set_port(struct sockaddr *sa, unsigned port)
{
	if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)(void *)sa)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)(void *)sa)->sin_port = htons((uint16_t)port);
}

void
netaddr_any(int family, unsigned port, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&out->ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_any;
		out->len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&out->ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_ANY);
		out->len = sizeof(*s4);
	}
	netaddr_set_port((struct sockaddr *)&out->ss, port);
}

int
netaddr_same_ip(const struct sockaddr *a, const struct sockaddr *b)
{
	char x[INET6_ADDRSTRLEN], y[INET6_ADDRSTRLEN];

	netaddr_ip(a, x, sizeof(x));
	netaddr_ip(b, y, sizeof(y));
	return strcmp(x, y) == 0;
}
