# tests/common.sh - the helpers every shell test shares (POSIX sh; sourced).
# lib.sh (the real-sshd harness) and probe-lib.sh source it too.
#
#   skip MSG            print "SKIP: MSG" and exit 77 (automake: skipped)
#   fail MSG            print "FAIL: MSG" and exit 1
#   pass MSG            print "PASS: MSG"
#   check DESC CMD...   run CMD; print PASS/FAIL: DESC; failures add to $FAILED
#   eq ACTUAL EXPECTED  true when equal, else says what differs (for check)
#   has TEXT REGEX      true when TEXT matches the extended REGEX (for check)
#   hasnt TEXT REGEX    true when it does not
#   finish NAME         print "NAME: N failed"; false when N > 0
#   write_file PATH     write stdin to PATH, creating its folder
#   tmpdir_setup NAME   $T = a new temp dir, removed by an EXIT trap

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "PASS: $*"; }

FAILED=0
check() {
	_d=$1; shift
	if "$@"; then echo "PASS: $_d"; else echo "FAIL: $_d"; FAILED=$((FAILED + 1)); fi
}
eq() {
	[ "$1" = "$2" ] && return 0
	echo "    got '$1', expected '$2'"; return 1
}
has() {
	printf '%s\n' "$1" | grep -qE -- "$2" && return 0
	echo "    output lacks /$2/"; return 1
}
hasnt() {
	printf '%s\n' "$1" | grep -qE -- "$2" || return 0
	echo "    output has /$2/"; return 1
}
finish() {
	echo "$1: $FAILED failed"
	[ "$FAILED" = 0 ]
}

write_file() {
	mkdir -p "$(dirname "$1")" && cat > "$1"
}

tmpdir_setup() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/algoff-$1.XXXXXX") || fail "mktemp -d"
	trap 'rm -rf "$T"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
