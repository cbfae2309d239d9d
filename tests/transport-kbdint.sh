#!/bin/sh
# Keyboard-interactive (PAM) authentication: password prompts are answered
# with the password, and only when the caller allows it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
SSHD_KBDINT=1
SSHD_EXTRA='PasswordAuthentication no'
device_add sh shell
sshd_start
KH="-k $T/known_hosts"

probe sh $KH -P ALGOFF_TEST_PW -K -v -s 'echo algoff-$((6*7))' -m algoff-42
expect_ok "keyboard-interactive"
grep -q "authenticated with keyboard-interactive" "$T/err" || fail "not kbd-int"
grep -qF -- "$ALGOFF_TEST_PW" "$T/out" "$T/err" && fail "password leaked"
probe sh $KH -P ALGOFF_TEST_PW -s true
expect_err "kbd-int not allowed by the caller" AUTH
WRONG="x$ALGOFF_TEST_PW"; export WRONG
probe sh $KH -P WRONG -K -s true -T 15000
expect_err "kbd-int wrong password" AUTH
expect_msg "kbd-int wrong password" "keyboard-interactive (rejected)"
