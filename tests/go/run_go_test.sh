#!/bin/sh
# Runs the Go binding's tests (examples/go) with the race detector and the
# strictest cgo pointer checks, against a libvision build tree, offline:
#   run_go_test.sh SOURCE_DIR BUILD_DIR PKGCONFIG_DIR [PLATE_PICTURE_PROGRAM]
# Exit 77 (skipped) when no Go toolchain is installed.
set -eu
src=$1 build=$2 pcdir=$3 picture=${4:-}
command -v go >/dev/null 2>&1 || { echo "go is not installed (golang-go): skipped"; exit 77; }

work="$build/tests/go/work"
mkdir -p "$work"
export GOCACHE="$work/cache" GOPATH="$work/gopath" GOMODCACHE="$work/gopath/pkg/mod"
# Hermetic: no user go.env, no network, no toolchain download, nothing
# written outside the build tree.
export GOENV=off GOPROXY=off GOTOOLCHAIN=local GOFLAGS=-mod=readonly GO111MODULE=on
export GOTELEMETRY=off CGO_ENABLED=1
export PKG_CONFIG_PATH="$pcdir" LD_LIBRARY_PATH="$build/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GODEBUG=cgocheck=2
# Go 1.21 moved the full pointer check to an experiment set at build time.
case "$(go env GOVERSION)" in
    go1.1[0-9]*|go1.20*) ;;
    *) export GOEXPERIMENT=cgocheck2 ;;
esac

if [ -n "$picture" ]; then
    status=0
    "$picture" "$work/plate.ppm" || status=$?
    if [ "$status" = 0 ]; then
        export VISION_TEST_PLATE_PPM="$work/plate.ppm"
    elif [ "$status" != 77 ]; then
        exit "$status"
    fi
fi

cd "$src/examples/go"
go version
exec go test -race -count=1 -v ./...
