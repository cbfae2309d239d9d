# core: no I/O beyond reading files, no curses, no libssh2
libalgoff_a_SOURCES += \
	src/core/err.c src/core/err.h src/core/datadir.c src/core/datadir.h \
	src/core/exitcode.c src/core/exitcode.h \
	src/core/clock.c src/core/clock.h \
	src/core/xmalloc.c src/core/xmalloc.h \
	src/core/buf.c src/core/buf.h \
	src/core/secret.c src/core/secret.h src/core/text.c src/core/text.h \
	src/core/json.c src/core/json.h \
	src/core/utf8.c src/core/utf8.h src/core/junit.c src/core/junit.h \
	src/core/vendor.c src/core/vendor.h src/core/vendor_load.c \
	src/core/vendor_https.c src/core/vendor_int.h \
	src/core/xmlload.c src/core/xmlload.h src/core/num.c src/core/num.h \
	src/core/answer.c src/core/answer.h \
	src/core/sshconfig.c src/core/sshconfig.h src/core/answer_ssh.c \
	src/core/answer_write.c src/core/answer_write.h src/core/target.h \
	src/core/tmpl.c src/core/tmpl.h \
	src/core/plan.c src/core/plan_json.c src/core/plan.h \
	src/core/import.c src/core/import.h src/core/import_xml.c \
	src/core/import_csv.c src/core/import_inventory.c
