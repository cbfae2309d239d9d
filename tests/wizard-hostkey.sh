#!/bin/sh
# The host key a person approves in the wizard is the key algoff trusts.
# A real sshd on loopback (FortiGate emulator) serves one ED25519 host key
# from a file the test replaces. 1) While the fingerprint of key A is on
# screen, the sshd is restarted on the same port with key B, then "y": the
# run goes on over the connection that presented A, known_hosts holds
# exactly A (B is never saved), and the next connection (the preview's),
# which is offered B, is refused as a changed key with nothing sent.
# 2) "n" writes nothing; "y" writes exactly one line, the presented key's
# type and fingerprint as ssh-keygen -lf prints them for the server's key.
# shellcheck disable=SC1091,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wizard-lib.sh"
on_cleanup 'wiz_cleanup'
device_add fw fortigate sip_helper_id=21
sshd_start
port=$(device_port fw)

# our own sshd on the same port, one host key in a file we can replace
for k in a b; do
	ssh-keygen -q -t ed25519 -N '' -C "algoff-test-host-$k" -f "$T/hk_$k" || fail "ssh-keygen $k"
done
fp_of() { ssh-keygen -lf "$1" | cut -d' ' -f2; }
FPA=$(fp_of "$T/hk_a.pub"); FPB=$(fp_of "$T/hk_b.pub")
{ echo "HostKey $T/hk_cur"; grep -v '^HostKey ' "$T/sshd.000.cfg"; } >"$T/hk.cfg"
sshd_stop
HK_PID=
hk_sshd() { # KEY: (re)start the listener with host key KEY (a or b)
	# only the listener: a connection already open keeps its own process
	[ -n "$HK_PID" ] && { _kill_pid "$HK_PID"; wait "$HK_PID" 2>/dev/null; }
	cp "$T/hk_$1" "$T/hk_cur" && chmod 600 "$T/hk_cur" || fail "cp host key"
	/usr/sbin/sshd -t -f "$T/hk.cfg" >"$T/hk.log" 2>&1 || { cat "$T/hk.log"; fail "sshd -t"; }
	/usr/sbin/sshd -D -e -f "$T/hk.cfg" >>"$T/hk.log" 2>&1 &
	HK_PID=$!
	SSHD_PIDS="$SSHD_PIDS $HK_PID"      # cleanup stops it
	_wait_ports 20 "$port" || { cat "$T/hk.log"; fail "sshd on port $port did not come back"; }
	# the key the server presents now
	_fp=$(ssh-keyscan -t ed25519 -p "$port" 127.0.0.1 2>/dev/null | ssh-keygen -lf - | cut -d' ' -f2)
	[ "$_fp" = "$(fp_of "$T/hk_$1.pub")" ] || fail "sshd presents '$_fp', not key $1"
}
hk_lines() { grep -c . "$1" 2>/dev/null || echo 0; }

conn_form() { wiz_ssh_form "$port" "$1"; }
to_form() { wiz_start "wizard"; wiz_fortigate_form; }

# 1) the key is swapped while its fingerprint is on screen
hk_sshd a
kh="$T/wiz_kh"
to_form
conn_form "$kh"
wiz_wait "does not know the host key" 30
wiz_screen | grep -qF "$FPA" || wiz_fail "the fingerprint of key A ($FPA) is not on screen"
hk_sshd b
wiz_keys y
wiz_wait "The SIP ALG is ON on this device" 30
[ "$(hk_lines "$kh")" = 1 ] || { cat "$kh"; fail "known_hosts has $(hk_lines "$kh") lines, want 1"; }
[ "$(fp_of "$kh")" = "$FPA" ] || { ssh-keygen -lf "$kh"; fail "known_hosts does not hold the approved key A ($FPA)"; }
grep -qF "$(cut -d' ' -f2 "$T/hk_b.pub")" "$kh" && fail "the swapped-in key B was saved"
pass "key swapped while its fingerprint was shown: the approved key A is saved, the run went on over its connection"

wiz_keys Enter      # the preview connects again: the server now presents B
wiz_wait "REMOTE HOST IDENTIFICATION HAS CHANGED" 30
wiz_screen | grep -q "Preview" && wiz_fail "a preview over a connection with a changed key"
[ "$(hk_lines "$kh")" = 1 ] && [ "$(fp_of "$kh")" = "$FPA" ] || { cat "$kh"; fail "known_hosts changed after the refusal"; }
[ "$(emu_get fw settings.default-voip-alg-mode)" = proxy-based ] || fail "something was changed on the device"
pass "the next connection, offered key B, is refused as changed; known_hosts still holds only A"
wiz_keys q; wiz_wait "Quit algoff?"; wiz_keys y
rc=$(wiz_exit_code 10)
[ "$rc" = 3 ] || wiz_fail "exit code $rc after a refused host key (want 3)"

# 2) "n" writes nothing; "y" writes exactly the presented key (B now)
kh2="$T/wiz_kh2"
to_form
conn_form "$kh2"
wiz_wait "does not know the host key" 30
wiz_screen | grep -qF "$FPB" || wiz_fail "the fingerprint of key B ($FPB) is not on screen"
wiz_screen | grep -q "ssh-ed25519" || wiz_fail "the key type is not on screen"
wiz_keys n
wiz_wait "was not trusted" 30
wiz_wait "How does algoff reach"
[ -s "$kh2" ] && { cat "$kh2"; fail "a key was written after n"; }
pass "n: nothing written, back on the form"
wiz_keys Enter
wiz_wait "does not know the host key" 30
wiz_keys y
wiz_wait "The SIP ALG is ON on this device" 30
[ "$(hk_lines "$kh2")" = 1 ] || { cat "$kh2"; fail "known_hosts has $(hk_lines "$kh2") lines, want 1"; }
got=$(ssh-keygen -lf "$kh2" | awk '{print $2, $NF}')
want=$(ssh-keygen -lf "$T/hk_b.pub" | awk '{print $2, $NF}')
[ "$got" = "$want" ] || fail "known_hosts line is '$got', the server's key is '$want'"
ssh-keygen -F "[127.0.0.1]:$port" -f "$kh2" | grep -q ssh-ed25519 || fail "ssh-keygen -F does not find the entry"
pass "y: exactly one line, the server's key ($want)"
wiz_quit_ok
exit 0
