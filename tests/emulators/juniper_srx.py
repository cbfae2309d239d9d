"""Juniper SRX (Junos OS) CLI emulator: SIP ALG with a shared candidate
configuration and commit.

Facts follow vendors.md sections 5 and 99 and vendors/juniper-srx.xml:
user@host> / [edit] + user@host#, set cli screen-length 0 -> "Screen length
set to 0", configure -> "Entering configuration mode", set/delete security
alg sip disable, commit -> "commit complete", exit configuration-mode (asks
"Exit with uncommitted changes? [yes,no] (yes)"), show security alg status
-> "SIP : Enabled|Disabled", errors "syntax error." / "unknown command.".
Options: user= host= sip_disabled=true ignore_disable=true commit_fails=true
"""

from va_common import Base, truthy

ALGS = ["DNS", "FTP", "H323", "MGCP", "MSRPC", "PPTP", "RSH", "RTSP", "SCCP",
        "SIP", "SQL", "SUNRPC", "TALK", "TFTP", "IKE-ESP", "TWAMP"]


def default_state(opts):
    dis = truthy(opts.get("sip_disabled", "false"))
    return {"vendor": "juniper-srx", "version": "21.4R3-S5",
            "user": str(opts.get("user", "admin")), "host": str(opts.get("host", "srx1")),
            "ignore_disable": truthy(opts.get("ignore_disable", "false")),
            "commit_fails": truthy(opts.get("commit_fails", "false")),
            "committed": {"sip_disable": dis}, "candidate": {"sip_disable": dis}}


class Device(Base):
    def __init__(self, core):
        super().__init__(core)
        self.level = "op"

    def prompt(self):
        h = "%s@%s" % (self.st["user"], self.st["host"])
        return (h + "> ") if self.level == "op" else (h + "# ")

    def edit(self):
        self.out(["", "[edit]"])

    def reject(self, line):
        if line.strip() == "commit":
            self.out(["error: configuration check-out failed"])
        else:
            self.out(["               ^", "syntax error."])
        if self.level == "config":
            self.edit()

    def config_text(self, c):
        lines = ["## Last commit: 2024-11-24 10:00:00 UTC by admin",
                 "version %s;" % self.st["version"], "system {",
                 "    host-name %s;" % self.st["host"], "    services {",
                 "        ssh;", "    }", "}", "security {"]
        if c["sip_disable"]:
            lines += ["    alg {", "        sip {", "            disable;",
                      "        }", "    }"]
        lines += ["    policies {", "        from-zone trust to-zone untrust {",
                  "            policy default-permit {", "                match {",
                  "                    source-address any;",
                  "                    destination-address any;",
                  "                    application any;", "                }",
                  "                then {", "                    permit;",
                  "                }", "            }", "        }", "    }", "}",
                  "interfaces {", "    ge-0/0/0 {", "        unit 0 {",
                  "            family inet {",
                  "                address 203.0.113.2/24;", "            }",
                  "        }", "    }", "}"]
        return lines

    def handle(self, line):
        w = line.split()
        if not w:
            return False
        if self.level == "op":
            return self.op(w)
        return self.conf(w)

    def op(self, w):
        if w[:3] == ["set", "cli", "screen-length"] and len(w) == 4 and w[3].isdigit():
            self.out(["Screen length set to %s" % w[3]])
            return True
        if w[:3] == ["set", "cli", "screen-width"] and len(w) == 4 and w[3].isdigit():
            self.out(["Screen width set to %s" % w[3]])
            return True
        if w == ["set", "cli", "complete-on-space", "off"]:
            self.out(["Disabling complete-on-space"])
            return True
        if w == ["show", "security", "alg", "status"]:
            dis = self.st["committed"]["sip_disable"]
            rows = ["ALG Status:"]
            for a in ALGS:
                state = "Disabled" if (a == "SIP" and dis) else "Enabled"
                rows.append("  %-8s: %s" % (a, state))
            self.out(rows)
            return True
        if w == ["show", "configuration"]:
            self.out(self.config_text(self.st["committed"]))
            return True
        if w == ["configure"]:
            self.out(["Entering configuration mode", "", "[edit]"])
            self.level = "config"
            return True
        if w in (["exit"], ["quit"]):
            self.closed = True
            return True
        self.out(["                       ^", "unknown command."])
        return False

    def conf(self, w):
        st = self.st
        if w == ["set", "security", "alg", "sip", "disable"]:
            if not st.get("ignore_disable"):
                st["candidate"]["sip_disable"] = True
            self.save()
            self.edit()
            return True
        if w == ["delete", "security", "alg", "sip", "disable"]:
            if not st["candidate"]["sip_disable"]:
                self.out(["warning: statement not found"])
            st["candidate"]["sip_disable"] = False
            self.save()
            self.edit()
            return True
        if w == ["commit"]:
            if st.get("commit_fails"):
                self.out(["[edit security alg]", "  'sip'", "    error: commit failed",
                          "error: configuration check-out failed"])
                self.edit()
                return False
            st["committed"] = dict(st["candidate"])
            self.save()
            self.out(["commit complete"])
            self.edit()
            return True
        if w in (["exit", "configuration-mode"], ["exit"], ["quit"]):
            if st["candidate"] != st["committed"]:
                self.core.write("The configuration has been changed but not committed\n"
                                "Exit with uncommitted changes? [yes,no] (yes) ")
                ans, _ = self.core.read_counted()
                if ans is None:
                    self.closed = True
                    return False
                if ans.strip().lower() not in ("", "yes", "y"):
                    self.edit()
                    return False
            self.out(["Exiting configuration mode"])
            self.level = "op"
            return True
        if w and w[0] in ("set", "delete"):
            self.out(["                ^", "syntax error."])
            self.edit()
            return False
        self.out(["                ^", "unknown command."])
        self.edit()
        return False
