#!/bin/sh
# The wizard at real terminals (TERM=xterm, keys sent as raw bytes the way
# PuTTY and xterm send them): too small a window waits with "Terminal too
# small" and the same screen comes back with everything entered; PuTTY's
# F1, Home and End work, unknown escape sequences are ignored whole (no step
# back, nothing typed); help overlays hide the screen (and its cursor);
# one quit key per key bar; scroll marks; dry-run help claims no reading.
# At 80x24 (with a trip to 60x10 and back) and at 120x40.
set -u
. "$top_srcdir/tests/wizard-lib.sh"
trap wiz_cleanup EXIT
trap 'exit 130' INT TERM
WIZ_TERM=xterm

# PuTTY's defaults ("ESC [ n ~" function keys) and xterm's SS3 keys
P_F1="1b 5b 31 31 7e"; P_HOME="1b 5b 31 7e"; P_END="1b 5b 34 7e"
X_F1="1b 4f 50"; P_F10="1b 5b 32 31 7e"
UNKNOWN="1b 5b 39 39 7e"          # ESC [ 99 ~: no key at all
UNKNOWN2="1b 5b 31 3b 35 5a"      # ESC [ 1 ; 5 Z: not in the terminfo

# small W H - shrink to 60x10: the wizard waits; grow back to W x H
small() {
	wiz_resize 60 10
	wiz_wait "Terminal too small: need"
	wiz_screen | grep -q "Terminal too small: need [0-9]*x[0-9]*, have 60x10" ||
	    wiz_fail "the message does not give both sizes"
	sleep 0.3
	[ "$(wiz_exit_code 0)" = timeout ] || wiz_fail "the wizard ended at 60x10"
	wiz_resize "$1" "$2"
	wiz_gone "Terminal too small"
}

# quit_count ROW - how many entries of the key bar quit
quit_count() { wiz_line "$1" | grep -o "Quit" | wc -l; }

for size in "80 24" "120 40"; do
	set -- $size
	W=$1 H=$2
	wiz_start "wizard --dry-run" "$W" "$H"
	wiz_wait "Press Enter to start"
	[ "$(quit_count "$H")" -eq 1 ] || wiz_fail "welcome: not one quit key: $(wiz_line "$H")"
	[ "$W" = 80 ] && { small "$W" "$H"; wiz_wait "Press Enter to start"; }
	wiz_keys Enter; wiz_wait "Type to filter"
	[ "$(quit_count "$H")" -eq 1 ] || wiz_fail "vendor: not one quit key"

	# PuTTY End and Home move in the list; they are not Esc
	wiz_raw $P_END; wiz_wait "I am not sure"
	wiz_screen | grep -q "Type to filter" || wiz_fail "PuTTY End left the list"
	wiz_raw $P_HOME; wiz_wait "ADTRAN"
	wiz_raw $UNKNOWN; wiz_raw $UNKNOWN2; sleep 0.3
	wiz_screen | grep -q "Type to filter" || wiz_fail "an unknown sequence acted as Esc"
	wiz_line 3 | grep -q "[~Z\[]" && wiz_fail "an unknown sequence was typed: $(wiz_line 3)"
	pass "$W x $H: PuTTY Home/End in the list, unknown sequences ignored"

	wiz_raw $P_F1; wiz_wait "Help: Vendor"; wiz_keys x; wiz_gone "Help: Vendor"
	wiz_raw $X_F1; wiz_wait "Help: Vendor"; wiz_keys x; wiz_gone "Help: Vendor"
	wiz_screen | grep -q "Type to filter" || wiz_fail "F1 left the list"
	pass "$W x $H: PuTTY and xterm F1 show help"

	wiz_type "fort"; wiz_wait "filter: fort"
	[ "$W" = 80 ] && { small "$W" "$H"; wiz_wait "filter: fort"; }
	wiz_wait "Fortinet"
	wiz_keys Enter; wiz_wait "How does algoff reach your Fortinet FortiGate?"
	[ "$(quit_count "$H")" -eq 1 ] || wiz_fail "connection: not one quit key"
	wiz_type "203.0.113.7"; wiz_wait "203.0.113.7"; wiz_keys Tab Tab; wiz_type "admin"
	wiz_wait "admin"; wiz_raw $UNKNOWN; wiz_raw $UNKNOWN2; sleep 0.3
	wiz_screen | grep -q "How does algoff reach" || wiz_fail "unknown sequence: left the form"
	wiz_screen | grep -q "admin *$\|admin  " || wiz_fail "user field changed: $(wiz_screen | grep User)"
	wiz_screen | grep -q "admin\[\|admin.*~" && wiz_fail "an unknown sequence was typed into the field"
	wiz_raw $P_HOME; wiz_type "x"; wiz_wait "xadmin"; wiz_raw $P_END; wiz_type "y"
	wiz_wait "xadminy"
	wiz_raw $P_F1; wiz_wait "Help: Connection"
	[ "$(wiz_tmux display -p '#{cursor_flag}')" = 0 ] ||
	    wiz_fail "the field cursor shows through the help overlay"
	wiz_keys x; wiz_gone "Help: Connection"
	wiz_screen | grep -q "203.0.113.7" || wiz_fail "host lost after help"
	[ "$W" = 80 ] && { small "$W" "$H"; wiz_wait "How does algoff reach"; }
	wiz_screen | grep -q "203.0.113.7" || wiz_fail "host lost after the resize"
	wiz_screen | grep -q "xadminy" || wiz_fail "user lost after the resize"
	pass "$W x $H: the form keeps its values, PuTTY keys in fields, help hides the cursor"

	wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
	[ "$(quit_count "$H")" -eq 1 ] || wiz_fail "precheck: not one quit key"
	wiz_raw $P_F1; wiz_wait "Help: Precheck"
	wiz_screen | grep -qi "algoff read the" && wiz_fail "dry-run help claims a read"
	wiz_keys x; wiz_gone "Help: Precheck"
	wiz_keys Enter; wiz_wait "Preview (dry run)"
	if [ "$H" -le 24 ]; then
		wiz_wait "more below"
		wiz_screen | grep "more below" | grep -q "PgDn" || wiz_fail "more below: no key name"
		wiz_screen | grep -q "more above" && wiz_fail "more above at the top"
		wiz_raw $P_END; wiz_wait "more above"
		wiz_screen | grep "more above" | grep -q "PgUp" || wiz_fail "more above: no key name"
		wiz_screen | grep -q "more below" && wiz_fail "more below at the end"
		wiz_raw $P_HOME; wiz_gone "more above"
		pass "$W x $H: scroll marks with key names"
	fi
	wiz_raw $UNKNOWN; sleep 0.2
	wiz_line 1 | grep -q "Preview" || wiz_fail "unknown sequence left the preview"
	wiz_raw $P_F10; wiz_wait "Quit algoff?"; wiz_keys y
	rc=$(wiz_exit_code 5)
	[ "$rc" = 0 ] || wiz_fail "exit code $rc after choosing to quit"
	pass "$W x $H: F10 (PuTTY) quits with 0 when chosen"
done

# starting in too small a window: the wizard waits, it does not end
wiz_start "wizard --dry-run" 60 10
wiz_wait "Terminal too small: need"
sleep 0.5
[ "$(wiz_exit_code 0)" = timeout ] || wiz_fail "the wizard ended at 60x10 (exit $(wiz_exit_code 0))"
wiz_resize 80 24; wiz_wait "Press Enter to start"
wiz_keys C-c
rc=$(wiz_exit_code 5)
[ "$rc" != 0 ] || wiz_fail "Ctrl-C reported success"
pass "started at 60x10: waits for a bigger window; Ctrl-C is not success"
exit 0
