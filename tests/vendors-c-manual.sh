#!/bin/sh
# Issue 8, vendors-c: adtran-aos, juniper-screenos and netopia are manual
# guides (adtran-aos, netopia: the show rendering and the save command could
# not be confirmed at a source; juniper-screenos: no sourced, safe way
# back).  Checks that they stay manual, that apply refuses to connect for
# them, that each guide carries its sourced commands and sources, and that
# no command the sources did not confirm slips into a guide.
: "${ALGOFF:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/common.sh"

json=$("$ALGOFF" vendors --json)
for id in adtran-aos juniper-screenos netopia; do
	m=$(printf '%s\n' "$json" | /usr/bin/python3 -c '
import json, sys
for v in json.load(sys.stdin)["vendors"]:
    if v["id"] == sys.argv[1]:
        print("%s %d" % (v["method"], v["sources"]))
' "$id")
	check "$id: listed as manual with at least 2 sources" sh -c "case '$m' in 'manual '[2-9]*|'manual '[1-9][0-9]*) exit 0;; *) echo \"    got '$m'\"; exit 1;; esac"
	ALGOFF_TEST_PW=x "$ALGOFF" apply --vendor "$id" --host 127.0.0.1 --port 9 --user u \
		--password-env ALGOFF_TEST_PW >/dev/null 2>&1
	check "$id: apply without --dry-run refuses (exit 2, nothing sent)" [ $? = 2 ]
	g=$("$ALGOFF" apply --vendor "$id" --dry-run)
	check "$id: every step cites a source" sh -c "
		steps=\$(printf '%s\n' \"\$1\" | grep -cE '^[0-9]+\\. ')
		srcs=\$(printf '%s\n' \"\$1\" | awk '/^[0-9]+\\. /{s=1} /source \\[[PS]\\] https?:/{if(s){n++;s=0}} END{print n+0}')
		[ \"\$steps\" -gt 0 ] && [ \"\$steps\" = \"\$srcs\" ]" _ "$g"
	check "$id: guide ends with the probe" has "$g" '^Then prove it: algoff probe'
	case $id in
	adtran-aos)
		check "$id: sourced disable command" has "$g" 'no ip firewall alg sip'
		check "$id: sourced re-enable command" has "$g" 'enter ip firewall alg sip'
		check "$id: no unconfirmed save command" hasnt "$g" 'write memory|copy running-config|copy run'
		;;
	juniper-screenos)
		check "$id: sourced configuration line" has "$g" 'unset alg sip enable'
		check "$id: NSM path" has "$g" 'Advanced > ALGs'
		check "$id: sourced check and save commands" has "$g" 'get config.*save'
		check "$id: no unconfirmed re-enable command" hasnt "$g" '(^|[^n])set alg sip enable'
		;;
	netopia)
		check "$id: sourced disable command" has "$g" 'ip nat alg sip enable no'
		check "$id: sourced show command" has "$g" 'show ip nat alg sip enable'
		check "$id: no unconfirmed command line of older gateways" hasnt "$g" 'set ip alg sip'
		;;
	esac
done
finish vendors-c-manual
