#!/bin/sh
# Self test of the vendor CLI emulators and the real-sshd harness (lib.sh).
# Runs the system OpenSSH client (key auth, strict host key checking) and
# Netmiko (password auth) against emulated FortiGate and Cisco IOS devices.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/lib.sh"

transcript_has() { grep -qF -- "$1" "$T/last.transcript" || { echo "    transcript lacks '$1'"; return 1; }; }

device_add fgt fortigate
device_add fgt21 fortigate sip_helper_id=21
device_add fgtdrop fortigate
device_add fgtbanner fortigate
device_add r1 cisco-ios
device_add r1nm cisco-ios
device_add r1priv cisco-ios login_privileged=true
device_add r1rej cisco-ios
device_add r1slow cisco-ios
sshd_start

emu_set fgt settings.sip-expectation enable

# ---------------------------------------------------------------- FortiGate
ssh_drive fgt <<'EOF'
expect FGT-EMU # $
sendline config system settings
expect FGT-EMU \(settings\) # $
sendline set sip-expectation disable
expect \(settings\) # $
sendline set default-voip-alg-mode kernel-helper-based
expect \(settings\) # $
sendline set no-such-field 1
expect command parse error before 'no-such-field'\r?\nCommand fail. Return code -61
sendline end
expect FGT-EMU # $
sendline config system session-helper
expect FGT-EMU \(session-helper\) # $
sendline edit 13
expect FGT-EMU \(13\) # $
sendline next
expect \(session-helper\) # $
sendline delete 13
expect \(session-helper\) # $
sendline end
expect FGT-EMU # $
sendline exit
eof
EOF
check "fortigate: interactive session ran" [ $? = 0 ]
check "fortigate: sip-expectation disabled" eq "$(emu_get fgt settings.sip-expectation)" disable
check "fortigate: default-voip-alg-mode kernel-helper-based" \
	eq "$(emu_get fgt settings.default-voip-alg-mode)" kernel-helper-based
check "fortigate: sip session-helper deleted" eq "$(emu_helper_id fgt sip)" ""
check "fortigate: other helpers kept" eq "$(emu_get fgt session_helper.12.name)" pmap
check "fortigate: unknown field error string" \
	transcript_has "Command fail. Return code -61"
check "fortigate: log records the bad set as not applied" \
	sh -c "! $EMUCTL log $(device_dir fgt) | grep -q no-such-field"

out=$(ssh_dev fgt21 "show system session-helper")
check "fortigate: exec mode show session-helper has sip at 21" \
	sh -c 'printf "%s\n" "$1" | tr -d "\r" | grep -A1 "^    edit 21\$" | grep -q "set name sip"' _ "$out"
check "fortigate: helper-id 21" eq "$(emu_helper_id fgt21)" 21
out=$(ssh_dev fgt "get system status" | tr -d '\r')
check "fortigate: get system status version line" \
	sh -c 'printf "%s\n" "$1" | grep -qx "Version: FortiGate-VM64 v7.2.5,build1517,230606 (GA.F)"' _ "$out"
out=$(ssh_dev fgt "show full-configuration" | tr -d '\r')
check "fortigate: show full-configuration > 100 lines" [ "$(printf '%s\n' "$out" | wc -l)" -gt 100 ]
check "fortigate: full-configuration has sip-expectation disable" \
	sh -c 'printf "%s\n" "$1" | grep -qx "    set sip-expectation disable"' _ "$out"

# pager (console output more is the default)
ssh_drive fgt <<'EOF'
expect FGT-EMU # $
sendline show full-configuration
expect  --More-- $
send \x20
expect  --More-- $
send \r
expect  --More-- $
send q
expect FGT-EMU # $
sendline config system console
expect \(console\) # $
sendline set output standard
expect \(console\) # $
sendline end
expect FGT-EMU # $
sendline show full-configuration system session-helper
expect ^end\r?\nFGT-EMU # $
sendline exit
eof
EOF
check "fortigate: pager shows --More-- and obeys space/enter/q" [ $? = 0 ]
check "fortigate: console output standard stored" eq "$(emu_get fgt console.output)" standard
check "fortigate: no pager after set output standard" \
	sh -c "[ \$(grep -c -- '--More--' '$T/last.transcript') = 3 ]"

# drop_after: 3 commands applied, the 4th line kills the connection
emu_faults fgtdrop drop_after=3
ssh_drive fgtdrop <<'EOF'
expect FGT-EMU # $
sendline config system settings
expect \(settings\) # $
sendline set sip-expectation enable
expect \(settings\) # $
sendline set sip-nat-trace disable
expect \(settings\) # $
sendline set default-voip-alg-mode kernel-helper-based
eof
EOF
check "drop_after: connection dropped on the 4th command" [ $? = 0 ]
check "drop_after: exactly 3 commands applied" eq "$(emu_log fgtdrop | wc -l)" 3
check "drop_after: sip-expectation applied" eq "$(emu_get fgtdrop settings.sip-expectation)" enable
check "drop_after: sip-nat-trace applied" eq "$(emu_get fgtdrop settings.sip-nat-trace)" disable
check "drop_after: 4th command not applied" \
	eq "$(emu_get fgtdrop settings.default-voip-alg-mode)" proxy-based
emu_faults fgtdrop

# post-login banner
emu_faults fgtbanner "banner=Authorized use only.\n(Press 'a' to accept):"
ssh_drive fgtbanner <<'EOF'
expect \(Press 'a' to accept\):
send a
expect FGT-EMU # $
sendline exit
eof
EOF
check "fortigate: post-login banner accepted with 'a'" [ $? = 0 ]

# ---------------------------------------------------------------- Cisco IOS
ssh_drive r1 <<'EOF'
expect ^R1>$
sendline show running-config
expect % Invalid input detected at '\^' marker.
expect R1>$
sendline enable
expect Password: $
sendline wrong-secret
expect Password: $
sendline enable-secret-emu
expect ^R1#$
sendline terminal length 0
expect R1#$
sendline configure terminal
expect Enter configuration commands, one per line.  End with CNTL/Z.
expect R1\(config\)#$
sendline no ip nat service sip udp port 5060
expect R1\(config\)#$
sendline no ip nat service sip tcp port 5060
expect R1\(config\)#$
sendline no ip nat service sip
expect % Incomplete command.
expect R1\(config\)#$
sendline end
expect ^R1#$
sendline show running-config
expect ^no ip nat service sip udp port 5060
expect ^end
expect R1#$
sendline exit
eof
EOF
check "ios: interactive session ran" [ $? = 0 ]
check "ios: running udp 5060 off" eq "$(emu_get r1 running.sip_alg.udp-5060)" false
check "ios: running tcp 5060 off" eq "$(emu_get r1 running.sip_alg.tcp-5060)" false
check "ios: startup still on before save" eq "$(emu_get r1 startup.sip_alg.udp-5060)" true
check "ios: running-config has no ip nat service sip tcp" \
	transcript_has "no ip nat service sip tcp port 5060"
check "ios: caret line under the bad token" \
	sh -c "grep -q '^        \\^' '$T/last.transcript'"

ssh_drive r1 <<'EOF'
expect ^R1>$
sendline enable
expect Password: $
sendline enable-secret-emu
expect ^R1#$
sendline show startup-config
expect --More--
send q
expect R1#$
sendline copy running-config startup-config
expect Destination filename \[startup-config\]\? $
send \r
expect Building configuration...\r?\n\[OK\]
expect R1#$
sendline exit
eof
EOF
check "ios: pager at terminal length 24 and copy run start" [ $? = 0 ]
check "ios: startup udp 5060 off after save" eq "$(emu_get r1 startup.sip_alg.udp-5060)" false
check "ios: startup tcp 5060 off after save" eq "$(emu_get r1 startup.sip_alg.tcp-5060)" false

ssh_drive r1priv <<'EOF'
expect ^R1#$
sendline write memory
expect \[OK\]
sendline exit
eof
EOF
check "ios: login_privileged lands at R1#" [ $? = 0 ]

ssh_drive r1 <<'EOF'
expect ^R1>$
sendline enable
expect Password: $
sendline bad1
expect Password: $
sendline bad2
expect Password: $
sendline bad3
expect % Bad secrets
expect ^R1>$
sendline exit
eof
EOF
check "ios: three bad enable secrets -> % Bad secrets" [ $? = 0 ]

# reject fault
emu_faults r1rej 'reject=^no ip nat service sip tcp'
ssh_drive r1rej <<'EOF'
expect ^R1>$
sendline enable
expect Password: $
sendline enable-secret-emu
expect R1#$
sendline conf t
expect R1\(config\)#$
sendline no ip nat service sip udp port 5060
expect R1\(config\)#$
sendline no ip nat service sip tcp port 5060
expect % Invalid input detected at '\^' marker.
expect R1\(config\)#$
sendline end
expect R1#$
sendline exit
eof
EOF
check "reject: error string printed" [ $? = 0 ]
check "reject: rejected command not applied" eq "$(emu_get r1rej running.sip_alg.tcp-5060)" true
check "reject: other command applied" eq "$(emu_get r1rej running.sip_alg.udp-5060)" false

# no_prompt_after: the device goes silent
emu_faults r1slow no_prompt_after=1 slow_ms=50
ssh_drive r1slow --timeout 2 <<'EOF' >/dev/null
expect ^R1>$
sendline terminal length 0
expect R1>$
sendline show version
expect Cisco IOS XE Software
EOF
check "no_prompt_after: no answer after the 1st command" [ $? = 1 ]
check "no_prompt_after: only 1 command applied" eq "$(emu_log r1slow | wc -l)" 1
emu_faults r1slow

# Netmiko (Debian python3-netmiko 2.4.2), password + enable secret
if /usr/bin/python3 -c 'import netmiko' 2>/dev/null; then
	/usr/bin/python3 - "$(device_port r1nm)" "$TEST_USER" >"$T/netmiko.out" 2>&1 <<'EOF'
import os, sys
from netmiko import ConnectHandler
port, user = int(sys.argv[1]), sys.argv[2]
c = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                   username=user, password=os.environ["ALGOFF_TEST_PW"],
                   secret="enable-secret-emu", timeout=20, banner_timeout=20,
                   auth_timeout=20, allow_agent=False, use_keys=False,
                   ssh_config_file=None)
c.enable()
assert c.find_prompt() == "R1#", c.find_prompt()
out = c.send_config_set(["no ip nat service sip udp port 5060",
                         "no ip nat service sip tcp port 5060"])
print(out)
assert "Invalid" not in out
out = c.save_config()
print(out)
assert "[OK]" in out
run = c.send_command("show running-config")
assert "no ip nat service sip udp port 5060" in run
c.disconnect()
print("NETMIKO-OK")
EOF
	_nm=$?
	[ $_nm = 0 ] || cat "$T/netmiko.out"
	check "netmiko: cisco_ios password login, send_config_set, save_config" [ $_nm = 0 ]
	check "netmiko: startup changed" eq "$(emu_get r1nm startup.sip_alg.tcp-5060)" false

	/usr/bin/python3 - "$(device_port fgt21)" "$TEST_USER" >"$T/netmiko-fgt.out" 2>&1 <<'EOF'
import os, sys
from netmiko import ConnectHandler
port, user = int(sys.argv[1]), sys.argv[2]
c = ConnectHandler(device_type="fortinet", host="127.0.0.1", port=port,
                   username=user, password=os.environ["ALGOFF_TEST_PW"],
                   timeout=20, allow_agent=False, use_keys=False)
out = c.send_command("show system session-helper")
assert "set name sip" in out, out
c.disconnect()
print("NETMIKO-FGT-OK")
EOF
	_nm=$?
	[ $_nm = 0 ] || cat "$T/netmiko-fgt.out"
	check "netmiko: fortinet login (paging off/restore), show" [ $_nm = 0 ]
	check "netmiko: fortinet restored console output more" eq "$(emu_get fgt21 console.output)" more
else
	echo "SKIP: netmiko not installed (python3-netmiko); Netmiko checks not run"
fi

# restart with legacy-only algorithms (SSHD_EXTRA goes first and wins) and
# keyboard-interactive through PAM
sshd_stop
SSHD_EXTRA='KexAlgorithms diffie-hellman-group14-sha1
HostKeyAlgorithms ssh-rsa'
SSHD_KBDINT=1
sshd_start
out=$(ssh_dev r1 -o KexAlgorithms=diffie-hellman-group14-sha1 \
	-o HostKeyAlgorithms=ssh-rsa "show clock" 2>&1)
check "SSHD_EXTRA: legacy kex + ssh-rsa host key accepted" \
	sh -c 'printf "%s" "$1" | grep -q UTC' _ "$out"
if ssh_dev r1 -o KexAlgorithms=curve25519-sha256 "show clock" >/dev/null 2>&1; then _r=1; else _r=0; fi
check "SSHD_EXTRA: modern-only client refused" [ $_r = 0 ]
/usr/bin/python3 - "$(device_port r1)" "$TEST_USER" >"$T/kbdint.out" 2>&1 <<'EOF2'
import os, socket, sys, time
import paramiko
port, user = int(sys.argv[1]), sys.argv[2]
t = paramiko.Transport(socket.create_connection(("127.0.0.1", port), timeout=10))
t.start_client(timeout=10)
t.auth_interactive(user, lambda title, instr, prompts:
                   [os.environ["ALGOFF_TEST_PW"] for _ in prompts])
ch = t.open_session()
ch.settimeout(10)
ch.get_pty()
ch.invoke_shell()
buf = b""
end = time.time() + 10
while not buf.endswith(b"R1>") and time.time() < end:
    buf += ch.recv(1024)
t.close()
assert buf.endswith(b"R1>"), buf
print("KBDINT-OK")
EOF2
_ki=$?
[ $_ki = 0 ] || cat "$T/kbdint.out"
check "keyboard-interactive (PAM) password login" [ $_ki = 0 ]

finish emu-selftest
