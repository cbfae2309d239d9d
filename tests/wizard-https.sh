#!/bin/sh
# An HTTPS vendor (SonicWall, SonicOS API) in the wizard against its
# emulator on 127.0.0.1 with a certificate made here: an unknown TLS
# certificate is shown with its SHA-256 fingerprint and the wizard asks,
# as for an SSH host key; "n" sends nothing and records nothing; "y"
# records exactly that fingerprint and logs in (the precheck reads "on").
set -u
. "$top_srcdir/tests/wizard-lib.sh"
command -v openssl >/dev/null || skip "openssl not installed (apt-get install openssl)"
command -v python3 >/dev/null || skip "python3 not installed"
EMU_PID=""
trap '[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; wiz_cleanup' EXIT
trap 'exit 130' INT TERM

# a password made up here (the wizard reads it typed, the emulator from env)
ALGOFF_TEST_PW="pw-$$-Zq9x"
export ALGOFF_TEST_PW
D="$WIZ_T/emu"
mkdir -p "$D" "$WIZ_T/kh"
kh="$WIZ_T/kh/known_hosts"
certs="$WIZ_T/kh/algoff_known_certs"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=dev" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WIZ_T/dev.key" \
    -out "$WIZ_T/dev.pem" 2>/dev/null || skip "openssl cannot make a certificate"
fp="SHA256:$(openssl x509 -in "$WIZ_T/dev.pem" -outform DER |
    openssl dgst -sha256 -binary | openssl base64 -A | tr -d '=')"
printf '%s\n' '{"running": {"sip_enable": true, "consistent_nat": false}, "pending": {}, "logged_in": false, "commits": 0}' > "$D/state.json"
python3 "$top_srcdir/tests/emulators/sonicwall_api.py" --dir "$D" \
    --cert "$WIZ_T/dev.pem" --key "$WIZ_T/dev.key" \
    --password-env ALGOFF_TEST_PW --max-seconds 120 2>"$D/stderr" &
EMU_PID=$!
i=0
while [ ! -s "$D/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$D/port" ] || { cat "$D/stderr"; echo "FAIL: the emulator did not start"; exit 1; }
port=$(cat "$D/port")

to_form() {
	wiz_start "wizard"
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"; wiz_type "sonicwall"; wiz_wait "filter: sonicwall"
	wiz_gone "Fortinet"; wiz_keys Enter
	wiz_wait "How does algoff reach your SonicWall"
	wiz_type "127.0.0.1"; wiz_wait "127.0.0.1"; wiz_keys Tab C-u; wiz_type "$port"
	wiz_wait "$port"; wiz_keys Tab; wiz_type admin; wiz_wait admin; wiz_keys Tab
	wiz_screen | grep -q "< password >" || wiz_fail "authentication is not password"
	wiz_keys Tab; wiz_type "$ALGOFF_TEST_PW"; wiz_keys Tab C-u; wiz_type "$kh"
	wiz_wait "/kh/known_hosts"; wiz_keys Enter
	wiz_wait "does not know the TLS certificate" 30
	wiz_screen | grep -qF -- "$fp" || wiz_fail "not the certificate's fingerprint ($fp)"
}

to_form
wiz_keys n; wiz_gone "does not know the TLS certificate" 10
[ -s "$D/log.jsonl" ] && wiz_fail "a request reached the device after n"
[ -e "$certs" ] && wiz_fail "a certificate was recorded after n"
wiz_keys F10; wiz_wait "Quit algoff?"; wiz_keys y
pass "unknown TLS certificate: asked with its fingerprint; n sends and records nothing"

to_form
wiz_keys y
wiz_wait "The SIP ALG is ON on this device" 30
grep -qx "127.0.0.1:$port $fp" "$certs" || wiz_fail "the approved certificate is not recorded"
[ "$(grep -c "^127.0.0.1:$port " "$certs")" = 1 ] || wiz_fail "more than one line recorded"
wiz_quit_ok
pass "y: exactly that fingerprint recorded, logged in on a new connection, precheck on"
exit 0
