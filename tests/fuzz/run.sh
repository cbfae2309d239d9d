#!/bin/sh
# tests/fuzz/run.sh [SECONDS] - the fuzzing step of ./quickstart test: build
# the libFuzzer targets in build-fuzz/ (./configure --enable-fuzzing, clang,
# ASan+UBSan+LSan), replay every seed corpus in tests/fuzz/corpus/TARGET/
# (reproducers of fixed bugs included), then fuzz each target for SECONDS
# (default 20) from a scratch copy of its corpus. Any crash, leak, sanitizer
# report, timeout (-timeout per input) or out-of-memory fails the step; the
# input is saved as build-fuzz/fuzz-out/TARGET/crash-* etc. Bounded: each
# run has -max_total_time, and at most two targets run at once.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2
b="$top/build-fuzz"
targets="sipmsg reflector probe answer vendor tmpl knownhosts tr_algs session report"
export ALGOFF_DATADIR="$top"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# libssh2/OpenSSL keep global state that LeakSanitizer reports at exit
export LSAN_OPTIONS="suppressions=$top/tests/transport-lsan.supp"

if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ]; then
    (cd "$top" && autoreconf -fi)
fi
mkdir -p "$b"
(cd "$b" && { [ -f Makefile ] || CC=clang "$top/configure" -q --enable-werror --enable-fuzzing; } &&
    make -s -j"$jobs" >/dev/null)

# flags common to replay and fuzzing: one input may take at most 10 s and
# 2 GB; inputs are at most 256 KiB (the session and probe harnesses bound
# their own sizes too)
common="-timeout=10 -rss_limit_mb=2048 -max_len=262144"

run_one() { # TARGET: replay the corpus, then fuzz for $secs
    t=$1
    out="$b/fuzz-out/$t"
    rm -rf "$out"
    mkdir -p "$out/corpus"
    log="$out/log"
    # shellcheck disable=SC2086
    if ! "$b/tests/fuzz/fuzz_$t" $common -runs=0 "$top/tests/fuzz/corpus/$t" >"$log" 2>&1; then
        echo "FAIL: fuzz_$t: replaying tests/fuzz/corpus/$t"; tail -40 "$log"; return 1
    fi
    # shellcheck disable=SC2086
    if ! "$b/tests/fuzz/fuzz_$t" $common -max_total_time="$secs" \
        -artifact_prefix="$out/" -print_final_stats=1 \
        "$out/corpus" "$top/tests/fuzz/corpus/$t" >>"$log" 2>&1; then
        echo "FAIL: fuzz_$t: see $log and $out/"; tail -40 "$log"; return 1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "ok: fuzz_$t: ${execs:-?} runs in ${secs}s, $cov, corpus $(ls "$top/tests/fuzz/corpus/$t" | wc -l) seeds"
}

start=$(date +%s)
rc=0
set -- $targets
while [ $# -gt 0 ]; do
    pids=""
    n=0
    while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
        run_one "$1" > "$b/fuzz-out.$1.txt" 2>&1 &
        pids="$pids $!:$1"
        n=$((n + 1))
        shift
    done
    for p in $pids; do
        wait "${p%%:*}" || rc=1
        cat "$b/fuzz-out.${p#*:}.txt"
        rm -f "$b/fuzz-out.${p#*:}.txt"
    done
done
echo "fuzz: $(($(date +%s) - start)) s for $(echo $targets | wc -w) targets"
exit $rc
