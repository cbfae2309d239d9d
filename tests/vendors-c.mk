# tests: vendor families of issue 8 part C (adtran-aos, juniper-screenos,
# netopia: manual guides; see the <notes> of each vendor file for why)
EXTRA_DIST += tests/vendors-c-manual.sh
TESTS += tests/vendors-c-manual.sh
