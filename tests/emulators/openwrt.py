"""OpenWrt (BusyBox ash root shell) emulator: UCI firewall and fw3/fw4.

Facts follow the sources cited in vendors/openwrt.xml:
- prompt `root@OpenWrt:~# ` (BusyBox ash as root), unknown commands
  `-ash: NAME: not found`;
- `uci show firewall` prints `firewall.@defaults[0].auto_helper='0'` style
  lines, `uci set`, `uci delete|del`, `uci commit [firewall]`; changes are
  staged until commit (uci show already shows them); errors `uci: Entry not
  found`, `uci: Invalid argument`;
- `/etc/init.d/firewall reload|restart` (fw4: `fw4 reload`) applies the
  committed configuration to the running ruleset;
- the SIP helper rule exists only while auto_helper is not 0 (defaults
  section forces every zone), on zones without masquerading, and only if
  the helper module is loaded (firewall4 fw4.uc, firewall3 helpers.c/zones.c);
- fw4 shows it in `nft list table inet fw4` as
  `meta l4proto udp udp dport 5060 ct helper set "sip" comment "!fw4: SIP VoIP connection tracking"`;
  fw3 in `iptables-save -t raw` as
  `-A zone_lan_helper -p udp -m udp --dport 5060 -m comment --comment "SIP VoIP connection tracking" -j CT --helper sip`.

State (state.json): variant fw4|fw3, hostname, helper_module (bool),
config.auto_helper (committed: null = not set, "0", "1"), staged (dict of
uncommitted option values, null = delete), running_auto_helper (what the
loaded ruleset was built from).
"""

import re
import shlex

OPT = "firewall.@defaults[0].auto_helper"


def default_state(opts):
    variant = str(opts.get("variant", "fw4"))
    ah = opts.get("auto_helper")
    st = {
        "vendor": "openwrt",
        "variant": variant if variant in ("fw3", "fw4") else "fw4",
        "hostname": str(opts.get("hostname", "OpenWrt")),
        "helper_module": str(opts.get("helper_module", "true")).lower() in ("1", "true", "yes"),
        "config": {"auto_helper": ah if ah in ("0", "1") else None},
        "staged": {},
        "running_auto_helper": ah if ah in ("0", "1") else None,
    }
    return st


def _on(val):
    return val != "0"


class Device:
    def __init__(self, core):
        self.core = core
        self.st = core.state
        self.closed = False

    # ------------------------------------------------------------ basics
    def prompt(self):
        return "root@%s:~# " % self.st.get("hostname", "OpenWrt")

    def mode(self):
        return "shell"

    def more_prompt(self):
        return ""

    def more_erase(self):
        return ""

    def banner(self, text):
        self.core.write(text if text.endswith("\n") else text + "\n")
        return True

    def out(self, text):
        self.core.out(text)

    def reject(self, line):
        words = line.split()
        if words and words[0] == "uci":
            self.out("uci: Invalid argument\n")
        else:
            self.out("-ash: %s: not found\n" % (words[0] if words else ""))

    # ------------------------------------------------------------ config
    def effective(self):
        """auto_helper as uci show sees it (committed + staged)."""
        val = self.st["config"].get("auto_helper")
        if OPT in self.st.get("staged", {}):
            val = self.st["staged"][OPT]
        return val

    def uci_show_lines(self):
        lines = [
            "firewall.@defaults[0]=defaults",
            "firewall.@defaults[0].syn_flood='1'",
            "firewall.@defaults[0].input='REJECT'",
            "firewall.@defaults[0].output='ACCEPT'",
            "firewall.@defaults[0].forward='REJECT'",
        ]
        val = self.effective()
        if val is not None:
            lines.append("%s='%s'" % (OPT, val))
        lines += [
            "firewall.@zone[0]=zone",
            "firewall.@zone[0].name='lan'",
            "firewall.@zone[0].network='lan'",
            "firewall.@zone[0].input='ACCEPT'",
            "firewall.@zone[0].output='ACCEPT'",
            "firewall.@zone[0].forward='ACCEPT'",
            "firewall.@zone[1]=zone",
            "firewall.@zone[1].name='wan'",
            "firewall.@zone[1].network='wan' 'wan6'",
            "firewall.@zone[1].input='REJECT'",
            "firewall.@zone[1].output='ACCEPT'",
            "firewall.@zone[1].forward='REJECT'",
            "firewall.@zone[1].masq='1'",
            "firewall.@zone[1].mtu_fix='1'",
            "firewall.@forwarding[0]=forwarding",
            "firewall.@forwarding[0].src='lan'",
            "firewall.@forwarding[0].dest='wan'",
        ]
        return lines

    def config_file(self):
        val = self.st["config"].get("auto_helper")
        lines = [
            "",
            "config defaults",
            "\toption syn_flood '1'",
            "\toption input 'REJECT'",
            "\toption output 'ACCEPT'",
            "\toption forward 'REJECT'",
        ]
        if val is not None:
            lines.append("\toption auto_helper '%s'" % val)
        lines += [
            "",
            "config zone",
            "\toption name 'lan'",
            "\tlist network 'lan'",
            "\toption input 'ACCEPT'",
            "\toption output 'ACCEPT'",
            "\toption forward 'ACCEPT'",
            "",
            "config zone",
            "\toption name 'wan'",
            "\tlist network 'wan'",
            "\tlist network 'wan6'",
            "\toption input 'REJECT'",
            "\toption output 'ACCEPT'",
            "\toption forward 'REJECT'",
            "\toption masq '1'",
            "\toption mtu_fix '1'",
            "",
            "config forwarding",
            "\toption src 'lan'",
            "\toption dest 'wan'",
            "",
        ]
        return "\n".join(lines) + "\n"

    def sip_rule_active(self):
        return self.st.get("helper_module", True) and _on(self.st.get("running_auto_helper"))

    # ------------------------------------------------------------ rulesets
    def nft_table(self):
        helper = []
        if self.sip_rule_active():
            helper = [
                "\tchain helper_lan {",
                "\t\tmeta l4proto udp udp dport 69 ct helper set \"tftp\" comment \"!fw4: TFTP connection tracking\"",
                "\t\tmeta l4proto udp udp dport 5060 ct helper set \"sip\" comment \"!fw4: SIP VoIP connection tracking\"",
                "\t}",
                "",
            ]
        lines = [
            "table inet fw4 {",
            "\tct helper sip {",
            "\t\ttype \"sip\" protocol udp",
            "\t\tl3proto inet",
            "\t}",
            "",
            "\tchain input {",
            "\t\ttype filter hook input priority filter; policy drop;",
            "\t\tiif \"lo\" accept comment \"!fw4: Accept traffic from loopback\"",
            "\t\tct state established,related accept comment \"!fw4: Allow inbound established and related flows\"",
            "\t}",
            "",
            "\tchain prerouting {",
            "\t\ttype filter hook prerouting priority filter; policy accept;",
        ]
        if self.sip_rule_active():
            lines.append("\t\tiifname \"br-lan\" jump helper_lan comment \"!fw4: lan IPv4/IPv6 CT helper assignment\"")
        lines += ["\t}", ""] + helper + [
            "\tchain srcnat_wan {",
            "\t\tmeta nfproto ipv4 masquerade comment \"!fw4: Masquerade IPv4 wan traffic\"",
            "\t}",
            "}",
        ]
        return lines

    def ipt_raw(self):
        lines = [
            "# Generated by iptables-save v1.8.7 on Mon Nov 27 20:47:00 2023",
            "*raw",
            ":PREROUTING ACCEPT [0:0]",
            ":OUTPUT ACCEPT [0:0]",
        ]
        if self.sip_rule_active():
            lines += [
                ":zone_lan_helper - [0:0]",
                "-A PREROUTING -i br-lan -m comment --comment \"!fw3: lan CT helper assignment\" -j zone_lan_helper",
                "-A zone_lan_helper -p udp -m udp --dport 69 -m comment --comment \"!fw3: TFTP connection tracking\" -j CT --helper tftp",
                "-A zone_lan_helper -p udp -m udp --dport 5060 -m comment --comment \"!fw3: SIP VoIP connection tracking\" -j CT --helper sip",
            ]
        lines += ["COMMIT", "# Completed on Mon Nov 27 20:47:00 2023"]
        return lines

    # ------------------------------------------------------------ dispatch
    def handle(self, line):
        text = line.strip()
        # drop a trailing stderr redirection, as the shell would apply it
        text = re.sub(r"\s+2>\s*/dev/null\s*$", "", text)
        try:
            words = shlex.split(text)
        except ValueError:
            self.out("-ash: syntax error: unterminated quoted string\n")
            return False
        if not words:
            return False
        cmd = words[0]
        if cmd in ("exit", "logout"):
            self.closed = True
            return True
        if cmd == "uci":
            return self.uci(words[1:])
        if cmd == "ls":
            return self.ls(words[1:])
        if cmd == "cat" and words[1:] == ["/etc/config/firewall"]:
            self.out(self.config_file())
            return True
        if cmd in ("/etc/init.d/firewall", "fw4", "fw3"):
            return self.firewall(cmd, words[1:])
        if cmd == "nft" and words[1:] == ["list", "table", "inet", "fw4"]:
            if self.st["variant"] != "fw4":
                self.out("-ash: nft: not found\n")
                return False
            self.out(self.nft_table())
            return True
        if cmd == "iptables-save" and words[1:] == ["-t", "raw"]:
            if self.st["variant"] != "fw3":
                self.out("-ash: iptables-save: not found\n")
                return False
            self.out(self.ipt_raw())
            return True
        if cmd in ("true", ":"):
            return True
        self.out("-ash: %s: not found\n" % cmd)
        return False

    def ls(self, args):
        present = {"/sbin/fw4"} if self.st["variant"] == "fw4" else {"/usr/sbin/firewall3", "/sbin/fw3"}
        ok = True
        for a in args:
            if a in present:
                self.out(a + "\n")
            elif not a.startswith("-"):
                ok = False     # the error went to /dev/null
        return ok

    def firewall(self, cmd, args):
        verb = args[0] if args else ""
        if cmd == "fw3" and self.st["variant"] != "fw3" or cmd == "fw4" and self.st["variant"] != "fw4":
            self.out("-ash: %s: not found\n" % cmd)
            return False
        if verb in ("reload", "restart", "start"):
            self.st["running_auto_helper"] = self.st["config"].get("auto_helper")
            self.core.save()
            if self.st["variant"] == "fw3":
                self.out(" * Populating IPv4 raw table\n   * Zone 'lan'\n   * Zone 'wan'\n")
            return True
        if verb == "stop":
            return True
        self.out("Syntax: %s [command]\n" % cmd)
        return False

    def uci(self, args):
        if not args:
            self.out("Usage: uci [<options>] <command> [<arguments>]\n")
            return False
        sub, rest = args[0], args[1:]
        if sub == "show":
            if rest and rest[0] not in ("firewall", OPT, "firewall.@defaults[0]"):
                self.out("uci: Entry not found\n")
                return False
            lines = self.uci_show_lines()
            if rest and rest[0] != "firewall":
                lines = [ln for ln in lines if ln.startswith(rest[0])]
            self.out(lines)
            return True
        if sub == "get":
            if rest == [OPT] and self.effective() is not None:
                self.out(self.effective() + "\n")
                return True
            self.out("uci: Entry not found\n")
            return False
        if sub == "set":
            if len(rest) != 1 or "=" not in rest[0]:
                self.out("uci: Invalid argument\n")
                return False
            key, val = rest[0].split("=", 1)
            if key != OPT:
                self.out("uci: Invalid argument\n")
                return False
            if val not in ("0", "1"):
                self.out("uci: Invalid argument\n")
                return False
            self.st.setdefault("staged", {})[OPT] = val
            self.core.save()
            return True
        if sub in ("delete", "del"):
            if rest != [OPT] or self.effective() is None:
                self.out("uci: Entry not found\n")
                return False
            self.st.setdefault("staged", {})[OPT] = None
            self.core.save()
            return True
        if sub == "commit":
            if rest and rest[0] != "firewall":
                return True
            staged = self.st.get("staged", {})
            if OPT in staged:
                self.st["config"]["auto_helper"] = staged[OPT]
            self.st["staged"] = {}
            self.core.save()
            return True
        if sub == "changes":
            for k, v in self.st.get("staged", {}).items():
                self.out(("-%s\n" % k) if v is None else ("%s='%s'\n" % (k, v)))
            return True
        self.out("uci: Invalid argument\n")
        return False
