# HTTPS transport: libcurl + OpenSSL, certificate pinning in
# the handshake, the known-certificates file. Its own fragment so that the
# SSH transport's local.mk stays as it is.
libalgoff_a_SOURCES += \
	src/transport/https.c src/transport/https.h \
	src/transport/https_int.h src/transport/https_pin.c

# https_probe: test driver (vendor API flows against the emulators),
# never installed.
check_PROGRAMS += tests/unit/https_probe
tests_unit_https_probe_SOURCES = tests/unit/https_probe_main.c
tests_unit_https_probe_LDADD = $(ALGOFF_LIBS)

EXTRA_DIST += tests/transport-https.sh tests/vendors-https.sh
TESTS += tests/transport-https.sh tests/vendors-https.sh
