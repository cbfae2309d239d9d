#!/bin/sh
# A web-only vendor (tp-link) in the wizard: numbered steps with the menu
# paths, Esc back to the list; "verify now" asks for a reflector and runs
# the probe (the result screen appears whatever the probe says); the
# "I am not sure" entry explains how to identify the device.
set -u
. "$top_srcdir/tests/wizard-lib.sh"
# a real reflector on loopback for "verify now" (no NAT in between:
# the probe must say it tested nothing)
rport=$((20000 + $$ % 20000))
"$ALGOFF" reflector --listen "127.0.0.1:$rport" >/dev/null 2>&1 &
rpid=$!
trap 'kill $rpid 2>/dev/null; wiz_cleanup' EXIT
trap 'exit 130' INT TERM

wiz_start "wizard"
wiz_wait "Press Enter to start"; wiz_keys Enter
wiz_wait "Type to filter"; wiz_type "tp-link"; wiz_gone "Fortinet"
wiz_screen | grep -q "TP-Link.*guided" || wiz_fail "tp-link not marked guided"
wiz_keys Enter
wiz_wait "Web interface steps"
for l in "  1. " "  2. Advanced > NAT Forwarding > ALG" "SIP ALG" "Enter Verify now"; do
	wiz_screen | grep -qF -- "$l" || wiz_fail "manual steps lack '$l'"
done
pass "tp-link: numbered steps with menu paths"
wiz_keys Escape; wiz_wait "Type to filter"; wiz_wait "TP-Link"; wiz_screen | grep -q "> .*TP-Link" || wiz_fail "TP-Link not highlighted"
wiz_keys Enter; wiz_wait "Web interface steps"
# verify now: reflector prompt; a bad address is refused with a reason
wiz_keys Enter; wiz_wait "Reflector address"
wiz_type "not a host"; wiz_keys Enter
wiz_wait "Reflector: no blanks or control chars"
wiz_keys Enter; wiz_wait "Reflector address"
wiz_type "127.0.0.1:$rport"; wiz_keys Enter
wiz_wait "SIP probe via 127.0.0.1:$rport" 150
# loopback crosses no NAT: the probe tested nothing and says so, never PASS
wiz_screen | grep -q "UNTESTED - no address translation seen" || wiz_fail "loopback probe not UNTESTED"
wiz_screen | grep -q "PASS" && wiz_fail "loopback probe shown as PASS"
wiz_screen | grep -q "ALG: untested" || wiz_fail "the probe's own report not shown"
wiz_screen | grep -qE '"?alg"?: ' && wiz_fail "raw JSON field names shown"
wiz_line 1 | grep -q "Verification" || wiz_fail "verification title"
wiz_keys Escape; wiz_wait "Web interface steps"
pass "verify now runs the probe in process: loopback is UNTESTED, not PASS"

# "I am not sure"
wiz_keys Escape; wiz_wait "Type to filter"; wiz_wait "TP-Link"; wiz_screen | grep -q "> .*TP-Link" || wiz_fail "TP-Link not highlighted"
for i in 1 2 3 4 5 6 7; do wiz_keys BSpace; done
wiz_type "sure"; wiz_wait "I am not sure"; wiz_keys Enter
wiz_wait "Which device do I have?"
wiz_screen | grep -q "label" || wiz_fail "no identification help"
wiz_keys Escape; wiz_wait "Type to filter"; wiz_gone "filter: sure"
pass "I am not sure: identification help, Esc back"
wiz_keys F10; wiz_wait "Quit algoff?"; wiz_keys y
rc=$(wiz_exit_code 5)
[ "$rc" = 0 ] || wiz_fail "wizard exit code $rc after quitting"

# signals: SIGTERM and Ctrl-C (SIGINT) end the wizard, restore the terminal
for sig in TERM INT; do
	wiz_start "wizard"
	wiz_wait "Press Enter to start"
	if [ $sig = INT ]; then
		wiz_keys C-c
	else
		# our pane's shell runs algoff as its child (never pgrep -f: other
		# tests run wizards in parallel)
		pid=$(pgrep -P "$(wiz_tmux list-panes -F '#{pane_pid}')" | head -1)
		[ -n "$pid" ] || wiz_fail "no wizard process"
		kill -TERM "$pid"
	fi
	rc=$(wiz_exit_code 5)
	[ "$rc" = 130 ] || wiz_fail "SIG$sig: exit code $rc, want 130"
	wiz_wait "stopped by signal"
	wiz_screen | grep -q "Press Enter to start" && wiz_fail "SIG$sig: screen not restored"
	pass "SIG$sig: exit 130, terminal restored"
done
exit 0
