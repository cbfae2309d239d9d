# cli: argument parsing and sub-commands
libalgoff_a_SOURCES += \
	src/cli/cmds.h src/cli/exitcode.c src/cli/exitcode.h \
	src/cli/cmd_vendors.c src/cli/cmd_apply.c src/cli/cmd_demo.c \
	src/cli/cmd_import.c
