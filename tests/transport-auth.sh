#!/bin/sh
# Transport authentication against a real sshd: password, ed25519 and
# ECDSA keys; a wrong password and an RSA key (libssh2 1.10 signs only
# ssh-rsa, refused by OpenSSH 8.8+) fail with clear messages; the shell
# stream carries a command and its output; exec returns the exit status;
# the password never appears in the trace.
# shellcheck disable=SC1091,SC2034,SC2016,SC2015,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
device_add sh shell
sshd_start
KH="$T/known_hosts"

probe sh -k "$KH" -P ALGOFF_TEST_PW -v -s 'echo algoff-$((6*7))' -m algoff-42
expect_ok "password + shell stream"
grep -qF -- "$ALGOFF_TEST_PW" "$T/out" "$T/err" && fail "password leaked into trace/output"
WRONG="x$ALGOFF_TEST_PW"; export WRONG
probe sh -k "$KH" -P WRONG -s true
expect_err "wrong password" AUTH
expect_msg "wrong password" "password (rejected)"
grep -qF -- "$WRONG" "$T/err" && fail "wrong password leaked into the message"
for k in ed25519 ecdsa; do
	probe sh -k "$KH" -i "$T/id_$k" -s 'echo algoff-$((6*7))' -m algoff-42
	expect_ok "$k key"
done
probe sh -k "$KH" -i "$T/id_rsa" -s true
expect_err "rsa key refused" AUTH
expect_msg "rsa key message" "rsa-sha2"
expect_msg "rsa key message" "ed25519 or ECDSA"
probe sh -k "$KH" -i "$T/id_rsa" -P ALGOFF_TEST_PW -x true
expect_ok "rsa refused, then password accepted"
probe sh -k "$KH" -i "$T/id_ed25519" -x 'echo out; echo err >&2; exit 3'
expect_ok "exec"
grep -qx 'EXIT=3' "$T/out" && grep -qx out "$T/out" && grep -qx err "$T/out" || { cat "$T/out"; fail "exec output"; }
probe sh -k "$KH" -i "$T/id_ed25519" -s 'exit' -w 5000
expect_err "shell closed by the peer" DROPPED
probe sh -k "$KH" -s true
expect_err "no credentials" AUTH
expect_msg "no credentials" "no usable credentials"
