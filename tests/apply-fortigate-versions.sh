#!/bin/sh
# FortiOS 6.0 has "set sip-helper" where 6.2+ has "set sip-expectation":
# algoff reads "get system status", picks the variant, says which in the
# report, and leaves both emulated versions with the SIP ALG off.
. "$top_srcdir/tests/lib.sh"
device_add fw60 fortigate version='v6.0.12,build0419,210401 (GA)' sip_helper_id=12
device_add fw74 fortigate version='v7.4.3,build2573,240201 (GA.F)'
sshd_start
for d in fw60 fw74; do
    emu_set $d settings.sip-nat-trace enable
done
emu_set fw60 settings.sip-helper enable
run() {
    "$ALGOFF" apply --vendor fortigate --host 127.0.0.1 --port "$(device_port "$1")" \
        --user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$T/known_hosts" \
        --backup-dir "$T/bk" --json > "$T/$1.json" 2> "$T/$1.err"
}
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$T/$1.json" "$2"; }
run fw60 || fail "6.0 apply rc=$?: $(cat "$T/fw60.err")"
[ "$(field fw60 variant)" = fos60 ] || fail "6.0 variant: $(field fw60 variant)"
[ "$(emu_get fw60 settings.sip-helper)" = disable ] || fail "6.0 sip-helper still $(emu_get fw60 settings.sip-helper)"
[ "$(emu_get fw60 settings.sip-nat-trace)" = disable ] || fail "6.0 sip-nat-trace"
[ "$(emu_get fw60 settings.default-voip-alg-mode)" = kernel-helper-based ] || fail "6.0 alg mode"
[ -z "$(emu_helper_id fw60)" ] || fail "6.0 helper still there"
emu_log fw60 | grep -q 'sip-expectation' && fail "6.0 was sent sip-expectation"
pass "FortiOS 6.0: variant fos60, sip-helper disabled, helper 12 deleted"
run fw74 || fail "7.4 apply rc=$?: $(cat "$T/fw74.err")"
[ "$(field fw74 variant)" = fos62 ] || fail "7.4 variant: $(field fw74 variant)"
[ "$(emu_get fw74 settings.sip-expectation)" = disable ] || fail "7.4 sip-expectation"
emu_log fw74 | grep -q 'sip-helper' && fail "7.4 was sent sip-helper"
pass "FortiOS 7.4: variant fos62, sip-expectation disabled"
