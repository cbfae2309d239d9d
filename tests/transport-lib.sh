# shellcheck shell=sh disable=SC2034
# tests/transport-lib.sh - helpers for the transport-*.sh tests (sourced
# after tests/lib.sh). ssh_probe is the transport's test driver
# (tests/unit/ssh_probe_main.c): it prints "ERR=NAME" and the message on
# stderr when a connection fails.
PROBE="${top_builddir:-$top_srcdir}/tests/unit/ssh_probe"
[ -x "$PROBE" ] || fail "$PROBE not built (make check builds it)"
# ASan builds: libssh2 1.10 leaks inside ECDSA signing (see the file).
LSAN_OPTIONS="suppressions=$top_srcdir/tests/transport-lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

# probe NAME [ssh_probe options]: connect to device NAME as $TEST_USER;
# stdout in $T/out, stderr in $T/err, exit status in $rc.
probe() {
	_pn=$1; shift
	"$PROBE" -H 127.0.0.1 -p "$(device_port "$_pn")" -u "$TEST_USER" "$@" \
		>"$T/out" 2>"$T/err"
	rc=$?
}

# expect_ok WHAT / expect_err WHAT NAME: check the last probe.
expect_ok() {
	[ "$rc" = 0 ] || { cat "$T/out" "$T/err"; fail "$1: exit $rc"; }
	pass "$1"
}
expect_err() {
	grep -qx "ERR=$2" "$T/err" || { cat "$T/out" "$T/err"; fail "$1: expected ERR=$2"; }
	pass "$1"
}
# expect_msg WHAT TEXT: the last error message holds TEXT (fixed string).
expect_msg() {
	grep -qF -- "$2" "$T/err" || { cat "$T/err"; fail "$1: message lacks '$2'"; }
}

# elapsed_ms CMD...: run CMD, set $ms to the wall time it took.
elapsed_ms() {
	_t0=$(date +%s%N)
	"$@"
	_t1=$(date +%s%N)
	ms=$(( (_t1 - _t0) / 1000000 ))
}
