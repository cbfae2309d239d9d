"""MikroTik RouterOS (v6 / v7) CLI emulator: /ip firewall service-port.

Prompt "[admin@MikroTik] > " (NM-ROS), print with "Flags: X - disabled,
I - invalid" (v6) or "Flags: X - DISABLED, I - INVALID" style (v7) and rows
"#  NAME  PORTS" where a disabled row carries X after the index
(vendors.md section 9, MT-CONSOLE); enable/disable take the item name;
errors "bad command name", "no such item", "invalid value for" (ANS-ROS).
Options: version=6.49.10|7.14 identity= user= sip=false ignore_disable=true
"""

from va_common import Base, truthy

PORTS = [("ftp", "21"), ("tftp", "69"), ("irc", "6667"), ("h323", ""),
         ("sip", "5060,5061"), ("pptp", ""), ("udplite", ""), ("dccp", ""),
         ("sctp", "")]


def default_state(opts):
    sp = [{"name": n, "ports": p, "disabled": False} for n, p in PORTS]
    for e in sp:
        if e["name"] == "sip":
            e["disabled"] = not truthy(opts.get("sip", "true"))
        if e["name"] == "irc":
            e["disabled"] = True
    return {"vendor": "mikrotik", "version": str(opts.get("version", "7.14")),
            "identity": str(opts.get("identity", "MikroTik")),
            "user": str(opts.get("user", "admin")),
            "ignore_disable": truthy(opts.get("ignore_disable", "false")),
            "service_ports": sp}


class Device(Base):
    def __init__(self, core):
        super().__init__(core)
        self.level = "priv"

    def v7(self):
        return not str(self.st["version"]).startswith("6")

    def prompt(self):
        return "[%s@%s] > " % (self.st["user"], self.st["identity"])

    def reject(self, line):
        self.out(["bad command name %s (line 1 column 1)" % (line.split() or ["?"])[0].lstrip("/")])

    def find(self, name):
        for e in self.st["service_ports"]:
            if e["name"] == name:
                return e
        return None

    def print_ports(self):
        if self.v7():
            rows = ["Flags: X - DISABLED, I - INVALID", "Columns: NAME, PORTS",
                    "#   NAME     PORTS"]
        else:
            rows = ["Flags: X - disabled, I - invalid", " #   NAME      PORTS"]
        for i, e in enumerate(self.st["service_ports"]):
            flag = "X" if e["disabled"] else " "
            rows.append("%2d %s %-8s %s" % (i, flag, e["name"], e["ports"]))
        self.out(rows)

    def export(self):
        rows = ["# nov/24/2024 10:00:00 by RouterOS %s" % self.st["version"],
                "# software id = EMU0-0000", "#",
                "/interface bridge", "add name=bridge",
                "/ip address", "add address=198.18.0.1/24 interface=bridge network=198.18.0.0",
                "/ip firewall nat",
                "add action=masquerade chain=srcnat out-interface=ether1",
                "/ip firewall service-port"]
        for e in self.st["service_ports"]:
            if e["disabled"] and e["name"] != "irc":
                rows.append("set %s disabled=yes" % e["name"])
        rows += ["/system identity", "set name=%s" % self.st["identity"]]
        self.out(rows)

    def handle(self, line):
        w = line.split()
        if not w:
            return False
        path = " ".join(w).lstrip("/")
        if path in ("quit",):
            self.closed = True
            return True
        if path == "export":
            self.export()
            return True
        if path == "system identity print":
            self.out(["  name: %s" % self.st["identity"]])
            return True
        if path == "ip firewall service-port print":
            self.print_ports()
            return True
        toks = path.split()
        if toks[:3] == ["ip", "firewall", "service-port"] and len(toks) == 5 and toks[3] in ("enable", "disable"):
            e = self.find(toks[4])
            if e is None:
                self.out(["no such item"])
                return False
            if not (toks[3] == "disable" and self.st.get("ignore_disable")):
                e["disabled"] = toks[3] == "disable"
            self.save()
            return True
        if toks[:3] == ["ip", "firewall", "service-port"]:
            self.out(["syntax error (line 1 column %d)" % (len(line) + 1)])
            return False
        self.out(["bad command name %s (line 1 column 2)" % toks[0]])
        return False
