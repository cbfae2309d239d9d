"""Vyatta-family CLI engine shared by the VyOS and EdgeOS emulators.

Operational prompt user@host:~$, configuration prompt user@host# after an
"[edit]" line; set/delete change the working configuration, commit makes it
active (prints nothing on success), save prints "Saving configuration to
'/config/config.boot'..." and "Done", exit refuses with "Cannot exit:
configuration modified." while changes are uncommitted (vendors.md sections
10, 11, 99; NM-VYOS, NM-ER, FPBX-ER).  The configuration is a list of
"set ..." lines, as "show configuration commands" prints it.
"""

import bisect

from va_common import Base

BASE_CONFIG = [
    "set interfaces ethernet eth0 address '203.0.113.2/24'",
    "set interfaces ethernet eth1 address '198.18.0.1/24'",
    "set nat source rule 100 outbound-interface 'eth0'",
    "set nat source rule 100 translation address 'masquerade'",
    "set service ssh port '22'",
    "set system login user vyos authentication encrypted-password '****************'",
    "set system ntp server time1.vyos.net",
]


class VyattaDevice(Base):
    # subclass: op_commands(w) -> True/False/None, valid_path(words) -> bool,
    # user, host, op_prompt_path

    def __init__(self, core):
        super().__init__(core)
        self.level = "op"

    def prompt(self):
        h = "%s@%s" % (self.st.get("user", "vyos"), self.st.get("host", "vyos"))
        return (h + ":~$ ") if self.level == "op" else (h + "# ")

    def cfg(self, which):
        return self.st[which]

    def edit(self):
        self.out(["[edit]"])

    def reject(self, line):
        w = line.split()
        if self.level == "config" and w and w[0] in ("set", "delete"):
            self.out(["", "  Configuration path: [%s] is not valid" % " ".join(w[1:]),
                      "  %s failed" % w[0].capitalize(), ""])
            self.edit()
        elif self.level == "config" and w and w[0] == "commit":
            self.out(["[ system conntrack ]", "Commit failed"])
            self.edit()
        else:
            self.out(["", "  Invalid command: [%s]" % line.strip(), ""])
            if self.level == "config":
                self.edit()

    def handle(self, line):
        w = line.split()
        if not w:
            return False
        if self.level == "op":
            if w == ["configure"]:
                self.level = "config"
                self.edit()
                return True
            if w[:3] == ["show", "configuration", "commands"] and len(w) == 3:
                self.out(sorted(self.st["active"]))
                return True
            if w in (["exit"], ["logout"]):
                self.closed = True
                return True
            r = self.op_command(w)
            if r is not None:
                return r
            self.out(["", "  Invalid command: [%s]" % line.strip(), ""])
            return False
        return self.conf(w, line)

    def node(self, words):
        return "set " + " ".join(words)

    def conf(self, w, line):
        st = self.st
        work = st["working"]
        if w[0] == "set" and len(w) > 1:
            if not self.valid_path(w[1:]):
                self.out(["", "  Configuration path: [%s] is not valid" % " ".join(w[1:]),
                          "  Set failed", ""])
                self.edit()
                return False
            n = self.node(w[1:])
            if n not in work:
                bisect.insort(work, n)  # a config tree: canonical order
            self.save()
            self.edit()
            return True
        if w[0] == "delete" and len(w) > 1:
            n = self.node(w[1:])
            hit = [x for x in work if x == n or x.startswith(n + " ")]
            if not hit:
                self.out(["", "  Nothing to delete (the specified node does not exist)",
                          "  Delete failed", ""])
                self.edit()
                return False
            st["working"] = [x for x in work if x not in hit]
            self.save()
            self.edit()
            return True
        if w == ["commit"]:
            if sorted(work) == sorted(st["active"]):
                self.out(["No configuration changes to commit"])
            ign = self.st.get("ignore_disable_if", "")
            # ignore_disable: the device accepts the line but the change
            # never becomes active (like a controller that provisions it back)
            st["active"] = [x for x in st["working"] if x != ign]
            if ign.startswith("delete "):
                keep = "set " + ign[len("delete "):]
                if keep in st["saved"] and keep not in st["active"]:
                    bisect.insort(st["active"], keep)
                    bisect.insort(st["working"], keep)
            self.save()
            self.edit()
            return True
        if w == ["save"]:
            self.out(["Saving configuration to '/config/config.boot'...", "Done"])
            st["saved"] = list(st["active"])
            self.save()
            self.edit()
            return True
        if w == ["exit", "discard"]:
            st["working"] = list(st["active"])
            self.save()
            self.level = "op"
            self.out(["exit"])
            return True
        if w == ["exit"]:
            ign = st.get("ignore_disable_if", "")
            if sorted(x for x in work if x != ign) != sorted(x for x in st["active"] if x != ign):
                self.out(["Cannot exit: configuration modified.",
                          "Use 'exit discard' to discard the changes and exit."])
                self.edit()
                return False
            self.level = "op"
            self.out(["exit"])
            return True
        if w[0] == "run" and len(w) > 1:
            self.level = "op"
            try:
                return self.handle(line.split(None, 1)[1])
            finally:
                self.level = "config"
        self.out(["", "  Invalid command: [%s]" % line.strip(), ""])
        self.edit()
        return False
