#!/bin/sh
# tests/vendors-https.sh - `algoff apply` on the HTTPS families (method
# https in vendors/) against their API emulators (tests/emulators/) on
# 127.0.0.1 with certificates made here: on -> off, already off, wrong
# credentials (exit 3), unknown and changed certificate (exit 3, nothing
# sent), a rejected request rolled back, the connection dropped mid-commit
# (reported with what was applied), an answer that says neither on nor off
# (exit 1, nothing sent), the dry run, and no secret in any output.
set -u
: "${top_srcdir:?}"
ALGOFF="${ALGOFF:-${top_builddir:-.}/algoff}"
EMU="$top_srcdir/tests/emulators"
npass=0
nfail=0
pass() { echo "PASS: $1"; npass=$((npass + 1)); }
bad() { echo "FAIL: $1"; nfail=$((nfail + 1)); }
skip() { echo "SKIP: $1"; exit 77; }

[ -x "$ALGOFF" ] || skip "$ALGOFF not built"
command -v openssl >/dev/null || skip "openssl not installed (apt-get install openssl)"
command -v python3 >/dev/null || skip "python3 not installed"

T=$(mktemp -d /tmp/algoff-vhttps-XXXXXX)
EMU_PID=""
cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# Test credentials: made up here, never a real device's.
ALGOFF_TEST_PW="pw-$$-Zq9!x&y=1"
WRONG_PW="not-the-password-$$"
export ALGOFF_TEST_PW WRONG_PW

mkcert() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" \
		-addext "subjectAltName=IP:127.0.0.1" \
		-keyout "$T/$1.key" -out "$T/$1.pem" 2>/dev/null
}
fp() {
	printf 'SHA256:%s' "$(openssl x509 -in "$T/$1.pem" -outform DER |
		openssl dgst -sha256 -binary | openssl base64 -A | tr -d '=')"
}

# start EMULATOR CERT [STATE-JSON] [faults...]: sets PORT, DIR.
start() {
	stop
	_e=$1; _c=$2; _s=$3; shift 3
	DIR="$T/emu-$_e-$_c-$$-$(date +%s%N)"
	mkdir -p "$DIR"
	[ -n "$_s" ] && printf '%s\n' "$_s" >"$DIR/state.json"
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
# run VENDOR [options]: stdout in $T/out, stderr in $T/err, exit in $rc.
run() {
	_v=$1; shift
	"$ALGOFF" apply --vendor "$_v" --host 127.0.0.1 --port "$PORT" \
		--user admin --password-env "${PWVAR:-ALGOFF_TEST_PW}" \
		--known-hosts "$T/known_hosts" --backup-dir "$T/backups" \
		--transcript "$T/transcript" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
check() { # WHAT CONDITION...
	_w=$1; shift
	if "$@"; then pass "$_w"; else cat "$T/out" "$T/err"; bad "$_w"; fi
}
state() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$DIR/state.json" "$1"; }
nolog() { [ ! -s "$DIR/log.jsonl" ]; }
# sent METHOD PATH-PREFIX: how many such requests reached the emulator
sent() { grep -c "\"method\": \"$1\", \"path\": \"$2" "$DIR/log.jsonl" 2>/dev/null || true; }
nosecret() {
	_b64=$(printf 'admin:%s' "$ALGOFF_TEST_PW" | openssl base64 -A)
	! grep -qF -e "$ALGOFF_TEST_PW" -e "$_b64" -e 'Zq9%21x%26y%3D1' "$@"
}
: >"$T/known_hosts"

mkcert dev1
mkcert dev2
ON_SW='{"running": {"sip_enable": true, "consistent_nat": false}, "pending": {}, "logged_in": false, "commits": 0}'
OFF_SW='{"running": {"sip_enable": false, "consistent_nat": false}, "pending": {}, "logged_in": false, "commits": 0}'

# --- SonicWall (SonicOS API) ----------------------------------------------
"$ALGOFF" vendors --json >"$T/out" 2>"$T/err"
check "sonicwall: vendors --json says method https, evidence documented" \
	python3 -c 'import json,sys
v=[x for x in json.load(open(sys.argv[1]))["vendors"] if x["id"]=="sonicwall"][0]
assert v["method"]=="https" and v["evidence"]=="documented", v' "$T/out"

"$ALGOFF" apply --vendor sonicwall --dry-run >"$T/out" 2>"$T/err"
check "sonicwall dry run: the exact requests, commit before the read back" \
	sh -c "grep -q '1> PUT /api/sonicos/voip {\"voip\":{\"sip\":{\"enable\":false}}}' '$T/out' &&
	grep -q 'POST /api/sonicos/auth.*<password>' '$T/out' &&
	[ \$(grep -n 'save:' '$T/out' | cut -d: -f1) -lt \$(grep -n 'verify:' '$T/out' | cut -d: -f1) ]"
check "sonicwall dry run: the web steps stay available" \
	grep -q 'Enable SIP Transformations checkbox' "$T/out"
"$ALGOFF" apply --vendor sonicwall --dry-run --json >"$T/out" 2>"$T/err"
check "sonicwall dry run --json: method, evidence, requests, commit before verify" \
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert d["method"]=="https" and d["evidence"]=="documented", d
assert d["login"][0]["command"]=="POST /api/sonicos/auth", d["login"]
assert d["logout"][0]["command"]=="DELETE /api/sonicos/auth"
st=[x["step"] for x in d["steps"]]
assert st.index("save") < st.index("verify"), st
dis=[x for x in d["steps"] if x["step"]=="disable"][0]
assert dis["commands"][0]["command"]=="PUT /api/sonicos/voip {\"voip\":{\"sip\":{\"enable\":false}}}"' "$T/out"

start sonicwall_api dev1 "$ON_SW"
run sonicwall
check "sonicwall unknown certificate: exit 3 with its fingerprint" \
	sh -c "[ $rc = 3 ] && grep -qF '$(fp dev1)' '$T/out' '$T/err'"
check "sonicwall unknown certificate: nothing reached the device" nolog
check "sonicwall unknown certificate: not recorded" test ! -e "$T/algoff_known_certs"

run sonicwall --accept-new-host-key
check "sonicwall on -> off: exit 0" test "$rc" = 0
check "sonicwall on -> off: running config has SIP transformations off" \
	test "$(state 'd["running"]["sip_enable"]')" = False
check "sonicwall on -> off: consistent NAT untouched, one commit, logged out" \
	test "$(state '(d["running"]["consistent_nat"], d["commits"], d["logged_in"])')" = "(False, 1, False)"
check "sonicwall on -> off: certificate pinned beside known_hosts" \
	grep -qx "127.0.0.1:$PORT $(fp dev1)" "$T/algoff_known_certs"
check "sonicwall on -> off: read back after the commit" \
	sh -c "grep -n '' '$DIR/log.jsonl' | grep -A1 'config/pending' | grep -q '\"GET\", \"path\": \"/api/sonicos/voip'"
check "sonicwall: no secret in output, errors or transcript" \
	nosecret "$T/out" "$T/err" "$T/transcript"

run sonicwall
n=$(sent PUT /api/sonicos/voip)
check "sonicwall already off: exit 0, nothing changed" \
	sh -c "[ $rc = 0 ] && grep -q 'already off' '$T/out' && [ $n = 1 ]"

# the same port answered by another certificate: changed
sed -i "s|^127.0.0.1:$PORT .*|127.0.0.1:$PORT $(fp dev2)|" "$T/algoff_known_certs"
start sonicwall_api dev1 "$ON_SW"
sed -i "s|^127.0.0.1:[0-9]* $(fp dev2)|127.0.0.1:$PORT $(fp dev2)|" "$T/algoff_known_certs"
run sonicwall --accept-new-host-key
check "sonicwall changed certificate: refused even with --accept-new-host-key (exit 3)" \
	sh -c "[ $rc = 3 ] && grep -q CHANGED '$T/out' '$T/err'"
check "sonicwall changed certificate: nothing reached the device" nolog
rm -f "$T/algoff_known_certs"

start sonicwall_api dev1 "$ON_SW" wrong-credentials
PWVAR=WRONG_PW run sonicwall --accept-new-host-key
n=$(sent PUT /api/sonicos/voip)
check "sonicwall wrong credentials: exit 3, nothing changed" \
	sh -c "[ $rc = 3 ] && [ $n = 0 ] && grep -q 'refused the credentials' '$T/out'"

start sonicwall_api dev1 "$OFF_SW"
run sonicwall --accept-new-host-key
n=$(sent PUT /api/sonicos/voip)
check "sonicwall already off (fresh device): exit 0, no PUT" \
	sh -c "[ $rc = 0 ] && [ $n = 0 ]"

start sonicwall_api dev1 "$ON_SW" unclassifiable
run sonicwall --accept-new-host-key
check "sonicwall unclassifiable answer: exit 1, the answer shown" \
	sh -c "[ $rc = 1 ] && grep -q 'neither on nor off' '$T/out' && grep -qF '{\"voip\": {\"sip\": {}}}' '$T/out'"
check "sonicwall unclassifiable answer: nothing sent (no PUT, no commit)" \
	test "$(sent PUT /api/sonicos/voip)$(sent POST /api/sonicos/config)" = 00

start sonicwall_api dev1 "$ON_SW" reject-disable
run sonicwall --accept-new-host-key
check "sonicwall rejected PUT: exit 1, rolled back, device message shown" \
	sh -c "[ $rc = 1 ] && grep -q 'rolled back' '$T/out' && grep -q 'Rejected (fault)' '$T/out'"
check "sonicwall rejected PUT: SIP transformations on as before" \
	test "$(state 'd["running"]["sip_enable"]')" = True

start sonicwall_api dev1 "$ON_SW" drop-commit
run sonicwall --accept-new-host-key
check "sonicwall dropped mid-commit: exit 1, the commit reported unconfirmed" \
	sh -c "[ $rc = 1 ] && grep -q 'applied .*disable  *PUT /api/sonicos/voip' '$T/out' &&
	grep -qi 'unconfirmed .*save  *POST /api/sonicos/config/pending' '$T/out' &&
	grep -q 'closed the connection mid-request' '$T/out'"

stop
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
