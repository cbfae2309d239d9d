/* SPDX-License-Identifier: MIT */
/*
 * stream_script.h - a struct stream that plays a recorded dialogue, for the
 * unit tests. The script is a list of steps run in order: bytes the device
 * sends (handed out at most `chunk` bytes per read, so partial reads are
 * exercised), bytes algoff must send (compared byte by byte), pauses, and a
 * dropped connection. After the last step, reads time out.
 */
#ifndef ALGOFF_STREAM_SCRIPT_H
#define ALGOFF_STREAM_SCRIPT_H

#include <stddef.h>

#include "session/stream.h"

enum script_kind { SC_RECV, SC_SEND, SC_DELAY, SC_CLOSE };

struct script_step {
	enum script_kind kind;
	const char *data;   /* SC_RECV, SC_SEND */
	int ms;             /* SC_DELAY */
};

#define S_RECV(s) { SC_RECV, (s), 0 }
#define S_SEND(s) { SC_SEND, (s), 0 }
#define S_DELAY(ms) { SC_DELAY, NULL, (ms) }
#define S_CLOSE { SC_CLOSE, NULL, 0 }

struct script;

/* stream_script_open - steps are borrowed; chunk 0 means unlimited. */
struct script *stream_script_open(struct stream *st,
    const struct script_step *steps, size_t n, size_t chunk);
/* stream_script_error - first mismatch ("" when none); valid until close. */
const char *stream_script_error(const struct script *sc);
/* stream_script_done - have all steps been played? */
int stream_script_done(const struct script *sc);

#endif
