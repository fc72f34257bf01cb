#!/bin/sh
# Every public header must compile on its own, first thing in a file, as
# strict C99 and as C++, with all warnings as errors.
#   header_test.sh C_COMPILER CXX_COMPILER INCLUDE_DIR
set -eu
cc=$1 cxx=$2 include=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=0
for header in "$include"/vision/*.h; do
    name=$(basename "$header")
    printf '#include <vision/%s>\n#include <vision/%s>\nint main(void) { return 0; }\n' "$name" "$name" > "$work/alone.c"
    cp "$work/alone.c" "$work/alone.cpp"
    "$cc" -std=c99 -Wall -Wextra -pedantic -Werror -I"$include" -c "$work/alone.c" -o "$work/c.o" \
        || { echo "FAIL: $name as C99"; exit 1; }
    "$cxx" -std=c++11 -Wall -Wextra -pedantic -Werror -I"$include" -c "$work/alone.cpp" -o "$work/cpp.o" \
        || { echo "FAIL: $name as C++11"; exit 1; }
    count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "FAIL: no headers found in $include/vision"; exit 1; }
echo "$count headers compile alone as C99 and C++11"
