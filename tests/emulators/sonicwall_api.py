#!/usr/bin/env python3
"""SonicOS 7 REST API emulator: only the requests algoff's draft uses.

Sources (each request below is documented there):
  SonicOS API 7.0.1 swagger, api/openapi.yaml in generalsle1n/SonicWallGen7
  at b6c0446461d77aae07b1962c012a0606c56cba73: GET/PUT /voip (schemas voip,
  voip_voip, voip_voip_sip: consistent_nat, sip.enable "Enable SIP
  transformations."), POST/GET /config/pending ("Commit all pending
  (unsaved) configuration." / "Retrieve pending ..."), DELETE /auth
  (logout), the api_status answer {"status":{"success":..,"info":[{level,
  code,message}]}}; base URL https://{IP}:{PORT}/api/sonicos.
  Login: POST /api/sonicos/auth with HTTP Basic credentials,
  https://sonicwall.com/support/technical-documentation/docs/sonicos-7-0-0-0-api/Content/SonicOS_API_Guide/API_Authentication/rfc-2617-http-basic-authentication.htm

Emulator choices (not vendor text): GET /voip answers the running
configuration and GET /config/pending the pending changes; after a login
the one API session (the guide: "A single SonicOS API session is currently
allowed") serves every request until DELETE /auth; the "code" strings of
error answers (E_EMU_*) are placeholders, only the api_status shape is
documented.

State (state.json): running {sip_enable, consistent_nat}, pending ({} or
the changed keys), logged_in, commits.
Faults: wrong-credentials (every login fails), reject-set (PUT /voip is
refused), reject-disable (only a PUT /voip turning SIP transformations off
is refused), drop-commit (POST /config/pending applies, then the
connection is closed without an answer), unclassifiable (GET /voip
answers without voip.sip.enable: a shape the documentation does not
give, for "cannot tell on from off").
"""

import base64
import json

import https_emu

DEFAULTS = {
    # "Enable SIP Transformations is not selected by default" (SonicWall
    # VoIP docs); the emulator starts with it ON, the state under test.
    "running": {"sip_enable": True, "consistent_nat": False},
    "pending": {},
    "logged_in": False,
    "commits": 0,
}
SIP_KEYS = {"enable", "access_rule_based", "tcp", "non_sip_packets",
            "b2bua_support", "signaling_timeout", "media_timeout",
            "endpoint_registration_anomaly_tracking",
            "registration_tracking_interval",
            "failed_registration_threshold", "endpoint_block_interval",
            "transforms_in_service_object", "signaling_port"}
JSON = "application/json"


def status(ok, level="info", code="E_OK", message="Success."):
    return json.dumps({"status": {"success": ok, "info": [
        {"level": level, "code": code, "message": message}]}})


def error(h, http, code, message):
    h.reply(http, JSON, status(False, "error", code, message))


def voip_doc(cfg):
    return json.dumps({"voip": {"consistent_nat": cfg["consistent_nat"],
                                "sip": {"enable": cfg["sip_enable"]}}})


def merged(st):
    cfg = dict(st["running"])
    cfg.update(st["pending"])
    return cfg


def login(h, emu):
    auth = h.headers.get("Authorization") or ""
    ok = False
    if auth.startswith("Basic "):
        try:
            user, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
            ok = user == emu.user and pw == emu.password
        except ValueError:
            ok = False
    if "wrong-credentials" in emu.faults:
        ok = False
    emu.log(method="POST", path=h.path, credentials=bool(auth), ok=ok)
    if not ok:
        return error(h, 401, "E_EMU_UNAUTHORIZED", "Unauthorized.")
    emu.state["logged_in"] = True
    emu.save()
    h.reply(200, JSON, status(True))


def put_voip(h, emu):
    try:
        doc = json.loads(h.body() or b"null")
        voip = doc["voip"]
        sip = voip.get("sip") or {}
        if (set(voip) - {"consistent_nat", "sip", "h323"} or
                set(sip) - SIP_KEYS):
            raise KeyError("unknown key")
    except (ValueError, KeyError, TypeError, AttributeError):
        return error(h, 400, "E_EMU_INVALID", "Invalid request body.")
    if "reject-set" in emu.faults or (
            "reject-disable" in emu.faults and sip.get("enable") is False):
        return error(h, 400, "E_EMU_REJECTED", "Rejected (fault).")
    if "enable" in sip:
        emu.state["pending"]["sip_enable"] = bool(sip["enable"])
    if "consistent_nat" in voip:
        emu.state["pending"]["consistent_nat"] = bool(voip["consistent_nat"])
    emu.save()
    h.reply(200, JSON, status(True))


def commit(h, emu):
    h.body()
    emu.state["running"].update(emu.state["pending"])
    emu.state["pending"] = {}
    emu.state["commits"] += 1
    emu.save()
    if "drop-commit" in emu.faults:
        return h.drop()
    h.reply(200, JSON, status(True))


def route(h, method):
    emu = h.emu
    path = h.path.split("?", 1)[0]
    routes = {
        "/api/sonicos/auth": {"POST": None, "DELETE": "logout"},
        "/api/sonicos/voip": {"GET": "get", "PUT": "put"},
        "/api/sonicos/config/pending": {"GET": "pending", "POST": "commit"},
    }
    if path not in routes:
        emu.log(method=method, path=h.path, routed=False)
        return error(h, 404, "E_EMU_NOT_FOUND", "Not found.")
    if method not in routes[path]:
        emu.log(method=method, path=h.path, routed=False)
        return error(h, 405, "E_EMU_METHOD", "Method not allowed.")
    if path == "/api/sonicos/auth" and method == "POST":
        return login(h, emu)
    emu.log(method=method, path=h.path,
            credentials="Authorization" in h.headers)
    if not emu.state["logged_in"]:
        return error(h, 401, "E_EMU_UNAUTHORIZED", "Not logged in.")
    what = routes[path][method]
    if what == "logout":
        emu.state["logged_in"] = False
        emu.save()
        h.reply(200, JSON, status(True))
    elif what == "get" and "unclassifiable" in emu.faults:
        h.reply(200, JSON, json.dumps({"voip": {"sip": {}}}))
    elif what == "get":
        h.reply(200, JSON, voip_doc(emu.state["running"]))
    elif what == "put":
        put_voip(h, emu)
    elif what == "pending":
        h.reply(200, JSON, voip_doc(merged(emu.state))
                if emu.state["pending"] else "{}")
    else:
        commit(h, emu)


def main():
    args = https_emu.parse("SonicOS 7 REST API emulator")
    https_emu.serve(https_emu.Emu(args, DEFAULTS), route)


if __name__ == "__main__":
    main()
