/* SPDX-License-Identifier: MIT */
/*
 * utf8.h - making text valid UTF-8 before it goes into a report: bytes from
 * the command line, answer files and devices can be anything (Latin-1 user
 * names, binary banners). Invalid bytes become U+FFFD; truncation into a
 * fixed buffer backs off to a character boundary.
 */
#ifndef ALGOFF_UTF8_H
#define ALGOFF_UTF8_H

#include <stddef.h>

/* utf8_seq - length (1-4) of the valid UTF-8 character at p (at most n
 * bytes readable), or 0 if the bytes there are not one. */
size_t utf8_seq(const unsigned char *p, size_t n);

/*
 * utf8_clean - a new string (caller frees): s with every invalid byte
 * replaced by U+FFFD. xml: also replace the control characters XML 1.0
 * cannot hold (all below 0x20 but tab, newline and carriage return).
 */
char *utf8_clean(const char *s, int xml);

/* utf8_fit - cut s (NUL-terminated, truncated by snprintf into a buffer of
 * size bytes) back so that it does not end in part of a character. */
void utf8_fit(char *s, size_t size);

/* utf8_copy - snprintf(dst, size, "%s", src) that never cuts a character. */
void utf8_copy(char *dst, size_t size, const char *src);

#endif
