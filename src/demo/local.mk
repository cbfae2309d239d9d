# demo: "algoff demo", a table of steps run against the namespace lab
# (lab/lab.sh, installed data); every step is a child process (os/proc).
libalgoff_a_SOURCES += \
	src/demo/demo.h src/demo/demo_int.h \
	src/demo/demo.c src/demo/lab.c src/demo/steps.c
