#!/bin/sh
# The connection form's fields behave like fields: the cursor sits after
# the text, the default port 22 is replaced by what is typed, the port
# takes at most 5 digits, a full field's last character can be deleted,
# Backspace never leaves its field, passwords show one mark per character,
# a key file has a (masked) passphrase field, and inline errors wrap
# instead of being cut. At 80x24 (with 60x10 and back) and at 120x40.
set -u
. "$top_srcdir/tests/wizard-lib.sh"
trap wiz_cleanup EXIT
trap 'exit 130' INT TERM
WIZ_TERM=xterm
COL=20       # where the form's fields start (src/ui/wiz_form.c FIELD_COL)

# field LABEL - the text after the label on its line
field() { wiz_screen | grep "^  $1 " | cut -c$((COL + 1))- | sed 's/ *$//; s/  .*//'; }
expect() { # LABEL VALUE WHAT
	_i=0
	while [ $_i -lt 30 ] && [ "$(field "$1")" != "$2" ]; do sleep 0.1; _i=$((_i + 1)); done
	[ "$(field "$1")" = "$2" ] || wiz_fail "$3: $1 is '$(field "$1")', not '$2'"
}
cursor_is() { # X Y WHAT
	_i=0
	while [ $_i -lt 20 ] && [ "$(wiz_cursor)" != "$1 $2" ]; do sleep 0.1; _i=$((_i + 1)); done
	[ "$(wiz_cursor)" = "$1 $2" ] || wiz_fail "$3: cursor at $(wiz_cursor), not $1 $2"
}

for size in "80 24" "120 40"; do
	set -- $size
	W=$1 H=$2
	wiz_start "wizard --dry-run" "$W" "$H"
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"; wiz_type "fort"; wiz_wait "filter: fort"; wiz_keys Enter
	wiz_wait "How does algoff reach"
	wiz_screen | grep -q "Ctrl-U" || wiz_fail "the key bar does not say how to clear a field"

	# rows: host 4, port 6, user 8, auth 10, password 12 (2 apart)
	wiz_type "bad host"; cursor_is $((COL + 8)) 4 "after typing"
	wiz_keys Tab; wiz_wait "! no blanks or"
	if [ "$W" = 80 ]; then
		wiz_resize 64 24; wiz_wait "! no blanks or"
		wiz_wait "control chars"
		pass "64 x 24: an inline error wraps under itself"
		wiz_resize 80 24
	fi
	wiz_keys BTab; cursor_is $((COL + 8)) 4 "back in the host field"
	wiz_keys C-u; wiz_type "203.0.113.9"; cursor_is $((COL + 11)) 4 "host typed"
	wiz_keys Left Left BSpace; expect Host "203.0.11.9" "Backspace inside the text"
	wiz_keys End; cursor_is $((COL + 10)) 4 "End"
	wiz_keys BSpace; wiz_type 9; expect Host "203.0.11.9" "Backspace at the end"
	wiz_keys C-u; wiz_type "203.0.113.9"
	pass "$W x $H: cursor after the text, editing inside the field"

	wiz_keys Tab; cursor_is $((COL + 2)) 6 "port: cursor after 22"
	wiz_type "2222"; expect Port "2222" "the default port is replaced"
	wiz_keys C-u; wiz_type "123456"; expect Port "12345" "at most 5 digits"
	wiz_keys BSpace; expect Port "1234" "the last character of a full field"
	wiz_type "x-"; expect Port "1234" "letters in the port"
	wiz_keys C-u; wiz_type "22"; expect Port "22" "port typed"
	pass "$W x $H: port: default replaced, 5 digits, full field editable"

	wiz_keys Tab; cursor_is $COL 8 "user: empty field"
	wiz_keys BSpace BSpace; cursor_is $COL 8 "Backspace in an empty field"
	expect Port "22" "Backspace in the user field"
	wiz_type "admin"; wiz_keys Home BSpace; expect User "admin" "Backspace at the start"
	cursor_is $COL 8 "Backspace at the start moved the cursor"
	pass "$W x $H: Backspace never leaves its field"

	wiz_keys Tab Tab; wiz_type "S3cret-Wiz"
	expect Password "**********" "one mark per character"
	wiz_keys BSpace; expect Password "*********" "Backspace in a password"
	wiz_type "z"; wiz_keys Tab; wiz_wait "(entered, hidden)"
	wiz_screen | grep -q "S3cret" && wiz_fail "password echoed"
	pass "$W x $H: password marks"

	wiz_keys BTab BTab; cursor_is $COL 10 "on the authentication"
	wiz_keys Left; wiz_wait "< key file >"
	wiz_screen | grep -q "^  Passphrase" || wiz_fail "key file without a passphrase field"
	wiz_keys Tab Tab; wiz_type "pp12"; expect Passphrase "****" "passphrase marks"
	wiz_screen | grep -q "pp12" && wiz_fail "passphrase echoed"
	if [ "$W" = 80 ]; then
		wiz_resize 60 10; wiz_wait "Terminal too small"
		wiz_resize 80 24; wiz_wait "How does algoff reach"
		expect Passphrase "****" "passphrase after the resize"
		expect Host "203.0.113.9" "host after the resize"
		expect Port "22" "port after the resize"
	fi
	wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
	wiz_keys Escape; wiz_wait "How does algoff reach"
	expect Passphrase "****" "passphrase after Esc back"
	expect User "admin" "user after Esc back"
	pass "$W x $H: key file with a masked passphrase, kept"
	wiz_quit_ok F10
done
exit 0
