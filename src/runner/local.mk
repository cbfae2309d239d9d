# runner: one device start to end (precheck, backup, disable, verify, save)
libalgoff_a_SOURCES += \
	src/runner/runner.c src/runner/runner.h src/runner/runner_int.h \
	src/runner/backup.c src/runner/result.c
