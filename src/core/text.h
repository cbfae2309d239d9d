/* SPDX-License-Identifier: MIT */
/*
 * text.h - control characters in values that reach a device or a shell:
 * find them, name them, and show a value with them escaped (never raw).
 */
#ifndef ALGOFF_TEXT_H
#define ALGOFF_TEXT_H

/* text_control - the first byte of s below 0x20 or 0x7f, or -1. */
int text_control(const char *s);
/* text_control_name - "newline", "tab", "escape", "DEL", ... */
const char *text_control_name(int c);
/* text_escape - a new string: s with \n \r \t and other control bytes as
 * \xHH; everything else unchanged. */
char *text_escape(const char *s);

#endif
