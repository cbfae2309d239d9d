#!/bin/sh
# SPDX-License-Identifier: MIT
# Probe against a reflector on loopback (no root needed). Loopback crosses
# no NAT router, so the probe tested nothing: "ALG: untested", exit 3, with
# the reason, in text and JSON (never "absent"). JSON shape; IPv6 literal
# syntax; a dead reflector gives one "no answer" line, "ALG: unknown",
# exit 3 and no numbers, for the probe and for --network; usage errors and
# options outside their mode exit 2.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_python
P=$(free_port 1)
start_reflector "$TMP/refl.log" --listen "127.0.0.1:$P" --max-seconds 60

"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
[ $rc = 3 ] || fail "loopback probe exit $rc, want 3 (untested)"
grep -qx 'ALG: untested' "$TMP/out" || fail "no 'ALG: untested' line"
grep -q 'absent' "$TMP/out" && fail "loopback probe says absent"
grep -qx 'Reason: no address translation seen: the path did not cross a NAT router; run the reflector outside the router' \
    "$TMP/out" || fail "no reason line for untested"
[ "$(grep -c 'unchanged: arrived byte for byte' "$TMP/out")" = 4 ] ||
	fail "want 4 unchanged messages (REGISTER+INVITE over UDP+TCP)"
pass "loopback probe: untested, exit 3, with the reason"

"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 --tcp --json \
    >"$TMP/json"
rc=$?
[ $rc = 3 ] || fail "json probe exit $rc, want 3"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))
assert d["alg"] == "untested", d["alg"]
assert d["nat_seen"] is False
assert d["reason"].startswith("no address translation seen"), d["reason"]
assert [m["transport"] for m in d["messages"]] == ["TCP", "TCP"]' "$TMP/json" ||
	fail "json report of the untested probe"
grep -q '"transport":"TCP","method":"INVITE"' "$TMP/json" || fail "json messages"
pass "json and --tcp: untested"

if "$ALGOFF" reflector --listen "[::1]:$P" --max-seconds 1 >"$TMP/r6" 2>&1; then
	pass "IPv6 reflector binds [::1]:$P"
else
	echo "note: no IPv6 loopback here ($(cat "$TMP/r6"))"
fi

D=$(free_port 2)
"$ALGOFF" probe --reflector "127.0.0.1:$D" --local-port 0 \
    --timeout 200 --retries 1 >"$TMP/dead" 2>&1
rc=$?
cat "$TMP/dead"
[ $rc = 3 ] || fail "dead reflector exit $rc, want 3"
# UDP: REGISTER and INVITE twice each; TCP: one refused connect
grep -qx "no answer from reflector 127.0.0.1:$D after 5 tries" "$TMP/dead" ||
	fail "no 'no answer' line"
grep -qx 'ALG: unknown' "$TMP/dead" || fail "no 'ALG: unknown'"
[ "$(wc -l <"$TMP/dead")" = 2 ] || fail "dead reflector: more than the line and the verdict"
"$ALGOFF" probe --reflector "127.0.0.1:$D" --local-port 0 --timeout 200 \
    --retries 1 --json >"$TMP/dead.json"
rc=$?
[ $rc = 3 ] || fail "dead reflector --json exit $rc, want 3"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))
assert d["alg"] == "unknown" and d["reason"].startswith("no answer from reflector"), d
assert not any(m["answered"] for m in d["messages"])' "$TMP/dead.json" ||
	fail "dead reflector json"
pass "dead reflector: one no-answer line, unknown, exit 3"

"$ALGOFF" probe --network --reflector "127.0.0.1:$D" --count 5 \
    --interval 10 --timeout 200 --rtp-sample 2 >"$TMP/ndead" 2>&1
rc=$?
cat "$TMP/ndead"
[ $rc = 3 ] || fail "network, dead reflector: exit $rc, want 3"
grep -qx "no answer from reflector 127.0.0.1:$D after [0-9]* tries" "$TMP/ndead" ||
	fail "network: no 'no answer' line"
grep -q 'n/a' "$TMP/ndead" || fail "network: metrics not n/a"
grep -qE '[0-9]\.[0-9]+ ms|MOS +G' "$TMP/ndead" && fail "network: numbers from nothing"
grep -qx 'Network: unknown (no answer)' "$TMP/ndead" || fail "network: verdict"
"$ALGOFF" probe --network --reflector "127.0.0.1:$D" --count 5 \
    --interval 10 --timeout 200 --rtp-sample 2 --json >"$TMP/ndead.json"
rc=$?
[ $rc = 3 ] || fail "network --json, dead reflector: exit $rc, want 3"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))
assert d["error"].startswith("no answer from reflector"), d["error"]
assert d["rtt_ms"] is None and d["jitter_ms"] is None and d["loss_pct"] is None
assert all(m["mos"] is None and m["r"] is None for m in d["mos"])
assert d["rtp"]["tested"] == 0' "$TMP/ndead.json" || fail "network json: not null"
pass "network, dead reflector: no-answer line, n/a and null, exit 3"

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

# options outside their mode are refused, never ignored (nothing is sent)
while read -r args; do
	# shellcheck disable=SC2086
	"$ALGOFF" probe $args >"$TMP/mode" 2>&1
	rc=$?
	[ $rc = 2 ] || fail "probe $args: exit $rc, want 2"
	grep -q "^algoff probe: --[a-z-]* does not apply to " "$TMP/mode" ||
		fail "probe $args: $(cat "$TMP/mode")"
done <<MODES
--network --reflector 127.0.0.1:$D --tcp
--network --reflector 127.0.0.1:$D --udp
--network --reflector 127.0.0.1:$D --local-port 5062
--network --reflector 127.0.0.1:$D --retries 1
--network --reflector 127.0.0.1:$D --rtp-port 4000
--network --reflector 127.0.0.1:$D --bandwidth 5
--bandwidth 5 --reflector 127.0.0.1:$D
--bandwidth 5 --timeout 100
--bandwidth 5 --count 3
--reflector 127.0.0.1:$D --count 5
--reflector 127.0.0.1:$D --calls 2
--reflector 127.0.0.1:$D --echo-port 7000
--reflector 127.0.0.1:$D --rtp-range 10000-10010
MODES
"$ALGOFF" probe --network --reflector "127.0.0.1:$D" --tcp 2>&1 |
	grep -qx 'algoff probe: --tcp does not apply to --network' ||
	fail "--tcp with --network: message"
pass "options outside their mode exit 2 with the reason"

"$ALGOFF" probe --bandwidth 10 >"$TMP/bw" || fail "bandwidth exit $?"
grep -q 'G.711 .* 960.0 kbit/s' "$TMP/bw" || fail "G.711 x10 != 960 kbit/s"
grep -q 'G.729 .* 288.0 kbit/s' "$TMP/bw" || fail "G.729 x10 != 288 kbit/s"
pass "bandwidth calculator"
exit 0
