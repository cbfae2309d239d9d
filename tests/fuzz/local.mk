# tests/fuzz: libFuzzer targets for every parser of untrusted input, built
# only with ./configure --enable-fuzzing (CC=clang). tests/fuzz/run.sh builds
# them in build-fuzz/, replays each seed corpus and fuzzes each target for a
# short, fixed time; bench/fuzz runs long campaigns.
FUZZ_TARGETS = sipmsg reflector probe answer vendor tmpl knownhosts \
	tr_algs session report

# Sources of conditional programs are distributed anyway.
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/corpus tests/fuzz/mkseeds.sh

if FUZZING
FUZZ_CPP_OPTS = $(AM_CPPFLAGS) -DFUZZ_SRCDIR='"$(abs_top_srcdir)"'
FUZZ_LINK_FLAGS = -fsanitize=fuzzer
noinst_PROGRAMS = tests/fuzz/fuzz_sipmsg tests/fuzz/fuzz_reflector \
	tests/fuzz/fuzz_probe tests/fuzz/fuzz_answer tests/fuzz/fuzz_vendor \
	tests/fuzz/fuzz_tmpl tests/fuzz/fuzz_knownhosts tests/fuzz/fuzz_tr_algs \
	tests/fuzz/fuzz_session tests/fuzz/fuzz_report
tests_fuzz_fuzz_sipmsg_SOURCES = tests/fuzz/fuzz_sipmsg.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_sipmsg_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_sipmsg_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_sipmsg_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_reflector_SOURCES = tests/fuzz/fuzz_reflector.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_reflector_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_reflector_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_reflector_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_probe_SOURCES = tests/fuzz/fuzz_probe.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_probe_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_probe_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_probe_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_answer_SOURCES = tests/fuzz/fuzz_answer.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_answer_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_answer_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_answer_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_vendor_SOURCES = tests/fuzz/fuzz_vendor.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_vendor_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_vendor_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_vendor_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_tmpl_SOURCES = tests/fuzz/fuzz_tmpl.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_tmpl_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_tmpl_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_tmpl_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_knownhosts_SOURCES = tests/fuzz/fuzz_knownhosts.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_knownhosts_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_knownhosts_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_knownhosts_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_tr_algs_SOURCES = tests/fuzz/fuzz_tr_algs.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_tr_algs_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_tr_algs_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_tr_algs_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_session_SOURCES = tests/fuzz/fuzz_session.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_session_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_session_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_session_LDADD = $(ALGOFF_LIBS)
tests_fuzz_fuzz_report_SOURCES = tests/fuzz/fuzz_report.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_report_CPPFLAGS = $(FUZZ_CPP_OPTS)
tests_fuzz_fuzz_report_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_report_LDADD = $(ALGOFF_LIBS)
endif
