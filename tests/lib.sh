# tests/lib.sh - real-sshd test harness for algoff (POSIX sh; dash and bash).
#
# Source it from a test:   . "$top_srcdir/tests/lib.sh"
# Sourcing it (as root) creates $T (mktemp -d), host and client keys, a
# per-run system user with a random password, and installs the EXIT trap
# that stops every process it started (by PID) and deletes the user and $T.
# Not root / no sshd -> prints "SKIP: why" and exits 77.
#
# API (see also the report in tests/emulators/README):
#   $T                        temp dir of this run (mode 755)
#   $TEST_USER                login name of the per-run account
#   $ALGOFF_TEST_PW           its password (exported; pass the NAME
#                             ALGOFF_TEST_PW to algoff --password-env)
#   $T/id_ed25519 $T/id_ecdsa $T/id_rsa   client keys (authorized)
#   $T/known_hosts            [127.0.0.1]:PORT lines for every device and
#                             host key type (written by sshd_start)
#   $T/known_hosts.empty      an empty file
#   $EMU $EMUCTL              emulator and state tool (copies under $T/emu)
#   device_add NAME VENDOR [opt=value ...]
#                             VENDOR: fortigate | cisco-ios | shell (a plain
#                             /bin/sh login, no emulator); opts go to
#                             `emuctl.py init` (e.g. sip_helper_id=21,
#                             login_privileged=true, hostname=X)
#   sshd_start                start sshd(s); every device gets its own port
#   sshd_stop                 stop them (cleanup does it anyway)
#   device_port NAME          port (after sshd_start)
#   device_dir NAME           emulator state dir (state.json, log.jsonl)
#   device_vendor NAME
#   emu_get NAME key.path     e.g. settings.sip-expectation, running.sip_alg.udp-5060
#   emu_set NAME key.path VALUE
#   emu_log NAME [--all|--json]   applied commands, one per line
#   emu_faults NAME [k=v ...] drop_after=N reject=REGEX slow_ms=N
#                             no_prompt_after=N banner=TEXT; none = clear
#   emu_helper_id NAME [helper]   FortiGate session-helper id(s) of "sip"
#   ssh_dev NAME [args...]    system ssh client, ed25519 key, strict
#                             host key checking against $T/known_hosts
#   ssh_drive NAME [--timeout S] <<EOF   expect-style interactive session
#                             (ssh -tt); steps: expect RE / send TEXT /
#                             sendline TEXT / sleep S / eof; exit 1 on a
#                             timeout; transcript in $T/last.transcript
#   on_cleanup 'shell code'   run at cleanup (before processes are stopped)
#   cleanup; and everything in tests/common.sh (skip, fail, pass, check...)
# Settings read by sshd_start (set them before calling it):
#   SSHD_EXTRA     extra sshd_config lines; they go FIRST in the file, so
#                  they override our defaults (sshd keeps the first value),
#                  e.g. SSHD_EXTRA='KexAlgorithms diffie-hellman-group14-sha1
#                  HostKeyAlgorithms ssh-rsa'
#   SSHD_KBDINT=1  KbdInteractiveAuthentication yes + UsePAM yes
#   SSHD_ADDR      listen address (default 127.0.0.1)
#   SSHD_WRAP      command prefix for sshd and the port probe
#                  (e.g. "ip netns exec rtr")
#   SSHD_PORTS_PER ports per sshd process (default 15: OpenSSH's sshd has a
#                  hard limit of 16 listen sockets, MAX_LISTEN_SOCKS, so
#                  ~200 devices run as several sshd processes sharing one
#                  config template, host keys and user)
#   SSHD_READY_TIMEOUT  seconds every port has to listen and every sshd to
#                  send its banner (default 20 + 1 per 5 devices: 220 s
#                  for 1000 devices, 67 sshd processes)
#   ALGOFF_KEEP_T=1  keep $T after the run (for debugging)

_lib_dir=
if [ -n "${top_srcdir:-}" ] && [ -f "$top_srcdir/tests/lib.sh" ]; then
	_lib_dir=$(cd "$top_srcdir/tests" && pwd)
elif [ -f "$(dirname "$0")/lib.sh" ]; then
	_lib_dir=$(cd "$(dirname "$0")" && pwd)
else
	echo "lib.sh: cannot find tests/ (set top_srcdir)"; exit 99
fi
. "$_lib_dir/common.sh"

[ "$(id -u)" = 0 ] || skip "needs root (creates a system user, runs sshd)"
[ -x /usr/sbin/sshd ] || skip "/usr/sbin/sshd not installed"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 not installed"
for _c in ssh-keygen useradd userdel chpasswd ps; do
	command -v "$_c" >/dev/null 2>&1 || skip "$_c not installed"
done

_rand_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

T=$(mktemp -d "${TMPDIR:-/tmp}/algoff-t.XXXXXX") || fail "mktemp -d"
chmod 755 "$T"
SSHD_PIDS=
_CLEANUP_HOOKS=
TEST_USER=
_cleaning=

on_cleanup() { _CLEANUP_HOOKS="${_CLEANUP_HOOKS}${1}
"; }

_kill_pid() { # PID: TERM, wait up to 3 s, then KILL
	_p=$1; _i=0
	kill "$_p" 2>/dev/null || return 0
	while kill -0 "$_p" 2>/dev/null && [ $_i -lt 30 ]; do
		sleep 0.1; _i=$((_i + 1))
	done
	kill -9 "$_p" 2>/dev/null
	return 0
}

sshd_stop() {
	for _sp in $SSHD_PIDS; do
		# per-connection children (monitor processes) first, then the listener
		for _c in $(ps -o pid= --ppid "$_sp" 2>/dev/null); do
			kill "$_c" 2>/dev/null
		done
		_kill_pid "$_sp"
		wait "$_sp" 2>/dev/null
	done
	SSHD_PIDS=
	if [ -n "$TEST_USER" ]; then
		# everything still running as the per-run user was started by our sshd
		for _try in 1 2 3 4 5; do
			_left=$(ps -o pid= -u "$TEST_USER" 2>/dev/null)
			[ -z "$_left" ] && break
			for _c in $_left; do
				if [ "$_try" -lt 4 ]; then kill "$_c" 2>/dev/null; else kill -9 "$_c" 2>/dev/null; fi
			done
			sleep 0.2
		done
	fi
	return 0
}

cleanup() {
	_rc=$?
	[ -n "$_cleaning" ] && return
	_cleaning=1
	set +e
	trap - EXIT INT TERM HUP
	if [ -n "$_CLEANUP_HOOKS" ]; then
		eval "$_CLEANUP_HOOKS"
	fi
	sshd_stop
	if [ -n "$TEST_USER" ] && getent passwd "$TEST_USER" >/dev/null 2>&1; then
		_i=0
		# userdel exits 1 or 10 while /etc/passwd or /etc/group is locked
		while ! userdel "$TEST_USER" 2>/dev/null && [ $_i -lt 20 ]; do
			sleep 0.25; _i=$((_i + 1))
		done
		getent passwd "$TEST_USER" >/dev/null 2>&1 && userdel -f "$TEST_USER" 2>/dev/null
		getent passwd "$TEST_USER" >/dev/null 2>&1 && echo "lib.sh: could not delete user $TEST_USER" >&2
	fi
	if [ "${ALGOFF_KEEP_T:-0}" = 1 ]; then
		echo "lib.sh: kept $T" >&2
	else
		rm -rf "$T"
	fi
	exit $_rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# emulators: a private copy the test user can read
mkdir -p "$T/emu" "$T/dev" "$T/meta" "$T/home"
cp "$_lib_dir"/emulators/*.py "$T/emu/" || fail "copy emulators"
chmod 755 "$T/emu" "$T"/emu/*.py
EMU="$T/emu/emu.py"
EMUCTL="$T/emu/emuctl.py"

# per-run account: aot + 6 hex digits, random password, shell /bin/sh
TEST_USER="aot$(_rand_hex 3)"
ALGOFF_TEST_PW="Pw$(_rand_hex 12)"
export ALGOFF_TEST_PW TEST_USER
_i=0
until useradd -M -N -g nogroup -d "$T/home" -s /bin/sh -c "algoff test" "$TEST_USER" 2>"$T/useradd.err"; do
	_i=$((_i + 1))
	if [ $_i -ge 20 ] || ! grep -qi 'lock' "$T/useradd.err"; then
		TEST_USER_FAILED=$TEST_USER; TEST_USER=
		fail "useradd $TEST_USER_FAILED: $(cat "$T/useradd.err")"
	fi
	sleep 0.25
done
printf '%s:%s\n' "$TEST_USER" "$ALGOFF_TEST_PW" | chpasswd || fail "chpasswd"
chown "$TEST_USER" "$T/home"

# keys (generated per run, never committed)
for _t in ed25519 ecdsa rsa; do
	_b=; [ $_t = rsa ] && _b="-b 2048"
	# shellcheck disable=SC2086
	ssh-keygen -q -t $_t $_b -N '' -C "algoff-test-host" -f "$T/ssh_host_${_t}_key" || fail "ssh-keygen host $_t"
	# shellcheck disable=SC2086
	ssh-keygen -q -t $_t $_b -N '' -C "algoff-test-client" -f "$T/id_$_t" || fail "ssh-keygen client $_t"
done
cat "$T/id_ed25519.pub" "$T/id_ecdsa.pub" "$T/id_rsa.pub" >"$T/authorized_keys"
chmod 644 "$T/authorized_keys"
: >"$T/known_hosts.empty"
: >"$T/devices"

device_add() { # NAME VENDOR [opt=value ...]
	_n=$1; _v=$2
	[ $# -ge 2 ] || fail "device_add NAME VENDOR"
	shift 2
	case $_n in ''|*[!A-Za-z0-9_-]*) fail "device_add: bad name '$_n'";; esac
	[ -e "$T/meta/$_n.vendor" ] && fail "device_add: $_n exists"
	case $_v in
	fortigate|cisco-ios)
		mkdir -p "$T/dev/$_n"
		/usr/bin/python3 "$EMUCTL" init "$T/dev/$_n" "$_v" "$@" || fail "emuctl init $_n"
		;;
	shell) mkdir -p "$T/dev/$_n" ;;
	*)
		# any other vendor with an emulator module (dashes as underscores)
		case $_v in *[!a-z0-9-]*|'') fail "device_add: unknown vendor '$_v'" ;; esac
		[ -f "$T/emu/$(echo "$_v" | tr - _).py" ] || fail "device_add: unknown vendor '$_v'"
		mkdir -p "$T/dev/$_n"
		/usr/bin/python3 "$EMUCTL" init "$T/dev/$_n" "$_v" "$@" || fail "emuctl init $_n"
		;;
	esac
	chown -R "$TEST_USER" "$T/dev/$_n"
	echo "$_v" >"$T/meta/$_n.vendor"
	echo "$_n" >>"$T/devices"
}

device_port() {
	[ -s "$T/meta/$1.port" ] || fail "device_port: no port for '$1' (sshd_start first)"
	cat "$T/meta/$1.port"
}
device_dir() {
	[ -d "$T/dev/$1" ] || fail "device_dir: no device '$1'"
	echo "$T/dev/$1"
}
device_vendor() { cat "$T/meta/$1.vendor" 2>/dev/null || fail "no device '$1'"; }

emu_ctl() { _n=$1; shift; _c=$1; shift; /usr/bin/python3 "$EMUCTL" "$_c" "$(device_dir "$_n")" "$@"; }
emu_get() { emu_ctl "$1" get "$2"; }
emu_set() { emu_ctl "$1" set "$2" "$3"; }
emu_log() { _n=$1; shift; emu_ctl "$_n" log "$@"; }
emu_faults() { _n=$1; shift; emu_ctl "$_n" faults "$@"; }
emu_helper_id() { emu_ctl "$1" helper-id "${2:-sip}"; }

ssh_dev() { # NAME [ssh options] [remote command] (ssh takes options after the host)
	_n=$1; shift
	ssh -F /dev/null -i "$T/id_ed25519" -p "$(device_port "$_n")" \
		-o IdentitiesOnly=yes -o BatchMode=yes -o ConnectTimeout=10 \
		-o UserKnownHostsFile="$T/known_hosts" -o StrictHostKeyChecking=yes \
		-o LogLevel=ERROR -l "$TEST_USER" "${SSHD_ADDR:-127.0.0.1}" "$@"
}

ssh_drive() { # NAME [--timeout S]; expect-steps on stdin (see emulators/sshdrive.py)
	# interactive session through `ssh -tt` (remote PTY, key auth);
	# transcript in $T/last.transcript
	_n=$1; shift
	/usr/bin/python3 "$T/emu/sshdrive.py" --transcript "$T/last.transcript" "$@" -- \
		ssh -F /dev/null -i "$T/id_ed25519" -p "$(device_port "$_n")" \
		-o IdentitiesOnly=yes -o BatchMode=yes -o ConnectTimeout=10 \
		-o UserKnownHostsFile="$T/known_hosts" -o StrictHostKeyChecking=yes \
		-o LogLevel=ERROR -tt -l "$TEST_USER" "${SSHD_ADDR:-127.0.0.1}"
}

_alloc_ports() { # N -> N distinct free ports, one per line
	${SSHD_WRAP:-} /usr/bin/python3 - "$1" "${SSHD_ADDR:-127.0.0.1}" <<'EOF'
import socket, sys
n, addr = int(sys.argv[1]), sys.argv[2]
socks = []
for _ in range(n):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
    s.bind((addr, 0))
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
EOF
}

_wait_ports() { # timeout_s port... ; every port must be in LISTEN state
	# (read from /proc/net/tcp*, no connection) and every $_WAIT_EVERY-th port
	# (default 1: all; sshd_start: the first of each sshd process) must
	# accept and send an SSH banner (each connection costs an sshd re-exec:
	# 1000 of them one by one are slow on a loaded machine)
	${SSHD_WRAP:-} /usr/bin/python3 - "${SSHD_ADDR:-127.0.0.1}" "${_WAIT_EVERY:-1}" "$@" <<'EOF'
import socket, sys, time
addr, every, tmo = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ports = [int(p) for p in sys.argv[4:]]
end = time.time() + tmo
def listening():
    found = set()
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(f) as fh:
                for line in fh.readlines()[1:]:
                    col = line.split()
                    if len(col) > 3 and col[3] == "0A":
                        found.add(int(col[1].rsplit(":", 1)[1], 16))
        except OSError:
            pass
    return found
left = list(ports)
while left and time.time() < end:
    have = listening()
    left = [p for p in left if p not in have]
    if left:
        time.sleep(0.1)
banner = [] if left else ports[::every]
while banner and time.time() < end:
    p = banner[0]
    try:
        s = socket.create_connection((addr, p), timeout=5)
        s.settimeout(5)
        if s.recv(4).startswith(b"SSH-"):
            banner.pop(0)
        s.close()
        continue
    except OSError:
        pass
    time.sleep(0.05)
if left or banner:
    print("ports not ready after %gs: %s" % (tmo, " ".join(map(str, left or banner))))
    sys.exit(1)
EOF
}

_write_sshd_cfg() { # cfgfile names...
	_cfg=$1; shift
	{
		if [ -n "${SSHD_EXTRA:-}" ]; then
			echo "# SSHD_EXTRA (first value wins in sshd_config)"
			printf '%s\n' "$SSHD_EXTRA"
		fi
		for _n in "$@"; do
			echo "ListenAddress ${SSHD_ADDR:-127.0.0.1}:$(cat "$T/meta/$_n.port")"
		done
		cat <<EOF
HostKey $T/ssh_host_ed25519_key
HostKey $T/ssh_host_ecdsa_key
HostKey $T/ssh_host_rsa_key
PidFile none
AuthorizedKeysFile $T/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication yes
PermitEmptyPasswords no
PermitRootLogin no
AllowUsers $TEST_USER
MaxStartups 400:30:800
MaxSessions 10
MaxAuthTries 6
LoginGraceTime 60
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
PermitUserEnvironment no
LogLevel ${SSHD_LOGLEVEL:-VERBOSE}
EOF
		if [ "${SSHD_KBDINT:-0}" = 1 ]; then
			echo "KbdInteractiveAuthentication yes"
			echo "UsePAM yes"
		else
			echo "KbdInteractiveAuthentication no"
			echo "UsePAM no"
		fi
		for _n in "$@"; do
			_v=$(cat "$T/meta/$_n.vendor")
			echo "Match LocalPort $(cat "$T/meta/$_n.port")"
			if [ "$_v" = shell ]; then
				echo "    PermitTTY yes"
			else
				echo "    ForceCommand /usr/bin/python3 $EMU --vendor $_v --state $T/dev/$_n"
			fi
		done
	} >"$_cfg"
}

_known_hosts() {
	: >"$T/known_hosts"
	while read -r _n; do
		_p=$(cat "$T/meta/$_n.port")
		for _t in ed25519 ecdsa rsa; do
			printf '[%s]:%s %s\n' "${SSHD_ADDR:-127.0.0.1}" "$_p" \
				"$(cut -d' ' -f1,2 "$T/ssh_host_${_t}_key.pub")" >>"$T/known_hosts"
		done
	done <"$T/devices"
}

sshd_log() { for _f in "$T"/sshd.*.log; do [ -f "$_f" ] && { echo "== $_f"; cat "$_f"; }; done; }

sshd_start() {
	_ndev=$(wc -l <"$T/devices")
	[ "$_ndev" -gt 0 ] || fail "sshd_start: no devices (device_add first)"
	[ -n "$SSHD_PIDS" ] && fail "sshd_start: already running"
	[ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 755 /run/sshd; }
	_per=${SSHD_PORTS_PER:-15}
	_attempt=0
	while :; do
		_attempt=$((_attempt + 1))
		_alloc_ports "$_ndev" >"$T/ports" || fail "cannot allocate ports"
		paste -d' ' "$T/devices" "$T/ports" | while read -r _n _p; do
			echo "$_p" >"$T/meta/$_n.port"
		done
		# one sshd per group of $_per devices
		rm -f "$T"/sshd.*.cfg "$T"/sshd.*.log
		split -l "$_per" -d -a 3 "$T/devices" "$T/group."
		_ok=1
		for _g in "$T"/group.*; do
			_id=${_g##*.}
			# shellcheck disable=SC2046
			_write_sshd_cfg "$T/sshd.$_id.cfg" $(cat "$_g")
			${SSHD_WRAP:-} /usr/sbin/sshd -t -f "$T/sshd.$_id.cfg" 2>"$T/sshd.$_id.log" || {
				cat "$T/sshd.$_id.log"; fail "sshd -t rejected $T/sshd.$_id.cfg"; }
			${SSHD_WRAP:-} /usr/sbin/sshd -D -e -f "$T/sshd.$_id.cfg" >>"$T/sshd.$_id.log" 2>&1 &
			SSHD_PIDS="$SSHD_PIDS $!"
		done
		rm -f "$T"/group.*
		# shellcheck disable=SC2046
		_WAIT_EVERY=$_per
		if _wait_ports "${SSHD_READY_TIMEOUT:-$((20 + _ndev / 5))}" $(cat "$T/ports") >"$T/wait.out" 2>&1; then
			for _sp in $SSHD_PIDS; do kill -0 "$_sp" 2>/dev/null || _ok=0; done
		else
			_ok=0
		fi
		_WAIT_EVERY=1
		[ $_ok = 1 ] && break
		if grep -q 'Address already in use' "$T"/sshd.*.log 2>/dev/null && [ $_attempt -lt 3 ]; then
			sshd_stop
			continue
		fi
		cat "$T/wait.out"
		sshd_log
		fail "sshd did not start"
	done
	_known_hosts
	return 0
}
