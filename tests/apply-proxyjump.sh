#!/bin/sh
# algoff apply through a bastion (ProxyJump) given by an OpenSSH client
# configuration (-F): a second real sshd on 127.0.0.1 is the bastion
# (AllowTcpForwarding yes, its own host key, key login), the FortiGate
# emulator's sshd listens on 127.0.0.2. The bastion's log (LogLevel DEBUG1)
# must show the direct-tcpip forwarding to the device; the bastion's host
# key is checked like the device's (unknown -> 3, --accept-new-host-key
# adds it, changed -> 3); two hops chain; -v traces without secrets.
. "$top_srcdir/tests/lib.sh"
SSHD_ADDR=127.0.0.2
device_add fw fortigate sip_helper_id=21
sshd_start
unset SSH_AUTH_SOCK
DEVPORT=$(device_port fw)

# the bastion: its own host key and config, key login only
ssh-keygen -q -t ed25519 -N '' -C bastion -f "$T/bastion_key" || fail "ssh-keygen bastion"
SSHD_ADDR=127.0.0.1
BPORT=$(_alloc_ports 1)
cat >"$T/bastion.cfg" <<EOF2
ListenAddress 127.0.0.1:$BPORT
HostKey $T/bastion_key
PidFile none
AuthorizedKeysFile $T/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowUsers $TEST_USER
AllowTcpForwarding yes
PermitOpen any
X11Forwarding no
UseDNS no
LogLevel DEBUG1
EOF2
/usr/sbin/sshd -t -f "$T/bastion.cfg" || fail "sshd -t rejected the bastion config"
/usr/sbin/sshd -D -e -f "$T/bastion.cfg" >"$T/bastion.log" 2>&1 &
SSHD_PIDS="$SSHD_PIDS $!"
_wait_ports 20 "$BPORT" || { cat "$T/bastion.log"; fail "bastion sshd did not start"; }

BKEY="[127.0.0.1]:$BPORT $(cut -d' ' -f1,2 "$T/bastion_key.pub")"
KH=$T/kh
cat >"$T/ssh_config" <<EOF2
# a comment, and keywords algoff ignores
ServerAliveInterval 30
Host fw
    HostName 127.0.0.2
    Port $DEVPORT
    User $TEST_USER
    ProxyJump bastion
Host fw2hops
    HostName 127.0.0.2
    Port $DEVPORT
    User $TEST_USER
    ProxyJump bastion,bastion
Host bastion
    HostName 127.0.0.1
    Port $BPORT
    User $TEST_USER
    IdentityFile $T/id_ed25519
    IdentitiesOnly yes
EOF2

apply() { # apply HOST [extra args] -> rc, $T/out.json, $T/err.txt
    _h=$1; shift
    "$ALGOFF" apply --vendor fortigate -F "$T/ssh_config" --host "$_h" \
        --password-env ALGOFF_TEST_PW --known-hosts "$KH" \
        --backup-dir "$T/bk" --timeout 5 --json "$@" >"$T/out.json" 2>"$T/err.txt"
    rc=$?
}
reset() { emu_ctl fw init fortigate sip_helper_id=21 >/dev/null; rm -f "$(device_dir fw)/log.jsonl"; }
nlog() { emu_log fw | grep -c . ; }
forwards() { grep -c "direct-tcpip.*127.0.0.2.*$DEVPORT\|127.0.0.2 port $DEVPORT" "$T/bastion.log"; }

# 1. The bastion's host key is unknown: exit 3, nothing reaches the device.
cp "$T/known_hosts" "$KH"
reset
apply fw
[ $rc -eq 3 ] || fail "unknown bastion key rc=$rc: $(cat "$T/err.txt")"
grep -q "127.0.0.1 port $BPORT" "$T/out.json" || fail "the refusal does not name the bastion: $(cat "$T/out.json")"
[ "$(forwards)" -eq 0 ] || fail "the bastion forwarded although its key was refused"
[ "$(nlog)" -eq 0 ] || fail "commands reached the device"
pass "unknown bastion host key -> 3, nothing forwarded"

# 2. --accept-new-host-key adds it; on -> off through the bastion.
apply fw --accept-new-host-key
[ $rc -eq 0 ] || fail "apply through the bastion rc=$rc: $(cat "$T/err.txt") $(cat "$T/out.json")"
grep -qF "$BKEY" "$KH" || fail "the bastion key was not added to $KH"
[ "$(emu_get fw settings.sip-expectation)" = disable ] || fail "sip-expectation still on"
[ -z "$(emu_helper_id fw)" ] || fail "session-helper sip still there"
[ "$(forwards)" -ge 1 ] || { cat "$T/bastion.log"; fail "the bastion's log shows no forwarding to 127.0.0.2:$DEVPORT"; }
pass "on -> off through the bastion ($(grep -m1 "127.0.0.2" "$T/bastion.log" | sed 's/^.*debug1: //'))"

# 3. Two hops (the bastion through itself), with -v.
reset
n0=$(forwards)
apply fw2hops -v
[ $rc -eq 0 ] || fail "two hops rc=$rc: $(cat "$T/err.txt")"
grep -q "target 127.0.0.1 port $BPORT" "$T/bastion.log" || fail "the first hop did not forward to the second"
[ "$(forwards)" -gt "$n0" ] || fail "no new forwarding for two hops"
grep -c "direct-tcpip channel to" "$T/err.txt" | grep -qx 2 || fail "-v does not show two channels: $(cat "$T/err.txt")"
grep -q "negotiated kex=" "$T/err.txt" || fail "-v lacks the negotiation"
grep -q "authenticated with" "$T/err.txt" || fail "-v lacks authentication"
grep -q "session: prompt matched after [0-9]* ms" "$T/err.txt" || fail "-v lacks the prompts matched"
grep -qF -- "$ALGOFF_TEST_PW" "$T/err.txt" "$T/out.json" && fail "a secret leaked with -v"
pass "two hops, -v traces negotiation, authentication, channels and prompts"

# 4. batch: ssh-config= (relative to the answer file) gives host, port,
#    user and the jump; -F none overrides it (then the user is missing).
reset
n0=$(forwards)
mkdir -p "$T/b"
cat >"$T/b/batch.xml" <<EOF2
<?xml version="1.0" encoding="UTF-8"?>
<algoff-batch version="1">
  <defaults ssh-config="../ssh_config" password-env="ALGOFF_TEST_PW"
            known-hosts="../kh" backup-dir="../bk" timeout="10"/>
  <device name="fw" vendor="fortigate" host="fw"/>
</algoff-batch>
EOF2
"$ALGOFF" batch "$T/b/batch.xml" --json "$T/b.json" >"$T/b.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "batch through the bastion rc=$rc: $(cat "$T/b.out")"
[ "$(forwards)" -gt "$n0" ] || fail "batch did not go through the bastion"
[ "$(emu_get fw settings.sip-expectation)" = disable ] || fail "batch: sip-expectation still on"
"$ALGOFF" batch "$T/b/batch.xml" -F none --dry-run >"$T/b.out" 2>&1
rc=$?
[ $rc -eq 2 ] || fail "batch -F none rc=$rc"
grep -q 'user: missing' "$T/b.out" || fail "batch -F none: $(cat "$T/b.out")"
pass "batch: ssh-config= relative to the answer file, -F none overrides it"

# 5. UserKnownHostsFile and HostKeyAlias from the configuration: the
#    device's key is recorded under the alias only, in the file it names.
reset
{
    echo "fw-key $(cut -d' ' -f1,2 "$T/ssh_host_ed25519_key.pub")"
    echo "$BKEY"
} >"$T/kh_alias"
cat >>"$T/ssh_config" <<EOF2
Host fwalias
    HostName 127.0.0.2
    Port $DEVPORT
    User $TEST_USER
    ProxyJump bastion
    HostKeyAlias fw-key
    UserKnownHostsFile $T/kh_alias
EOF2
"$ALGOFF" apply --vendor fortigate -F "$T/ssh_config" --host fwalias \
    --password-env ALGOFF_TEST_PW --backup-dir "$T/bk" --timeout 5 --json >"$T/out.json" 2>"$T/err.txt"
rc=$?
[ $rc -eq 0 ] || fail "HostKeyAlias/UserKnownHostsFile rc=$rc: $(cat "$T/err.txt")"
grep -v '^fw-key' "$T/kh_alias" >"$T/kh_alias.new"; mv "$T/kh_alias.new" "$T/kh_alias"
reset
"$ALGOFF" apply --vendor fortigate -F "$T/ssh_config" --host fwalias \
    --password-env ALGOFF_TEST_PW --backup-dir "$T/bk" --timeout 5 --json >"$T/out.json" 2>"$T/err.txt"
rc=$?
[ $rc -eq 3 ] || fail "without the alias entry rc=$rc"
grep -q 'fw-key' "$T/out.json" || fail "the refusal does not name the alias: $(cat "$T/out.json")"
[ "$(nlog)" -eq 0 ] || fail "commands reached the device"
pass "HostKeyAlias and UserKnownHostsFile from the configuration"

# 6. A changed bastion key is refused.
ssh-keygen -q -t ed25519 -N '' -f "$T/other_key" || fail "ssh-keygen"
grep -vF "$BKEY" "$KH" >"$KH.new"
echo "[127.0.0.1]:$BPORT $(cut -d' ' -f1,2 "$T/other_key.pub")" >>"$KH.new"
mv "$KH.new" "$KH"
reset
apply fw --accept-new-host-key
[ $rc -eq 3 ] || fail "changed bastion key rc=$rc"
grep -q "CHANGED" "$T/out.json" "$T/err.txt" || fail "no changed-key warning: $(cat "$T/out.json")"
[ "$(nlog)" -eq 0 ] || fail "commands reached the device past a changed bastion key"
pass "changed bastion host key -> 3"

# 7. A bad configuration line: exit 2 with file:line.
printf 'Host fw\n    Port 70000\n' >"$T/bad_config"
"$ALGOFF" apply --vendor fortigate -F "$T/bad_config" --host fw --user u \
    --password-env ALGOFF_TEST_PW --dry-run >"$T/out.txt" 2>&1
rc=$?
[ $rc -eq 2 ] || fail "bad config rc=$rc"
grep -q "bad_config:2: Port" "$T/out.txt" || fail "no file:line: $(cat "$T/out.txt")"
pass "bad configuration value -> 2 with file:line"
