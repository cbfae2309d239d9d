#!/bin/sh
# Hostile command lines: long options are never abbreviated, secret-looking
# options are refused (exit 2) without echoing the value, control characters
# are refused, and secret files that others can read are refused before any
# connection (a loopback listener records every connection attempt).
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/common.sh"
tmpdir_setup options
SECRET=S3cr3t-xyz

run() { # run ARGS... -> $rc, $out (stdout + stderr)
    out=$("$ALGOFF" "$@" 2>&1); rc=$?
}
refused() { # refused PATTERN ARGS...: exit 2, PATTERN in the output, no secret
    _p=$1; shift
    run "$@"
    check "algoff $* -> 2 /$_p/" eq "$rc" 2
    check "  message" has "$out" "$_p"
    check "  $SECRET not echoed" hasnt "$out" "$SECRET"
}

# 1. abbreviations: refused in every sub-command
refused 'unknown option --vend \(options are never abbreviated' apply --vend cisco-ios --dry-run
refused 'unknown option --dry' apply --vendor cisco-ios --dry
refused 'unknown option --only' batch --only x f.xml
refused 'unknown option --refl' probe --refl 127.0.0.1
refused 'unknown option --list' reflector --list 127.0.0.1
refused 'unknown option --lab' demo --lab x
refused 'unknown option --js' vendors --js
refused 'unknown option --fro' import --fro csv f.csv
refused 'unknown option --dry' wizard --dry
run vendors --json; check "full name still works" eq "$rc" 0

# 2. secret-looking options: refused, value never shown, the way out named
for o in password pass passwd enable-password enable-secret secret passphrase token api-key; do
    for form in "--$o $SECRET" "--$o=$SECRET"; do
        for cmd in apply batch probe; do
            # shellcheck disable=SC2086
            refused "--$o: refused: secrets are never taken on the command line" $cmd --vendor cisco-ios $form
        done
    done
done
run apply --vendor cisco-ios --password "$SECRET"
check "names --password-env VAR" has "$out" '--password-env VAR'
check "names --enable-password-env VAR" has "$out" '--enable-password-env VAR'
check "names --identity FILE and ssh-agent" has "$out" '--identity FILE.*ssh-agent|ssh-agent'
refused 'secrets are never taken' --password="$SECRET"
refused 'secrets are never taken' import --from csv --token "$SECRET" f.csv
# even as the value of another option
refused 'secrets are never taken' apply --vendor cisco-ios --user --password "$SECRET"
# --password-env (a variable's name) still works; its value is never shown
PW=$SECRET; export PW
run apply --vendor cisco-ios --host 127.0.0.1 --user u --password-env PW --dry-run
check "--password-env PW --dry-run -> 0" eq "$rc" 0
check "  no secret in the plan" hasnt "$out" "$SECRET"
# values are never echoed in errors: operands, numbers, --var
refused 'unexpected argument #1 \(not an option' apply --vendor cisco-ios "$SECRET"
refused 'unexpected argument #2' batch f.xml "$SECRET"
refused '--port: not a port number' apply --vendor cisco-ios --port "$SECRET" --dry-run
refused '--jobs: not a number' batch --jobs "$SECRET" f.xml
refused '--timeout: bad number' probe --reflector 127.0.0.1 --timeout "$SECRET"
refused '--var needs NAME=VALUE' apply --vendor cisco-ios --var "$SECRET" --dry-run
refused 'option --json takes no value' apply --vendor cisco-ios --json="$SECRET"
refused 'unknown command \(not shown' "$SECRET!"

# 4. control characters: refused, shown escaped
nl='
'
refused '--user: the value holds a newline character \(0x0a\): "user\\nroot"' \
    apply --vendor cisco-ios --host 127.0.0.1 --user "user${nl}root" --dry-run
refused '--host: the value holds a tab' apply --vendor cisco-ios --host "$(printf 'h\tx')" --dry-run
refused '--variant: the value holds a escape' apply --vendor cisco-ios --variant "$(printf 'a\033[2J')" --dry-run
refused '--var: the value holds a DEL' apply --vendor cisco-ios --var "$(printf 'site=a\177')" --dry-run
refused '--known-hosts: the value holds a carriage return' apply --vendor cisco-ios --known-hosts "$(printf 'k\r')" --dry-run
refused 'argument #1 holds a newline' batch "f${nl}.xml"
run apply --vendor cisco-ios --user "$(printf 'a\033]0;x\007')" --dry-run
check "no raw ESC in the error" hasnt "$out" "$(printf '\033')"

# answer files with control characters: file:line and field
SITE_PASSWORD=x; export SITE_PASSWORD
D=$top_srcdir/tests/data/batch
for c in "user-newline:4:user: contains a newline" "host-tab:4:host: contains a tab" \
    "var-escape:4:invalid xmlChar value 27" "name-del:4:name: contains a DEL"; do
    f=${c%%:*}; rest=${c#*:}; line=${rest%%:*}; pat=${rest#*:}
    refused "$f.xml:$line: .*$pat" batch --dry-run "$D/$f.xml"
    check "  no raw control character" hasnt "$out" "$(printf '[\001-\010\013-\037\177]')"
done

# 3. secret files that others may read: exit 2 before any connection
LOG=$T/conns
python3 - "$T/port" "$LOG" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8); s.settimeout(0.5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
end = time.time() + 60
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    open(sys.argv[2], "a").write("connection\n"); c.close()
PY
LPID=$!
trap 'kill $LPID 2>/dev/null; rm -rf "$T"' EXIT
i=0; while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port") || fail "listener did not start"
printf 'k\n' > "$T/key"; chmod 644 "$T/key"
printf '%s\n' "$SECRET" > "$T/pw"; chmod 644 "$T/pw"
refused "--identity: $T/key: permissions 0644 are too open.*chmod 600 $T/key" \
    apply --vendor cisco-ios --host 127.0.0.1 --port "$PORT" --user u --identity "$T/key" \
    --known-hosts "$T/kh" --accept-new-host-key
cat > "$T/b.xml" <<XML
<?xml version="1.0"?>
<algoff-batch version="1">
  <defaults host="127.0.0.1" port="$PORT" user="u" known-hosts="kh" host-key-policy="accept-new"/>
  <device name="a" vendor="cisco-ios" password-file="pw"/>
  <device name="b" vendor="cisco-ios" identity="key"/>
</algoff-batch>
XML
refused "b.xml:4: device \"a\": password-file: $T/pw: permissions 0644.*chmod 600 $T/pw" batch "$T/b.xml"
check "  identity= too" has "$out" "b.xml:5: device \"b\": identity: .*chmod 600 $T/key"
chmod 600 "$T/key" "$T/pw"
run batch --dry-run "$T/b.xml"
check "0600 files: accepted (dry run) -> 0" eq "$rc" 0
run apply --vendor cisco-ios --host 127.0.0.1 --port "$PORT" --user u --identity "$T/key" \
    --known-hosts "$T/kh" --accept-new-host-key --timeout 2
check "0600 key: algoff goes on to connect (control: the listener works)" test -s "$LOG"
n=$(wc -l < "$LOG")
check "only that one connection (none for the refused runs)" eq "$n" 1
kill $LPID 2>/dev/null
finish options
