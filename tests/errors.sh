#!/bin/sh
# Usage and input errors: exit 2, one clear line, a hint; a corrupted
# vendor file is reported with file and line.
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
fail=0
. "$top_srcdir/tests/common.sh"
tmpdir_setup errors

expect() { # expect RC PATTERN -- ARGS...
    want=$1; pat=$2; shift 3
    out=$("$ALGOFF" "$@" 2>&1); rc=$?
    if [ "$rc" -ne "$want" ] || ! printf '%s\n' "$out" | grep -qE -- "$pat"; then
        echo "FAIL: algoff $*: rc=$rc (want $want), output: $out"; fail=1
    else
        echo "PASS: algoff $* -> $rc"
    fi
}
expect 2 'unknown vendor "nosuch" \(known: .*fortigate' -- apply --vendor nosuch --dry-run
expect 2 'unknown option --frobnicate$' -- apply --vendor fortigate --frobnicate
expect 2 'option --vendor needs a value' -- apply --vendor
expect 2 '--vendor ID is required' -- apply --dry-run
expect 2 'port number' -- apply --vendor fortigate --port 70000 --dry-run
expect 2 'unknown command "frob"' -- frob
expect 2 'unknown option' -- vendors --bogus
expect 2 'variable nosuch: not declared' -- apply --vendor cisco-ios --var nosuch=1 --dry-run
expect 0 'Usage: algoff apply' -- apply --help
expect 0 '^algoff [0-9]' -- --version
expect 0 'Commands:' -- --help

# A corrupted copy of a vendor file: exit 2 naming file and line.
mkdir -p "$T/data"
cp -R "$top_srcdir/vendors" "$top_srcdir/templates" "$top_srcdir/schema" "$T/data/"
sed 's|<family>Fortinet</family>|<family>Fortinet</familyy>|' "$top_srcdir/vendors/fortigate.xml" > "$T/data/vendors/fortigate.xml"
out=$(ALGOFF_DATADIR="$T/data" "$ALGOFF" apply --vendor fortigate --dry-run 2>&1); rc=$?
line=$(grep -n '</familyy>' "$T/data/vendors/fortigate.xml" | cut -d: -f1)
if [ $rc -eq 2 ] && printf '%s\n' "$out" | grep -q "vendors/fortigate.xml:$line:"; then
    echo "PASS: corrupted vendor file -> 2, $out"
else
    echo "FAIL: corrupted vendor file: rc=$rc, want file:$line in: $out"; fail=1
fi
# Schema violation (valid XML) names the line too.
cp "$top_srcdir/vendors/fortigate.xml" "$T/data/vendors/fortigate.xml"
sed 's|method="ssh"|method="carrier-pigeon"|' "$top_srcdir/vendors/cisco-ios.xml" > "$T/data/vendors/cisco-ios.xml"
line=$(grep -n 'carrier-pigeon' "$T/data/vendors/cisco-ios.xml" | cut -d: -f1)
out=$(ALGOFF_DATADIR="$T/data" "$ALGOFF" vendors 2>&1); rc=$?
if [ $rc -eq 2 ] && printf '%s\n' "$out" | grep -q "cisco-ios.xml:$line:.*carrier-pigeon"; then
    echo "PASS: schema violation -> 2, $out"
else
    echo "FAIL: schema violation: rc=$rc: $out"; fail=1
fi
# An injected newline in a variable is refused before anything happens.
out=$("$ALGOFF" apply --vendor cisco-ios --var "$(printf 'x\nreload')=1" --dry-run 2>&1); rc=$?
[ $rc -eq 2 ] || { echo "FAIL: injected variable name: rc=$rc"; fail=1; }
exit $fail
