#!/bin/sh
# Answer files with each kind of error (bad XML, schema violation, unknown
# vendor, injected newline in a variable, missing password variable) exit 2,
# name file:line and the field, and no device sees a connection.
. "$top_srcdir/tests/lib.sh"
device_add r1 cisco-ios
device_add f1 fortigate
sshd_start
# a private data folder whose cisco-ios declares one user variable ("site")
mkdir -p "$T/data"
cp -R "$top_srcdir/vendors" "$top_srcdir/templates" "$top_srcdir/schema" "$T/data/"
sed 's|<variables>|<variables><variable name="site" pattern="[a-z0-9-]{1,32}" description="test-only site label"/>|' \
    "$top_srcdir/vendors/cisco-ios.xml" > "$T/data/vendors/cisco-ios.xml"
export ALGOFF_DATADIR="$T/data"
conns() { cat "$T"/sshd.*.log | grep -c 'Connection from'; }
before=$(conns)
P1=$(device_port r1) P2=$(device_port f1)
HEAD="<?xml version=\"1.0\"?>
<algoff-batch version=\"1\">
  <defaults host=\"127.0.0.1\" user=\"$TEST_USER\" password-env=\"ALGOFF_TEST_PW\" known-hosts=\"known_hosts\"/>
  <device name=\"f1\" vendor=\"fortigate\" port=\"$P2\"/>"
case_() { # NAME LINE PATTERN BODY: the error is on line LINE (5 = first line of BODY)
    printf '%s\n%s\n</algoff-batch>\n' "$HEAD" "$4" > "$T/$1.xml"
    out=$("$ALGOFF" batch "$T/$1.xml" --json "$T/$1.json" 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "$1: rc=$rc (want 2): $out"
    printf '%s\n' "$out" | grep -qE "^$T/$1.xml:$2: .*$3" || fail "$1: no '$1.xml:$2: ...$3' in: $out"
    printf '%s\n' "$out" | grep -q 'nothing was sent' || fail "$1: no 'nothing was sent'"
    [ ! -e "$T/$1.json" ] || fail "$1: a report was written"
    pass "$1 -> 2: $(printf '%s\n' "$out" | head -1)"
}
case_ badxml 6 'mismatch' "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"$P1\">
  </devices>"
case_ schema 5 "attribute 'port'" "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"99999\"/>"
case_ vendor 5 'device "r1": vendor: unknown vendor "cisco-nxos"' \
    "  <device name=\"r1\" vendor=\"cisco-nxos\" port=\"$P1\"/>"
case_ newline 6 'var site: value contains a newline' "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"$P1\">
    <var name=\"site\" value=\"lab&#10;reload\"/>
  </device>"
case_ pattern 6 'variable site: value "LAB 1" does not match' "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"$P1\">
    <var name=\"site\" value=\"LAB 1\"/>
  </device>"
unset NO_SUCH_PW_VAR
case_ noenv 5 'password-env: environment variable NO_SUCH_PW_VAR is not set' \
    "  <device name=\"r1\" vendor=\"cisco-ios\" port=\"$P1\" password-env=\"NO_SUCH_PW_VAR\"/>"
case_ dup 5 'name: duplicate' "  <device name=\"f1\" vendor=\"cisco-ios\" port=\"$P1\"/>"
# every error of a file is reported, not only the first
printf '%s\n%s\n</algoff-batch>\n' "$HEAD" "  <device name=\"r1\" vendor=\"nosuch\" port=\"$P1\" identity=\"nokey\"/>
  <device name=\"r2\" vendor=\"cisco-ios\" port=\"$P1\"><var name=\"site\" value=\"a&#13;b\"/></device>" > "$T/all.xml"
out=$("$ALGOFF" batch "$T/all.xml" 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$(printf '%s\n' "$out" | grep -c "^$T/all.xml:[56]: ")" -eq 3 ] || fail "all errors: rc=$rc: $out"
pass "three errors in one file, all reported"
# --only-failed with a report that lists a device twice runs it once
printf '%s\n</algoff-batch>\n' "$HEAD" > "$T/one.xml"
printf '{"devices":[{"name":"f1","ok":false},{"name":"f1","ok":false}]}\n' > "$T/dup.json"
out=$("$ALGOFF" batch "$T/one.xml" --only-failed "$T/dup.json" --dry-run 2>&1); rc=$?
[ $rc -eq 0 ] && [ "$(printf '%s\n' "$out" | grep -c '^=== device f1 ')" -eq 1 ] \
    || fail "--only-failed with f1 listed twice: rc=$rc: $out"
pass "--only-failed: a device listed twice in the report is selected once"
for d in r1 f1; do [ -z "$(emu_log $d --all)" ] || fail "$d saw commands"; done
[ "$(conns)" -eq "$before" ] || fail "sshd saw $(($(conns) - before)) connections"
pass "no device saw a connection"
