#!/bin/sh
# Golden tests: "algoff apply --vendor ID --dry-run" for every vendor that
# "algoff vendors --json" lists must match tests/golden/ID.txt byte for byte.
# SSH families are given a whole device (every check runs, nothing is sent);
# the web-only families are shown as a plan preview (their guide).
# ALGOFF_UPDATE_GOLDEN=1 rewrites the golden files (review the diff!).
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
golden="$top_srcdir/tests/golden"
fail=0
ids=$("$ALGOFF" vendors --json | python3 -c 'import json, sys
for v in json.load(sys.stdin)["vendors"]: print(v["id"])')
ssh_ids=" $("$ALGOFF" vendors --json | python3 -c 'import json, sys
for v in json.load(sys.stdin)["vendors"]:
    if v["method"] == "ssh": print(v["id"])' | tr '\n' ' ') "
[ -n "$ids" ] || { echo "FAIL: algoff vendors --json listed no ids"; exit 1; }
n=0
for id in $ids; do
    n=$((n + 1))
    case "$ssh_ids" in
    *" $id "*) dev="--host 203.0.113.10 --user admin --agent" ;;
    *) dev= ;;
    esac
    # shellcheck disable=SC2086
    out=$("$ALGOFF" apply --vendor "$id" --dry-run $dev 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: $id: dry-run exited $rc: $out"; fail=1; continue
    fi
    if [ "${ALGOFF_UPDATE_GOLDEN:-}" = 1 ]; then
        printf '%s\n' "$out" > "$golden/$id.txt"
    fi
    if [ ! -f "$golden/$id.txt" ]; then
        echo "FAIL: $id: no golden file tests/golden/$id.txt"; fail=1; continue
    fi
    if printf '%s\n' "$out" | diff -u "$golden/$id.txt" - ; then
        echo "PASS: $id"
    else
        echo "FAIL: $id: dry-run differs from tests/golden/$id.txt"; fail=1
    fi
done
# The contract's must-haves, checked independently of the golden files.
f=$("$ALGOFF" apply --vendor fortigate --dry-run)
for line in 'config system settings' 'set default-voip-alg-mode kernel-helper-based' \
    'set sip-expectation disable' 'set sip-nat-trace disable' \
    'config system session-helper' 'delete <sip_helper_id>'; do
    printf '%s\n' "$f" | grep -q -- "> $line\$" || { echo "FAIL: fortigate plan lacks '$line'"; fail=1; }
done
printf '%s\n' "$f" | grep -q '> delete 13' && { echo "FAIL: fortigate plan assumes id 13"; fail=1; }
c=$("$ALGOFF" apply --vendor cisco-ios --dry-run)
for line in 'no ip nat service sip udp port 5060' 'no ip nat service sip tcp port 5060'; do
    printf '%s\n' "$c" | grep -q -- "> $line\$" || { echo "FAIL: cisco-ios plan lacks '$line'"; fail=1; }
done
# JSON form is valid JSON and carries the same commands.
"$ALGOFF" apply --vendor cisco-ios --dry-run --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
cmds=[c["command"] for s in d["steps"] if s["step"]=="disable" for c in s["commands"]]
assert "no ip nat service sip tcp port 5060" in cmds, cmds
' || { echo "FAIL: cisco-ios --json"; fail=1; }
echo "dry-run: $n vendors checked"
exit $fail
