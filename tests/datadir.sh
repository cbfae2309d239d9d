#!/bin/sh
# Where algoff finds its data without ALGOFF_DATADIR: the uninstalled build
# uses the source tree; an installed copy uses its pkgdatadir; make
# uninstall removes the data and the man page goes under share/man/man1.
set -u
: "${ALGOFF:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/common.sh"
unset ALGOFF_DATADIR
tmpdir_setup datadir

# (a) the build tree binary (make check builds out of tree)
out=$("$ALGOFF" vendors 2>&1); rc=$?
check "uninstalled: algoff vendors exits 0" eq "$rc" 0
check "uninstalled: algoff vendors lists fortigate" has "$out" '^fortigate +ssh'
ver=$("$ALGOFF" --version 2>&1)
src=$(cd "$top_srcdir" && pwd -P)
case $ver in
*"(installed)"*) echo "note: an installed copy exists and wins: $ver" ;;
*) check "uninstalled: --version names the source tree" \
	has "$ver" "^data: $src \\(source tree\\)\$" ;;
esac

# (b) a fresh build installed under a temporary prefix
command -v make >/dev/null 2>&1 || skip "make is not installed"
[ -x "$top_srcdir/configure" ] || skip "no configure script in $top_srcdir"
P=$T/prefix
mkdir "$T/build"
if ! (cd "$T/build" && "$top_srcdir/configure" -q --prefix="$P" >"$T/log" 2>&1 &&
    make -s -j2 >>"$T/log" 2>&1 && make -s install >>"$T/log" 2>&1); then
	tail -30 "$T/log"; fail "configure, make, make install into $P"
fi
out=$("$P/bin/algoff" vendors 2>&1); rc=$?
check "installed: algoff vendors exits 0" eq "$rc" 0
check "installed: algoff vendors lists cisco-ios" has "$out" '^cisco-ios +ssh'
ver=$("$P/bin/algoff" --version 2>&1)
check "installed: --version names the installed data" \
	has "$ver" "^data: $P/share/algoff \\(installed\\)\$"
check "installed: the man page is in share/man/man1" \
	test -f "$P/share/man/man1/algoff.1"
check "installed: the lab script is installed" test -x "$P/share/algoff/lab/lab.sh"
if ! (cd "$T/build" && make -s uninstall >>"$T/log" 2>&1); then
	tail -30 "$T/log"; fail "make uninstall"
fi
left=$(find "$P" -type f 2>/dev/null)
check "uninstalled again: no file left under the prefix" eq "$left" ""
check "uninstalled again: vendor data gone" test ! -e "$P/share/algoff/vendors"
finish datadir
