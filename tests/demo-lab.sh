#!/bin/sh
# SPDX-License-Identifier: MIT
# The linux-nftables profile against the lab's real ruleset and kernel SIP
# helper, over SSH from lan to the sshd in rtr (198.18.0.1):
#   1. probe from lan -> "ALG: present" naming Via, Contact and SDP c=
#   2. algoff apply --vendor linux-nftables -> exit 0 ("disabled"); the sip
#      helper rules and objects are gone, an ftp helper (object and rule)
#      added beside them is left alone, no flow carries the sip helper
#   3. probe -> "ALG: absent"; apply again -> "already-disabled"
#   4. algoff apply --rollback -> exit 0 ("rolled-back"), ruleset restored;
#      probe -> "ALG: present" again
#   5. a lab whose only helper is ftp -> the precheck reports the ALG off
#      and nothing is changed
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_root_lab
for t in sshd ssh-keygen conntrack; do
	command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] ||
		skip "$t not installed (lab/deps)"
done

probe() {
	"$LAB" exec lan "$ALGOFF" probe --reflector "$LAB_WAN_IP" "$@"
}
# nft_apply [ARGS] - apply linux-nftables from lan; rc in $rc, JSON in $TMP/apply.json
nft_apply() {
	"$LAB" exec lan "$ALGOFF" apply --vendor linux-nftables \
		--host "$LAB_SSH_HOST" --user "$LAB_SSH_USER" \
		--identity "$LAB_SSH_KEY" --known-hosts "$LAB_KNOWN_HOSTS" \
		--backup-dir "$TMP/backups" --var "state_dir=$LAB_DIR/router-state" \
		--timeout 60 --json "$@" >"$TMP/apply.json" 2>"$TMP/apply.err"
	rc=$?
}
field() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
		"$TMP/apply.json" "$1" 2>/dev/null ||
		sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$TMP/apply.json"
}
ruleset() { "$LAB" exec rtr nft list ruleset; }
sip_flows() { "$LAB" exec rtr conntrack -L 2>/dev/null | grep -c 'helper=sip'; }

lab_up
printf '%s\n' 'add ct helper ip lab ftp-std { type "ftp" protocol tcp; l3proto ip; }' \
	'add rule ip lab sip_helper tcp dport 21 ct helper set "ftp-std"' |
	"$LAB" exec rtr nft -f - || fail "could not add the ftp helper"
start_reflector "$TMP/refl.log" wan --listen "$LAB_WAN_IP" --max-seconds 300

# 1. helper on
probe >"$TMP/p1" 2>&1; rc=$?
cat "$TMP/p1"
[ $rc = 1 ] || fail "before: probe exit $rc, want 1"
grep -qx 'ALG: present' "$TMP/p1" || fail "before: no 'ALG: present'"
for f in Via Contact 'SDP c='; do
	grep -q "^  rewritten $f: " "$TMP/p1" || fail "before: $f not reported as rewritten"
done
[ "$(sip_flows)" -ge 1 ] || fail "before: no conntrack flow carries the sip helper"
pass "before: ALG present (Via, Contact, SDP c=), flows carry the sip helper"

# 2. apply over SSH
nft_apply
cat "$TMP/apply.err"
[ $rc = 0 ] || fail "apply: exit $rc: $(cat "$TMP/apply.json")"
[ "$(field outcome)" = disabled ] || fail "apply: outcome $(field outcome)"
ruleset >"$TMP/rs-off"
grep -q 'type "sip"' "$TMP/rs-off" && fail "a sip helper object is left: $(cat "$TMP/rs-off")"
grep -q 'ct helper set "sip-' "$TMP/rs-off" && fail "a sip helper rule is left"
grep -q 'type "ftp" protocol tcp' "$TMP/rs-off" || fail "the ftp helper object was deleted"
grep -q 'ct helper set "ftp-std"' "$TMP/rs-off" || fail "the ftp helper rule was deleted"
grep -q 'masquerade' "$TMP/rs-off" || fail "NAT was touched"
[ "$(sip_flows)" -eq 0 ] || fail "flows still carry the sip helper"
[ -s "$LAB_DIR/router-state/ruleset-before.nft" ] || fail "no saved ruleset on the router"
pass "apply: disabled over SSH; sip rules, objects and flows gone; ftp helper and NAT kept"

# 3. proof, and a second run changes nothing
probe >"$TMP/p2" 2>&1; rc=$?
cat "$TMP/p2"
[ $rc = 0 ] || fail "after: probe exit $rc, want 0"
grep -qx 'ALG: absent' "$TMP/p2" || fail "after: no 'ALG: absent'"
pass "after: ALG absent"
nft_apply
[ $rc = 0 ] && [ "$(field outcome)" = already-disabled ] ||
	fail "second apply: exit $rc, outcome $(field outcome)"
pass "second apply: already-disabled, nothing sent"

# 4. rollback on request restores the saved ruleset
nft_apply --rollback
cat "$TMP/apply.err"
[ $rc = 0 ] || fail "rollback: exit $rc: $(cat "$TMP/apply.json")"
[ "$(field outcome)" = rolled-back ] || fail "rollback: outcome $(field outcome)"
ruleset >"$TMP/rs-back"
grep -q 'ct helper set "sip-udp"' "$TMP/rs-back" || fail "rollback: sip rule not restored"
grep -q 'type "sip" protocol tcp' "$TMP/rs-back" || fail "rollback: sip object not restored"
probe >"$TMP/p3" 2>&1; rc=$?
cat "$TMP/p3"
[ $rc = 1 ] && grep -qx 'ALG: present' "$TMP/p3" || fail "after rollback: probe exit $rc, want 1 / ALG: present"
pass "rollback (apply --rollback): ruleset restored, ALG present again"

# a rollback without a saved ruleset flushes nothing and fails
"$LAB" exec lan "$ALGOFF" apply --vendor linux-nftables --host "$LAB_SSH_HOST" \
	--user "$LAB_SSH_USER" --identity "$LAB_SSH_KEY" --known-hosts "$LAB_KNOWN_HOSTS" \
	--var "state_dir=$LAB_DIR/nothing-saved" --rollback >"$TMP/rb2" 2>&1
rc=$?
[ $rc = 1 ] || { cat "$TMP/rb2"; fail "rollback without a saved ruleset: exit $rc, want 1"; }
ruleset | grep -q 'ct helper set "sip-udp"' || fail "the ruleset was touched by a failed rollback"
pass "rollback without a saved ruleset: exit 1, ruleset untouched"

# 5. only an ftp helper: the ALG is off, nothing is changed
stop_pid "$REFL_PID"
lab_down
lab_up --no-helper
"$LAB" exec rtr nft delete ct helper ip lab sip-udp || fail "delete sip-udp"
"$LAB" exec rtr nft delete ct helper ip lab sip-tcp || fail "delete sip-tcp"
printf '%s\n' 'add ct helper ip lab ftp-std { type "ftp" protocol tcp; l3proto ip; }' \
	'add chain ip lab ftp_helper { type filter hook prerouting priority filter; policy accept; }' \
	'add rule ip lab ftp_helper tcp dport 21 ct helper set "ftp-std"' |
	"$LAB" exec rtr nft -f - || fail "could not add the ftp helper"
ruleset >"$TMP/rs-ftp1"
nft_apply
cat "$TMP/apply.err"
[ $rc = 0 ] || fail "ftp only: exit $rc: $(cat "$TMP/apply.json")"
[ "$(field outcome)" = already-disabled ] || fail "ftp only: outcome $(field outcome), want already-disabled"
ruleset >"$TMP/rs-ftp2"
cmp -s "$TMP/rs-ftp1" "$TMP/rs-ftp2" || fail "ftp only: the ruleset changed"
pass "ftp helper only: reported as ALG off, nothing changed"
exit 0
