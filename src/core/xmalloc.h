/* SPDX-License-Identifier: MIT */
/*
 * xmalloc.h - allocation that never returns NULL: running out of memory is
 * fatal (the tmux / htop model), so ordinary code does not check.
 */
#ifndef ALGOFF_XMALLOC_H
#define ALGOFF_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
int xasprintf(char **out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* freezero - wipe n bytes, then free (for secrets). */
void freezero(void *p, size_t n);

#endif
