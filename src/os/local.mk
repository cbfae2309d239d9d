# os: what differs between operating systems (socket options) and child
# processes (spawn in an own process group, bounded wait, stop by PID,
# capture output). Uses only core/.
libalgoff_a_SOURCES += \
	src/os/os.h src/os/os-linux.c \
	src/os/proc.c src/os/proc.h
