#!/bin/sh
# MikroTik RouterOS v6 print format.
MT_VERSION=6.49.10
. "$top_srcdir/tests/vendor-mikrotik.sh"
