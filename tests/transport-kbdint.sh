#!/bin/sh
# Keyboard-interactive (PAM) authentication: password prompts are answered
# with the password, and only when the caller allows it.
# shellcheck disable=SC1091,SC2034,SC2016,SC2015,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
SSHD_KBDINT=1
SSHD_EXTRA='PasswordAuthentication no'
device_add sh shell
sshd_start
KH="$T/known_hosts"

probe sh -k "$KH" -P ALGOFF_TEST_PW -K -v -s 'echo algoff-$((6*7))' -m algoff-42
expect_ok "keyboard-interactive"
grep -q "authenticated with keyboard-interactive" "$T/err" || fail "not kbd-int"
grep -qF -- "$ALGOFF_TEST_PW" "$T/out" "$T/err" && fail "password leaked"
probe sh -k "$KH" -P ALGOFF_TEST_PW -s true
expect_err "kbd-int not allowed by the caller" AUTH
WRONG="x$ALGOFF_TEST_PW"; export WRONG
probe sh -k "$KH" -P WRONG -K -s true -T 15000
expect_err "kbd-int wrong password" AUTH
expect_msg "kbd-int wrong password" "keyboard-interactive (rejected)"
