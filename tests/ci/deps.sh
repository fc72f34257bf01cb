#!/bin/sh
# Install what libvision needs to build, test and run its demo on Debian 12.
# Run as root. Everything comes from Debian's own packages.
set -eu
packages="
  gcc g++ meson ninja-build pkg-config cmake
  libopencv-dev opencv-data
  libtesseract-dev libleptonica-dev tesseract-ocr-eng
  libcmocka-dev abigail-tools valgrind clang libclang-rt-14-dev
  fonts-dejavu-core fonts-opendin fonts-roboto-unhinted
  python3-numpy python3-opencv golang-go
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
echo "dependencies installed"
