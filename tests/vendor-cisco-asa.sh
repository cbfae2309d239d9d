#!/bin/sh
# Cisco ASA: inspect sip in global_policy / inspection_default (issue 8).
VENDOR=cisco-asa
INIT_ON=""
INIT_OFF="inspect_sip=false"
alg_is_off() { [ "$(emu_get "$1" running.inspect_sip)" = false ]; }
BACKUP_RE='^hostname asa1'
REJECT_RE='^no inspect sip'
ROLLBACK_CMD='inspect sip'
CONFIG_RE='^(configure|policy-map|class |no |inspect|end$|write)'
ASA_EN=asa-enable-emu; export ASA_EN
EXTRA_ARGS="--enable-password-env ASA_EN"
. "$top_srcdir/tests/vendors-a-common.sh"
