#!/bin/sh
# Build the libFuzzer targets with clang and ASan+UBSan, then fuzz each for
# SECONDS (default 60), starting from the committed corpus. New crashes are
# written to tests/fuzz/crashes/; copy a fixed one into corpus/<target>/ so
# that `meson test --suite fuzz` replays it forever.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
build=build-fuzz
if [ ! -d $build ]; then
    # examples=true: the command's parsers are a target too.
    CC=clang CXX=clang++ meson setup $build -Dfuzz=true -Db_lundef=false -Dabi_check=disabled \
        -Dexamples=true >/dev/null
fi
targets=${*:-frame crowd plate cli_parsers}
# Only the fuzzers (and what they link), not the whole tree.
ninja -C $build -j "${FUZZ_JOBS:-2}" $(for t in $targets; do printf 'tests/fuzz/fuzz_%s ' "$t"; done) \
    > $build/ninja.log 2>&1 || { tail -n 30 $build/ninja.log; exit 1; }
mkdir -p tests/fuzz/crashes
status=0
for target in $targets; do
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$target/." "$work/" 2>/dev/null || true
    echo "== fuzz_$target for ${seconds}s"
    # Leaks inside Tesseract are suppressed: see lsan.supp.
    if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp" \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
        -artifact_prefix="tests/fuzz/crashes/$target-" -print_final_stats=1 "$work" 2>"$work.log"; then
        status=1
        tail -n 40 "$work.log"
    else
        grep -E 'stat::number_of_executed_units|Done' "$work.log" | tail -n 2
    fi
    rm -rf "$work" "$work.log"
done
exit $status
