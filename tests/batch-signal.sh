#!/bin/sh
# SIGINT during a batch run: no new device starts, the devices in flight
# finish or stop early, both reports are written, exit 130; devices that
# were not started saw no connection.
. "$top_srcdir/tests/lib.sh"
CHECK="$top_srcdir/tests/check-report.py"
for n in s1 s2 s3 s4 s5 s6; do device_add $n cisco-ios; done
sshd_start
export EN_OK="$(emu_get s1 enable_secret)"
{
    echo '<?xml version="1.0"?><algoff-batch version="1">'
    echo "<defaults host=\"127.0.0.1\" user=\"$TEST_USER\" password-env=\"ALGOFF_TEST_PW\" enable-password-env=\"EN_OK\" known-hosts=\"known_hosts\" backup-dir=\"bk\"/>"
    for n in s1 s2 s3 s4 s5 s6; do
        emu_faults $n slow_ms=250
        echo "<device name=\"$n\" vendor=\"cisco-ios\" port=\"$(device_port $n)\"/>"
    done
    echo '</algoff-batch>'
} > "$T/b.xml"
"$ALGOFF" batch "$T/b.xml" --jobs 2 --json "$T/r.json" --junit "$T/r.xml" > "$T/out.txt" 2>&1 &
pid=$!
on_cleanup "kill $pid 2>/dev/null"
i=0; while [ $i -lt 100 ] && ! grep -q '^\[' "$T/out.txt"; do sleep 0.1; i=$((i + 1)); done
kill -INT $pid
wait $pid; rc=$?
cat "$T/out.txt"
[ $rc -eq 130 ] || fail "rc=$rc (want 130)"
python3 - "$T" "$CHECK" <<'PY' || fail "report and devices disagree"
import json, os, subprocess, sys, xml.etree.ElementTree as ET
t, check = sys.argv[1:3]
rep = json.load(open(t + "/r.json"))
assert rep["interrupted"] is True, rep["interrupted"]
st = {d["name"]: d for d in rep["devices"]}
ns = [n for n, d in st.items() if d["outcome"] == "not-started"]
assert 1 <= len(ns) <= 4, [(n, d["outcome"]) for n, d in st.items()]
for n, d in st.items():
    log = t + "/dev/%s/log.jsonl" % n
    if d["outcome"] == "not-started":
        assert not os.path.exists(log), n + " was contacted"
        continue
    json.dump(d, open(t + "/one.json", "w"))
    r = subprocess.run([sys.executable, check, t + "/one.json", log,
                        r"^(enable|\*\*\*|terminal (length|width) .*)$"])
    assert r.returncode == 0, n
skipped = ET.parse(t + "/r.xml").getroot().findall(".//testcase/skipped")
assert len(skipped) == len(ns), (len(skipped), ns)
print("not started:", ns)
PY
pass "SIGINT: in-flight devices finished, the rest not started, reports written, exit 130"
