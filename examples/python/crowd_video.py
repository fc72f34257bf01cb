#!/usr/bin/python3
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""Crowd events of a video file, as JSON Lines on stdout.

    crowd_video.py VIDEO [--region ID=X,Y;X,Y;X,Y ...] [--set NAME=VALUE ...]
                         [--processing-width N] [--overlay OUT.avi]

Decodes VIDEO with OpenCV (python3-opencv) and gives every frame to
libvision as it comes out of the decoder (BGR, no copy). Without --region
the whole frame is one region, "frame". --set applies a region setting
(Kurento or C name) to every region, e.g. --set occupancyLevelMin=5
--set sendOpticalFlowEvent=true. --overlay writes the video with the
analysis drawn in (MJPG).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cv2  # noqa: E402

import vision  # noqa: E402


def parse_region(text):
    try:
        region_id, points = text.split("=", 1)
        pts = [tuple(float(v) for v in p.split(",")) for p in points.split(";") if p]
    except ValueError:
        raise argparse.ArgumentTypeError("expected ID=X,Y;X,Y;X,Y, got %r" % text)
    return region_id, pts


def parse_setting(text):
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("expected NAME=VALUE, got %r" % text)
    lowered = value.lower()
    if lowered in ("true", "false"):
        return name, lowered == "true"
    try:
        return name, int(value)
    except ValueError:
        try:
            return name, float(value)
        except ValueError:
            raise argparse.ArgumentTypeError("%s: not a number or boolean: %r" % (name, value))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("video")
    parser.add_argument("--region", action="append", type=parse_region, default=[])
    parser.add_argument("--set", action="append", type=parse_setting, default=[])
    parser.add_argument("--processing-width", type=int, default=320)
    parser.add_argument("--overlay", help="write the analysed video here (MJPG/avi)")
    args = parser.parse_args(argv)

    capture = cv2.VideoCapture(args.video)
    if not capture.isOpened():
        print("crowd_video: cannot open %s" % args.video, file=sys.stderr)
        return 1
    regions = args.region or [("frame", [(0, 0), (1, 0), (1, 1), (0, 1)])]
    settings = dict(args.set)

    def emit(event):
        print(json.dumps({"frame": event.frame_index, "pts_ns": event.pts_ns,
                          "region": event.region_id, "type": event.type,
                          "value": round(event.value, 2), "level": event.level,
                          "angle": event.angle}), flush=True)

    writer = None
    try:
        with vision.Crowd(on_event=emit, processing_width=args.processing_width) as crowd:
            for region_id, points in regions:
                crowd.add_region(region_id, points, settings)
            while True:
                ok, image = capture.read()
                if not ok:
                    break
                pts = int(capture.get(cv2.CAP_PROP_POS_MSEC) * 1e6)
                crowd.process(image, format="BGR", pts_ns=pts)
                if args.overlay:
                    if writer is None:
                        fps = capture.get(cv2.CAP_PROP_FPS) or 25
                        writer = cv2.VideoWriter(args.overlay, cv2.VideoWriter_fourcc(*"MJPG"),
                                                 fps, (image.shape[1], image.shape[0]))
                    crowd.draw(image, format="BGR")
                    writer.write(image)
    except vision.VisionError as e:
        print("crowd_video: %s" % e, file=sys.stderr)
        return 1
    finally:
        capture.release()
        if writer is not None:
            writer.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
