#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""json-check.py SCHEMA_DIR FILE [FORMAT] - FILE (algoff's stdout) must be
valid UTF-8 and exactly one JSON document whose "format" has a schema in
SCHEMA_DIR (algoff.NAME-1.schema.json) that it validates against; FORMAT,
if given, is the format it must have. Prints the reason and exits 1 if not."""
import json
import os
import sys

import jsonschema
from referencing import Registry, Resource


def main(argv):
    sdir, path = argv[1], argv[2]
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8: %s" % (path, e))
        return 1
    try:
        doc = json.loads(text)      # exactly one document, nothing after it
    except ValueError as e:
        print("%s: not one JSON document: %s: %r" % (path, e, text[:300]))
        return 1
    fmt = doc.get("format") if isinstance(doc, dict) else None
    if len(argv) > 3 and fmt != argv[3]:
        print("%s: format %r, want %r" % (path, fmt, argv[3]))
        return 1
    schemas = {}
    for f in os.listdir(sdir):
        if f.endswith(".schema.json"):
            s = json.load(open(os.path.join(sdir, f)))
            schemas[s["$id"]] = s
    sid = "%s.schema.json" % (fmt or "?").replace("/", "-")
    if sid not in schemas:
        print("%s: no schema for format %r" % (path, fmt))
        return 1
    reg = Registry().with_resources(
        (k, Resource.from_contents(v)) for k, v in schemas.items())
    v = jsonschema.Draft7Validator(schemas[sid], registry=reg)
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:5]:
        print("%s: %s: %s" % (path, "/".join(map(str, e.path)), e.message))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
