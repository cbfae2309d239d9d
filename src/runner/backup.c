/* SPDX-License-Identifier: MIT */
/* backup.c - the configuration saved before any change. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "runner/runner_int.h"

char *
backup_default_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *d;

	if (x != NULL && *x == '/')
		xasprintf(&d, "%s/algoff/backups", x);
	else
		xasprintf(&d, "%s/.local/state/algoff/backups",
		    home && *home ? home : ".");
	return d;
}

/* mkdirs - mkdir -p with mode 0700 for the folders it creates. */
static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* safe_host - the host name as a file-name part: [A-Za-z0-9._-] only. */
static void
safe_host(const char *host, char *out, size_t n)
{
	size_t i;

	for (i = 0; host[i] != '\0' && i + 1 < n; i++)
		out[i] = (host[i] >= 'a' && host[i] <= 'z') ||
		    (host[i] >= 'A' && host[i] <= 'Z') ||
		    (host[i] >= '0' && host[i] <= '9') || host[i] == '.' ||
		    host[i] == '-' ? host[i] : '_';
	out[i] = '\0';
}

enum algoff_err
backup_write(const struct runner_opts *o, const char *text, char **path,
    struct errbuf *eb)
{
	char *dir = o->backup_dir ? xstrdup(o->backup_dir) :
	    backup_default_dir();
	char host[128], stamp[32], *p = NULL;
	struct tm tm;
	time_t now = time(NULL);
	size_t len = strlen(text);
	int fd = -1, n;
	enum algoff_err r = ALGOFF_ERR_IO;

	*path = NULL;
	if (mkdirs(dir) != 0) {
		errbuf_set(eb, r, "backup folder %s: %s", dir, strerror(errno));
		goto out;
	}
	safe_host(o->target.host, host, sizeof(host));
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (n = 0; n < 100 && fd < 0; n++) {
		free(p);
		if (n == 0)
			xasprintf(&p, "%s/%s-%s.txt", dir, host, stamp);
		else
			xasprintf(&p, "%s/%s-%s-%d.txt", dir, host, stamp, n);
		fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		errbuf_set(eb, r, "backup %s: %s", p, strerror(errno));
		goto out;
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) != 0) {
		errbuf_set(eb, r, "backup %s: %s", p, strerror(errno));
		close(fd);
		unlink(p);
		goto out;
	}
	close(fd);
	*path = p;
	p = NULL;
	r = ALGOFF_OK;
out:
	free(p);
	free(dir);
	return r;
}
