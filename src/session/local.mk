# session module (see doc/HACKING.md): the CLI dialogue engine over a byte
# stream, and a file-descriptor stream (child processes, pipes, ptys).
libalgoff_a_SOURCES += src/session/session.c src/session/session.h \
	src/session/session_int.h src/session/session_text.c \
	src/session/stream.h src/session/stream_fd.c src/session/stream_fd.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_session
TESTS += tests/unit/check_session
tests_unit_check_session_SOURCES = tests/unit/check_session.c \
	src/session/stream_script.c src/session/stream_script.h
tests_unit_check_session_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_session_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif
