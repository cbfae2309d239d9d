# transport module (see doc/HACKING.md): libssh2 sessions, known_hosts,
# authentication, the shell stream and exec channels.
libalgoff_a_SOURCES += \
	src/transport/tr_ssh.c src/transport/tr_ssh.h \
	src/transport/tr_int.h \
	src/transport/tr_auth.c \
	src/transport/tr_chan.c \
	src/transport/tr_algs.c src/transport/tr_algs.h \
	src/transport/knownhosts.c src/transport/knownhosts.h

