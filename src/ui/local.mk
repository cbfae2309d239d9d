# ui module (see doc/HACKING.md): the ncurses wizard. Only src/ui includes
# curses.h; wiz_model.c and wiz_text.c are pure and unit-tested.
libalgoff_a_SOURCES += \
	src/ui/wiz_model.c src/ui/wiz_model.h src/ui/wiz_text.c \
	src/ui/wiz.h src/ui/wiz_curses.c src/ui/wiz_screens.c \
	src/ui/wiz_form.c src/ui/wiz_run.c

EXTRA_DIST += tests/wizard-lib.sh tests/wizard-dry.sh tests/wizard-ssh.sh \
	tests/wizard-noterm.sh tests/wizard-manual.sh tests/wizard-lsan.supp \
	tests/wizard-terminal.sh tests/wizard-fields.sh tests/wizard-save.sh \
	tests/wizard-preview.sh tests/wizard-hostkey.sh tests/wizard-https.sh
TESTS += tests/wizard-noterm.sh tests/wizard-dry.sh tests/wizard-manual.sh \
	tests/wizard-ssh.sh tests/wizard-terminal.sh tests/wizard-fields.sh \
	tests/wizard-save.sh tests/wizard-preview.sh tests/wizard-hostkey.sh \
	tests/wizard-https.sh

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_wizard
TESTS += tests/unit/check_wizard
tests_unit_check_wizard_SOURCES = tests/unit/check_wizard.c
tests_unit_check_wizard_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_wizard_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif
