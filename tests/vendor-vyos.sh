#!/bin/sh
# VyOS 1.4 (default variant); 1.3 and 1.2 runs follow in vendor-vyos-versions.sh.
VENDOR=vyos
INIT_ON="version=${VYOS_VERSION:-1.4.0}"
INIT_OFF="version=${VYOS_VERSION:-1.4.0} sip=false"
alg_is_off() {
    case ${VYOS_VERSION:-1.4.0} in
    1.2*) emu_get "$1" active | grep -q '"set system conntrack modules sip disable"' ;;
    *) ! emu_get "$1" active | grep -q '"set system conntrack modules sip"' ;;
    esac
}
BACKUP_RE='^set system host-name'
case ${VYOS_VERSION:-1.4.0} in
1.2*) REJECT_RE='^set system conntrack modules sip disable'
      ROLLBACK_CMD='delete system conntrack modules sip disable' ;;
*)    REJECT_RE='^delete system conntrack modules sip'
      ROLLBACK_CMD='set system conntrack modules sip' ;;
esac
CONFIG_RE='^(configure|set system|delete|commit|save)'
EXTRA_ARGS=
. "$top_srcdir/tests/vendors-a-common.sh"
