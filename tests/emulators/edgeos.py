"""Ubiquiti EdgeRouter (EdgeOS) CLI emulator.

"set system conntrack modules sip disable" = helper off (FPBX-ER); commit,
save ("Saving configuration to '/config/config.boot'..." / "Done"), exit;
terminal length 0 / terminal width 512 (NM-ER).  Engine: vyatta_emu.py.
Options: host= user= sip=false ignore_disable=true
"""

from va_common import truthy
from vyatta_emu import BASE_CONFIG, VyattaDevice


def default_state(opts):
    cfg = [x.replace("vyos", "ubnt") for x in BASE_CONFIG] + [
        "set system host-name '%s'" % opts.get("host", "ubnt")]
    if not truthy(opts.get("sip", "true")):
        cfg.append("set system conntrack modules sip disable")
    ign = ("set system conntrack modules sip disable"
           if truthy(opts.get("ignore_disable", "false")) else "")
    return {"vendor": "edgeos", "version": "v2.0.9-hotfix.7",
            "user": str(opts.get("user", "ubnt")), "host": str(opts.get("host", "ubnt")),
            "ignore_disable_if": ign, "active": sorted(cfg),
            "working": sorted(cfg), "saved": sorted(cfg)}


class Device(VyattaDevice):
    def valid_path(self, words):
        if words[:3] == ["system", "conntrack", "modules"]:
            return (len(words) == 5 and words[3] in ("ftp", "gre", "h323", "pptp", "sip", "sqlnet", "tftp")
                    and words[4] in ("disable", "enable-indirect-media", "enable-indirect-signalling"))
        return words[:1] in (["interfaces"], ["service"], ["system"])

    def op_command(self, w):
        if w[:2] in (["terminal", "length"], ["terminal", "width"]) and len(w) == 3:
            return True
        if w == ["show", "version"]:
            self.out(["Version:      %s" % self.st["version"],
                      "Copyright:    2012-2023 Ubiquiti Networks, Inc.",
                      "HW model:     EdgeRouter X 5-Port"])
            return True
        return None
