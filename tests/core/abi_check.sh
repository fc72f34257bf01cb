#!/bin/sh
# Compare the built library with the committed ABI baseline.
#   abi_check.sh BASELINE LIBRARY INCLUDE_DIR SUPPRESSIONS
# Allowed: appending fields to the end of public structs, and new symbols in
# a version node the baseline does not have. Anything else fails. Exits 77
# (skipped) when abidiff is not installed.
set -u
baseline=$1 lib=$2 include=$3 suppressions=$4
command -v abidiff >/dev/null 2>&1 || { echo "abidiff not installed (Debian: abigail-tools)"; exit 77; }

abidiff --no-added-syms --suppressions "$suppressions" --headers-dir2 "$include/vision" \
    "$baseline" "$lib"
status=$?
if [ $status -ne 0 ]; then
    echo "FAIL: the ABI changed against $baseline (abidiff status $status)"
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Struct members and enumerators: append-only.
abidw --headers-dir "$include/vision" --drop-private-types --no-corpus-path "$lib" > "$work/current.abi" \
    || { echo "FAIL: abidw could not read $lib"; exit 1; }
/usr/bin/python3 "$(dirname "$0")/abi_layout.py" "$baseline" "$work/current.abi" \
    "${baseline%.abi}.enums" "$include" || exit 1

# New symbols must come in a new version node.
grep -o "elf-symbol name='[^']*' version='[^']*'" "$baseline" \
    | sed "s/elf-symbol name='\([^']*\)' version='\([^']*\)'/\1 \2/" | sort > "$work/old"
nm -D --defined-only "$lib" | awk '$3 ~ /@@/ {split($3, a, "@@"); print a[1], a[2]}' | sort > "$work/new"
old_nodes=$(cut -d' ' -f2 "$work/old" | sort -u)
comm -13 "$work/old" "$work/new" | while read -r name node; do
    if echo "$old_nodes" | grep -qx "$node"; then
        echo "FAIL: new symbol $name was added to the released node $node; add a new node in lib/vision.map"
        exit 1
    fi
done || exit 1
echo "ABI compatible with $(basename "$baseline")"
