#!/bin/sh
# MikroTik RouterOS: /ip firewall service-port disable sip (issue 8).
VENDOR=mikrotik
INIT_ON="version=${MT_VERSION:-7.14}"
INIT_OFF="version=${MT_VERSION:-7.14} sip=false"
alg_is_off() { [ "$(emu_get "$1" service_ports.4.disabled)" = true ]; }
BACKUP_RE='^/ip firewall service-port'
REJECT_RE='service-port disable sip'
ROLLBACK_CMD='/ip firewall service-port enable sip'
CONFIG_RE='(disable|enable) sip'
EXTRA_ARGS=
. "$top_srcdir/tests/vendors-a-common.sh"
