# runner: one device start to end (precheck, backup, disable, verify, save)
libalgoff_a_SOURCES += \
	src/runner/runner.c src/runner/runner.h src/runner/runner_int.h \
	src/runner/backup.c src/runner/result.c src/runner/run_https.c
# batch
libalgoff_a_SOURCES += src/runner/batch.h \
	src/runner/batch_sched.c src/runner/report.c src/runner/report.h \
	src/runner/batch_exec.c src/runner/select.c src/runner/select.h \
	src/runner/recap.c src/runner/recap.h
algoff_LDADD += -lpthread
ALGOFF_LIBS += -lpthread
EXTRA_DIST += tests/batch-run.sh tests/batch-errors.sh tests/batch-signal.sh \
	tests/batch-fleet.sh \
	tests/batch-check.py
TESTS += tests/batch-run.sh tests/batch-errors.sh tests/batch-signal.sh \
	tests/batch-fleet.sh
if HAVE_CHECK
check_PROGRAMS += tests/unit/check_batch
TESTS += tests/unit/check_batch
tests_unit_check_batch_SOURCES = tests/unit/check_batch.c \
	tests/unit/testutil.c tests/unit/testutil.h
tests_unit_check_batch_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_batch_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif
