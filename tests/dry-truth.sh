#!/bin/sh
# Dry runs are the real run without the network: apply --dry-run with --host
# makes every check a real run makes before connecting (exit 2 the same
# way), batch --dry-run --no-secrets lints without secrets, plans show what
# will run (--rollback, steps=, forced variants), reports are written and
# "-" is standard output or refused clearly. No test here opens a socket.
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/common.sh"
tmpdir_setup dry-truth
unset NO_SUCH_PW_VAR NO_SUCH_EN_VAR
export TRUTH_PW=not-a-real-password
A=$ALGOFF
DEV="--host 203.0.113.10 --user admin"

# 1. apply --dry-run with --host: the real run's checks, exit 2 the same way
out=$("$A" apply --vendor cisco-ios --dry-run $DEV --password-env NO_SUCH_PW_VAR 2>&1); rc=$?
check "apply --dry-run: unset --password-env -> 2" eq "$rc" 2
check "  ... names the option" has "$out" '--password-env: environment variable NO_SUCH_PW_VAR is not set'
out=$("$A" apply --vendor cisco-ios --dry-run $DEV --password-env TRUTH_PW \
    --enable-password-env NO_SUCH_EN_VAR --identity "$T/nokey" \
    --known-hosts "$T/nokh" 2>&1); rc=$?
check "apply --dry-run: enable variable, identity, known_hosts -> 2" eq "$rc" 2
check "  ... enable variable" has "$out" '--enable-password-env: .*NO_SUCH_EN_VAR'
check "  ... identity" has "$out" "--identity: $T/nokey: No such file"
check "  ... known_hosts" has "$out" "--known-hosts: $T/nokh: No such file"
out=$("$A" apply --vendor cisco-ios --dry-run --host 'bad host' --user admin --agent 2>&1); rc=$?
check "apply --dry-run: bad host -> 2" eq "$rc" 2
check "  ... says why" has "$out" '--host: "bad host" holds a character'
out=$("$A" apply --vendor cisco-ios --dry-run --host 203.0.113.10 --agent 2>&1); rc=$?
check "apply --dry-run: no --user -> 2" eq "$rc" 2
out=$(env -u SSH_AUTH_SOCK "$A" apply --vendor cisco-ios --dry-run $DEV 2>&1); rc=$?
check "apply --dry-run: no way to log in -> 2" eq "$rc" 2
check "  ... says so" has "$out" 'no way to authenticate'
out=$("$A" apply --vendor netgear --dry-run $DEV --agent 2>&1); rc=$?
check "apply --dry-run --host: web-only vendor -> 2 as a real run" eq "$rc" 2
# the same checks refuse a real run before any connection
out=$("$A" apply --vendor cisco-ios $DEV --password-env TRUTH_PW --identity "$T/nokey" 2>&1); rc=$?
check "apply (real): unreadable identity -> 2 before connecting" eq "$rc" 2
hasnt "$out" '^algoff: Cisco' >/dev/null || check "  ... never started" false
out=$("$A" apply --vendor cisco-ios --dry-run $DEV --password-env TRUTH_PW 2>&1); rc=$?
check "apply --dry-run: a complete device -> 0" eq "$rc" 0
check "  ... says the checks passed" has "$out" '^Device admin@203.0.113.10 port 22: every check'
out=$("$A" apply --vendor cisco-ios --dry-run 2>&1); rc=$?
check "apply --dry-run without --host: a plan preview" has "$out" '^Plan preview: no --host, so no device was checked'

# 3. the plan shows what will run
out=$("$A" apply --vendor linux-nftables --rollback --dry-run $DEV --agent 2>&1); rc=$?
check "apply --rollback --dry-run: 0" eq "$rc" 0
check "  ... step 1 is the rollback" has "$out" '^1\. rollback: '
check "  ... step 2 is verify" has "$out" '^2\. verify: '
check "  ... no disable step" hasnt "$out" '^[0-9]\. disable'
check "  ... names what is skipped" has "$out" '^Skipped \(not run\): precheck backup disable'
out=$("$A" apply --vendor netgear --rollback --dry-run 2>&1); rc=$?
check "apply --rollback --dry-run: web-only vendor refused as a real run" eq "$rc" 2
out=$("$A" apply --vendor cisco-ios --rollback --dry-run 2>&1); rc=$?
check "apply --rollback --dry-run: cisco-ios refused as a real run" eq "$rc" 2
out=$("$A" apply --vendor fortigate --variant fos62 --dry-run 2>&1)
check "--variant: described as forced" has "$out" '^Version variant: fos62 \(forced'
check "  ... not as picked at run time" hasnt "$out" 'picks the variant at run time'
check "  ... the version command is not listed" hasnt "$out" 'get system status'
"$A" apply --vendor fortigate --variant fos62 --rollback --dry-run --json >/dev/null 2>&1
"$A" apply --vendor linux-nftables --rollback --dry-run --json > "$T/rb.json" 2>&1
check "apply --rollback --dry-run --json: rollback then verify" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert [s["step"] for s in d["steps"]]==["rollback","verify"], d["steps"]
assert d["rollback_only"] is True and "disable" in d["skipped"], d
' "$T/rb.json"

# an answer file: steps=, variant=, secrets
cat > "$T/a.xml" <<XML
<?xml version="1.0"?>
<algoff-batch version="1">
  <defaults user="admin" password-env="NO_SUCH_PW_VAR"/>
  <device name="r1" vendor="cisco-ios" host="203.0.113.11" steps="precheck verify"/>
  <device name="f1" vendor="fortigate" host="203.0.113.12" variant="fos62"/>
</algoff-batch>
XML
out=$("$A" batch "$T/a.xml" --dry-run 2>&1); rc=$?
check "batch --dry-run: unset password variable -> 2" eq "$rc" 2
out=$("$A" batch "$T/a.xml" --dry-run --no-secrets --json "$T/d.json" --junit "$T/d.xml" 2>&1); rc=$?
check "batch --dry-run --no-secrets: the secret is not needed -> 0" eq "$rc" 0
check "  ... says so" has "$out" 'secrets not checked'
check "steps=: the plan lacks the skipped steps" hasnt "$(printf '%s\n' "$out" | sed -n '/=== device r1/,/=== device f1/p')" '^[0-9]\. (disable|backup|save)'
check "  ... and names them" has "$out" '^Skipped \(not run\): backup disable save rollback'
check "variant=: described as forced" has "$out" '^Version variant: fos62 \(forced'
check "--dry-run --json FILE: the plans" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["format"]=="algoff.batch-plan/1" and d["sent"] is False, d
r1,f1=d["devices"]
assert [s["step"] for s in r1["plan"]["steps"]]==["precheck","verify"], r1
assert f1["plan"]["variant_forced"] is True, f1
' "$T/d.json"
check "--dry-run --junit FILE: one skipped testcase per device" python3 -c '
import sys, xml.etree.ElementTree as ET
cs=ET.parse(sys.argv[1]).getroot().findall(".//testcase")
assert len(cs)==2 and all(c.find("skipped").get("message")=="dry run" for c in cs), cs
' "$T/d.xml"
"$A" batch "$T/a.xml" --dry-run --no-secrets --json - > "$T/o.json" 2> "$T/o.err"; rc=$?
check "batch --json -: exit 0" eq "$rc" 0
check "  ... standard output is the JSON alone" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/o.json"
check "  ... the text went to standard error" has "$(cat "$T/o.err")" '^Dry run: 2 devices, nothing was sent'
"$A" batch "$T/a.xml" --dry-run --no-secrets --junit - > "$T/o.xml" 2>/dev/null
check "batch --junit -: standard output is the XML" python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$T/o.xml"
# --no-secrets skips only secrets
sed 's/host="203.0.113.11"/host="bad host"/' "$T/a.xml" > "$T/b.xml"
out=$("$A" batch "$T/b.xml" --dry-run --no-secrets 2>&1); rc=$?
check "batch --no-secrets: still checks the host -> 2" eq "$rc" 2
out=$("$A" batch "$T/a.xml" --no-secrets 2>&1); rc=$?
check "batch --no-secrets without --dry-run -> 2" eq "$rc" 2
# "-": the answer file from standard input (relative paths from ".")
out=$(cd "$T" && "$A" batch - --dry-run --no-secrets < a.xml 2>&1); rc=$?
check "batch - < FILE: read from standard input -> 0" eq "$rc" 0
check "  ... both devices" has "$out" '^Dry run: 2 devices, nothing was sent'
out=$(sed 's/vendor="fortigate"/vendor="nosuch"/' "$T/a.xml" | "$A" batch - --dry-run --no-secrets 2>&1); rc=$?
check "batch -: an error names standard input and the line" has "$out" '^\(standard input\):5: device "f1": vendor: unknown'
out=$("$A" batch "$T/a.xml" --dry-run --only-failed - 2>&1); rc=$?
check "batch --only-failed -: refused -> 2" eq "$rc" 2
out=$("$A" batch "$T/a.xml" --dry-run --json - --junit - 2>&1); rc=$?
check "batch --json - --junit -: refused -> 2" eq "$rc" 2
out=$("$A" apply --vendor cisco-ios $DEV --agent --transcript - 2>&1); rc=$?
check "apply --transcript -: refused -> 2" eq "$rc" 2
finish dry-truth
