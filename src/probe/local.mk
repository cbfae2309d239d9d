# probe module: SIP ALG probe, reflector, network checks (see doc/HACKING.md)
libalgoff_a_SOURCES += \
	src/probe/b64.c src/probe/b64.h \
	src/probe/netaddr.c src/probe/netaddr.h \
	src/probe/sipmsg.c src/probe/sipmsg.h \
	src/probe/sipdiff.c src/probe/sipdiff.h \
	src/probe/sipbuild.c src/probe/sipbuild.h \
	src/probe/ratelimit.c src/probe/ratelimit.h \
	src/probe/echo.h \
	src/probe/reflector.c src/probe/reflector.h \
	src/probe/probe.c src/probe/probe_report.c src/probe/probe.h \
	src/probe/voip.c src/probe/voip.h \
	src/probe/netcheck.c src/probe/netcheck_report.c src/probe/netcheck.h

# tests/lab/delayrelay: a seeded delay/jitter UDP relay the lab tests run in rtr
check_PROGRAMS += tests/lab/delayrelay
tests_lab_delayrelay_SOURCES = tests/lab/delayrelay.c

EXTRA_DIST += tests/probe-lib.sh \
	tests/probe-loopback.sh tests/probe-alg.sh tests/probe-garbage.sh \
	tests/probe-network.sh
TESTS += tests/probe-loopback.sh tests/probe-alg.sh tests/probe-garbage.sh \
	tests/probe-network.sh

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_probe
TESTS += tests/unit/check_probe
tests_unit_check_probe_SOURCES = tests/unit/check_probe.c
tests_unit_check_probe_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_probe_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif
