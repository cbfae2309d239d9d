#!/bin/sh
# mkseeds.sh BUILD_FUZZ_DIR - (re)generate the generated part of the seed
# corpora in tests/fuzz/corpus/: copies of the repository's vendor files,
# answer files and templates, the probe's real echoes, and the session
# dialogues recorded from tests/emulators/. Reproducers (crash-*, slow-*,
# leak-*) and the hand-written seeds are kept.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
b=$(cd "${1:?usage: mkseeds.sh BUILD_FUZZ_DIR}" && pwd)
c="$top/tests/fuzz/corpus"
export ALGOFF_DATADIR="$top"
mkdir -p "$c/vendor" "$c/answer" "$c/tmpl" "$c/probe" "$c/session" \
    "$c/sipmsg" "$c/reflector"
for f in "$top"/vendors/*.xml; do cp "$f" "$c/vendor/$(basename "$f")"; done
for f in "$top"/tests/data/batch/*.xml; do cp "$f" "$c/answer/$(basename "$f")"; done
i=0
for f in "$top"/templates/*/*.tmpl; do
    # byte 0 picks a vendor; "name=value" pairs follow the template's NUL
    { printf "\\$(printf %03o $((i % 8)))"; cat "$f"; printf '\000sip_helper_id=3\000prev_alg_mode=proxy-based'; } \
        > "$c/tmpl/$(basename "$(dirname "$f")")-$(basename "$f" .tmpl)"
    i=$((i + 1))
done
ALGOFF_FUZZ_SEEDS="$c/probe" "$b/tests/fuzz/fuzz_probe" >/dev/null 2>&1
# the echoed INVITE (base64 body of the probe's seed) as SIP seeds
python3 - "$c" <<'PY'
import base64, sys
c = sys.argv[1]
for name in ("echo-tcp", "echo-rewritten"):
    resp = open(f"{c}/probe/{name}", "rb").read()[1:]
    head, body = resp.split(b"\r\n\r\n", 1)
    inv = base64.b64decode(body)
    open(f"{c}/sipmsg/invite-{name}", "wb").write(inv)
    open(f"{c}/sipmsg/response-{name}", "wb").write(resp)
    open(f"{c}/sipmsg/diff-{name}", "wb").write(inv + b"\0" + inv.replace(b"198.18.0.2", b"203.0.113.7"))
    open(f"{c}/reflector/udp-{name}", "wb").write(b"\0" + inv)
    open(f"{c}/reflector/tcp-{name}", "wb").write(b"\1\r\n" + inv + inv)
PY
ALGOFF_FUZZ_RECORD="$c/session" "$b/tests/fuzz/fuzz_session" >/dev/null 2>&1
echo "mkseeds: done"
