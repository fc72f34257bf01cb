#!/bin/sh
# Build libvision and run the whole test suite, then run it again under
# AddressSanitizer + UndefinedBehaviorSanitizer and ThreadSanitizer, and a
# representative subset under valgrind memcheck.
#   sh tests/ci/test.sh            (from anywhere inside the source tree)
set -eu
cd "$(dirname "$0")/../.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build and test (optimised, with debug info)"
[ -d build ] || meson setup build
ninja -C build -j "$jobs"
meson test -C build --print-errorlogs --num-processes "$jobs"

echo "== unit tests under ASan + UBSan"
[ -d build-sanitize ] || meson setup build-sanitize -Db_sanitize=address,undefined \
    -Db_lundef=false -Dabi_check=disabled -Dexamples=false
ninja -C build-sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C build-sanitize --print-errorlogs --num-processes "$jobs" --no-suite integration

echo "== unit tests under ThreadSanitizer"
[ -d build-tsan ] || meson setup build-tsan -Db_sanitize=thread -Db_lundef=false \
    -Dabi_check=disabled -Dexamples=false
ninja -C build-tsan -j "$jobs"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    meson test -C build-tsan --print-errorlogs --num-processes "$jobs" --no-suite integration

echo "== valgrind memcheck: 0 errors, 0 bytes definitely lost"
memcheck_tests="frame errors convert fuzz-frame"
# shellcheck disable=SC2086
meson test -C build --print-errorlogs --num-processes "$jobs" \
    --wrapper "valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite" \
    $memcheck_tests
