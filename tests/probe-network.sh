#!/bin/sh
# SPDX-License-Identifier: MIT
# Network checks through the lab, against known impairments.
#   1. clean path: no loss, small RTT, DSCP EF kept both ways, exit 0.
#   2. rtr re-marks DSCP to CS0 (nft "ip dscp set cs0"): EF reported lost.
#   3. impaired path: rtr drops 10 % of the echo packets (nft "numgen random
#      mod 100 < 10 drop"; no netem in this kernel) and the delay relay in
#      rtr adds 40 ms + uniform(0, 30) ms with seed 42 on the way out.
#      Expected: loss 10 % (tolerance 4..17 %), RTT avg 55 ms (45..120 ms),
#      RFC 3550 jitter about 10.6 ms (4..40 ms: the estimator is a 1/16
#      moving average, so its last value is noisy; a simulation of this
#      relay over 200 seeds gave 7.2..16.8 ms), thresholds fail -> exit 1.
#      The lower bounds prove the impairment is measured; the upper bounds
#      are wide because this machine is shared and CI runs the suite in
#      parallel and under sanitizers, which adds scheduling delay.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_root_lab
need_python
RELAY="$top_builddir/tests/lab/delayrelay"
[ -x "$RELAY" ] || fail "$RELAY not built (make check builds it)"

# field FILE KEY - a number from the JSON report (dotted path).
field() {
	python3 -c 'import json,sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[int(k)] if k.isdigit() else v[k]
print(v)' "$1" "$2"
}
# within V LO HI
within() { python3 -c 'import sys; v,lo,hi = map(float, sys.argv[1:]); sys.exit(not lo <= v <= hi)' "$@"; }

lab_up --no-helper --no-sshd
start_reflector "$TMP/refl.log" wan --listen "$LAB_WAN_IP:7060" --max-seconds 120
check() {
	"$LAB" exec lan "$ALGOFF" probe --network --reflector "$LAB_WAN_IP:7060" \
	    --rtp-sample 3 --json "$@"
}

check --count 100 --interval 10 >"$TMP/clean.json"
rc=$?
cat "$TMP/clean.json"
[ $rc = 0 ] || fail "clean path: exit $rc, want 0"
[ "$(field "$TMP/clean.json" loss_pct)" = 0.0 ] || fail "clean path: loss"
within "$(field "$TMP/clean.json" rtt_ms.avg)" 0 20 || fail "clean path: RTT"
[ "$(field "$TMP/clean.json" dscp_seen)" = 46 ] || fail "clean: EF not seen"
[ "$(field "$TMP/clean.json" dscp_back)" = 46 ] || fail "clean: EF not back"
[ "$(field "$TMP/clean.json" sip_udp)" = True ] || fail "clean: SIP UDP"
[ "$(field "$TMP/clean.json" sip_tcp)" = True ] || fail "clean: SIP TCP"
[ "$(field "$TMP/clean.json" rtp.ok)" = 3 ] || fail "clean: RTP sample"
pass "clean path: no loss, EF kept, 7060 UDP/TCP and RTP sample reachable"

"$LAB" exec rtr nft add table ip remark
"$LAB" exec rtr nft add chain ip remark mark_lan \
    '{ type filter hook forward priority filter; policy accept; }'
"$LAB" exec rtr nft add rule ip remark mark_lan iifname lan0 ip dscp set cs0
check --count 20 --interval 10 >"$TMP/remark.json"
[ "$(field "$TMP/remark.json" ef_survives)" = False ] ||
	fail "re-marked path: EF reported as kept"
[ "$(field "$TMP/remark.json" dscp_seen)" = 0 ] || fail "re-marked: DSCP"
"$LAB" exec rtr nft delete table ip remark
pass "DSCP re-marking detected"

start_bg "$TMP/relay.log" "$LAB" exec rtr "$RELAY" --listen 0.0.0.0:17061 \
    --to "$LAB_WAN_IP:7061" --delay 40 --jitter 30 --seed 42 --max-seconds 60
wait_line "$TMP/relay.log" "delayrelay:"
"$LAB" exec rtr nft add table ip relay
"$LAB" exec rtr nft add chain ip relay redirect_lan \
    '{ type nat hook prerouting priority dstnat; policy accept; }'
"$LAB" exec rtr nft add rule ip relay redirect_lan iifname lan0 udp dport 7061 \
    redirect to :17061
"$LAB" loss 10 || fail "lab.sh loss 10"
check --count 500 --interval 10 >"$TMP/imp.json"
rc=$?
cat "$TMP/imp.json"
[ $rc = 1 ] || fail "impaired path: exit $rc, want 1 (thresholds fail)"
within "$(field "$TMP/imp.json" loss_pct)" 4 17 || fail "loss not 10 % +- tolerance"
within "$(field "$TMP/imp.json" rtt_ms.avg)" 45 120 || fail "RTT avg not 55 ms +- tolerance"
within "$(field "$TMP/imp.json" rtt_ms.min)" 38 100 || fail "RTT min not >= 40 ms delay"
within "$(field "$TMP/imp.json" jitter_ms)" 4 40 || fail "jitter not 10 ms +- tolerance"
within "$(field "$TMP/imp.json" mos.0.mos)" 1 4.2 || fail "G.711 MOS not lowered"
pass "impaired path: loss, RTT and jitter within tolerance"

check --count 50 --interval 10 --calls 10 >"$TMP/txt.json"
grep -q '"bandwidth":{"calls":10' "$TMP/txt.json" || fail "bandwidth in report"
"$LAB" exec lan "$ALGOFF" probe --network --reflector "$LAB_WAN_IP:7060" \
    --count 50 --interval 10 --rtp-sample 1 >"$TMP/text" 2>&1
cat "$TMP/text"
grep -q 'jitter .* (threshold < 30 ms)' "$TMP/text" || fail "text thresholds"
grep -qx 'Network: FAIL' "$TMP/text" || fail "text verdict"
pass "text report with thresholds"
exit 0
