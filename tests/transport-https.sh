#!/bin/sh
# tests/transport-https.sh - the HTTPS transport (src/transport/https.c)
# against the SonicOS and PAN-OS API emulators on 127.0.0.1 with
# certificates made here by `openssl req -x509`: unknown certificate
# refused with its fingerprint and nothing sent, accept-new records it,
# a changed certificate refused, a CA-signed certificate accepted without
# pinning, wrong credentials, the SonicOS and PAN-OS request flows with
# state checked in the emulators, faults (rejected set, connection dropped
# mid-commit), a bounded timeout, and no secret in any transcript.
set -u
: "${top_srcdir:?}"
PROBE="${top_builddir:-$top_srcdir}/tests/unit/https_probe"
EMU="$top_srcdir/tests/emulators"
npass=0
nfail=0
pass() { echo "PASS: $1"; npass=$((npass + 1)); }
bad() { echo "FAIL: $1"; nfail=$((nfail + 1)); }
skip() { echo "SKIP: $1"; exit 77; }

[ -x "$PROBE" ] || skip "$PROBE not built"
command -v openssl >/dev/null || skip "openssl not installed (apt-get install openssl)"
command -v python3 >/dev/null || skip "python3 not installed"

T=$(mktemp -d /tmp/algoff-https-XXXXXX)
EMU_PID=""
cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# Test credentials: made up here, never a real device's.
ALGOFF_TEST_PW="pw-$$-Zq9!x&y=1"
export ALGOFF_TEST_PW
WRONG_PW="not-the-password-$$"
export WRONG_PW

# mkcert NAME [CA]: self-signed (or CA-signed) certificate for 127.0.0.1.
mkcert() {
	if [ $# -lt 2 ]; then
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" \
			-addext "subjectAltName=IP:127.0.0.1" \
			-keyout "$T/$1.key" -out "$T/$1.pem" 2>/dev/null
		return
	fi
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" \
		-keyout "$T/$1.key" -out "$T/$1.csr" 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1\n' >"$T/$1.ext" &&
	openssl x509 -req -in "$T/$1.csr" -CA "$T/$2.pem" -CAkey "$T/$2.key" \
		-CAcreateserial -days 2 -extfile "$T/$1.ext" -out "$T/$1.pem" 2>/dev/null
}

# fp NAME: the certificate's fingerprint as the transport prints it.
fp() {
	printf 'SHA256:%s' "$(openssl x509 -in "$T/$1.pem" -outform DER |
		openssl dgst -sha256 -binary | openssl base64 -A | tr -d '=')"
}

# start EMULATOR CERT [faults...]: run it; sets PORT, DIR.
start() {
	stop
	_e=$1; _c=$2; shift 2
	DIR="$T/emu-$_e-$_c-$#"
	rm -rf "$DIR"; mkdir -p "$DIR"
	_f=""
	for x in "$@"; do _f="$_f --fault $x"; done
	# shellcheck disable=SC2086
	python3 "$EMU/$_e.py" --dir "$DIR" --cert "$T/$_c.pem" --key "$T/$_c.key" \
		--password-env ALGOFF_TEST_PW --max-seconds 120 $_f 2>"$DIR/stderr" &
	EMU_PID=$!
	_i=0
	while [ ! -s "$DIR/port" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	[ -s "$DIR/port" ] || { cat "$DIR/stderr"; bad "$_e did not start"; exit 1; }
	PORT=$(cat "$DIR/port")
}
stop() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
	EMU_PID=""
}

# run [probe options and command]: stdout+stderr in $T/out, exit in $rc.
run() {
	"$PROBE" --host 127.0.0.1 --port "$PORT" --known-certs "$T/known" \
		--transcript "$T/transcript" --password-env ALGOFF_TEST_PW "$@" \
		>"$T/out" 2>&1
	rc=$?
}
check() { # WHAT CONDITION...
	_w=$1; shift
	if "$@"; then pass "$_w"; else cat "$T/out"; bad "$_w"; fi
}
state() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$DIR/state.json" "$1"; }
nolog() { [ ! -s "$DIR/log.jsonl" ]; }
# nosecret FILE: neither the password nor its encoded forms appear.
nosecret() {
	_b64=$(printf 'admin:%s' "$ALGOFF_TEST_PW" | openssl base64 -A)
	! grep -qF -e "$ALGOFF_TEST_PW" -e "$_b64" -e 'Zq9%21x%26y%3D1' "$1"
}

mkcert dev1
mkcert dev2
mkcert ca
mkcert dev3 ca

# --- trust ------------------------------------------------------------
start sonicwall_api dev1
run sonicwall
check "unknown certificate refused (exit 3)" test "$rc" = 3
check "refusal shows the SHA-256 fingerprint" grep -qF "$(fp dev1)" "$T/out"
check "nothing reached the device before the refusal" nolog
check "no known-certificates file written when refused" test ! -e "$T/known"

run --accept-new sonicwall
check "accept-new: flow completes" test "$rc" = 0
check "accept-new: file records host:port and fingerprint" \
	grep -qx "127.0.0.1:$PORT $(fp dev1)" "$T/known"
check "known-certificates file is mode 0600" \
	test "$(stat -c %a "$T/known")" = 600
check "SonicOS: SIP transformations off in the running config" \
	test "$(state 'd["running"]["sip_enable"]')" = False
check "SonicOS: consistent NAT left alone" \
	test "$(state 'd["running"]["consistent_nat"]')" = False
check "SonicOS: one commit, nothing pending, logged out" \
	test "$(state '(d["commits"], d["pending"], d["logged_in"])')" = "(1, {}, False)"
check "SonicOS transcript: read back shows enable false" \
	grep -qF '"enable": false' "$T/transcript"
check "SonicOS transcript: Authorization redacted" \
	grep -qx '> Authorization: <redacted>' "$T/transcript"
check "SonicOS transcript and output hold no secret" nosecret "$T/transcript"
check "SonicOS output holds no secret" nosecret "$T/out"

run sonicwall
check "pinned certificate accepted without accept-new" test "$rc" = 0
check "pinned: one line only in the file" \
	test "$(grep -c "^127.0.0.1:$PORT " "$T/known")" = 1

# same port, another certificate: a changed certificate
OLDPORT=$PORT
stop
DIR="$T/emu-changed"; mkdir -p "$DIR"
python3 "$EMU/sonicwall_api.py" --dir "$DIR" --cert "$T/dev2.pem" --key "$T/dev2.key" \
	--password-env ALGOFF_TEST_PW --max-seconds 120 2>"$DIR/stderr" &
EMU_PID=$!
_i=0
while [ ! -s "$DIR/port" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
PORT=$(cat "$DIR/port")
# pretend dev2 answers where dev1 was recorded
sed -i "s/^127.0.0.1:$OLDPORT /127.0.0.1:$PORT /" "$T/known"
run --accept-new sonicwall
check "changed certificate refused even with accept-new (exit 3)" test "$rc" = 3
check "changed: message says CHANGED and names the file line" \
	grep -q "CHANGED.*$(fp dev2).*known line 2" "$T/out"
check "changed: nothing reached the device" nolog

start sonicwall_api dev3
# the kernel may hand out a port used above: no stale pin for it
sed -i "/^127.0.0.1:$PORT /d" "$T/known"
run --cafile "$T/ca.pem" sonicwall
check "CA-signed certificate accepted without pinning" test "$rc" = 0
check "CA-signed: not recorded" sh -c "! grep -q '^127.0.0.1:$PORT ' '$T/known'"
run sonicwall
check "same certificate without the CA: refused" test "$rc" = 3

# --- credentials and faults ------------------------------------------
start sonicwall_api dev1 wrong-credentials
run --accept-new sonicwall
check "SonicOS wrong credentials: exit 3, authentication error" \
	sh -c "[ $rc = 3 ] && grep -q 'authentication' '$T/out'"
check "SonicOS wrong credentials: no secret in transcript" nosecret "$T/transcript"

start sonicwall_api dev1 reject-set
run --accept-new sonicwall
check "SonicOS rejected PUT: refused (exit 1), nothing committed" \
	sh -c "[ $rc = 1 ] && [ \"\$(python3 -c 'import json;print(json.load(open(\"$DIR/state.json\"))[\"commits\"])')\" = 0 ]"

start sonicwall_api dev1 drop-commit
run --accept-new sonicwall
check "SonicOS connection dropped mid-commit: reported as dropped" \
	sh -c "[ $rc = 1 ] && grep -q 'closed the connection mid-request' '$T/out'"

# --- PAN-OS ---------------------------------------------------------------
start panos_api dev1
run --accept-new panos
check "PAN-OS: keygen, set, commit, job FIN" test "$rc" = 0
check "PAN-OS: alg-disabled yes in running config" \
	test "$(state 'd["running"]["sip_alg_disabled"]')" = yes
check "PAN-OS transcript: read back shows alg-disabled yes" \
	grep -q "<alg-disabled>yes</alg-disabled>" "$T/transcript"
check "PAN-OS transcript: X-PAN-KEY redacted" \
	grep -qx '> X-PAN-KEY: <redacted>' "$T/transcript"
KEY=$(state 'd["key"]')
check "PAN-OS: API key in no transcript or output" \
	sh -c "! grep -qF -e '$KEY' '$T/transcript' '$T/out'"
check "PAN-OS: password in no transcript" nosecret "$T/transcript"
check "PAN-OS: password in no output" nosecret "$T/out"

start panos_api dev1 wrong-credentials
run --accept-new panos
check "PAN-OS wrong credentials: exit 3" test "$rc" = 3

start panos_api dev1 drop-commit
run --accept-new panos
check "PAN-OS connection dropped mid-commit: reported as dropped" \
	grep -q 'closed the connection mid-request' "$T/out"

# --- bounded time and unknown requests ------------------------------------
start sonicwall_api dev1
run --accept-new get /api/sonicos/nosuch
check "unknown path: 404 from the emulator" grep -q ' -> 404' "$T/out"
# a listener that accepts TCP and never speaks TLS
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); time.sleep(10)' >"$T/mute.port" &
MUTE=$!
_i=0
while [ ! -s "$T/mute.port" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
t0=$(date +%s)
"$PROBE" --host 127.0.0.1 --port "$(cat "$T/mute.port")" --known-certs "$T/known" \
	--timeout-ms 1500 get / >"$T/out" 2>&1
rc=$?
t1=$(date +%s)
kill "$MUTE" 2>/dev/null
check "silent peer: timeout within the bound" \
	sh -c "[ $rc != 0 ] && [ $((t1 - t0)) -le 4 ] && grep -q 'in time' '$T/out'"

stop
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
