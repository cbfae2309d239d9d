#!/bin/sh
# Saving answers from the summary: a long file name wraps (not cut); an
# existing file is never overwritten without asking (Esc cancels, o
# overwrites, a adds the device to it); the summary names only the file
# saved for this device in this run; every file is accepted by
# "algoff batch --dry-run". At 80x24 (with 60x10 and back) and 120x40.
set -u
. "$top_srcdir/tests/wizard-lib.sh"
trap wiz_cleanup EXIT
trap 'exit 130' INT TERM
dir="$WIZ_T/a-rather-long-folder-name-for-the-answer-files-of-the-wizard"
mkdir -p "$dir"
ans="$dir/answers-of-the-wizard-test.xml"

batch_ok() { # FILE
	out=$(ALGOFF_PASSWORD=x "$ALGOFF" batch "$1" --dry-run 2>&1) || {
		cat "$1"; echo "$out"; wiz_fail "algoff batch --dry-run refused $1"; }
}
devices() { grep -c "<device " "$ans"; }
to_summary() {
	wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
	wiz_keys Enter; wiz_wait "Preview (dry run)"
	wiz_keys Enter; wiz_wait "Dry run: nothing was sent"
}
save_as() { # KEYS-AFTER-ENTER...
	wiz_keys s; wiz_wait "File name"; wiz_keys C-u; wiz_type "$ans"; wiz_keys Enter
}

for size in "80 24" "120 40"; do
	set -- $size
	W=$1 H=$2
	rm -f "$ans"
	wiz_start "wizard --dry-run" "$W" "$H"
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"; wiz_type "fortigate"; wiz_wait "filter: fortigate"
	wiz_keys Enter; wiz_wait "How does algoff reach"
	wiz_type "203.0.113.21"; wiz_keys Tab Tab; wiz_type "admin"
	wiz_keys BTab BTab       # back on the host: Esc returns here
	to_summary
	save_as; wiz_wait "Answers saved to"
	[ "$(devices)" = 1 ] || wiz_fail "not one device in the new file"
	wiz_wrapped "Answers saved to $ans" || wiz_fail "the file name is cut"
	wiz_wrapped "algoff batch $ans --dry-run" || wiz_fail "the command is cut"
	batch_ok "$ans"
	pass "$W x $H: a new answer file, its long name wrapped"
	if [ "$W" = 80 ]; then
		wiz_resize 60 10; wiz_wait "Terminal too small"
		wiz_resize 80 24; wiz_wait "Answers saved to"
	fi

	cp "$ans" "$WIZ_T/before.xml"
	save_as; wiz_wait "already exists"
	wiz_keys Escape; wiz_gone "already exists"
	cmp -s "$ans" "$WIZ_T/before.xml" || wiz_fail "Esc changed the existing file"
	pass "$W x $H: an existing file: asked, Esc leaves it alone"

	# another device: the summary must not claim the first file for it
	wiz_keys Escape; wiz_wait "Preview (dry run)"
	wiz_keys Escape; wiz_wait "Dry run: algoff did not connect"
	wiz_keys Escape; wiz_wait "How does algoff reach"
	wiz_keys C-u; wiz_type "203.0.113.22"
	to_summary
	wiz_screen | grep -q "Answers saved to" && wiz_fail "the summary names the previous device's file"
	wiz_screen | grep -q "s: save these answers" || wiz_fail "no save hint for the new device"
	save_as; wiz_wait "already exists"; wiz_keys a
	wiz_wait "Device added to"; wiz_wait "Answers saved to"
	[ "$(devices)" = 2 ] || wiz_fail "append: $(devices) devices"
	grep -q 'host="203.0.113.21"' "$ans" && grep -q 'host="203.0.113.22"' "$ans" ||
	    wiz_fail "append lost a device"
	batch_ok "$ans"
	pass "$W x $H: the device added to the existing file"

	save_as; wiz_wait "already exists"; wiz_keys o
	wiz_gone "already exists"; sleep 0.5
	[ "$(devices)" = 1 ] || wiz_fail "overwrite: $(devices) devices"
	grep -q 'host="203.0.113.22"' "$ans" || wiz_fail "overwrite: not the new device"
	batch_ok "$ans"
	pass "$W x $H: overwritten after o"
	wiz_quit_ok
done
exit 0
