# tests: vendor families of issue 8 part B (profiles, emulators, tests)
EXTRA_DIST += tests/vendor-openwrt.sh tests/emulators/openwrt.py
TESTS += tests/vendor-openwrt.sh
