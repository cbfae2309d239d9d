#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab.sh - a three-namespace lab with the real Linux kernel SIP ALG.
#
#   lan (198.18.0.2) --- (198.18.0.1) rtr (203.0.113.1) --- (203.0.113.10) wan
#
# rtr forwards, masquerades lan behind 203.0.113.1 (nftables) and attaches
# the kernel SIP helper (nf_conntrack_sip / nf_nat_sip) to UDP and TCP 5060
# with "ct helper set" in a chain at priority filter. A real OpenSSH sshd runs
# inside rtr on 198.18.0.1:22 (root, ed25519 key made at run time).
#
# Usage:
#   LAB_DIR=$(lab.sh up [--no-nat] [--no-helper] [--no-sshd]) || exit 1
#   . "$LAB_DIR/lab.env"          # LAB_NS_LAN, LAB_SSH_KEY, ... (see below)
#   lab.sh exec lan|rtr|wan CMD...  (needs LAB_DIR in the environment)
#   lab.sh helper on|off            (add / remove the ct helper rules, flush
#                                    conntrack so old flows lose the helper)
#   lab.sh loss PERCENT             (drop PERCENT % of forwarded and local UDP
#                                    to the echo ports 5061/7061; 0 removes)
#   lab.sh down [DIR]               (stop sshd, delete namespaces and DIR)
#
# Names are unique per run (namespaces are suffixed with the PID of "up"),
# so parallel runs do not collide. Every wait is bounded. Addresses are only
# 198.18.0.0/24 and 203.0.113.0/24, inside the lab's own namespaces.
set -u

LAB_LAN_IP=198.18.0.2
LAB_RTR_LAN_IP=198.18.0.1
LAB_RTR_WAN_IP=203.0.113.1
LAB_WAN_IP=203.0.113.10

die() { echo "lab.sh: $*" >&2; exit 1; }
nsx() { ns=$1; shift; ip netns exec "$ns" "$@"; }

need_root() {
	[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
	for t in ip nft; do
		command -v "$t" >/dev/null 2>&1 || die "$t not found (see lab/deps)"
	done
}

load_env() {
	d=${1:-${LAB_DIR:-}}
	[ -n "$d" ] && [ -f "$d/lab.env" ] || die "no lab: set LAB_DIR or pass DIR"
	. "$d/lab.env"
}

helper_rules() {
	# $1 = add | flush
	if [ "$1" = add ]; then
		nsx "$LAB_NS_RTR" nft -f - <<'EOF' || return 1
add chain ip lab sip_helper { type filter hook prerouting priority filter; policy accept; }
add rule ip lab sip_helper udp dport 5060 ct helper set "sip-udp"
add rule ip lab sip_helper tcp dport 5060 ct helper set "sip-tcp"
EOF
	else
		nsx "$LAB_NS_RTR" nft delete chain ip lab sip_helper 2>/dev/null
	fi
	# Existing flows keep the helper they were given: forget them.
	if command -v conntrack >/dev/null 2>&1; then
		nsx "$LAB_NS_RTR" conntrack -F >/dev/null 2>&1
	fi
	return 0
}

setup_nft() {
	nat=$1 helper=$2
	nsx "$LAB_NS_RTR" nft -f - <<'EOF' || return 1
table ip lab {
	ct helper sip-udp { type "sip" protocol udp; l3proto ip; }
	ct helper sip-tcp { type "sip" protocol tcp; l3proto ip; }
	chain impair {
		type filter hook prerouting priority mangle; policy accept;
	}
}
EOF
	if [ "$nat" = 1 ]; then
		nsx "$LAB_NS_RTR" nft -f - <<'EOF' || return 1
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan0" masquerade
	}
}
EOF
	fi
	if [ "$helper" = 1 ]; then
		helper_rules add || return 1
	fi
	return 0
}

setup_links() {
	for ns in "$LAB_NS_LAN" "$LAB_NS_RTR" "$LAB_NS_WAN"; do
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up || return 1
	done
	ip -n "$LAB_NS_RTR" link add lan0 type veth peer name eth0 \
	    netns "$LAB_NS_LAN" || return 1
	ip -n "$LAB_NS_RTR" link add wan0 type veth peer name eth0 \
	    netns "$LAB_NS_WAN" || return 1
	ip -n "$LAB_NS_LAN" addr add "$LAB_LAN_IP/24" dev eth0
	ip -n "$LAB_NS_RTR" addr add "$LAB_RTR_LAN_IP/24" dev lan0
	ip -n "$LAB_NS_RTR" addr add "$LAB_RTR_WAN_IP/24" dev wan0
	ip -n "$LAB_NS_WAN" addr add "$LAB_WAN_IP/24" dev eth0
	for l in "$LAB_NS_LAN eth0" "$LAB_NS_RTR lan0" "$LAB_NS_RTR wan0" \
	    "$LAB_NS_WAN eth0"; do
		set -- $l
		ip -n "$1" link set "$2" up || return 1
	done
	ip -n "$LAB_NS_LAN" route add default via "$LAB_RTR_LAN_IP" || return 1
	# Without NAT the wan host needs a way back to the lan.
	ip -n "$LAB_NS_WAN" route add 198.18.0.0/24 via "$LAB_RTR_WAN_IP" || return 1
	nsx "$LAB_NS_RTR" sysctl -qw net.ipv4.ip_forward=1 || return 1
	# IPv6 DAD would delay link-local setup; the lab is IPv4 only.
	return 0
}

wait_links() {
	i=0
	while [ $i -lt 50 ]; do
		down=0
		for l in "$LAB_NS_LAN eth0" "$LAB_NS_RTR lan0" "$LAB_NS_RTR wan0" \
		    "$LAB_NS_WAN eth0"; do
			set -- $l
			ip -n "$1" -o link show "$2" | grep -q 'LOWER_UP' || down=1
		done
		[ $down = 0 ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

start_sshd() {
	command -v sshd >/dev/null 2>&1 || SSHD=/usr/sbin/sshd
	SSHD=${SSHD:-$(command -v sshd)}
	[ -x "$SSHD" ] || { echo "lab.sh: sshd not found, skipping it" >&2; return 0; }
	ssh-keygen -q -t ed25519 -N '' -C algoff-lab-host \
	    -f "$LAB_DIR/ssh_host_ed25519_key" || return 1
	ssh-keygen -q -t ed25519 -N '' -C algoff-lab-client \
	    -f "$LAB_DIR/id_ed25519" || return 1
	cp "$LAB_DIR/id_ed25519.pub" "$LAB_DIR/authorized_keys"
	printf '%s %s\n' "$LAB_RTR_LAN_IP" \
	    "$(cut -d' ' -f1,2 "$LAB_DIR/ssh_host_ed25519_key.pub")" \
	    >"$LAB_DIR/known_hosts"
	cat >"$LAB_DIR/sshd_config" <<EOF
ListenAddress $LAB_RTR_LAN_IP:22
HostKey $LAB_DIR/ssh_host_ed25519_key
PidFile $LAB_DIR/sshd.pid
AuthorizedKeysFile $LAB_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel VERBOSE
EOF
	mkdir -p /run/sshd
	nsx "$LAB_NS_RTR" "$SSHD" -f "$LAB_DIR/sshd_config" \
	    -E "$LAB_DIR/sshd.log" || { cat "$LAB_DIR/sshd.log" >&2; return 1; }
	i=0
	while [ ! -s "$LAB_DIR/sshd.pid" ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -s "$LAB_DIR/sshd.pid" ] || { cat "$LAB_DIR/sshd.log" >&2; return 1; }
	echo "LAB_SSHD_PID=$(cat "$LAB_DIR/sshd.pid")" >>"$LAB_DIR/lab.env"
	return 0
}

write_env() {
	cat >"$LAB_DIR/lab.env" <<EOF
LAB_DIR=$LAB_DIR
LAB_NS_LAN=$LAB_NS_LAN
LAB_NS_RTR=$LAB_NS_RTR
LAB_NS_WAN=$LAB_NS_WAN
LAB_LAN_IP=$LAB_LAN_IP
LAB_RTR_LAN_IP=$LAB_RTR_LAN_IP
LAB_RTR_WAN_IP=$LAB_RTR_WAN_IP
LAB_WAN_IP=$LAB_WAN_IP
LAB_NAT=$1
LAB_HELPER=$2
LAB_SSH_HOST=$LAB_RTR_LAN_IP
LAB_SSH_PORT=22
LAB_SSH_USER=root
LAB_SSH_KEY=$LAB_DIR/id_ed25519
LAB_KNOWN_HOSTS=$LAB_DIR/known_hosts
EOF
}

cmd_up() {
	nat=1 helper=1 sshd=1
	for a in "$@"; do
		case $a in
		--no-nat) nat=0 ;;
		--no-helper) helper=0 ;;
		--no-sshd) sshd=0 ;;
		*) die "up: unknown option $a" ;;
		esac
	done
	need_root
	LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/algoff-lab.XXXXXX") || die "mktemp"
	sfx=$$
	LAB_NS_LAN=algoff-lan-$sfx
	LAB_NS_RTR=algoff-rtr-$sfx
	LAB_NS_WAN=algoff-wan-$sfx
	write_env "$nat" "$helper"
	if ! setup_links || ! setup_nft "$nat" "$helper"; then
		cmd_down "$LAB_DIR"; die "up failed"
	fi
	if [ "$sshd" = 1 ] && ! start_sshd; then
		cmd_down "$LAB_DIR"; die "sshd failed"
	fi
	# Bounded wait until every veth end reports carrier (ping may be absent).
	if ! wait_links; then
		cmd_down "$LAB_DIR"; die "links did not come up"
	fi
	echo "$LAB_DIR"
}

cmd_down() {
	d=${1:-${LAB_DIR:-}}
	[ -n "$d" ] && [ -f "$d/lab.env" ] || return 0
	. "$d/lab.env"
	if [ -s "$d/sshd.pid" ]; then
		p=$(cat "$d/sshd.pid")
		case $p in *[!0-9]*|'') ;; *) kill "$p" 2>/dev/null ;; esac
	fi
	for ns in "$LAB_NS_LAN" "$LAB_NS_RTR" "$LAB_NS_WAN"; do
		ip netns delete "$ns" 2>/dev/null
	done
	case $d in
	*/algoff-lab.*) rm -rf "$d" ;;
	esac
	return 0
}

ns_of() {
	case $1 in
	lan) echo "$LAB_NS_LAN" ;;
	rtr) echo "$LAB_NS_RTR" ;;
	wan) echo "$LAB_NS_WAN" ;;
	*) die "unknown namespace $1 (lan, rtr or wan)" ;;
	esac
}

cmd_loss() {
	pct=$1
	nsx "$LAB_NS_RTR" nft flush chain ip lab impair || return 1
	[ "$pct" -gt 0 ] 2>/dev/null || return 0
	nsx "$LAB_NS_RTR" nft add rule ip lab impair iifname lan0 \
	    udp dport '{ 5061, 7061 }' numgen random mod 100 \< "$pct" drop
}

case ${1:-} in
up) shift; cmd_up "$@" ;;
down) shift; cmd_down "${1:-}" ;;
exec)
	shift; [ $# -ge 2 ] || die "exec NS CMD..."
	load_env; ns=$(ns_of "$1") || exit 1; shift
	exec ip netns exec "$ns" "$@" ;;
helper)
	shift; load_env
	case ${1:-} in
	on) helper_rules add ;;
	off) helper_rules flush ;;
	*) die "helper on|off" ;;
	esac ;;
loss) shift; load_env; cmd_loss "${1:-0}" ;;
*) echo "usage: lab.sh up [--no-nat] [--no-helper] [--no-sshd] | down [DIR] |" \
	"exec lan|rtr|wan CMD... | helper on|off | loss PERCENT" >&2; exit 2 ;;
esac
