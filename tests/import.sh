#!/bin/sh
# algoff import: CSV and ansible-inventory JSON -> an answer file that
# algoff batch --dry-run accepts; errors with file:line (exit 2, nothing on
# standard output); Latin-1 bytes; a password column refused without its
# value; inventory passwords ignored without their value; option names
# only in full.
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
D="$top_srcdir/tests/data/import"
T=$(mktemp -d "${TMPDIR:-/tmp}/algoff-import.XXXXXX") || { echo "FAIL: mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "PASS: $*"; }
export NET_PASSWORD=not-used-by-a-dry-run
: > "$T/known_hosts"

# imp ARGS...: rc in $rc, stdout in $T/out, stderr in $T/err
imp() { "$ALGOFF" import "$@" > "$T/out" 2> "$T/err"; rc=$?; }
# refused FILE.csv: exit 2, nothing on stdout
refused() {
    imp --from csv "$D/$1"
    [ $rc -eq 2 ] || fail "$1: rc=$rc, want 2: $(cat "$T/err")"
    [ -s "$T/out" ] && fail "$1: something was printed on stdout: $(cat "$T/out")"
    return 0
}
want2() { [ $rc -eq 2 ] || fail "rc=$rc, want 2: $(cat "$T/err")"; }
# has_err TEXT: stderr contains TEXT (fixed string)
has_err() { grep -qF -- "$1" "$T/err" || fail "stderr lacks [$1]: $(cat "$T/err")"; }

# 1. CSV -> answer file -> algoff batch --dry-run (through a pipe).
"$ALGOFF" import --from csv "$D/devices.csv" --default "known-hosts=$T/known_hosts" \
    --default name=site-a 2> "$T/err" | "$ALGOFF" batch --dry-run /dev/stdin > "$T/dry" 2> "$T/dry.err" \
    || fail "csv | batch --dry-run: $(cat "$T/err" "$T/dry.err")"
grep -q '^Dry run: 3 devices, nothing was sent' "$T/dry" || fail "dry run: $(cat "$T/dry")"
grep -qF '=== device branch-02 (203.0.113.11:2222, user net"ops&<x>, steps: precheck verify)' "$T/dry" \
    || fail "quoted field or escaping: $(grep === "$T/dry")"
grep -q 'mkdir -p /var/lib/algoff-lab' "$T/dry" || fail "var:state_dir did not reach the plan"
imp --from csv "$D/devices.csv"
[ $rc -eq 0 ] || fail "csv rc=$rc: $(cat "$T/err")"
grep -qF 'tags="emea fw"' "$T/out" || fail "tags \"emea, fw\" not normalised: $(cat "$T/out")"
grep -qF 'user="net&quot;ops&amp;&lt;x&gt;"' "$T/out" || fail "XML escaping: $(cat "$T/out")"
grep -q 'port=""' "$T/out" && fail "an empty cell became an attribute"
xmllint --noout --schema "$top_srcdir/schema/batch.xsd" "$T/out" 2> "$T/xl" \
    || fail "not valid against batch.xsd: $(cat "$T/xl")"
pass "csv -> answer file -> batch --dry-run (quoting, escaping, var:, tags)"

imp --from csv "$D/crlf.csv"
[ $rc -eq 0 ] || fail "crlf rc=$rc: $(cat "$T/err")"
[ "$(grep -c '<device ' "$T/out")" -eq 2 ] || fail "CRLF file with a blank line: $(cat "$T/out")"
imp --from csv - < "$D/crlf.csv"
[ $rc -eq 0 ] && grep -q 'name="r2"' "$T/out" || fail "standard input"
pass "CRLF line ends, blank line, standard input"

# 2. Errors name the file and line; all of them at once.
refused errors.csv
for e in 'errors.csv:2: column "port": "99999" is not a port number' \
         'errors.csv:3: column "password-env": must be the NAME of an environment variable' \
         'errors.csv:4: 5 fields, the header has 6' \
         'errors.csv:5: device name "r1" is used twice' \
         'errors.csv:6: column "name": the device name must be' \
         'errors.csv:7: column "host": the value contains a control character' \
         'errors.csv:9: column "vendor": "Cisco IOS" is not a vendor id' \
         'algoff import: 7 errors in'; do
    has_err "$e"
done
pass "errors with file:line, all reported, nothing on stdout"

refused latin1.csv
has_err 'latin1.csv:2: column "host": the value is not UTF-8'
pass "Latin-1 bytes refused with file:line"
refused unclosed.csv
has_err 'unclosed.csv:2: a quoted field is not closed'
refused stray-quote.csv
has_err "stray-quote.csv:2: a '\"' inside a field that is not quoted"
refused unknown-column.csv
has_err 'unknown-column.csv:1: unknown column "hostname"'
pass "RFC 4180 syntax errors and unknown columns"

refused password.csv
has_err 'password.csv:1: column "password" would hold a secret'
grep -q 'Zq7-not-for-echo' "$T/err" "$T/out" && fail "the password value was echoed"
pass "password column refused, value not echoed"

# 3. Ansible: a real INI inventory -> ansible-inventory --list -> import -> batch.
if ! command -v ansible-inventory >/dev/null 2>&1; then
    echo "SKIP (part): ansible-inventory not installed (Debian package ansible-core)"
    exit 0
fi
export ANSIBLE_LOCAL_TEMP="$T/ansible-tmp" ANSIBLE_HOME="$T/ansible-home" ANSIBLE_NOCOLOR=1
cp "$D/inventory.ini" "$T/inventory.ini"
ansible-inventory -i "$T/inventory.ini" --list > "$T/inv.json" 2> "$T/inv.err" \
    || fail "ansible-inventory: $(cat "$T/inv.err")"
imp --from ansible-inventory "$T/inv.json"
[ $rc -eq 0 ] || fail "inventory rc=$rc: $(cat "$T/err")"
cp "$T/out" "$T/fleet.xml"
"$ALGOFF" batch --dry-run "$T/fleet.xml" > "$T/dry" 2> "$T/dry.err" \
    || fail "inventory answer file refused by batch: $(cat "$T/dry.err")"
grep -q '^Dry run: 3 devices' "$T/dry" || fail "inventory dry run: $(cat "$T/dry")"
for want in 'name="fw1" vendor="fortigate" host="203.0.113.10"' \
            'name="r1" vendor="cisco-ios" host="203.0.113.11" port="2222" user="netops" password-env="NET_PASSWORD" known-hosts="known_hosts"' \
            'name="lab-gw" vendor="linux-nftables" host="198.18.0.1" user="root"' \
            'tags="edge fortigates"' 'tags="edge ios"' 'tags="nft"' \
            '<var name="state_dir" value="/var/lib/algoff"/>'; do
    grep -qF "$want" "$T/out" || fail "inventory answer file lacks [$want]: $(cat "$T/out")"
done
has_err 'ignored ansible_password of 1 host'
has_err 'ignored ansible_become_password of 1 host'
grep -q 'Zq7-inv' "$T/err" "$T/out" && fail "an inventory password was echoed"
ansible-inventory -i "$T/inventory.ini" --list | "$ALGOFF" import --from ansible-inventory - > "$T/out2" 2>/dev/null \
    && cmp -s "$T/out" "$T/out2" || fail "ansible-inventory | algoff import -"
pass "ansible-inventory (real, INI) -> import -> batch --dry-run; secrets ignored"

cp "$D/novendor.ini" "$T/novendor.ini"
ansible-inventory -i "$T/novendor.ini" --list > "$T/nv.json" 2>/dev/null || fail "ansible-inventory novendor"
imp --from ansible-inventory "$T/nv.json"
[ $rc -eq 2 ] && [ ! -s "$T/out" ] || fail "host without vendor: rc=$rc"
has_err 'host "box1": no vendor: set the host variable algoff_vendor'
has_err 'host "box2": ansible_network_os "cisco.nxos.nxos" has no algoff vendor'
printf '{"all": {"hosts": ["a"]' > "$T/broken.json"
imp --from ansible-inventory "$T/broken.json"
[ $rc -eq 2 ] && grep -q 'broken.json:1:' "$T/err" || fail "broken JSON: rc=$rc $(cat "$T/err")"
pass "inventory errors name the host (no vendor, unknown network OS, broken JSON)"

# 4. Options: full names only; --default checks its attribute.
imp --fro csv "$D/devices.csv"
want2; has_err 'unknown option --fro (options are never abbreviated'
imp --from csv "$D/devices.csv" --defaults user=x
want2; has_err 'unknown option --defaults'
imp --from=csv "$D/devices.csv" --default=password=hunter2
want2; has_err 'never takes a secret on the command line'
imp --from xls "$D/devices.csv"
[ $rc -eq 2 ] || fail "--from xls rc=$rc"
"$ALGOFF" --help | grep -q '^  import ' || fail "import missing from algoff --help"
"$ALGOFF" import --help | grep -q 'ansible-inventory' || fail "import --help"
pass "no abbreviations; --default refuses secrets; --help"
