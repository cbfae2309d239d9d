#!/usr/bin/python3
"""Vendor CLI emulator for algoff tests: the ForceCommand of a test sshd.

usage: emu.py --vendor fortigate|cisco-ios --state DIR

DIR/state.json   device state (created with defaults when absent)
DIR/faults.json  optional faults, read at every connection
DIR/log.jsonl    one JSON object per command line received
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emu_core  # noqa: E402

VENDORS = {"fortigate": "fortigate", "cisco-ios": "cisco_ios"}


def vendor_module(name):
    # vendors added later: module NAME with dashes as underscores, next to us
    if name not in VENDORS and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and \
            os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        name.replace("-", "_") + ".py")):
        return __import__(name.replace("-", "_"))
    if name not in VENDORS:
        raise SystemExit("emu.py: unknown vendor %r (known: %s)" % (name, ", ".join(sorted(VENDORS))))
    return __import__(VENDORS[name])


def main(argv):
    vendor = state = None
    i = 1
    while i < len(argv):
        if argv[i] == "--vendor" and i + 1 < len(argv):
            vendor = argv[i + 1]
            i += 2
        elif argv[i] == "--state" and i + 1 < len(argv):
            state = argv[i + 1]
            i += 2
        else:
            sys.stderr.write("usage: emu.py --vendor fortigate|cisco-ios --state DIR\n")
            return 2
    if not vendor or not state:
        sys.stderr.write("usage: emu.py --vendor fortigate|cisco-ios --state DIR\n")
        return 2
    os.makedirs(state, exist_ok=True)
    return emu_core.run(vendor_module(vendor), state)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
