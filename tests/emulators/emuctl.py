#!/usr/bin/python3
"""Read and seed emulator state from shell tests.

  emuctl.py init DIR VENDOR [opt=value ...]  write default state.json
        fortigate opts: sip_helper_id=N hostname= version= vdom_mode= commit=line|end
        cisco-ios opts: hostname= enable_secret= login_privileged=true version=
  emuctl.py get DIR [key.path]     print a value (strings raw, others JSON)
  emuctl.py set DIR key.path VALUE VALUE parsed as JSON when it parses
  emuctl.py del DIR key.path
  emuctl.py log DIR [--all|--json] applied commands, one per line
                                   (--all: every line received; --json: raw)
  emuctl.py faults DIR k=v ...     write faults.json (drop_after, reject,
                                   slow_ms, no_prompt_after, banner,
                                   reject_at, drop_after_apply, once);
                                   no k=v: remove faults.json
  emuctl.py helper-id DIR NAME     FortiGate: ids of session-helper entries
                                   named NAME (one per line, exit 1 if none)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emu_core  # noqa: E402
from emu import vendor_module  # noqa: E402


def die(msg, code=2):
    sys.stderr.write("emuctl: %s\n" % msg)
    sys.exit(code)


def load_state(d):
    st = emu_core.load_json(os.path.join(d, "state.json"))
    if st is None:
        die("%s/state.json: no state (run emuctl.py init)" % d, 1)
    return st


def show(v):
    if isinstance(v, str):
        print(v)
    else:
        print(json.dumps(v, sort_keys=True))


def main(argv):
    if len(argv) < 3:
        die(__doc__.strip())
    cmd, d, rest = argv[1], argv[2], argv[3:]
    path = os.path.join(d, "state.json")
    if cmd == "init":
        if not rest:
            die("init DIR VENDOR [opt=value ...]")
        opts = dict(a.split("=", 1) for a in rest[1:])
        os.makedirs(d, exist_ok=True)
        emu_core.write_json_atomic(path, vendor_module(rest[0]).default_state(opts))
        return 0
    if cmd == "get":
        st = load_state(d)
        try:
            show(emu_core.get_path(st, rest[0] if rest else ""))
        except KeyError:
            die("%s: no key %s" % (d, rest[0]), 1)
        return 0
    if cmd == "set":
        if len(rest) != 2:
            die("set DIR key.path VALUE")
        st = load_state(d)
        emu_core.set_path(st, rest[0], emu_core.parse_value(rest[1]))
        emu_core.write_json_atomic(path, st)
        return 0
    if cmd == "del":
        st = load_state(d)
        try:
            emu_core.del_path(st, rest[0])
        except (KeyError, IndexError):
            die("%s: no key %s" % (d, rest[0] if rest else ""), 1)
        emu_core.write_json_atomic(path, st)
        return 0
    if cmd == "log":
        mode = rest[0] if rest else ""
        try:
            with open(os.path.join(d, "log.jsonl"), encoding="utf-8") as f:
                for ln in f:
                    if not ln.strip():
                        continue
                    rec = json.loads(ln)
                    if mode == "--json":
                        sys.stdout.write(ln)
                    elif mode == "--all" or rec.get("applied"):
                        print(rec["cmd"])
        except FileNotFoundError:
            pass
        return 0
    if cmd == "faults":
        fpath = os.path.join(d, "faults.json")
        if not rest:
            try:
                os.unlink(fpath)
            except FileNotFoundError:
                pass
            return 0
        faults = {}
        for a in rest:
            if "=" not in a:
                die("faults: expected key=value, got %r" % a)
            k, v = a.split("=", 1)
            if k not in emu_core.FAULT_KEYS:
                die("faults: unknown fault %r (known: %s)" % (k, ", ".join(emu_core.FAULT_KEYS)))
            faults[k] = int(v) if k in ("drop_after", "slow_ms", "no_prompt_after",
                                        "reject_at", "drop_after_apply") else v.replace("\\n", "\n")
        emu_core.write_json_atomic(fpath, faults)
        os.chmod(fpath, 0o644)
        return 0
    if cmd == "helper-id":
        st = load_state(d)
        ids = [k for k, e in sorted(st.get("session_helper", {}).items(), key=lambda kv: int(kv[0]))
               if e.get("name") == (rest[0] if rest else "sip")]
        for k in ids:
            print(k)
        return 0 if ids else 1
    die("unknown command %r" % cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
