/* SPDX-License-Identifier: MIT */
/*
 * datadir.c - find the data folder: $ALGOFF_DATADIR, the installed
 * pkgdatadir, or the source tree this binary was configured from.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/datadir.h"

#ifndef ALGOFF_SRCDIR
#define ALGOFF_SRCDIR ""
#endif

static const char *found_dir;
static const char *found_origin;
static char src_real[PATH_MAX];

/* has_vendors - DIR/vendors is a folder. */
static int
has_vendors(const char *dir)
{
	char path[4096];
	struct stat st;

	if (dir == NULL || *dir == '\0')
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/vendors", dir) >=
	    sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
datadir_find(void)
{
	const char *env = getenv("ALGOFF_DATADIR");

	if (found_dir != NULL)
		return;
	if (env != NULL && *env != '\0') {
		found_dir = env;
		found_origin = "ALGOFF_DATADIR";
	} else if (has_vendors(ALGOFF_PKGDATADIR)) {
		found_dir = ALGOFF_PKGDATADIR;
		found_origin = "installed";
	} else if (has_vendors(ALGOFF_SRCDIR)) {
		/* "build/.." from an out-of-tree configure reads better as
		 * the folder it is */
		found_dir = realpath(ALGOFF_SRCDIR, src_real) != NULL ?
		    src_real : ALGOFF_SRCDIR;
		found_origin = "source tree";
	} else {
		found_dir = ALGOFF_PKGDATADIR;
		found_origin = "not found";
	}
}

const char *
datadir(void)
{
	datadir_find();
	return found_dir;
}

const char *
datadir_origin(void)
{
	datadir_find();
	return found_origin;
}

enum algoff_err
datadir_check(struct errbuf *eb)
{
	datadir_find();
	if (has_vendors(found_dir))
		return ALGOFF_OK;
	if (found_origin[0] == 'A')
		return errbuf_set(eb, ALGOFF_ERR_IO, "no algoff data: "
		    "ALGOFF_DATADIR=%s has no vendors/ folder", found_dir);
	if (*ALGOFF_SRCDIR == '\0')
		return errbuf_set(eb, ALGOFF_ERR_IO, "no algoff data: tried "
		    "%s (installed); run 'make install' or set "
		    "ALGOFF_DATADIR", ALGOFF_PKGDATADIR);
	return errbuf_set(eb, ALGOFF_ERR_IO, "no algoff data: tried %s "
	    "(installed) and %s (source tree); run 'make install' or set "
	    "ALGOFF_DATADIR", ALGOFF_PKGDATADIR, ALGOFF_SRCDIR);
}

const char *
vendor_datadir(void)
{
	return datadir();
}
