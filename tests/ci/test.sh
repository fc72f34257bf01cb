#!/bin/sh
# Build libvision and run the whole test suite, then the unit tests again
# in an AddressSanitizer + UndefinedBehaviorSanitizer build.
#   tests/ci/test.sh            (from the top of the source tree)
set -eu
cd "$(dirname "$0")/../.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build and test (release with debug info)"
[ -d build ] || meson setup build
ninja -C build -j "$jobs"
meson test -C build --print-errorlogs --num-processes "$jobs"

echo "== build and test with ASan + UBSan"
[ -d build-sanitize ] || meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false \
    -Dabi_check=disabled
ninja -C build-sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C build-sanitize --print-errorlogs --num-processes "$jobs" --no-suite integration
