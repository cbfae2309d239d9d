"""Small helpers shared by the vendors-a emulators (cisco-asa, juniper-srx,
vyos, edgeos, mikrotik).  Standard library only."""

import json


def deep(obj):
    return json.loads(json.dumps(obj))


def truthy(v):
    return str(v).lower() in ("1", "true", "yes", "on")


class Base:
    """Common Device plumbing; subclasses set self.level and the texts."""

    def __init__(self, core):
        self.core = core
        self.st = core.state
        self.closed = False

    def mode(self):
        return self.level

    def more_prompt(self):
        return "--More--"

    def more_erase(self):
        return "\r        \r"

    def banner(self, text):
        self.core.write(text if text.endswith("\n") else text + "\n")
        return True

    def out(self, lines):
        self.core.out(lines)

    def save(self):
        self.core.save()
