#!/bin/sh
# Build a program outside the project against libvision, three ways:
#  1. installed with `meson install` into a staging prefix, found through pkg-config;
#  2. as a Meson subproject, found with dependency('vision');
#  3. installed, found with CMake's find_package(vision).
# Then run each.
#   consumer_test.sh SOURCE_ROOT BUILD_DIR
set -eu
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here="$src/tests/consumer"

echo "== pkg-config, installed library"
meson install -C "$build" --destdir "$work/stage" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
    'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$work/stage$prefix"
pcdir=$(dirname "$(find "$root" -name vision.pc | head -n 1)")
PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$work/stage" pkg-config --cflags --libs vision > "$work/flags"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Werror "$here/consumer.c" -o "$work/consumer_pkgconfig" $(cat "$work/flags")
LD_LIBRARY_PATH=$(dirname "$(find "$root" -name 'libvision.so.0' | head -n 1)") "$work/consumer_pkgconfig"

echo "== Meson subproject"
mkdir -p "$work/host/subprojects"
ln -s "$src" "$work/host/subprojects/libvision"
cp "$here/consumer.c" "$work/host/"
cat > "$work/host/meson.build" <<'MESON'
project('host', 'c')
vision = dependency('vision', fallback : ['libvision', 'vision_dep'],
  default_options : ['tests=false', 'examples=false'])
executable('consumer', 'consumer.c', dependencies : vision)
MESON
meson setup "$work/host/build" "$work/host" --force-fallback-for=vision >/dev/null
ninja -C "$work/host/build" >/dev/null
"$work/host/build/consumer"

echo "== CMake find_package, installed library"
if command -v cmake >/dev/null 2>&1; then
    mkdir -p "$work/cmake-host"
    cp "$here/consumer.c" "$work/cmake-host/"
    cat > "$work/cmake-host/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(host C)
find_package(vision 0.1 REQUIRED)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE vision::vision)
CMAKE
    cmake -S "$work/cmake-host" -B "$work/cmake-host/build" -DCMAKE_PREFIX_PATH="$root" >/dev/null
    cmake --build "$work/cmake-host/build" >/dev/null
    LD_LIBRARY_PATH=$(dirname "$(find "$root" -name 'libvision.so.0' | head -n 1)") \
        "$work/cmake-host/build/consumer"
else
    echo "cmake not installed: skipped"
fi
