#!/bin/sh
# The library exports exactly the functions its headers declare with
# VISION_API, each in a VISION_* version node, and nothing else.
#   exports_test.sh LIBRARY INCLUDE_DIR
set -eu
lib=$1 include=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort > "$work/exported"
bad=$(grep -v '^vision_[a-z0-9_]*@@VISION_[0-9.]*$' "$work/exported" || true)
[ -z "$bad" ] || { echo "FAIL: exported outside vision_* / VISION_ nodes:"; echo "$bad"; exit 1; }
sed 's/@@.*//' "$work/exported" | sort > "$work/exported_names"
# Declared: the identifier before '(' on lines that start a VISION_API declaration.
grep -hv "define VISION_API" "$include"/vision/*.h | tr '\n' ' ' | grep -o 'VISION_API[^;(]*(' \
    | sed 's/($//; s/.*[ *]//' | sort -u > "$work/declared"
missing=$(comm -13 "$work/exported_names" "$work/declared")
extra=$(comm -23 "$work/exported_names" "$work/declared")
[ -z "$missing" ] || { echo "FAIL: declared but not exported:"; echo "$missing"; exit 1; }
[ -z "$extra" ] || { echo "FAIL: exported but not declared:"; echo "$extra"; exit 1; }
echo "$(wc -l < "$work/declared") public functions, all exported, nothing else"
