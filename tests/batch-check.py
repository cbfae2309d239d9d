#!/usr/bin/python3
"""batch-check.py PHASE T REPORT.json JUNIT.xml|- CHECK-REPORT.py

Checks a batch run of tests/batch-run.sh against the emulators: every
device's state file, its emulator log (what it really executed) and both
reports agree. PHASE: first | second | retry.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

WRONG = {"d04", "d11"}
DROP = "d07"
LOGIN = {"fortigate": "^$",
         "cisco-ios": r"^(enable|\*\*\*|terminal (length|width) .*)$"}
CONFIG = ("config", "configure", "set ", "delete", "no ", "end", "write", "copy")


def state(t, n):
    with open(os.path.join(t, "dev", n, "state.json"), encoding="utf-8") as f:
        return json.load(f)


def log(t, n):
    p = os.path.join(t, "dev", n, "log.jsonl")
    if not os.path.exists(p):
        return []
    with open(p, encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def alg_off(st):
    if st["vendor"] == "fortigate":
        helpers = [h for h in st["session_helper"].values() if h["name"] == "sip"]
        return st["settings"]["sip-expectation"] == "disable" and not helpers
    return not any(st[w]["sip_alg"][p] for w in ("running", "startup")
                   for p in ("udp-5060", "tcp-5060"))


def main(argv):
    phase, t, rjson, rjunit, check = argv[1:6]
    errs = []
    rep = json.load(open(rjson, encoding="utf-8"))
    names = [ln.strip() for ln in open(os.path.join(t, "devices"))]
    devs = {d["name"]: d for d in rep["devices"]}
    if rep["file"] != os.path.realpath(os.path.join(t, "batch.xml")):
        errs.append("report file %r" % rep["file"])
    ran = set(names) if phase != "retry" else WRONG | {DROP}
    if set(devs) != ran:
        errs.append("report devices %s, expected %s" % (sorted(devs), sorted(ran)))
    for n in names:
        st, lg, d = state(t, n), log(t, n), devs.get(n)
        executed = [r["cmd"] for r in lg if r.get("applied")]
        if d is None:
            if lg:
                errs.append("%s: not in the run but saw %r" % (n, executed))
            continue
        failed = phase != "retry" and (n in WRONG or n == DROP)
        if d["ok"] == failed:
            errs.append("%s: ok=%s status=%s reason=%s" % (n, d["ok"], d["outcome"], d["reason"]))
        if phase != "retry" and n in WRONG:
            if "auth" not in (d["error"] or "") + (d["reason"] or "") or lg:
                errs.append("%s: wrong password: %s / %r" % (n, d["reason"], executed))
            continue
        if not failed and not alg_off(st):
            errs.append("%s: ALG still on in the state file" % n)
        if phase == "second" and n != DROP:
            cfg = [c for c in executed if c.startswith(CONFIG)]
            if d["outcome"] != "already-disabled" or cfg or d["applied"]:
                errs.append("%s: second run status %s, config %r" % (n, d["outcome"], cfg))
        if failed and n == DROP and (d["outcome"] not in ("failed", "rolled-back")
                                     or not d["reason"]):
            errs.append("%s: drop reported as %s" % (n, d["outcome"]))
        if phase == "first" and n != DROP and (not d["backup"] or not os.path.exists(d["backup"])):
            errs.append("%s: no backup file %r" % (n, d["backup"]))
        if phase != "second":
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(d, f)
            r = subprocess.run([sys.executable, check, f.name,
                                os.path.join(t, "dev", n, "log.jsonl"), LOGIN[d["vendor"]]],
                               capture_output=True, text=True)
            os.unlink(f.name)
            if r.returncode != 0:
                errs.append("%s: report vs device log: %s" % (n, r.stdout.strip()))
    s = rep["summary"]
    want_failed = 0 if phase == "retry" else 3
    if s["failed"] != want_failed or s["succeeded"] != len(ran) - want_failed:
        errs.append("summary %r" % s)
    if rjunit != "-":
        root = ET.parse(rjunit).getroot()
        cases = root.findall(".//testcase")
        # A wrong password is an <error> (the device was not reached); a
        # rollback after a drop is a <failure>; a body appears once.
        fails = {c.get("name"): c.find("failure") for c in cases}
        errors = {c.get("name"): c.find("error") for c in cases}
        if sorted(fails) != sorted(names):
            errs.append("junit testcases %r" % sorted(fails))
        for c in cases:
            n = c.get("name")
            f, e = fails[n], errors[n]
            want = "error" if n in WRONG else "failure" if n == DROP else None
            got = "error" if e is not None else "failure" if f is not None else None
            if got != want:
                errs.append("junit %s: %s element, want %s" % (n, got, want))
            elif got is not None:
                el = e if e is not None else f
                if el.get("message") != devs[n]["reason"]:
                    errs.append("junit %s: message %r != %r" % (n, el.get("message"), devs[n]["reason"]))
                if c.find("system-out") is not None:
                    errs.append("junit %s: body duplicated in system-out" % n)
    for e in errs:
        print("FAIL: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
