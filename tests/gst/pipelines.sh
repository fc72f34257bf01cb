#!/bin/sh
# Real gst-launch-1.0 pipelines through the visioncrowd and visionplate
# elements, found through GST_PLUGIN_PATH (set by meson test to the build
# tree). The bus messages printed by `gst-launch-1.0 -m` are checked.
#
# Usage: pipelines.sh PLATE_PICTURE_PROGRAM
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
set -u
picture=${1:?usage: pipelines.sh PLATE_PICTURE_PROGRAM}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run NAME PIPELINE...: run gst-launch-1.0 -m, output in $dir/NAME.log; 0 when it succeeded.
run() {
    name=$1
    shift
    # shellcheck disable=SC2068
    gst-launch-1.0 -m "$@" >"$dir/$name.log" 2>&1
}

# expect NAME REGEX: the log of NAME has a line matching REGEX.
expect() {
    if grep -Eq "$2" "$dir/$1.log"; then
        echo "ok: $1: $2"
    else
        fail "$1: no line matches $2"
        sed 's/^/    /' "$dir/$1.log" | tail -20
    fi
}

for element in visioncrowd visionplate; do
    if gst-inspect-1.0 "$element" >"$dir/inspect.log" 2>&1; then
        echo "ok: gst-inspect-1.0 $element"
    else
        fail "gst-inspect-1.0 $element"
        cat "$dir/inspect.log"
    fi
done

# The ball of videotestsrc moves over a black frame: a region of each half,
# levels low enough for a small ball to reach them.
rois='<"left=0,0;0.5,0;0.5,1;0,1", "right=0.5,0;1,0;1,1;0.5,1">'
levels="occupancy-level-min=1 occupancy-level-med=3 occupancy-level-max=6 send-optical-flow-event=true"
msg='from element "visioncrowd0" \(element\)'
times='pts=\(guint64\)[0-9]+, running-time=\(guint64\)[0-9]+, stream-time=\(guint64\)[0-9]+'
for format in I420 NV12 BGRx; do
    # shellcheck disable=SC2086
    if run "crowd-$format" videotestsrc num-buffers=60 pattern=ball \
        ! "video/x-raw,format=$format,width=320,height=240,framerate=30/1" \
        ! visioncrowd rois="$rois" $levels ! fakesink; then
        expect "crowd-$format" "$msg: occupancy-event, roi=\(string\)(left|right), occupancy_percentage=\(double\)[0-9.e+-]+, occupancy_level=\(int\)[1-3], frame-index=\(guint64\)[0-9]+, $times"
        expect "crowd-$format" "$msg: fluidity-event, roi=\(string\)(left|right), fluidity_percentage=\(double\)[0-9.e+-]+, fluidity_level=\(int\)[0-3]"
        expect "crowd-$format" "$msg: direction-event, roi=\(string\)(left|right), direction_angle=\(double\)[0-9.]+"
    else
        fail "crowd-$format: gst-launch-1.0 failed"
        tail -20 "$dir/crowd-$format.log"
    fi
done

# The overlay on (not passthrough) in a format it draws on, with per-frame results.
if run crowd-overlay videotestsrc num-buffers=20 pattern=ball \
    ! "video/x-raw,format=BGRx,width=320,height=240" \
    ! visioncrowd overlay=true post-results=true ! fakesink; then
    expect crowd-overlay "$msg: crowd-result, roi=\(string\)frame, occupancy_percentage="
else
    fail "crowd-overlay: gst-launch-1.0 failed"
fi

# A file the test makes itself, decoded by decodebin.
if gst-launch-1.0 -q videotestsrc num-buffers=60 pattern=ball \
    ! "video/x-raw,width=320,height=240,framerate=25/1" ! jpegenc ! avimux \
    ! filesink location="$dir/ball.avi" >"$dir/encode.log" 2>&1; then
    # shellcheck disable=SC2086
    if run crowd-file filesrc location="$dir/ball.avi" ! decodebin ! videoconvert \
        ! visioncrowd rois="$rois" $levels ! fakesink; then
        expect crowd-file "$msg: occupancy-event, roi=\(string\)(left|right), .*$times"
    else
        fail "crowd-file: gst-launch-1.0 failed"
        tail -20 "$dir/crowd-file.log"
    fi
else
    echo "skip: cannot encode a test file (jpegenc/avimux):"
    cat "$dir/encode.log"
fi

# Bad settings end the pipeline with an error that says what is wrong.
if run crowd-bad-width videotestsrc num-buffers=5 ! visioncrowd processing-width=8 ! fakesink; then
    fail "crowd-bad-width: processing-width=8 was accepted"
fi
expect crowd-bad-width "ERROR: from element .*visioncrowd0.*Could not create the crowd analyser"
expect crowd-bad-width "processing_width"
if run crowd-bad-roi videotestsrc num-buffers=5 ! visioncrowd rois='<"door=0,0;1,x">' ! fakesink; then
    fail "crowd-bad-roi: a malformed region was accepted"
fi
expect crowd-bad-roi "ERROR: from element .*visioncrowd0.*Bad regions of interest"
if run crowd-bad-area videotestsrc num-buffers=5 ! visioncrowd rois='<"flat=0,0;1,0;0.5,0">' ! fakesink; then
    fail "crowd-bad-area: a zero-area region was accepted"
fi
expect crowd-bad-area "Could not set region 'flat'"

# Plates: frames with a plate drawn on them.
text=$("$picture" "$dir/plate.bgr" 640 360 12)
status=$?
if [ $status -eq 77 ]; then
    echo "skip: plate pipelines (fonts missing)"
elif [ $status -ne 0 ] || [ -z "$text" ]; then
    fail "plate picture program failed ($status)"
else
    pmsg='from element "visionplate0" \(element\)'
    for format in NV12 BGRx I420; do
        if run "plate-$format" filesrc location="$dir/plate.bgr" \
            ! rawvideoparse format=bgr width=640 height=360 framerate=10/1 ! videoconvert \
            ! "video/x-raw,format=$format" ! visionplate country=eu ! fakesink; then
            expect "plate-$format" "$pmsg: plate-detected, plate=\(string\)$text, confidence=\(double\)0\.[0-9]+, track=\(int\)1, x=\(int\)[0-9]+, y=\(int\)[0-9]+, width=\(int\)[0-9]+, height=\(int\)[0-9]+,.* event=\(string\)new,.*$times"
            expect "plate-$format" "$pmsg: plate-lost, plate=\(string\)$text,"
        else
            fail "plate-$format: gst-launch-1.0 failed"
            tail -20 "$dir/plate-$format.log"
        fi
    done
    # The same frames through a JPEG-in-AVI file and decodebin.
    if gst-launch-1.0 -q filesrc location="$dir/plate.bgr" \
        ! rawvideoparse format=bgr width=640 height=360 framerate=10/1 ! videoconvert \
        ! jpegenc quality=90 ! avimux ! filesink location="$dir/plate.avi" >"$dir/encode-plate.log" 2>&1; then
        if run plate-file filesrc location="$dir/plate.avi" ! decodebin ! videoconvert \
            ! visionplate country=eu ! fakesink; then
            expect plate-file "$pmsg: plate-detected, plate=\(string\)$text, .*event=\(string\)new,.*$times"
        else
            fail "plate-file: gst-launch-1.0 failed"
            tail -20 "$dir/plate-file.log"
        fi
    else
        echo "skip: cannot encode the plate file (jpegenc/avimux)"
    fi
    if run plate-still filesrc location="$dir/plate.bgr" \
        ! rawvideoparse format=bgr width=640 height=360 framerate=10/1 \
        ! visionplate mode=still overlay=true ! fakesink; then
        expect plate-still "$pmsg: plate-detected, plate=\(string\)$text, .*track=\(int\)-1, .*event=\(string\)still"
    else
        fail "plate-still: gst-launch-1.0 failed"
        tail -20 "$dir/plate-still.log"
    fi
    if run plate-bad-country filesrc location="$dir/plate.bgr" \
        ! rawvideoparse format=bgr width=640 height=360 ! visionplate country=mars ! fakesink; then
        fail "plate-bad-country: country=mars was accepted"
    fi
    expect plate-bad-country "ERROR: from element .*visionplate0.*Bad country list 'mars'"
fi

if [ $failures -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all pipeline checks passed"
