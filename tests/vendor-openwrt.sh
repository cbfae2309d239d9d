#!/bin/sh
# OpenWrt profile against the OpenWrt emulator behind a real sshd.
# The commands sent are the ones algoff plans (apply --dry-run --json), so
# the templates, the patterns and the emulator are checked together; the
# end-to-end `algoff apply` part runs when this build has the SSH runner.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${ALGOFF:?}"
. "$top_srcdir/tests/lib.sh"

# plan VARIANT STEP [prev_auto_helper]: the commands algoff would send
plan() {
	"$ALGOFF" apply --vendor openwrt --variant "$1" --dry-run --json --host 203.0.113.10 --user root --agent |
	/usr/bin/python3 -c '
import json, sys
step, prev = sys.argv[1], sys.argv[2]
for s in json.load(sys.stdin)["steps"]:
    if s["step"] != step:
        continue
    for c in (x["command"] for x in s["commands"]):
        if "<prev_auto_helper>" in c:
            if prev:
                print(c.replace("<prev_auto_helper>", prev))
        elif (c.startswith("uci delete") or c.endswith("auto_helper=1")) and prev:
            continue
        else:
            print(c)
' "$2" "${3:-}"
}
run() { ssh_dev "$1" "$2" 2>&1 | tr -d '\r'; }   # NAME COMMANDS (newline separated)

device_add fw4on openwrt
device_add fw4off openwrt auto_helper=0
device_add fw3on openwrt variant=fw3
device_add fw4drop openwrt
device_add fw4rej openwrt
device_add fw4app openwrt
device_add fw4appoff openwrt auto_helper=0
sshd_start

# ---------------------------------------------------------------- fw4
out=$(run fw4on "$(plan fw4 precheck)")
check "fw4: precheck sees the sip helper rule (alg-on)" has "$out" 'ct helper set "sip"'
check "fw4: auto_helper not set before" hasnt "$out" "auto_helper="
out=$(run fw4on "ls /sbin/fw4 /usr/sbin/firewall3 2>/dev/null")
check "fw4: version-detect output picks fw4" has "$out" '^/sbin/fw4$'
out=$(run fw4on "$(plan fw4 backup)")
check "fw4: backup holds /etc/config/firewall" has "$out" '^config defaults'
out=$(run fw4on "$(plan fw4 disable)")
check "fw4: disable prints no error" hasnt "$out" '^uci: |not found'
check "fw4: auto_helper committed 0" eq "$(emu_get fw4on config.auto_helper)" 0
check "fw4: firewall reloaded with 0" eq "$(emu_get fw4on running_auto_helper)" 0
out=$(run fw4on "$(plan fw4 verify)")
check "fw4: verify: no sip helper rule" hasnt "$out" 'ct helper set "sip"'
check "fw4: verify: auto_helper='0' (alg-off)" has "$out" "^firewall\\.@defaults\\[0\\]\\.auto_helper='0'"
out=$(run fw4on "$(plan fw4 rollback)")
check "fw4: rollback (option was unset) prints no error" hasnt "$out" '^uci: |not found'
check "fw4: rollback deleted the option again" eq "$(emu_get fw4on config.auto_helper)" null
out=$(run fw4on "$(plan fw4 precheck)")
check "fw4: after rollback the helper rule is back" has "$out" 'ct helper set "sip"'

out=$(run fw4off "$(plan fw4 precheck)")
check "fw4 already off: precheck has no helper rule" hasnt "$out" 'ct helper set "sip"'
check "fw4 already off: auto_helper='0'" has "$out" "auto_helper='0'"

# ---------------------------------------------------------------- fw3
out=$(run fw3on "ls /sbin/fw4 /usr/sbin/firewall3 2>/dev/null")
check "fw3: version-detect output picks fw3" has "$out" '^/usr/sbin/firewall3$'
out=$(run fw3on "$(plan fw3 precheck)")
check "fw3: precheck sees -j CT --helper sip" has "$out" '-j CT --helper sip'
run fw3on "$(plan fw3 disable)" >/dev/null
out=$(run fw3on "$(plan fw3 verify)")
check "fw3: verify: no CT --helper sip rule" hasnt "$out" '-j CT --helper sip'
check "fw3: verify: auto_helper='0'" has "$out" "auto_helper='0'"

# ---------------------------------------------------------------- faults
# drop after the first configuration command (interactive session)
emu_faults fw4drop drop_after=1
ssh_drive fw4drop <<'EOS'
expect root@OpenWrt:~# $
sendline uci set firewall.@defaults[0].auto_helper=0
expect root@OpenWrt:~# $
sendline uci commit firewall
eof
EOS
check "drop_after: link dropped on the 2nd command" [ $? = 0 ]
check "drop_after: exactly the 1st command applied" eq "$(emu_log fw4drop)" "uci set firewall.@defaults[0].auto_helper=0"
check "drop_after: nothing committed" eq "$(emu_get fw4drop config.auto_helper)" null
emu_faults fw4drop

emu_faults fw4rej 'reject=^uci commit'
out=$(run fw4rej "$(plan fw4 disable)")
check "reject: the device's error matches the profile's /^uci: / pattern" has "$out" '^uci: '
check "reject: not committed" eq "$(emu_get fw4rej config.auto_helper)" null
emu_faults fw4rej

# ---------------------------------------------------------------- algoff apply
probe=$("$ALGOFF" apply --vendor openwrt --host 127.0.0.1 --user x --password-env ALGOFF_TEST_PW 2>&1)
if printf '%s\n' "$probe" | grep -q 'only --dry-run is available'; then
	echo "SKIP: algoff apply over SSH is not in this build; end-to-end apply checks not run"
else
	A() { _n=$1; shift; "$ALGOFF" apply --vendor openwrt --host 127.0.0.1 --port "$(device_port "$_n")" \
		--user "$TEST_USER" --password-env ALGOFF_TEST_PW --known-hosts "$T/known_hosts" \
		--backup-dir "$T/backups-$_n" "$@"; }
	A fw4app --json >"$T/app.json" 2>"$T/app.err"; rc=$?
	check "apply: exit 0" eq "$rc" 0
	check "apply: emulator off" eq "$(emu_get fw4app running_auto_helper)" 0
	bk=$(ls "$T/backups-fw4app"/* 2>/dev/null | head -1)
	check "apply: backup file holds /etc/config/firewall" sh -c "grep -q '^config defaults' '$bk'"
	A fw4appoff --json >"$T/off.json" 2>&1
	check "apply already off: no configuration command reached the device" \
		sh -c "! /usr/bin/python3 '$EMUCTL' log '$(device_dir fw4appoff)' | grep -qE '^uci (set|delete|commit)|reload'"
	# drop: lines 1-6 (version, precheck x2, backup, uci set, uci commit) are
	# answered, the 7th (firewall reload) kills the link
	emu_set fw4app running_auto_helper '"1"'; emu_set fw4app config.auto_helper null
	emu_faults fw4app drop_after=6
	A fw4app --json >"$T/drop.json" 2>&1
	applied=$(/usr/bin/python3 -c 'import json,sys; print("\n".join(json.loads(open(sys.argv[1]).read().splitlines()[-1])["applied"]))' "$T/drop.json")
	check "apply drop: --json applied lists exactly uci set + uci commit" \
		eq "$applied" "uci set firewall.@defaults[0].auto_helper=0
uci commit firewall"
	check "apply drop: emulator committed, not reloaded" \
		eq "$(emu_get fw4app config.auto_helper)/$(emu_get fw4app running_auto_helper)" "0/1"
	emu_faults fw4app
	# reject the disable's first command: detected, rolled back
	emu_set fw4rej staged '{}'; emu_set fw4rej config.auto_helper null; emu_set fw4rej running_auto_helper null
	emu_faults fw4rej 'reject=auto_helper=0$'
	A fw4rej --json >"$T/rej.json" 2>&1; rc=$?
	check "apply reject: exit non-zero" [ "$rc" != 0 ]
	check "apply reject: reported as rejected" sh -c "grep -q 'device rejected' '$T/rej.json'"
	check "apply reject: rolled back (option unset, firewall reloaded)" \
		eq "$(emu_get fw4rej config.auto_helper)/$(emu_get fw4rej running_auto_helper)" "null/null"
	check "apply reject: rollback commands ran" sh -c "/usr/bin/python3 '$EMUCTL' log '$(device_dir fw4rej)' | tail -4 | grep -q '^uci delete'"
	emu_faults fw4rej
fi

finish vendor-openwrt
