#!/bin/sh
# algoff apply authenticates with an identity file (ed25519 and ECDSA, with
# and without a passphrase), with ssh-agent, and explains the RSA case that
# Debian 12's libssh2 1.10 cannot sign for OpenSSH 8.8+.
. "$top_srcdir/tests/lib.sh"
device_add fw fortigate
sshd_start
P=$(device_port fw)
apply() { # apply [args] -> $rc, $T/out.json, $T/err.txt
    "$ALGOFF" apply --vendor fortigate --host 127.0.0.1 --port "$P" --user "$TEST_USER" \
        --known-hosts "$T/known_hosts" --backup-dir "$T/bk" --json "$@" \
        > "$T/out.json" 2> "$T/err.txt"
    rc=$?
}
reset() { emu_ctl fw init fortigate >/dev/null; rm -f "$(device_dir fw)/log.jsonl"; }
msg() { python3 -c "import json; print(json.load(open('$T/out.json'))['reason'])"; }

for k in ed25519 ecdsa; do
    reset; apply --identity "$T/id_$k"
    [ $rc -eq 0 ] || fail "$k identity: rc=$rc $(msg)"
    [ "$(emu_get fw settings.default-voip-alg-mode)" = kernel-helper-based ] || fail "$k: ALG still on"
    pass "identity file $k"
done

cp "$T/id_ed25519" "$T/id_pp"; chmod 600 "$T/id_pp"
ssh-keygen -q -p -P '' -N 'pp-secret-42' -f "$T/id_pp" >/dev/null || fail "ssh-keygen -p"
export PP=pp-secret-42 BADPP=wrong-pp
reset; apply --identity "$T/id_pp" --passphrase-env PP
[ $rc -eq 0 ] || fail "identity with passphrase: rc=$rc $(msg)"
grep -qF pp-secret-42 "$T/out.json" "$T/err.txt" && fail "the passphrase leaked"
pass "identity with a passphrase from the environment"
reset; apply --identity "$T/id_pp" --passphrase-env BADPP
[ $rc -ne 0 ] || fail "wrong passphrase accepted"
[ -z "$(emu_log fw)" ] || fail "commands sent with a wrong passphrase"
pass "wrong passphrase -> rc=$rc: $(msg)"

eval "$(ssh-agent -s -a "$T/agent.sock")" >/dev/null || fail "ssh-agent"
on_cleanup "kill $SSH_AGENT_PID 2>/dev/null"
ssh-add -q "$T/id_ed25519" 2>/dev/null || fail "ssh-add"
reset; apply --agent
[ $rc -eq 0 ] || fail "agent: rc=$rc $(msg)"
[ "$(emu_get fw settings.default-voip-alg-mode)" = kernel-helper-based ] || fail "agent: ALG still on"
pass "ssh-agent"
kill "$SSH_AGENT_PID"; unset SSH_AUTH_SOCK SSH_AGENT_PID

reset; apply --identity "$T/id_rsa"
[ $rc -eq 3 ] || fail "rsa identity: rc=$rc (want 3)"
msg | grep -q 'rsa-sha2' || fail "rsa message does not explain rsa-sha2: $(msg)"
[ -z "$(emu_log fw)" ] || fail "commands sent after a failed login"
pass "RSA key against OpenSSH 9: $(msg | cut -c1-150)"
