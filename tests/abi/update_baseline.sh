#!/bin/sh
# Record the ABI of a release as the baseline that later builds are checked
# against. Run only when a release is cut (docs/ABI.md):
#   tests/abi/update_baseline.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$(dirname "$here")")
abidw --headers-dir "$top/include/vision" --drop-private-types --no-corpus-path \
    "$1/lib/libvision.so" > "$here/libvision.abi"
/usr/bin/python3 "$top/tests/core/abi_layout.py" --dump-enums "$top/include" > "$here/libvision.enums"
echo "baseline written: $here/libvision.abi, $here/libvision.enums"
