#!/bin/sh
# The layers run one way: core <- session <- transport <- runner <- ui, cli.
# core includes no curses, libssh2 or sockets; the UI never includes libssh2.
set -u
: "${top_srcdir:?}"
cd "$top_srcdir/src" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
for f in core/*.[ch]; do
    grep -nE '#include [<"](curses|ncurses|libssh2|sys/socket|netinet/|session/|transport/|runner/|ui/|cli/|probe/)' "$f" && bad "$f: core must stay pure"
done
for f in session/*.[ch]; do
    [ -e "$f" ] || continue
    grep -nE '#include [<"](curses|ncurses|libssh2|transport/|runner/|ui/|cli/)' "$f" && bad "$f: session knows only streams"
done
for f in ui/*.[ch]; do
    [ -e "$f" ] || continue
    grep -nE '#include [<"](libssh2|sys/socket|transport/)' "$f" && bad "$f: the UI never touches the network"
done
for f in transport/*.[ch]; do
    [ -e "$f" ] || continue
    grep -nE '#include [<"](curses|ncurses|runner/|ui/|cli/)' "$f" && bad "$f: transport below runner and UI"
done
# Only core reads XML: libxml2 (parser.h, tree.h, xmlschemas.h, xpath.h, ...)
# is included in src/core and nowhere else.
for f in */*.[ch]; do
    case "$f" in core/*) continue ;; esac
    grep -nE '#include [<"]libxml/' "$f" && bad "$f: only src/core includes libxml2"
done
[ $fail -eq 0 ] && echo "PASS: include layering"
exit $fail
