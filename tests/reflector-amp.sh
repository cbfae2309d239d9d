#!/bin/sh
# SPDX-License-Identifier: MIT
# Anti-amplification: for every kind of request (valid REGISTER and INVITE,
# short and compact-header requests, oversized, Content-Length larger than
# the body, truncated, garbage, responses, ACK) the reflector's answer is at
# most 3 times the request's bytes, over UDP and TCP, and valid requests of
# the probe's size still get their full echo; then a probe through loopback
# still works. Loopback, no root; sizes, not times.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_python
P=$(free_port 5)
start_reflector "$TMP/refl.log" --listen "127.0.0.1:$P" --echo-port 0 \
    --max-seconds 60 --rate 1000
python3 "$top_srcdir/tests/reflector-amp.py" "$P" || fail "3x rule"
pass "every answer within 3x its request"
# loopback crosses no NAT: the verdict is untested (exit 3), the echoes whole
"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 >"$TMP/p" 2>&1
rc=$?
[ $rc = 3 ] || { cat "$TMP/p"; fail "probe exit $rc, want 3 (untested)"; }
[ "$(grep -c 'unchanged: arrived byte for byte' "$TMP/p")" = 4 ] ||
	{ cat "$TMP/p"; fail "the probe's 4 messages did not all come back whole"; }
pass "padded probe still gets full echoes"
exit 0
