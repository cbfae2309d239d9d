# tests/vendors-a-common.sh - the five SSH cases of issue 8 for one vendor
# family, against its emulator behind a real OpenSSH sshd (tests/lib.sh)
# and the real "algoff apply". Sourced by tests/vendor-<id>.sh, which sets:
#   VENDOR        vendor id (also the emulator)
#   INIT_ON       emuctl init options of a device with the ALG on ("" ok)
#   INIT_OFF      ... with the ALG already off
#   alg_is_off    shell function NAME: exit 0 when the emulator state is off
#   BACKUP_RE     grep -E pattern the backup file must contain
#   REJECT_RE     reject fault regex (a line of the disable step)
#   ROLLBACK_CMD  a line the rollback step sends (checked in the emulator log)
#   CONFIG_RE     grep -E pattern of configuration lines (none may reach the
#                 device when the ALG is already off)
#   EXTRA_ARGS    extra "algoff apply" arguments (e.g. the enable password)
. "$top_srcdir/tests/lib.sh"
device_add dev "$VENDOR" $INIT_ON
sshd_start
KH=$T/known_hosts
J=$T/out.json

apply() {
    # shellcheck disable=SC2086
    "$ALGOFF" apply --vendor "$VENDOR" --host 127.0.0.1 --port "$(device_port dev)" \
        --user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$KH" \
        --backup-dir "$T/bk" --timeout 10 --json $EXTRA_ARGS "$@" >"$J" 2>"$T/err.txt"
    rc=$?
}
reset() { # reset [init opts]: fresh state, empty log, no faults
    # shellcheck disable=SC2086
    emu_ctl dev init "$VENDOR" "$@" >/dev/null || fail "emuctl init"
    chown "$TEST_USER" "$(device_dir dev)/state.json"
    rm -f "$(device_dir dev)/log.jsonl"; emu_faults dev
}
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$J" "$1"; }
show() { echo "--- json:"; cat "$J"; echo "--- stderr:"; cat "$T/err.txt"; echo "--- device log:"; emu_log dev --all; }

# 1. ALG on -> off; the backup holds the running configuration.
# shellcheck disable=SC2086
reset $INIT_ON
apply
[ $rc -eq 0 ] || { show; fail "$VENDOR: apply rc=$rc"; }
[ "$(field outcome)" = disabled ] || { show; fail "$VENDOR: outcome $(field outcome)"; }
alg_is_off dev || { show; fail "$VENDOR: emulator state still on"; }
b=$(field backup)
[ -s "$b" ] && grep -qE "$BACKUP_RE" "$b" || { show; fail "$VENDOR: backup '$b' lacks /$BACKUP_RE/"; }
emu_log dev --all >"$T/happy.log"
python3 -c "import json; print(json.dumps([c['command'] for c in json.load(open('$J'))['commands'] if c['step']=='disable']))" >"$T/disable.json"
pass "$VENDOR: on -> off (variant $(field variant)), backup $b"

# 2. Already off -> no configuration command reaches the device.
# shellcheck disable=SC2086
reset $INIT_OFF
apply
[ $rc -eq 0 ] || { show; fail "$VENDOR: already-off rc=$rc"; }
[ "$(field outcome)" = already-disabled ] || { show; fail "$VENDOR: outcome $(field outcome)"; }
if emu_log dev --all | grep -qE "$CONFIG_RE"; then show; fail "$VENDOR: configuration sent although off"; fi
pass "$VENDOR: already off, nothing sent ($(emu_log dev --all | grep -c .) read-only lines)"

# 3. Rollback: the device accepts the change but keeps the ALG on, so the
#    verification fails and the rollback step runs.
# shellcheck disable=SC2086
reset $INIT_ON ignore_disable=true
apply
[ $rc -ne 0 ] || { show; fail "$VENDOR: verify failure not reported"; }
[ "$(field outcome)" = rolled-back ] || { show; fail "$VENDOR: outcome $(field outcome), want rolled-back"; }
emu_log dev | grep -qxF "$ROLLBACK_CMD" || { show; fail "$VENDOR: rollback line '$ROLLBACK_CMD' not received"; }
pass "$VENDOR: verify failed -> rolled back ($(field reason))"

# 4. A drop in the middle of the disable step: the report lists exactly the
#    commands the device executed.
first=$(python3 -c "import json; print(json.load(open('$T/disable.json'))[0])")
p=$(grep -nxF "$first" "$T/happy.log" | head -1 | cut -d: -f1)
[ -n "$p" ] || fail "$VENDOR: '$first' not in the happy-path log"
n=$(python3 -c "import json; print(len(json.load(open('$T/disable.json'))))")
keep=$((n > 2 ? 2 : n - 1))
# shellcheck disable=SC2086
reset $INIT_ON
emu_faults dev drop_after=$((p - 1 + keep))
apply
[ $rc -ne 0 ] || { show; fail "$VENDOR: drop not reported"; }
emu_log dev --json | python3 -c '
import json, sys
dis = json.load(open(sys.argv[1]))
rep = json.load(open(sys.argv[2]))
log = [json.loads(l) for l in sys.stdin if l.strip()]
done = [r["cmd"] for r in log if not r.get("fault")]
# the commands of the disable step the device executed, in order
start = max(i for i, c in enumerate(done) if c == dis[0]) if dis[0] in done else len(done)
executed = done[start:]
if rep["applied"] != executed:
    sys.exit("applied %r != executed %r" % (rep["applied"], executed))
if not any(c["status"] == "unconfirmed" for c in rep["commands"]):
    sys.exit("no unconfirmed command in the report")
print("applied:", rep["applied"])
' "$T/disable.json" "$J" || { show; fail "$VENDOR: report after a drop does not match the device"; }
pass "$VENDOR: drop after $keep of $n disable lines -> report matches the device"

# 5. A rejected command is detected and reported (and rolled back).
# shellcheck disable=SC2086
reset $INIT_ON
emu_faults dev "reject=$REJECT_RE"
apply
[ $rc -ne 0 ] || { show; fail "$VENDOR: rejected command not detected"; }
python3 -c "
import json, re, sys
rep = json.load(open('$J'))
bad = [c for c in rep['commands'] if c['status'] == 'rejected']
assert bad and re.search(sys.argv[1], bad[0]['command']), bad
assert bad[0]['command'] not in rep['applied'], rep['applied']
print('rejected:', bad[0]['command'], '->', rep['outcome'])
" "$REJECT_RE" || { show; fail "$VENDOR: rejected command not in the report"; }
pass "$VENDOR: rejected command detected ($(field outcome))"
