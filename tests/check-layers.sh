#!/bin/sh
# The layers run one way: core <- session <- transport <- runner <- ui, cli.
# core includes no curses, libssh2 or sockets; the UI never includes libssh2.
# probe/ and os/ stand beside them: os uses only core, probe only core and
# os; the UI may call the probe (probe/probe.h), as it calls the runner.
# Only src/cli includes cli/ (every sub-command's entry point lives there). No function in src/ is longer than MAX_FN lines.
set -u
: "${top_srcdir:?}"
cd "$top_srcdir/src" || exit 1
MAX_FN=${MAX_FN:-100}
fail=0
bad() { echo "FAIL: $*"; fail=1; }
for f in core/*.[ch]; do
    grep -nE '#include [<"](curses|ncurses|libssh2|sys/socket|netinet/|session/|transport/|runner/|ui/|cli/|probe/|os/|demo/)' "$f" && bad "$f: core must stay pure"
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
for f in probe/*.[ch] os/*.[ch]; do
    [ -e "$f" ] || continue
    mod=${f%%/*}
    allowed='core|os|probe' what='core/ and os/'
    [ "$mod" = os ] && allowed='core|os' what='core/'
    grep -nE '#include "[a-z]+/' "$f" | grep -vE "#include \"($allowed)/" &&
        bad "$f: $mod/ uses only $what"
done
for f in */*.[ch]; do
    case $f in cli/*) continue ;; esac
    grep -nE '#include [<"]cli/' "$f" && bad "$f: only src/cli includes cli/"
done
# a function body runs from a "{" in column 0 to the next "}" in column 0
long=$(awk -v max="$MAX_FN" '
    FNR == 1 { start = 0; prev = "" }
    /^\{/ { start = FNR; name = prev }
    /^\}/ && start { n = FNR - start - 1
        if (n > max) printf "%s:%d: %s: %d lines\n", FILENAME, start, name, n
        start = 0 }
    { prev = $0 }' */*.c)
[ -z "$long" ] || bad "functions longer than $MAX_FN lines:
$long"
[ $fail -eq 0 ] && echo "PASS: include layering, libxml2 only in src/core, cli/ only in src/cli, functions <= $MAX_FN lines"
exit $fail
