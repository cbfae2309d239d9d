#!/bin/sh
# Juniper SRX: set security alg sip disable + commit (issue 8).
VENDOR=juniper-srx
INIT_ON=""
INIT_OFF="sip_disabled=true"
alg_is_off() { [ "$(emu_get "$1" committed.sip_disable)" = true ]; }
BACKUP_RE='^version '
REJECT_RE='^set security alg sip disable'
ROLLBACK_CMD='delete security alg sip disable'
CONFIG_RE='^(configure|set security|delete|commit|exit configuration-mode)'
EXTRA_ARGS=
. "$top_srcdir/tests/vendors-a-common.sh"
