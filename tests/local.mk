# tests: unit tests (Check) and integration scripts
EXTRA_DIST += tests/common.sh tests/check-layers.sh tests/dry-run.sh tests/dry-truth.sh tests/errors.sh \
	tests/datadir.sh tests/options.sh tests/data/batch/user-newline.xml \
	tests/data/batch/host-tab.xml tests/data/batch/var-escape.xml tests/data/batch/name-del.xml
TESTS += tests/check-layers.sh tests/dry-run.sh tests/dry-truth.sh tests/errors.sh tests/datadir.sh tests/options.sh

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_core
TESTS += tests/unit/check_core
tests_unit_check_core_SOURCES = tests/unit/check_core.c \
	tests/unit/testutil.c tests/unit/testutil.h
tests_unit_check_core_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_core_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/unit/check_sshconfig
TESTS += tests/unit/check_sshconfig
tests_unit_check_sshconfig_SOURCES = tests/unit/check_sshconfig.c
tests_unit_check_sshconfig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_sshconfig_LDADD = $(ALGOFF_LIBS) $(CHECK_LIBS)
endif

# the real-sshd harness, emulators and their self test
EXTRA_DIST += tests/lib.sh tests/check-report.py tests/apply-ssh.sh tests/emu-selftest.sh \
	tests/apply-fortigate-versions.sh tests/apply-auth.sh tests/precheck-unclassified.sh \
	tests/apply-proxyjump.sh
TESTS += tests/emu-selftest.sh tests/apply-ssh.sh tests/apply-fortigate-versions.sh \
	tests/apply-auth.sh tests/precheck-unclassified.sh tests/apply-proxyjump.sh

# linux-nftables against the namespace lab, and algoff demo (root)
EXTRA_DIST += tests/demo-lab.sh tests/demo-run.sh
TESTS += tests/demo-lab.sh tests/demo-run.sh

include tests/vendors-b.mk
include tests/vendors-a.mk
include tests/vendors-c.mk

# the reflector's anti-amplification rule (3x), loopback
EXTRA_DIST += tests/reflector-amp.sh tests/reflector-amp.py
TESTS += tests/reflector-amp.sh

# algoff import (CSV, ansible-inventory JSON)
EXTRA_DIST += tests/import.sh
TESTS += tests/import.sh

# the Ansible module (contrib/ansible) with the real ansible-playbook
EXTRA_DIST += tests/ansible-module.sh contrib/ansible doc/fleet.md
TESTS += tests/ansible-module.sh

# faults at every step for every SSH family with an emulator (issue 13)
EXTRA_DIST += tests/faults.sh tests/faults.py
TESTS += tests/faults.sh

# every --json output against the JSON Schemas in schema/
EXTRA_DIST += tests/json-schema.sh tests/json-check.py
TESTS += tests/json-schema.sh
