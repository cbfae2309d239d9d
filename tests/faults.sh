#!/bin/sh
# Faults at every step for every SSH vendor family with a CLI emulator
# (issue 13): the connection drops, the device stops answering, or a line is
# rejected, at each line the device receives; the report, the exit code, the
# device state (--rollback-on-failure) and the run time are checked by
# tests/faults.py. One sshd serves every device; FAULTS_PER devices per
# family run cases in parallel. A family without an emulator is skipped
# with its reason; adding tests/emulators/<id>.py adds the family here.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${ALGOFF:?}"
. "$top_srcdir/tests/lib.sh"
PER=${FAULTS_PER:-3}

"$ALGOFF" vendors --json >"$T/vendors.json" || fail "algoff vendors --json"
fams=$(/usr/bin/python3 -c '
import json, sys
print(" ".join(v["id"] for v in json.load(open(sys.argv[1]))["vendors"] if v["method"] == "ssh"))
' "$T/vendors.json") || fail "vendor list"
[ -n "$fams" ] || fail "no ssh vendors"
covered=
for v in $fams; do
	if [ ! -f "$T/emu/$(echo "$v" | tr - _).py" ]; then
		case $v in
		linux-nftables) why="no CLI emulator: it runs against the kernel lab (tests/demo-lab.sh, tests/demo-run.sh)" ;;
		*) why="no emulator tests/emulators/$(echo "$v" | tr - _).py yet" ;;
		esac
		echo "SKIP family $v: $why"
		continue
	fi
	i=1
	while [ $i -le "$PER" ]; do
		device_add "$(echo "$v" | tr - _)$i" "$v"
		i=$((i + 1))
	done
	covered="$covered $v"
done
[ -n "$covered" ] || fail "no family with an emulator"
SSHD_LOGLEVEL=ERROR sshd_start
while read -r n; do
	echo "$n $(device_vendor "$n") $(device_port "$n") $(device_dir "$n")"
done <"$T/devices" >"$T/faults.devices"
TEST_UID=$(id -u "$TEST_USER"); export TEST_UID T ALGOFF
/usr/bin/python3 "$top_srcdir/tests/faults.py" "$T/faults.devices" ||
	fail "fault cases failed (families:$covered)"
pass "fault cases for$covered"
