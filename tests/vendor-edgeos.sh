#!/bin/sh
# Ubiquiti EdgeRouter: set system conntrack modules sip disable (issue 8).
VENDOR=edgeos
INIT_ON=""
INIT_OFF="sip=false"
alg_is_off() { emu_get "$1" active | grep -q '"set system conntrack modules sip disable"'; }
BACKUP_RE='^set system host-name'
REJECT_RE='^set system conntrack modules sip disable'
ROLLBACK_CMD='delete system conntrack modules sip disable'
CONFIG_RE='^(configure|set system|delete|commit|save)'
EXTRA_ARGS=
. "$top_srcdir/tests/vendors-a-common.sh"
