#!/bin/sh
# algoff batch against 20 emulated devices (fortigate and cisco-ios) behind a
# real sshd: two with a wrong password, one that drops mid-way. The state
# files, the emulator logs and both reports must agree with what happened; a
# second run changes nothing on the 17 that succeeded; --only-failed retries
# exactly the 3 failures.
. "$top_srcdir/tests/lib.sh"
CHECK="$top_srcdir/tests/check-report.py"
i=1
while [ $i -le 20 ]; do
    n=$(printf 'd%02d' $i)
    if [ $((i % 2)) = 1 ]; then device_add $n fortigate; else device_add $n cisco-ios; fi
    i=$((i + 1))
done
sshd_start
export EN_OK="$(emu_get d02 enable_secret)" WRONG_PW="not-$ALGOFF_TEST_PW"
emu_faults d07 drop_after=7        # a FortiGate: drops inside the disable step
mkdir -p "$T/bk" "$T/tr"
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<algoff-batch version="1">'
    echo "  <defaults name=\"t20\" host=\"127.0.0.1\" user=\"$TEST_USER\" password-env=\"ALGOFF_TEST_PW\""
    echo '            enable-password-env="EN_OK" known-hosts="known_hosts" backup-dir="bk"'
    echo '            transcript-dir="tr" timeout="10" tags="test"/>'
    while read -r n; do
        pw=; case $n in d04|d11) pw=' password-env="WRONG_PW"';; esac
        echo "  <device name=\"$n\" vendor=\"$(device_vendor $n)\" port=\"$(device_port $n)\"$pw/>"
    done < "$T/devices"
    echo '</algoff-batch>'
} > "$T/batch.xml"
chmod 644 "$T/batch.xml"

"$ALGOFF" batch "$T/batch.xml" --jobs 6 --json "$T/r1.json" --junit "$T/r1.xml" > "$T/out1.txt" 2>&1
rc=$?
cat "$T/out1.txt"
[ $rc -eq 4 ] || fail "first run: rc=$rc (want 4)"
grep -c '^\[' "$T/out1.txt" | grep -qx 20 || fail "first run: not one line per device"
python3 "$top_srcdir/tests/batch-check.py" first "$T" "$T/r1.json" "$T/r1.xml" "$CHECK" \
    || fail "first run: reports and devices disagree"
pass "first run: 17 disabled, d04 d11 wrong password, d07 dropped; reports agree"

# Second run of the same file: nothing changes on the 17.
while read -r n; do rm -f "$(device_dir $n)/log.jsonl"; done < "$T/devices"
"$ALGOFF" batch "$T/batch.xml" --json "$T/r2.json" --junit "$T/r2.xml" > "$T/out2.txt" 2>&1
rc=$?
[ $rc -eq 4 ] || { cat "$T/out2.txt"; fail "second run: rc=$rc (want 4)"; }
python3 "$top_srcdir/tests/batch-check.py" second "$T" "$T/r2.json" "$T/r2.xml" "$CHECK" \
    || fail "second run: a succeeded device was changed"
pass "second run: the 17 already disabled, no configuration command sent"

# --only-failed: fix the causes, retry only the 3 failures of the first run.
emu_faults d07
while read -r n; do rm -f "$(device_dir $n)/log.jsonl"; done < "$T/devices"
WRONG_PW=$ALGOFF_TEST_PW "$ALGOFF" batch "$T/batch.xml" --only-failed "$T/r1.json" \
    --json "$T/r3.json" > "$T/out3.txt" 2>&1
rc=$?
[ $rc -eq 0 ] || { cat "$T/out3.txt"; fail "--only-failed: rc=$rc"; }
python3 "$top_srcdir/tests/batch-check.py" retry "$T" "$T/r3.json" - "$CHECK" \
    || fail "--only-failed touched the wrong devices"
pass "--only-failed: d04 d07 d11 retried and disabled, the other 17 untouched"
exit 0
