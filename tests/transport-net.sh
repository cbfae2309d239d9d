#!/bin/sh
# Network edges: IPv6 ::1, connection refused, a TCP listener that never
# speaks (timeout within the bound, no hang).
# shellcheck disable=SC1091,SC2034,SC2016,SC2015,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
device_add sh shell
sshd_start
ID="$T/id_ed25519"

# IPv6: a second sshd from the same config, listening on [::1].
P6=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET6);s.bind(("::1",0));print(s.getsockname()[1])') || skip "no IPv6 loopback"
P4=$(device_port sh)
sed -e "s/^ListenAddress .*/ListenAddress [::1]:$P6/" -e "s/LocalPort $P4/LocalPort $P6/" "$T/sshd.000.cfg" >"$T/sshd6.cfg"
/usr/sbin/sshd -D -e -f "$T/sshd6.cfg" >"$T/sshd6.log" 2>&1 &
SSHD6=$!
on_cleanup "kill $SSHD6 2>/dev/null; wait $SSHD6 2>/dev/null"
printf '[::1]:%s %s\n' "$P6" "$(cut -d' ' -f1,2 "$T/ssh_host_ed25519_key.pub")" >"$T/kh6"
i=0; until "$PROBE" -H ::1 -p "$P6" -u "$TEST_USER" -k "$T/kh6" -i "$ID" -x 'echo v6-ok' >"$T/out" 2>"$T/err" || [ $i -ge 50 ]; do sleep 0.1; i=$((i+1)); done
grep -qx v6-ok "$T/out" || { cat "$T/err" "$T/sshd6.log"; fail "IPv6 ::1"; }
pass "IPv6 ::1"

# Refused: a port nobody listens on.
PX=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
elapsed_ms "$PROBE" -H 127.0.0.1 -p "$PX" -u "$TEST_USER" -k "$T/known_hosts" -i "$ID" -x true >"$T/out" 2>"$T/err"
expect_err "connection refused" CONNECT
expect_msg "refused" "refused"
[ "$ms" -lt 3000 ] || fail "refused took $ms ms"

# Silent: accepts TCP, never sends a banner.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
held = []
end = time.time() + 60
while time.time() < end:
    s.settimeout(max(0.1, end - time.time()))
    try: held.append(s.accept()[0])
    except OSError: pass
' >"$T/silent.port" &
SILENT=$!
on_cleanup "kill $SILENT 2>/dev/null"
i=0; while [ ! -s "$T/silent.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
PS=$(cat "$T/silent.port")
elapsed_ms "$PROBE" -H 127.0.0.1 -p "$PS" -u "$TEST_USER" -k "$T/known_hosts" -i "$ID" -T 2000 -x true >"$T/out" 2>"$T/err"
expect_err "silent server" TIMEOUT
[ "$ms" -lt 5000 ] || fail "silent server: $ms ms for a 2000 ms bound"
pass "silent server gave up after $ms ms"
