#!/bin/sh
# SPDX-License-Identifier: MIT
# The real kernel SIP ALG (nf_conntrack_sip + nf_nat_sip) in the lab:
#   1. NAT + "ct helper set" on rtr: probe from lan -> "ALG: present", exit 1,
#      naming Via, Contact and SDP c=.
#   2. the test removes the helper rule with plain nft in rtr (and flushes
#      conntrack, as old flows keep their helper) -> "ALG: absent", exit 0.
#   3. a lab without NAT (helper still attached): nothing translated, so
#      nothing was tested -> "ALG: untested", exit 3 (never "absent").
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_root_lab

probe() {
	"$LAB" exec lan "$ALGOFF" probe --reflector "$LAB_WAN_IP" "$@"
}

lab_up --no-sshd
start_reflector "$TMP/refl.log" wan --listen "$LAB_WAN_IP" --max-seconds 120
probe >"$TMP/on" 2>&1
rc=$?
cat "$TMP/on"
[ $rc = 1 ] || fail "helper on: exit $rc, want 1"
grep -qx 'ALG: present' "$TMP/on" || fail "helper on: no 'ALG: present'"
for f in Via Contact 'SDP c='; do
	grep -q "^  rewritten $f: .*$LAB_LAN_IP.* -> .*$LAB_RTR_WAN_IP" "$TMP/on" ||
		fail "helper on: $f not reported as rewritten to $LAB_RTR_WAN_IP"
done
grep -q "reflector saw $LAB_RTR_WAN_IP" "$TMP/on" || fail "NAT source not reported"
pass "helper on: ALG present (Via, Contact, SDP c=)"

probe --json >"$TMP/on.json"
grep -q '"alg":"present"' "$TMP/on.json" || fail "json verdict with helper"
grep -q '"rewritten":\[.*"SDP c="' "$TMP/on.json" || fail "json rewritten list"
pass "helper on: JSON"

"$LAB" exec rtr nft delete chain ip lab sip_helper || fail "nft delete chain"
"$LAB" exec rtr nft list ruleset | grep -q 'ct helper set' &&
	fail "helper rule still there"
if command -v conntrack >/dev/null 2>&1; then
	"$LAB" exec rtr conntrack -F >/dev/null 2>&1
	port=5060
else
	echo "note: no conntrack tool; probing from a new local port instead"
	port=5070
fi
probe --local-port $port >"$TMP/off" 2>&1
rc=$?
cat "$TMP/off"
[ $rc = 0 ] || fail "helper off: exit $rc, want 0"
grep -qx 'ALG: absent' "$TMP/off" || fail "helper off: no 'ALG: absent'"
grep -q "reflector saw $LAB_RTR_WAN_IP" "$TMP/off" ||
	fail "helper off: NAT should still translate the source"
pass "helper rule removed: ALG absent (NAT alone is not an ALG)"

stop_pid "$REFL_PID"
lab_down
lab_up --no-nat --no-sshd
start_reflector "$TMP/refl2.log" wan --listen "$LAB_WAN_IP" --max-seconds 60
probe >"$TMP/nonat" 2>&1
rc=$?
cat "$TMP/nonat"
[ $rc = 3 ] || fail "no NAT: exit $rc, want 3 (untested)"
grep -qx 'ALG: untested' "$TMP/nonat" || fail "no NAT: no 'ALG: untested'"
grep -q 'absent' "$TMP/nonat" && fail "no NAT: reported absent"
grep -q '^Reason: no address translation seen' "$TMP/nonat" || fail "no NAT: reason"
grep -q "reflector saw $LAB_LAN_IP:5060" "$TMP/nonat" || fail "no NAT: source changed"
pass "no NAT: ALG untested, exit 3"
exit 0
