#!/bin/sh
# The wizard's dry-run flow for fortigate in a real terminal (tmux): every
# screen up to the preview with the commands on screen, Esc back from each
# screen, an inline error for a bad port, a resize to 100x30 and back, help,
# and the saved answer file (accepted by "algoff batch --dry-run").
set -u
. "$top_srcdir/tests/wizard-lib.sh"
trap wiz_cleanup EXIT
trap 'exit 130' INT TERM

wiz_start "wizard --dry-run"
wiz_wait "Press Enter to start"
wiz_line 1 | grep -q "Welcome (dry run)" || wiz_fail "welcome title"
wiz_keys Escape; wiz_wait "Quit algoff?"; wiz_keys n; wiz_gone "Quit algoff?"
wiz_keys Enter; wiz_wait "Type to filter"
wiz_keys Escape; wiz_wait "Press Enter to start"        # Esc: vendor -> welcome
wiz_keys Enter; wiz_wait "Type to filter"
wiz_screen | grep -q "Fortinet FortiGate .*ssh" || wiz_fail "vendor list shows ssh"
wiz_screen | grep -q "  .* guided *$" || wiz_fail "vendor list shows guided"
wiz_keys End; wiz_wait "I am not sure"                  # last entry, scrolled
wiz_keys Home; wiz_gone "I am not sure"
wiz_type "fort"; wiz_wait "filter: fort"; wiz_gone "Cisco IOS"
wiz_keys Enter; wiz_wait "How does algoff reach your Fortinet FortiGate?"
wiz_keys Escape; wiz_wait "Type to filter"               # Esc: connection -> vendor
wiz_screen | grep -q "Cisco IOS" || wiz_fail "the filter was not cleared on the way back"
wiz_screen | grep -q "> .*Fortinet FortiGate" || wiz_fail "FortiGate not highlighted after Esc"
wiz_keys Enter; wiz_wait "How does algoff reach your Fortinet FortiGate?"
pass "welcome, vendor filter, connection, Esc back"

# inline validation: the error stands on the line of the field
wiz_type "203.0.113.10"; wiz_keys Tab C-u; wiz_type "99999"; wiz_keys Tab
wiz_wait "must be 1-65535"
wiz_screen | grep -q "Port .*99999 .*must be 1-65535" || wiz_fail "port error not next to the field"
wiz_keys Enter; wiz_wait "Port: must be 1-65535"        # Enter refuses, says why
wiz_keys C-u; wiz_type "22"; wiz_keys Tab; wiz_gone "must be 1-65535"
wiz_type "admin"; wiz_keys Tab Tab; wiz_type "S3cret-Wiz"; wiz_keys Tab
wiz_wait "(entered, hidden)"
wiz_screen | grep -q "S3cret-Wiz" && wiz_fail "password echoed"
pass "inline port error, password masked"

wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
wiz_screen | grep -q "show full-configuration system settings" || wiz_fail "precheck commands"
wiz_keys Escape; wiz_wait "How does algoff reach"        # Esc: precheck -> connection
wiz_screen | grep -q "203.0.113.10" || wiz_fail "host kept after Esc"
wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
wiz_keys Enter; wiz_wait "set sip-expectation disable"
wiz_line 1 | grep -q "Preview (dry run)" || wiz_fail "preview title"
for l in "config system settings" "set default-voip-alg-mode kernel-helper-based" \
    "set sip-nat-trace disable" "show full-configuration"; do
	wiz_screen | grep -qF -- "$l" || wiz_fail "preview lacks '$l'"
done
pass "preview shows the commands"

# help for the screen, then closed by any key
wiz_keys F1; wiz_wait "Help: Preview"; wiz_keys x; wiz_gone "Help: Preview"
wiz_keys '?'; wiz_wait "Help: Preview"; wiz_keys Escape; wiz_gone "Help: Preview"

# resize: the title bar spans the full width, right-aligned step counter
wiz_tmux resize-window -x 100 -y 30
i=0; while [ $i -lt 50 ] && [ "$(wiz_line 1 | wc -L)" -ne 100 ]; do sleep 0.1; i=$((i+1)); done
[ "$(wiz_line 1 | wc -L)" -eq 100 ] || wiz_fail "title not 100 wide after resize: $(wiz_line 1 | wc -L)"
wiz_line 1 | grep -q "step 6 of 9$" || wiz_fail "step counter not at the right edge"
wiz_line 30 | grep -q "Enter Next" || wiz_fail "key bar not on the last line at 30 rows"
wiz_screen | grep -q "set sip-expectation disable" || wiz_fail "preview lost after resize"
wiz_tmux resize-window -x 80 -y 24
i=0; while [ $i -lt 50 ] && [ "$(wiz_line 1 | wc -L)" -ne 80 ]; do sleep 0.1; i=$((i+1)); done
[ "$(wiz_line 1 | wc -L)" -eq 80 ] || wiz_fail "title not 80 wide after resize back"
wiz_line 24 | grep -q "Enter Next" || wiz_fail "key bar not on line 24"
wiz_screen | grep -q "set sip-expectation disable" || wiz_fail "preview lost after resize back"
pass "resize to 100x30 and back"

wiz_keys Escape; wiz_wait "Dry run: algoff did not connect"   # preview -> precheck
wiz_keys Enter; wiz_wait "set sip-expectation disable"
wiz_keys Enter; wiz_wait "Dry run: nothing was sent"
wiz_keys Escape; wiz_wait "set sip-expectation disable"       # summary -> preview
wiz_keys Enter; wiz_wait "Dry run: nothing was sent"
pass "Esc back from precheck, preview and summary"

# save the answers as a batch file
ans="$WIZ_T/answers.xml"
wiz_keys s; wiz_wait "File name"; wiz_keys C-u; wiz_type "$ans"; wiz_keys Enter
wiz_wait "Answers saved to"
wiz_screen | grep -q "export ALGOFF_PASSWORD" || wiz_fail "summary does not say to export ALGOFF_PASSWORD"
[ -s "$ans" ] || wiz_fail "no answer file"
grep -q 'password-env="ALGOFF_PASSWORD"' "$ans" || wiz_fail "answer file lacks password-env"
grep -q 'vendor="fortigate"' "$ans" || wiz_fail "answer file lacks the vendor"
grep -q 'S3cret-Wiz' "$ans" && wiz_fail "the password is in the answer file"
wiz_keys q; wiz_wait "Quit algoff?"; wiz_keys y
rc=$(wiz_exit_code 5)
[ "$rc" = 0 ] || wiz_fail "exit code $rc after the dry run"
pass "answer file written, no secret in it, exit 0"

if "$ALGOFF" batch --help >/dev/null 2>&1; then
	out=$(ALGOFF_PASSWORD=x "$ALGOFF" batch "$ans" --dry-run 2>&1) || {
		cat "$ans"; echo "$out"; wiz_fail "algoff batch --dry-run refused the answer file"; }
	pass "algoff batch --dry-run accepts the answer file"
elif [ -f "$top_srcdir/schema/batch.xsd" ]; then
	xmllint --noout --schema "$top_srcdir/schema/batch.xsd" "$ans" ||
	    wiz_fail "answer file does not validate against schema/batch.xsd"
	pass "answer file validates against schema/batch.xsd (no 'algoff batch' in this build)"
else
	xmllint --noout "$ans" || wiz_fail "answer file is not well-formed XML"
	echo "NOTE: no 'algoff batch' and no schema/batch.xsd yet: checked well-formedness only"
fi
exit 0
