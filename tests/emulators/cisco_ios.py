"""Cisco IOS / IOS-XE router CLI emulator.

Facts follow the sources cited in vendors/cisco-ios.xml (labels as there): prompts
`R1>` / `R1#` / `R1(config)#` [S SC, ANS-IOS], `enable` -> `Password:` [S],
`terminal length 0`, `terminal width 511` [S NM], `configure terminal` ...
`end`, `no ip nat service sip udp|tcp port 5060` shown in running-config
when the ALG is off [P CSCO-SRST], `write memory` / `copy running-config
startup-config` [S NM], errors `% Invalid input detected at '^' marker.`,
`% Incomplete command.`, `% Ambiguous command`, `% Bad secrets` (section 99).

Keywords may be abbreviated to any unique prefix, as on IOS (`conf t`,
`sh run`, `wr mem`, `copy run start`, `term len 0`).
Ctrl-Z arrives as a byte inside a line (the tty stays in canonical mode), so
a line containing \\x1a runs the text before it and then acts as `end`.
"""

import re

VERSION_DEFAULT = "17.3.4a"


def default_alg():
    return {"udp-5060": True, "tcp-5060": True}


def default_state(opts):
    host = str(opts.get("hostname", "R1"))
    st = {
        "vendor": "cisco-ios",
        "version": VERSION_DEFAULT,
        "model": "CSR1000V",
        "serial": "9EMU0000001",
        "enable_secret": "enable-secret-emu",
        "login_privileged": False,
        "terminal_length": 24,
        "running": {"hostname": host, "sip_alg": default_alg()},
        "startup": {"hostname": host, "sip_alg": default_alg()},
    }
    for k in ("version", "model", "enable_secret"):
        if k in opts:
            st[k] = opts[k]
    if "login_privileged" in opts:
        st["login_privileged"] = str(opts["login_privileged"]).lower() in ("1", "true", "yes")
    return st


# Grammar: mode -> list of (tokens, handler).  A token is a keyword or one of
# "<int:lo:hi>", "<word>", "<line>" (rest of the line).
EXEC = [
    (["enable"], "enable"),
    (["disable"], "disable"),
    (["exit"], "exit"),
    (["logout"], "exit"),
    (["quit"], "exit"),
    (["terminal", "length", "<int:0:512>"], "term_length"),
    (["terminal", "width", "<int:0:512>"], "term_width"),
    (["terminal", "monitor"], "noop"),
    (["show", "version"], "show_version"),
    (["show", "clock"], "show_clock"),
    (["ping", "<word>"], "noop"),
    (["traceroute", "<word>"], "noop"),
    (["telnet", "<word>"], "noop"),
]
PRIV = EXEC + [
    (["show", "running-config"], "show_run"),
    (["show", "startup-config"], "show_start"),
    (["show", "ip", "nat", "translations"], "show_nat_tr"),
    (["configure", "terminal"], "conf_t"),
    (["configure"], "conf_ask"),
    (["write", "memory"], "write_mem"),
    (["write"], "write_mem"),
    (["copy", "running-config", "startup-config"], "copy_run_start"),
    (["clear", "ip", "nat", "translation", "*"], "noop"),
    (["reload"], "reload"),
]
CONFIG = [
    (["hostname", "<word>"], "hostname"),
    (["ip", "nat", "service", "sip", "<proto>", "port", "<int:1:65535>"], "nat_sip_on"),
    (["no", "ip", "nat", "service", "sip", "<proto>", "port", "<int:1:65535>"], "nat_sip_off"),
    (["ip", "domain", "lookup"], "noop"),
    (["no", "ip", "domain", "lookup"], "noop"),
    (["end"], "end"),
    (["exit"], "end"),
    (["do", "<line>"], "do"),
]


def tokenize(line):
    """[(token, column)] of a command line."""
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]


def tok_match(spec, tok):
    """Returns 'exact', 'prefix' or None."""
    if spec.startswith("<int:"):
        _, lo, hi = spec[1:-1].split(":")
        return "exact" if tok.isdigit() and int(lo) <= int(tok) <= int(hi) else None
    if spec in ("<word>", "<line>"):
        return "exact"
    if spec == "<proto>":
        for p in ("udp", "tcp"):
            if p.startswith(tok.lower()):
                return "exact" if tok.lower() == p else "prefix"
        return None
    t = tok.lower()
    if t == spec:
        return "exact"
    if spec.startswith(t):
        return "prefix"
    return None


def parse(grammar, toks):
    """Match tokens against a grammar.

    Returns ("ok", handler, args) | ("invalid", index) |
            ("incomplete",) | ("ambiguous", index).
    """
    cands = list(grammar)
    args = []
    for i, (tok, _) in enumerate(toks):
        nxt = []
        for words, h in cands:
            if len(words) <= i:
                continue
            if words[i] == "<line>":
                nxt.append((words, h))
                continue
            if tok_match(words[i], tok):
                nxt.append((words, h))
        if not nxt:
            # a <line> command swallowed the rest
            line_cmds = [c for c in cands if "<line>" in c[0][:i]]
            if line_cmds:
                return ("ok", line_cmds[0][1], args)
            return ("invalid", i)
        kws = {w[i] for w, _ in nxt if not w[i].startswith("<")}
        exact = [w for w in kws if w == tok.lower()]
        if exact:
            nxt = [(w, h) for w, h in nxt if w[i] == exact[0] or w[i].startswith("<")]
        elif len(kws) > 1:
            return ("ambiguous", i)
        cands = nxt
        if cands[0][0][i].startswith("<"):
            args.append(tok)
        if cands[0][0][i] == "<line>":
            return ("ok", cands[0][1], args)
    done = [(w, h) for w, h in cands if len(w) == len(toks)]
    if not done:
        return ("incomplete",)
    return ("ok", done[0][1], args)


class Device:
    def __init__(self, core):
        self.core = core
        self.st = core.state
        self.level = "priv" if self.st.get("login_privileged") else "user"
        self.length = int(self.st.get("terminal_length", 24))
        self.width = 80
        self.closed = False
        self.last_raw = ""

    # ---------------------------------------------------------- basics
    def host(self):
        return self.st["running"].get("hostname", "R1")

    def prompt(self):
        if self.level == "user":
            return "%s>" % self.host()
        if self.level == "config":
            return "%s(config)#" % self.host()
        return "%s#" % self.host()

    def mode(self):
        return self.level

    def more_prompt(self):
        return " --More-- "

    def more_erase(self):
        return "\b" * 9 + " " * 9 + "\b" * 9

    def page(self):
        if not self.core.interactive or self.length == 0:
            return 0
        return max(self.length - 1, 1)

    def banner(self, text):
        self.core.write(text if text.endswith("\n") else text + "\n")
        return True

    def out(self, lines):
        self.core.out(lines, self.page())

    # ---------------------------------------------------------- errors
    def invalid(self, col):
        # caret under the bad token; echo already shows prompt+line
        self.core.out([" " * (len(self.prompt()) + col) + "^",
                       "% Invalid input detected at '^' marker.", ""])
        return False

    def reject(self, line):
        toks = tokenize(line)
        self.invalid(toks[0][1] if toks else 0)

    # ---------------------------------------------------------- dispatch
    def grammar(self):
        return {"user": EXEC, "priv": PRIV, "config": CONFIG}[self.level]

    def handle(self, line):
        if "\x1a" in line:
            before = line.split("\x1a", 1)[0]
            ok = True
            if before.strip():
                ok = self.handle(before)
            if self.level == "config":
                self.level = "priv"
            return ok
        pipe = None
        m = re.match(r"^(.*?)\s+\|\s*(\S+)\s*(.*)$", line)
        if m:
            line, pipe = m.group(1), (m.group(2), m.group(3))
        toks = tokenize(line)
        if not toks:
            return False
        res = parse(self.grammar(), toks)
        if res[0] == "invalid":
            i = res[1]
            if (len(toks) == 1 and self.level != "config"):
                # one unknown word is taken as a host name to telnet to
                # (with `no ip domain lookup`, as in our running-config)
                self.core.out(["% Unknown command or computer name, or unable to find computer address", ""])
                return False
            return self.invalid(toks[i][1])
        if res[0] == "incomplete":
            self.core.out(["% Incomplete command.", ""])
            return False
        if res[0] == "ambiguous":
            self.core.out(['%% Ambiguous command:  "%s"' % line.strip(), ""])
            return False
        _, handler, args = res
        if pipe is not None:
            if handler not in ("show_run", "show_start", "show_version"):
                return self.invalid(len(line) + 1)
            lines = getattr(self, "lines_" + handler)()
            lines = self.apply_pipe(lines, pipe)
            if lines is None:
                return self.invalid(len(line) + 3)
            self.out(lines)
            return True
        return getattr(self, "h_" + handler)(args, line)

    def apply_pipe(self, lines, pipe):
        what, rx = pipe
        w = next((k for k in ("include", "exclude", "begin", "section") if k.startswith(what.lower())), None)
        if w is None or not rx:
            return None
        try:
            r = re.compile(rx)
        except re.error:
            return None
        if w == "include":
            return [ln for ln in lines if r.search(ln)]
        if w == "exclude":
            return [ln for ln in lines if not r.search(ln)]
        if w == "begin":
            for i, ln in enumerate(lines):
                if r.search(ln):
                    return lines[i:]
            return []
        out, on = [], False
        for ln in lines:
            if not ln.startswith(" "):
                on = bool(r.search(ln))
            if on:
                out.append(ln)
        return out

    # ---------------------------------------------------------- handlers
    def h_noop(self, args, line):
        return True

    def h_enable(self, args, line):
        if self.level != "user":
            return True
        secret = self.st.get("enable_secret")
        if not secret:
            self.core.out(["% No password set", ""])
            return False
        for _ in range(3):
            self.core.write("Password: ")
            got, counted = self.core.read_counted(secret=True)
            self.core.write("\n")      # the Enter was not echoed
            if got is None:
                self.closed = True
                return False
            ok = got.strip() == secret
            if counted:
                self.core.log("***", ok, "password")
            if ok:
                self.level = "priv"
                return True
        self.core.out(["% Bad secrets", ""])
        return False

    def h_disable(self, args, line):
        self.level = "user"
        return True

    def h_exit(self, args, line):
        self.closed = True
        return True

    def h_term_length(self, args, line):
        self.length = int(args[0])
        return True

    def h_term_width(self, args, line):
        self.width = int(args[0])
        return True

    def h_show_clock(self, args, line):
        self.out(["*20:47:00.123 UTC Mon Nov 27 2023"])
        return True

    def h_show_version(self, args, line):
        self.out(self.lines_show_version())
        return True

    def h_show_run(self, args, line):
        self.out(self.lines_show_run())
        return True

    def h_show_start(self, args, line):
        self.out(self.lines_show_start())
        return True

    def h_show_nat_tr(self, args, line):
        self.out(["Pro Inside global         Inside local          Outside local         Outside global",
                  "Total number of translations: 0"])
        return True

    def h_conf_t(self, args, line):
        self.core.out(["Enter configuration commands, one per line.  End with CNTL/Z."])
        self.level = "config"
        return True

    def h_conf_ask(self, args, line):
        self.core.write("Configuring from terminal, memory, or network [terminal]? ")
        ans, _ = self.core.read_counted()
        if ans is None:
            self.closed = True
            return False
        a = ans.strip().lower()
        if a == "" or "terminal".startswith(a):
            return self.h_conf_t(args, line)
        self.core.out(['?Must be "terminal", "memory" or "network"', ""])
        return False

    def h_write_mem(self, args, line):
        self.core.out(["Building configuration...", "[OK]"])
        self.st["startup"] = _deep(self.st["running"])
        self.core.save()
        return True

    def h_copy_run_start(self, args, line):
        self.core.write("Destination filename [startup-config]? ")
        ans, _ = self.core.read_counted()
        if ans is None:
            self.closed = True
            return False
        if ans.strip() not in ("", "startup-config"):
            self.core.out(["%%Error opening nvram:/%s (Permission denied)" % ans.strip(), ""])
            return False
        return self.h_write_mem(args, line)

    def h_reload(self, args, line):
        self.core.out(["% Reload is not supported by this emulator", ""])
        return False

    def h_hostname(self, args, line):
        name = args[0]
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,62}", name):
            self.core.out(["% Hostname contains one or more illegal characters.", ""])
            return False
        self.st["running"]["hostname"] = name
        self.core.save()
        return True

    def _nat(self, args, on):
        key = "%s-%d" % (("udp" if "udp".startswith(args[0].lower()) else "tcp"), int(args[1]))
        alg = self.st["running"].setdefault("sip_alg", default_alg())
        alg[key] = on
        self.core.save()
        return True

    def h_nat_sip_on(self, args, line):
        return self._nat(args, True)

    def h_nat_sip_off(self, args, line):
        return self._nat(args, False)

    def h_end(self, args, line):
        self.level = "priv"
        return True

    def h_do(self, args, line):
        rest = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
        self.level = "priv"
        try:
            return self.handle(rest)
        finally:
            if self.level == "priv":
                self.level = "config"

    # ---------------------------------------------------------- texts
    def config_text(self, cfg):
        host = cfg.get("hostname", "R1")
        alg = cfg.get("sip_alg", default_alg())
        nat_lines = []
        for proto in ("tcp", "udp"):
            for key in sorted(alg, key=lambda k: int(k.split("-")[1])):
                p, port = key.split("-")
                if p != proto:
                    continue
                if port == "5060" and not alg[key]:
                    nat_lines.append("no ip nat service sip %s port %s" % (p, port))
                elif port != "5060" and alg[key]:
                    nat_lines.append("ip nat service sip %s port %s" % (p, port))
        ver = ".".join(str(self.st.get("version", VERSION_DEFAULT)).split(".")[:2])
        lines = [
            "!",
            "! Last configuration change at 20:47:00 UTC Mon Nov 27 2023 by admin",
            "!",
            "version %s" % ver,
            "service timestamps debug datetime msec",
            "service timestamps log datetime msec",
            "service password-encryption",
            "platform qfp utilization monitor load 80",
            "platform punt-keepalive disable-kernel-core",
            "platform console virtual",
            "!",
            "hostname %s" % host,
            "!",
            "boot-start-marker",
            "boot-end-marker",
            "!",
            "!",
            "enable secret 9 $9$emuEMUemuEMUem$8xQ0u3mKZ4cN7Wb2pYd5rLfTgHs1oJvAeIkC6nUqX9",
            "!",
            "no aaa new-model",
            "!",
            "no ip domain lookup",
            "ip domain name lab.example",
            "!",
            "login on-success log",
            "!",
            "subscriber templating",
            "!",
            "multilink bundle-name authenticated",
            "!",
            "license udi pid %s sn %s" % (self.st.get("model", "CSR1000V"), self.st.get("serial", "9EMU0000001")),
            "diagnostic bootup level minimal",
            "memory free low-watermark processor 71507",
            "!",
            "spanning-tree extend system-id",
            "!",
            "username admin privilege 15 secret 9 $9$emuEMUemuEMUem$Zk3Hq1VbT7yN0cR5uW8pLxD2sFgJ4mA6eOiK9tYnC",
            "!",
            "redundancy",
            "!",
            "interface GigabitEthernet0/0",
            " description WAN",
            " ip address 203.0.113.2 255.255.255.0",
            " ip nat outside",
            " negotiation auto",
            "!",
            "interface GigabitEthernet0/1",
            " description LAN",
            " ip address 198.18.0.1 255.255.255.0",
            " ip nat inside",
            " negotiation auto",
            "!",
            "interface GigabitEthernet0/2",
            " no ip address",
            " shutdown",
            " negotiation auto",
            "!",
            "ip forward-protocol nd",
            "no ip http server",
            "ip http secure-server",
            "!",
            "ip nat inside source list 1 interface GigabitEthernet0/0 overload",
        ] + nat_lines + [
            "ip route 0.0.0.0 0.0.0.0 203.0.113.1",
            "ip ssh version 2",
            "!",
            "access-list 1 permit 198.18.0.0 0.0.0.255",
            "!",
            "control-plane",
            "!",
            "line con 0",
            " stopbits 1",
            "line vty 0 4",
            " login local",
            " transport input ssh",
            "!",
            "end",
        ]
        return lines

    def lines_show_run(self):
        body = self.config_text(self.st["running"])
        size = sum(len(x) + 1 for x in body)
        return ["Building configuration...", "", "Current configuration : %d bytes" % size] + body

    def lines_show_start(self):
        body = self.config_text(self.st["startup"])
        size = sum(len(x) + 1 for x in body)
        return ["Using %d out of 262144 bytes" % size] + body

    def lines_show_version(self):
        v = str(self.st.get("version", VERSION_DEFAULT))
        parts = v.split(".")
        xe = v
        m = re.match(r"^(\d+)\.(\d+)\.(\d+)(\w*)$", v)
        if m:
            xe = "%02d.%02d.%02d%s" % (int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4))
        host = self.host()
        model = self.st.get("model", "CSR1000V")
        return [
            "Cisco IOS XE Software, Version %s" % xe,
            "Cisco IOS Software [Amsterdam], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version %s, RELEASE SOFTWARE (fc3)" % v,
            "Technical Support: http://www.cisco.com/techsupport",
            "Copyright (c) 1986-2021 by Cisco Systems, Inc.",
            "Compiled Thu 21-Oct-21 03:08 by mcpre",
            "",
            "",
            "Cisco IOS-XE software, Copyright (c) 2005-2021 by cisco Systems, Inc.",
            "All rights reserved.  Certain components of Cisco IOS-XE software are",
            "licensed under the GNU General Public License (\"GPL\") Version 2.0.  The",
            "software code licensed under GPL Version 2.0 is free software that comes",
            "with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such",
            "GPL code under the terms of GPL Version 2.0.  For more details, see the",
            "documentation or \"License Notice\" file accompanying the IOS-XE software,",
            "or the applicable URL provided on the flyer accompanying the IOS-XE",
            "software.",
            "",
            "",
            "ROM: IOS-XE ROMMON",
            "",
            "%s uptime is 3 days, 4 hours, 5 minutes" % host,
            "Uptime for this control processor is 3 days, 4 hours, 7 minutes",
            "System returned to ROM by reload",
            "System image file is \"bootflash:packages.conf\"",
            "Last reload reason: reload",
            "",
            "",
            "License Level: ax",
            "License Type: N/A(Smart License Enabled)",
            "Next reload license Level: ax",
            "",
            "cisco %s (VXE) processor (revision VXE) with 2070087K/3075K bytes of memory." % model,
            "Processor board ID %s" % self.st.get("serial", "9EMU0000001"),
            "Router operating mode: Autonomous",
            "3 Gigabit Ethernet interfaces",
            "32768K bytes of non-volatile configuration memory.",
            "3978368K bytes of physical memory.",
            "6188032K bytes of virtual hard disk at bootflash:.",
            "",
            "Configuration register is 0x2102",
            "",
        ]


def _deep(obj):
    import json
    return json.loads(json.dumps(obj))
