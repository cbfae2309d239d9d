"""VyOS CLI emulator (1.2 crux, 1.3 equuleus, 1.4 sagitta and later).

1.3+: "set system conntrack modules sip" (valueless) = helper on, node
absent = off (VYOS-DOC, VYOS-XML); 1.2: "... modules sip disable" = off
(VYOS-MIG23).  "show version" prints "Version:          VyOS X" and the
release train (VYOS-VERSION).  Engine: vyatta_emu.py.
Options: version=1.3.8|1.4.0|1.2.9 host= user= sip=false ignore_disable=true
"""

from va_common import truthy
from vyatta_emu import BASE_CONFIG, VyattaDevice

TRAINS = {"1.2": "crux", "1.3": "equuleus", "1.4": "sagitta", "1.5": "circinus"}
MODULES = ["ftp", "h323", "nfs", "pptp", "sip", "sqlnet", "tftp"]


def crux(version):
    return str(version).startswith("1.2")


def default_state(opts):
    ver = str(opts.get("version", "1.4.0"))
    on = truthy(opts.get("sip", "true"))
    cfg = list(BASE_CONFIG) + ["set system host-name '%s'" % opts.get("host", "vyos")]
    if crux(ver):
        if not on:
            cfg.append("set system conntrack modules sip disable")
    else:
        cfg += ["set system conntrack modules %s" % m for m in MODULES if m != "sip" or on]
    ign = ""
    if truthy(opts.get("ignore_disable", "false")):
        ign = ("set system conntrack modules sip disable" if crux(ver)
               else "delete system conntrack modules sip")
    return {"vendor": "vyos", "version": ver, "user": str(opts.get("user", "vyos")),
            "host": str(opts.get("host", "vyos")), "ignore_disable_if": ign,
            "active": sorted(cfg), "working": sorted(cfg), "saved": sorted(cfg)}


class Device(VyattaDevice):
    def valid_path(self, words):
        if words[:3] == ["system", "conntrack", "modules"] and len(words) >= 4:
            if words[3] not in MODULES:
                return False
            if crux(self.st["version"]):
                return len(words) == 4 or (len(words) == 5 and words[4] == "disable")
            return len(words) == 4
        return words[:1] in (["interfaces"], ["nat"], ["service"], ["system"])

    def op_command(self, w):
        if w[:3] == ["set", "terminal", "length"] and len(w) == 4:
            return True
        if w[:3] == ["set", "terminal", "width"] and len(w) == 4:
            return True
        if w == ["show", "version"]:
            v = self.st["version"]
            self.out(["", "Version:          VyOS %s" % v,
                      "Release train:    %s" % TRAINS.get(v[:3], "current"), "",
                      "Built by:         autobuild@vyos.net",
                      "Architecture:     x86_64", "Boot via:         installed image",
                      "System type:      KVM guest", ""])
            return True
        return None
