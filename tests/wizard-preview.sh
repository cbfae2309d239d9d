#!/bin/sh
# The preview shows every line that will be sent, in order, from the login
# on (enable, pager off, terminal width, the version command), as "algoff
# apply --dry-run" lists them; conditions read as sentences, not <names>.
# The vendor filter finds a family by a model name from the vendor files,
# says "no match", clears with Ctrl-U and starts empty on each visit.
# At 80x24 (with 60x10 and back) and 120x40.
set -u
. "$top_srcdir/tests/wizard-lib.sh"
trap wiz_cleanup EXIT
trap 'exit 130' INT TERM

# preview_of ID - the commands of the preview in order (numbers dropped)
order_ok() { # FILE-OF-EXPECTED-LINES
	all=""
	i=0
	while [ $i -lt 12 ]; do       # page through, bounded
		all="$all
$(wiz_screen)"
		wiz_screen | grep -q "more below" || break
		wiz_keys NPage; sleep 0.3; i=$((i + 1))
	done
	printf '%s\n' "$all" > "$WIZ_T/preview.txt"
	prev=0
	while IFS= read -r l; do
		n=$(grep -nF -- "$l" "$WIZ_T/preview.txt" | head -1 | cut -d: -f1)
		[ -n "$n" ] || { cat "$WIZ_T/preview.txt"; wiz_fail "preview lacks '$l'"; }
		[ "$n" -ge "$prev" ] || wiz_fail "'$l' is out of order"
		prev=$n
	done < "$1"
}

for size in "80 24" "120 40"; do
	set -- $size
	W=$1 H=$2
	wiz_start "wizard --dry-run" "$W" "$H"
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"
	wiz_type "RT-AX88U"; wiz_wait "filter: RT-AX88U"; wiz_wait "ASUS"
	wiz_screen | grep -q "Fortinet" && wiz_fail "RT-AX88U matched Fortinet"
	wiz_keys C-u; wiz_wait "Fortinet"
	wiz_type "zzqq"; wiz_wait "no match"
	wiz_keys C-u; wiz_gone "no match"
	# ISR4321: the model in Cisco's example configuration (cisco-ios.xml);
	# ISR 4331 is named by no source, so it finds nothing
	wiz_type "ISR4321"; wiz_wait "filter: ISR4321"; wiz_wait "Cisco IOS"
	wiz_keys C-u; wiz_type "ISR 4331"; wiz_wait "filter: ISR 4331"; wiz_wait "no match"
	wiz_keys C-u; wiz_gone "no match"
	wiz_type "Vigor 2865"; wiz_wait "filter: Vigor 2865"; wiz_wait "DrayTek"
	pass "$W x $H: filter by model, no match, Ctrl-U"
	wiz_keys C-u; wiz_type "cisco ios"; wiz_wait "filter: cisco ios"; wiz_wait "Cisco IOS"
	[ "$W" = 80 ] && { wiz_resize 60 10; wiz_wait "Terminal too small"; wiz_resize 80 24; wiz_wait "filter: cisco ios"; }
	wiz_keys Enter; wiz_wait "How does algoff reach your Cisco"
	wiz_keys Escape; wiz_wait "Type to filter"
	wiz_line 3 | grep -q "cisco" && wiz_fail "the filter was kept on a new visit"
	wiz_keys Enter; wiz_wait "How does algoff reach your Cisco"
	wiz_type "203.0.113.30"; wiz_keys Tab Tab; wiz_type "admin"
	wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
	wiz_keys Enter; wiz_wait "Preview (dry run)"
	printf '%s\n' "enable" "terminal length 0" "terminal width 511" \
	    "show running-config" > "$WIZ_T/want.txt"
	"$ALGOFF" apply --vendor cisco-ios --dry-run > "$WIZ_T/dry.txt" ||
	    wiz_fail "apply --dry-run failed"
	grep -q "> enable" "$WIZ_T/dry.txt" || wiz_fail "the CLI dry run lacks the enable step"
	order_ok "$WIZ_T/want.txt"
	grep -q "<[a-z_]*>:" "$WIZ_T/preview.txt" && wiz_fail "a condition as a placeholder"
	grep -q "sent only if the precheck" "$WIZ_T/preview.txt" ||
	    wiz_fail "no condition sentence"
	pass "$W x $H: cisco-ios preview: login lines, then the steps; sentences"
	wiz_quit_ok

	wiz_start "wizard --dry-run" "$W" "$H"
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"; wiz_type "fortigate"; wiz_wait "filter: fortigate"; wiz_keys Enter
	wiz_wait "How does algoff reach"; wiz_type "203.0.113.31"; wiz_keys Tab Tab; wiz_type "admin"
	wiz_keys Enter; wiz_wait "Dry run: algoff did not connect"
	wiz_keys Enter; wiz_wait "Preview (dry run)"
	printf '%s\n' "get system status" "show full-configuration system settings" \
	    "show system session-helper" "Backup first" \
	    "set sip-expectation disable" "sent only if the precheck finds" \
	    "delete <sip_helper_id>" > "$WIZ_T/want.txt"
	order_ok "$WIZ_T/want.txt"
	pass "$W x $H: fortigate preview: version command, precheck, condition sentence"
	wiz_quit_ok
done
exit 0
