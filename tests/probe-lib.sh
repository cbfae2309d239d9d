# SPDX-License-Identifier: MIT
# probe-lib.sh - shared helpers for the probe-*.sh tests (sourced).
# Every process a test starts is recorded and stopped by PID; every lab it
# brings up is torn down, from a trap on EXIT.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${ALGOFF:=$top_builddir/algoff}"
LAB="$top_srcdir/lab/lab.sh"
PIDS=""
LABS=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/algoff-probe-test.XXXXXX") || exit 99

cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null
	done
	for d in $LABS; do
		"$LAB" down "$d"
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$top_srcdir/tests/common.sh"

need_root_lab() {
	[ "$(id -u)" = 0 ] || skip "needs root for network namespaces"
	for t in ip nft; do
		command -v "$t" >/dev/null 2>&1 || skip "$t not installed (lab/deps)"
	done
	ip netns add "algoff-t$$" 2>/dev/null || skip "cannot create network namespaces here"
	ip netns delete "algoff-t$$"
}

need_python() {
	command -v python3 >/dev/null 2>&1 || skip "python3 not installed (lab/deps)"
}

# lab_up [OPTIONS] - bring up a lab, export its lab.env into this shell.
lab_up() {
	LAB_DIR=$("$LAB" up "$@") || fail "lab.sh up $*"
	LABS="$LABS $LAB_DIR"
	export LAB_DIR
	. "$LAB_DIR/lab.env"
}

lab_down() {
	"$LAB" down "$LAB_DIR"
	LABS=$(echo "$LABS" | sed "s|$LAB_DIR||")
}

# start_bg LOG CMD... - run CMD in the background, remember its PID.
start_bg() {
	log=$1; shift
	"$@" >"$log" 2>&1 &
	PIDS="$PIDS $!"
	LASTPID=$!
}

# stop_pid PID - stop one process we started.
stop_pid() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	PIDS=$(echo "$PIDS" | sed "s/ $1\b//")
}

# wait_line FILE PATTERN - bounded wait (5 s) for PATTERN in FILE.
wait_line() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || { cat "$1"; fail "timed out waiting for '$2'"; }
		sleep 0.1
	done
}

# start_reflector LOG [NS] ARGS... - reflector in namespace NS (or here).
start_reflector() {
	log=$1; shift
	if [ "${1:-}" = lan ] || [ "${1:-}" = rtr ] || [ "${1:-}" = wan ]; then
		ns=$1; shift
		start_bg "$log" "$LAB" exec "$ns" "$ALGOFF" reflector "$@"
	else
		start_bg "$log" "$ALGOFF" reflector "$@"
	fi
	REFL_PID=$LASTPID
	wait_line "$log" "reflector: SIP on"
}

# free_port - a UDP+TCP port number unlikely to be in use (from our PID).
free_port() {
	echo $((20000 + ($$ * 7 + ${1:-0} * 13) % 20000))
}
