#!/bin/sh
# Legacy algorithms: an sshd that offers only SHA-1 key exchange, ssh-rsa
# host keys and a CBC cipher is refused unless legacy crypto is asked for;
# the refusal lists what the server offered and suggests --legacy-crypto.
# shellcheck disable=SC1091,SC2034,SC2016,SC2015,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
SSHD_EXTRA='KexAlgorithms diffie-hellman-group14-sha1
HostKeyAlgorithms ssh-rsa
Ciphers aes256-cbc'
device_add old shell
sshd_start
ID="$T/id_ed25519"

probe old -k "$T/known_hosts" -i "$ID" -x true
expect_err "legacy-only server, modern client" CONNECT
expect_msg "server's kex listed" "server offers: diffie-hellman-group14-sha1"
expect_msg "server's host key listed" "server offers: ssh-rsa"
expect_msg "hint" "--legacy-crypto"
probe old -k "$T/known_hosts" -i "$ID" -L -x 'echo legacy-ok'
expect_ok "legacy-only server with legacy crypto"
grep -q 'kex=diffie-hellman-group14-sha1 hostkey=ssh-rsa cipher=aes256-cbc' "$T/err" || { cat "$T/err"; fail "negotiated algorithms"; }
grep -qx legacy-ok "$T/out" || fail "exec output"
