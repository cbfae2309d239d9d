/* SPDX-License-Identifier: MIT */
/* fuzz_util.c - see fuzz.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "core/xmalloc.h"
#include "fuzz.h"

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
fuzz_init(void)
{
	const char *d = getenv("ALGOFF_DATADIR");

	if (d == NULL || *d == '\0')
		setenv("ALGOFF_DATADIR", FUZZ_SRCDIR, 1);
	xmlSetGenericErrorFunc(NULL, quiet);
}

static void
write_all(int fd, const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t w;

	while (off < size) {
		w = pwrite(fd, data + off, size - off, (off_t)off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0)
		abort();
	write_all(fd, data, size);
	return path;
}

static char tmpdir_[64], tmppath_[256];

static void
cleanup(void)
{
	if (tmppath_[0] != '\0')
		(void)unlink(tmppath_);
	if (tmpdir_[0] != '\0')
		(void)rmdir(tmpdir_);
}

const char *
fuzz_named_file(const char *name, const uint8_t *data, size_t size)
{
	char *dir = tmpdir_, *path = tmppath_;
	FILE *f;

	if (dir[0] == '\0') {
		const char *t = getenv("TMPDIR");

		snprintf(dir, sizeof(tmpdir_), "%s/algoff-fuzz-XXXXXX",
		    t != NULL && strlen(t) < 40 ? t : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(cleanup);
	}
	if (path[0] != '\0')
		(void)unlink(path);
	snprintf(path, sizeof(tmppath_), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fclose(f) != 0)
		abort();
	return path;
}

char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A strict JSON checker (RFC 8259), for outputs that must be JSON. */
struct jv {
	const unsigned char *p, *end;
	int depth;
};

static void
jv_ws(struct jv *J)
{
	while (J->p < J->end && (*J->p == ' ' || *J->p == '\t' ||
	    *J->p == '\n' || *J->p == '\r'))
		J->p++;
}

/* jv_utf8 - length of the valid UTF-8 sequence at p, 0 if invalid. */
static size_t
jv_utf8(const unsigned char *p, const unsigned char *end)
{
	size_t n, i;
	unsigned c = *p, min;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n;
}

static int
jv_string(struct jv *J)
{
	size_t k;

	J->p++;
	while (J->p < J->end && *J->p != '"') {
		if (*J->p < 0x20)
			return 0;
		if (*J->p == '\\') {
			if (++J->p >= J->end)
				return 0;
			if (*J->p == 'u') {
				for (k = 1; k <= 4; k++)
					if (J->p + k >= J->end ||
					    strchr("0123456789abcdefABCDEF",
					    J->p[k]) == NULL || J->p[k] == 0)
						return 0;
				J->p += 5;
			} else if (strchr("\"\\/bfnrt", *J->p) != NULL &&
			    *J->p != 0)
				J->p++;
			else
				return 0;
			continue;
		}
		if ((k = jv_utf8(J->p, J->end)) == 0)
			return 0;
		J->p += k;
	}
	if (J->p >= J->end)
		return 0;
	J->p++;
	return 1;
}

static int
jv_number(struct jv *J)
{
	const unsigned char *s = J->p;

	if (J->p < J->end && *J->p == '-')
		J->p++;
	if (J->p < J->end && *J->p == '0')
		J->p++;
	else if (J->p < J->end && *J->p >= '1' && *J->p <= '9')
		while (J->p < J->end && *J->p >= '0' && *J->p <= '9')
			J->p++;
	else
		return 0;
	if (J->p < J->end && *J->p == '.') {
		if (++J->p >= J->end || *J->p < '0' || *J->p > '9')
			return 0;
		while (J->p < J->end && *J->p >= '0' && *J->p <= '9')
			J->p++;
	}
	if (J->p < J->end && (*J->p == 'e' || *J->p == 'E')) {
		J->p++;
		if (J->p < J->end && (*J->p == '+' || *J->p == '-'))
			J->p++;
		if (J->p >= J->end || *J->p < '0' || *J->p > '9')
			return 0;
		while (J->p < J->end && *J->p >= '0' && *J->p <= '9')
			J->p++;
	}
	return J->p > s;
}

static int
jv_lit(struct jv *J, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(J->end - J->p) < n || memcmp(J->p, lit, n) != 0)
		return 0;
	J->p += n;
	return 1;
}

static int jv_value(struct jv *J);

static int
jv_container(struct jv *J, int object)
{
	char close = object ? '}' : ']';

	if (++J->depth > 200)
		return 0;
	J->p++;
	jv_ws(J);
	if (J->p < J->end && *J->p == close) {
		J->p++;
		J->depth--;
		return 1;
	}
	for (;;) {
		jv_ws(J);
		if (object) {
			if (J->p >= J->end || *J->p != '"' || !jv_string(J))
				return 0;
			jv_ws(J);
			if (J->p >= J->end || *J->p++ != ':')
				return 0;
		}
		if (!jv_value(J))
			return 0;
		jv_ws(J);
		if (J->p < J->end && *J->p == ',') {
			J->p++;
			continue;
		}
		if (J->p < J->end && *J->p == (unsigned char)close) {
			J->p++;
			J->depth--;
			return 1;
		}
		return 0;
	}
}

static int
jv_value(struct jv *J)
{
	jv_ws(J);
	if (J->p >= J->end)
		return 0;
	switch (*J->p) {
	case '{': return jv_container(J, 1);
	case '[': return jv_container(J, 0);
	case '"': return jv_string(J);
	case 't': return jv_lit(J, "true");
	case 'f': return jv_lit(J, "false");
	case 'n': return jv_lit(J, "null");
	default: return jv_number(J);
	}
}

int
fuzz_json_valid(const char *s, size_t n)
{
	struct jv J = { (const unsigned char *)s,
	    (const unsigned char *)s + n, 0 };

	if (s == NULL || !jv_value(&J))
		return 0;
	jv_ws(&J);
	return J.p == J.end;
}
