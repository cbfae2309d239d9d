"""Cisco ASA CLI emulator (SIP inspection in the global policy).

Facts follow the sources cited in
vendors/cisco-asa.xml: prompts host> / host# / host(config)# /
host(config-pmap)# / host(config-pmap-c)#, enable -> Password:, terminal
pager 0, configure terminal ... end, policy-map global_policy / class
inspection_default / [no] inspect sip [map], write memory, errors
"ERROR: % Invalid input detected at '^' marker.".
Options: hostname= enable_secret= sip_map= inspect_sip=false ignore_disable=true
"""

from va_common import Base, deep, truthy

INSPECTS = ["dns preset_dns_map", "ftp", "h323 h225", "h323 ras", "ip-options",
            "netbios", "rsh", "rtsp", "skinny", "esmtp", "sqlnet", "sunrpc",
            "tftp", "xdmcp"]


def default_state(opts):
    cfg = {"hostname": str(opts.get("hostname", "asa1")),
           "inspect_sip": truthy(opts.get("inspect_sip", "true")),
           "sip_map": str(opts.get("sip_map", ""))}
    return {"vendor": "cisco-asa", "version": "9.16(4)",
            "enable_secret": str(opts.get("enable_secret", "asa-enable-emu")),
            "ignore_disable": truthy(opts.get("ignore_disable", "false")),
            "running": cfg, "startup": deep(cfg)}


class Device(Base):
    def __init__(self, core):
        super().__init__(core)
        self.level = "user"
        self.pmap = None

    def host(self):
        return self.st["running"]["hostname"]

    def prompt(self):
        sub = {"user": ">", "priv": "#", "config": "(config)#",
               "pmap": "(config-pmap)#", "pmapc": "(config-pmap-c)#"}
        return self.host() + sub[self.level]

    def invalid(self):
        self.out(["ERROR: % Invalid input detected at '^' marker.", ""])
        return False

    def reject(self, line):
        self.invalid()

    def config_text(self, c):
        lines = [": Saved", ":", "ASA Version 9.16(4)", "!",
                 "hostname %s" % c["hostname"],
                 "enable password ***** pbkdf2", "names", "!",
                 "interface GigabitEthernet0/0", " nameif outside",
                 " security-level 0", " ip address 203.0.113.2 255.255.255.0",
                 "!", "interface GigabitEthernet0/1", " nameif inside",
                 " security-level 100", " ip address 198.18.0.1 255.255.255.0",
                 "!", "class-map inspection_default",
                 " match default-inspection-traffic", "!",
                 "policy-map type inspect dns preset_dns_map", " parameters",
                 "  message-length maximum client auto",
                 "  message-length maximum 512", "policy-map global_policy",
                 " class inspection_default"]
        ins = list(INSPECTS)
        if c.get("inspect_sip"):
            ins.append("sip" + (" " + c["sip_map"] if c.get("sip_map") else ""))
        lines += ["  inspect " + x for x in sorted(ins)]
        lines += ["!", "service-policy global_policy global",
                  "prompt hostname context", ": end"]
        return lines

    def handle(self, line):
        w = line.split()
        if not w:
            return False
        lv = self.level
        if lv == "user":
            if w == ["enable"]:
                for _ in range(3):
                    self.core.write("Password: ")
                    got, counted = self.core.read_counted(secret=True)
                    self.core.write("\n")
                    if got is None:
                        self.closed = True
                        return False
                    if counted:
                        self.core.log("***", got.strip() == self.st["enable_secret"], "password")
                    if got.strip() == self.st["enable_secret"]:
                        self.level = "priv"
                        return True
                self.out(["Invalid password"])
                return False
            if w[0] in ("exit", "quit", "logout"):
                self.closed = True
                return True
            return self.invalid()
        if w[0] in ("exit", "quit", "logout") and lv == "priv":
            self.closed = True
            return True
        if w[:2] == ["terminal", "pager"] and len(w) == 3 and w[2].isdigit():
            return True
        if w[:2] == ["show", "running-config"] and len(w) == 2:
            self.out(self.config_text(self.st["running"]))
            return True
        if lv == "priv":
            if w == ["configure", "terminal"]:
                self.level = "config"
                return True
            if w in (["write", "memory"], ["write", "mem"], ["copy", "running-config", "startup-config"]):
                self.st["startup"] = deep(self.st["running"])
                self.save()
                self.out(["Building configuration...", "Cryptochecksum: 5ca1ab1e 0ddba11 f00dfeed deadbeef",
                          "", "3970 bytes copied in 0.110 secs", "[OK]"])
                return True
            return self.invalid()
        if w == ["end"]:
            self.level = "priv"
            return True
        if w == ["exit"]:
            self.level = {"config": "priv", "pmap": "config", "pmapc": "pmap"}[lv]
            return True
        if w[0] == "policy-map" and len(w) == 2 and lv in ("config", "pmap", "pmapc"):
            self.pmap = w[1]
            self.level = "pmap"
            return True
        if w[0] == "class" and len(w) == 2 and lv in ("pmap", "pmapc"):
            if self.pmap != "global_policy" or w[1] != "inspection_default":
                self.out(["ERROR: class-map %s does not exist" % w[1]])
                return False
            self.level = "pmapc"
            return True
        if lv == "pmapc" and "inspect" in w[:2]:
            neg = w[0] == "no"
            rest = w[1:] if neg else w
            if rest[:2] != ["inspect", "sip"] or len(rest) > 3:
                return self.invalid()
            c = self.st["running"]
            mp = rest[2] if len(rest) == 3 else ""
            if neg:
                if not c["inspect_sip"] or mp != c.get("sip_map", ""):
                    self.out(["ERROR: policy-map global_policy: inspect sip%s is not configured" % (" " + mp if mp else "")])
                    return False
                if not self.st.get("ignore_disable"):
                    c["inspect_sip"] = False
                    c["sip_map"] = ""
            else:
                c["inspect_sip"] = True
                c["sip_map"] = mp
            self.save()
            return True
        return self.invalid()
