#!/bin/sh
# Without a terminal (or with an unusable TERM) the wizard exits 2 and
# points to "algoff apply" and "algoff batch"; so does plain "algoff".
set -u
: "${ALGOFF:?}"
fail=0
check() { # what rc out
	if [ "$2" -ne 2 ]; then echo "FAIL: $1: exit $2, want 2"; fail=1; return; fi
	case $3 in *"algoff apply"*"algoff batch"*) echo "PASS: $1";;
	*) echo "FAIL: $1: message lacks apply/batch: $3"; fail=1;; esac
}
out=$("$ALGOFF" wizard </dev/null 2>&1); check "wizard, stdin not a terminal" $? "$out"
out=$("$ALGOFF" wizard --dry-run 2>&1 >/dev/null </dev/null); check "wizard --dry-run, stdout not a terminal" $? "$out"
out=$("$ALGOFF" </dev/null 2>&1); check "algoff without arguments, no terminal" $? "$out"
"$ALGOFF" wizard --bogus </dev/null >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && echo "PASS: unknown option exits 2" || { echo "FAIL: unknown option exit $rc"; fail=1; }
"$ALGOFF" wizard --help | grep -q "algoff wizard \[--dry-run\]" && echo "PASS: --help" || { echo "FAIL: --help"; fail=1; }
# a terminal with an unusable TERM: run inside tmux
if command -v tmux >/dev/null 2>&1; then
	. "$top_srcdir/tests/wizard-lib.sh"
	trap wiz_cleanup EXIT
	# stdin a terminal, stdout a file
	wiz_start "wizard --dry-run >'$WIZ_T/out' 2>'$WIZ_T/err'"
	rc=$(wiz_exit_code 10)
	if [ "$rc" = 2 ] && grep -q "algoff batch" "$WIZ_T/err"; then
		echo "PASS: stdout not a terminal (stdin is) exits 2"
	else
		echo "FAIL: stdout redirected: exit $rc"; fail=1
	fi
	for t in dumb no-such-terminal-xyz; do
		WIZ_ENV="TERM=$t" wiz_start "wizard --dry-run"
		rc=$(wiz_exit_code 10)
		if [ "$rc" = 2 ] && wiz_screen | grep -q "algoff batch"; then
			echo "PASS: TERM=$t exits 2 with the hint"
		else
			echo "FAIL: TERM=$t: exit $rc"; wiz_screen; fail=1
		fi
	done
else
	echo "NOTE: tmux missing: the TERM=dumb case was not run"
fi
exit $fail
