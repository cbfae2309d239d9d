#!/bin/sh
# The Ansible module contrib/ansible/library/algoff_sip_alg.py with the real
# ansible-playbook (-i localhost, -c local) against the FortiGate emulator
# behind a real sshd: check mode changes nothing and returns the plan; the
# first run reports changed (backup, applied commands), the second run does
# not; a wrong password fails with algoff's reason; the password appears
# neither in algoff's argv nor anywhere in the -vvv output.
command -v ansible-playbook >/dev/null 2>&1 \
    || { echo "SKIP: ansible-playbook not installed (Debian package ansible-core)"; exit 77; }
. "$top_srcdir/tests/lib.sh"
device_add fw fortigate sip_helper_id=21
sshd_start

export ANSIBLE_LOCAL_TEMP="$T/ansible-tmp" ANSIBLE_REMOTE_TEMP="$T/ansible-remote" \
    ANSIBLE_HOME="$T/ansible-home" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
    ANSIBLE_LIBRARY="$top_srcdir/contrib/ansible/library" ANSIBLE_CONFIG="$T/ansible.cfg" \
    ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_DEPRECATION_WARNINGS=0

: > "$T/ansible.cfg"
# algoff behind a wrapper that records its argv (the module must never
# pass a secret there; Ansible's no_log masking cannot hide that)
cat > "$T/algoff-argv" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >> "$T/argv.log"
exec "$ALGOFF" "\$@"
EOF
chmod 755 "$T/algoff-argv"
: > "$T/argv.log"

# play NAME [ansible-playbook args]: runs $T/play.yml, result in $T/NAME.json
play() {
    _n=$1; shift
    cat > "$T/play.yml" <<EOF
- hosts: localhost
  gather_facts: false
  tasks:
    - name: SIP ALG off
      algoff_sip_alg:
        algoff: "$T/algoff-argv"
        vendor: fortigate
        host: 127.0.0.1
        port: $(device_port fw)
        user: "$TEST_USER"
        password: "{{ lookup('env', 'PLAY_PW') }}"
        known_hosts: "$T/known_hosts"
        backup_dir: "$T/backups"
        timeout: 10
      register: r
      ignore_errors: true
    - name: keep the result
      check_mode: false
      copy:
        content: "{{ r | to_json }}"
        dest: "$T/$_n.json"
EOF
    ansible-playbook -vvv -i localhost, -c local "$@" "$T/play.yml" > "$T/$_n.out" 2>&1
    prc=$?
    cat "$T/$_n.out" >> "$T/all.out"
}
field() { python3 -c "import json,sys; v=json.load(open('$T/$1.json')).get(sys.argv[1]); print(json.dumps(v) if isinstance(v,(list,dict,bool)) or v is None else v)" "$2"; }

export PLAY_PW="$ALGOFF_TEST_PW"

# 1. Check mode: the plan, nothing sent, not changed.
play check --check
[ $prc -eq 0 ] || fail "check mode play rc=$prc: $(tail -30 "$T/check.out")"
[ "$(field check changed)" = false ] || fail "check mode changed=$(field check changed)"
[ "$(field check outcome)" = planned ] || fail "check mode outcome $(field check outcome)"
field check plan | grep -q 'set sip-expectation disable' || fail "check mode plan: $(field check plan)"
[ "$(emu_log fw | grep -c .)" -eq 0 ] || fail "check mode sent commands: $(emu_log fw)"
[ "$(emu_get fw settings.sip-nat-trace)" = enable ] && [ -n "$(emu_helper_id fw)" ] \
    || fail "check mode changed the device"
grep -q -- '--dry-run' "$T/argv.log" || fail "check mode did not run --dry-run"
pass "check mode: plan returned, device untouched, changed=false"

# 2. First run: changed, backup and applied commands reported.
play first
[ $prc -eq 0 ] || fail "first play rc=$prc: $(tail -30 "$T/first.out")"
[ "$(field first changed)" = true ] || fail "first run changed=$(field first changed)"
[ "$(field first outcome)" = disabled ] || fail "first run outcome $(field first outcome)"
[ "$(field first failed)" = false ] || [ "$(field first failed)" = null ] || fail "first run failed"
b=$(field first backup); [ -f "$b" ] && grep -q 'config system session-helper' "$b" || fail "backup $b"
field first applied | grep -q 'delete 21' || fail "applied: $(field first applied)"
[ "$(emu_get fw settings.sip-nat-trace)" = disable ] && [ -z "$(emu_helper_id fw)" ] \
    || fail "device not changed"
pass "first run: changed, outcome disabled, backup $b"

# 3. Second run: already off, not changed, no configuration command sent.
rm -f "$(device_dir fw)/log.jsonl"
play second
[ $prc -eq 0 ] || fail "second play rc=$prc: $(tail -30 "$T/second.out")"
[ "$(field second changed)" = false ] || fail "second run changed=$(field second changed)"
[ "$(field second outcome)" = already-disabled ] || fail "second run outcome $(field second outcome)"
emu_log fw | grep -qE '^(config|set |delete|end$)' && fail "second run sent configuration: $(emu_log fw)"
pass "second run: already-disabled, changed=false"

# 4. Wrong password: failed with algoff's reason.
PLAY_PW="Zq7-wrong-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
export PLAY_PW
play wrong
[ "$(field wrong failed)" = true ] || fail "wrong password did not fail"
field wrong msg | grep -qi 'auth' || fail "wrong password msg: $(field wrong msg)"
[ "$(field wrong changed)" = false ] || fail "wrong password changed=true"
pass "wrong password: failed: $(field wrong msg)"

# 5. No secret anywhere: argv, -vvv output, registered results.
for s in "$ALGOFF_TEST_PW" "$PLAY_PW"; do
    grep -qF -- "$s" "$T/argv.log" && fail "a password reached algoff's argv"
    grep -qF -- "$s" "$T/all.out" "$T"/check.json "$T"/first.json "$T"/second.json "$T"/wrong.json \
        && fail "a password appears in the ansible-playbook output or results"
done
grep -q -- '--password-env ALGOFF_ANSIBLE_PASSWORD' "$T/argv.log" || fail "argv: $(cat "$T/argv.log")"
pass "no password in argv or in the -vvv output"
