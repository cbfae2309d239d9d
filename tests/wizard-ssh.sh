#!/bin/sh
# The whole wizard over SSH against the FortiGate emulator behind a real
# sshd: unknown host key (fingerprint, accepted), precheck "on", preview with
# the device's values (the helper id read from the device), progress with
# the transcript, verification, summary with the backup path, answers saved;
# the emulator ends with the SIP ALG off. Then a changed host key is refused.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wizard-lib.sh"
on_cleanup 'wiz_cleanup'
device_add fw fortigate sip_helper_id=21
sshd_start
port=$(device_port fw)
kh="$T/wiz_known_hosts"

conn_form() { wiz_ssh_form "$port" "$1"; }

# WIZ_CAPTURE=DIR keeps text captures of the screens (for the README)
cap() { [ -n "${WIZ_CAPTURE:-}" ] && wiz_screen > "$WIZ_CAPTURE/$1.txt"; :; }

wiz_start "wizard"
wiz_fortigate_form
conn_form "$kh"
wiz_wait "does not know the host key" 30
cap hostkey
wiz_wait "does not know the host key" 30
wiz_screen | grep -q "SHA256:" || wiz_fail "no SHA256 fingerprint on the host key screen"
wiz_line 1 | grep -q "Host key" || wiz_fail "host key title"
wiz_keys y
wiz_wait "The SIP ALG is ON on this device" 30
cap precheck
grep -q "127.0.0.1\]:$port" "$kh" || wiz_fail "accepted key not in $kh"
pass "unknown host key shown with its fingerprint, accepted; precheck says on"

wiz_keys Enter
wiz_wait "set sip-expectation disable" 30
wiz_line 1 | grep -q "Preview" || wiz_fail "preview title"
wiz_screen | grep -q "delete 21" || wiz_fail "preview does not show the device's helper id 21"
wiz_screen | grep -q "<sip_helper_id>" && wiz_fail "preview shows a placeholder on a real run"
[ "$(emu_get fw settings.default-voip-alg-mode)" = proxy-based ] || fail "changed before the confirmation"
cap preview
wiz_keys y
wiz_wait "Finished:" 60
cap progress
wiz_line 1 | grep -q "Progress" || wiz_fail "progress title"
wiz_screen | grep -q "\[ ok \] disable" || wiz_fail "disable step not ok"
wiz_screen | grep -qF -- "$ALGOFF_TEST_PW" && wiz_fail "password on screen"
pass "preview with device values, confirmed, progress"

wiz_keys Enter; wiz_wait "The SIP ALG is OFF"
wiz_keys Escape; wiz_wait "Finished:"                    # verify -> progress
wiz_keys Escape; wiz_wait "cannot be undone from here"   # the run is done
wiz_keys Enter; wiz_wait "The SIP ALG is OFF"
wiz_keys Enter; wiz_wait "Done: the SIP ALG was on and is now off"
wiz_keys Escape; wiz_wait "The SIP ALG is OFF"           # summary -> verify
wiz_keys Enter; wiz_wait "Done: the SIP ALG was on and is now off"
cap summary
wiz_screen | grep -q "/algoff/backups/" || wiz_fail "no backup path in the summary"
ans="$T/wiz-answers.xml"
wiz_keys s; wiz_wait "File name"; wiz_keys C-u; wiz_type "$ans"; wiz_keys Enter
wiz_wait "Answers saved to"
wiz_keys Enter
rc=$(wiz_exit_code 10)
[ "$rc" = 0 ] || wiz_fail "wizard exit code $rc"
[ "$(emu_get fw settings.sip-expectation)" = disable ] || fail "emulator: sip-expectation not disabled"
[ "$(emu_get fw settings.sip-nat-trace)" = disable ] || fail "emulator: sip-nat-trace not disabled"
[ "$(emu_get fw settings.default-voip-alg-mode)" = kernel-helper-based ] || fail "emulator: alg mode"
[ -z "$(emu_helper_id fw)" ] || fail "emulator: session-helper sip still there"
grep -qF -- "$ALGOFF_TEST_PW" "$ans" && fail "password in the answer file"
pass "emulator state: SIP ALG off; answers saved without the password"

if "$ALGOFF" batch --help >/dev/null 2>&1; then
	ALGOFF_PASSWORD="$ALGOFF_TEST_PW" "$ALGOFF" batch "$ans" --dry-run >"$T/batch.out" 2>&1 ||
	    { cat "$ans" "$T/batch.out"; fail "algoff batch --dry-run refused the saved answers"; }
	pass "algoff batch --dry-run accepts the saved answers"
fi

# already off: the precheck says so, no configuration command is sent
emu_log fw | grep -vE "^(show|get) " > "$T/log.before"
wiz_start "wizard"
wiz_fortigate_form
conn_form "$kh"
wiz_wait "already OFF" 30
wiz_keys Enter; wiz_wait "The SIP ALG is OFF"
wiz_keys Enter; wiz_wait "No configuration command was sent"
wiz_keys q; wiz_wait "Quit algoff?"; wiz_keys y
rc=$(wiz_exit_code 10)
[ "$rc" = 0 ] || wiz_fail "exit code $rc when already off"
emu_log fw | grep -vE "^(show|get) " > "$T/log.after"
cmp -s "$T/log.before" "$T/log.after" || { diff "$T/log.before" "$T/log.after"; fail "commands were applied to a device that was already off"; }
pass "already off: verification only, nothing applied"

# a changed host key: refused, nothing sent
emu_ctl fw init fortigate sip_helper_id=21 >/dev/null
sed "s|^\(\[127.0.0.1\]:$port\) .*|\1 $(cut -d' ' -f1,2 "$T/id_ed25519.pub")|" "$kh" > "$kh.bad"
wiz_start "wizard"
wiz_fortigate_form
conn_form "$kh.bad"
wiz_wait "has CHANGED" 30
wiz_screen | grep -q "refuses to connect" || wiz_fail "changed key not refused"
wiz_keys y; sleep 0.5
wiz_screen | grep -q "has CHANGED" || wiz_fail "y must not accept a changed key"
wiz_keys Escape; wiz_wait "How does algoff reach"
[ "$(emu_get fw settings.default-voip-alg-mode)" = proxy-based ] || fail "something was changed"
pass "changed host key refused, Esc back to the connection form"
wiz_keys F10; wiz_wait "Quit algoff?"; wiz_keys y
rc=$(wiz_exit_code 10)
[ "$rc" = 3 ] || wiz_fail "exit code $rc after a refused host key (want 3)"
exit 0
