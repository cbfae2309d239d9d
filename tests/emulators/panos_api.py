#!/usr/bin/env python3
"""PAN-OS XML API emulator: only the requests vendors/palo-alto.xml uses.

Sources (Palo Alto Networks, PAN-OS and Panorama API guide):
  keygen: POST /api/?type=keygen with user and password in a form body,
    answer <response status="success"><result><key>..</key></result>
    </response> -
    https://docs.paloaltonetworks.com/pan-os/10-2/pan-os-panorama-api/get-started-with-the-pan-os-xml-api/get-your-api-key
  the key in the X-PAN-KEY header -
    https://docs.paloaltonetworks.com/pan-os/10-0/pan-os-panorama-api/about-the-pan-os-xml-api/structure-of-a-pan-os-xml-api-request/api-authentication-and-security
  type=config action=set/get(candidate)/show(active) with xpath, element -
    https://docs.paloaltonetworks.com/ngfw/api/pan-os-xml-api-request-types-and-actions
  type=commit cmd=<commit></commit>, type=op cmd=<show><jobs><id>N</id>
    </jobs></show> -
    https://docs.paloaltonetworks.com/ngfw/api/pan-os-xml-api-request-types-and-actions/asynchronous-and-synchronous-requests-to-the-pan-os-xml-api
  error answers <response status="error" code="N"> with the code table -
    https://docs.paloaltonetworks.com/pan-os/10-0/pan-os-panorama-api/get-started-with-the-pan-os-xml-api/pan-os-xml-api-error-codes
  the commit answer's ./result/job and the job's ./result/job/status (FIN)
    and ./result/job/result (OK): PaloAltoNetworks/pan-os-python
    panos/base.py at 92ed648d89b7541052a15e234eb34e99edba6d2d
  the SIP setting: xpath /config/shared/alg-override/application, element
    <entry name='sip'><alg-disabled>yes</alg-disabled></entry> -
    cdot65/paloaltonetworks-automation-examples
    ansible/panos/disable-sip-alg/playbook.yml at
    8133a2de6b889d59dab07a355d416bf5deb230ef

Emulator choices (not vendor text): message strings, reading a node that
is absent answers success with an empty <result/>, and a commit job
finishes on the second status poll.

State (state.json): running/candidate {"sip_alg_disabled": "yes"|"no"|
null (no entry)}, jobs, key.
Faults: wrong-credentials, reject-set (action=set of alg-disabled yes
answers code 12; setting no back is accepted), fail-commit (the commit
job ends FIN with result FAIL),
drop-commit (type=commit commits, then closes without an answer).
"""

import secrets
import urllib.parse

import https_emu

DEFAULTS = {
    "running": {"sip_alg_disabled": None},
    "candidate": {"sip_alg_disabled": None},
    "jobs": {},
    "next_job": 1,
    "key": None,
}
XML = "application/xml"
APP = "/config/shared/alg-override/application"
SIP = APP + "/entry[@name='sip']"
ELEMENT = "<entry name='sip'><alg-disabled>%s</alg-disabled></entry>"


def err(h, code, msg, http=200):
    h.reply(http, XML, '<response status="error" code="%d"><result><msg>%s'
            '</msg></result></response>' % (code, msg))


def ok(h, inner, code=None):
    attr = ' code="%d"' % code if code else ""
    h.reply(200, XML, '<response status="success"%s>%s</response>'
            % (attr, inner))


def params(h):
    url = urllib.parse.urlsplit(h.path)
    p = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
    if h.command == "POST":
        body = h.body().decode(errors="replace")
        p.update(urllib.parse.parse_qsl(body, keep_blank_values=True))
    return url.path, p


def keygen(h, emu, p):
    good = (p.get("user") == emu.user and p.get("password") == emu.password
            and "wrong-credentials" not in emu.faults)
    emu.log(method=h.command, type="keygen", credentials="password" in p,
            ok=good)
    if not good:
        return err(h, 403, "Invalid Credential", http=403)
    emu.state["key"] = secrets.token_urlsafe(24) + "=="
    emu.save()
    ok(h, "<result><key>%s</key></result>" % emu.state["key"])


def node(cfg):
    v = cfg["sip_alg_disabled"]
    return "<result/>" if v is None else \
        "<result>%s</result>" % (ELEMENT % v)


def config(h, emu, p):
    action, xpath = p.get("action"), p.get("xpath")
    if action in ("show", "get"):
        if xpath not in (SIP, APP):
            return err(h, 6, "Bad Xpath")
        cfg = emu.state["running" if action == "show" else "candidate"]
        return ok(h, node(cfg))
    if action != "set":
        return err(h, 17, "Invalid command")
    if xpath != APP:
        return err(h, 6, "Bad Xpath")
    el = (p.get("element") or "").replace('"', "'")
    for v in ("yes", "no"):
        if el == ELEMENT % v:
            break
    else:
        return err(h, 12, "Invalid object")
    if "reject-set" in emu.faults and v == "yes":
        return err(h, 12, "Invalid object (fault)")
    emu.state["candidate"]["sip_alg_disabled"] = v
    emu.save()
    ok(h, "<msg>command succeeded</msg>", code=20)


def commit(h, emu, p):
    if p.get("cmd") != "<commit></commit>":
        return err(h, 17, "Invalid command")
    if emu.state["candidate"] == emu.state["running"]:
        return ok(h, "<msg>There are no changes to commit.</msg>", code=19)
    job = str(emu.state["next_job"])
    emu.state["next_job"] += 1
    emu.state["jobs"][job] = {"polls": 0,
                              "config": dict(emu.state["candidate"])}
    emu.save()
    if "drop-commit" in emu.faults:
        return h.drop()
    ok(h, "<result><msg><line>Commit job enqueued with jobid %s</line>"
       "</msg><job>%s</job></result>" % (job, job), code=19)


def op(h, emu, p):
    cmd = p.get("cmd") or ""
    pre, post = "<show><jobs><id>", "</id></jobs></show>"
    if not (cmd.startswith(pre) and cmd.endswith(post)):
        return err(h, 17, "Invalid command")
    job = emu.state["jobs"].get(cmd[len(pre):-len(post)])
    if job is None:
        return err(h, 7, "Object not present")
    job["polls"] += 1
    done = job["polls"] >= 2
    fail = "fail-commit" in emu.faults
    if done and not fail:
        emu.state["running"] = dict(job["config"])
    emu.save()
    ok(h, "<result><job><id>%s</id><type>Commit</type><status>%s</status>"
       "<result>%s</result><progress>%d</progress></job></result>"
       % (cmd[len(pre):-len(post)], "FIN" if done else "ACT",
          ("FAIL" if fail else "OK") if done else "PEND",
          100 if done else 50))


def route(h, method):
    emu = h.emu
    path, p = params(h)
    if path not in ("/api/", "/api") or method not in ("GET", "POST"):
        emu.log(method=method, path=path, routed=False)
        return h.reply(404 if path not in ("/api/", "/api") else 405,
                       "text/plain", "Not Found\n")
    if p.get("type") == "keygen":
        return keygen(h, emu, p)
    key = h.headers.get("X-PAN-KEY") or p.get("key")
    emu.log(method=method, type=p.get("type"), action=p.get("action"),
            credentials=key is not None)
    if not key or key != emu.state["key"]:
        return err(h, 403, "Invalid credentials.", http=403)
    handler = {"config": config, "commit": commit, "op": op}.get(
        p.get("type"))
    if handler is None:
        return err(h, 400, "Bad request")
    handler(h, emu, p)


def main():
    args = https_emu.parse("PAN-OS XML API emulator")
    https_emu.serve(https_emu.Emu(args, DEFAULTS), route)


if __name__ == "__main__":
    main()
