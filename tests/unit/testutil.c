/* SPDX-License-Identifier: MIT */
/*
 * testutil.c - the temporary folder and file helpers of the unit tests.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "testutil.h"

static char dir[256];

const char *
testdir_make(const char *name)
{
	snprintf(dir, sizeof(dir), "/tmp/algoff-%s-XXXXXX", name);
	return mkdtemp(dir);
}

const char *
testdir(void)
{
	return dir;
}

int
testdir_remove(void)
{
	char *cmd;
	int rc;

	if (dir[0] == '\0' || strchr(dir, '\'') != NULL)
		return -1;
	xasprintf(&cmd, "rm -rf '%s'", dir);
	rc = system(cmd);
	free(cmd);
	dir[0] = '\0';
	return rc == 0 ? 0 : -1;
}

char *
write_file(const char *name, const char *text)
{
	char *path;
	FILE *f;

	xasprintf(&path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)   /* no ck_assert on success: main() calls this too */
		ck_abort_msg("cannot write %s", path);
	fputs(text, f);
	fclose(f);
	return path;
}
