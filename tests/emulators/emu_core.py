"""Shared core of the algoff vendor CLI emulators.

Terminal I/O (with or without a PTY), device state (state.json, written
atomically), faults (faults.json, read once per connection), the command log
(log.jsonl) and the pager.  Standard library only; runs under Debian's
/usr/bin/python3.

Line endings: with a PTY the kernel echoes input (canonical mode) and turns
"\n" into "\r\n" on output (ONLCR), so we write "\n".  Without a PTY we write
"\r\n" ourselves and do not echo, like an SSH server with no terminal.
"""

import json
import os
import re
import sys
import time

try:
    import termios
except ImportError:  # pragma: no cover
    termios = None

MAX_LINE = 4096          # longest command line we keep
READ_TIMEOUT_S = 3600    # an idle connection is closed after an hour


def now():
    return round(time.time(), 3)


# ---------------------------------------------------------------- state files

def load_json(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def write_json_atomic(path, obj):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def get_path(obj, path):
    """key.path lookup; list indexes are numbers. Raises KeyError."""
    if path in ("", "."):
        return obj
    cur = obj
    for part in path.split("."):
        if isinstance(cur, dict):
            if part not in cur:
                raise KeyError(path)
            cur = cur[part]
        elif isinstance(cur, list):
            try:
                cur = cur[int(part)]
            except (ValueError, IndexError):
                raise KeyError(path)
        else:
            raise KeyError(path)
    return cur


def set_path(obj, path, value):
    parts = path.split(".")
    cur = obj
    for part in parts[:-1]:
        if part not in cur or not isinstance(cur[part], dict):
            cur[part] = {}
        cur = cur[part]
    cur[parts[-1]] = value


def del_path(obj, path):
    parts = path.split(".")
    cur = get_path(obj, ".".join(parts[:-1])) if len(parts) > 1 else obj
    if not isinstance(cur, dict) or parts[-1] not in cur:
        raise KeyError(path)
    del cur[parts[-1]]


def parse_value(text):
    """Shell-given value: JSON if it parses (numbers, true, {...}), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


# -------------------------------------------------------------------- faults

FAULT_KEYS = ("drop_after", "reject", "slow_ms", "no_prompt_after", "banner",
              "drop_once", "garble", "reject_at", "once", "drop_after_apply")


def load_faults(state_dir):
    f = load_json(os.path.join(state_dir, "faults.json"), {}) or {}
    out = {}
    for k in FAULT_KEYS:
        if k in f and f[k] is not None and f[k] != "":
            out[k] = f[k]
    for k in ("drop_after", "slow_ms", "no_prompt_after", "reject_at",
              "drop_after_apply"):
        if k in out:
            out[k] = int(out[k])
    for k in ("reject", "garble"):
        if k in out:
            out[k] = re.compile(out[k])
    return out


# ------------------------------------------------------------------ terminal

class Term:
    """Byte-level terminal on fd 0/1, line and single-key reads."""

    def __init__(self):
        self.fd_in = 0
        self.fd_out = 1
        self.tty = os.isatty(self.fd_in)
        self.buf = b""
        self.eof = False
        self.skip_lf = False     # a lone CR ended the last read; eat one LF
        self.saved = None
        if self.tty and termios is not None:
            try:
                attrs = termios.tcgetattr(self.fd_in)
                self.saved = list(attrs)
                # Ctrl-C / Ctrl-Z must reach us as bytes (IOS uses Ctrl-Z as
                # "end"); a router never gets suspended by its user.
                attrs[3] &= ~termios.ISIG
                attrs[3] |= termios.ECHO | termios.ICANON
                termios.tcsetattr(self.fd_in, termios.TCSANOW, attrs)
            except termios.error:
                self.saved = None

    # output
    def write(self, text):
        if self.tty:
            data = text.replace("\r\n", "\n")
        else:
            data = re.sub(r"(?<!\r)\n", "\r\n", text)
        raw = data.encode("utf-8", "replace")
        while raw:
            try:
                n = os.write(self.fd_out, raw)
            except BrokenPipeError:
                os._exit(0)
            except InterruptedError:
                continue
            raw = raw[n:]

    # input
    def _fill(self):
        if self.eof:
            return False
        import select
        r, _, _ = select.select([self.fd_in], [], [], READ_TIMEOUT_S)
        if not r:
            self.eof = True
            return False
        try:
            chunk = os.read(self.fd_in, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _eat_lf(self):
        if self.skip_lf and self.buf[:1] == b"\n":
            self.buf = self.buf[1:]
        if self.buf:
            self.skip_lf = False

    def readline(self):
        """One line without its terminator (CR, LF or CRLF); None at EOF."""
        while True:
            if self.skip_lf:
                self._eat_lf()
            m = re.search(rb"[\r\n]", self.buf)
            if m:
                line = self.buf[:m.start()]
                term = self.buf[m.start():m.start() + 1]
                self.buf = self.buf[m.start() + 1:]
                if term == b"\r":
                    self.skip_lf = True
                    self._eat_lf()
                return line[:MAX_LINE].decode("utf-8", "replace")
            if len(self.buf) > 65536:
                self.buf = self.buf[-MAX_LINE:]
            if not self._fill():
                if self.buf:
                    line, self.buf = self.buf, b""
                    return line[:MAX_LINE].decode("utf-8", "replace")
                return None

    def _set_mode(self, canon, echo):
        if self.saved is None:
            return None
        try:
            old = termios.tcgetattr(self.fd_in)
            new = list(old)
            new[3] = old[3]
            new[3] = (new[3] | termios.ICANON) if canon else (new[3] & ~termios.ICANON)
            new[3] = (new[3] | termios.ECHO) if echo else (new[3] & ~termios.ECHO)
            if not canon:
                new[6] = list(new[6])
                new[6][termios.VMIN] = 1
                new[6][termios.VTIME] = 0
            termios.tcsetattr(self.fd_in, termios.TCSANOW, new)
            return old
        except termios.error:
            return None

    def _restore(self, old):
        if old is not None:
            try:
                termios.tcsetattr(self.fd_in, termios.TCSANOW, old)
            except termios.error:
                pass

    def readkey(self):
        """One key without echo (pager, banner); CR/LF come back as '\\n'."""
        old = self._set_mode(canon=False, echo=False)
        try:
            while True:
                if self.skip_lf:
                    self._eat_lf()
                if self.buf:
                    c = self.buf[:1]
                    self.buf = self.buf[1:]
                    if c == b"\r":
                        self.skip_lf = True
                        self._eat_lf()
                        return "\n"
                    return c.decode("latin-1")
                if not self._fill():
                    return None
        finally:
            self._restore(old)

    def read_secret(self):
        """A line read with the tty echo off (enable password)."""
        old = self._set_mode(canon=True, echo=False)
        try:
            return self.readline()
        finally:
            self._restore(old)

    def close(self):
        self._restore(self.saved)


# ---------------------------------------------------------------------- core

class Dropped(Exception):
    pass


class Core:
    """Connection-wide services given to a vendor module."""

    def __init__(self, vendor_mod, state_dir, interactive=True):
        self.vendor_mod = vendor_mod
        self.dir = state_dir
        self.state_path = os.path.join(state_dir, "state.json")
        self.log_path = os.path.join(state_dir, "log.jsonl")
        self.state = load_json(self.state_path)
        if self.state is None:
            self.state = vendor_mod.default_state({})
            self.save()
        self.faults = load_faults(state_dir)
        self.interactive = interactive
        self.term = Term()
        self.count = 0           # non-empty lines received
        self.silent = False      # no_prompt_after reached
        self.dev = None

    # persistence
    def save(self):
        write_json_atomic(self.state_path, self.state)

    def log(self, cmd, applied, mode, **extra):
        rec = {"cmd": cmd, "applied": bool(applied), "mode": mode, "t": now(),
               "conn": os.getpid()}
        rec.update(extra)
        line = json.dumps(rec, sort_keys=True) + "\n"
        fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)

    # output
    def write(self, text):
        if not self.silent:
            self.term.write(text)

    def out(self, lines, page=None):
        """Print command output lines, through the pager if page > 0."""
        if isinstance(lines, str):
            lines = lines.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
        if not page or not self.interactive or len(lines) <= page:
            if lines:
                self.write("\n".join(lines) + "\n")
            return
        i = 0
        shown = 0
        limit = page
        while i < len(lines):
            if shown < limit:
                self.write(lines[i] + "\n")
                i += 1
                shown += 1
                continue
            self.write(self.dev.more_prompt())
            key = self.term.readkey()
            self.write(self.dev.more_erase())
            if key is None:
                raise Dropped()
            if key == " ":
                limit = shown + page
            elif key == "\n":
                limit = shown + 1
            else:              # q and any other key stop the output
                return

    def pace(self):
        ms = self.faults.get("slow_ms")
        if ms:
            time.sleep(min(ms, 600000) / 1000.0)

    # input
    def read_counted(self, secret=False):
        """Read the next line received; apply drop_after / no_prompt_after.

        Returns (line, counted) or (None, False) at EOF.  When the line must
        be ignored (no_prompt_after reached) it loops reading the next one.
        """
        while True:
            line = self.term.read_secret() if secret else self.term.readline()
            if line is None:
                return None, False
            if line.strip() == "":
                return line, False
            self.count += 1
            shown = "***" if secret else line.strip()
            da = self.faults.get("drop_after")
            if da is not None and self.count > da:
                self.log(shown, False, self.dev.mode(), fault="drop_after")
                self.fired("drop_after", force=self.faults.get("drop_once"))
                os._exit(0)
            npa = self.faults.get("no_prompt_after")
            if npa is not None and self.count > npa:
                if not self.silent:
                    self.fired("no_prompt_after")
                self.silent = True
                self.log(shown, False, self.dev.mode(), fault="no_prompt_after")
                continue
            return line, True

    def fired(self, key, force=False):
        """A fault fired: with "once" (or force) later connections lose it
        (the device comes back after the failure)."""
        if not (force or self.faults.get("once")):
            return
        fp = os.path.join(self.dir, "faults.json")
        f = load_json(fp, {}) or {}
        f.pop(key, None)
        write_json_atomic(fp, f)

    def drop_applied(self):
        """drop_after_apply N: the line just handled is line N+1: the
        connection drops after it was applied, before the prompt."""
        n = self.faults.get("drop_after_apply")
        if n is None or self.count != n + 1:
            return False
        self.fired("drop_after_apply")
        return True

    def garbled(self, line):
        """fault garble=REGEX: a matching command answers text that says
        nothing a vendor file could recognise (not vendor output)."""
        rx = self.faults.get("garble")
        if rx is None or rx.search(line.strip()) is None:
            return False
        self.out(["?? emulator fault: unreadable answer ??"])
        self.log(line.strip(), False, self.dev.mode(), fault="garble")
        return True

    def rejected(self, line):
        ra = self.faults.get("reject_at")
        if ra is not None and self.count == ra:
            self.fired("reject_at")
            return True
        rx = self.faults.get("reject")
        return rx is not None and rx.search(line.strip()) is not None


def run(vendor_mod, argv_state_dir):
    """Entry point for one SSH connection."""
    orig = os.environ.get("SSH_ORIGINAL_COMMAND")
    core = Core(vendor_mod, argv_state_dir, interactive=orig is None)
    dev = vendor_mod.Device(core)
    core.dev = dev
    try:
        if orig is not None:
            for raw in orig.replace("\r", "\n").split("\n"):
                if not raw.strip():
                    continue
                core.count += 1
                core.pace()
                if core.rejected(raw):
                    dev.reject(raw)
                    core.log(raw.strip(), False, dev.mode(), fault="reject")
                else:
                    mode = dev.mode()
                    applied = dev.handle(raw)
                    core.log(raw.strip(), applied, mode)
                if dev.closed:
                    break
            return 0
        core.pace()
        banner = core.faults.get("banner")
        if banner:
            if not dev.banner(banner):
                return 0
        core.write(dev.prompt())
        while not dev.closed:
            line, counted = core.read_counted()
            if line is None:
                break
            if not counted:            # empty line: just a new prompt
                core.write(dev.prompt())
                continue
            core.pace()
            if core.garbled(line):
                pass
            elif core.rejected(line):
                dev.reject(line)
                core.log(line.strip(), False, dev.mode(), fault="reject")
            else:
                mode = dev.mode()
                applied = dev.handle(line)
                if core.drop_applied():
                    core.log(line.strip(), applied, mode,
                             fault="drop_after_apply")
                    os._exit(0)
                core.log(line.strip(), applied, mode)
            if not dev.closed:
                core.write(dev.prompt())
        return 0
    except Dropped:
        return 0
    finally:
        core.term.close()
