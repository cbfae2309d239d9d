#!/bin/sh
# VyOS 1.2 (crux): variant v1-2 (modules sip disable).
VYOS_VERSION=1.2.9
. "$top_srcdir/tests/vendor-vyos.sh"
