/* SPDX-License-Identifier: MIT */
/*
 * testutil.h - what the Check unit tests share: one temporary folder per
 * test program (or per test, for fixtures) and writing small files in it.
 */
#ifndef ALGOFF_TESTUTIL_H
#define ALGOFF_TESTUTIL_H

/* testdir_make - create /tmp/algoff-NAME-XXXXXX; NULL on failure. */
const char *testdir_make(const char *name);

/* testdir - the folder made by testdir_make. */
const char *testdir(void);

/* testdir_remove - remove the folder and everything in it; 0 on success. */
int testdir_remove(void);

/* write_file - write TEXT to TESTDIR/NAME; returns the path (caller frees). */
char *write_file(const char *name, const char *text);

#endif
