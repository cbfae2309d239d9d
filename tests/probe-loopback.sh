#!/bin/sh
# SPDX-License-Identifier: MIT
# Probe against a reflector on loopback (no root needed): no ALG there, so
# "ALG: absent" and exit 0; JSON shape; IPv6 literal syntax; a dead
# reflector gives "ALG: unknown" and exit 3; usage errors exit 2.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
P=$(free_port 1)
start_reflector "$TMP/refl.log" --listen "127.0.0.1:$P" --max-seconds 60

"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
[ $rc = 0 ] || fail "probe exit $rc, want 0"
grep -qx 'ALG: absent' "$TMP/out" || fail "no 'ALG: absent' line"
[ "$(grep -c 'unchanged: arrived byte for byte' "$TMP/out")" = 4 ] ||
	fail "want 4 unchanged messages (REGISTER+INVITE over UDP+TCP)"
pass "loopback probe: absent"

"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 --tcp --json \
    >"$TMP/json" || fail "json probe exit $?"
grep -q '"alg":"absent"' "$TMP/json" || fail "json verdict"
grep -q '"transport":"TCP","method":"INVITE"' "$TMP/json" || fail "json messages"
grep -q '"transport":"UDP"' "$TMP/json" && fail "--tcp sent UDP"
pass "json and --tcp"

if "$ALGOFF" reflector --listen "[::1]:$P" --max-seconds 1 >"$TMP/r6" 2>&1; then
	pass "IPv6 reflector binds [::1]:$P"
else
	echo "note: no IPv6 loopback here ($(cat "$TMP/r6"))"
fi

"$ALGOFF" probe --reflector "127.0.0.1:$(free_port 2)" --local-port 0 \
    --timeout 200 --retries 1 >"$TMP/dead" 2>&1
rc=$?
[ $rc = 3 ] || fail "dead reflector exit $rc, want 3"
grep -qx 'ALG: unknown' "$TMP/dead" || fail "no 'ALG: unknown'"
pass "dead reflector: unknown, exit 3"

for args in "" "--reflector" "--reflector 127.0.0.1:99999" \
    "--reflector 127.0.0.1 --udp --tcp" "--reflector [::1 --udp" \
    "--bandwidth 0" "--bogus"; do
	# shellcheck disable=SC2086
	"$ALGOFF" probe $args >/dev/null 2>&1
	rc=$?
	[ $rc = 2 ] || fail "probe $args: exit $rc, want 2"
done
"$ALGOFF" reflector >/dev/null 2>&1; [ $? = 2 ] || fail "reflector without --listen"
pass "usage errors exit 2"

"$ALGOFF" probe --bandwidth 10 >"$TMP/bw" || fail "bandwidth exit $?"
grep -q 'G.711 .* 960.0 kbit/s' "$TMP/bw" || fail "G.711 x10 != 960 kbit/s"
grep -q 'G.729 .* 288.0 kbit/s' "$TMP/bw" || fail "G.729 x10 != 288 kbit/s"
pass "bandwidth calculator"
exit 0
