/* SPDX-License-Identifier: MIT */
/*
 * echo.h - the wire format of the reflector's UDP echo service, used by the
 * network checks. A packet is ECHO_MIN_LEN..ECHO_MAX_LEN bytes:
 *   0..3   magic "AOE1"
 *   4..7   sequence number (network order)
 *   8..15  client send time in microseconds (opaque to the reflector)
 *   16     TOS byte the reflector received it with (0xff: unknown);
 *          the client sends 0
 *   17     reserved (0)
 *   18..   padding to an RTP-like size (default 172 = 12 + 160 bytes)
 * The reflector returns the packet with byte 16 filled in, marked EF.
 */
#ifndef ALGOFF_ECHO_H
#define ALGOFF_ECHO_H

#define ECHO_MAGIC "AOE1"
#define ECHO_MIN_LEN 18
#define ECHO_MAX_LEN 1400
#define ECHO_OFF_SEQ 4
#define ECHO_OFF_TIME 8
#define ECHO_OFF_TOS 16
#define ECHO_TOS_UNKNOWN 0xff
#define ECHO_TOS_EF 0xb8	/* DSCP 46 (EF, RFC 3246) << 2 */

#endif
