#!/bin/sh
# SPDX-License-Identifier: MIT
# Every --json output is one valid-UTF-8 JSON document that validates
# against its schema in schema/ (python3-jsonschema): vendors, the dry run
# of every vendor (guided ones too), a real apply and batch against an
# emulator behind sshd, batch dry runs, probe on loopback, the bandwidth
# table, and every exit-2 error; Latin-1 bytes in --user and in an answer
# file come out as valid UTF-8; a refused connection is a JUnit <error>.
. "$top_srcdir/tests/lib.sh"
python3 -c 'import jsonschema, referencing' 2>/dev/null ||
	skip "python3-jsonschema not installed (apt-get install python3-jsonschema)"
command -v xmllint >/dev/null 2>&1 || skip "xmllint not installed (libxml2-utils)"
SCHEMAS="$top_srcdir/schema"
n=0
valid() { # FILE FORMAT WHAT
	python3 "$top_srcdir/tests/json-check.py" "$SCHEMAS" "$1" "$2" ||
		fail "$3: output does not validate"
	n=$((n + 1))
}
jget() { python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$@"; }
want_rc() { [ "$rc" -eq "$1" ] || fail "$2: exit $rc, want $1: $(cat "$T/o" "$T/e")"; }
run() { "$@" >"$T/o" 2>"$T/e"; rc=$?; }

device_add r1 cisco-ios
sshd_start
CLOSED=$(_alloc_ports 1)

# vendors and the dry run of every vendor
run "$ALGOFF" vendors --json; want_rc 0 "vendors --json"
valid "$T/o" algoff.vendors/1 "vendors --json"
ids=$(jget "$T/o" vendors | python3 -c 'import ast, sys
for v in ast.literal_eval(sys.stdin.read()): print(v["id"])')
[ -n "$ids" ] || fail "vendors --json lists no vendor"
for id in $ids; do
	run "$ALGOFF" apply --vendor "$id" --dry-run --json
	want_rc 0 "$id --dry-run --json"
	valid "$T/o" algoff.plan/1 "$id --dry-run --json"
done
pass "vendors --json and the dry run of every vendor validate"
# the plan keeps the conditions and the sources of the text
run "$ALGOFF" apply --vendor fortigate --dry-run --json
grep -q '"condition":"sent only if' "$T/o" || fail "fortigate plan lost its line conditions"
grep -q '"sources":\[{"id":' "$T/o" || fail "fortigate plan lost its sources"
grep -q '"alg_on":\["' "$T/o" || fail "fortigate plan lost its decision patterns"
pass "the JSON plan keeps conditions, patterns and sources"

# a real apply against the emulator, and the same device in a batch
P1=$(device_port r1)
export EN_OK="$(emu_get r1 enable_secret)"
run "$ALGOFF" apply --vendor cisco-ios --host 127.0.0.1 --port "$P1" \
	--user "$TEST_USER" --password-env ALGOFF_TEST_PW --enable-password-env EN_OK \
	--known-hosts "$T/known_hosts" --backup-dir "$T/bk" --timeout 10 --json
want_rc 0 "apply --json"
valid "$T/o" algoff.apply/1 "apply --json"
[ "$(jget "$T/o" outcome)" = disabled ] || fail "apply outcome $(jget "$T/o" outcome)"
[ "$(jget "$T/o" address)" = "127.0.0.1:$P1" ] || fail "apply address $(jget "$T/o" address)"
pass "apply --json against the emulator validates"

cat >"$T/b.xml" <<XML
<?xml version="1.0"?>
<algoff-batch version="1">
  <defaults host="127.0.0.1" user="$TEST_USER" password-env="ALGOFF_TEST_PW" known-hosts="$T/known_hosts"/>
  <device name="r1" vendor="cisco-ios" port="$P1" enable-password-env="EN_OK"/>
</algoff-batch>
XML
run "$ALGOFF" batch "$T/b.xml" --json -; want_rc 0 "batch --json -"
valid "$T/o" algoff.batch/1 "batch --json -"
[ "$(jget "$T/o" devices.0.outcome)" = already-disabled ] || fail "batch outcome: $(cat "$T/o")"
run "$ALGOFF" batch "$T/b.xml" --dry-run --json -; want_rc 0 "batch --dry-run --json -"
valid "$T/o" algoff.batch-plan/1 "batch --dry-run --json -"
pass "batch --json - and batch --dry-run --json - validate"

# probe on loopback, and the bandwidth table
P=$(_alloc_ports 1)
"$ALGOFF" reflector --listen "127.0.0.1:$P" --max-seconds 60 >"$T/refl.log" 2>&1 &
RPID=$!
on_cleanup "_kill_pid $RPID"
i=0
until run "$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 --timeout 500 --json &&
	[ "$rc" -eq 3 ] && grep -q "\"alg\":\"untested\"" "$T/o"; do
	i=$((i + 1)); [ $i -lt 20 ] || fail "probe on loopback: exit $rc: $(cat "$T/o" "$T/e")"
	sleep 0.2
done
valid "$T/o" algoff.probe/1 "probe --json"
run "$ALGOFF" probe --network --reflector "127.0.0.1:$P" --count 5 --json
want_rc 0 "probe --network --json (loopback)"
valid "$T/o" algoff.netcheck/1 "probe --network --json"
kill "$RPID" 2>/dev/null; wait "$RPID" 2>/dev/null
run "$ALGOFF" probe --network --reflector "127.0.0.1:$P" --count 3 --json
want_rc 3 "probe --network --json with nobody answering"
valid "$T/o" algoff.netcheck/1 "probe --network --json (no answer)"
grep -q '"rtt_ms":null' "$T/o" || fail "no answer: rtt_ms must be null"
run "$ALGOFF" probe --bandwidth 3 --json; want_rc 0 "probe --bandwidth --json"
valid "$T/o" algoff.bandwidth/1 "probe --bandwidth --json"
pass "probe --json on loopback and --bandwidth --json validate"

# every exit-2 error is one algoff.error/1 document
err2() { # WHAT CMD...: exit 2 and an error document
	_w=$1; shift
	run "$@"; want_rc 2 "$_w"
	valid "$T/o" algoff.error/1 "$_w"
}
printf '<algoff-batch version="1"><device name="x" vendor="nosuch"/></algoff-batch>\n' >"$T/bad.xml"
err2 "vendors unknown option" "$ALGOFF" vendors --json --bogus
err2 "apply unknown option" "$ALGOFF" apply --json --bogus
err2 "apply missing value" "$ALGOFF" apply --json --vendor
err2 "apply without --vendor" "$ALGOFF" apply --json
err2 "apply unknown vendor" "$ALGOFF" apply --json --vendor nosuch --dry-run
err2 "apply bad port" "$ALGOFF" apply --json --vendor cisco-ios --port 0
err2 "apply bad --var" "$ALGOFF" apply --json --vendor cisco-ios --var x --dry-run
err2 "apply without host" "$ALGOFF" apply --json --vendor cisco-ios
err2 "apply manual vendor" "$ALGOFF" apply --json --vendor adtran-aos --host h --user u
err2 "apply unset password variable" env -u NO_SUCH_VAR "$ALGOFF" apply --json \
	--vendor cisco-ios --host h --user u --password-env NO_SUCH_VAR
err2 "batch unknown option" "$ALGOFF" batch --json - --bogus
err2 "batch missing file" "$ALGOFF" batch --json -
err2 "batch unreadable file" "$ALGOFF" batch "$T/nosuch.xml" --json -
err2 "batch bad answer file" "$ALGOFF" batch "$T/bad.xml" --json -
err2 "batch --only-failed not a report" "$ALGOFF" batch "$T/b.xml" --json - --only-failed "$T/b.xml"
err2 "probe unknown option" "$ALGOFF" probe --json --bogus
err2 "probe missing value" "$ALGOFF" probe --json --timeout
err2 "probe without reflector" "$ALGOFF" probe --json
err2 "probe bad number" "$ALGOFF" probe --json --reflector 127.0.0.1 --retries 99
pass "$n documents so far; every exit-2 error is one algoff.error/1 document"

# Latin-1 bytes: in --user (a refused connection: exit 3, one document)
LAT=$(printf 'caf\351')
run "$ALGOFF" apply --vendor cisco-ios --host ::1 --port "$CLOSED" --user "$LAT" \
	--password-env ALGOFF_TEST_PW --known-hosts "$T/known_hosts" --timeout 5 --json
want_rc 3 "apply to a closed port"
valid "$T/o" algoff.apply/1 "apply with a Latin-1 --user"
[ "$(jget "$T/o" user)" = "caf$(printf '\357\277\275')" ] || fail "user not U+FFFD-replaced: $(jget "$T/o" user)"
[ "$(jget "$T/o" address)" = "[::1]:$CLOSED" ] || fail "IPv6 address $(jget "$T/o" address)"
pass "Latin-1 --user comes out as valid UTF-8 (U+FFFD); IPv6 address in brackets"

# ... and in an answer file that declares its encoding, against a closed
# port: a JUnit <error>, not a <failure>
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<algoff-batch version="1">\n  <device name="cafe" vendor="cisco-ios" host="127.0.0.1" port="%s" user="caf\351" password-env="ALGOFF_TEST_PW" known-hosts="%s/known_hosts"/>\n</algoff-batch>\n' \
	"$CLOSED" "$T" >"$T/latin.xml"
run "$ALGOFF" batch "$T/latin.xml" --json - --junit "$T/j.xml"
want_rc 4 "batch to a closed port"
valid "$T/o" algoff.batch/1 "batch with a Latin-1 answer file"
[ "$(jget "$T/o" devices.0.user)" = "café" ] || fail "answer-file user: $(jget "$T/o" devices.0.user)"
xmllint --noout "$T/j.xml" || fail "JUnit is not well-formed XML"
[ "$(xmllint --xpath 'count(//testcase/error)' "$T/j.xml")" = 1 ] || fail "refused connection is not a JUnit <error>: $(cat "$T/j.xml")"
[ "$(xmllint --xpath 'count(//testcase/failure)' "$T/j.xml")" = 0 ] || fail "refused connection is also a <failure>"
[ "$(xmllint --xpath 'string(//testsuite/@errors)' "$T/j.xml")" = 1 ] || fail "testsuite errors count"
pass "Latin-1 answer file -> UTF-8 in JSON and JUnit; refused connection -> JUnit <error>"

# undeclared Latin-1 bytes in an answer file: exit 2, still valid UTF-8
printf '<algoff-batch version="1">\n  <device name="x" vendor="cisco-ios" host="127.0.0.1" user="caf\351"/>\n</algoff-batch>\n' >"$T/raw.xml"
err2 "answer file with raw Latin-1 bytes" "$ALGOFF" batch "$T/raw.xml" --json -
pass "raw Latin-1 bytes in an answer file: exit 2, a valid UTF-8 error document"
echo "PASS: $n documents validated"
