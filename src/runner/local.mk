# runner: one device start to end (precheck, backup, disable, verify, save)
libalgoff_a_SOURCES += \
	src/runner/runner.c src/runner/runner.h src/runner/runner_int.h \
	src/runner/backup.c src/runner/result.c
# batch
libalgoff_a_SOURCES += src/runner/batch.c src/runner/batch.h \
	src/runner/batch_sched.c src/runner/report.c src/runner/report.h \
	src/runner/batch_exec.c src/cli/cmd_batch.c
algoff_LDADD += -lpthread
ALGOFF_LIBS += -lpthread
