#!/bin/sh
# Build libvision and run the whole test suite, then run it again under
# AddressSanitizer + UndefinedBehaviorSanitizer and ThreadSanitizer (the
# reliability suite included: threads, re-entrancy, allocation failures,
# OCR data, bad arguments, a short soak), a representative subset under
# valgrind memcheck, and each libFuzzer target for FUZZ_SECONDS (default 60).
#   sh tests/ci/test.sh            (from anywhere inside the source tree)
set -eu
cd "$(dirname "$0")/../.."
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${FUZZ_SECONDS:-60}
started=$(date +%s)
stage() { echo "== [$(( $(date +%s) - started ))s] $*"; }

stage "build and test (optimised, with debug info)"
[ -d build ] || meson setup build
ninja -C build -j "$jobs"
meson test -C build --print-errorlogs --num-processes "$jobs"

stage "unit tests under ASan + UBSan"
# With the vision command (its suite runs too); without the GStreamer plugin,
# which gst-launch (not instrumented) cannot load with the ASan runtime.
[ -d build-sanitize ] || meson setup build-sanitize -Db_sanitize=address,undefined \
    -Db_lundef=false -Dabi_check=disabled -Dexamples=true -Dgstreamer=disabled
ninja -C build-sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C build-sanitize --print-errorlogs --num-processes "$jobs" --no-suite integration \
    --timeout-multiplier 3

stage "unit tests under ThreadSanitizer"
# The library's suites only: the vision command is single-threaded, and
# OpenCV's image decoders (GDAL) that it loads report lock-order cycles of
# their own under TSan.
[ -d build-tsan ] || meson setup build-tsan -Db_sanitize=thread -Db_lundef=false \
    -Dabi_check=disabled -Dexamples=false
ninja -C build-tsan -j "$jobs"
# tsan.supp: OpenCV's TBB thread pool is not instrumented (see the file).
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/ci/tsan.supp \
    meson test -C build-tsan --print-errorlogs --num-processes "$jobs" --no-suite integration \
    --timeout-multiplier 8

stage "valgrind memcheck: 0 errors, 0 bytes definitely lost"
memcheck_tests="frame errors convert fuzz-frame fuzz-crowd reliability_bad_args reliability_ocr_data"
# shellcheck disable=SC2086
meson test -C build --print-errorlogs --num-processes "$jobs" \
    --wrapper "valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite" \
    $memcheck_tests

stage "fuzzing each target for ${fuzz_seconds}s (clang, libFuzzer, ASan + UBSan)"
# Built once here; then two targets at a time (one per core), each for
# fuzz_seconds. A crash, leak or UB report fails the run and leaves the
# input in tests/fuzz/crashes/.
if [ ! -d build-fuzz ]; then
    CC=clang CXX=clang++ meson setup build-fuzz -Dfuzz=true -Db_lundef=false \
        -Dabi_check=disabled -Dexamples=true >/dev/null
fi
ninja -C build-fuzz -j "$jobs" tests/fuzz/fuzz_frame tests/fuzz/fuzz_crowd tests/fuzz/fuzz_plate \
    tests/fuzz/fuzz_cli_parsers >/dev/null
sh tests/fuzz/run.sh "$fuzz_seconds" frame crowd > build-fuzz/fuzz-a.log 2>&1 & first=$!
status=0
sh tests/fuzz/run.sh "$fuzz_seconds" plate cli_parsers > build-fuzz/fuzz-b.log 2>&1 || status=1
wait $first || status=1
cat build-fuzz/fuzz-a.log build-fuzz/fuzz-b.log
[ $status -eq 0 ] || { echo "fuzzing found a problem"; exit 1; }
stage "done"
