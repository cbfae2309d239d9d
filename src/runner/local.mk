# runner module (see doc/HACKING.md)
# batch
libalgoff_a_SOURCES += src/runner/batch.c src/runner/batch.h \
	src/runner/batch_sched.c src/runner/report.c src/runner/report.h \
	src/cli/cmd_batch.c
algoff_LDADD += -lpthread
ALGOFF_LIBS += -lpthread
