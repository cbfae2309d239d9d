"""Shared core of the algoff HTTPS API emulators (sonicwall_api.py,
panos_api.py): a threaded HTTPS server on 127.0.0.1 (ephemeral port), the
device state (state.json, written atomically), a request log (log.jsonl:
method, path, whether credentials came along; never their values) and
faults.  Standard library only.

Command line (both emulators):
  --dir DIR            state.json, log.jsonl and port are written here
  --cert PEM --key PEM the server certificate (tests make it with
                       `openssl req -x509`)
  --user NAME          the administrator (default admin)
  --password-env VAR   the administrator password is read from $VAR
  --fault NAME         wrong-credentials | reject-set | drop-commit
                       (see each emulator); may be repeated
  --max-seconds N      exit after N seconds (default 300)
"""

import argparse
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 20


class Emu:
    def __init__(self, args, defaults):
        self.args = args
        self.dir = args.dir
        self.lock = threading.Lock()
        self.faults = set(args.fault or [])
        self.user = args.user
        self.password = os.environ.get(args.password_env, "")
        if not self.password:
            sys.exit("emulator: $%s is empty" % args.password_env)
        path = os.path.join(self.dir, "state.json")
        self.state = dict(defaults)
        if os.path.exists(path):
            with open(path) as f:
                self.state.update(json.load(f))
        self.save()

    def save(self):
        tmp = os.path.join(self.dir, "state.json.tmp")
        with open(tmp, "w") as f:
            json.dump(self.state, f, sort_keys=True)
        os.replace(tmp, os.path.join(self.dir, "state.json"))

    def log(self, **entry):
        entry["t"] = round(time.time(), 3)
        with open(os.path.join(self.dir, "log.jsonl"), "a") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    emu = None          # set by serve()
    route = None        # function(handler, method) -> None

    def log_message(self, fmt, *args):  # quiet: the log is log.jsonl
        pass

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(n, MAX_BODY)) if n > 0 else b""

    def reply(self, status, ctype, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        """Close the connection without an answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def _any(self):
        with self.emu.lock:
            type(self).route(self, self.command)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _any


def parse(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--dir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", default="admin")
    p.add_argument("--password-env", required=True)
    p.add_argument("--fault", action="append")
    p.add_argument("--max-seconds", type=int, default=300)
    return p.parse_args()


def serve(emu, route):
    Handler.emu = emu
    Handler.route = route
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(emu.args.cert, emu.args.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    port_tmp = os.path.join(emu.dir, "port.tmp")
    with open(port_tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.replace(port_tmp, os.path.join(emu.dir, "port"))
    stopper = threading.Timer(emu.args.max_seconds, srv.shutdown)
    stopper.daemon = True
    stopper.start()
    srv.serve_forever(poll_interval=0.2)
