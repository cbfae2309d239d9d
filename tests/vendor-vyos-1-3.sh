#!/bin/sh
# VyOS 1.3 (equuleus): variant v1-3.
VYOS_VERSION=1.3.8
. "$top_srcdir/tests/vendor-vyos.sh"
