#!/bin/sh
# SPDX-License-Identifier: MIT
# The reflector keeps answering valid probes after garbage, oversized and
# truncated input over UDP and TCP, idle and excess TCP clients, and a
# flood (which the per-source rate limit cuts down). Loopback, no root.
. "${top_srcdir:-$(dirname "$0")/..}/tests/probe-lib.sh"
need_python
P=$(free_port 3)
start_reflector "$TMP/refl.log" --listen "127.0.0.1:$P" --max-seconds 120 \
    --max-clients 4 --idle-timeout 2 --rate 50

probe_ok() {
	# loopback crosses no NAT: every message back whole, verdict untested
	"$ALGOFF" probe --reflector "127.0.0.1:$P" --local-port 0 >"$TMP/p" 2>&1
	rc=$?
	[ $rc = 3 ] || { cat "$TMP/p"; fail "probe after $1: exit $rc, want 3"; }
	grep -qx 'ALG: untested' "$TMP/p" || fail "probe after $1: not untested"
	[ "$(grep -c 'unchanged: arrived byte for byte' "$TMP/p")" = 4 ] ||
		{ cat "$TMP/p"; fail "probe after $1: not all 4 messages came back"; }
	kill -0 "$REFL_PID" 2>/dev/null || fail "reflector died after $1"
	pass "answers after $1"
}

feed() {
	python3 - "$P" "$1" <<'PY' || fail "feeder $1"
import os, random, socket, sys, time
port, what = int(sys.argv[1]), sys.argv[2]
dst = ("127.0.0.1", port)
random.seed(7)
sip = (b"OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9"
       b";branch=z9hG4bK1\r\nCall-ID: g\r\nCSeq: 1 OPTIONS\r\n")
cases = [bytes(random.getrandbits(8) for _ in range(n)) for n in (1, 17, 512, 1400)]
cases += [b"\r\n\r\n", b"\x00" * 64, sip, sip + b"Content-Length: 99999999\r\n\r\n",
          sip + b"Content-Length: -1\r\n\r\n", sip + b"\r\n" + b"X" * 100,
          b"INVITE sip:x SIP/2.0\r\n" + b"A: b\r\n" * 200 + b"\r\n",
          b"SIP/2.0 200 OK\r\nCall-ID: r\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n",
          sip.replace(b"\r\n", b"\n") + b"l: 3\n\nabc", b"\xff\xfe" + sip]
def tcp(data, close=True, wait=0.0):
    s = socket.create_connection(dst, timeout=2)
    try:
        s.sendall(data)
        time.sleep(wait)
        if close:
            s.close()
        return s
    except OSError:
        return s
if what == "udp":
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for c in cases:
        u.sendto(c, dst)
    u.sendto(sip + b"Content-Length: 0\r\n\r\n" + b"B" * 65000, dst)  # oversized
    u.sendto(sip[:40], dst)                                            # truncated
elif what == "tcp":
    for c in cases:
        tcp(c)
        time.sleep(0.03)
    tcp(b"X" * 100000)                                  # no header end, oversized
    tcp(sip + b"Content-Length: 60000\r\n\r\n" + b"B" * 100)  # truncated body
    tcp(sip + b"Content-Length: 70000\r\n\r\n")         # body over the limit
elif what == "idle":
    # More idle clients than --max-clients, each holding half a message.
    held = [tcp(sip[:30], close=False) for _ in range(8)]
    time.sleep(0.2)
    held[-1].settimeout(4)
    t0 = time.time()
    try:
        got = held[-1].recv(10)   # idle timeout (2 s) must close it
    except socket.timeout:
        sys.exit("idle client not closed after 4 s")
    if got != b"" or time.time() - t0 > 3.9:
        sys.exit("idle client: unexpected %r" % got)
    for s in held:
        s.close()
elif what == "flood":
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.settimeout(0.5)
    n = 0
    for i in range(400):
        u.sendto(sip.replace(b"CSeq: 1", b"CSeq: %d" % (i + 1)) +
                 b"Content-Length: 0\r\n\r\n", dst)
    try:
        while n < 400:
            u.recv(70000)
            n += 1
    except socket.timeout:
        pass
    print("flood: %d of 400 answered" % n)
    if not 20 <= n <= 200:
        sys.exit("rate limit: %d of 400 answered, want 20..200" % n)
PY
}

probe_ok "start"
feed udp
probe_ok "UDP garbage, oversized and truncated datagrams"
feed tcp
probe_ok "TCP garbage, oversized and truncated streams"
feed idle
probe_ok "idle and excess TCP clients"
feed flood
sleep 2.5	# let the source's token bucket refill (50/s, burst 100)
probe_ok "a flood cut down by the per-source rate limit"
exit 0
