# cli: argument parsing and the sub-commands' entry points. Every entry
# point lives here and maps its module's outcome to an exit code
# (core/exitcode.h); nothing outside src/cli includes a cli/ header.
libalgoff_a_SOURCES += \
	src/cli/cmds.h src/cli/usage.c src/cli/opts.c src/cli/opts.h \
	src/cli/cmd_vendors.c src/cli/cmd_apply.c src/cli/cmd_batch.c \
	src/cli/cmd_probe.c src/cli/cmd_wizard.c src/cli/cmd_demo.c \
	src/cli/cmd_import.c src/cli/batch_fleet.c src/cli/batch_fleet.h
