# vendors-a: cisco-asa, juniper-srx, vyos, edgeos, mikrotik over SSH against
# their emulators (tests/emulators/); sonicwall and palo-alto (https) are
# in tests/vendors-https.sh.
VENDORS_A_TESTS = tests/vendor-cisco-asa.sh tests/vendor-juniper-srx.sh \
	tests/vendor-vyos.sh tests/vendor-vyos-1-3.sh tests/vendor-vyos-1-2.sh \
	tests/vendor-edgeos.sh tests/vendor-mikrotik.sh tests/vendor-mikrotik-v6.sh
TESTS += $(VENDORS_A_TESTS)
EXTRA_DIST += $(VENDORS_A_TESTS) tests/vendors-a-common.sh
# (tests/emulators/ is in EXTRA_DIST of Makefile.am as a whole)
