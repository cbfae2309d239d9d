#!/usr/bin/python3
"""faults.py DEVICES.txt - generated fault cases for every SSH vendor family
with a CLI emulator (driven by tests/faults.sh, which starts one sshd for all
devices; see there for the environment).

DEVICES.txt: "NAME VENDOR PORT DIR" per line, several devices per vendor so
that cases run in parallel. For each family a clean run gives the lines the
device receives (emulator log) and the report's commands (their steps);
then, for each line index i (all of them for fortigate and cisco-ios, the
first and last line of every step kind for the others):
  drop    the connection drops when line i arrives (not applied)
  drop-applied  line i is applied, then the connection drops (no prompt)
  silent  the device stops answering at line i (no prompt, nothing applied)
  reject  line i gets the vendor's error string
each run with --rollback-on-failure and --timeout 2 (the fault fires once:
the device comes back for the reconnect). Checked: the report's commands
equal, one for one and in order, what the device received after login
(confirmed = executed, rejected = refused, unconfirmed = dropped or not
answered); "applied" is the confirmed change commands; the device state
after equals the state before whenever a fault fired; the run ends within a
bound a little above the timeout; the exit code is the documented one
(0 nothing fired; 3 lost or silent while logging in, or the enable line
refused; 0 a refused terminal setting at login, which is best effort;
else 1). Environment: FAULTS_JOBS (cases at once, 6), FAULTS_TIMEOUT
(--timeout seconds, 2).
Cases listed in KNOWN (none now) print "KNOWN FAILURE" with the reason.
"""
import concurrent.futures as cf
import difflib
import itertools
import json
import os
import queue
import subprocess
import sys
import time

ALGOFF = os.environ["ALGOFF"]
T = os.environ["T"]
USER = os.environ["TEST_USER"]
UID = int(os.environ["TEST_UID"])
KH = os.path.join(T, "known_hosts")
TIMEOUT_S = int(os.environ.get("FAULTS_TIMEOUT", "2"))
JOBS = int(os.environ.get("FAULTS_JOBS", "6"))
FULL = {"fortigate", "cisco-ios"}      # every index; the others: a sample
# emuctl init options of a device with the ALG on (defaults: on)
INIT = {"fortigate": {"sip_helper_id": "21"}}
# known failures: (vendor, fault, step) -> reason; printed, never silent
KNOWN = {}

sys.path.insert(0, os.path.join(T, "emu"))
import emu  # noqa: E402
import emu_core  # noqa: E402


def reset(dev, faults):
    """Fresh state (ALG on), empty log, the given faults; owned by the
    emulator's user. Returns the state text."""
    d = dev["dir"]
    st = emu.vendor_module(dev["vendor"]).default_state(INIT.get(dev["vendor"], {}))
    emu_core.write_json_atomic(os.path.join(d, "state.json"), st)
    for f in ("log.jsonl", "faults.json"):
        try:
            os.unlink(os.path.join(d, f))
        except FileNotFoundError:
            pass
    if faults:
        emu_core.write_json_atomic(os.path.join(d, "faults.json"), faults)
    for f in os.listdir(d):
        os.chown(os.path.join(d, f), UID, -1)
    return state_text(dev)


def state_text(dev):
    with open(os.path.join(dev["dir"], "state.json"), encoding="utf-8") as f:
        return json.dumps(json.load(f), sort_keys=True, indent=1)


def read_log(dev):
    try:
        with open(os.path.join(dev["dir"], "log.jsonl"), encoding="utf-8") as f:
            return [json.loads(ln) for ln in f if ln.strip()]
    except FileNotFoundError:
        return []


def apply(dev, bound):
    env = dict(os.environ)
    args = [ALGOFF, "apply", "--vendor", dev["vendor"], "--host", "127.0.0.1",
            "--port", dev["port"], "--user", USER,
            "--password-env", "ALGOFF_TEST_PW", "--known-hosts", KH,
            "--backup-dir", os.path.join(T, "bk"), "--timeout", str(TIMEOUT_S),
            "--json", "--rollback-on-failure"]
    st = emu_core.load_json(os.path.join(dev["dir"], "state.json"), {})
    if "enable_secret" in st:
        env["FAULTS_EN"] = st["enable_secret"]
        args += ["--enable-password-env", "FAULTS_EN"]
    t0 = time.monotonic()
    try:
        p = subprocess.run(args, env=env, capture_output=True, text=True,
                           timeout=bound)
    except subprocess.TimeoutExpired:
        return None, None, "", bound
    secs = time.monotonic() - t0
    try:
        rep = json.loads(p.stdout)
    except ValueError:
        rep = None
    return p.returncode, rep, p.stdout + p.stderr, secs


def split_login(log, login):
    """The log records after each connection's login lines, in order."""
    out, seen = [], set()
    for r in log:
        c = r.get("conn")
        if c not in seen:
            seen.add(c)
            in_login = True
        if in_login and r["cmd"] in login:
            continue
        in_login = False
        out.append(r)
    return out


CHANGE = {"disable", "save", "rollback"}


def compare(rep, log, login, quiet=()):
    """Report vs device log: a list of problems (empty: they agree).
    quiet: commands the emulator logs as not applied although the device
    answers them normally (a shell's non-zero exit status, e.g. ls)."""
    errs = []
    recs = split_login(log, login)
    cmds = rep.get("commands", [])
    for i in range(max(len(recs), len(cmds))):
        r = recs[i] if i < len(recs) else None
        c = cmds[i] if i < len(cmds) else None
        if r is None or c is None or r["cmd"] != c["command"]:
            errs.append("#%d report %r vs device %r" % (
                i, c and (c["command"], c["status"]),
                r and (r["cmd"], r.get("fault") or r["applied"])))
            continue
        f = r.get("fault")
        want = ("confirmed" if not f and (r["applied"] or r["cmd"] in quiet) else
                "unconfirmed" if f in ("drop_after", "no_prompt_after",
                                       "drop_after_apply") else
                "rejected")
        if c["status"] != want:
            errs.append("#%d %r: report says %s, device: %s" % (
                i, c["command"], c["status"], f or ("executed" if r["applied"]
                                                     else "refused")))
    applied = [c["command"] for c in cmds
               if c["step"] in CHANGE and c["status"] == "confirmed"]
    if applied != rep.get("applied"):
        errs.append("applied %r != confirmed change commands %r"
                    % (rep.get("applied"), applied))
    return errs


def clean_run(dev):
    """The clean run: login lines, (index, step) of every line, seconds."""
    reset(dev, None)
    rc, rep, out, secs = apply(dev, 60)
    log = read_log(dev)
    if rc != 0 or rep is None or rep.get("outcome") != "disabled":
        raise SystemExit("FAIL: %s clean run rc=%s: %s" % (dev["vendor"], rc, out))
    first = rep["commands"][0]["command"]
    n_login = next(i for i, r in enumerate(log) if r["cmd"] == first)
    login = [r["cmd"] for r in log[:n_login]]
    quiet = {r["cmd"] for r in log if not r["applied"]}
    errs = compare(rep, log, login, quiet)
    if errs:
        raise SystemExit("FAIL: %s clean run: %s" % (dev["vendor"], "; ".join(errs)))
    steps = ["login"] * n_login + [c["step"] for c in rep["commands"]]
    return login, steps, secs, quiet


def pick(vendor, steps):
    if vendor in FULL:
        return list(range(len(steps)))
    idx = set()
    for s in set(steps):
        where = [i for i, x in enumerate(steps) if x == s]
        idx.update((where[0], where[-1]))
    return sorted(idx)


FAULTS = {"drop": lambda i: {"drop_after": i, "once": 1},
          "drop-applied": lambda i: {"drop_after_apply": i, "once": 1},
          "silent": lambda i: {"no_prompt_after": i, "once": 1},
          "reject": lambda i: {"reject_at": i + 1, "once": 1}}


PRIV = {"enable", "***"}     # the enable command and its secret


def expect(fired, fault, step, cmd):
    """Documented exit code, outcomes and whether the state must be kept."""
    if not fired:
        return 0, ("disabled",), False
    if step == "login":
        if fault == "reject" and cmd not in PRIV:
            # terminal settings are best effort (pagers are answered anyway)
            return 0, ("disabled",), False
        return 3, ("failed",), True
    if step in ("precheck", "backup"):
        return 1, ("failed",), True
    # a change step: rolled back; "failed" when the rollback was refused
    # because nothing had changed (the state check still applies)
    return 1, ("rolled-back", "failed"), True


def state_diff(a, b):
    al, bl = a.splitlines(), b.splitlines()
    return " | ".join(x for x in difflib.unified_diff(al, bl, n=0, lineterm="")
                      if x[:1] in "+-" and x[:3] not in ("+++", "---"))[:600]


def run_case(devs, meta, case):
    vendor, fault, i = case
    login, steps, clean_s, quiet = meta[vendor]
    step = steps[i]
    dev = devs[vendor].get()
    try:
        before = reset(dev, FAULTS[fault](i))
        bound = 2 * clean_s + 3 * TIMEOUT_S + 6
        rc, rep, out, secs = apply(dev, bound)
        log = read_log(dev)
        after = state_text(dev)
    finally:
        devs[vendor].put(dev)
    name = "%s %s at line %d (%s, %r)" % (vendor, fault, i, step,
                                        log[i]["cmd"] if i < len(log) else "?")
    errs = []
    if rc is None:
        errs.append("did not end within %.0f s" % bound)
    elif rep is None:
        errs.append("no valid JSON report: %s" % out[-400:])
    else:
        fired = [r for r in log if r.get("fault")]
        want_rc, outcomes, keep = expect(bool(fired), fault, step,
                                         fired[0]["cmd"] if fired else None)
        if rc != want_rc:
            errs.append("exit %d, want %d" % (rc, want_rc))
        if rep.get("outcome") not in outcomes:
            errs.append("outcome %s, want %s" % (rep.get("outcome"), "/".join(outcomes)))
        errs += compare(rep, log, login, quiet)
        if keep and after != before:
            errs.append("state after != before: %s" % state_diff(before, after))
    if errs:
        errs.append("message: %s" % (rep or {}).get("message"))
    return name, (vendor, fault, step), errs, secs


def main(argv):
    devs, first = {}, {}
    with open(argv[1], encoding="utf-8") as f:
        for ln in f:
            n, v, port, d = ln.split()
            devs.setdefault(v, queue.Queue()).put({"name": n, "vendor": v,
                                                   "port": port, "dir": d})
            first.setdefault(v, devs[v].queue[0])
    meta, cases = {}, []
    for v in sorted(devs):
        meta[v] = clean_run(first[v])
        idx = pick(v, meta[v][1])
        print("%s: %d lines (%s), clean run %.1f s, indexes %s" % (
            v, len(meta[v][1]), " ".join(sorted(set(meta[v][1]))),
            meta[v][2], idx if v not in FULL else "all"))
        cases.append([(v, f, i) for f in FAULTS for i in idx])
    # interleaved: a worker waiting for a device of one family is idle
    cases = [c for grp in itertools.zip_longest(*cases) for c in grp if c]
    print("%d cases, %d in parallel" % (len(cases), JOBS))
    sys.stdout.flush()
    bad = known = 0
    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(JOBS) as ex:
        for name, key, errs, secs in ex.map(lambda c: run_case(devs, meta, c), cases):
            if not errs:
                continue
            if key in KNOWN:
                known += 1
                print("KNOWN FAILURE: %s: %s [%s]" % (name, KNOWN[key], "; ".join(errs)))
            else:
                bad += 1
                print("FAIL: %s (%.1f s): %s" % (name, secs or 0, "; ".join(errs)))
            sys.stdout.flush()
    print("%d cases in %.0f s: %d failed, %d known failures" % (
        len(cases), time.monotonic() - t0, bad, known))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
