#!/bin/sh
# tests/precheck-unclassified.sh - a precheck answer that matches neither
# an "on" nor an "off" pattern of the vendor file stops the run before any
# change (exit 1, the answer shown, no configuration command sent): the
# FortiGate emulator over real sshd with the fault garble=REGEX (the
# matching show commands answer unreadable text). The HTTPS families have
# the same check in tests/vendors-https.sh.
. "$top_srcdir/tests/lib.sh"
device_add fg fortigate
sshd_start
emu_faults fg 'garble=^show '
"$ALGOFF" apply --vendor fortigate --host 127.0.0.1 --port "$(device_port fg)" \
	--user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$T/known_hosts" \
	--backup-dir "$T/bk" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "unclassifiable precheck: rc=$rc (want 1): $(cat "$T/out" "$T/err")"
grep -q 'neither on nor off' "$T/out" || fail "no 'neither on nor off' in: $(cat "$T/out")"
grep -q 'unreadable answer' "$T/out" || fail "the answer is not shown: $(cat "$T/out")"
emu_log fg | grep -Eq '^(config|set|unset|delete|end|edit)' &&
	fail "a configuration command was sent: $(emu_log fg)"
[ "$(emu_get fg settings.default-voip-alg-mode)" = proxy-based ] || fail "settings changed"
pass "fortigate: unclassifiable precheck stops with exit 1, nothing sent"
emu_faults fg
"$ALGOFF" apply --vendor fortigate --host 127.0.0.1 --port "$(device_port fg)" \
	--user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$T/known_hosts" \
	--backup-dir "$T/bk" >"$T/out" 2>"$T/err" ||
	fail "without the fault: rc=$?: $(cat "$T/out" "$T/err")"
pass "fortigate: the same device without the fault is turned off"
