#!/bin/sh
# SPDX-License-Identifier: MIT
# "algoff demo" end to end: exit 0, the before/after in its output (ALG
# present before with the rewritten fields, absent after), and the lab gone
# afterwards (namespaces, folder, sshd). Interrupted with SIGINT half way: exit
# 130 and the lab gone too. Without root (as nobody, when runuser exists): it
# says why and prints the FortiGate dry run, exit 0.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"

nobody_fallback() {
	command -v runuser >/dev/null 2>&1 || { echo "note: no runuser; fallback not checked"; return 0; }
	runuser -u nobody -- "$ALGOFF" demo >"$TMP/nobody" 2>&1
	rc=$?
	if grep -q 'cannot find my own executable\|Permission denied' "$TMP/nobody"; then
		echo "note: nobody cannot run $ALGOFF here; fallback not checked"; return 0
	fi
	[ $rc = 0 ] || { cat "$TMP/nobody"; fail "demo as nobody: exit $rc, want 0"; }
	grep -q 'the live lab cannot run here: it needs root' "$TMP/nobody" || fail "demo as nobody: no reason given"
	grep -q '^Plan for Fortinet FortiGate' "$TMP/nobody" || fail "demo as nobody: no dry run"
	pass "without root: says why, shows the FortiGate dry run"
}

# lab_gone OUTPUT - the namespaces and folder the demo printed are gone
lab_gone() {
	dir=$(sed -n 's/.*lab folder \(\/[^ ]*\)$/\1/p' "$1" | head -n 1)
	nss=$(sed -n 's/^  namespaces \([^,]*\), lab folder.*/\1/p' "$1" | head -n 1)
	[ -n "$dir" ] && [ -n "$nss" ] || { cat "$1"; fail "demo did not name its lab"; }
	[ -e "$dir" ] && fail "lab folder $dir left behind"
	for ns in $nss; do
		ip netns list | grep -qw "$ns" && fail "namespace $ns left behind"
	done
	pgrep -f "sshd -f $dir/sshd_config" >/dev/null 2>&1 && fail "sshd of $dir left running"
	return 0
}

[ "$(id -u)" = 0 ] || { nobody_fallback; skip "needs root for the namespace lab (the fallback was checked)"; }
need_root_lab
for t in sshd ssh-keygen conntrack; do
	command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] ||
		skip "$t not installed (lab/deps)"
done

timeout 300 "$ALGOFF" demo >"$TMP/demo" 2>&1
rc=$?
cat "$TMP/demo"
[ $rc = 0 ] || fail "algoff demo: exit $rc, want 0"
grep -q '^  before:  ALG: present .*Via, Contact.*SDP c=' "$TMP/demo" || fail "no before line with the rewritten fields"
grep -q '^  after:   ALG: absent ' "$TMP/demo" || fail "no after line"
grep -q '^Result: the SIP ALG was on, algoff turned it off' "$TMP/demo" || fail "no result line"
lab_gone "$TMP/demo"
pass "algoff demo: before present, after absent, lab torn down"

# Interrupted: SIGINT once the apply has started (bounded wait for it).
"$ALGOFF" demo >"$TMP/int" 2>&1 &
pid=$!
PIDS="$PIDS $pid"
i=0
while ! grep -q '^\[4/5\]' "$TMP/int" && [ $i -lt 300 ]; do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1; i=$((i + 1))
done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
PIDS=$(echo "$PIDS" | sed "s/ $pid\b//")
if grep -q '^Result: the SIP ALG was on' "$TMP/int"; then
	echo "note: the demo finished before SIGINT arrived"
	[ $rc = 0 ] || fail "demo: exit $rc"
else
	[ $rc = 130 ] || { cat "$TMP/int"; fail "interrupted demo: exit $rc, want 130"; }
	grep -q 'interrupted; tearing the lab down' "$TMP/int" || fail "no interruption message"
fi
lab_gone "$TMP/int"
pass "interrupted demo: exit $rc, lab torn down"

nobody_fallback
exit 0
