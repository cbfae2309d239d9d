#!/bin/sh
# Host keys: an unknown key is refused with its SHA256 fingerprint (as
# ssh-keygen -lf prints it); --accept-new-host-key appends a line OpenSSH
# finds; hashed entries match; a changed key is refused, loudly, even with
# accept-new or when the confirm callback says yes (it is told the key
# changed); a @revoked key is refused.
# shellcheck disable=SC1091,SC2034,SC2016,SC2015,SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/transport-lib.sh"
device_add sh shell
sshd_start
P=$(device_port sh)
ID="$T/id_ed25519"
FP=$(ssh-keygen -lf "$T/ssh_host_ed25519_key.pub" | cut -d' ' -f2)

cp "$T/known_hosts.empty" "$T/kh"
probe sh -k "$T/kh" -i "$ID" -x true
expect_err "unknown host key" HOSTKEY
expect_msg "unknown: fingerprint" "ED25519 key fingerprint is $FP"
expect_msg "unknown: hint" "--accept-new-host-key"
[ -s "$T/kh" ] && fail "strict mode wrote to known_hosts"
probe sh -k "$T/kh" -i "$ID" -y no -x true
expect_err "confirm callback says no" HOSTKEY
grep -qF "CONFIRM [127.0.0.1]:$P ssh-ed25519 $FP $T/kh" "$T/err" || fail "confirm callback not asked"
[ -s "$T/kh" ] && fail "a refused key was written"
cp "$T/kh" "$T/kh.yes"
probe sh -k "$T/kh.yes" -i "$ID" -y yes -x true
expect_ok "confirm callback says yes"
grep -q "^\[127.0.0.1\]:$P ssh-ed25519 " "$T/kh.yes" || fail "confirmed key not written"
probe sh -k "$T/kh" -i "$ID" -n -x true
expect_ok "accept-new"
ssh-keygen -F "[127.0.0.1]:$P" -f "$T/kh" | grep -q ssh-ed25519 || { cat "$T/kh"; fail "ssh-keygen -F does not find the added key"; }
probe sh -k "$T/kh" -i "$ID" -x true
expect_ok "strict after accept-new"
ssh-keygen -H -f "$T/kh" >/dev/null 2>&1 && grep -q '^|1|' "$T/kh" || fail "ssh-keygen -H"
probe sh -k "$T/kh" -i "$ID" -x true
expect_ok "hashed entry"

ssh-keygen -q -t ed25519 -N '' -f "$T/other" || fail "ssh-keygen"
printf '# test file\n\n[127.0.0.1]:%s %s\n' "$P" "$(cut -d' ' -f1,2 "$T/other.pub")" >"$T/kh.changed"
for mode in "" -n; do
	probe sh -k "$T/kh.changed" -i "$ID" $mode -x true
	expect_err "changed host key ${mode:-strict}" HOSTKEY
	expect_msg "changed: loud" "REMOTE HOST IDENTIFICATION HAS CHANGED"
	expect_msg "changed: file and line" "$T/kh.changed, line 3"
	expect_msg "changed: presented key" "$FP"
done
probe sh -k "$T/kh.changed" -i "$ID" -y yes -x true
expect_err "changed host key, confirm callback says yes" HOSTKEY
grep -qF "CONFIRM [127.0.0.1]:$P ssh-ed25519 $FP $T/kh.changed changed" "$T/err" || fail "changed key not reported to the callback as changed"
[ "$(wc -l <"$T/kh.changed")" = 3 ] || fail "a changed key was written"
{ cat "$T/known_hosts"; printf '@revoked [127.0.0.1]:%s %s\n' "$P" "$(cut -d' ' -f1,2 "$T/ssh_host_ed25519_key.pub")"; } >"$T/kh.revoked"
probe sh -k "$T/kh.revoked" -i "$ID" -x true
expect_err "revoked host key" HOSTKEY
expect_msg "revoked" "@revoked"
