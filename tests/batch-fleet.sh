#!/bin/sh
# algoff batch fleet options: --limit by name, tag and vendor (dry run and a
# real run that contacts only the selected device), --shard K/N partitions
# the devices, --max-fail against devices on closed loopback ports
# (connection refused) leaves the rest not-started with exit 4, --serial
# stops after a stage in which every device failed, the recap counts
# outcomes and failure reasons, --brief prints one line per device.
. "$top_srcdir/tests/lib.sh"
CHECK="$top_srcdir/tests/check-report.py"
device_add r1 cisco-ios
device_add f1 fortigate
sshd_start
export EN_OK="$(emu_get r1 enable_secret)"
# 12 devices on ports nobody listens on (freed just before): refused at once
DEAD=$(_alloc_ports 12)
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<algoff-batch version="1">'
    echo "  <defaults name=\"fleet\" host=\"127.0.0.1\" user=\"$TEST_USER\" password-env=\"ALGOFF_TEST_PW\""
    echo '            enable-password-env="EN_OK" known-hosts="known_hosts" backup-dir="bk" timeout="10"/>'
    echo "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"$(device_port r1)\" tags=\"live emea\"/>"
    echo "  <device name=\"f1\" vendor=\"fortigate\" port=\"$(device_port f1)\" tags=\"live apac\"/>"
    i=1
    for p in $DEAD; do
        echo "  <device name=\"$(printf 'd%02d' $i)\" vendor=\"fortigate\" port=\"$p\" tags=\"dead\"/>"
        i=$((i + 1))
    done
    echo '</algoff-batch>'
} > "$T/fleet.xml"
chmod 644 "$T/fleet.xml"
mkdir -p "$T/bk"
names() { cut -d' ' -f1 | grep -v '^Dry$' | sort | tr '\n' ' '; }

# --limit, dry run, --brief: one line per device
out=$("$ALGOFF" batch "$T/fleet.xml" --dry-run --brief --limit 'r*,tag:apac') || fail "limit dry run: rc=$?"
[ "$(printf '%s\n' "$out" | names)" = "f1 r1 " ] || fail "--limit 'r*,tag:apac': $out"
out=$("$ALGOFF" batch "$T/fleet.xml" --dry-run --brief --limit 'vendor:cisco-*') || fail "rc=$?"
[ "$(printf '%s\n' "$out" | names)" = "r1 " ] || fail "--limit vendor:cisco-*: $out"
out=$("$ALGOFF" batch "$T/fleet.xml" --dry-run --brief --limit 'tag:dead')
[ "$(printf '%s\n' "$out" | grep -c '^d[0-9][0-9] fortigate 127.0.0.1:[0-9]* steps=[a-z,]* commands=[0-9]* tags=dead$')" = 12 ] \
    || fail "--brief: not one line per device: $out"
[ "$(printf '%s\n' "$out" | wc -l)" = 13 ] || fail "--brief: extra lines: $out"
"$ALGOFF" batch "$T/fleet.xml" --dry-run --limit 'nosuch*' > "$T/o" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q 'matches no device' "$T/o" || fail "--limit matching nothing: rc=$rc $(cat "$T/o")"
pass "--limit by name, tag and vendor; --brief one line per device"

# --shard: every device in exactly one of 3 shards
all=$("$ALGOFF" batch "$T/fleet.xml" --dry-run --brief | names)
: > "$T/shards"
for k in 1 2 3; do
    "$ALGOFF" batch "$T/fleet.xml" --dry-run --brief --shard $k/3 | grep -v '^Dry' | cut -d' ' -f1 >> "$T/shards"
done
[ "$(sort "$T/shards" | tr '\n' ' ')" = "$all" ] || fail "shards 1..3/3: $(sort "$T/shards" | tr '\n' ' ') != $all"
[ "$(sort "$T/shards" | uniq -d | wc -l)" = 0 ] || fail "a device in two shards"
pass "--shard 1/3 2/3 3/3: each of the 14 devices exactly once"

# a real run with --limit contacts only the selected device
"$ALGOFF" batch "$T/fleet.xml" --limit r1 --json "$T/r1.json" > "$T/o" 2>&1; rc=$?
[ $rc -eq 0 ] || { cat "$T/o"; fail "--limit r1: rc=$rc"; }
[ "$(emu_get r1 startup.sip_alg.tcp-5060)" = false ] || fail "r1 not disabled"
[ ! -s "$(device_dir f1)/log.jsonl" ] || fail "f1 was contacted"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x["name"] for x in d["devices"]] == ["r1"], d' "$T/r1.json" \
    || fail "--limit r1: the report has other devices"
pass "--limit r1: only r1 contacted and reported"

# --max-fail 3, one at a time: 3 refused, 9 not started, exit 4, recap
"$ALGOFF" batch "$T/fleet.xml" --limit tag:dead --jobs 1 --max-fail 3 --json "$T/mf.json" > "$T/o" 2>&1; rc=$?
cat "$T/o"
[ $rc -eq 4 ] || fail "--max-fail 3: rc=$rc (want 4)"
python3 - "$T/mf.json" <<'PY' || fail "--max-fail 3: report"
import json, sys
d = json.load(open(sys.argv[1]))
out = [x["outcome"] for x in d["devices"]]
assert len(out) == 12, out
assert out.count("failed") == 3 and out.count("not-started") == 9, out
assert d["summary"]["not_started"] == 9, d["summary"]
PY
grep -qx 'RECAP fleet: 12 devices: 3 failed, 9 not-started' "$T/o" || fail "recap outcomes"
grep -qx 'RECAP failures: 3 connection refused' "$T/o" || fail "recap reasons"
pass "--max-fail 3: 3 refused, 9 not-started in the report, exit 4, recap"

# --max-fail 25% of 12 = 3, several at once: in-flight devices finish
"$ALGOFF" batch "$T/fleet.xml" --limit tag:dead --jobs 2 --max-fail 25% --brief > "$T/o" 2>&1; rc=$?
[ $rc -eq 4 ] || fail "--max-fail 25%: rc=$rc"
f=$(grep -c '^d[0-9]* failed (connection refused)' "$T/o"); ns=$(grep -c '^d[0-9]* not-started$' "$T/o")
[ "$f" -ge 3 ] && [ "$f" -le 4 ] && [ $((f + ns)) = 12 ] || fail "--max-fail 25%: $f failed, $ns not started: $(cat "$T/o")"
pass "--max-fail 25%: $f failed, $ns not started, one --brief line each"

# --serial 1,2: stage 1 f1 (succeeds), stage 2 d01 d02 (both refused): stop
emu_ctl r1 init cisco-ios >/dev/null
"$ALGOFF" batch "$T/fleet.xml" --limit 'f1,tag:dead' --serial 1,2 --jobs 4 --json "$T/se.json" > "$T/o" 2>&1; rc=$?
cat "$T/o"
[ $rc -eq 4 ] || fail "--serial: rc=$rc"
python3 - "$T/se.json" <<'PY' || fail "--serial: report"
import json, sys
d = json.load(open(sys.argv[1]))
o = {x["name"]: x["outcome"] for x in d["devices"]}
assert o["f1"] == "disabled", o
assert o["d01"] == "failed" and o["d02"] == "failed", o
assert sorted(k for k, v in o.items() if v == "not-started") == ["d%02d" % i for i in range(3, 13)], o
PY
grep -qx 'RECAP fleet: 13 devices: 1 disabled, 2 failed, 10 not-started' "$T/o" || fail "--serial recap"
pass "--serial 1,2: stage 1 ok, stage 2 all refused, the 10 others not started"

# --only-failed with --limit: the failed/not-started devices of the report, narrowed
out=$("$ALGOFF" batch "$T/fleet.xml" --dry-run --brief --only-failed "$T/se.json" --limit 'd0[1-5]')
[ "$(printf '%s\n' "$out" | names)" = "d01 d02 d03 d04 d05 " ] || fail "--only-failed + --limit: $out"
pass "--only-failed with --limit"
exit 0
