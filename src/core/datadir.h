/* SPDX-License-Identifier: MIT */
/*
 * datadir.h - where algoff's data (vendors/, templates/, schema/, lab/)
 * lives. The same binary works installed and straight from its build tree.
 */
#ifndef ALGOFF_DATADIR_H
#define ALGOFF_DATADIR_H

#include "core/err.h"

/*
 * datadir - the data folder in use, first match wins:
 *   1. $ALGOFF_DATADIR when set and not empty (taken as is);
 *   2. the installed pkgdatadir when it has a vendors/ folder;
 *   3. the source tree recorded by configure when it has vendors/.
 * When none is found it returns the installed pkgdatadir, so that paths
 * built from it still name the expected place; datadir_check says why.
 * The answer is computed once.
 */
const char *datadir(void);

/* datadir_origin - "ALGOFF_DATADIR", "installed", "source tree" or
 * "not found": the rule that chose datadir(). */
const char *datadir_origin(void);

/* datadir_check - ALGOFF_OK when datadir() has a vendors/ folder; else
 * ALGOFF_ERR_IO with a message that names every folder tried. */
enum algoff_err datadir_check(struct errbuf *eb);

/* vendor_datadir - the older name of datadir(). */
const char *vendor_datadir(void);

#endif
