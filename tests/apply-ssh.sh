#!/bin/sh
# algoff apply against the FortiGate and IOS emulators behind a real OpenSSH
# sshd: ALG on -> off with backup; already off -> nothing sent; wrong
# password, unknown and changed host keys -> exit 3 and nothing sent; a drop
# after every command index -> the report lists exactly what the device
# executed; a rejected command -> rollback; injection -> exit 2 before
# connecting; a device that stops answering -> timeout, no hang.
. "$top_srcdir/tests/lib.sh"
CHECK="$top_srcdir/tests/check-report.py"
device_add fw fortigate sip_helper_id=21
device_add r1 cisco-ios
sshd_start
KH=$T/known_hosts
export EN_OK="$(emu_get r1 enable_secret)"

apply() { # apply NAME [extra args] -> rc in $rc, json in $T/out.json
    _n=$1; shift
    "$ALGOFF" apply --vendor "$(device_vendor "$_n")" --host 127.0.0.1 \
        --port "$(device_port "$_n")" --user "$TEST_USER" \
        --password-env ALGOFF_TEST_PW --enable-password-env EN_OK \
        --known-hosts "$KH" --backup-dir "$T/bk-$_n" --timeout 5 --json "$@" \
        > "$T/out.json" 2> "$T/err.txt"
    rc=$?
}
reset() { # reset NAME [init opts]: ALG on, empty log, no faults
    _n=$1; shift
    emu_ctl "$_n" init "$(device_vendor "$_n")" "$@" >/dev/null
    rm -f "$(device_dir "$_n")/log.jsonl"; emu_faults "$_n"
}
nlog() { emu_log "$1" | grep -c . ; }
field() { python3 -c "import json,sys; print(json.load(open('$T/out.json'))[sys.argv[1]])" "$1"; }
LOGIN_FGT='^$'
LOGIN_IOS='^(enable|\*\*\*|terminal (length|width) .*)$'

# 1. ALG on -> off, backup holds the running config.
reset fw sip_helper_id=21
apply fw
[ $rc -eq 0 ] || fail "fortigate apply rc=$rc: $(cat "$T/err.txt")"
[ "$(emu_get fw settings.sip-expectation)" = disable ] || fail "sip-expectation"
[ "$(emu_get fw settings.sip-nat-trace)" = disable ] || fail "sip-nat-trace"
[ "$(emu_get fw settings.default-voip-alg-mode)" = kernel-helper-based ] || fail "alg mode"
[ -z "$(emu_helper_id fw)" ] || fail "session-helper sip still there: $(emu_helper_id fw)"
emu_log fw | grep -qx 'delete 21' || fail "the helper id was not read from the device"
b=$(field backup); grep -q 'config system session-helper' "$b" || fail "backup $b lacks the config"
pass "fortigate: on -> off, helper 21 deleted, backup $b"

reset r1
apply r1 --transcript "$T/r1.transcript"
[ $rc -eq 0 ] || fail "ios apply rc=$rc: $(cat "$T/err.txt")"
grep -q 'no ip nat service sip udp port 5060' "$T/r1.transcript" || fail "transcript lacks the commands"
grep -q '<redacted>' "$T/r1.transcript" || fail "transcript does not show the redacted enable secret"
for s in "$ALGOFF_TEST_PW" "$EN_OK"; do
    grep -qF -- "$s" "$T/r1.transcript" "$T/out.json" "$T/err.txt" && fail "a secret leaked into the transcript or report"
done
for w in running startup; do
  for p in udp tcp; do
    v=$(emu_get r1 "$w.sip_alg.$p-5060")
    [ "$v" = False ] || [ "$v" = false ] || fail "ios $w $p-5060 = $v"
  done
done
grep -q '^hostname R1' "$(field backup)" || fail "ios backup lacks the running config"
pass "cisco-ios: on -> off in running and startup config"

# 2. Already off -> no configuration command.
for d in fw r1; do
    rm -f "$(device_dir $d)/log.jsonl"
    apply $d
    [ $rc -eq 0 ] || fail "$d second run rc=$rc"
    [ "$(field outcome)" = already-disabled ] || fail "$d: outcome $(field outcome)"
    emu_log $d | grep -qE '^(config|configure|set |delete|no |end$|write)' && fail "$d: config sent when already off: $(emu_log $d)"
    pass "$d: already off, nothing changed"
done

# 3. Wrong password, unknown and changed host key: exit 3, nothing sent.
reset fw
ALGOFF_TEST_PW=wrong-password apply fw
[ $rc -eq 3 ] || fail "wrong password rc=$rc"
grep -qi 'auth' "$T/err.txt" "$T/out.json" || fail "wrong password message: $(cat "$T/out.json")"
[ "$(nlog fw)" -eq 0 ] || fail "commands reached the device with a wrong password"
pass "wrong password -> 3: $(field reason)"
KH=$T/known_hosts.empty; apply fw; KH=$T/known_hosts
[ $rc -eq 3 ] || fail "unknown host key rc=$rc"
grep -q 'SHA256:' "$T/out.json" || fail "no fingerprint in: $(field reason)"
[ "$(nlog fw)" -eq 0 ] || fail "commands sent to an unknown host"
pass "unknown host key -> 3: $(field reason)"
ssh-keygen -q -t ed25519 -N '' -f "$T/other" >/dev/null
p=$(device_port fw)
grep -v "^\[127.0.0.1\]:$p " "$T/known_hosts" > "$T/kh.changed"
echo "[127.0.0.1]:$p $(cut -d' ' -f1,2 "$T/other.pub")" >> "$T/kh.changed"
KH=$T/kh.changed; apply fw; KH=$T/known_hosts
[ $rc -eq 3 ] || fail "changed host key rc=$rc"
[ "$(nlog fw)" -eq 0 ] || fail "commands sent to a host with a changed key"
pass "changed host key -> 3: $(field reason | head -c 120)"

# Accept-new adds the key in OpenSSH format; the next strict run uses it.
cp "$T/known_hosts.empty" "$T/kh.new"
KH=$T/kh.new; apply fw --accept-new-host-key; KH=$T/known_hosts
[ $rc -eq 0 ] || fail "accept-new rc=$rc: $(field reason)"
ssh-keygen -F "[127.0.0.1]:$p" -f "$T/kh.new" | grep -q . || fail "accept-new did not write a line ssh-keygen finds"
KH=$T/kh.new; apply fw; KH=$T/known_hosts
[ $rc -eq 0 ] || fail "strict run after accept-new rc=$rc"
pass "--accept-new-host-key records the key; the next strict run connects"

# 4. Injection through a value: exit 2 before connecting.
reset fw
"$ALGOFF" apply --vendor fortigate --host "$(printf '127.0.0.1\nreboot')" --port "$p" \
    --user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$KH" >/dev/null 2>&1
[ $? -eq 2 ] || fail "newline in host not refused"
"$ALGOFF" apply --vendor fortigate --host 127.0.0.1 --port "$p" --user "$(printf 'x\r\nexecute reboot')" \
    --password-env ALGOFF_TEST_PW --known-hosts "$KH" >/dev/null 2>&1
[ $? -eq 2 ] || fail "CR/LF in user not refused"
[ "$(nlog fw)" -eq 0 ] || fail "an injected value reached the device"
pass "injected values refused before connecting"

# 5. A drop after every command index: the report is exact.
for d in fw r1; do
    [ $d = fw ] && login=$LOGIN_FGT || login=$LOGIN_IOS
    reset $d; apply $d; total=$(nlog $d)
    i=0
    while [ $i -lt "$total" ]; do
        reset $d; emu_faults $d drop_after=$i
        apply $d
        [ $rc -ne 0 ] || fail "$d drop_after=$i: rc=0"
        python3 "$CHECK" "$T/out.json" "$(device_dir $d)/log.jsonl" "$login" \
            || fail "$d drop_after=$i: report and device disagree"
        i=$((i + 1))
    done
    pass "$d: drop after each of $total commands reported exactly"
done

# 6. Drop during disable with --rollback-on-failure: reconnect, roll back.
reset fw sip_helper_id=21; emu_faults fw drop_after=7 drop_once=1
apply fw --rollback-on-failure
emu_faults fw
[ "$(field outcome)" = rolled-back ] || fail "rollback after drop: $(field outcome) $(field reason)"
[ "$(emu_get fw settings.default-voip-alg-mode)" = proxy-based ] || fail "alg mode not restored"
[ "$(emu_get fw settings.sip-nat-trace)" = enable ] || fail "sip-nat-trace not restored"
[ "$(emu_helper_id fw)" = 21 ] || fail "helper 21 not restored: $(emu_helper_id fw)"
pass "drop mid-disable + --rollback-on-failure -> rolled back: $(field reason)"

# 7. A rejected command: detected, rolled back, exit 1.
reset r1; emu_faults r1 reject='^no ip nat service sip tcp'
apply r1
[ $rc -eq 1 ] || fail "rejected command rc=$rc"
[ "$(field outcome)" = rolled-back ] || fail "rejected: outcome $(field outcome)"
v=$(emu_get r1 running.sip_alg.udp-5060); [ "$v" = True ] || [ "$v" = true ] || fail "udp not rolled back: $v"
pass "rejected command -> rolled back: $(field reason)"

# 8. A device that stops answering: timeout, no hang.
reset r1; emu_faults r1 no_prompt_after=5
start=$(date +%s); apply r1 --timeout 2; end=$(date +%s)
[ $rc -ne 0 ] || fail "no prompt: rc=0"
[ $((end - start)) -lt 30 ] || fail "no prompt: took $((end - start)) s"
grep -qi 'prompt\|timed out\|timeout' "$T/out.json" || fail "no timeout message: $(field reason)"
pass "silent device -> rc=$rc after $((end - start)) s: $(field reason | head -c 100)"
exit 0
