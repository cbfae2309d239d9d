# transport module (see doc/HACKING.md): libssh2 sessions, known_hosts,
# authentication, the shell stream and exec channels.
libalgoff_a_SOURCES += \
	src/transport/tr_ssh.c src/transport/tr_ssh.h \
	src/transport/tr_int.h src/transport/tr_base.c \
	src/transport/tr_auth.c \
	src/transport/tr_chan.c src/transport/tr_jump.c \
	src/transport/tr_algs.c src/transport/tr_algs.h \
	src/transport/knownhosts.c src/transport/knownhosts.h

EXTRA_DIST += tests/transport-lib.sh tests/transport-lsan.supp \
	tests/transport-auth.sh \
	tests/transport-kbdint.sh tests/transport-hostkey.sh \
	tests/transport-legacy.sh tests/transport-net.sh
TESTS += tests/transport-auth.sh tests/transport-kbdint.sh \
	tests/transport-hostkey.sh \
	tests/transport-legacy.sh tests/transport-net.sh

# ssh_probe: test driver (connect, shell or exec), never installed.
check_PROGRAMS += tests/unit/ssh_probe
tests_unit_ssh_probe_SOURCES = tests/unit/ssh_probe_main.c
tests_unit_ssh_probe_LDADD = $(ALGOFF_LIBS)

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_transport
TESTS += tests/unit/check_transport
tests_unit_check_transport_SOURCES = tests/unit/check_transport.c \
	tests/unit/testutil.c tests/unit/testutil.h
tests_unit_check_transport_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_transport_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif
