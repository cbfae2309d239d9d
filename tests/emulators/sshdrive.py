#!/usr/bin/python3
"""Tiny expect for tests: run a command (e.g. `ssh -tt ...`) with pipes and
follow a script read from stdin, one step a line:

  expect REGEX       wait until the output so far (since the last match)
                     matches REGEX (Python re, MULTILINE)
  send TEXT          send TEXT; escapes \\n \\r \\t \\xNN are decoded
  sendline TEXT      send TEXT + "\\n"
  sleep SECONDS
  eof                wait until the command closes its output
  # ...              comment

usage: sshdrive.py [--timeout S] [--transcript FILE] -- COMMAND ARGS...
Exit 0 when every step succeeded, 1 on a timeout or early EOF (the step and
the unmatched output tail are printed), 2 on usage errors.
Every wait is bounded by --timeout (default 10 s); the child is killed (by
PID) at the end.
"""
import codecs
import os
import re
import select
import subprocess
import sys
import time


def main(argv):
    timeout = 10.0
    transcript = None
    i = 1
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--timeout":
            timeout = float(argv[i + 1])
            i += 2
        elif argv[i] == "--transcript":
            transcript = argv[i + 1]
            i += 2
        else:
            sys.stderr.write(__doc__)
            return 2
    cmd = argv[i + 1:]
    if not cmd:
        sys.stderr.write(__doc__)
        return 2
    steps = [ln.rstrip("\n") for ln in sys.stdin if ln.strip() and not ln.lstrip().startswith("#")]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    fd = proc.stdout.fileno()
    seen = ""       # all output
    pos = 0         # start of unmatched output
    eof = False
    rc = 0

    def pump(deadline):
        nonlocal seen, eof
        left = deadline - time.time()
        if left <= 0 or eof:
            return False
        r, _, _ = select.select([fd], [], [], min(left, 0.5))
        if r:
            data = os.read(fd, 65536)
            if not data:
                eof = True
                return False
            seen += data.decode("utf-8", "replace")
        return True

    try:
        for step in steps:
            verb, _, arg = step.partition(" ")
            if verb == "expect":
                rx = re.compile(arg, re.M)
                deadline = time.time() + timeout
                while True:
                    m = rx.search(seen, pos)
                    if m:
                        pos = m.end()
                        break
                    if not pump(deadline) and (eof or time.time() >= deadline):
                        m = rx.search(seen, pos)
                        if m:
                            pos = m.end()
                            break
                        why = "EOF" if eof else "timeout"
                        print("sshdrive: %s waiting for /%s/; unmatched output: %r"
                              % (why, arg, seen[pos:][-600:]))
                        rc = 1
                        break
                if rc:
                    break
            elif verb in ("send", "sendline"):
                text = codecs.decode(arg, "unicode_escape")
                if verb == "sendline":
                    text += "\n"
                try:
                    proc.stdin.write(text.encode("utf-8"))
                    proc.stdin.flush()
                except BrokenPipeError:
                    print("sshdrive: connection closed before sending %r" % text)
                    rc = 1
                    break
            elif verb == "sleep":
                time.sleep(min(float(arg), 60))
            elif verb == "eof":
                deadline = time.time() + timeout
                while not eof and time.time() < deadline:
                    pump(deadline)
                if not eof:
                    print("sshdrive: timeout waiting for EOF; output tail %r" % seen[-600:])
                    rc = 1
                    break
            else:
                print("sshdrive: bad step %r" % step)
                rc = 2
                break
    finally:
        try:
            proc.stdin.close()
        except OSError:
            pass
        end = time.time() + 2
        while proc.poll() is None and time.time() < end:
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if transcript:
            with open(transcript, "w", encoding="utf-8") as f:
                f.write(seen)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
