#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""reflector-amp.py PORT [--report] - send every kind of request to an
algoff reflector on 127.0.0.1:PORT (UDP, and TCP for some) and check that
no answer is larger than 3 times the request that caused it. Valid
requests of the probe's size must still get a full echo (200 OK).
Prints one line per kind: kind, transport, request bytes, answer bytes,
ratio, first status line. Exit 1 when a check fails."""
import random
import socket
import sys
import time

HOST = "127.0.0.1"
LIMIT = 3.0


def hdrs(method, extra=b"", cseq=1):
    return (method.encode() + b" sip:echo@127.0.0.1 SIP/2.0\r\n"
            b"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-amp-%d;rport\r\n"
            b"Max-Forwards: 70\r\n"
            b"From: \"algoff\" <sip:algoff@127.0.0.1>;tag=amp\r\n"
            b"To: <sip:echo@127.0.0.1>\r\n"
            b"Call-ID: amp-%d@127.0.0.1\r\n"
            b"CSeq: %d " % (cseq, cseq, cseq) + method.encode() + b"\r\n"
            b"Contact: <sip:algoff@127.0.0.1:5060;transport=udp>\r\n"
            b"User-Agent: algoff-probe/test\r\n" + extra)


SDP = (b"v=0\r\no=algoff 1001 1001 IN IP4 127.0.0.1\r\ns=algoff probe\r\n"
       b"c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 10000 RTP/AVP 0 8 18 101\r\n"
       b"a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
       b"a=rtpmap:18 G729/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
       b"a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n")


def kinds():
    rnd = random.Random(11)
    reg = hdrs("REGISTER", b"Expires: 60\r\nContent-Length: 0\r\n\r\n", 1)
    inv = hdrs("INVITE", b"Content-Type: application/sdp\r\n"
               b"Content-Length: %d\r\n\r\n" % len(SDP), 2) + SDP
    big = hdrs("OPTIONS", b"X-Big: " + b"x" * 64000 + b"\r\n"
               b"Content-Length: 0\r\n\r\n", 3)
    yield "valid REGISTER", reg, True
    yield "valid INVITE+SDP", inv, True
    yield "short OPTIONS", (b"OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP "
                            b"1.2.3.4;branch=z9hG4bK1\r\nCSeq: 1 OPTIONS\r\n\r\n"), False
    yield "minimal request", b"A b SIP/2.0\r\n\r\n", False
    yield "compact headers", (b"OPTIONS sip:x SIP/2.0\r\n" + b"v:a\r\nf:b\r\n"
                              b"t:c\r\ni:d\r\n" * 15 + b"\r\n"), False
    yield "oversized (64 KB)", big, False
    yield "Content-Length > body", hdrs("OPTIONS", b"Content-Length: 5000\r\n"
                                          b"\r\nabc", 4), False
    yield "truncated SIP", reg[:len(reg) // 2], False
    yield "garbage 1 byte", b"\x17", False
    yield "garbage 512", bytes(rnd.getrandbits(8) for _ in range(512)), False
    yield "garbage 1400", bytes(rnd.getrandbits(8) for _ in range(1400)), False
    yield "response", b"SIP/2.0 200 OK\r\nCall-ID: r\r\nCSeq: 1 X\r\n\r\n", False
    yield "ACK", hdrs("ACK", b"Content-Length: 0\r\n\r\n", 5), False


def udp_answer(port, data):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((HOST, 0))
    s.settimeout(0.3)
    s.sendto(data, (HOST, port))
    got = []
    deadline = time.time() + 0.3
    while time.time() < deadline:
        try:
            got.append(s.recv(70000))
            s.settimeout(0.05)
        except socket.timeout:
            break
    s.close()
    return got


def tcp_answer(port, data):
    s = socket.create_connection((HOST, port), timeout=2)
    s.sendall(data)
    s.settimeout(0.3)
    got = b""
    for _ in range(200):
        try:
            c = s.recv(65536)
        except socket.timeout:
            break
        if not c:
            break
        got += c
    s.close()
    return [got] if got else []


def main():
    port, report = int(sys.argv[1]), "--report" in sys.argv
    bad = 0
    print("%-22s %-4s %8s %8s %6s  %s" % ("kind", "tp", "request", "answer",
                                         "ratio", "status"))
    for name, data, must_echo in kinds():
        for tp in ("UDP", "TCP"):
            if tp == "TCP" and not (must_echo or name in (
                    "short OPTIONS", "compact headers", "oversized (64 KB)")):
                continue
            got = (udp_answer if tp == "UDP" else tcp_answer)(port, data)
            n = sum(len(g) for g in got)
            ratio = n / len(data)
            status = got[0].split(b"\r\n", 1)[0].decode("latin-1") if got else "(none)"
            ok = ratio <= LIMIT
            if must_echo and not status.startswith("SIP/2.0 200"):
                ok = False
            print("%-22s %-4s %8d %8d %6.2f  %s%s" % (name, tp, len(data), n, ratio,
                                                     status, "" if ok else "  <-- FAIL"))
            bad += not ok
    if bad and not report:
        print("FAIL: %d request kinds broke the 3x rule or lost their echo" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
