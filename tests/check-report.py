#!/usr/bin/python3
"""check-report.py REPORT.json LOG.jsonl [LOGIN-REGEX]

Compares algoff's --json report with the emulator's log of what the device
really executed: the commands the report calls confirmed must be exactly
the commands the device executed (in order, after the login-time commands
matching LOGIN-REGEX), and no command the report calls unconfirmed may have
been executed. Exit 0 when they agree, 1 with a diff otherwise.
"""
import json
import re
import sys


def main(argv):
    report = json.load(open(argv[1], encoding="utf-8"))
    login = re.compile(argv[3]) if len(argv) > 3 else None
    executed = []
    try:
        with open(argv[2], encoding="utf-8") as f:
            for ln in f:
                rec = json.loads(ln)
                if rec.get("applied"):
                    executed.append(rec["cmd"])
    except FileNotFoundError:
        pass
    if login is not None:
        while executed and login.search(executed[0]):
            executed.pop(0)
    confirmed = [c["command"] for c in report["commands"]
                 if c["status"] in ("confirmed", "rejected")]
    # a rejected command reached the device but was refused: the emulator
    # logs it as not applied, so compare confirmed ones only.
    confirmed = [c["command"] for c in report["commands"]
                 if c["status"] == "confirmed"]
    ok = True
    if confirmed != executed:
        print("report confirmed: %r" % confirmed)
        print("device executed:  %r" % executed)
        ok = False
    for c in report["commands"]:
        if c["status"] == "unconfirmed" and len(executed) > len(confirmed):
            print("unconfirmed %r but the device executed more" % c["command"])
            ok = False
    change = {"disable", "save", "rollback"}
    applied = [c["command"] for c in report["commands"]
               if c["step"] in change and c["status"] == "confirmed"]
    if applied != report["applied"]:
        print("applied list %r != confirmed change commands %r"
              % (report["applied"], applied))
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
